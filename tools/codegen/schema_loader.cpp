#include "schema_loader.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;
namespace json = boost::json;

namespace codegen {
namespace {

json::value parse_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    json::value v = json::parse(text.str(), ec);
    if (ec) throw std::runtime_error(path.string() + ": invalid JSON: " + ec.message());
    return v;
}

class Resolver {
public:
    explicit Resolver(json::value shared) : shared_(std::move(shared)) {}

    json::value resolve(const json::value& v, const std::string& where, int depth = 0) const {
        if (depth > 32) throw std::runtime_error(where + ": $ref nesting too deep (a cycle?)");
        if (v.is_array()) {
            json::array out;
            for (const auto& item : v.as_array()) out.push_back(resolve(item, where, depth));
            return out;
        }
        if (!v.is_object()) return v;
        const auto& obj = v.as_object();
        json::object out;
        if (auto ref = obj.if_contains("$ref")) {
            if (!ref->is_string()) throw std::runtime_error(where + ": $ref must be a string");
            json::value target = resolve(lookup(std::string(ref->as_string()), where), where, depth + 1);
            if (!target.is_object())
                throw std::runtime_error(where + ": $ref " + std::string(ref->as_string()) +
                                         " must point at an object");
            out = target.as_object();
        }
        // Sibling keys override what the reference brought.
        for (const auto& [key, value] : obj) {
            if (key == "$ref") continue;
            out[key] = resolve(value, where, depth);
        }
        return out;
    }

private:
    json::value lookup(const std::string& ref, const std::string& where) const {
        const std::string prefix = "shared.json#";
        if (ref.rfind(prefix, 0) != 0)
            throw std::runtime_error(where + ": unsupported $ref '" + ref + "' (only shared.json#/...)");
        boost::system::error_code ec;
        const json::value* target = shared_.find_pointer(ref.substr(prefix.size()), ec);
        if (!target) throw std::runtime_error(where + ": $ref '" + ref + "' points at nothing");
        return *target;
    }

    json::value shared_;
};

}  // namespace

std::vector<Action> load_actions(const fs::path& schemas_dir) {
    Resolver resolver(parse_file(schemas_dir / "shared.json"));
    std::vector<Action> actions;
    for (const auto& entry : fs::directory_iterator(schemas_dir / "actions")) {
        if (entry.path().extension() != ".json") continue;
        Action action;
        action.file = entry.path().filename().string();
        action.spec = resolver.resolve(parse_file(entry.path()), action.file);
        if (auto id = action.spec.as_object().if_contains("id"); id && id->is_string())
            action.id = std::string(id->as_string());
        actions.push_back(std::move(action));
    }
    std::sort(actions.begin(), actions.end(),
              [](const Action& a, const Action& b) { return a.file < b.file; });
    return actions;
}

}  // namespace codegen
