#include "http/request_builder.hpp"

#include "http/url_encoding.hpp"

#include <boost/json.hpp>

namespace json = boost::json;

namespace thrive::http {
namespace {

std::string scalar_text(const json::value& v) {
    if (v.is_string()) return std::string(v.as_string());
    if (v.is_bool()) return v.as_bool() ? "true" : "false";
    return json::serialize(v);
}

std::string trimmed(const std::string& s) {
    auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string build_path(const registry::ToolSpec& tool, const params::ValidatedParams& values) {
    std::string out = "/rest/" + tool.http.version;
    const std::string& path = tool.http.path;
    for (std::size_t i = 0; i < path.size();) {
        if (path[i] == '{') {
            auto close = path.find('}', i);
            std::string name = path.substr(i + 1, close - i - 1);
            // Path parameters are required, so validation guarantees a value.
            out += percent_encode(values.string_or(name, ""));
            i = close + 1;
        } else {
            out += path[i++];
        }
    }
    return out;
}

std::string build_query(const registry::ToolSpec& tool, const params::ValidatedParams& values) {
    std::string out;
    for (const auto& name : tool.http.query) {
        auto v = values.get(name);
        if (!v) continue;
        std::string text = trimmed(scalar_text(*v));
        if (text.empty()) continue;
        out += (out.empty() ? "?" : "&") + percent_encode(name) + "=" + percent_encode(text);
    }
    return out;
}

}  // namespace

json::value fill_body_template(const json::value& tmpl, const params::ValidatedParams& values, bool* present) {
    *present = true;
    if (tmpl.is_string()) {
        std::string_view s = tmpl.as_string();
        if (!s.empty() && s.front() == '$') {
            auto v = values.get(std::string(s.substr(1)));
            if (!v) {
                *present = false;
                return nullptr;
            }
            return *v;
        }
        return tmpl;
    }
    if (tmpl.is_object()) {
        json::object out;
        for (const auto& [key, item] : tmpl.as_object()) {
            bool item_present = false;
            json::value filled = fill_body_template(item, values, &item_present);
            if (item_present) out[key] = std::move(filled);  // unset parameters are left out
        }
        return out;
    }
    if (tmpl.is_array()) {
        json::array out;
        for (const auto& item : tmpl.as_array()) {
            bool item_present = false;
            json::value filled = fill_body_template(item, values, &item_present);
            if (item_present) out.push_back(std::move(filled));
        }
        return out;
    }
    return tmpl;
}

BuiltRequest build_request(const registry::ToolSpec& tool, const params::ValidatedParams& values,
                           const net::Endpoint& endpoint, const std::string& user_agent) {
    BuiltRequest built;
    Request& r = built.request;
    r.method = tool.http.method;
    r.host = endpoint.host;
    r.port = endpoint.port;
    r.tls = endpoint.tls;
    r.target = build_path(tool, values) + build_query(tool, values);
    std::string credentials = values.string_or("tenantId", "") + ":" + values.string_or("apiKey", "");
    r.headers.emplace_back("Authorization", "Basic " + base64(credentials));
    r.headers.emplace_back("Accept", "application/json");
    r.headers.emplace_back("User-Agent", user_agent);
    if (tool.http.body) {
        bool present = false;
        built.body_json = fill_body_template(*tool.http.body, values, &present);
        if (!present) built.body_json = json::object();
        r.body = json::serialize(built.body_json);
        r.headers.emplace_back("Content-Type", "application/json");
    }
    built.url = std::string(endpoint.tls ? "https://" : "http://") +
                (endpoint.host.find(':') != std::string::npos ? "[" + endpoint.host + "]" : endpoint.host) +
                (endpoint.port != (endpoint.tls ? 443 : 80) ? ":" + std::to_string(endpoint.port) : "") + r.target;
    return built;
}

json::object describe_for_dry_run(const BuiltRequest& built) {
    json::object headers;
    for (const auto& [name, value] : built.request.headers)
        headers[name] = name == "Authorization" ? "Basic [REDACTED]" : value;
    json::object out;
    out["method"] = built.request.method;
    out["url"] = built.url;
    out["headers"] = std::move(headers);
    out["body"] = built.body_json;
    return out;
}

}  // namespace thrive::http
