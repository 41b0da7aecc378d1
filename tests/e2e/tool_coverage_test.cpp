// The 47 tools: the plugin lists exactly the documented ones, and running
// every end-to-end scenario (each against a fresh stand-in) calls each of them
// successfully at least once. Scenarios are gtest tests of their own too; this
// test runs them all in one process so the set of tools called is complete.
#include "e2e_harness.hpp"

#include <filesystem>

namespace thrive::e2e {
namespace {

std::set<std::string> documented_tool_ids() {
    std::set<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(THRIVE_E2E_SCHEMA_DIR))
        if (entry.path().extension() == ".json") ids.insert(entry.path().stem().string());
    return ids;
}

std::string join(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : ", ") + x;
    return out;
}

TEST(ToolCoverageE2E, PluginListsExactlyThe47DocumentedTools) {
    const auto documented = documented_tool_ids();
    ASSERT_EQ(documented.size(), 47u) << join(documented);

    json::value info = json::parse(plugin().api().plugin_info());
    EXPECT_EQ(info.at("toolCount").to_number<int>(), 47) << json::serialize(info);

    Harness h;
    json::value tools = json::parse(h.instance().tools_json());
    std::set<std::string> listed;
    for (const auto& t : tools.as_array()) {
        std::string id = str(t, "id");
        listed.insert(id);
        EXPECT_FALSE(h.instance().tool_json(id).empty()) << id;
    }
    EXPECT_EQ(listed, documented);
    EXPECT_TRUE(h.instance().tool_json("thrive_no_such_tool").empty());
}

TEST(ToolCoverageE2E, EveryToolSucceedsThroughTheCAbiInTheScenarios) {
    ASSERT_FALSE(scenarios().empty());
    forget_tools();
    std::vector<std::string> broken;
    for (const auto& scenario : scenarios()) {
        SCOPED_TRACE("scenario " + scenario.name);
        const bool failed_before = ::testing::Test::HasFailure();
        Harness h;
        try {
            scenario.fn(h);
        } catch (const StepFailed&) {
        }
        if (!failed_before && ::testing::Test::HasFailure()) broken.push_back(scenario.name);
    }
    EXPECT_TRUE(broken.empty()) << "scenarios with failures (see above): " << broken.size();

    const auto documented = documented_tool_ids();
    const auto called = tools_called();
    const auto succeeded = tools_succeeded();
    std::set<std::string> never_called, never_succeeded, undocumented;
    for (const auto& id : documented) {
        if (!called.count(id)) never_called.insert(id);
        if (!succeeded.count(id)) never_succeeded.insert(id);
    }
    for (const auto& id : called)
        if (!documented.count(id)) undocumented.insert(id);
    EXPECT_TRUE(never_called.empty()) << "tools no scenario calls: " << join(never_called);
    EXPECT_TRUE(never_succeeded.empty()) << "tools that never succeeded: " << join(never_succeeded);
    EXPECT_TRUE(undocumented.empty()) << "called ids that are not documented tools: " << join(undocumented);
    EXPECT_EQ(succeeded.size(), 47u);
}

}  // namespace
}  // namespace thrive::e2e
