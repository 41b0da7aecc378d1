// manifest.json, the schemas, the compiled registry and the action reference
// all describe the same tools with the same parameters.
#include "registry/registry.hpp"
#include "thrive/thrive_plugin.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
namespace json = boost::json;
using thrive::registry::ParamType;
using thrive::registry::Registry;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

json::object manifest() { return json::parse(read(fs::path(THRIVE_SOURCE_DIR) / "manifest.json")).as_object(); }

TEST(ManifestAgreement, SameToolsInTheSameOrderAsSchemasAndRegistry) {
    auto m = manifest();
    const auto& tools = m.at("tools").as_array();
    const auto& registered = Registry::instance().tools();
    std::size_t schema_files = 0;
    for (const auto& e : fs::directory_iterator(fs::path(THRIVE_SOURCE_DIR) / "schemas" / "actions"))
        schema_files += e.path().extension() == ".json";
    ASSERT_EQ(registered.size(), schema_files);
    ASSERT_EQ(tools.size(), registered.size());
    ASSERT_EQ(m.at("operations").as_array().size(), registered.size());
    for (std::size_t i = 0; i < tools.size(); ++i) {
        const auto& t = tools[i].as_object();
        const auto& spec = registered[i];
        EXPECT_EQ(t.at("id"), json::value(spec.id));
        EXPECT_EQ(m.at("operations").as_array()[i].at("id"), json::value(spec.id));
        const auto& inputs = t.at("inputs").as_array();
        ASSERT_EQ(inputs.size(), spec.inputs.size()) << spec.id;
        for (std::size_t j = 0; j < inputs.size(); ++j) EXPECT_EQ(inputs[j], json::value(spec.inputs[j].name)) << spec.id;
        std::size_t k = 0;
        for (const auto& p : spec.inputs) {
            if (p.operator_setting) continue;
            const auto& field = t.at("fields").as_array().at(k++).as_object();
            EXPECT_EQ(field.at("name"), json::value(p.name)) << spec.id;
            EXPECT_EQ(field.at("required"), json::value(p.required)) << spec.id << "." << p.name;
        }
        EXPECT_EQ(k, t.at("fields").as_array().size()) << spec.id;
    }
}

TEST(ManifestAgreement, AbiEntryAndCredentials) {
    auto m = manifest();
    EXPECT_EQ(m.at("abi").at("major"), json::value(THRIVE_ABI_MAJOR));
    EXPECT_EQ(m.at("abi").at("minor"), json::value(THRIVE_ABI_MINOR));
    EXPECT_EQ(m.at("abi").at("entrySymbol"), json::value(THRIVE_PLUGIN_ENTRY_SYMBOL));
    EXPECT_EQ(m.at("library"), json::value("libthrive_plugin.so"));
    std::vector<std::string> names;
    for (const auto& c : m.at("credentials").as_array()) names.emplace_back(c.at("name").as_string());
    EXPECT_EQ(names, (std::vector<std::string>{"tenantId", "apiKey", "host"}));
    const auto& region = m.at("credentials").as_array()[2].as_object();
    EXPECT_EQ(region.at("options").as_array().size(), 4u);
    for (const auto& spec : Registry::instance().tools())
        for (const auto& name : names) {
            const auto* p = spec.find_param(name);
            ASSERT_NE(p, nullptr) << spec.id << " lacks " << name;
            EXPECT_TRUE(p->operator_setting) << spec.id << "." << name;
        }
}

// The action reference (shared/seed) is the specification: every action it
// documents is registered, with its input rows in order, same type and same
// required flag. Rows look like "perPagenumberNoNumber of results ...".
TEST(ReferenceAgreement, EveryDocumentedActionAndInputRow) {
    fs::path reference = fs::path(THRIVE_SOURCE_DIR) / ".." / "shared" / "seed" / "000_cbefc694c41d9327.txt";
    if (!fs::exists(reference)) GTEST_SKIP() << "the action reference is not beside this checkout";
    std::istringstream text(read(reference));
    std::map<std::string, std::vector<std::string>> rows;
    std::string line, current;
    bool in_input = false;
    while (std::getline(text, line)) {
        if (line.rfind("thrive_", 0) == 0 && line.find(' ') == std::string::npos) {
            current = rows.count(line) ? "" : line;  // the table of contents repeats the names
            if (!current.empty()) rows[current];
            in_input = false;
        } else if (line == "Input") {
            in_input = !current.empty();
        } else if (line == "Output") {
            in_input = false;
        } else if (in_input && !line.empty() && line != "ParameterTypeRequiredDescription") {
            rows[current].push_back(line);
        }
    }
    ASSERT_EQ(rows.size(), Registry::instance().tools().size());
    for (const auto& [id, input_rows] : rows) {
        const auto* spec = Registry::instance().find(id);
        ASSERT_NE(spec, nullptr) << "documented action " << id << " is not registered";
        ASSERT_EQ(input_rows.size(), spec->inputs.size()) << id;
        for (std::size_t i = 0; i < input_rows.size(); ++i) {
            const auto& p = spec->inputs[i];
            std::string type = p.type == ParamType::boolean ? "boolean"
                               : p.type == ParamType::string ? "string"
                                                             : "number";
            std::string expected = p.name + type + (p.required ? "Yes" : "No");
            EXPECT_EQ(input_rows[i].substr(0, expected.size()), expected) << id << " row " << i;
        }
    }
}

}  // namespace
