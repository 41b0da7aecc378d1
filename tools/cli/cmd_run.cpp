// `thrive run WORKFLOW.json` and `thrive demo`.
#include "commands.hpp"
#include "demo_workflow.hpp"
#include "session.hpp"
#include "workflow_runner.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace thrive::cli {
namespace {

std::set<std::string> value_flags() {
    std::set<std::string> flags = {"standin-state"};
    flags.insert(settings_flags().begin(), settings_flags().end());
    return flags;
}

Workflow parse_or_usage_error(const std::string& text) {
    try {
        return parse_workflow(text);
    } catch (const WorkflowError& e) {
        throw UsageError(std::string("workflow: ") + e.what());
    }
}

int run(const Workflow& workflow, const Args& args, Session& session) {
    RunOptions options;
    options.dry_run = args.has("dry-run");
    options.verbose = args.has("verbose");
    return run_workflow(session.instance(), workflow, std::cout, options);
}

}  // namespace

int cmd_run(const std::vector<std::string>& words) {
    Args args(words, value_flags(), {"dry-run", "verbose"});
    if (args.positionals().size() != 1) throw UsageError("usage: thrive run WORKFLOW.json [--dry-run] [--verbose]");
    std::ifstream in(args.positionals()[0]);
    if (!in) throw UsageError("cannot read workflow file " + args.positionals()[0]);
    std::ostringstream text;
    text << in.rdbuf();
    Workflow workflow = parse_or_usage_error(text.str());
    SessionOptions options;
    options.standin_state = args.value("standin-state").value_or("default");
    Session session(args, options);
    return run(workflow, args, session);
}

int cmd_demo(const std::vector<std::string>& words) {
    Args args(words, {"plugin"}, {"verbose", "print-workflow"});
    if (args.has("print-workflow")) {
        std::cout << demo_workflow_json();
        return 0;
    }
    // The demo always runs against a fresh in-memory stand-in, whatever the
    // environment says, so it is repeatable and touches no real tenant.
    for (const char* name : {"THRIVE_TENANT_ID", "THRIVE_API_KEY", "THRIVE_HOST"}) unsetenv(name);
    SessionOptions options;
    options.standin_state = "";
    options.announce = false;
    Workflow workflow = parse_or_usage_error(demo_workflow_json());
    Session session(args, options);
    std::cout << "Local Thrive stand-in at " << session.standin()->base_url()
              << " (HTTPS, its CA verified by the plugin; data in memory)\n\n";
    return run(workflow, args, session);
}

}  // namespace thrive::cli
