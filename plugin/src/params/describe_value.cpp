#include "params/describe_value.hpp"

#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdio>

namespace thrive::params {

std::string describe_kind(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::null: return "null";
        case boost::json::kind::bool_: return "a boolean";
        case boost::json::kind::int64:
        case boost::json::kind::uint64:
        case boost::json::kind::double_: return "a number";
        case boost::json::kind::string: return "a string";
        case boost::json::kind::array: return "an array";
        case boost::json::kind::object: return "an object";
    }
    return "a value";
}

std::string number_text(double d) {
    char buf[32];
    if (std::floor(d) == d && std::fabs(d) < 1e15)
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
    else
        std::snprintf(buf, sizeof buf, "%g", d);
    return buf;
}

std::string describe(const boost::json::value& v) {
    if (v.is_string() || v.is_number() || v.is_bool()) {
        std::string text = v.is_double() ? number_text(v.as_double()) : boost::json::serialize(v);
        if (text.size() > 60) text = text.substr(0, 57) + "...";
        return (v.is_string() ? "string " : v.is_bool() ? "boolean " : "number ") + text;
    }
    return describe_kind(v);
}

}  // namespace thrive::params
