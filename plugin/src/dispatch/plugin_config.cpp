#include "dispatch/plugin_config.hpp"

#include "params/describe_value.hpp"

#include <boost/json.hpp>

namespace json = boost::json;

namespace thrive::dispatch {
namespace {

Error bad(const std::string& key, const std::string& what) {
    return Error{ErrorCode::invalid_params, "configuration " + key + ": " + what, key, 0, 0};
}

}  // namespace

std::variant<PluginConfig, Error> parse_config(const char* json_text) {
    PluginConfig config;
    if (!json_text || !*json_text) return config;
    boost::system::error_code ec;
    json::value v = json::parse(json_text, ec);
    if (ec) return bad("(document)", "not valid JSON: " + ec.message());
    if (v.is_null()) return config;
    if (!v.is_object()) return bad("(document)", "expected a JSON object");

    for (const auto& [key_view, value] : v.as_object()) {
        std::string key(key_view);
        auto text = [&](std::string& into, bool secret) -> std::optional<Error> {
            if (value.is_null()) return std::nullopt;
            if (!value.is_string())
                return bad(key, "expected a string, got " + (secret ? params::describe_kind(value) : params::describe(value)));
            into = std::string(value.as_string());
            return std::nullopt;
        };
        auto whole = [&](auto& into, long long min, long long max) -> std::optional<Error> {
            if (value.is_null()) return std::nullopt;
            if (!value.is_int64() && !value.is_uint64()) return bad(key, "expected a whole number, got " + params::describe(value));
            long long n = value.is_int64() ? value.as_int64() : static_cast<long long>(value.as_uint64());
            if (n < min || n > max)
                return bad(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
            into = static_cast<std::remove_reference_t<decltype(into)>>(n);
            return std::nullopt;
        };
        std::optional<Error> e;
        if (key == "tenantId") e = text(config.tenant_id, true);
        else if (key == "apiKey") e = text(config.api_key, true);
        else if (key == "host") e = text(config.host, false);
        else if (key == "caFile") e = text(config.ca_file, false);
        else if (key == "userAgent") e = text(config.user_agent, false);
        else if (key == "connectTimeoutMs") e = whole(config.connect_timeout_ms, 1, 600'000);
        else if (key == "requestTimeoutMs") e = whole(config.request_timeout_ms, 1, 3'600'000);
        else if (key == "maxRetries") e = whole(config.max_retries, 0, 10);
        else if (key == "maxResponseBytes") e = whole(config.max_response_bytes, 1024, 1LL << 32);
        else if (key == "allowedHosts") {
            if (value.is_string()) {
                // Also accept the comma-separated form of THRIVE_ALLOWED_HOSTS.
                std::string_view rest = value.as_string();
                while (!rest.empty()) {
                    auto comma = rest.find(',');
                    auto item = rest.substr(0, comma);
                    if (item.find_first_not_of(" \t") != std::string_view::npos) config.allowed_hosts.emplace_back(item);
                    if (comma == std::string_view::npos) break;
                    rest.remove_prefix(comma + 1);
                }
            } else if (value.is_array()) {
                for (const auto& item : value.as_array()) {
                    if (!item.is_string()) return bad(key, "expected strings, got " + params::describe(item));
                    config.allowed_hosts.emplace_back(item.as_string());
                }
            } else if (!value.is_null()) {
                return bad(key, "expected an array of \"host[:port]\" strings");
            }
        } else {
            return bad(key, "unknown setting (expected tenantId, apiKey, host, allowedHosts, caFile, connectTimeoutMs, "
                            "requestTimeoutMs, maxRetries, maxResponseBytes, userAgent)");
        }
        if (e) return *e;
    }
    return config;
}

}  // namespace thrive::dispatch
