#include "schema_checks.hpp"

#include <boost/json.hpp>

#include <regex>
#include <set>

namespace json = boost::json;

namespace codegen {
namespace {

const std::set<std::string> kTypes = {"string", "number", "integer", "boolean"};
const std::set<std::string> kFormats = {"iso8601", "datetime-space", "datetime-t"};
const std::set<std::string> kMappings = {"record", "page", "list", "success", "bulk", "status", "body"};
const std::set<std::string> kMethods = {"GET", "POST", "PATCH", "DELETE", "PUT"};
const std::set<std::string> kRules = {"requiredUnless", "requires", "overrides"};
const std::set<std::string> kParamKeys = {
    "name", "type", "required", "description", "operator", "enum", "csvEnum", "minimum", "maximum",
    "minLength", "maxLength", "format", "default", "json", "label"};

class Checker {
public:
    Checker(const Action& a, std::vector<std::string>& out) : action_(a), out_(out) {}

    void run() {
        if (!action_.spec.is_object()) return fail("", "the file must hold a JSON object");
        const auto& spec = action_.spec.as_object();
        for (const char* key : {"id", "title", "description", "group"}) require_string(spec, key, "");
        if (action_.file != action_.id + ".json") fail("id", "must equal the file name without .json");
        if (action_.id.rfind("thrive_", 0) != 0) fail("id", "must start with thrive_");
        check_inputs(spec);
        check_http(spec);
        check_rules(spec);
        check_output(spec);
        if (auto hints = spec.if_contains("hints"); !hints || !hints->is_object())
            fail("hints", "must be an object of readOnly/destructive/idempotent");
        else
            for (const char* h : {"readOnly", "destructive", "idempotent"})
                if (!hints->as_object().contains(h) || !hints->as_object().at(h).is_bool())
                    fail(std::string("hints.") + h, "must be a boolean");
    }

private:
    void fail(const std::string& where, const std::string& what) {
        out_.push_back(action_.file + (where.empty() ? "" : ": " + where) + ": " + what);
    }

    void require_string(const json::object& o, const char* key, const std::string& prefix) {
        auto v = o.if_contains(key);
        if (!v || !v->is_string() || v->as_string().empty()) fail(prefix + key, "must be a non-empty string");
    }

    bool has_param(const std::string& name) const { return params_.count(name) != 0; }

    void check_inputs(const json::object& spec) {
        auto inputs = spec.if_contains("input");
        if (!inputs || !inputs->is_array()) return fail("input", "must be an array of parameters");
        int operators = 0;
        for (std::size_t i = 0; i < inputs->as_array().size(); ++i) {
            const auto& p = inputs->as_array()[i];
            std::string where = "input[" + std::to_string(i) + "]";
            if (!p.is_object()) { fail(where, "must be an object"); continue; }
            const auto& o = p.as_object();
            require_string(o, "name", where + ".");
            require_string(o, "description", where + ".");
            std::string name = o.contains("name") && o.at("name").is_string() ? std::string(o.at("name").as_string()) : "";
            where += " (" + name + ")";
            if (!params_.insert(name).second) fail(where, "duplicate parameter name");
            for (const auto& [key, value] : o)
                if (!kParamKeys.count(std::string(key))) fail(where, "unknown key '" + std::string(key) + "'");
            auto type = o.if_contains("type");
            if (!type || !type->is_string() || !kTypes.count(std::string(type->as_string())))
                fail(where + ".type", "must be string, number, integer or boolean");
            if (!o.contains("required") || !o.at("required").is_bool()) fail(where + ".required", "must be a boolean");
            if (auto f = o.if_contains("format"); f && (!f->is_string() || !kFormats.count(std::string(f->as_string()))))
                fail(where + ".format", "must be iso8601, datetime-space or datetime-t");
            for (const char* list : {"enum", "csvEnum"})
                if (auto e = o.if_contains(list)) {
                    if (!e->is_array() || e->as_array().empty()) fail(where + "." + list, "must be a non-empty array");
                    else for (const auto& item : e->as_array())
                        if (!item.is_string()) fail(where + "." + list, "items must be strings");
                }
            if (auto j = o.if_contains("json")) {
                if (!j->is_object() || !j->as_object().contains("type"))
                    fail(where + ".json", "must be a JSON Schema object with a type");
                if (!type || !type->is_string() || type->as_string() != "string")
                    fail(where + ".type", "a JSON-string field has type string");
            }
            if (auto op = o.if_contains("operator"); op && op->is_bool() && op->as_bool()) ++operators;
        }
        for (const char* op : {"tenantId", "apiKey", "host"})
            if (!has_param(op)) fail("input", std::string("missing operator setting ") + op);
        if (operators != 3) fail("input", "exactly tenantId, apiKey and host are operator settings");
    }

    void check_body_refs(const json::value& v) {
        if (v.is_string()) {
            std::string s(v.as_string());
            if (!s.empty() && s[0] == '$' && !has_param(s.substr(1)))
                fail("http.body", "'" + s + "' names no parameter");
        } else if (v.is_array()) {
            for (const auto& item : v.as_array()) check_body_refs(item);
        } else if (v.is_object()) {
            for (const auto& [k, item] : v.as_object()) check_body_refs(item);
        }
    }

    void check_http(const json::object& spec) {
        auto http = spec.if_contains("http");
        if (!http || !http->is_object()) return fail("http", "must be an object");
        const auto& h = http->as_object();
        require_string(h, "path", "http.");
        auto method = h.if_contains("method");
        if (!method || !method->is_string() || !kMethods.count(std::string(method->as_string())))
            fail("http.method", "must be GET, POST, PATCH, PUT or DELETE");
        auto version = h.if_contains("version");
        if (!version || !version->is_string() || (version->as_string() != "v1" && version->as_string() != "v2"))
            fail("http.version", "must be v1 or v2");
        if (auto path = h.if_contains("path"); path && path->is_string()) {
            std::string p(path->as_string());
            if (p.empty() || p[0] != '/') fail("http.path", "must start with /");
            static const std::regex placeholder(R"(\{([^}]*)\})");
            for (std::sregex_iterator it(p.begin(), p.end(), placeholder), end; it != end; ++it)
                if (!has_param((*it)[1])) fail("http.path", "{" + (*it)[1].str() + "} names no parameter");
        }
        if (auto query = h.if_contains("query")) {
            if (!query->is_array()) fail("http.query", "must be an array of parameter names");
            else for (const auto& q : query->as_array())
                if (!q.is_string() || !has_param(std::string(q.as_string())))
                    fail("http.query", "entry names no parameter");
        }
        if (auto body = h.if_contains("body")) check_body_refs(*body);
    }

    void check_rules(const json::object& spec) {
        auto rules = spec.if_contains("rules");
        if (!rules) return;
        if (!rules->is_array()) return fail("rules", "must be an array");
        for (const auto& r : rules->as_array()) {
            if (!r.is_object()) { fail("rules", "each rule is an object"); continue; }
            const auto& o = r.as_object();
            auto kind = o.if_contains("rule");
            if (!kind || !kind->is_string() || !kRules.count(std::string(kind->as_string())))
                fail("rules", "unknown rule kind");
            for (const char* k : {"field", "other"}) {
                auto v = o.if_contains(k);
                if (!v || !v->is_string() || !has_param(std::string(v->as_string())))
                    fail(std::string("rules.") + k, "must name a parameter");
            }
            if (kind && kind->is_string() && kind->as_string() == "requiredUnless" && !o.contains("equals"))
                fail("rules", "requiredUnless needs 'equals'");
        }
    }

    void check_output(const json::object& spec) {
        auto output = spec.if_contains("output");
        if (!output || !output->is_object()) return fail("output", "must be an object");
        const auto& o = output->as_object();
        auto mapping = o.if_contains("mapping");
        if (!mapping || !mapping->is_string() || !kMappings.count(std::string(mapping->as_string())))
            return fail("output.mapping", "unknown mapping");
        std::string m(mapping->as_string());
        if ((m == "record" || m == "list")) require_string(o, "key", "output.");
        auto schema = o.if_contains("schema");
        if (!schema || !schema->is_object() || !schema->as_object().contains("properties"))
            return fail("output.schema", "must be an object schema with properties");
        const auto& props = schema->as_object().at("properties");
        auto expect = [&](const std::string& key) {
            if (!props.is_object() || !props.as_object().contains(key))
                fail("output.schema", "mapping '" + m + "' produces '" + key + "' but the schema lacks it");
        };
        if (m == "record" || m == "list") {
            if (auto key = o.if_contains("key"); key && key->is_string()) expect(std::string(key->as_string()));
        } else if (m == "page") {
            expect("results");
            expect("pagination");
        } else if (m == "success") {
            expect("success");
        } else if (m == "bulk") {
            expect("result");
        } else if (m == "status") {
            expect("status");
            expect("message");
        }
    }

    const Action& action_;
    std::vector<std::string>& out_;
    std::set<std::string> params_;
};

}  // namespace

std::vector<std::string> check_actions(const std::vector<Action>& actions) {
    std::vector<std::string> problems;
    std::set<std::string> ids;
    for (const auto& action : actions) {
        Checker(action, problems).run();
        if (!ids.insert(action.id).second) problems.push_back(action.file + ": duplicate id " + action.id);
    }
    if (actions.empty()) problems.push_back("no action schemas found");
    return problems;
}

}  // namespace codegen
