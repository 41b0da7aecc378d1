// Builds the HTTP request behind an action from its schema's mapping and the
// validated parameters: path ids as single percent-encoded segments, query
// values only when set, the body from the schema's template.
#pragma once

#include "http/http_types.hpp"
#include "net/host_allowlist.hpp"
#include "params/validator.hpp"
#include "registry/tool_spec.hpp"

#include <boost/json/value.hpp>

namespace thrive::http {

struct BuiltRequest {
    Request request;
    std::string url;               // full URL, for dry runs and messages
    boost::json::value body_json;  // null when there is no body
};

// tenantId and apiKey come from the validated parameters (Basic auth).
BuiltRequest build_request(const registry::ToolSpec& tool, const params::ValidatedParams& values,
                           const net::Endpoint& endpoint, const std::string& user_agent);

// The template substitution on its own (exposed for tests).
boost::json::value fill_body_template(const boost::json::value& tmpl, const params::ValidatedParams& values,
                                      bool* present);

// {"method","url","headers","body"} with the Authorization value redacted.
boost::json::object describe_for_dry_run(const BuiltRequest& built);

}  // namespace thrive::http
