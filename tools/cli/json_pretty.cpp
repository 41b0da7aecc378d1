#include "json_pretty.hpp"

#include <boost/json.hpp>

namespace thrive::cli {
namespace {

void write(std::string& out, const boost::json::value& v, int indent, int depth) {
    auto newline = [&](int d) {
        out += '\n';
        out.append(static_cast<std::size_t>(indent * d), ' ');
    };
    if (v.is_object()) {
        const auto& o = v.as_object();
        if (o.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (const auto& [key, value] : o) {
            if (!first) out += ',';
            first = false;
            newline(depth + 1);
            out += boost::json::serialize(boost::json::value(key));
            out += ": ";
            write(out, value, indent, depth + 1);
        }
        newline(depth);
        out += '}';
    } else if (v.is_array()) {
        const auto& a = v.as_array();
        if (a.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        bool first = true;
        for (const auto& value : a) {
            if (!first) out += ',';
            first = false;
            newline(depth + 1);
            write(out, value, indent, depth + 1);
        }
        newline(depth);
        out += ']';
    } else {
        out += boost::json::serialize(v);
    }
}

}  // namespace

std::string pretty(const boost::json::value& v, int indent) {
    std::string out;
    write(out, v, indent, 0);
    return out;
}

}  // namespace thrive::cli
