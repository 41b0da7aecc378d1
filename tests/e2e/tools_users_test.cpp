// Users through the C ABI against the stand-in: the v2 lifecycle writes and
// the v1 reads, each checked for its documented output and its effect as seen
// by a following read through the plugin.
#include "e2e_harness.hpp"

namespace thrive::e2e {
namespace {

using UsersE2E = E2ETest;

E2E_SCENARIO(UsersE2E, CreateUpdateSuspendDeleteSeenByReads) {
    const std::string sfx = unique_suffix();
    const std::string ref = "E2E-U-" + sfx;
    const std::string email = "ada." + sfx + "@example.com";

    // create_user -> the v2 user record, active.
    json::object created = e2e.ok("thrive_create_user", {{"ref", ref},
                                                         {"firstName", "Ada"},
                                                         {"lastName", "Lovelace"},
                                                         {"email", email},
                                                         {"jobTitle", "Analyst"},
                                                         {"role", "learner"},
                                                         {"startDate", "2026-01-05"},
                                                         {"languageCode", "en-gb"},
                                                         {"additionalFields", R"({"department": "Research"})"}});
    ASSERT_EQ(created.size(), 1u) << json::serialize(created);
    const json::value& user = created.at("user");
    ASSERT_TRUE(has_shape(user, shapes::user_v2, "create_user.user"));
    const std::string id = str(user, "id");
    EXPECT_EQ(str(user, "ref"), ref);
    EXPECT_EQ(str(user, "email"), email);
    EXPECT_EQ(str(user, "firstName"), "Ada");
    EXPECT_EQ(str(user, "jobTitle"), "Analyst");
    EXPECT_EQ(str(user, "role"), "learner");
    EXPECT_TRUE(user.at("active").as_bool());
    EXPECT_EQ(str(sub(user, "additionalFields"), "department"), "Research");

    // get_user_by_ref finds it, with the same id.
    json::object by_ref = e2e.ok("thrive_get_user_by_ref", {{"ref", ref}});
    ASSERT_TRUE(has_shape(by_ref.at("user"), shapes::user_by_ref, "get_user_by_ref.user"));
    EXPECT_EQ(str(by_ref.at("user"), "id"), id);
    EXPECT_EQ(str(by_ref.at("user"), "email"), email);
    EXPECT_EQ(str(sub(by_ref.at("user"), "additionalFields"), "department"), "Research");

    // get_user_by_id: the full v1 record.
    json::object by_id = e2e.ok("thrive_get_user_by_id", {{"id", id}});
    ASSERT_TRUE(has_shape(by_id.at("user"), shapes::user_full, "get_user_by_id.user"));
    EXPECT_EQ(str(by_id.at("user"), "ref"), ref);
    EXPECT_FALSE(by_id.at("user").at("deleted").as_bool());

    // search_users updatedSince the creation finds it among the results.
    json::object search = e2e.ok("thrive_search_users", {{"updatedSince", str(user, "createdAt")}, {"perPage", 1000}});
    ASSERT_TRUE(is_envelope(search, shapes::user_full, "search_users"));
    EXPECT_TRUE(contains_id(search.at("results").as_array(), id)) << json::serialize(search);

    // update_user changes jobTitle (and only what was given).
    json::object updated = e2e.ok("thrive_update_user", {{"ref", ref}, {"jobTitle", "Senior Analyst"}});
    ASSERT_TRUE(has_shape(updated.at("user"), shapes::user_v2, "update_user.user"));
    EXPECT_EQ(str(updated.at("user"), "jobTitle"), "Senior Analyst");
    EXPECT_EQ(str(updated.at("user"), "email"), email);
    EXPECT_EQ(str(updated.at("user"), "firstName"), "Ada");
    json::object reread = e2e.ok("thrive_get_user_by_ref", {{"ref", ref}});
    EXPECT_EQ(str(reread.at("user"), "jobTitle"), "Senior Analyst") << json::serialize(reread);
    EXPECT_EQ(str(reread.at("user"), "lastName"), "Lovelace");

    // suspend_user -> active false, and the read shows status inactive.
    json::object suspended = e2e.ok("thrive_suspend_user", {{"ref", ref}, {"endDate", "2026-06-30"}});
    ASSERT_TRUE(has_shape(suspended.at("user"), shapes::user_v2, "suspend_user.user"));
    EXPECT_FALSE(suspended.at("user").at("active").as_bool());
    EXPECT_EQ(str(suspended.at("user"), "endDate").substr(0, 10), "2026-06-30");
    json::object after_suspend = e2e.ok("thrive_get_user_by_ref", {{"ref", ref}});
    EXPECT_EQ(str(after_suspend.at("user"), "status"), "inactive");

    // delete_user -> {"success": true}; the ref is gone, the record is marked deleted.
    json::object deleted = e2e.ok("thrive_delete_user", {{"ref", ref}});
    EXPECT_EQ(json::value(deleted), json::parse(R"({"success": true})"));
    Outcome gone = e2e.fails("thrive_get_user_by_ref", {{"ref", ref}}, "not_found");
    EXPECT_EQ(gone.status, THRIVE_NOT_FOUND);
    EXPECT_EQ(gone.http_status(), 404);
    json::object tombstone = e2e.ok("thrive_get_user_by_id", {{"id", id}});
    EXPECT_TRUE(tombstone.at("user").at("deleted").as_bool()) << json::serialize(tombstone);
    EXPECT_NE(str(tombstone.at("user"), "email"), email) << "personal data should be obfuscated";
}

E2E_SCENARIO(UsersE2E, RefLoginUserNeedsNoEmail) {
    const std::string ref = "E2E-REF-" + unique_suffix();
    json::object created = e2e.ok("thrive_create_user",
                                  {{"ref", ref}, {"firstName", "Kim"}, {"lastName", "Ng"}, {"loginMethod", "ref"}});
    ASSERT_TRUE(has_shape(created.at("user"), shapes::user_v2, "create_user.user"));
    EXPECT_EQ(str(created.at("user"), "loginMethod"), "ref");
    json::object read = e2e.ok("thrive_get_user_by_ref", {{"ref", ref}});
    EXPECT_EQ(str(read.at("user"), "id"), str(created.at("user"), "id"));
}

E2E_SCENARIO(UsersE2E, SeededFixturesReadableBySpecialRefs) {
    // A ref with '/' and a space must travel as one path segment.
    json::object slash = e2e.ok("thrive_get_user_by_ref", {{"ref", sf::kSlashRef}});
    EXPECT_EQ(str(slash.at("user"), "email"), sf::kSlashRefEmail);
    EXPECT_EQ(str(slash.at("user"), "id"), seed_id(IdKind::user, sf::kSlashRefUser));

    json::object admin = e2e.ok("thrive_get_user_by_id", {{"id", seed_id(IdKind::user, sf::kAdminUser)}});
    ASSERT_TRUE(has_shape(admin.at("user"), shapes::user_full, "get_user_by_id.user"));
    EXPECT_EQ(str(admin.at("user"), "ref"), sf::kAdminRef);
    EXPECT_EQ(str(admin.at("user"), "email"), sf::kAdminEmail);
    EXPECT_EQ(str(admin.at("user"), "role"), "administrator");

    // status filter: every result has the asked status; the counts are the seed's.
    json::object fresh = e2e.ok("thrive_search_users", {{"status", "new"}, {"perPage", 1000}});
    ASSERT_TRUE(is_envelope(fresh, shapes::user_full, "search_users status=new"));
    EXPECT_EQ(fresh.at("pagination").at("totalResults").to_number<int>(), sf::kNewUsers);
    for (const auto& u : fresh.at("results").as_array()) EXPECT_EQ(str(u, "status"), "new");

    json::object not_active =
        e2e.ok("thrive_search_users", {{"omitStatuses", "active"}, {"perPage", 1000}});
    EXPECT_EQ(not_active.at("pagination").at("totalResults").to_number<int>(),
              sf::kUserCount - sf::kActiveUsers);
}

}  // namespace
}  // namespace thrive::e2e
