// A tool's MCP outputSchema from the descriptor's output.schema.
//
// Records from the service are looser than the reference documents them:
// nulls, strings where booleans are documented, fields nobody listed. A
// client that validates structuredContent must not reject real answers, so:
// the top-level output keys keep their documented types; below them the
// documented structure and descriptions stay, leaf values are left
// unconstrained (description only), nested objects and arrays may also be
// null, and every object allows additional properties.
#pragma once

#include <boost/json.hpp>

namespace thrive::cli::mcp {

boost::json::object output_schema(const boost::json::value& documented);

}  // namespace thrive::cli::mcp
