#include "http/response_mapper.hpp"

#include "net/retry_after.hpp"

#include <boost/json.hpp>

namespace json = boost::json;
using thrive::registry::OutputMapping;

namespace thrive::http {
namespace {

const char* reason(int status) {
    switch (status) {
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 409: return "Conflict";
        case 422: return "Unprocessable Entity";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "";
    }
}

bool all_space(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

ErrorCode code_for_transport(net::TransportError e) {
    switch (e) {
        case net::TransportError::cancelled: return ErrorCode::cancelled;
        case net::TransportError::timeout: return ErrorCode::timeout;
        case net::TransportError::tls: return ErrorCode::tls_error;
        case net::TransportError::network: return ErrorCode::network_error;
        case net::TransportError::too_large:
        case net::TransportError::bad_response: return ErrorCode::bad_response;
        case net::TransportError::none: break;
    }
    return ErrorCode::internal;
}

Result bad_response(const std::string& what, int status) {
    return Result::failure(Error{ErrorCode::bad_response, what, "", status, 0});
}

Result map_success(const registry::ToolSpec& tool, const Response& response) {
    const auto& out = tool.output;
    if (out.mapping == OutputMapping::success) return Result::success(json::object{{"success", true}});

    json::value body;
    if (!all_space(response.body)) {
        boost::system::error_code ec;
        body = json::parse(response.body, ec);
        if (ec)
            return bad_response("Thrive answered " + std::to_string(response.status) +
                                    " but the body is not valid JSON (" + ec.message() + ")",
                                response.status);
    }
    auto expect_object = [&](const char* what) -> std::optional<Result> {
        if (!body.is_object())
            return bad_response(std::string("expected ") + what + " in the response, got " +
                                    (body.is_null() ? "an empty body" : "JSON of another shape"),
                                response.status);
        return std::nullopt;
    };
    switch (out.mapping) {
        case OutputMapping::record:
            if (auto e = expect_object("a JSON object")) return *e;
            return Result::success(json::object{{out.key, std::move(body)}});
        case OutputMapping::page: {
            if (auto e = expect_object("a page {results, pagination}")) return *e;
            auto& obj = body.as_object();
            if (!obj.contains("results") || !obj.at("results").is_array())
                return bad_response("expected a page with a \"results\" array in the response", response.status);
            if (!obj.contains("pagination")) obj["pagination"] = json::object();
            return Result::success(std::move(body));
        }
        case OutputMapping::list:
            if (!body.is_array())
                return bad_response("expected a JSON array in the response, got " +
                                        std::string(body.is_null() ? "an empty body" : "JSON of another shape"),
                                    response.status);
            return Result::success(json::object{{out.key, std::move(body)}});
        case OutputMapping::bulk:
            if (auto e = expect_object("an add/replace result object")) return *e;
            return Result::success(json::object{{"result", std::move(body)}});
        case OutputMapping::status: {
            // The service usually answers {status, message}; an empty body is
            // still a success, reported with the HTTP status.
            json::object result{{"status", response.status}, {"message", ""}};
            if (body.is_object()) {
                for (const auto& [key, value] : body.as_object()) result[key] = value;
            } else if (!body.is_null()) {
                return bad_response("expected {status, message} in the response", response.status);
            }
            return Result::success(std::move(result));
        }
        case OutputMapping::body:
            if (auto e = expect_object("a JSON object")) return *e;
            return Result::success(std::move(body));
        case OutputMapping::success: break;
    }
    return Result::success(std::move(body));
}

}  // namespace

std::string service_message(const Response& response) {
    if (all_space(response.body)) return "";
    boost::system::error_code ec;
    json::value body = json::parse(response.body, ec);
    if (!ec && body.is_object()) {
        for (const char* key : {"message", "error", "detail"}) {
            if (auto v = body.as_object().if_contains(key)) {
                if (v->is_string()) return std::string(v->as_string());
                if (v->is_object())
                    if (auto m = v->as_object().if_contains("message"); m && m->is_string())
                        return std::string(m->as_string());
            }
        }
        return "";
    }
    // Not JSON: a gateway's HTML page or plain text. Prefer the <title>.
    auto lower = response.body;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto open = lower.find("<title>");
    if (open != std::string::npos) {
        auto close = lower.find("</title>", open);
        if (close != std::string::npos) return response.body.substr(open + 7, close - open - 7) + " (HTML page)";
    }
    std::string text = response.body.substr(0, 200);
    for (auto& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return text;
}

Result map_response(const registry::ToolSpec& tool, const net::TransportResult& result,
                    std::chrono::system_clock::time_point now) {
    if (result.error != net::TransportError::none)
        return Result::failure(Error{code_for_transport(result.error), result.message, "", 0, 0});

    const Response& response = result.response;
    int status = response.status;
    if (status >= 200 && status < 300) return map_success(tool, response);

    Error e;
    e.http_status = status;
    std::string said = service_message(response);
    e.message = "Thrive answered " + std::to_string(status) +
                (reason(status)[0] ? std::string(" ") + reason(status) : "") + (said.empty() ? "" : ": " + said);
    if (status == 401 || status == 403) {
        e.code = ErrorCode::auth_failed;
        e.message += " (check the tenant ID and API key)";
    } else if (status == 404) {
        e.code = ErrorCode::not_found;
    } else if (status == 429) {
        e.code = ErrorCode::rate_limited;
    } else {
        e.code = ErrorCode::http_error;
    }
    if (status == 429 || status == 503)
        if (auto h = response.header("Retry-After"))
            if (auto wait = net::parse_retry_after(*h, now)) e.retry_after_ms = wait->count();
    return Result::failure(std::move(e));
}

}  // namespace thrive::http
