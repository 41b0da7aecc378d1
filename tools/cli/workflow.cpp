#include "workflow.hpp"

#include <boost/json.hpp>

#include <set>

namespace json = boost::json;

namespace thrive::cli {
namespace {

std::string trim(const std::string& s) {
    auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::string current;
    for (char c : path) {
        if (c == '.' || c == '[' || c == ']') {
            if (!current.empty()) parts.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) parts.push_back(current);
    return parts;
}

std::string as_text(const json::value& v) {
    if (v.is_string()) return std::string(v.as_string());
    return json::serialize(v);
}

// Every "{{root...}}" in a value, for checking references up front.
void collect_roots(const json::value& v, std::vector<std::string>& roots) {
    if (v.is_string()) {
        std::string s(v.as_string());
        for (auto open = s.find("{{"); open != std::string::npos; open = s.find("{{", open + 2)) {
            auto close = s.find("}}", open);
            if (close == std::string::npos) break;
            auto parts = split_path(trim(s.substr(open + 2, close - open - 2)));
            if (!parts.empty()) roots.push_back(parts[0]);
        }
    } else if (v.is_array()) {
        for (const auto& item : v.as_array()) collect_roots(item, roots);
    } else if (v.is_object()) {
        for (const auto& [k, item] : v.as_object()) collect_roots(item, roots);
    }
}

// A misspelt key ("expects", "param") must not be skipped in silence.
void refuse_unknown_keys(const json::object& o, std::initializer_list<const char*> known, const std::string& where) {
    for (const auto& [key, unused] : o) {
        bool ok = false;
        std::string list;
        for (const char* k : known) {
            ok = ok || key == k;
            list += (list.empty() ? "" : ", ") + std::string(k);
        }
        if (!ok) throw WorkflowError(where + ": unknown key \"" + std::string(key) + "\" (expected " + list + ")");
    }
}

std::string required_text(const json::object& o, const char* key, const std::string& where) {
    auto v = o.if_contains(key);
    if (!v || !v->is_string() || v->as_string().empty())
        throw WorkflowError(where + ": \"" + key + "\" must be a non-empty string");
    return std::string(v->as_string());
}

}  // namespace

json::value lookup_path(const json::object& scope, const std::string& path) {
    auto parts = split_path(path);
    if (parts.empty()) throw WorkflowError("empty reference {{}}");
    const json::value* current = scope.if_contains(parts[0]);
    if (!current) throw WorkflowError("{{" + path + "}}: nothing named '" + parts[0] + "' ran before this block");
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string& part = parts[i];
        const json::value* next = nullptr;
        if (current->is_object()) {
            next = current->as_object().if_contains(part);
        } else if (current->is_array()) {
            try {
                std::size_t index = std::stoul(part);
                if (index < current->as_array().size()) next = &current->as_array()[index];
            } catch (...) {
            }
        }
        if (!next) throw WorkflowError("{{" + path + "}}: '" + part + "' is not there in the output of '" + parts[0] + "'");
        current = next;
    }
    return *current;
}

json::value resolve_references(const json::value& v, const json::object& scope, bool placeholders) {
    if (v.is_array()) {
        json::array out;
        for (const auto& item : v.as_array()) out.push_back(resolve_references(item, scope, placeholders));
        return out;
    }
    if (v.is_object()) {
        json::object out;
        for (const auto& [k, item] : v.as_object()) out[k] = resolve_references(item, scope, placeholders);
        return out;
    }
    auto lookup = [&](const std::string& path) -> json::value {
        try {
            return lookup_path(scope, path);
        } catch (const WorkflowError&) {
            if (!placeholders) throw;
            return json::value("<" + path + ">");
        }
    };
    if (!v.is_string()) return v;
    std::string s(v.as_string());
    auto open = s.find("{{");
    if (open == std::string::npos) return v;
    auto close = s.find("}}", open);
    // A lone reference keeps the referenced value's type (an id, an array).
    if (open == 0 && close == s.size() - 2 && s.find("{{", 2) == std::string::npos)
        return lookup(trim(s.substr(2, s.size() - 4)));
    std::string out;
    std::size_t pos = 0;
    while (open != std::string::npos && close != std::string::npos) {
        out += s.substr(pos, open - pos);
        out += as_text(lookup(trim(s.substr(open + 2, close - open - 2))));
        pos = close + 2;
        open = s.find("{{", pos);
        close = open == std::string::npos ? std::string::npos : s.find("}}", open);
    }
    out += s.substr(pos);
    return json::value(out);
}

Workflow parse_workflow(const std::string& json_text) {
    boost::system::error_code ec;
    json::value doc = json::parse(json_text, ec);
    if (ec) throw WorkflowError("the workflow file is not valid JSON: " + ec.message());
    if (!doc.is_object()) throw WorkflowError("the workflow file must hold a JSON object with \"blocks\"");
    const auto& o = doc.as_object();
    refuse_unknown_keys(o, {"name", "description", "vars", "blocks"}, "the workflow");
    Workflow wf;
    if (auto v = o.if_contains("name"); v && v->is_string()) wf.name = std::string(v->as_string());
    if (auto v = o.if_contains("description"); v && v->is_string()) wf.description = std::string(v->as_string());
    if (auto v = o.if_contains("vars")) {
        if (!v->is_object()) throw WorkflowError("\"vars\" must be an object");
        wf.vars = v->as_object();
    }
    auto blocks = o.if_contains("blocks");
    if (!blocks || !blocks->is_array() || blocks->as_array().empty())
        throw WorkflowError("\"blocks\" must be a non-empty array");
    std::set<std::string> known = {"vars", "run"};
    for (std::size_t i = 0; i < blocks->as_array().size(); ++i) {
        const auto& b = blocks->as_array()[i];
        std::string where = "block " + std::to_string(i + 1);
        if (!b.is_object()) throw WorkflowError(where + ": must be an object");
        const auto& bo = b.as_object();
        refuse_unknown_keys(bo, {"id", "tool", "title", "params", "expect", "show"}, where);
        Block block;
        block.id = required_text(bo, "id", where);
        where += " (" + block.id + ")";
        block.tool = required_text(bo, "tool", where);
        if (auto v = bo.if_contains("title"); v && v->is_string()) block.title = std::string(v->as_string());
        if (auto v = bo.if_contains("show"); v && v->is_string()) block.show = std::string(v->as_string());
        if (auto v = bo.if_contains("params")) {
            if (!v->is_object()) throw WorkflowError(where + ": \"params\" must be an object");
            block.params = v->as_object();
        }
        if (auto v = bo.if_contains("expect")) {
            if (!v->is_object()) throw WorkflowError(where + ": \"expect\" must be an object of path: value");
            block.expect = v->as_object();
        }
        if (block.id == "vars" || block.id == "run")
            throw WorkflowError(where + ": the id '" + block.id + "' is reserved (vars and run name workflow values)");
        if (known.count(block.id)) throw WorkflowError(where + ": the id '" + block.id + "' is already taken");
        auto check_roots = [&](const json::value& v) {
            std::vector<std::string> roots;
            collect_roots(v, roots);
            for (const auto& root : roots)
                if (!known.count(root))
                    throw WorkflowError(where + ": refers to '" + root + "', which is not an earlier block, vars or run");
        };
        check_roots(json::value(block.params));
        known.insert(block.id);  // "show" and "expect" may read the block's own output
        check_roots(json::value(block.show));
        check_roots(json::value(block.expect));
        wf.blocks.push_back(std::move(block));
    }
    return wf;
}

}  // namespace thrive::cli
