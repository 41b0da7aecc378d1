// Turns the parameters a host sent into the values a request is built from:
// every rule of the action's schema checked, scalars coerced, JSON-string
// fields parsed. Nothing is sent unless this succeeds.
#pragma once

#include "core/error.hpp"
#include "registry/tool_spec.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <map>
#include <string>
#include <variant>

namespace thrive::params {

// Only the parameters that are set (null and blank strings mean "not given").
struct ValidatedParams {
    std::map<std::string, boost::json::value> values;

    bool has(const std::string& name) const { return values.count(name) != 0; }
    const boost::json::value* get(const std::string& name) const {
        auto it = values.find(name);
        return it == values.end() ? nullptr : &it->second;
    }
    std::string string_or(const std::string& name, const std::string& fallback) const;
};

// Returns the validated values, or an invalid_params Error naming the field.
std::variant<ValidatedParams, Error> validate(const registry::ToolSpec& tool,
                                              const boost::json::object& params);

}  // namespace thrive::params
