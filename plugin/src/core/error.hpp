// The closed set of error codes a host can branch on, and the result
// envelope every tool answers with.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

namespace thrive {

// Numeric values equal the C ABI's thrive_status; only ever grows at the end.
enum class ErrorCode {
    ok = 0,
    invalid_params = 1,
    unknown_tool = 2,
    host_not_allowed = 3,
    auth_failed = 4,
    not_found = 5,
    rate_limited = 6,
    http_error = 7,
    network_error = 8,
    timeout = 9,
    tls_error = 10,
    bad_response = 11,
    cancelled = 12,
    internal = 13,
};

const char* to_string(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::string field;        // parameter at fault, if any
    int http_status = 0;      // 0 = no HTTP answer
    long long retry_after_ms = 0;
};

struct Result {
    ErrorCode code = ErrorCode::ok;
    boost::json::value output = boost::json::object();  // on success
    Error error;                                         // when code != ok

    static Result success(boost::json::value output) {
        Result r;
        r.output = std::move(output);
        return r;
    }
    static Result failure(Error e) {
        Result r;
        r.code = e.code;
        r.error = std::move(e);
        return r;
    }
    bool ok() const { return code == ErrorCode::ok; }

    // {"success": true, "output": {...}} or
    // {"success": false, "output": {}, "error": {...}}
    boost::json::object envelope() const;
    std::string envelope_json() const;
};

}  // namespace thrive
