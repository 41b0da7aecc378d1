#include "registry/registry.hpp"

#include "registry/generated_table.hpp"

#include <boost/json.hpp>

#include <stdexcept>

namespace json = boost::json;

namespace thrive::registry {
namespace {

std::string str(const json::object& o, std::string_view key) {
    auto v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool flag(const json::object& o, std::string_view key) {
    auto v = o.if_contains(key);
    return v && v->is_bool() && v->as_bool();
}

std::vector<std::string> strings(const json::object& o, std::string_view key) {
    std::vector<std::string> out;
    if (auto v = o.if_contains(key); v && v->is_array())
        for (const auto& item : v->as_array())
            if (item.is_string()) out.emplace_back(item.as_string());
    return out;
}

std::optional<double> number(const json::object& o, std::string_view key) {
    auto v = o.if_contains(key);
    if (!v || !v->is_number()) return std::nullopt;
    return v->to_number<double>();
}

ParamType param_type(const std::string& t) {
    if (t == "number") return ParamType::number;
    if (t == "integer") return ParamType::integer;
    if (t == "boolean") return ParamType::boolean;
    return ParamType::string;
}

DateFormat date_format(const std::string& f) {
    if (f == "iso8601") return DateFormat::iso8601;
    if (f == "datetime-space") return DateFormat::datetime_space;
    if (f == "datetime-t") return DateFormat::datetime_t;
    return DateFormat::none;
}

OutputMapping mapping(const std::string& m) {
    if (m == "page") return OutputMapping::page;
    if (m == "list") return OutputMapping::list;
    if (m == "success") return OutputMapping::success;
    if (m == "bulk") return OutputMapping::bulk;
    if (m == "status") return OutputMapping::status;
    if (m == "body") return OutputMapping::body;
    return OutputMapping::record;
}

ParamSpec parse_param(const json::object& o) {
    ParamSpec p;
    p.name = str(o, "name");
    p.type = param_type(str(o, "type"));
    p.required = flag(o, "required");
    p.operator_setting = flag(o, "operator");
    p.description = str(o, "description");
    p.enum_values = strings(o, "enum");
    p.csv_enum = strings(o, "csvEnum");
    p.minimum = number(o, "minimum");
    p.maximum = number(o, "maximum");
    if (auto n = number(o, "minLength")) p.min_length = static_cast<std::size_t>(*n);
    if (auto n = number(o, "maxLength")) p.max_length = static_cast<std::size_t>(*n);
    p.format = date_format(str(o, "format"));
    if (auto j = o.if_contains("json")) p.json_schema = *j;
    return p;
}

ToolSpec parse_tool(const json::object& o) {
    ToolSpec t;
    t.id = str(o, "id");
    t.title = str(o, "title");
    t.description = str(o, "description");
    t.group = str(o, "group");
    if (auto h = o.if_contains("hints"); h && h->is_object()) {
        t.read_only = flag(h->as_object(), "readOnly");
        t.destructive = flag(h->as_object(), "destructive");
        t.idempotent = flag(h->as_object(), "idempotent");
    }
    for (const auto& p : o.at("input").as_array()) t.inputs.push_back(parse_param(p.as_object()));
    if (auto rules = o.if_contains("rules"); rules && rules->is_array()) {
        for (const auto& r : rules->as_array()) {
            const auto& ro = r.as_object();
            std::string kind = str(ro, "rule");
            RuleSpec rule{kind == "requiredUnless" ? RuleKind::required_unless
                          : kind == "requires"     ? RuleKind::requires_other
                                                   : RuleKind::overrides,
                          str(ro, "field"), str(ro, "other"), nullptr};
            if (auto eq = ro.if_contains("equals")) rule.equals = *eq;
            t.rules.push_back(std::move(rule));
        }
    }
    const auto& http = o.at("http").as_object();
    t.http.method = str(http, "method");
    t.http.version = str(http, "version");
    t.http.path = str(http, "path");
    t.http.query = strings(http, "query");
    if (auto body = http.if_contains("body")) t.http.body = *body;
    const auto& out = o.at("output").as_object();
    t.output.mapping = mapping(str(out, "mapping"));
    t.output.key = str(out, "key");
    t.output.schema = out.at("schema");
    t.descriptor_json = json::serialize(o);
    return t;
}

}  // namespace

const ParamSpec* ToolSpec::find_param(std::string_view name) const {
    for (const auto& p : inputs)
        if (p.name == name) return &p;
    return nullptr;
}

Registry::Registry() {
    std::string all = "[";
    for (auto* g = generated_tools_begin(); g != generated_tools_end(); ++g) {
        json::value spec = json::parse(g->spec_json);
        tools_.push_back(parse_tool(spec.as_object()));
        if (all.size() > 1) all += ',';
        all += tools_.back().descriptor_json;
    }
    tools_json_ = all + "]";
}

const Registry& Registry::instance() {
    static const Registry registry;
    return registry;
}

const ToolSpec* Registry::find(std::string_view id) const {
    for (const auto& t : tools_)
        if (t.id == id) return &t;
    return nullptr;
}

}  // namespace thrive::registry
