// `thrive mcp`: placeholder until the MCP server lands (issue 4).
#include "commands.hpp"
#include "cli_args.hpp"

namespace thrive::cli {

int cmd_mcp(const std::vector<std::string>&) { throw UsageError("the MCP server is not built yet"); }

}  // namespace thrive::cli
