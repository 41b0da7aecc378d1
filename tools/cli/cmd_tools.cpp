// `thrive tools` and `thrive describe TOOL`: what the plugin registers.
#include "commands.hpp"
#include "json_pretty.hpp"
#include "session.hpp"

#include <boost/json.hpp>

#include <iomanip>
#include <iostream>

namespace json = boost::json;

namespace thrive::cli {
namespace {

std::set<std::string> with_settings(std::set<std::string> extra) {
    extra.insert(settings_flags().begin(), settings_flags().end());
    return extra;
}

// Listing and describing tools needs no service at all.
SessionOptions without_service() {
    SessionOptions options;
    options.allow_embedded = false;
    return options;
}

std::string text(const json::object& o, const char* key) {
    auto v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : "";
}

void print_outputs(const json::value& schema, int depth) {
    auto props = schema.is_object() ? schema.as_object().if_contains("properties") : nullptr;
    if (!props || !props->is_object()) return;
    for (const auto& [name, prop] : props->as_object()) {
        const auto& p = prop.as_object();
        std::string type = p.contains("type") && p.at("type").is_string() ? std::string(p.at("type").as_string()) : "json";
        std::cout << std::string(static_cast<std::size_t>(2 + depth * 2), ' ') << std::left << std::setw(24)
                  << std::string(name) << std::setw(9) << type << text(p, "description") << "\n";
        print_outputs(prop, depth + 1);
        if (auto items = p.if_contains("items")) print_outputs(*items, depth + 1);
    }
}

}  // namespace

int cmd_tools(const std::vector<std::string>& words) {
    Args args(words, with_settings({}), {"json"});
    Session session(args, without_service());
    json::value tools = json::parse(session.instance().tools_json());
    if (args.has("json")) {
        std::cout << pretty(tools) << "\n";
        return 0;
    }
    for (const auto& t : tools.as_array()) {
        const auto& o = t.as_object();
        std::cout << std::left << std::setw(36) << text(o, "id") << text(o, "description") << "\n";
    }
    std::cout << tools.as_array().size() << " tools\n";
    return 0;
}

int cmd_describe(const std::vector<std::string>& words) {
    Args args(words, with_settings({}), {"json"});
    if (args.positionals().size() != 1) throw UsageError("usage: thrive describe TOOL [--json]");
    Session session(args, without_service());
    std::string descriptor = session.instance().tool_json(args.positionals()[0]);
    if (descriptor.empty()) {
        std::cerr << "thrive: no tool named '" << args.positionals()[0] << "' (thrive tools lists them)\n";
        return 2;
    }
    json::value d = json::parse(descriptor);
    if (args.has("json")) {
        std::cout << pretty(d) << "\n";
        return 0;
    }
    const auto& o = d.as_object();
    const auto& http = o.at("http").as_object();
    std::cout << text(o, "id") << " - " << text(o, "title") << "\n" << text(o, "description") << "\n\n"
              << "HTTP: " << text(http, "method") << " /rest/" << text(http, "version") << text(http, "path") << "\n\n"
              << "Inputs (operator settings come from THRIVE_* variables):\n";
    for (const auto& p : o.at("input").as_array()) {
        const auto& po = p.as_object();
        bool required = po.contains("required") && po.at("required").as_bool();
        bool op = po.contains("operator") && po.at("operator").as_bool();
        std::string extra;
        if (auto e = po.if_contains("enum")) extra = " one of " + json::serialize(*e);
        if (auto e = po.if_contains("csvEnum")) extra = " comma-separated " + json::serialize(*e);
        if (auto f = po.if_contains("format")) extra += " format " + std::string(f->as_string());
        std::cout << "  " << std::left << std::setw(24) << text(po, "name") << std::setw(9) << text(po, "type")
                  << (op ? "operator " : required ? "required " : "optional ") << text(po, "description") << extra
                  << "\n";
    }
    std::cout << "\nOutputs:\n";
    print_outputs(o.at("output").as_object().at("schema"), 0);
    return 0;
}

}  // namespace thrive::cli
