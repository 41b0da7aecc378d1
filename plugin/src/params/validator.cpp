#include "params/validator.hpp"

#include "params/date_formats.hpp"
#include "params/describe_value.hpp"
#include "params/json_schema_check.hpp"
#include "params/scalar_coercion.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace json = boost::json;
using thrive::registry::DateFormat;
using thrive::registry::ParamSpec;
using thrive::registry::ParamType;
using thrive::registry::RuleKind;

namespace thrive::params {

std::string ValidatedParams::string_or(const std::string& name, const std::string& fallback) const {
    auto v = get(name);
    return v && v->is_string() ? std::string(v->as_string()) : fallback;
}

namespace {

std::string trim(std::string_view s) {
    auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

bool is_blank(const json::value& v) { return v.is_null() || (v.is_string() && trim(v.as_string()).empty()); }

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

Error invalid(const std::string& field, std::string message) {
    return Error{ErrorCode::invalid_params, field + ": " + std::move(message), field, 0, 0};
}

// What may be echoed back in a message: never the value of a credential.
std::string shown(const ParamSpec& p, const json::value& v) {
    return p.operator_setting && p.name != "host" ? describe_kind(v) : describe(v);
}

std::optional<Error> check_range(const ParamSpec& p, double value, const std::string& text) {
    if (p.minimum && value < *p.minimum)
        return invalid(p.name, "must be at least " + number_text(*p.minimum) + ", got " + text);
    if (p.maximum && value > *p.maximum)
        return invalid(p.name, "must be at most " + number_text(*p.maximum) + ", got " + text);
    return std::nullopt;
}

const char* format_text(DateFormat f) {
    switch (f) {
        case DateFormat::iso8601: return "an ISO 8601 date or date-time such as 2025-01-31 or 2025-01-31T09:30:00Z";
        case DateFormat::datetime_space: return "a date-time in the form YYYY-MM-DD hh:mm:ss";
        case DateFormat::datetime_t: return "a date-time in the form YYYY-MM-DDThh:mm:ss";
        case DateFormat::none: break;
    }
    return "";
}

bool format_ok(DateFormat f, std::string_view s) {
    switch (f) {
        case DateFormat::iso8601: return is_iso8601(s);
        case DateFormat::datetime_space: return is_datetime_space(s);
        case DateFormat::datetime_t: return is_datetime_t(s);
        case DateFormat::none: return true;
    }
    return true;
}

std::variant<json::value, Error> check_string(const ParamSpec& p, const json::value& raw) {
    if (!raw.is_string()) return invalid(p.name, "expected a string, got " + shown(p, raw));
    std::string value(raw.as_string());
    // Enumerations, lists and dates are compared trimmed; free text is kept
    // exactly as given.
    if (!p.enum_values.empty()) {
        value = trim(value);
        if (std::find(p.enum_values.begin(), p.enum_values.end(), value) == p.enum_values.end())
            return invalid(p.name, "must be one of " + join(p.enum_values) + ", got " + describe(json::value(value)));
    }
    if (!p.csv_enum.empty()) {
        std::vector<std::string> items;
        std::string_view rest = value;
        while (true) {
            auto comma = rest.find(',');
            std::string item = trim(rest.substr(0, comma));
            if (item.empty())
                return invalid(p.name, "expected a comma-separated list of " + join(p.csv_enum) + ", got an empty item in " +
                                           describe(raw));
            if (std::find(p.csv_enum.begin(), p.csv_enum.end(), item) == p.csv_enum.end())
                return invalid(p.name, "'" + item + "' is not one of " + join(p.csv_enum));
            items.push_back(item);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
        value.clear();
        for (const auto& item : items) value += (value.empty() ? "" : ",") + item;
    }
    if (p.format != DateFormat::none) {
        value = trim(value);
        if (!format_ok(p.format, value))
            return invalid(p.name, std::string("expected ") + format_text(p.format) + ", got " + describe(raw));
    }
    auto length = utf8_length(value);
    if (p.max_length && length > *p.max_length)
        return invalid(p.name, "must be at most " + std::to_string(*p.max_length) + " characters, got " +
                                   std::to_string(length));
    if (p.min_length && length < *p.min_length)
        return invalid(p.name, "must be at least " + std::to_string(*p.min_length) + " characters");
    return json::value(value);
}

std::variant<json::value, Error> check_json_field(const ParamSpec& p, const json::value& raw) {
    json::value parsed;
    if (raw.is_string()) {
        boost::system::error_code ec;
        parsed = json::parse(raw.as_string(), ec);
        if (ec) {
            std::string expected = p.json_schema->as_object().contains("type") &&
                                           p.json_schema->at("type") == "object"
                                       ? "a JSON object"
                                       : "a JSON array";
            return invalid(p.name, "expected " + expected + " (as JSON text or the value itself), but the text is not valid JSON: " +
                                       ec.message());
        }
    } else {
        parsed = raw;
    }
    if (auto bad = check_against_schema(parsed, *p.json_schema, p.name)) {
        Error e = invalid(bad->path, bad->message);
        e.field = p.name;
        return e;
    }
    return parsed;
}

std::variant<json::value, Error> check_value(const ParamSpec& p, const json::value& raw) {
    if (p.json_schema) return check_json_field(p, raw);
    switch (p.type) {
        case ParamType::string: return check_string(p, raw);
        case ParamType::integer: {
            auto n = to_integer(raw);
            if (!n) return invalid(p.name, "expected a whole number, got " + shown(p, raw));
            if (auto e = check_range(p, static_cast<double>(*n), std::to_string(*n))) return *e;
            return json::value(*n);
        }
        case ParamType::number: {
            auto n = to_number(raw);
            if (!n) return invalid(p.name, "expected a number, got " + shown(p, raw));
            if (auto e = check_range(p, *n, number_text(*n))) return *e;
            return json::value(*n);
        }
        case ParamType::boolean: {
            auto b = to_boolean(raw);
            if (!b) return invalid(p.name, "expected true or false, got " + shown(p, raw));
            return json::value(*b);
        }
    }
    return invalid(p.name, "unsupported parameter type");
}

std::optional<Error> apply_rules(const registry::ToolSpec& tool, ValidatedParams& out) {
    for (const auto& rule : tool.rules) {
        switch (rule.kind) {
            case RuleKind::required_unless: {
                auto other = out.get(rule.other);
                bool exempt = other && *other == rule.equals;
                if (!out.has(rule.field) && !exempt) {
                    std::string equals = rule.equals.is_string() ? std::string(rule.equals.as_string())
                                                                 : json::serialize(rule.equals);
                    return invalid(rule.field, "is required unless " + rule.other + " is '" + equals + "'");
                }
                break;
            }
            case RuleKind::requires_other:
                if (out.has(rule.field) && !out.has(rule.other))
                    return invalid(rule.field, "needs " + rule.other + " to be set as well");
                break;
            case RuleKind::overrides:
                // Documented behaviour: when both are set the other one is ignored.
                if (out.has(rule.field)) out.values.erase(rule.other);
                break;
        }
    }
    return std::nullopt;
}

}  // namespace

std::variant<ValidatedParams, Error> validate(const registry::ToolSpec& tool, const json::object& params) {
    for (const auto& [key, value] : params) {
        if (!tool.find_param(key)) {
            std::vector<std::string> names;
            for (const auto& p : tool.inputs)
                if (!p.operator_setting) names.push_back(p.name);
            return invalid(std::string(key), "is not a parameter of " + tool.id + " (expected one of: " + join(names) + ")");
        }
    }
    ValidatedParams out;
    const std::string& path = tool.http.path;
    for (const auto& p : tool.inputs) {
        auto it = params.find(p.name);
        if (it == params.end() || is_blank(it->value())) {
            if (p.required)
                return invalid(p.name, it == params.end() || it->value().is_null() ? "is required"
                                                                                    : "is required and must not be blank");
            continue;
        }
        auto checked = check_value(p, it->value());
        if (auto e = std::get_if<Error>(&checked)) return *e;
        // "." or ".." as a path segment would be collapsed by any proxy or
        // server that normalises paths, sending the call to another endpoint
        // (remove_audience_member with userRef ".." would become a DELETE of
        // the audience itself). No real id or ref is either.
        const auto& value = std::get<json::value>(checked);
        if (path.find("{" + p.name + "}") != std::string::npos && value.is_string() &&
            (value.as_string() == "." || value.as_string() == ".."))
            return invalid(p.name, "must be an id or ref, not \"" + std::string(value.as_string()) + "\"");
        out.values.emplace(p.name, std::move(std::get<json::value>(checked)));
    }
    if (auto e = apply_rules(tool, out)) return *e;
    return out;
}

}  // namespace thrive::params
