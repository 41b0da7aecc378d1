// Users: v2 lifecycle writes and v1 reads, search filters and pagination.
#include <set>

#include "fixture.hpp"

namespace thrive::standin::testing {
namespace {

using UsersTest = StandinTest;

const std::initializer_list<const char*> kLifecycleFields = {
    "id",        "loginMethod", "ref",       "email",        "firstName", "lastName", "role",
    "jobTitle",  "managerRef",  "startDate", "endDate",      "timeZone",  "languageCode",
    "active",    "createdAt",   "updatedAt", "sso",          "domain",    "additionalFields"};
const std::initializer_list<const char*> kSearchFields = {
    "id",          "ref",       "firstName",    "lastName",    "email",     "role",         "status",
    "positions",   "additionalFields", "languageCode", "deleted", "compliance", "level",   "firstLogin",
    "lastLogin",   "tags",      "usersFollowing", "tagsFollowing", "createdAt", "updatedAt", "hasPicture",
    "timeZone",    "summary",   "relevancy",    "rank",        "agreedTerms", "onboarded", "audiences",
    "singleSignOn"};

json::object new_user(const std::string& ref) {
    return json::object{{"ref", ref},
                        {"firstName", "Robin"},
                        {"lastName", "Hart"},
                        {"email", ref + "@example.com"},
                        {"jobTitle", "Analyst"},
                        {"managerRef", seed_facts::kAdminRef},
                        {"startDate", "2026-01-05"},
                        {"role", "learner"},
                        {"sso", false},
                        {"languageCode", "en-gb"},
                        {"additionalFields", json::object{{"department", "Sales"}}}};
}

TEST_F(UsersTest, CreateReturnsTheFullUserAndCountsAsAWrite) {
    auto u = send_json("POST", v2("/users"), new_user("NEW-1"), 201);
    EXPECT_TRUE(has_fields(u, kLifecycleFields));
    EXPECT_TRUE(has_fields(u, kSearchFields));
    EXPECT_EQ(str(u, "ref"), "NEW-1");
    EXPECT_EQ(str(u, "loginMethod"), "email");
    EXPECT_EQ(str(u, "startDate"), "2026-01-05T00:00:00.000Z");
    EXPECT_EQ(str(u, "status"), "new");
    EXPECT_TRUE(u.at("active").as_bool());
    EXPECT_EQ(u.at("additionalFields").at("department").as_string(), "Sales");
    EXPECT_EQ(str(u, "id").size(), 24u);
    EXPECT_EQ(server->stats().writes_applied, 1u);
    // Visible through both reads.
    EXPECT_EQ(str(get_json(v1("/user/") + str(u, "id")), "ref"), "NEW-1");
    EXPECT_EQ(str(get_json(v1("/users/ref/NEW-1")), "id"), str(u, "id"));
    // A "created" activity names the user.
    auto acts = get_json(v1("/activities?actions=created&perPage=1000"));
    bool found = false;
    for (const auto& a : acts.at("results").as_array()) found = found || str(a, "user") == str(u, "id");
    EXPECT_TRUE(found);
}

TEST_F(UsersTest, CreateValidatesInput) {
    auto body = new_user("BAD-1");
    body.erase("email");
    EXPECT_NE(error_message(client->post(v2("/users"), body), 400).find("email"), std::string::npos);
    body["loginMethod"] = "ref";
    auto u = send_json("POST", v2("/users"), body, 201);  // email not needed with loginMethod ref
    EXPECT_TRUE(u.at("email").is_null());

    auto missing = new_user("BAD-2");
    missing.erase("lastName");
    EXPECT_NE(error_message(client->post(v2("/users"), missing), 400).find("lastName"), std::string::npos);
    auto bad_role = new_user("BAD-3");
    bad_role["role"] = "superuser";
    error_message(client->post(v2("/users"), bad_role), 400);
    auto bad_login = new_user("BAD-4");
    bad_login["loginMethod"] = "magic";
    error_message(client->post(v2("/users"), bad_login), 400);
    auto bad_date = new_user("BAD-5");
    bad_date["startDate"] = "05/01/2026";
    error_message(client->post(v2("/users"), bad_date), 400);
    auto bad_af = new_user("BAD-6");
    bad_af["additionalFields"] = "department=Sales";
    error_message(client->post(v2("/users"), bad_af), 400);
    error_message(client->request("POST", v2("/users"), "{not json"), 400);
    error_message(client->request("POST", v2("/users"), "[1,2]"), 400);
    EXPECT_EQ(server->stats().writes_applied, 1u);
}

TEST_F(UsersTest, DuplicateRefOrEmailIsAConflict) {
    auto dup = new_user(seed_facts::kAdminRef);
    EXPECT_NE(error_message(client->post(v2("/users"), dup), 409).find(seed_facts::kAdminRef), std::string::npos);
    auto dup_email = new_user("UNIQUE-1");
    dup_email["email"] = "AVERY.QUINN@northwind-health.example";  // case-insensitive
    error_message(client->post(v2("/users"), dup_email), 409);
    EXPECT_EQ(server->stats().writes_applied, 0u);
}

TEST_F(UsersTest, UpdateChangesOnlyTheGivenFields) {
    auto before = get_json(v1("/users/ref/EMP0020"));
    auto after = send_json("PATCH", v2("/users/ref/EMP0020"),
                           json::object{{"jobTitle", "Charge Nurse"}, {"additionalFields", json::object{{"shift", "night"}}}},
                           200);
    EXPECT_EQ(str(after, "jobTitle"), "Charge Nurse");
    EXPECT_EQ(str(after, "firstName"), str(before, "firstName"));
    EXPECT_EQ(str(after, "email"), str(before, "email"));
    EXPECT_EQ(after.at("additionalFields").at("shift").as_string(), "night");
    EXPECT_EQ(after.at("additionalFields").at("department"), before.at("additionalFields").at("department"));
    EXPECT_GT(str(after, "updatedAt"), str(before, "updatedAt"));
    // Renaming the ref moves the user.
    send_json("PATCH", v2("/users/ref/EMP0020"), json::object{{"ref", "EMP0020-B"}}, 200);
    EXPECT_EQ(client->get(v1("/users/ref/EMP0020")).status, 404);
    EXPECT_EQ(str(get_json(v1("/users/ref/EMP0020-B")), "id"), str(before, "id"));
    error_message(client->patch(v2("/users/ref/EMP0020-B"), json::object{{"ref", "EMP0021"}}), 409);
    EXPECT_EQ(str(send_json("PATCH", v2("/users/ref/EMP0020-B"), json::object{}, 200), "jobTitle"), "Charge Nurse");  // no-op
    error_message(client->patch(v2("/users/ref/NOPE"), json::object{{"jobTitle", "x"}}), 404);
    error_message(client->patch(v2("/users/ref/EMP0020-B"), json::object{{"role", "king"}}), 400);
    EXPECT_EQ(server->stats().writes_applied, 2u);
}

TEST_F(UsersTest, SuspendMarksInactiveWithEndDate) {
    auto u = send_json("PATCH", v2("/users/ref/EMP0030/suspend"), json::object{{"endDate", "2026-11-30"}}, 200);
    EXPECT_FALSE(u.at("active").as_bool());
    EXPECT_EQ(str(u, "status"), "inactive");
    EXPECT_EQ(str(u, "endDate"), "2026-11-30T00:00:00.000Z");
    auto v = send_json("PATCH", v2("/users/ref/EMP0031/suspend"), json::object{}, 200);
    EXPECT_FALSE(v.at("endDate").is_null());
    EXPECT_EQ(client->request("PATCH", v2("/users/ref/EMP0032/suspend")).status, 200);  // no body at all
    error_message(client->patch(v2("/users/ref/EMP0033/suspend"), json::object{{"endDate", "soon"}}), 400);
    error_message(client->patch(v2("/users/ref/NOPE/suspend"), json::object{}), 404);
}

TEST_F(UsersTest, DeleteObfuscatesButKeepsHistory) {
    std::string ref = "EMP0021";  // index 20: active, in teams and All staff
    auto before = get_json(v1("/users/ref/" + ref));
    std::string id = str(before, "id");
    auto completions_before = get_json(v1("/learning/completions?userId=" + id)).as_array().size();
    auto r = client->del(v2("/users/ref/" + ref));
    EXPECT_EQ(r.status, 204);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(client->get(v1("/users/ref/" + ref)).status, 404);
    auto after = get_json(v1("/user/" + id));
    EXPECT_TRUE(after.at("deleted").as_bool());
    EXPECT_FALSE(after.at("active").as_bool());
    EXPECT_NE(str(after, "email"), str(before, "email"));
    EXPECT_EQ(str(after, "firstName"), "Deleted");
    EXPECT_TRUE(after.at("audiences").as_array().empty());
    EXPECT_EQ(get_json(v1("/learning/completions?userId=" + id)).as_array().size(), completions_before);
    // The ref is free again; deleting again is 404.
    EXPECT_EQ(client->del(v2("/users/ref/" + ref)).status, 404);
    send_json("POST", v2("/users"), new_user(ref), 201);
}

TEST_F(UsersTest, SearchFiltersByStatus) {
    auto count = [&](const std::string& q) {
        return get_json(v1("/users?perPage=1" + q)).at("pagination").at("totalResults").as_int64();
    };
    EXPECT_EQ(count(""), seed_facts::kUserCount);
    EXPECT_EQ(count("&status=active"), seed_facts::kActiveUsers);
    EXPECT_EQ(count("&status=new"), seed_facts::kNewUsers);
    EXPECT_EQ(count("&statuses=inactive,expired"), seed_facts::kInactiveUsers + seed_facts::kExpiredUsers);
    EXPECT_EQ(count("&omitStatuses=active"), seed_facts::kUserCount - seed_facts::kActiveUsers);
    EXPECT_EQ(count("&statuses=active,new&omitStatuses=new"), seed_facts::kActiveUsers);
    error_message(client->get(v1("/users?statuses=active,sleeping")), 400);
    error_message(client->get(v1("/users?status=gone")), 400);
    auto expired = get_json(v1("/users?status=expired&perPage=1000"));
    for (const auto& u : expired.at("results").as_array()) {
        EXPECT_EQ(str(u, "status"), "expired");
        EXPECT_TRUE(has_fields(u, kSearchFields));
    }
}

TEST_F(UsersTest, SearchFiltersByUpdatedSince) {
    auto all = walk_envelope(*client, v1("/users"), 1000);
    std::string cut = "2026-01-01T00:00:00.000Z";
    std::size_t expected = 0;
    for (const auto& u : all) expected += str(u, "updatedAt") >= cut;
    ASSERT_GT(expected, 0u);
    ASSERT_LT(expected, all.size());
    auto since = walk_envelope(*client, v1("/users?updatedSince=2026-01-01"), 1000);
    EXPECT_EQ(since.size(), expected);
    for (const auto& u : since) EXPECT_GE(str(u, "updatedAt"), cut);
    EXPECT_EQ(walk_envelope(*client, v1("/users?updatedSince=2026-01-01T00:00:00Z"), 1000).size(), expected);
    error_message(client->get(v1("/users?updatedSince=last-week")), 400);
}

TEST_F(UsersTest, PaginationWalksToTheEndAndChecksBounds) {
    auto all = walk_envelope(*client, v1("/users"), 17);
    ASSERT_EQ(all.size(), std::size_t(seed_facts::kUserCount));
    std::set<std::string> ids;
    for (const auto& u : all) ids.insert(str(u, "id"));
    EXPECT_EQ(ids.size(), all.size());
    auto last = get_json(v1("/users?perPage=17&page=15"));
    EXPECT_EQ(last.at("results").as_array().size(), 250u - 14 * 17);
    EXPECT_EQ(last.at("pagination").at("totalPages").as_int64(), 15);
    EXPECT_TRUE(get_json(v1("/users?perPage=17&page=16")).at("results").as_array().empty());
    EXPECT_TRUE(get_json(v1("/users?perPage=1000&page=9223372036854775807")).at("results").as_array().empty());
    error_message(client->get(v1("/users?page=9223372036854775808")), 400);
    EXPECT_EQ(get_json(v1("/users")).at("pagination").at("perPage").as_int64(), 100);
    error_message(client->get(v1("/users?perPage=0")), 400);
    error_message(client->get(v1("/users?perPage=1001")), 400);
    error_message(client->get(v1("/users?page=0")), 400);
    error_message(client->get(v1("/users?page=two")), 400);
    EXPECT_EQ(client->get(v1("/users?perPage=1000")).status, 200);
}

TEST_F(UsersTest, GetByIdAndRefShapes) {
    std::string id = seed_id(IdKind::user, seed_facts::kLearnerUser);
    auto by_id = get_json(v1("/user/" + id));
    EXPECT_TRUE(has_fields(by_id, kSearchFields));
    EXPECT_EQ(str(by_id, "ref"), seed_facts::kLearnerRef);
    EXPECT_FALSE(by_id.at("audiences").as_array().empty());
    EXPECT_TRUE(by_id.at("tags").is_object());
    auto by_ref = get_json(v1("/users/ref/") + seed_facts::kLearnerRef);
    EXPECT_EQ(by_ref, by_id);
    EXPECT_NE(error_message(client->get(v1("/user/000000000000000000000000")), 404).find("not found"),
              std::string::npos);
    error_message(client->get(v1("/users/ref/NOBODY")), 404);
}

}  // namespace
}  // namespace thrive::standin::testing
