#include "mcp/call_result.hpp"

#include <algorithm>
#include <cctype>

namespace json = boost::json;

namespace thrive::cli::mcp {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string environment_variable_for(const std::string& field) {
    if (field == "tenantId") return "THRIVE_TENANT_ID";
    if (field == "apiKey") return "THRIVE_API_KEY";
    if (field == "host") return "THRIVE_HOST";
    return "";
}

// "invalid_params, field firstName" / "not_found, HTTP 404" ...
std::string failure_text(std::string_view tool, const json::object& error) {
    auto text = [&](std::string_view key) -> std::string {
        auto v = error.if_contains(key);
        return v && v->is_string() ? std::string(v->as_string()) : "";
    };
    auto number = [&](std::string_view key) -> long long {
        auto v = error.if_contains(key);
        if (!v) return 0;
        if (v->is_int64()) return v->as_int64();
        if (v->is_uint64()) return static_cast<long long>(v->as_uint64());
        if (v->is_double()) return static_cast<long long>(v->as_double());
        return 0;
    };
    std::string code = text("code"), field = text("field"), message = text("message");
    long long status = number("httpStatus"), retry_after = number("retryAfterMs");

    std::string facts = code.empty() ? "error" : code;
    if (!field.empty()) facts += ", field " + field;
    if (status > 0) facts += ", HTTP " + std::to_string(status);
    std::string out = std::string(tool) + " failed (" + facts + "): " + (message.empty() ? "no message" : message);
    if (retry_after > 0) out += " Retry after " + std::to_string(retry_after) + " ms.";
    return out;
}

}  // namespace

json::object error_result(const std::string& text) {
    return json::object{{"content", json::array{json::object{{"type", "text"}, {"text", text}}}}, {"isError", true}};
}

json::object call_result(std::string_view tool, std::string_view envelope_json, bool structured) {
    boost::system::error_code ec;
    json::value envelope = json::parse(envelope_json, ec);
    if (ec || !envelope.is_object())
        return error_result(std::string(tool) + " failed (internal): the plugin's result is not a JSON object");
    const auto& e = envelope.as_object();
    auto success = e.if_contains("success");
    if (success && success->is_bool() && success->as_bool()) {
        json::object output;
        if (auto o = e.if_contains("output"); o && o->is_object()) output = o->as_object();
        json::object result{{"content", json::array{json::object{{"type", "text"}, {"text", json::serialize(output)}}}}};
        if (structured) result["structuredContent"] = std::move(output);
        return result;
    }
    json::object error;
    if (auto err = e.if_contains("error"); err && err->is_object()) error = err->as_object();
    return error_result(failure_text(tool, error));
}

std::string operator_argument(const json::object& arguments, const std::set<std::string>& operator_names) {
    for (const auto& [key, value] : arguments) {
        std::string k = lower(key);
        for (const auto& name : operator_names)
            if (lower(name) == k) return name;
    }
    return "";
}

json::object operator_refusal(const std::string& field) {
    std::string variable = environment_variable_for(field);
    return error_result("Refused: " + field +
                        " is an operator setting and cannot be passed as a tool argument; the operator sets it in "
                        "the MCP server's environment" +
                        (variable.empty() ? std::string() : " (" + variable + ")") + ". Call again without " + field +
                        ".");
}

}  // namespace thrive::cli::mcp
