// Checks a parsed JSON value against the JSON Schema subset the action
// schemas use for JSON-string fields (see schemas/README.md).
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace thrive::params {

struct SchemaViolation {
    std::string path;     // "managers[2].permissions.peopleManager.manage"
    std::string message;  // "expected a boolean, got string \"yes\""
};

// `root` names the value in paths (the parameter name). Returns the first
// violation, or nothing when the value conforms.
std::optional<SchemaViolation> check_against_schema(const boost::json::value& value,
                                                    const boost::json::value& schema,
                                                    const std::string& root);

}  // namespace thrive::params
