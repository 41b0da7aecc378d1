#include "mcp/json_rpc.hpp"

namespace thrive::cli::mcp {

Incoming classify(const json::value& message) {
    Incoming in;
    const json::object* obj = message.if_object();
    if (!obj) {
        in.problem = "a JSON-RPC message must be a JSON object";
        return in;
    }
    const json::value* id = obj->if_contains("id");
    bool id_ok = id && (id->is_string() || id->is_number());
    if (id_ok) in.id = *id;

    const json::value* version = obj->if_contains("jsonrpc");
    if (!version || !version->is_string() || version->as_string() != "2.0") {
        in.problem = "\"jsonrpc\" must be \"2.0\"";
        return in;
    }
    const json::value* method = obj->if_contains("method");
    if (!method) {
        if (obj->contains("result") || obj->contains("error")) {
            in.kind = Incoming::Kind::response;
            return in;
        }
        in.problem = "a request needs a \"method\"";
        return in;
    }
    if (!method->is_string() || method->as_string().empty()) {
        in.problem = "\"method\" must be a non-empty string";
        return in;
    }
    in.method = std::string(method->as_string());
    if (const json::value* params = obj->if_contains("params")) in.params = *params;
    if (!id) {
        in.kind = Incoming::Kind::notification;
        return in;
    }
    if (!id_ok) {
        in.problem = "\"id\" must be a string or a number";
        return in;
    }
    in.kind = Incoming::Kind::request;
    return in;
}

std::string id_key(const json::value& id) { return json::serialize(id); }

json::object make_result(const json::value& id, json::object result) {
    return json::object{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json::object make_error(const json::value& id, int code, std::string_view message) {
    return json::object{{"jsonrpc", "2.0"}, {"id", id}, {"error", json::object{{"code", code}, {"message", message}}}};
}

json::object make_notification(std::string_view method, json::object params) {
    return json::object{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

}  // namespace thrive::cli::mcp
