// thrive: the command-line host of the Thrive plugin. It loads the plugin
// with dlopen and talks to it only through the public C header.
#include "cli_args.hpp"
#include "commands.hpp"
#include "plugin_loader.hpp"

#include <iostream>
#include <map>

namespace {

const char* kUsage = R"(thrive - Thrive Learning tools from the command line

usage:
  thrive tools [--json]                 list the tools
  thrive describe TOOL [--json]         one tool's inputs and outputs
  thrive call TOOL [--params JSON | --params-file FILE|-] [--dry-run] [--all-pages]
                                        run one tool, print the result envelope
  thrive run WORKFLOW.json [--dry-run]  run a workflow: blocks in sequence
  thrive demo                           onboarding + compliance workflow against
                                        the embedded local stand-in
  thrive mcp                            MCP server on stdin/stdout

operator settings (environment, or the flag beside it):
  THRIVE_TENANT_ID   --tenant-id   tenant ID (Basic auth user)
  THRIVE_API_KEY     --api-key     API key (Basic auth password)
  THRIVE_HOST        --host        region host (default public.api.learn.link)
  THRIVE_ALLOWED_HOSTS --allow-host extra allowed hosts, comma-separated host[:port]
  THRIVE_CA_FILE     --ca-file     extra CA bundle to trust
  THRIVE_TIMEOUT_MS                 timeout of one HTTP attempt (default 60000)
  THRIVE_MAX_RETRIES                retries of a failed GET / rate-limited call (default 3)
  THRIVE_PLUGIN      --plugin      path of libthrive_plugin.so
With no tenant, key or host set, calls go to the embedded local stand-in
(state kept in THRIVE_STANDIN_STATE, default ~/.local/state/thrive/standin.json).

exit codes: 0 success, 1 the tool failed, 2 usage error
)";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        std::cout << kUsage;
        return words.empty() ? 2 : 0;
    }
    static const std::map<std::string, int (*)(const std::vector<std::string>&)> commands = {
        {"tools", thrive::cli::cmd_tools}, {"describe", thrive::cli::cmd_describe}, {"call", thrive::cli::cmd_call},
        {"run", thrive::cli::cmd_run},     {"demo", thrive::cli::cmd_demo},         {"mcp", thrive::cli::cmd_mcp},
    };
    auto command = commands.find(words[0]);
    if (command == commands.end()) {
        std::cerr << "thrive: unknown command '" << words[0] << "'\n\n" << kUsage;
        return 2;
    }
    words.erase(words.begin());
    try {
        int code = command->second(words);
        std::cout.flush();
        if (!std::cout) {
            std::cerr << "thrive: could not write the output\n";
            return 1;
        }
        return code;
    } catch (const thrive::cli::ConfigurationError& e) {
        std::cerr << "thrive: " << e.what() << "\n";
        return 2;
    } catch (const thrive::cli::UsageError& e) {
        std::cerr << "thrive: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "thrive: " << e.what() << "\n";
        return 1;
    }
}
