// JSON-RPC 2.0 as MCP uses it: classify one incoming message, build
// responses, errors and notifications. No I/O here.
#pragma once

#include <boost/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace thrive::cli::mcp {

namespace json = boost::json;

namespace rpc_error {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
}  // namespace rpc_error

struct Incoming {
    enum class Kind {
        request,       // method + id: must be answered (or dropped when cancelled)
        notification,  // method, no id: never answered
        response,      // result/error from the client: we send no requests, so ignored
        invalid,       // answered with -32600 (id when it could be read, else null)
    };
    Kind kind = Kind::invalid;
    json::value id;        // request: its id; invalid: the id if readable, else null
    std::string method;
    json::value params;    // null when absent
    std::string problem;   // invalid: what is wrong, in words
};

// Classifies one parsed message (an element of a batch, or a whole line).
Incoming classify(const json::value& message);

// A map key for a request id: ids 1 and "1" are different requests.
std::string id_key(const json::value& id);

json::object make_result(const json::value& id, json::object result);
json::object make_error(const json::value& id, int code, std::string_view message);
json::object make_notification(std::string_view method, json::object params);

// Where the answer to one request goes: a line of its own, or a slot of a
// batch answer. Called exactly once per request; nullopt = no answer (the
// request was cancelled).
using Reply = std::function<void(std::optional<json::object>)>;

}  // namespace thrive::cli::mcp
