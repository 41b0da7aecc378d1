// Indented JSON for people reading a terminal (Boost.JSON only writes compact).
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace thrive::cli {

std::string pretty(const boost::json::value& v, int indent = 2);

}  // namespace thrive::cli
