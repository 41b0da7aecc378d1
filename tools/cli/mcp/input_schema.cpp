#include "mcp/input_schema.hpp"

#include <string_view>
#include <vector>

namespace json = boost::json;

namespace thrive::cli::mcp {
namespace {

std::string text_of(const json::object& o, std::string_view key) {
    if (auto v = o.if_contains(key); v && v->is_string()) return std::string(v->as_string());
    return "";
}

bool flag_of(const json::object& o, std::string_view key) {
    auto v = o.if_contains(key);
    return v && v->is_bool() && v->as_bool();
}

// Keywords of the schemas' subset by the instance type they apply to.
bool keyword_applies_to(std::string_view keyword, std::string_view type) {
    if (keyword == "properties" || keyword == "required" || keyword == "additionalProperties") return type == "object";
    if (keyword == "items" || keyword == "minItems" || keyword == "maxItems") return type == "array";
    if (keyword == "minimum" || keyword == "maximum") return type == "number" || type == "integer";
    if (keyword == "minLength" || keyword == "maxLength") return type == "string";
    return false;
}

void copy_keyword(json::object& out, std::string_view key, const json::value& value) {
    if (key == "properties" && value.is_object()) {
        json::object props;
        for (const auto& [name, sub] : value.as_object()) props[name] = strict_json_schema(sub);
        out[key] = std::move(props);
    } else if (key == "items" || key == "additionalProperties") {
        out[key] = value.is_bool() ? value : json::value(strict_json_schema(value));
    } else {
        out[key] = value;
    }
}

// "iso8601" and friends as a regular expression and words. The plugin also
// checks the calendar (month 1-12, day of month) and trims spaces.
struct DateFormat {
    const char* pattern;
    const char* words;
};

const DateFormat* date_format(std::string_view name) {
    static const DateFormat iso{
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?)?$",
        "Format: an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm[:ss[.fff]] with an optional Z or "
        "+hh:mm offset), e.g. 2025-01-31 or 2025-01-31T09:30:00Z."};
    static const DateFormat space{"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
                                  "Format: YYYY-MM-DD hh:mm:ss (a space between date and time), e.g. "
                                  "2025-01-31 09:30:00."};
    static const DateFormat t{"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$",
                              "Format: YYYY-MM-DDThh:mm:ss (no fraction, no offset), e.g. 2025-01-31T09:30:00."};
    if (name == "iso8601") return &iso;
    if (name == "datetime-space") return &space;
    if (name == "datetime-t") return &t;
    return nullptr;
}

std::string regex_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string joined(const json::array& values, std::string_view separator) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += separator;
        out += v.is_string() ? std::string(v.as_string()) : json::serialize(v);
    }
    return out;
}

void append_sentence(std::string& description, const std::string& sentence) {
    if (sentence.empty()) return;
    if (!description.empty() && std::string_view(".!?:").find(description.back()) == std::string_view::npos)
        description += '.';
    if (!description.empty()) description += ' ';
    description += sentence;
}

// Cross-field rules of the descriptor, in words, for one parameter.
std::string rule_words(const json::object& descriptor, const std::string& name, const std::string& description) {
    std::string words;
    auto rules = descriptor.if_contains("rules");
    if (!rules || !rules->is_array()) return words;
    for (const auto& r : rules->as_array()) {
        if (!r.is_object()) continue;
        const auto& rule = r.as_object();
        if (text_of(rule, "field") != name) continue;
        std::string kind = text_of(rule, "rule"), other = text_of(rule, "other");
        // The reference often says it already; do not say it twice.
        if (other.empty() || description.find(other) != std::string::npos) continue;
        if (kind == "requiredUnless") {
            auto equals = rule.if_contains("equals");
            std::string value = equals && equals->is_string() ? std::string(equals->as_string())
                                                              : (equals ? json::serialize(*equals) : "");
            append_sentence(words, "Required unless " + other + " is '" + value + "'.");
        } else if (kind == "requires") {
            append_sentence(words, "Requires " + other + " to be set as well.");
        } else if (kind == "overrides") {
            append_sentence(words, "When set, " + other + " is ignored.");
        }
    }
    return words;
}

json::object scalar_property(const json::object& input, const json::object& descriptor) {
    json::object prop;
    std::string name = text_of(input, "name");
    std::string type = text_of(input, "type");
    if (type != "number" && type != "integer" && type != "boolean") type = "string";
    prop["type"] = type;
    std::string description = text_of(input, "description");
    if (auto e = input.if_contains("enum"); e && e->is_array()) prop["enum"] = *e;
    for (const char* key : {"minimum", "maximum"})
        if (auto v = input.if_contains(key); v && v->is_number() && type != "string" && type != "boolean")
            prop[key] = *v;
    for (const char* key : {"minLength", "maxLength"})
        if (auto v = input.if_contains(key); v && v->is_number() && type == "string") prop[key] = *v;
    if (auto csv = input.if_contains("csvEnum"); csv && csv->is_array() && type == "string" && !csv->as_array().empty()) {
        std::string alternatives;
        for (const auto& v : csv->as_array()) {
            if (!v.is_string()) continue;
            if (!alternatives.empty()) alternatives += '|';
            alternatives += regex_escape(v.as_string());
        }
        std::string item = "\\s*(" + alternatives + ")\\s*";
        prop["pattern"] = "^" + item + "(," + item + ")*$";
        bool listed = true;  // the reference usually names the values already
        for (const auto& v : csv->as_array())
            if (v.is_string() && description.find(std::string(v.as_string())) == std::string::npos) listed = false;
        if (!listed)
            append_sentence(description, "A comma-separated list; each item one of: " + joined(csv->as_array(), ", ") + ".");
    }
    if (auto f = date_format(text_of(input, "format")); f && type == "string") {
        prop["pattern"] = f->pattern;
        append_sentence(description, f->words);
    }
    append_sentence(description, rule_words(descriptor, name, description));
    if (!description.empty()) prop["description"] = description;
    if (auto d = input.if_contains("default")) prop["default"] = *d;
    return prop;
}

json::object json_field_property(const json::object& input, const json::object& descriptor) {
    json::object prop = strict_json_schema(input.at("json"));
    std::string description = text_of(input, "description");
    append_sentence(description, rule_words(descriptor, text_of(input, "name"), description));
    if (!description.empty()) prop["description"] = description;
    return prop;
}

}  // namespace

json::object strict_json_schema(const json::value& schema) {
    json::object out;
    if (!schema.is_object()) return out;
    const auto& in = schema.as_object();
    static const std::vector<std::string_view> general = {"description", "enum"};
    static const std::vector<std::string_view> typed = {"properties", "required", "additionalProperties",
                                                        "items",      "minItems", "maxItems",
                                                        "minimum",    "maximum",  "minLength",
                                                        "maxLength"};
    for (auto key : general)
        if (auto v = in.if_contains(key)) out[key] = *v;

    const json::value* type = in.if_contains("type");
    std::vector<std::string> types;
    if (type && type->is_string()) types.emplace_back(type->as_string());
    if (type && type->is_array())
        for (const auto& t : type->as_array())
            if (t.is_string()) types.emplace_back(t.as_string());

    if (types.size() == 1) {
        out["type"] = types.front();
        for (auto key : typed)
            if (auto v = in.if_contains(key); v && keyword_applies_to(key, types.front())) copy_keyword(out, key, *v);
    } else if (types.size() > 1) {
        // A union: one branch per type, each with the keywords of its type.
        json::array branches;
        for (const auto& t : types) {
            json::object branch{{"type", t}};
            for (auto key : typed)
                if (auto v = in.if_contains(key); v && keyword_applies_to(key, t)) copy_keyword(branch, key, *v);
            branches.push_back(std::move(branch));
        }
        out["anyOf"] = std::move(branches);
    }
    // No type at all: description/enum only (any value).
    return out;
}

std::set<std::string> operator_parameters(const json::object& descriptor) {
    std::set<std::string> names;
    if (auto inputs = descriptor.if_contains("input"); inputs && inputs->is_array())
        for (const auto& i : inputs->as_array())
            if (i.is_object() && flag_of(i.as_object(), "operator")) names.insert(text_of(i.as_object(), "name"));
    return names;
}

json::object input_schema(const json::object& descriptor) {
    json::object properties;
    json::array required;
    if (auto inputs = descriptor.if_contains("input"); inputs && inputs->is_array()) {
        for (const auto& i : inputs->as_array()) {
            if (!i.is_object()) continue;
            const auto& input = i.as_object();
            std::string name = text_of(input, "name");
            if (name.empty() || flag_of(input, "operator")) continue;
            properties[name] = input.contains("json") ? json_field_property(input, descriptor)
                                                      : scalar_property(input, descriptor);
            if (flag_of(input, "required")) required.push_back(json::value(name));
        }
    }
    json::object schema{{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty()) schema["required"] = std::move(required);
    schema["additionalProperties"] = false;
    return schema;
}

}  // namespace thrive::cli::mcp
