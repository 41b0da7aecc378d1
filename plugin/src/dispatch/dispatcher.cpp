#include "dispatch/dispatcher.hpp"

#include "http/response_mapper.hpp"
#include "http/url_encoding.hpp"
#include "params/validator.hpp"

#include <boost/json.hpp>

namespace json = boost::json;

namespace thrive::dispatch {
namespace {

Result fail(ErrorCode code, std::string message, std::string field = {}) {
    return Result::failure(Error{code, std::move(message), std::move(field), 0, 0});
}

bool blank(const json::value* v) {
    return !v || v->is_null() || (v->is_string() && v->as_string().find_first_not_of(" \t\r\n") == json::string::npos);
}

// Per-call operator settings win; the instance configuration fills the gaps.
void merge_operator_settings(json::object& params, const PluginConfig& config) {
    auto fill = [&](const char* name, const std::string& value) {
        if (!value.empty() && blank(params.if_contains(name))) params[name] = value;
    };
    fill("tenantId", config.tenant_id);
    fill("apiKey", config.api_key);
    fill("host", config.host);
}

// A service (or a proxy) may echo the request back in an error page; the
// credentials must not travel on in the message.
void mask(std::string& text, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        if (secret.size() < 4) continue;
        for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos))
            text.replace(pos, secret.size(), "[REDACTED]");
    }
}

}  // namespace

std::variant<std::unique_ptr<Dispatcher>, Error> Dispatcher::create(PluginConfig config,
                                                                    std::shared_ptr<net::Transport> transport) {
    net::HostAllowlist allowlist;
    for (const auto& entry : config.allowed_hosts)
        if (!allowlist.add(entry))
            return Error{ErrorCode::invalid_params,
                         "configuration allowedHosts: '" + entry +
                             "' is not host[:port] (or http://localhost:port for plain HTTP on this machine)",
                         "allowedHosts", 0, 0};
    if (!config.host.empty() && !net::parse_endpoint(config.host))
        return Error{ErrorCode::invalid_params, "configuration host: '" + config.host + "' is not host[:port]", "host", 0, 0};
    return std::unique_ptr<Dispatcher>(new Dispatcher(std::move(config), std::move(allowlist), std::move(transport)));
}

Dispatcher::Dispatcher(PluginConfig config, net::HostAllowlist allowlist, std::shared_ptr<net::Transport> transport)
    : config_(std::move(config)), allowlist_(std::move(allowlist)), transport_(std::move(transport)) {}

std::variant<Dispatcher::Prepared, Result> Dispatcher::prepare(std::string_view tool_id,
                                                              std::string_view params_json) const {
    const auto* tool = registry::Registry::instance().find(tool_id);
    if (!tool)
        return fail(ErrorCode::unknown_tool, "no tool named '" + std::string(tool_id) + "' (see the tool list)");

    json::object params;
    if (params_json.find_first_not_of(" \t\r\n") != std::string_view::npos) {
        boost::system::error_code ec;
        json::value parsed = json::parse(params_json, ec);
        if (ec) return fail(ErrorCode::invalid_params, "parameters: not valid JSON (" + ec.message() + ")");
        if (parsed.is_object()) params = std::move(parsed.as_object());
        else if (!parsed.is_null())
            return fail(ErrorCode::invalid_params, "parameters: expected a JSON object of parameter names to values");
    }
    merge_operator_settings(params, config_);

    auto checked = params::validate(*tool, params);
    if (auto e = std::get_if<Error>(&checked)) return Result::failure(*e);
    const auto& values = std::get<params::ValidatedParams>(checked);

    std::string host_text = values.string_or("host", net::kDefaultHost);
    auto endpoint = net::parse_endpoint(host_text);
    if (!endpoint)
        return fail(ErrorCode::invalid_params, "host: expected a host name such as public.api.learn.link, got \"" +
                                                   host_text + "\"",
                    "host");
    if (!allowlist_.allows(*endpoint)) {
        std::string allowed;
        for (const auto& a : allowlist_.entries()) allowed += (allowed.empty() ? "" : ", ") + a;
        return fail(ErrorCode::host_not_allowed,
                    "host: " + endpoint->display() + " is not an allowed Thrive host (allowed: " + allowed +
                        "; operators add others with allowedHosts)",
                    "host");
    }
    std::string key = values.string_or("apiKey", "");
    std::vector<std::string> secrets{http::base64(values.string_or("tenantId", "") + ":" + key), key};
    return Prepared{tool, http::build_request(*tool, values, *endpoint, config_.user_agent), std::move(secrets)};
}

Result Dispatcher::dry_run(std::string_view tool_id, std::string_view params_json) const {
    auto prepared = prepare(tool_id, params_json);
    if (auto r = std::get_if<Result>(&prepared)) return *r;
    return Result::success(http::describe_for_dry_run(std::get<Prepared>(prepared).built));
}

Result Dispatcher::call(std::string_view tool_id, std::string_view params_json,
                        const std::shared_ptr<net::CancelToken>& cancel) const {
    auto prepared = prepare(tool_id, params_json);
    if (auto r = std::get_if<Result>(&prepared)) return *r;
    const auto& p = std::get<Prepared>(prepared);
    if (cancel && cancel->cancelled()) return fail(ErrorCode::cancelled, "the call was cancelled before it was sent");
    auto sent = net::send_and_wait(*transport_, p.built.request, cancel ? cancel : std::make_shared<net::CancelToken>());
    Result result = http::map_response(*p.tool, sent);
    if (!result.ok()) mask(result.error.message, p.secrets);
    return result;
}

}  // namespace thrive::dispatch
