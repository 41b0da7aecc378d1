// `thrive mcp`: the tools as an MCP server on stdin/stdout (JSON-RPC 2.0, one
// message per line). Operator settings come only from this process's
// environment; with none set, the embedded local stand-in answers.
#include "commands.hpp"
#include "mcp/message_writer.hpp"
#include "mcp/server.hpp"
#include "session.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <unistd.h>

namespace thrive::cli {
namespace {

// How long calls in flight at end of input may still take to be answered:
// THRIVE_MCP_EOF_GRACE_MS, default 2 s.
std::chrono::milliseconds eof_grace() {
    const char* text = std::getenv("THRIVE_MCP_EOF_GRACE_MS");
    if (!text || !*text) return std::chrono::milliseconds(2000);
    try {
        return std::chrono::milliseconds(std::max(0L, std::stol(text)));
    } catch (...) {
        return std::chrono::milliseconds(2000);
    }
}


const char* kMcpUsage = R"(usage: thrive mcp [--plugin PATH]

Serves the Thrive tools to an MCP client over stdin/stdout (JSON-RPC 2.0, one
message per line; protocol revisions 2025-11-25, 2025-06-18, 2025-03-26 and
2024-11-05). Logs go to stderr. Exits when stdin closes.

Operator settings come from the environment only, never from the agent:
  THRIVE_TENANT_ID, THRIVE_API_KEY, THRIVE_HOST, THRIVE_ALLOWED_HOSTS,
  THRIVE_CA_FILE, THRIVE_PLUGIN
With none of tenant, key and host set, calls go to the embedded local stand-in
(state in THRIVE_STANDIN_STATE, default ~/.local/state/thrive/standin.json;
set it empty to keep the state in memory).
THRIVE_MCP_PAGE_SIZE: tools per tools/list page (default: all in one page).
)";

std::string plugin_version(const Instance& instance) {
    const char* info = instance.api().plugin_info ? instance.api().plugin_info() : nullptr;
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(info ? info : "", ec);
    if (!ec && parsed.is_object())
        if (auto v = parsed.as_object().if_contains("version"); v && v->is_string()) return std::string(v->as_string());
    return "0.0.0";
}

std::size_t page_size_from_environment() {
    const char* text = std::getenv("THRIVE_MCP_PAGE_SIZE");
    if (!text || !*text) return 0;
    char* end = nullptr;
    unsigned long n = std::strtoul(text, &end, 10);
    if (*end != '\0') throw UsageError("THRIVE_MCP_PAGE_SIZE must be a whole number, got '" + std::string(text) + "'");
    return n;
}

}  // namespace

int cmd_mcp(const std::vector<std::string>& words) {
    // Only --plugin: tenant, key, host, allowlist and CA file are the
    // environment's, so that an agent's host configuration cannot widen them.
    Args args(words, {"plugin"}, {"help"});
    if (args.has("help")) {
        std::cout << kMcpUsage;
        return 0;
    }
    if (!args.positionals().empty()) throw UsageError("thrive mcp takes no arguments\n" + std::string(kMcpUsage));
    std::size_t page_size = page_size_from_environment();

    // stdout is the protocol channel. Keep a private descriptor for it and
    // point descriptor 1 at stderr, so a stray print anywhere in the process
    // lands in the log instead of corrupting the stream.
    std::cout.flush();
    int protocol_fd = ::dup(STDOUT_FILENO);
    if (protocol_fd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
        throw std::runtime_error("cannot set up the protocol channel on stdout");
    std::signal(SIGPIPE, SIG_IGN);  // a vanished client is a failed write, not a dead process

    SessionOptions options;
    // The same sandbox tenant as `thrive call` and `thrive demo` when no
    // credentials are set (persistent unless THRIVE_STANDIN_STATE is empty).
    options.standin_state = "default";
    Session session(args, options);

    mcp::MessageWriter writer(protocol_fd);
    writer.add_secret(session.settings().api_key);

    mcp::ServerInfo info;
    info.version = plugin_version(session.instance());
    info.description = "Thrive Learning REST API tools: users, audiences, members, managers, assignments, "
                       "enrolments, completions, content, activities, CPD, tags and skills.";
    info.instructions =
        "Tools for one Thrive Learning tenant. Credentials and the region host are configured by the operator; "
        "never pass tenantId, apiKey or host. JSON list fields (users, managers, tags, skills, "
        "alternativeContentIds, additionalFields) take real arrays/objects. List tools page with page/perPage.";
    {
        mcp::Server server(session.instance(), writer, info, page_size);
        std::cerr << "thrive mcp: serving " << server.tool_count() << " tools (plugin " << info.version
                  << ") on stdin/stdout" << std::endl;
        std::string line;
        while (std::getline(std::cin, line)) server.handle_line(line);
        server.finish(eof_grace());
    }
    std::cerr << "thrive mcp: end of input, exiting" << std::endl;
    ::close(protocol_fd);
    return 0;
}

}  // namespace thrive::cli
