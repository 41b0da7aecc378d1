// A tool's MCP inputSchema from its descriptor (the resolved action schema):
// a strict-client-friendly JSON Schema object. Root `type: "object"`, one
// typed property per agent-facing parameter, `required`,
// `additionalProperties: false`; operator settings left out; JSON-string
// fields offered as the real array/object with their item schemas; date
// formats as a `pattern` plus words (no `format`); no `$schema`, no
// top-level combinators.
#pragma once

#include <boost/json.hpp>

#include <set>
#include <string>

namespace thrive::cli::mcp {

boost::json::object input_schema(const boost::json::object& descriptor);

// Names of the descriptor's operator settings (tenantId, apiKey, host).
std::set<std::string> operator_parameters(const boost::json::object& descriptor);

// A JSON Schema from the schemas' subset, made acceptable to a strict
// validator: only known keywords kept, `"type": [..]` unions turned into
// `anyOf` branches that each carry the keywords of their type.
boost::json::object strict_json_schema(const boost::json::value& schema);

}  // namespace thrive::cli::mcp
