// Short descriptions of JSON values for error messages ("string \"abc\"",
// "number 5", "an array"). Long strings are cut so a message stays readable.
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace thrive::params {

std::string describe(const boost::json::value& v);
// Kind only, for values that must never be echoed (credentials).
std::string describe_kind(const boost::json::value& v);

}  // namespace thrive::params
