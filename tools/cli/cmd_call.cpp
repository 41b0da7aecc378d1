// `thrive call TOOL`: one tool, parameters from --params, --params-file or
// stdin; prints the result envelope; exit 0 / 1 (tool failed) / 2 (usage).
#include "commands.hpp"
#include "json_pretty.hpp"
#include "pager.hpp"
#include "session.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace json = boost::json;

namespace thrive::cli {
namespace {

std::string read_params(const Args& args) {
    int sources = args.has("params") + args.has("params-file");
    if (sources > 1) throw UsageError("give either --params or --params-file, not both");
    if (auto p = args.value("params")) return *p;
    if (auto file = args.value("params-file")) {
        std::ostringstream text;
        if (*file == "-") {
            text << std::cin.rdbuf();
        } else {
            std::ifstream in(*file);
            if (!in) throw UsageError("cannot read --params-file " + *file);
            text << in.rdbuf();
        }
        return text.str();
    }
    return "{}";
}

}  // namespace

int cmd_call(const std::vector<std::string>& words) {
    std::set<std::string> value_flags = {"params", "params-file", "standin-state"};
    value_flags.insert(settings_flags().begin(), settings_flags().end());
    Args args(words, value_flags, {"dry-run", "all-pages", "compact"});
    if (args.positionals().size() != 1)
        throw UsageError("usage: thrive call TOOL [--params JSON | --params-file FILE|-] [--dry-run] [--all-pages]");
    const std::string tool = args.positionals()[0];
    std::string params = read_params(args);

    // Parameters must be a JSON object; say so as a usage error before
    // anything is loaded.
    boost::system::error_code ec;
    json::value parsed = json::parse(params, ec);
    if (ec || !parsed.is_object())
        throw UsageError("--params must be a JSON object, e.g. '{\"ref\": \"E1001\"}'" +
                         (ec ? " (" + ec.message() + ")" : std::string()));

    SessionOptions options;
    options.standin_state = args.value("standin-state").value_or("default");
    Session session(args, options);
    if (session.instance().tool_json(tool).empty()) {
        std::cerr << "thrive: no tool named '" << tool << "' (thrive tools lists them)\n";
        return 2;
    }
    CallOutcome outcome = args.has("dry-run")        ? session.instance().dry_run(tool, params)
                          : args.has("all-pages")    ? call_all_pages(session.instance(), tool, parsed.as_object())
                                                     : session.instance().call(tool, params);
    json::value envelope = json::parse(outcome.json);
    std::cout << (args.has("compact") ? json::serialize(envelope) : pretty(envelope)) << "\n";
    return outcome.status == 0 ? 0 : 1;
}

}  // namespace thrive::cli
