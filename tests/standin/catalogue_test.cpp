// Content, activities, CPD, tags and skills: shapes, filters and pagination.
#include <regex>
#include <set>

#include "fixture.hpp"

namespace thrive::standin::testing {
namespace {

using CatalogueTest = StandinTest;

const std::initializer_list<const char*> kContentFields = {"id",        "title",     "description", "tags",
                                                           "type",      "createdAt", "updatedAt",   "author",
                                                           "isOfficial", "duration", "contentHistory"};
const std::initializer_list<const char*> kActivityFields = {"type", "name", "id", "user", "date",
                                                            "contextId", "contextType", "data", "with"};
const std::initializer_list<const char*> kCpdEntryFields = {"logEntryId", "userId", "activity", "category",
                                                            "entryDate", "durationMinutes", "description", "isVerified"};
const std::initializer_list<const char*> kTagFields = {"tag", "id", "contents", "campaigns", "interests", "skills"};

const std::vector<std::string> kTypes{"article", "assessment", "broadcast", "cmi5", "elearning", "event", "file",
                                      "pathway", "question", "quiz", "scorm", "url", "video", "mixed"};

TEST_F(CatalogueTest, ContentCatalogueCoversEveryType) {
    auto all = walk_envelope(*client, v1("/contents"), 7);
    ASSERT_EQ(all.size(), std::size_t(seed_facts::kContentCount));
    std::map<std::string, std::size_t> by_type;
    for (const auto& c : all) {
        EXPECT_TRUE(has_fields(c, kContentFields));
        EXPECT_EQ(str(c.at("duration"), "unit"), "minutes");
        EXPECT_GT(c.at("duration").at("value").as_int64(), 0);
        ++by_type[str(c, "type")];
    }
    EXPECT_EQ(by_type.size(), kTypes.size());
    EXPECT_EQ(get_json(v1("/contents")).at("pagination").at("perPage").as_int64(), 20);

    auto videos = get_json(v1("/contents?types=video,quiz&perPage=100")).at("results").as_array();
    EXPECT_EQ(videos.size(), by_type["video"] + by_type["quiz"]);
    for (const auto& c : videos) EXPECT_TRUE(str(c, "type") == "video" || str(c, "type") == "quiz");
    auto no_video = get_json(v1("/contents?omitTypes=video&perPage=100")).at("results").as_array();
    EXPECT_EQ(no_video.size(), all.size() - by_type["video"]);
    // types wins over omitTypes.
    EXPECT_EQ(get_json(v1("/contents?types=video&omitTypes=video&perPage=100")).at("results").as_array().size(),
              by_type["video"]);
    error_message(client->get(v1("/contents?types=podcast")), 400);
    error_message(client->get(v1("/contents?omitTypes=video,podcast")), 400);

    std::size_t recent = 0;
    for (const auto& c : all) recent += str(c, "updatedAt") >= "2025-07-01";
    EXPECT_GT(recent, 0u);
    EXPECT_LT(recent, all.size());
    EXPECT_EQ(get_json(v1("/contents?updatedSince=2025-07-01&perPage=100")).at("pagination").at("totalResults").as_int64(),
              static_cast<std::int64_t>(recent));

    auto fire = get_json(v1("/contents/") + seed_id(IdKind::content, seed_facts::kFireSafetyContent));
    EXPECT_EQ(str(fire, "title"), "Fire Safety Awareness");
    EXPECT_EQ(fire.at("duration").at("value").as_int64(), seed_facts::kFireSafetyMinutes);
    error_message(client->get(v1("/contents/nope")), 404);
}

TEST_F(CatalogueTest, ActivitiesFilters) {
    auto all = walk_envelope(*client, v1("/activities"), 500);
    ASSERT_GE(all.size(), 300u);
    EXPECT_EQ(get_json(v1("/activities")).at("pagination").at("perPage").as_int64(), 20);
    std::regex date_shape(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
    std::map<std::string, std::size_t> by_type;
    for (const auto& a : all) {
        EXPECT_TRUE(has_fields(a, kActivityFields));
        EXPECT_TRUE(std::regex_match(str(a, "date"), date_shape)) << str(a, "date");
        ++by_type[str(a, "type")];
    }
    for (const char* t : {"viewed", "completed", "created", "assigned"}) EXPECT_GT(by_type[t], 0u) << t;

    auto count = [&](const std::string& q) {
        return static_cast<std::size_t>(get_json(v1("/activities?perPage=1" + q)).at("pagination").at("totalResults").as_int64());
    };
    EXPECT_EQ(count("&actions=viewed,completed"), by_type["viewed"] + by_type["completed"]);
    EXPECT_EQ(count("&omitActions=viewed"), all.size() - by_type["viewed"]);

    std::string fire = seed_id(IdKind::content, seed_facts::kFireSafetyContent);
    std::size_t on_fire = 0;
    for (const auto& a : all) on_fire += str(a, "contextType") == "content" && str(a, "contextId") == fire;
    EXPECT_GT(on_fire, 0u);
    EXPECT_EQ(count("&contentIds=" + fire), on_fire);

    std::size_t on_videos = 0;
    for (const auto& a : all)
        on_videos += a.at("contentType").is_string() && a.at("contentType").as_string() == "video";
    EXPECT_GT(on_videos, 0u);
    EXPECT_EQ(count("&contentType=video"), on_videos);
    error_message(client->get(v1("/activities?contentType=podcast")), 400);

    std::size_t in_2025 = 0;
    for (const auto& a : all) in_2025 += str(a, "date").substr(0, 4) == "2025";
    EXPECT_GT(in_2025, 0u);
    EXPECT_EQ(count("&timestampFrom=2025-01-01%2000:00:00&timestampTo=2025-12-31%2023:59:59"), in_2025);
    error_message(client->get(v1("/activities?timestampFrom=2025-01-01T00:00:00")), 400);
    error_message(client->get(v1("/activities?timestampTo=2025-01-01")), 400);

    auto one = get_json(v1("/activity/") + str(all[5], "id"));
    EXPECT_EQ(one, all[5]);
    error_message(client->get(v1("/activity/nope")), 404);
}

TEST_F(CatalogueTest, CpdCategoriesEntriesRequirements) {
    auto categories = walk_envelope(*client, v1("/cpdCategories"), 4);
    ASSERT_EQ(categories.size(), std::size_t(seed_facts::kCpdCategoryCount));
    for (const auto& c : categories) EXPECT_TRUE(has_fields(c, {"categoryId", "name"}));
    auto formal = get_json(v1("/cpdCategories/") + seed_id(IdKind::cpd_category, seed_facts::kFormalLearningCategory));
    EXPECT_EQ(str(formal, "name"), "Formal learning");
    auto since = get_json(v1("/cpdCategories?updatedSince=2025-01-01")).at("results").as_array();
    EXPECT_GT(since.size(), 0u);
    EXPECT_LT(since.size(), categories.size());
    error_message(client->get(v1("/cpdCategories/nope")), 404);

    auto entries = walk_envelope(*client, v1("/cpdEntries"), 250);
    ASSERT_GE(entries.size(), 200u);
    std::size_t verified = 0, in_2024 = 0;
    for (const auto& e : entries) {
        EXPECT_TRUE(has_fields(e, kCpdEntryFields));
        EXPECT_TRUE(has_fields(e.at("activity"), {"type", "name"}));
        EXPECT_TRUE(has_fields(e.at("category"), {"categoryId", "name"}));
        verified += e.at("isVerified").as_bool();
        in_2024 += str(e, "entryDate").substr(0, 4) == "2024";
    }
    EXPECT_GT(verified, 0u);
    EXPECT_LT(verified, entries.size());
    EXPECT_GT(in_2024, 0u);
    EXPECT_EQ(get_json(v1("/cpdEntries?perPage=1&entryDateFrom=2024-01-01%2000:00:00&entryDateTo=2024-12-31%2023:59:59"))
                  .at("pagination")
                  .at("totalResults")
                  .as_int64(),
              static_cast<std::int64_t>(in_2024));
    error_message(client->get(v1("/cpdEntries?entryDateFrom=2024-01-01")), 400);
    auto one = get_json(v1("/cpdEntries/") + str(entries[3], "logEntryId"));
    EXPECT_EQ(one, entries[3]);

    auto reqs = walk_envelope(*client, v1("/cpdRequirementSummaries"), 2);
    ASSERT_EQ(reqs.size(), std::size_t(seed_facts::kCpdRequirementCount));
    for (const auto& r : reqs)
        EXPECT_TRUE(has_fields(r, {"audienceRequirementId", "audienceId", "requiredMinutes", "createdAt", "updatedAt"}));
    EXPECT_EQ(get_json(v1("/cpdRequirementSummaries/") + str(reqs[1], "audienceRequirementId")), reqs[1]);
    error_message(client->get(v1("/cpdRequirementSummaries/nope")), 404);
}

TEST_F(CatalogueTest, CpdUserSummariesSumTheEntries) {
    auto entries = walk_envelope(*client, v1("/cpdEntries"), 1000);
    std::map<std::string, std::int64_t> expected;
    for (const auto& e : entries)
        if (str(e, "entryDate") >= "2025-01-01T00:00:00" && str(e, "entryDate") <= "2025-12-31T23:59:59.999")
            expected[str(e, "userId")] += e.at("durationMinutes").as_int64();
    ASSERT_FALSE(expected.empty());
    std::string q = v1("/cpdUserLogSummaries?entryDateFrom=2025-01-01T00:00:00&entryDateTo=2025-12-31T23:59:59");
    auto rows = walk_envelope(*client, q, 20);
    ASSERT_EQ(rows.size(), expected.size());
    for (const auto& r : rows) EXPECT_EQ(r.at("durationMinutes").as_int64(), expected[str(r, "userId")]);

    auto first = expected.begin();
    auto filtered = get_json(q + "&userIds=" + first->first + "," + seed_id(IdKind::user, 0)).at("results").as_array();
    ASSERT_GE(filtered.size(), 1u);
    EXPECT_EQ(filtered[0].at("durationMinutes").as_int64(), first->second);

    error_message(client->get(v1("/cpdUserLogSummaries?entryDateTo=2025-12-31T23:59:59")), 400);
    error_message(client->get(v1("/cpdUserLogSummaries?entryDateFrom=2025-01-01T00:00:00")), 400);
    error_message(client->get(v1("/cpdUserLogSummaries?entryDateFrom=2025-01-01%2000:00:00&entryDateTo=2025-12-31T23:59:59")), 400);
}

TEST_F(CatalogueTest, TagsListAndGet) {
    auto tags = walk_envelope(*client, v1("/tags"), 6);
    ASSERT_EQ(tags.size(), std::size_t(seed_facts::kTagCount));
    for (const auto& t : tags) EXPECT_TRUE(has_fields(t, kTagFields));
    auto fire = get_json(v1("/tags/") + seed_id(IdKind::tag, seed_facts::kFireSafetyTag));
    EXPECT_EQ(str(fire, "tag"), "fire-safety");
    std::set<std::string> contents;
    for (const auto& c : fire.at("contents").as_array()) contents.insert(std::string(c.as_string()));
    EXPECT_TRUE(contents.count(seed_id(IdKind::content, seed_facts::kFireSafetyContent)));
    auto leadership = get_json(v1("/tags/") + seed_id(IdKind::tag, seed_facts::kLeadershipTag));
    EXPECT_GE(leadership.at("skills").as_array().size(), 16u);  // every manager has it
    auto recent = get_json(v1("/tags?updatedSince=2025-06-01")).at("results").as_array();
    EXPECT_GT(recent.size(), 0u);
    EXPECT_LT(recent.size(), tags.size());
    error_message(client->get(v1("/tags/nope")), 404);
}

TEST_F(CatalogueTest, UserTagsAddAndRemove) {
    std::string uid = seed_id(IdKind::user, 40);
    auto r = send_json("POST", v1("/users/" + uid + "/tags"), json::object{{"tags", json::array{"fire-safety", "Beekeeping"}}}, 200);
    EXPECT_EQ(r.at("status").as_int64(), 200);
    EXPECT_TRUE(r.at("message").is_string());
    auto tags = walk_envelope(*client, v1("/tags"), 100);
    ASSERT_EQ(tags.size(), std::size_t(seed_facts::kTagCount + 1));  // Beekeeping was created
    std::string bee_id;
    for (const auto& t : tags)
        if (str(t, "tag") == "Beekeeping") bee_id = str(t, "id");
    ASSERT_FALSE(bee_id.empty());
    auto bee = get_json(v1("/tags/" + bee_id));
    ASSERT_EQ(bee.at("interests").as_array().size(), 1u);
    EXPECT_EQ(bee.at("interests").at(0).as_string(), uid);
    auto user = get_json(v1("/user/" + uid));
    bool following = false;
    for (const auto& t : user.at("tagsFollowing").as_array()) following = following || t.as_string() == "Beekeeping";
    EXPECT_TRUE(following);
    auto writes = server->stats().writes_applied;

    send_json("PATCH", v1("/users/" + uid + "/tags"),
              json::object{{"op", "remove"}, {"path", "tags"}, {"value", json::array{"beekeeping"}}}, 200);
    EXPECT_TRUE(get_json(v1("/tags/" + bee_id)).at("interests").as_array().empty());
    EXPECT_EQ(server->stats().writes_applied, writes + 1);
    // Removing it again changes nothing.
    send_json("PATCH", v1("/users/" + uid + "/tags"),
              json::object{{"op", "remove"}, {"path", "tags"}, {"value", json::array{"beekeeping"}}}, 200);
    EXPECT_EQ(server->stats().writes_applied, writes + 1);

    error_message(client->patch(v1("/users/" + uid + "/tags"), json::object{{"op", "add"}, {"path", "tags"}, {"value", json::array{"x"}}}), 400);
    error_message(client->patch(v1("/users/" + uid + "/tags"), json::object{{"op", "remove"}, {"path", "tags"}, {"value", json::array{}}}), 400);
    error_message(client->post(v1("/users/" + uid + "/tags"), json::object{{"tags", json::array{}}}), 400);
    error_message(client->post(v1("/users/" + uid + "/tags"), json::array{"x"}), 400);
    error_message(client->post(v1("/users/nope/tags"), json::object{{"tags", json::array{"x"}}}), 404);
}

TEST_F(CatalogueTest, SkillsUpdateAndLevels) {
    auto levels = get_json(v1("/skills/levels"));
    ASSERT_TRUE(levels.is_array());
    ASSERT_EQ(levels.as_array().size(), std::size_t(seed_facts::kSkillLevelCount));
    for (const auto& l : levels.as_array()) EXPECT_TRUE(has_fields(l, {"name", "isEnabled", "value"}));
    EXPECT_EQ(levels.at(0).at("value").as_int64(), -1);
    EXPECT_EQ(str(levels.at(2), "name"), "Beginner");

    std::string uid = seed_id(IdKind::user, 42);
    auto r = send_json("PATCH", v1("/users/" + uid + "/skills"),
                       json::object{{"op", "update"},
                                    {"path", "skills"},
                                    {"value", json::array{json::object{{"tagName", "negotiation"}, {"level", 1}, {"targetLevel", 3}},
                                                          json::object{{"tagName", "Origami"}, {"level", -1}}}}},
                       200);
    EXPECT_EQ(r.at("status").as_int64(), 200);
    auto user = get_json(v1("/user/" + uid));
    bool has = false;
    for (const auto& s : user.at("tags").at("skills").as_array())
        if (str(s, "tagName") == "negotiation") {
            has = true;
            EXPECT_EQ(s.at("level").as_int64(), 1);
            EXPECT_EQ(s.at("targetLevel").as_int64(), 3);
        }
    EXPECT_TRUE(has);
    std::string negotiation_id;
    for (const auto& t : walk_envelope(*client, v1("/tags"), 100))
        if (str(t, "tag") == "negotiation") {
            negotiation_id = str(t, "id");
            bool listed = false;
            for (const auto& u : t.at("skills").as_array()) listed = listed || u.as_string() == uid;
            EXPECT_TRUE(listed);
        }
    ASSERT_FALSE(negotiation_id.empty());
    // Level only: the target stays.
    send_json("PATCH", v1("/users/" + uid + "/skills"),
              json::object{{"op", "update"}, {"path", "skills"}, {"value", json::array{json::object{{"tagName", "negotiation"}, {"level", 2}}}}},
              200);
    auto updated = get_json(v1("/user/" + uid));
    for (const auto& s : updated.at("tags").at("skills").as_array())
        if (str(s, "tagName") == "negotiation") {
            EXPECT_EQ(s.at("level").as_int64(), 2);
            EXPECT_EQ(s.at("targetLevel").as_int64(), 3);
        }

    auto bad = [&](json::value value) {
        return client->patch(v1("/users/" + uid + "/skills"),
                             json::object{{"op", "update"}, {"path", "skills"}, {"value", std::move(value)}});
    };
    error_message(bad(json::array{json::object{{"tagName", "x"}, {"level", -2}}}), 400);
    error_message(bad(json::array{json::object{{"tagName", "x"}, {"targetLevel", 9}}}), 400);
    error_message(bad(json::array{json::object{{"level", 1}}}), 400);
    error_message(bad(json::array{}), 400);
    error_message(bad("leadership"), 400);
    error_message(client->patch(v1("/users/" + uid + "/skills"), json::object{{"op", "remove"}, {"path", "skills"}, {"value", json::array{}}}), 400);
}

}  // namespace
}  // namespace thrive::standin::testing
