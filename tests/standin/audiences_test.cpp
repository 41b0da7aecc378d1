// Audiences and structures as a tree, members and managers.
#include "fixture.hpp"

namespace thrive::standin::testing {
namespace {

using AudiencesTest = StandinTest;

const std::initializer_list<const char*> kAudienceFields = {"id",       "name",   "reference", "apiControlled",
                                                            "category", "type",   "parent",    "createdAt",
                                                            "updatedAt"};

std::string audience(std::uint32_t index) { return seed_id(IdKind::audience, index); }

TEST_F(AudiencesTest, ListShowsTheSeededTreeWithFilters) {
    auto all = walk_envelope(*client, v1("/audiences"), 5);
    ASSERT_EQ(all.size(), std::size_t(seed_facts::kAudienceCount));
    int structures = 0;
    for (const auto& a : all) {
        EXPECT_TRUE(has_fields(a, kAudienceFields));
        structures += str(a, "category") == "structure";
    }
    EXPECT_EQ(structures, seed_facts::kStructureCount);
    auto north = get_json(v1("/audiences/") + seed_facts::kNorthRegionRef);
    EXPECT_EQ(str(north.at("parent"), "reference"), seed_facts::kCompanyRef);
    EXPECT_EQ(str(north.at("parent"), "id"), audience(seed_facts::kCompanyStructure));
    EXPECT_TRUE(get_json(v1("/audiences/") + seed_facts::kCompanyRef).at("parent").is_null());

    auto api = get_json(v1("/audiences?apiControlled=true&perPage=100")).at("results").as_array();
    ASSERT_FALSE(api.empty());
    for (const auto& a : api) EXPECT_TRUE(a.at("apiControlled").as_bool());
    auto not_api = get_json(v1("/audiences?apiControlled=false")).at("pagination").at("totalResults").as_int64();
    EXPECT_EQ(static_cast<std::size_t>(not_api) + api.size(), all.size());
    error_message(client->get(v1("/audiences?apiControlled=maybe")), 400);
    auto recent = get_json(v1("/audiences?updatedSince=2026-01-01"));
    for (const auto& a : recent.at("results").as_array())
        EXPECT_GE(str(a, "updatedAt"), "2026-01-01");
}

TEST_F(AudiencesTest, CreateGetUpdateDeleteByIdOrReference) {
    auto parent = send_json("POST", v1("/audiences"),
                            json::object{{"name", "Night shift"}, {"reference", "AUD-NIGHT"}, {"category", "audience"}},
                            201);
    EXPECT_TRUE(has_fields(parent, kAudienceFields));
    EXPECT_TRUE(parent.at("apiControlled").as_bool());
    EXPECT_EQ(str(parent, "type"), "manual");
    EXPECT_TRUE(parent.at("parent").is_null());
    // Parent given by reference.
    auto child = send_json("POST", v1("/audiences"),
                           json::object{{"name", "Night shift leads"}, {"reference", "AUD-NIGHT/LEADS"}, {"parentId", "AUD-NIGHT"}},
                           201);
    EXPECT_EQ(str(child.at("parent"), "id"), str(parent, "id"));
    EXPECT_EQ(str(child.at("parent"), "name"), "Night shift");
    EXPECT_EQ(str(get_json(v1("/audiences/") + encode_segment("AUD-NIGHT/LEADS")), "id"), str(child, "id"));

    auto renamed = send_json("PATCH", v1("/audiences/AUD-NIGHT"), json::object{{"name", "Night shifts"}}, 200);
    EXPECT_EQ(str(renamed, "name"), "Night shifts");
    EXPECT_EQ(str(get_json(v1("/audiences/") + str(child, "id")).at("parent"), "name"), "Night shifts");
    // Move the child to the root and back under the fire safety cohort (by id).
    auto moved = send_json("PATCH", v1("/audiences/") + str(child, "id"), json::object{{"parentId", nullptr}}, 200);
    EXPECT_TRUE(moved.at("parent").is_null());
    moved = send_json("PATCH", v1("/audiences/") + str(child, "id"),
                      json::object{{"parentId", audience(seed_facts::kFireSafetyAudience)}}, 200);
    EXPECT_EQ(str(moved.at("parent"), "reference"), seed_facts::kFireSafetyRef);

    auto del = client->del(v1("/audiences/AUD-NIGHT"));
    EXPECT_EQ(del.status, 200);
    EXPECT_TRUE(del.json().at("success").as_bool());
    EXPECT_EQ(client->get(v1("/audiences/AUD-NIGHT")).status, 404);
    EXPECT_EQ(client->del(v1("/audiences/AUD-NIGHT")).status, 404);
    EXPECT_EQ(server->stats().writes_applied, 6u);
}

TEST_F(AudiencesTest, DeletingAnAudienceWithChildrenIsRefused) {
    auto r = client->del(v1("/audiences/") + seed_facts::kFireSafetyRef);
    EXPECT_NE(error_message(r, 400).find("child"), std::string::npos);
    EXPECT_EQ(client->get(v1("/audiences/") + seed_facts::kFireSafetyRef).status, 200);
    error_message(client->del(v1("/audiences/") + seed_facts::kNorthRegionRef), 400);
    EXPECT_EQ(client->del(v1("/audiences/") + seed_facts::kFireWardensRef).status, 200);
    EXPECT_EQ(client->del(v1("/audiences/") + seed_facts::kFireSafetyRef).status, 200);
    // Its assignment went with it.
    auto assignment = get_json(v1("/assignments/") + seed_id(IdKind::assignment, seed_facts::kFireSafetyAssignment));
    EXPECT_TRUE(assignment.at("isDeleted").as_bool());
}

TEST_F(AudiencesTest, CreateAndUpdateValidation) {
    std::string long_name(101, 'x');
    error_message(client->post(v1("/audiences"), json::object{{"name", long_name}}), 400);
    error_message(client->post(v1("/audiences"), json::object{{"name", "ok"}, {"reference", long_name}}), 400);
    EXPECT_EQ(client->post(v1("/audiences"), json::object{{"name", std::string(100, 'y')}}).status, 201);
    error_message(client->post(v1("/audiences"), json::object{{"reference", "NO-NAME"}}), 400);
    error_message(client->post(v1("/audiences"), json::object{{"name", "x"}, {"category", "smart"}}), 400);
    auto dup = client->post(v1("/audiences"), json::object{{"name", "Dup"}, {"reference", seed_facts::kAllStaffRef}});
    EXPECT_NE(error_message(dup, 409).find(seed_facts::kAllStaffRef), std::string::npos);
    error_message(client->post(v1("/audiences"), json::object{{"name", "x"}, {"parentId", "NO-SUCH"}}), 404);
    // A structure cannot hang under an audience.
    error_message(client->post(v1("/audiences"), json::object{{"name", "S"}, {"category", "structure"},
                                                              {"parentId", seed_facts::kAllStaffRef}}),
                  400);
    // No cycles.
    error_message(client->patch(v1("/audiences/") + seed_facts::kFireSafetyRef,
                                json::object{{"parentId", seed_facts::kFireWardensRef}}),
                  400);
    EXPECT_EQ(str(send_json("PATCH", v1("/audiences/") + seed_facts::kFireSafetyRef, json::object{}, 200), "reference"),
              seed_facts::kFireSafetyRef);  // nothing to change is a no-op
    error_message(client->patch(v1("/audiences/") + seed_facts::kFireSafetyRef,
                                json::object{{"reference", seed_facts::kManagersRef}}),
                  409);
    error_message(client->patch(v1("/audiences/NOPE"), json::object{{"name", "x"}}), 404);
    EXPECT_EQ(server->stats().writes_applied, 1u);
}

TEST_F(AudiencesTest, MembersListAddReplaceRemove) {
    std::string empty = seed_facts::kEmptyAudienceRef;
    auto list = get_json(v1("/audiences/" + empty + "/members"));
    EXPECT_EQ(list.at("pagination").at("totalResults").as_int64(), 0);

    std::string learner_id = seed_id(IdKind::user, seed_facts::kLearnerUser);
    auto added = send_json("POST", v1("/audiences/" + empty + "/members"),
                           json::array{seed_facts::kPlusEmail, seed_facts::kSlashRef, learner_id, "ghost@example.com"}, 200);
    EXPECT_EQ(added.at("success").at("count").as_int64(), 3);
    EXPECT_EQ(added.at("failure").at("count").as_int64(), 1);
    EXPECT_EQ(str(added.at("success").at("entities").at(0), "reference"), seed_facts::kPlusEmail);
    const auto& failed = added.at("failure").at("entities").at(0);
    EXPECT_EQ(str(failed, "reference"), "ghost@example.com");
    EXPECT_FALSE(str(failed, "reason").empty());

    auto members = walk_envelope(*client, v1("/audiences/" + empty + "/members"), 2);
    ASSERT_EQ(members.size(), 3u);
    for (const auto& m : members) EXPECT_TRUE(has_fields(m, {"userId", "reference", "email"}));
    EXPECT_EQ(str(members[1], "reference"), seed_facts::kSlashRef);
    // The user's audiences include it now.
    auto learner = get_json(v1("/user/" + learner_id));
    bool in = false;
    for (const auto& a : learner.at("audiences").as_array()) in = in || a.as_string() == audience(seed_facts::kEmptyAudience);
    EXPECT_TRUE(in);

    auto replaced = send_json("PATCH", v1("/audiences/" + empty + "/members"), json::array{seed_facts::kAdminRef}, 200);
    EXPECT_EQ(replaced.at("success").at("count").as_int64(), 1);
    members = walk_envelope(*client, v1("/audiences/" + empty + "/members"), 10);
    ASSERT_EQ(members.size(), 1u);
    EXPECT_EQ(str(members[0], "reference"), seed_facts::kAdminRef);

    error_message(client->patch(v1("/audiences/" + empty + "/members"), json::array{}), 400);
    json::array too_many;
    for (int i = 0; i < 101; ++i) too_many.emplace_back("EMP0001");
    error_message(client->post(v1("/audiences/" + empty + "/members"), too_many), 400);
    error_message(client->post(v1("/audiences/" + empty + "/members"), json::object{{"users", json::array{"x"}}}), 400);
    error_message(client->post(v1("/audiences/" + empty + "/members"), json::array{42}), 400);
    error_message(client->post(v1("/audiences/NOPE/members"), json::array{"EMP0001"}), 404);
    // A smart audience's members are not managed by hand.
    error_message(client->post(v1("/audiences/") + audience(seed_facts::kInactiveSmartAudience) + "/members",
                               json::array{"EMP0001"}),
                  400);

    EXPECT_EQ(client->del(v1("/audiences/" + empty + "/members/") + seed_facts::kAdminRef).status, 204);
    error_message(client->del(v1("/audiences/" + empty + "/members/") + seed_facts::kAdminRef), 404);
    error_message(client->del(v1("/audiences/" + empty + "/members/NOBODY")), 404);
    EXPECT_EQ(get_json(v1("/audiences/" + empty + "/members")).at("pagination").at("totalResults").as_int64(), 0);
}

TEST_F(AudiencesTest, MembersPaginationOfAllStaff) {
    auto members = walk_envelope(*client, v1("/audiences/") + seed_facts::kAllStaffRef + "/members", 50);
    EXPECT_EQ(members.size(), std::size_t(seed_facts::kActiveUsers + seed_facts::kNewUsers));
    error_message(client->get(v1("/audiences/") + seed_facts::kAllStaffRef + "/members?perPage=5000"), 400);
}

TEST_F(AudiencesTest, ManagersWithPermissions) {
    std::string fire = seed_facts::kFireSafetyRef;
    auto list = get_json(v1("/audiences/" + fire + "/managers"));
    ASSERT_TRUE(list.is_array());
    ASSERT_EQ(list.as_array().size(), 1u);
    EXPECT_TRUE(has_fields(list.at(0), {"userId", "reference", "email", "permissions"}));
    EXPECT_TRUE(has_fields(list.at(0).at("permissions"), {"audienceManager", "peopleManager", "administrator"}));
    EXPECT_TRUE(list.at(0).at("permissions").at("administrator").is_null());  // audiences: structures only

    json::array managers{
        json::object{{"reference", seed_facts::kLearnerEmail},
                     {"permissions", json::object{{"peopleManager", json::object{{"insights", true}}}}}},
        json::object{{"reference", "nobody@example.com"}}};
    auto added = send_json("POST", v1("/audiences/" + fire + "/managers"), managers, 200);
    EXPECT_EQ(added.at("success").at("count").as_int64(), 1);
    EXPECT_EQ(added.at("failure").at("count").as_int64(), 1);
    list = get_json(v1("/audiences/" + fire + "/managers"));
    ASSERT_EQ(list.as_array().size(), 2u);
    const auto& perms = list.at(1).at("permissions");
    EXPECT_TRUE(perms.at("peopleManager").at("insights").as_bool());
    EXPECT_FALSE(perms.at("peopleManager").at("manage").as_bool());
    EXPECT_FALSE(perms.at("audienceManager").at("assignments").as_bool());

    // Structures keep administrator permissions.
    std::string team = audience(4);
    send_json("PATCH", v1("/audiences/" + team + "/managers"),
              json::array{json::object{{"reference", seed_facts::kAdminRef},
                                       {"permissions", json::object{{"administrator",
                                                                     json::object{{"canAddAudienceManagers", true}}}}}}},
              200);
    list = get_json(v1("/audiences/" + team + "/managers"));
    ASSERT_EQ(list.as_array().size(), 1u);
    EXPECT_TRUE(list.at(0).at("permissions").at("administrator").at("canAddAudienceManagers").as_bool());

    error_message(client->patch(v1("/audiences/" + team + "/managers"), json::array{}), 400);
    error_message(client->post(v1("/audiences/" + team + "/managers"), json::array{"EMP0001"}), 400);
    error_message(client->post(v1("/audiences/" + team + "/managers"),
                               json::array{json::object{{"reference", "EMP0001"},
                                                        {"permissions", json::object{{"god", json::object{}}}}}}),
                  400);
    error_message(client->post(v1("/audiences/" + team + "/managers"),
                               json::array{json::object{{"reference", "EMP0001"},
                                                        {"permissions", json::object{{"peopleManager",
                                                                                      json::object{{"manage", "yes"}}}}}}}),
                  400);
    EXPECT_EQ(client->del(v1("/audiences/" + team + "/managers/") + seed_facts::kAdminEmail).status, 204);
    error_message(client->del(v1("/audiences/" + team + "/managers/") + seed_facts::kAdminEmail), 404);
    EXPECT_TRUE(get_json(v1("/audiences/" + team + "/managers")).as_array().empty());
}

}  // namespace
}  // namespace thrive::standin::testing
