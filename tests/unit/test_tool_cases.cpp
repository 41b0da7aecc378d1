// For every tool: the HTTP request it builds from realistic parameters
// (method, URL with path and query, body) and the output it maps from a
// realistic response. Cases live in fixtures/tool_cases.json; a tool without
// a case fails the suite.
#include "dispatch/dispatcher.hpp"
#include "fake_transport.hpp"
#include "registry/registry.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace json = boost::json;
using namespace thrive;

namespace {

json::object load_cases() {
    std::ifstream in(THRIVE_FIXTURES_DIR "/tool_cases.json");
    std::ostringstream text;
    text << in.rdbuf();
    return json::parse(text.str()).as_object();
}

const json::object& cases() {
    static const json::object all = load_cases();
    return all;
}

class ToolCase : public ::testing::TestWithParam<std::string> {};

TEST(ToolCases, EveryRegisteredToolHasACase) {
    for (const auto& tool : registry::Registry::instance().tools())
        EXPECT_TRUE(cases().contains(tool.id)) << "no case for " << tool.id;
    for (const auto& [id, unused] : cases())
        EXPECT_NE(registry::Registry::instance().find(id), nullptr) << "case for unknown tool " << id;
}

TEST_P(ToolCase, BuildsTheDocumentedRequestAndMapsTheAnswer) {
    const auto& c = cases().at(GetParam()).as_object();
    auto transport = std::make_shared<thrive::testing::FakeTransport>();
    const auto& response = c.at("response").as_object();
    std::string body = response.contains("body") ? (response.at("body").is_string()
                                                        ? std::string(response.at("body").as_string())
                                                        : json::serialize(response.at("body")))
                                                 : "";
    transport->answer(static_cast<int>(response.at("status").to_number<int>()), body);

    dispatch::PluginConfig config;
    config.tenant_id = "eu-west-000000";
    config.api_key = "k3y-for-tests";
    auto made = dispatch::Dispatcher::create(config, transport);
    auto& dispatcher = std::get<0>(made);

    Result r = dispatcher->call(GetParam(), json::serialize(c.at("params")), nullptr);
    ASSERT_TRUE(r.ok()) << r.envelope_json();

    auto sent = transport->sent();
    ASSERT_EQ(sent.size(), 1u);
    const auto& expected = c.at("request").as_object();
    EXPECT_EQ(sent[0].method, std::string(expected.at("method").as_string()));
    std::string url = "https://" + sent[0].host + sent[0].target;
    EXPECT_EQ(url, std::string(expected.at("url").as_string()));
    if (expected.contains("body")) {
        ASSERT_TRUE(sent[0].body.has_value()) << "expected a body";
        EXPECT_EQ(json::parse(*sent[0].body), expected.at("body")) << *sent[0].body;
    } else {
        EXPECT_FALSE(sent[0].body.has_value()) << "expected no body, got " << sent[0].body.value_or("");
    }
    EXPECT_EQ(r.output, c.at("output")) << json::serialize(r.output);
}

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    for (const auto& [id, unused] : cases()) names.emplace_back(id);
    return names;
}

INSTANTIATE_TEST_SUITE_P(AllTools, ToolCase, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
