#include "core/error.hpp"

#include <boost/json/serialize.hpp>

namespace thrive {

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::ok: return "ok";
        case ErrorCode::invalid_params: return "invalid_params";
        case ErrorCode::unknown_tool: return "unknown_tool";
        case ErrorCode::host_not_allowed: return "host_not_allowed";
        case ErrorCode::auth_failed: return "auth_failed";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::rate_limited: return "rate_limited";
        case ErrorCode::http_error: return "http_error";
        case ErrorCode::network_error: return "network_error";
        case ErrorCode::timeout: return "timeout";
        case ErrorCode::tls_error: return "tls_error";
        case ErrorCode::bad_response: return "bad_response";
        case ErrorCode::cancelled: return "cancelled";
        case ErrorCode::internal: return "internal";
    }
    return "internal";
}

boost::json::object Result::envelope() const {
    boost::json::object env;
    env["success"] = ok();
    if (ok()) {
        env["output"] = output;
        return env;
    }
    env["output"] = boost::json::object();
    boost::json::object err;
    err["code"] = to_string(error.code);
    err["message"] = error.message;
    if (!error.field.empty()) err["field"] = error.field;
    if (error.http_status) err["httpStatus"] = error.http_status;
    if (error.retry_after_ms) err["retryAfterMs"] = error.retry_after_ms;
    env["error"] = std::move(err);
    return env;
}

std::string Result::envelope_json() const { return boost::json::serialize(envelope()); }

}  // namespace thrive
