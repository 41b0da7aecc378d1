// Tool calls in flight: started through the ABI's call_async so several can
// run at once, keyed by JSON-RPC request id so notifications/cancelled can
// reach them (call_cancel stops the HTTP exchange), and counted so shutdown
// can cancel what is left and wait for every completion.
#pragma once

#include <chrono>

#include "mcp/json_rpc.hpp"
#include "thrive/thrive_plugin.h"

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace thrive::cli::mcp {

struct PendingCall {
    std::string key;                         // id_key(id)
    json::value id;                          // the request id
    std::string tool;
    std::optional<json::value> progress_token;
    bool structured = false;                 // answer with structuredContent
    Reply reply;

    // Set by InFlightCalls.
    const thrive_api_v1* api = nullptr;
    thrive_call* handle = nullptr;           // released when the last owner lets go
    bool cancelled = false;                  // the answer is not wanted any more

    ~PendingCall();
};

class InFlightCalls {
public:
    // Runs on a plugin worker thread once per started call. `cancelled`:
    // the client (or shutdown) cancelled it, so no answer must be sent.
    using Completion = std::function<void(PendingCall& call, int status, std::string_view envelope, bool cancelled)>;

    InFlightCalls(const thrive_api_v1& api, thrive_instance* instance, Completion on_complete);
    ~InFlightCalls();  // cancel_all() and wait_idle()
    InFlightCalls(const InFlightCalls&) = delete;
    InFlightCalls& operator=(const InFlightCalls&) = delete;

    bool contains(const std::string& key) const;

    // Starts the call with these arguments (a JSON object text). On a non-OK
    // status from call_async the call is forgotten, the completion never
    // runs and the status is returned.
    int start(std::shared_ptr<PendingCall> call, const std::string& arguments_json);

    // Marks the call cancelled and asks the plugin to stop it. False when no
    // such call is in flight (already answered, or never seen).
    bool cancel(const std::string& key);
    void cancel_all();

    // Blocks until no call is in flight.
    // Like wait_idle, but gives up after `limit`; true when idle.
    bool wait_idle_for(std::chrono::milliseconds limit);
    void wait_idle();

private:
    static void on_done(void* user_data, int status, const char* result_json);

    const thrive_api_v1& api_;
    thrive_instance* instance_;
    Completion on_complete_;
    mutable std::mutex mutex_;
    std::condition_variable idle_;
    std::map<std::string, std::shared_ptr<PendingCall>> calls_;
    std::size_t outstanding_ = 0;  // started calls whose completion has not finished
};

}  // namespace thrive::cli::mcp
