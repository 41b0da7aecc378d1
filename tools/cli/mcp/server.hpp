// The MCP server's protocol side: lifecycle (initialize, version
// negotiation, notifications/initialized), ping, tools/list, tools/call
// (asynchronous, cancellable, with progress), batches where the revision
// has them, and the JSON-RPC error answers. Lines in, messages out through
// the MessageWriter; the plugin instance is borrowed.
#pragma once

#include <chrono>

#include "mcp/inflight_calls.hpp"
#include "mcp/json_rpc.hpp"
#include "mcp/message_writer.hpp"
#include "mcp/protocol_version.hpp"
#include "mcp/tool_catalog.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace thrive::cli {
class Instance;
}

namespace thrive::cli::mcp {

struct ServerInfo {
    std::string name = "thrive";
    std::string title = "Thrive Learning";
    std::string version;  // the plugin's version
    std::string description;
    std::string instructions;
};

class Server {
public:
    // page_size: tools per tools/list page (0 = all in one).
    Server(Instance& instance, MessageWriter& writer, ServerInfo info, std::size_t page_size = 0);
    ~Server();

    // One line from the client: a message, a batch, or garbage.
    void handle_line(std::string_view line);

    // End of input: cancel what is in flight (no answers) and wait for it.
    void shutdown();
    // End of input: calls still in flight get up to `grace` to finish and be
    // answered (a client that writes its requests and closes stdin still
    // gets its answers); then the rest are cancelled.
    void finish(std::chrono::milliseconds grace);

    std::size_t tool_count() const { return catalog_.size(); }

private:
    class Batch;

    void handle_message(const json::value& message, const std::shared_ptr<Batch>& batch);
    void handle_notification(const Incoming& in);
    void handle_request(const Incoming& in, Reply reply);
    void initialize(const Incoming& in, Reply& reply);
    void list_tools(const Incoming& in, Reply& reply);
    void call_tool(const Incoming& in, Reply& reply);
    void complete_call(PendingCall& call, int status, std::string_view envelope, bool cancelled);
    void send_progress(const json::value& token, int progress, const std::string& message);
    Reply reply_for(const std::shared_ptr<Batch>& batch);

    // Revision in use; the latest until initialize says otherwise.
    ProtocolFeatures features() const;

    Instance& instance_;
    MessageWriter& writer_;
    ServerInfo info_;
    ToolCatalog catalog_;
    mutable std::mutex state_mutex_;
    std::string protocol_version_;
    bool initialize_seen_ = false;
    bool initialized_ = false;
    bool warned_uninitialized_ = false;
    InFlightCalls calls_;  // last: destroyed (cancelled, waited for) first
};

}  // namespace thrive::cli::mcp
