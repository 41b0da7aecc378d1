// Read-only catalogue tools through the C ABI: content, activities and CPD.
// Every get_* is called with an id taken from the matching query's results
// and must return that same record.
#include "e2e_harness.hpp"

#include <map>

namespace thrive::e2e {
namespace {

using CatalogueE2E = E2ETest;

E2E_SCENARIO(CatalogueE2E, ContentQueryFiltersAndGetById) {
    json::object all = e2e.ok("thrive_query_content", {{"perPage", 1000}});
    ASSERT_TRUE(is_envelope(all, shapes::content, "query_content"));
    EXPECT_EQ(all.at("pagination").at("totalResults").to_number<int>(), sf::kContentCount);

    json::object videos = e2e.ok("thrive_query_content", {{"types", "video"}, {"perPage", 1000}});
    ASSERT_TRUE(is_envelope(videos, shapes::content, "query_content types=video"));
    ASSERT_FALSE(videos.at("results").as_array().empty());
    for (const auto& c : videos.at("results").as_array()) EXPECT_EQ(str(c, "type"), "video");

    json::object not_videos = e2e.ok("thrive_query_content", {{"omitTypes", "video"}, {"perPage", 1000}});
    EXPECT_EQ(not_videos.at("pagination").at("totalResults").to_number<int>() +
                  videos.at("pagination").at("totalResults").to_number<int>(),
              sf::kContentCount);

    const auto& first = videos.at("results").at(0);
    json::object got = e2e.ok("thrive_get_content", {{"id", str(first, "id")}});
    ASSERT_TRUE(has_shape(got.at("content"), shapes::content, "get_content.content"));
    EXPECT_EQ(str(got.at("content"), "id"), str(first, "id"));
    EXPECT_EQ(str(got.at("content"), "title"), str(first, "title"));
    EXPECT_EQ(str(got.at("content"), "type"), "video");

    // The seeded fire safety e-learning: 30 minutes.
    json::object fire = e2e.ok("thrive_get_content", {{"id", seed_id(IdKind::content, sf::kFireSafetyContent)}});
    ASSERT_TRUE(has_shape(fire.at("content").at("duration"), shapes::duration, "content.duration"));
    EXPECT_EQ(str(fire.at("content"), "type"), "elearning");
    EXPECT_EQ(fire.at("content").at("duration").at("value").to_number<int>(), sf::kFireSafetyMinutes);
}

E2E_SCENARIO(CatalogueE2E, ActivitiesQueryAndGetById) {
    json::object page = e2e.ok("thrive_query_activities", {{"perPage", 5}});
    ASSERT_TRUE(is_envelope(page, shapes::activity, "query_activities"));
    ASSERT_EQ(page.at("results").as_array().size(), 5u);
    EXPECT_GT(page.at("pagination").at("totalResults").to_number<int>(), 5);

    const auto& first = page.at("results").at(0);
    json::object got = e2e.ok("thrive_get_activity", {{"id", str(first, "id")}});
    ASSERT_TRUE(has_shape(got.at("activity"), shapes::activity, "get_activity.activity"));
    EXPECT_EQ(str(got.at("activity"), "id"), str(first, "id"));
    EXPECT_EQ(str(got.at("activity"), "type"), str(first, "type"));
    EXPECT_EQ(str(got.at("activity"), "user"), str(first, "user"));

    // actions filter: only the asked type comes back.
    json::object completed = e2e.ok("thrive_query_activities", {{"actions", "completed"}, {"perPage", 50}});
    ASSERT_FALSE(completed.at("results").as_array().empty());
    for (const auto& a : completed.at("results").as_array()) EXPECT_EQ(str(a, "type"), "completed");
}

E2E_SCENARIO(CatalogueE2E, CpdQueriesAndGetsById) {
    json::object categories = e2e.ok("thrive_query_cpd_categories", {});
    ASSERT_TRUE(is_envelope(categories, shapes::cpd_category, "query_cpd_categories"));
    EXPECT_EQ(categories.at("pagination").at("totalResults").to_number<int>(), sf::kCpdCategoryCount);
    const auto& category = categories.at("results").at(1);
    json::object got_category = e2e.ok("thrive_get_cpd_category", {{"categoryId", str(category, "categoryId")}});
    ASSERT_TRUE(has_shape(got_category.at("category"), shapes::cpd_category, "get_cpd_category.category"));
    EXPECT_EQ(str(got_category.at("category"), "name"), str(category, "name"));

    json::object entries = e2e.ok("thrive_query_cpd_entries", {{"entryDateFrom", "2024-01-01 00:00:00"},
                                                               {"entryDateTo", "2026-12-31 23:59:59"},
                                                               {"perPage", 1000}});
    ASSERT_TRUE(is_envelope(entries, shapes::cpd_entry, "query_cpd_entries"));
    const auto& entry_list = entries.at("results").as_array();
    ASSERT_FALSE(entry_list.empty());
    EXPECT_EQ(entries.at("pagination").at("totalResults").to_number<std::size_t>(), entry_list.size());
    const auto& entry = entry_list.at(0);
    json::object got_entry = e2e.ok("thrive_get_cpd_entry", {{"logEntryId", str(entry, "logEntryId")}});
    ASSERT_TRUE(has_shape(got_entry.at("entry"), shapes::cpd_entry, "get_cpd_entry.entry"));
    EXPECT_EQ(str(got_entry.at("entry"), "userId"), str(entry, "userId"));
    EXPECT_EQ(got_entry.at("entry").at("durationMinutes"), entry.at("durationMinutes"));
    EXPECT_TRUE(has_shape(got_entry.at("entry").at("activity"), {{"type", Kind::string}, {"name", Kind::string}},
                          "cpd entry activity"));
    EXPECT_TRUE(has_shape(got_entry.at("entry").at("category"), shapes::cpd_category, "cpd entry category"));

    json::object requirements = e2e.ok("thrive_query_cpd_requirements", {});
    ASSERT_TRUE(is_envelope(requirements, shapes::cpd_requirement, "query_cpd_requirements"));
    EXPECT_EQ(requirements.at("pagination").at("totalResults").to_number<int>(), sf::kCpdRequirementCount);
    const auto& requirement = requirements.at("results").at(0);
    json::object got_requirement =
        e2e.ok("thrive_get_cpd_requirement", {{"audienceRequirementId", str(requirement, "audienceRequirementId")}});
    ASSERT_TRUE(has_shape(got_requirement.at("requirement"), shapes::cpd_requirement, "get_cpd_requirement"));
    EXPECT_EQ(got_requirement.at("requirement").at("requiredMinutes"), requirement.at("requiredMinutes"));

    // The user summaries over 2024-2026 add up the entries of the same range.
    json::object summaries = e2e.ok("thrive_query_cpd_user_summaries", {{"entryDateFrom", "2024-01-01T00:00:00"},
                                                                        {"entryDateTo", "2026-12-31T23:59:59"},
                                                                        {"perPage", 1000}});
    ASSERT_TRUE(is_envelope(summaries, shapes::cpd_user_summary, "query_cpd_user_summaries"));
    std::map<std::string, std::int64_t> minutes;
    for (const auto& e : entry_list) minutes[str(e, "userId")] += e.at("durationMinutes").to_number<std::int64_t>();
    EXPECT_EQ(summaries.at("results").as_array().size(), minutes.size());
    for (const auto& row : summaries.at("results").as_array())
        EXPECT_EQ(row.at("durationMinutes").to_number<std::int64_t>(), minutes[str(row, "userId")]) << json::serialize(row);
}

}  // namespace
}  // namespace thrive::e2e
