// Audiences, their members and their managers through the C ABI: every write
// is followed by a read through the plugin that must show it.
#include "e2e_harness.hpp"

#include <algorithm>

namespace thrive::e2e {
namespace {

using AudiencesE2E = E2ETest;

std::vector<std::string> member_refs(Harness& e2e, const std::string& audience_id) {
    json::object page = e2e.ok("thrive_list_audience_members", {{"audienceId", audience_id}, {"perPage", 1000}});
    EXPECT_TRUE(is_envelope(page, shapes::member, "list_audience_members"));
    EXPECT_EQ(page.at("pagination").at("totalResults").to_number<std::size_t>(), page.at("results").as_array().size());
    auto refs = ids_of(page.at("results").as_array(), "reference");
    std::sort(refs.begin(), refs.end());
    return refs;
}

// Refs of `n` active seeded users (from search_users, not assumed).
std::vector<std::string> active_refs(Harness& e2e, int n) {
    json::object page = e2e.ok("thrive_search_users", {{"statuses", "active"}, {"perPage", n + 10}});
    std::vector<std::string> refs;
    for (const auto& u : page.at("results").as_array()) {
        std::string ref = str(u, "ref");
        // Keep refs without '/' or spaces so they read well in messages.
        // (and not the fixtures the tests name on their own).
        if (ref.rfind("EMP", 0) == 0 && ref != sf::kAdminRef && ref != sf::kPlusEmailRef && ref != sf::kLearnerRef &&
            static_cast<int>(refs.size()) < n)
            refs.push_back(ref);
    }
    EXPECT_EQ(static_cast<int>(refs.size()), n);
    return refs;
}

E2E_SCENARIO(AudiencesE2E, CreateNestUpdateDeleteSeenByReads) {
    const std::string sfx = unique_suffix();

    json::object parent = e2e.ok("thrive_create_audience",
                                 {{"name", "E2E parent " + sfx}, {"reference", "E2E-P-" + sfx}, {"category", "audience"}});
    ASSERT_EQ(parent.size(), 1u);
    ASSERT_TRUE(has_shape(parent.at("audience"), shapes::audience, "create_audience.audience"));
    const std::string parent_id = str(parent.at("audience"), "id");
    EXPECT_EQ(str(parent.at("audience"), "name"), "E2E parent " + sfx);
    EXPECT_EQ(str(parent.at("audience"), "category"), "audience");
    EXPECT_TRUE(parent.at("audience").at("apiControlled").as_bool());
    EXPECT_TRUE(parent.at("audience").at("parent").is_null());

    json::object child = e2e.ok("thrive_create_audience", {{"name", "E2E child " + sfx},
                                                           {"reference", "E2E-C-" + sfx},
                                                           {"parentId", parent_id},
                                                           {"category", "audience"}});
    const std::string child_id = str(child.at("audience"), "id");
    ASSERT_TRUE(has_shape(child.at("audience").at("parent"), shapes::audience_parent, "child.parent"));
    EXPECT_EQ(str(child.at("audience").at("parent"), "id"), parent_id);

    // get_audience (by id) and list_audiences see both.
    json::object got = e2e.ok("thrive_get_audience", {{"audienceId", child_id}});
    ASSERT_TRUE(has_shape(got.at("audience"), shapes::audience, "get_audience.audience"));
    EXPECT_EQ(str(got.at("audience"), "reference"), "E2E-C-" + sfx);
    EXPECT_EQ(str(got.at("audience").at("parent"), "reference"), "E2E-P-" + sfx);

    json::object listed = e2e.ok("thrive_list_audiences", {{"apiControlled", true}, {"perPage", 1000}});
    ASSERT_TRUE(is_envelope(listed, shapes::audience, "list_audiences"));
    EXPECT_TRUE(contains_id(listed.at("results").as_array(), parent_id));
    EXPECT_TRUE(contains_id(listed.at("results").as_array(), child_id));
    for (const auto& a : listed.at("results").as_array()) EXPECT_TRUE(a.at("apiControlled").as_bool());
    json::object everything = e2e.ok("thrive_list_audiences", {{"perPage", 1000}});
    EXPECT_EQ(everything.at("pagination").at("totalResults").to_number<int>(), sf::kAudienceCount + 2);

    // update_audience: new name and reference; the audience is then found by the new reference.
    json::object updated = e2e.ok("thrive_update_audience",
                                  {{"audienceId", child_id}, {"name", "E2E renamed " + sfx}, {"reference", "E2E-R-" + sfx}});
    ASSERT_TRUE(has_shape(updated.at("audience"), shapes::audience, "update_audience.audience"));
    EXPECT_EQ(str(updated.at("audience"), "name"), "E2E renamed " + sfx);
    json::object by_ref = e2e.ok("thrive_get_audience", {{"audienceId", "E2E-R-" + sfx}});
    EXPECT_EQ(str(by_ref.at("audience"), "id"), child_id);
    EXPECT_EQ(str(by_ref.at("audience"), "name"), "E2E renamed " + sfx);

    // The parent cannot go while it has a child: the service's 400 and message.
    Outcome refused = e2e.fails("thrive_delete_audience", {{"audienceId", parent_id}}, "http_error");
    EXPECT_EQ(refused.http_status(), 400);
    EXPECT_NE(refused.message().find("child"), std::string::npos) << refused.raw;
    e2e.ok("thrive_get_audience", {{"audienceId", parent_id}});

    // delete_audience child, then parent: both gone.
    json::object deleted = e2e.ok("thrive_delete_audience", {{"audienceId", child_id}});
    EXPECT_EQ(json::value(deleted), json::parse(R"({"success": true})"));
    Outcome gone = e2e.fails("thrive_get_audience", {{"audienceId", child_id}}, "not_found");
    EXPECT_EQ(gone.http_status(), 404);
    e2e.ok("thrive_delete_audience", {{"audienceId", parent_id}});
    json::object after = e2e.ok("thrive_list_audiences", {{"perPage", 1000}});
    EXPECT_FALSE(contains_id(after.at("results").as_array(), parent_id));
    EXPECT_EQ(after.at("pagination").at("totalResults").to_number<int>(), sf::kAudienceCount);
}

E2E_SCENARIO(AudiencesE2E, MembersAddReplaceRemoveSeenInList) {
    const std::string sfx = unique_suffix();
    json::object created = e2e.ok("thrive_create_audience", {{"name", "E2E members " + sfx}});
    const std::string aid = str(created.at("audience"), "id");
    auto refs = active_refs(e2e, 4);
    ASSERT_EQ(refs.size(), 4u);

    // Users may be named by ref, email or id; an unknown one lands in "failure".
    json::object added = e2e.ok("thrive_add_audience_members",
                                {{"audienceId", aid},
                                 {"users", json::array{json::value(refs[0]), json::value(refs[1]),
                                                       json::value(sf::kPlusEmail), json::value("NO-SUCH-USER-" + sfx)}}});
    ASSERT_TRUE(is_bulk_result(added));
    EXPECT_EQ(added.at("result").at("success").at("count").to_number<int>(), 3) << json::serialize(added);
    EXPECT_EQ(added.at("result").at("failure").at("count").to_number<int>(), 1);
    EXPECT_EQ(str(added.at("result").at("failure").at("entities").at(0), "reference"), "NO-SUCH-USER-" + sfx);

    std::vector<std::string> want = {refs[0], refs[1], sf::kPlusEmailRef};
    std::sort(want.begin(), want.end());
    EXPECT_EQ(member_refs(e2e, aid), want);

    // The JSON-string form of `users` works the same.
    json::object replaced = e2e.ok("thrive_replace_audience_members",
                                   {{"audienceId", aid}, {"users", "[\"" + refs[2] + "\", \"" + refs[3] + "\"]"}});
    ASSERT_TRUE(is_bulk_result(replaced));
    EXPECT_EQ(replaced.at("result").at("success").at("count").to_number<int>(), 2);
    want = {refs[2], refs[3]};
    std::sort(want.begin(), want.end());
    EXPECT_EQ(member_refs(e2e, aid), want);

    json::object removed = e2e.ok("thrive_remove_audience_member", {{"audienceId", aid}, {"userRef", refs[2]}});
    EXPECT_EQ(json::value(removed), json::parse(R"({"success": true})"));
    EXPECT_EQ(member_refs(e2e, aid), std::vector<std::string>{refs[3]});

    // Removing someone who is not a member: the service's 404.
    Outcome again = e2e.fails("thrive_remove_audience_member", {{"audienceId", aid}, {"userRef", refs[2]}}, "not_found");
    EXPECT_EQ(again.http_status(), 404);
    EXPECT_NE(again.message().find("not a member"), std::string::npos) << again.raw;
}

E2E_SCENARIO(AudiencesE2E, ManagersWithPermissionsSeenInList) {
    const std::string sfx = unique_suffix();
    json::object created = e2e.ok("thrive_create_audience", {{"name", "E2E managers " + sfx}});
    const std::string aid = str(created.at("audience"), "id");
    const std::string admin_id = seed_id(IdKind::user, sf::kAdminUser);
    const std::string learner_id = seed_id(IdKind::user, sf::kLearnerUser);

    json::array managers{
        json::object{{"reference", sf::kAdminRef},
                     {"permissions", json::object{{"audienceManager", json::object{{"manageContent", true}, {"assignments", true}}},
                                                  {"peopleManager", json::object{{"canViewLearnPage", true},
                                                                                 {"insights", false},
                                                                                 {"manage", false}}}}}},
        json::object{{"reference", sf::kPlusEmail}},
    };
    json::object added = e2e.ok("thrive_add_audience_managers", {{"audienceId", aid}, {"managers", managers}});
    ASSERT_TRUE(is_bulk_result(added));
    EXPECT_EQ(added.at("result").at("success").at("count").to_number<int>(), 2) << json::serialize(added);

    json::object listed = e2e.ok("thrive_list_audience_managers", {{"audienceId", aid}});
    ASSERT_TRUE(is_bare_list(listed, "managers", shapes::manager, "list_audience_managers"));
    const auto& list = listed.at("managers").as_array();
    ASSERT_EQ(list.size(), 2u) << json::serialize(listed);
    const json::object* admin = find_by(list, "userId", admin_id);
    ASSERT_NE(admin, nullptr) << json::serialize(listed);
    EXPECT_EQ(str(*admin, "reference"), sf::kAdminRef);
    const auto& perms = admin->at("permissions");
    EXPECT_TRUE(perms.at("audienceManager").at("manageContent").as_bool());
    EXPECT_TRUE(perms.at("audienceManager").at("assignments").as_bool());
    EXPECT_TRUE(perms.at("peopleManager").at("canViewLearnPage").as_bool());
    EXPECT_FALSE(perms.at("peopleManager").at("insights").as_bool());
    EXPECT_NE(find_by(list, "email", sf::kPlusEmail), nullptr);

    // Replace: only the learner remains, with the given permission.
    json::object replaced = e2e.ok(
        "thrive_replace_audience_managers",
        {{"audienceId", aid},
         {"managers", json::array{json::object{
                          {"reference", learner_id},
                          {"permissions", json::object{{"peopleManager", json::object{{"manage", true}}}}}}}}});
    ASSERT_TRUE(is_bulk_result(replaced));
    listed = e2e.ok("thrive_list_audience_managers", {{"audienceId", aid}});
    ASSERT_EQ(listed.at("managers").as_array().size(), 1u) << json::serialize(listed);
    const auto& only = listed.at("managers").as_array().at(0);
    EXPECT_EQ(str(only, "userId"), learner_id);
    EXPECT_EQ(str(only, "reference"), sf::kLearnerRef);
    EXPECT_TRUE(only.at("permissions").at("peopleManager").at("manage").as_bool());

    json::object removed = e2e.ok("thrive_remove_audience_manager", {{"audienceId", aid}, {"userId", learner_id}});
    EXPECT_EQ(json::value(removed), json::parse(R"({"success": true})"));
    listed = e2e.ok("thrive_list_audience_managers", {{"audienceId", aid}});
    EXPECT_TRUE(listed.at("managers").as_array().empty()) << json::serialize(listed);
}

}  // namespace
}  // namespace thrive::e2e
