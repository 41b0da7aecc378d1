#include "params/json_schema_check.hpp"

#include "params/describe_value.hpp"

#include <boost/json.hpp>

#include <cmath>

namespace json = boost::json;

namespace thrive::params {
namespace {

bool is_integer(const json::value& v) {
    if (v.is_int64() || v.is_uint64()) return true;
    if (v.is_double()) {
        double d = v.as_double();
        return std::isfinite(d) && std::floor(d) == d;
    }
    return false;
}

bool matches_type(const json::value& v, std::string_view type) {
    if (type == "string") return v.is_string();
    if (type == "number") return v.is_number();
    if (type == "integer") return is_integer(v);
    if (type == "boolean") return v.is_bool();
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "null") return v.is_null();
    return false;
}

std::string article(std::string_view type) {
    if (type == "integer") return "a whole number";
    if (type == "object" || type == "array") return "an " + std::string(type);
    if (type == "null") return "null";
    return "a " + std::string(type);
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

class Checker {
public:
    std::optional<SchemaViolation> check(const json::value& v, const json::value& schema_value,
                                         const std::string& path) {
        if (!schema_value.is_object()) return std::nullopt;
        const auto& schema = schema_value.as_object();
        if (auto type = schema.if_contains("type")) {
            bool ok = false;
            std::string expected;
            if (type->is_string()) {
                ok = matches_type(v, type->as_string());
                expected = article(type->as_string());
            } else if (type->is_array()) {
                for (const auto& t : type->as_array()) {
                    if (!t.is_string()) continue;
                    ok = ok || matches_type(v, t.as_string());
                    expected += (expected.empty() ? "" : " or ") + article(t.as_string());
                }
            }
            if (!ok) return SchemaViolation{path, "expected " + expected + ", got " + describe(v)};
        }
        if (auto e = schema.if_contains("enum"); e && e->is_array()) {
            bool found = false;
            for (const auto& option : e->as_array()) found = found || option == v;
            if (!found) return SchemaViolation{path, "must be one of " + json::serialize(*e) + ", got " + describe(v)};
        }
        if (v.is_string()) {
            auto len = utf8_length(v.as_string());
            if (auto m = schema.if_contains("minLength"); m && m->is_number() && len < m->to_number<double>())
                return SchemaViolation{path, len == 0 ? "must not be empty"
                                                      : "must be at least " + number_text(m->to_number<double>()) + " characters"};
            if (auto m = schema.if_contains("maxLength"); m && m->is_number() && len > m->to_number<double>())
                return SchemaViolation{path, "must be at most " + number_text(m->to_number<double>()) + " characters, got " +
                                                 std::to_string(len)};
        }
        if (v.is_number()) {
            double d = v.to_number<double>();
            if (auto m = schema.if_contains("minimum"); m && m->is_number() && d < m->to_number<double>())
                return SchemaViolation{path, "must be at least " + number_text(m->to_number<double>()) + ", got " + number_text(v.to_number<double>())};
            if (auto m = schema.if_contains("maximum"); m && m->is_number() && d > m->to_number<double>())
                return SchemaViolation{path, "must be at most " + number_text(m->to_number<double>()) + ", got " + number_text(v.to_number<double>())};
        }
        if (v.is_array()) {
            const auto& arr = v.as_array();
            if (auto m = schema.if_contains("minItems"); m && m->is_number() && arr.size() < m->to_number<double>())
                return SchemaViolation{path, arr.empty() ? "must not be an empty array"
                                                         : "needs at least " + number_text(m->to_number<double>()) + " items, got " +
                                                               std::to_string(arr.size())};
            if (auto m = schema.if_contains("maxItems"); m && m->is_number() && arr.size() > m->to_number<double>())
                return SchemaViolation{path, "takes at most " + number_text(m->to_number<double>()) + " items, got " +
                                                 std::to_string(arr.size())};
            if (auto items = schema.if_contains("items"))
                for (std::size_t i = 0; i < arr.size(); ++i)
                    if (auto bad = check(arr[i], *items, path + "[" + std::to_string(i) + "]")) return bad;
        }
        if (v.is_object()) return check_object(v.as_object(), schema, path);
        return std::nullopt;
    }

private:
    std::optional<SchemaViolation> check_object(const json::object& obj, const json::object& schema,
                                                const std::string& path) {
        const json::object* props = nullptr;
        if (auto p = schema.if_contains("properties"); p && p->is_object()) props = &p->as_object();
        if (auto req = schema.if_contains("required"); req && req->is_array())
            for (const auto& name : req->as_array())
                if (name.is_string() && (!obj.contains(name.as_string()) || obj.at(name.as_string()).is_null()))
                    return SchemaViolation{path + "." + std::string(name.as_string()), "is required"};
        const json::value* additional = schema.if_contains("additionalProperties");
        for (const auto& [key, value] : obj) {
            std::string child = path + "." + std::string(key);
            if (props && props->contains(key)) {
                if (auto bad = check(value, props->at(key), child)) return bad;
            } else if (additional && additional->is_bool() && !additional->as_bool()) {
                std::string known;
                if (props)
                    for (const auto& [name, unused] : *props) known += (known.empty() ? "" : ", ") + std::string(name);
                return SchemaViolation{child, "is not a known field" + (known.empty() ? "" : " (expected " + known + ")")};
            } else if (additional && additional->is_object()) {
                if (auto bad = check(value, *additional, child)) return bad;
            }
        }
        return std::nullopt;
    }
};

}  // namespace

std::optional<SchemaViolation> check_against_schema(const json::value& value, const json::value& schema,
                                                    const std::string& root) {
    return Checker().check(value, schema, root);
}

}  // namespace thrive::params
