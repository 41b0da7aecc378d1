#include "mcp/output_schema.hpp"

#include <optional>
#include <string>

namespace json = boost::json;

namespace thrive::cli::mcp {
namespace {

std::string single_type(const json::object& schema) {
    auto t = schema.if_contains("type");
    return t && t->is_string() ? std::string(t->as_string()) : "";
}

void copy_description(const json::object& from, json::object& to) {
    if (auto d = from.if_contains("description"); d && d->is_string()) to["description"] = *d;
}

json::object loose(const json::value& documented);

json::object loose_properties(const json::object& documented_properties) {
    json::object properties;
    for (const auto& [name, sub] : documented_properties) properties[name] = loose(sub);
    return properties;
}

// The shape part (object with properties, or array with items) of a schema,
// typed, or nullopt for a leaf.
std::optional<json::object> shape_of(const json::object& schema) {
    auto props = schema.if_contains("properties");
    if (props && props->is_object()) {
        return json::object{{"type", "object"},
                            {"properties", loose_properties(props->as_object())},
                            {"additionalProperties", true}};
    }
    auto items = schema.if_contains("items");
    if (items && items->is_object()) return json::object{{"type", "array"}, {"items", loose(*items)}};
    return std::nullopt;
}

// Below the top level: structure and words, no constraint on leaves, null
// allowed where an object or array is documented.
json::object loose(const json::value& documented) {
    json::object out;
    if (!documented.is_object()) return out;
    const auto& schema = documented.as_object();
    copy_description(schema, out);
    if (auto shape = shape_of(schema)) out["anyOf"] = json::array{std::move(*shape), json::object{{"type", "null"}}};
    return out;
}

// A top-level output key: its documented type stays.
json::object top_level(const json::value& documented) {
    json::object out;
    if (!documented.is_object()) return out;
    const auto& schema = documented.as_object();
    std::string type = single_type(schema);
    if (!type.empty()) out["type"] = type;
    copy_description(schema, out);
    if (type == "object") {
        if (auto props = schema.if_contains("properties"); props && props->is_object())
            out["properties"] = loose_properties(props->as_object());
        out["additionalProperties"] = true;
    } else if (type == "array") {
        if (auto items = schema.if_contains("items"); items && items->is_object()) out["items"] = loose(*items);
    } else if (type.empty()) {
        // Undocumented type: as loose as anything below the top.
        return loose(documented);
    }
    return out;
}

}  // namespace

json::object output_schema(const json::value& documented) {
    json::object properties;
    json::object root{{"type", "object"}};
    if (documented.is_object()) {
        const auto& schema = documented.as_object();
        copy_description(schema, root);
        if (auto props = schema.if_contains("properties"); props && props->is_object())
            for (const auto& [name, sub] : props->as_object()) properties[name] = top_level(sub);
    }
    root["properties"] = std::move(properties);
    root["additionalProperties"] = true;
    return root;
}

}  // namespace thrive::cli::mcp
