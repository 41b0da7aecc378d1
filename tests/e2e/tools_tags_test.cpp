// Tags, user tags and skills, and skill levels through the C ABI: writes on a
// user show up in the tag records (get_tag / list_tags) and on the user.
#include "e2e_harness.hpp"

namespace thrive::e2e {
namespace {

using TagsE2E = E2ETest;

bool has_value(const json::value& list, const std::string& v) {
    if (!list.is_array()) return false;
    for (const auto& x : list.as_array())
        if (x.is_string() && x.as_string() == v) return true;
    return false;
}

E2E_SCENARIO(TagsE2E, SkillLevelsAreTheDocumentedScale) {
    json::object levels = e2e.ok("thrive_get_skill_levels", {});
    ASSERT_TRUE(is_bare_list(levels, "levels", shapes::skill_level, "get_skill_levels"));
    const auto& list = levels.at("levels").as_array();
    ASSERT_EQ(list.size(), static_cast<std::size_t>(sf::kSkillLevelCount)) << json::serialize(levels);
    const std::pair<const char*, int> expected[] = {{"Not applicable", -1}, {"None", 0},     {"Beginner", 1},
                                                    {"Intermediate", 2},   {"Advanced", 3}, {"Expert", 4}};
    for (std::size_t i = 0; i < list.size(); ++i) {
        EXPECT_EQ(str(list[i], "name"), expected[i].first);
        EXPECT_EQ(list[i].at("value").to_number<int>(), expected[i].second);
        EXPECT_EQ(list[i].at("isEnabled").as_bool(), expected[i].second != -1) << json::serialize(list[i]);
    }
}

E2E_SCENARIO(TagsE2E, AddRemoveTagsAndUpdateSkillsSeenInTagsAndUser) {
    // A new user, so no seeded tag or skill is on them yet.
    const std::string sfx = unique_suffix();
    json::object tagger = e2e.ok("thrive_create_user", {{"ref", "E2E-TAG-" + sfx},
                                                         {"firstName", "Tam"},
                                                         {"lastName", "Tagger"},
                                                         {"email", "tam." + sfx + "@example.com"}});
    const std::string user_id = str(tagger.at("user"), "id");
    const std::string leadership_id = seed_id(IdKind::tag, sf::kLeadershipTag);
    const std::string fire_id = seed_id(IdKind::tag, sf::kFireSafetyTag);
    const std::string new_tag = "e2e-tag-" + sfx;

    json::object tags = e2e.ok("thrive_list_tags", {{"perPage", 1000}});
    ASSERT_TRUE(is_envelope(tags, shapes::tag, "list_tags"));
    EXPECT_EQ(tags.at("pagination").at("totalResults").to_number<int>(), sf::kTagCount);

    json::object leadership = e2e.ok("thrive_get_tag", {{"tagId", leadership_id}});
    ASSERT_TRUE(has_shape(leadership.at("tag"), shapes::tag, "get_tag.tag"));
    EXPECT_EQ(str(leadership.at("tag"), "tag"), "leadership");
    EXPECT_FALSE(has_value(leadership.at("tag").at("interests"), user_id)) << "precondition: not yet tagged";

    // add_user_tags: an existing tag and a new one.
    json::object added = e2e.ok("thrive_add_user_tags",
                                {{"userId", user_id}, {"tags", json::array{json::value("leadership"), json::value(new_tag)}}});
    ASSERT_TRUE(has_shape(added, shapes::status_result, "add_user_tags"));
    EXPECT_EQ(added.at("status").to_number<int>(), 200);

    leadership = e2e.ok("thrive_get_tag", {{"tagId", leadership_id}});
    EXPECT_TRUE(has_value(leadership.at("tag").at("interests"), user_id)) << json::serialize(leadership);
    tags = e2e.ok("thrive_list_tags", {{"perPage", 1000}});
    EXPECT_EQ(tags.at("pagination").at("totalResults").to_number<int>(), sf::kTagCount + 1);
    const json::object* created = find_by(tags.at("results").as_array(), "tag", new_tag);
    ASSERT_NE(created, nullptr) << "the new tag is listed";
    EXPECT_TRUE(has_value(created->at("interests"), user_id));
    json::object user = e2e.ok("thrive_get_user_by_id", {{"id", user_id}});
    EXPECT_TRUE(has_value(user.at("user").at("tagsFollowing"), "leadership")) << json::serialize(user);

    // remove_user_tags (JSON-string form): leadership no longer lists the user; the new tag still does.
    json::object removed = e2e.ok("thrive_remove_user_tags", {{"userId", user_id}, {"tags", R"(["leadership"])"}});
    ASSERT_TRUE(has_shape(removed, shapes::status_result, "remove_user_tags"));
    leadership = e2e.ok("thrive_get_tag", {{"tagId", leadership_id}});
    EXPECT_FALSE(has_value(leadership.at("tag").at("interests"), user_id)) << json::serialize(leadership);
    json::object still = e2e.ok("thrive_get_tag", {{"tagId", str(*created, "id")}});
    EXPECT_TRUE(has_value(still.at("tag").at("interests"), user_id));
    user = e2e.ok("thrive_get_user_by_id", {{"id", user_id}});
    EXPECT_FALSE(has_value(user.at("user").at("tagsFollowing"), "leadership")) << json::serialize(user);

    // update_user_skills: the fire-safety tag lists the user among its skills;
    // the user's record carries the level and target.
    json::object skilled = e2e.ok(
        "thrive_update_user_skills",
        {{"userId", user_id},
         {"skills", json::array{json::object{{"tagName", "fire-safety"}, {"level", 2}, {"targetLevel", 3}}}}});
    ASSERT_TRUE(has_shape(skilled, shapes::status_result, "update_user_skills"));
    json::object fire = e2e.ok("thrive_get_tag", {{"tagId", fire_id}});
    EXPECT_EQ(str(fire.at("tag"), "tag"), "fire-safety");
    EXPECT_TRUE(has_value(fire.at("tag").at("skills"), user_id)) << json::serialize(fire);

    user = e2e.ok("thrive_get_user_by_id", {{"id", user_id}});
    const auto& user_tags = user.at("user").at("tags");
    ASSERT_TRUE(user_tags.is_object() && user_tags.as_object().contains("skills")) << json::serialize(user);
    const json::object* skill = find_by(user_tags.at("skills").as_array(), "tagName", "fire-safety");
    ASSERT_NE(skill, nullptr) << json::serialize(user_tags);
    EXPECT_EQ(skill->at("level").to_number<int>(), 2);
    EXPECT_EQ(skill->at("targetLevel").to_number<int>(), 3);
}

}  // namespace
}  // namespace thrive::e2e
