// One function per `thrive` subcommand. Each returns the process exit code:
// 0 success, 1 a tool (or workflow block) failed, 2 a usage error.
#pragma once

#include <string>
#include <vector>

namespace thrive::cli {

int cmd_tools(const std::vector<std::string>& args);
int cmd_describe(const std::vector<std::string>& args);
int cmd_call(const std::vector<std::string>& args);
int cmd_run(const std::vector<std::string>& args);
int cmd_demo(const std::vector<std::string>& args);
int cmd_mcp(const std::vector<std::string>& args);

}  // namespace thrive::cli
