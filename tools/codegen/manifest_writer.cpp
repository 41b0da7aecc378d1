#include "manifest_writer.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <functional>

namespace json = boost::json;

namespace codegen {
namespace {

// "firstName" -> "First name", "audienceId" -> "Audience ID".
std::string label_from_name(const std::string& name) {
    std::string words;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (std::isupper(static_cast<unsigned char>(c)) && i > 0) words += ' ';
        words += static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(c))
                                          : std::tolower(static_cast<unsigned char>(c)));
    }
    auto replace_word = [&](const std::string& from, const std::string& to) {
        std::string padded = " " + words + " ";
        for (auto pos = padded.find(" " + from + " "); pos != std::string::npos; pos = padded.find(" " + from + " "))
            padded.replace(pos + 1, from.size(), to);
        words = padded.substr(1, padded.size() - 2);
    };
    replace_word("id", "ID");
    replace_word("ids", "IDs");
    replace_word("cpd", "CPD");
    replace_word("rpl", "RPL");
    replace_word("sso", "SSO");
    return words;
}

// The editor control that fits a parameter.
std::string control_for(const json::object& p) {
    std::string type(p.at("type").as_string());
    if (p.contains("json")) return "code";
    if (p.contains("enum")) return "dropdown";
    if (type == "boolean") return "switch";
    if (type == "integer" || type == "number") return "number";
    return "short-input";
}

}  // namespace

json::value build_manifest(const json::value& plugin_value, const std::vector<Action>& actions,
                           const std::string& version) {
    const auto& plugin = plugin_value.as_object();
    json::object m;
    m["manifestVersion"] = 1;
    m["id"] = plugin.at("id");
    m["name"] = plugin.at("name");
    m["version"] = version;
    m["description"] = plugin.at("description");
    m["abi"] = json::object{{"major", plugin.at("abi").at("major")},
                            {"minor", plugin.at("abi").at("minor")},
                            {"entrySymbol", plugin.at("entrySymbol")}};
    m["library"] = plugin.at("library");
    m["block"] = json::object{{"name", plugin.at("name")},
                              {"description", plugin.at("description")},
                              {"category", plugin.at("category")},
                              {"color", plugin.at("color")},
                              {"icon", plugin.at("icon")}};
    m["credentials"] = plugin.at("credentials");

    json::array operations, tools;
    for (const auto& action : actions) {
        const auto& spec = action.spec.as_object();
        operations.push_back(json::object{{"id", spec.at("id")}, {"label", spec.at("title")}, {"group", spec.at("group")}});
        json::array fields, all_inputs;
        for (const auto& input : spec.at("input").as_array()) {
            const auto& p = input.as_object();
            all_inputs.push_back(p.at("name"));
            if (p.contains("operator") && p.at("operator").as_bool()) continue;
            json::object field{{"name", p.at("name")},
                               {"label", p.contains("label") ? p.at("label")
                                                             : json::value(label_from_name(std::string(p.at("name").as_string())))},
                               {"type", p.at("type")},
                               {"control", control_for(p)},
                               {"required", p.at("required")}};
            if (p.contains("enum")) field["options"] = p.at("enum");
            if (p.contains("default")) field["default"] = p.at("default");
            fields.push_back(std::move(field));
        }
        tools.push_back(json::object{{"id", spec.at("id")},
                                     {"title", spec.at("title")},
                                     {"description", spec.at("description")},
                                     {"group", spec.at("group")},
                                     {"hints", spec.at("hints")},
                                     {"inputs", std::move(all_inputs)},
                                     {"fields", std::move(fields)}});
    }
    m["operations"] = std::move(operations);
    m["tools"] = std::move(tools);
    return m;
}

std::string pretty_json(const json::value& v) {
    std::string out;
    // Small recursive printer: objects and arrays of scalars stay on one line
    // when short, which keeps the committed manifest readable.
    std::function<void(const json::value&, int)> write = [&](const json::value& value, int depth) {
        std::string flat = json::serialize(value);
        if (flat.size() + static_cast<std::size_t>(depth) * 2 <= 100 || (!value.is_object() && !value.is_array())) {
            out += flat;
            return;
        }
        std::string pad(static_cast<std::size_t>(depth + 1) * 2, ' ');
        bool object = value.is_object();
        out += object ? "{\n" : "[\n";
        bool first = true;
        if (object) {
            for (const auto& [key, item] : value.as_object()) {
                out += (first ? "" : ",\n") + pad + json::serialize(json::value(key)) + ": ";
                first = false;
                write(item, depth + 1);
            }
        } else {
            for (const auto& item : value.as_array()) {
                out += (first ? "" : ",\n") + pad;
                first = false;
                write(item, depth + 1);
            }
        }
        out += "\n" + std::string(static_cast<std::size_t>(depth) * 2, ' ') + (object ? "}" : "]");
    };
    write(v, 0);
    return out + "\n";
}

}  // namespace codegen
