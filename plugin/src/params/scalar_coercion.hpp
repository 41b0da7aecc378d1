// Accepts the scalar spellings language models and form-based hosts send
// ("50" for a number, "true" for a boolean) where they are unambiguous.
#pragma once

#include <boost/json/value.hpp>

#include <optional>

namespace thrive::params {

// 50, 50.0, "50", " 50 " -> 50. Rejects 50.5, "5e1", "50abc", "", true.
std::optional<std::int64_t> to_integer(const boost::json::value& v);
// 2.5, "2.5", "-1" -> the number. Rejects "1,5", "NaN", "", booleans.
std::optional<double> to_number(const boost::json::value& v);
// true, "true", "FALSE" -> the boolean. Rejects 1, "yes", "on", "".
std::optional<bool> to_boolean(const boost::json::value& v);

}  // namespace thrive::params
