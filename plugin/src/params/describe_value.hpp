// Short descriptions of JSON values for error messages ("string \"abc\"",
// "number 5", "an array"). Long strings are cut so a message stays readable.
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace thrive::params {

std::string describe(const boost::json::value& v);
// 1 -> "1", 2.5 -> "2.5", 1e20 -> "1e+20" (Boost.JSON would write "1E0").
std::string number_text(double d);
// Kind only, for values that must never be echoed (credentials).
std::string describe_kind(const boost::json::value& v);

}  // namespace thrive::params
