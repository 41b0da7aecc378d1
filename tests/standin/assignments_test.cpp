// Assignments, enrolments and completions: the connected flow.
#include "dates.hpp"
#include "fixture.hpp"

namespace thrive::standin::testing {
namespace {

using AssignmentsTest = StandinTest;

const std::initializer_list<const char*> kAssignmentFields = {
    "id",         "audienceId", "primaryContentId", "alternativeContentIds", "hideAlternativeContent",
    "completionPeriod", "recurrence", "isActive", "isDeleted", "createdAt", "deletedAt", "updatedAt"};
const std::initializer_list<const char*> kEnrolmentFields = {
    "id", "userId", "assignmentId", "audienceId", "primaryContentId", "status", "availableDate",
    "dueDate", "lastCompletedAt", "history", "updatedAt"};
const std::initializer_list<const char*> kHistoryFields = {"type", "completionId", "previousStatus", "nextStatus",
                                                           "createdAt", "updatedAt"};
const std::initializer_list<const char*> kCompletionFields = {
    "id", "userId", "contentId", "contentVersion", "skills", "completionType", "hadDueDate", "isRPL",
    "completedAt", "activeUntil"};

std::string content(std::uint32_t i) { return seed_id(IdKind::content, i); }
std::string user(std::uint32_t i) { return seed_id(IdKind::user, i); }

Millis ts(const json::value& v, const char* key) { return *parse_iso8601(v.at(key).as_string()); }

TEST_F(AssignmentsTest, AssignEnrolCompleteFlow) {
    // An audience with two members.
    auto aud = send_json("POST", v1("/audiences"), json::object{{"name", "Pharmacy induction"}, {"reference", "AUD-PHARM"}}, 201);
    std::string aid = str(aud, "id");
    send_json("POST", v1("/audiences/AUD-PHARM/members"), json::array{"EMP0010", "EMP0011"}, 200);

    Millis before = now_millis();
    auto a = send_json("POST", v1("/assignments"),
                       json::object{{"audienceId", "AUD-PHARM"},
                                    {"contentId", content(31)},
                                    {"alternativeContentIds", json::array{content(11)}},
                                    {"completionPeriod", 10},
                                    {"recurrence", 365}},
                       201);
    EXPECT_TRUE(has_fields(a, kAssignmentFields));
    EXPECT_EQ(str(a, "audienceId"), aid);
    EXPECT_EQ(str(a, "primaryContentId"), content(31));
    EXPECT_TRUE(a.at("isActive").as_bool());
    EXPECT_FALSE(a.at("isDeleted").as_bool());
    std::string asg = str(a, "id");

    auto enrolments = get_json(v1("/assignments/" + asg + "/enrolments")).as_array();
    ASSERT_EQ(enrolments.size(), 2u);
    for (const auto& e : enrolments) {
        EXPECT_TRUE(has_fields(e, kEnrolmentFields));
        EXPECT_EQ(str(e, "status"), "open");
        EXPECT_EQ(str(e, "audienceId"), aid);
        Millis due = ts(e, "dueDate");
        EXPECT_GE(due, before + 10 * kMillisPerDay - 1000);
        EXPECT_LE(due, now_millis() + 10 * kMillisPerDay + 1000);
        ASSERT_EQ(e.at("history").as_array().size(), 1u);
        EXPECT_TRUE(has_fields(e.at("history").at(0), kHistoryFields));
        EXPECT_EQ(str(e.at("history").at(0), "nextStatus"), "open");
    }
    // A member added later is enrolled too.
    send_json("POST", v1("/audiences/AUD-PHARM/members"), json::array{"EMP0012"}, 200);
    enrolments = get_json(v1("/assignments/" + asg + "/enrolments")).as_array();
    ASSERT_EQ(enrolments.size(), 3u);
    std::string e12;
    for (const auto& e : enrolments)
        if (str(e, "userId") == user(11)) e12 = str(e, "id");
    ASSERT_FALSE(e12.empty());

    // Completing the alternative content completes the enrolment.
    auto c = send_json("POST", v1("/learning/completions"),
                       json::object{{"userId", user(11)}, {"contentId", content(11)}, {"completedAt", "2026-12-01T10:00:00Z"}},
                       201);
    ASSERT_TRUE(c.at("statementId").is_string());
    std::string statement = str(c, "statementId");
    EXPECT_EQ(statement.size(), 36u);

    auto e = get_json(v1("/assignments/" + asg + "/enrolments/" + e12));
    EXPECT_EQ(str(e, "status"), "complete");
    EXPECT_EQ(str(e, "lastCompletedAt"), "2026-12-01T10:00:00.000Z");
    const auto& history = e.at("history").as_array();
    ASSERT_EQ(history.size(), 2u);
    EXPECT_TRUE(has_fields(history[1], kHistoryFields));
    EXPECT_EQ(str(history[1], "previousStatus"), "open");
    EXPECT_EQ(str(history[1], "nextStatus"), "complete");
    std::string completion_id = str(history[1], "completionId");

    auto completion = get_json(v1("/learning/completions/" + completion_id));
    EXPECT_TRUE(has_fields(completion, kCompletionFields));
    EXPECT_EQ(str(completion, "userId"), user(11));
    EXPECT_TRUE(completion.at("hadDueDate").as_bool());
    EXPECT_FALSE(completion.at("isRPL").as_bool());
    EXPECT_EQ(str(completion, "activeUntil"), "2027-12-01T10:00:00.000Z");
    EXPECT_EQ(str(completion, "statementId"), statement);

    // The others are still open; a status filter sees one complete.
    auto complete = get_json(v1("/assignments/" + asg + "/enrolments?status=complete")).as_array();
    ASSERT_EQ(complete.size(), 1u);
    EXPECT_EQ(str(complete[0], "id"), e12);
    EXPECT_EQ(get_json(v1("/assignments/" + asg + "/enrolments?status=open")).as_array().size(), 2u);

    // An activity and a verified CPD entry were written.
    auto acts = get_json(v1("/activities?actions=completed&contentIds=" + content(11) + "&perPage=1000"));
    bool activity = false;
    for (const auto& act : acts.at("results").as_array())
        activity = activity || (str(act, "user") == user(11) && str(act, "date") == "2026-12-01T10:00:00.000Z");
    EXPECT_TRUE(activity);
    auto entries = get_json(v1("/cpdEntries?entryDateFrom=2026-12-01%2010:00:00&entryDateTo=2026-12-01%2010:00:00"));
    ASSERT_EQ(entries.at("results").as_array().size(), 1u);
    const auto& entry = entries.at("results").at(0);
    EXPECT_EQ(str(entry, "userId"), user(11));
    EXPECT_TRUE(entry.at("isVerified").as_bool());
    EXPECT_EQ(entry.at("durationMinutes").as_int64(), 5);  // content 11 is a 5-minute quiz
    EXPECT_EQ(str(entry.at("activity"), "type"), "quiz");

    // Removing a member unassigns their open enrolment.
    EXPECT_EQ(client->del(v1("/audiences/AUD-PHARM/members/EMP0010")).status, 204);
    EXPECT_EQ(get_json(v1("/assignments/" + asg + "/enrolments?status=unassigned")).as_array().size(), 1u);
}

TEST_F(AssignmentsTest, SeededLearnerCompletesFireSafety) {
    std::string asg = seed_id(IdKind::assignment, seed_facts::kFireSafetyAssignment);
    std::string eid = seed_id(IdKind::enrolment, seed_facts::kLearnerFireEnrolment);
    auto e = get_json(v1("/assignments/" + asg + "/enrolments/" + eid));
    ASSERT_EQ(str(e, "status"), "open");
    std::string learner = user(seed_facts::kLearnerUser);
    send_json("POST", v1("/learning/completions"),
              json::object{{"userId", learner},
                           {"contentId", content(seed_facts::kFireSafetyContent)},
                           {"completedAt", "2026-12-02"}},
              201);
    e = get_json(v1("/assignments/" + asg + "/enrolments/" + eid));
    EXPECT_EQ(str(e, "status"), "complete");
    EXPECT_EQ(str(e, "lastCompletedAt"), "2026-12-02T00:00:00.000Z");
    auto summaries = get_json(v1("/cpdUserLogSummaries?entryDateFrom=2026-12-02T00:00:00&entryDateTo=2026-12-02T23:59:59&userIds=" + learner));
    ASSERT_EQ(summaries.at("results").as_array().size(), 1u);
    EXPECT_EQ(summaries.at("results").at(0).at("durationMinutes").as_int64(), seed_facts::kFireSafetyMinutes);
}

TEST_F(AssignmentsTest, ListGetUpdateDelete) {
    auto list = walk_bare(*client, v1("/assignments"), 2);
    EXPECT_EQ(list.size(), std::size_t(seed_facts::kVisibleAssignmentCount));
    for (const auto& a : list) {
        EXPECT_TRUE(has_fields(a, kAssignmentFields));
        EXPECT_FALSE(a.at("isDeleted").as_bool());
    }
    auto by_ref = get_json(v1("/assignments?audienceId=") + seed_facts::kFireSafetyRef).as_array();
    ASSERT_EQ(by_ref.size(), 1u);
    EXPECT_EQ(str(by_ref[0], "id"), seed_id(IdKind::assignment, seed_facts::kFireSafetyAssignment));
    EXPECT_TRUE(get_json(v1("/assignments?audienceId=NOPE")).as_array().empty());
    EXPECT_EQ(get_json(v1("/assignments?updatedSince=2026-01-01")).as_array().size(), 2u);
    error_message(client->get(v1("/assignments?perPage=101")), 400);

    std::string deleted = seed_id(IdKind::assignment, seed_facts::kDeletedAssignment);
    auto d = get_json(v1("/assignments/" + deleted));
    EXPECT_TRUE(d.at("isDeleted").as_bool());
    EXPECT_FALSE(d.at("deletedAt").is_null());

    std::string asg = seed_id(IdKind::assignment, seed_facts::kDataProtectionAssignment);
    std::string all_staff = seed_id(IdKind::audience, seed_facts::kAllStaffAudience);
    error_message(client->patch(v1("/assignments/" + asg), json::object{{"completionPeriod", 45}}), 400);  // audienceId required
    auto unchanged = send_json("PATCH", v1("/assignments/" + asg), json::object{{"audienceId", all_staff}}, 200);
    EXPECT_EQ(unchanged.at("completionPeriod").as_int64(), 60);
    EXPECT_EQ(server->stats().writes_applied, 0u);
    error_message(client->patch(v1("/assignments/" + asg),
                                json::object{{"audienceId", seed_facts::kManagersRef}, {"completionPeriod", 45}}),
                  400);
    error_message(client->patch(v1("/assignments/" + asg), json::object{{"audienceId", all_staff}, {"contentId", "nope"}}),
                  404);
    error_message(client->patch(v1("/assignments/" + asg), json::object{{"audienceId", all_staff}, {"completionPeriod", 0}}),
                  400);
    auto updated = send_json("PATCH", v1("/assignments/" + asg),
                             json::object{{"audienceId", all_staff},
                                          {"completionPeriod", 45},
                                          {"contentId", content(48)},
                                          {"alternativeContentIds", json::array{}}},
                             200);
    EXPECT_EQ(updated.at("completionPeriod").as_int64(), 45);
    EXPECT_EQ(str(updated, "primaryContentId"), content(48));
    EXPECT_TRUE(updated.at("alternativeContentIds").as_array().empty());
    auto some = get_json(v1("/assignments/" + asg + "/enrolments?perPage=1")).as_array();
    EXPECT_EQ(str(some.at(0), "primaryContentId"), content(48));

    // DELETE needs the matching audienceId in its body.
    error_message(client->del(v1("/assignments/" + asg)), 400);
    error_message(client->del(v1("/assignments/" + asg), R"({"audienceId":"AUD-MANAGERS"})"), 400);
    auto r = client->del(v1("/assignments/" + asg), json::serialize(json::object{{"audienceId", all_staff}}));
    EXPECT_EQ(r.status, 200) << r.body;
    auto gone = get_json(v1("/assignments/" + asg));
    EXPECT_TRUE(gone.at("isDeleted").as_bool());
    EXPECT_FALSE(gone.at("isActive").as_bool());
    EXPECT_EQ(walk_bare(*client, v1("/assignments"), 100).size(), std::size_t(seed_facts::kVisibleAssignmentCount - 1));
    EXPECT_TRUE(get_json(v1("/assignments/" + asg + "/enrolments?status=open")).as_array().empty());
    error_message(client->del(v1("/assignments/" + asg), json::serialize(json::object{{"audienceId", all_staff}})), 404);
    error_message(client->get(v1("/assignments/000000000000000000000000")), 404);
}

TEST_F(AssignmentsTest, CreateValidation) {
    error_message(client->post(v1("/assignments"), json::object{{"contentId", content(0)}}), 400);
    error_message(client->post(v1("/assignments"), json::object{{"audienceId", "AUD-EMPTY"}}), 400);
    error_message(client->post(v1("/assignments"), json::object{{"audienceId", "NOPE"}, {"contentId", content(0)}}), 404);
    error_message(client->post(v1("/assignments"), json::object{{"audienceId", "AUD-EMPTY"}, {"contentId", "nope"}}), 404);
    error_message(client->post(v1("/assignments"), json::object{{"audienceId", "AUD-EMPTY"},
                                                                {"contentId", content(0)},
                                                                {"alternativeContentIds", "x"}}),
                  400);
    error_message(client->post(v1("/assignments"), json::object{{"audienceId", "AUD-EMPTY"},
                                                                {"contentId", content(0)},
                                                                {"completionPeriod", "thirty"}}),
                  400);
    error_message(client->post(v1("/assignments"),
                               json::object{{"audienceId", seed_facts::kFireSafetyRef}, {"contentId", content(0)}}),
                  409);
    auto a = send_json("POST", v1("/assignments"), json::object{{"audienceId", "AUD-EMPTY"}, {"contentId", content(0)}}, 201);
    EXPECT_EQ(a.at("completionPeriod").as_int64(), 30);
    EXPECT_TRUE(a.at("recurrence").is_null());
    EXPECT_TRUE(get_json(v1("/assignments/" + str(a, "id") + "/enrolments")).as_array().empty());
    EXPECT_EQ(server->stats().writes_applied, 1u);
}

TEST_F(AssignmentsTest, EnrolmentFiltersAndPaging) {
    std::string asg = seed_id(IdKind::assignment, seed_facts::kDataProtectionAssignment);
    auto all = walk_bare(*client, v1("/assignments/" + asg + "/enrolments"), 25);
    EXPECT_GT(all.size(), 150u);
    std::map<std::string, std::size_t> by_status;
    for (const auto& e : all) ++by_status[str(e, "status")];
    EXPECT_GE(by_status.size(), 4u);
    for (const auto& [status, n] : by_status)
        EXPECT_EQ(walk_bare(*client, v1("/assignments/" + asg + "/enrolments?status=" + status), 100).size(), n);

    std::string from = "2025-06-01T00:00:00.000Z", to = "2025-12-31T23:59:59.000Z";
    std::size_t in_range = 0;
    for (const auto& e : all) in_range += str(e, "updatedAt") >= from && str(e, "updatedAt") <= to;
    EXPECT_GT(in_range, 0u);
    EXPECT_EQ(walk_bare(*client, v1("/assignments/" + asg + "/enrolments?updatedAtFrom=2025-06-01&updatedAtTo=2025-12-31T23:59:59Z"), 100).size(),
              in_range);
    error_message(client->get(v1("/assignments/" + asg + "/enrolments?updatedAtTo=2025-12-31")), 400);
    error_message(client->get(v1("/assignments/" + asg + "/enrolments?status=done")), 400);
    error_message(client->get(v1("/assignments/" + asg + "/enrolments?updatedAtFrom=June")), 400);
    error_message(client->get(v1("/assignments/" + asg + "/enrolments?perPage=101")), 400);
    error_message(client->get(v1("/assignments/nope/enrolments")), 404);
    // An enrolment is only found under its own assignment.
    std::string other = seed_id(IdKind::assignment, seed_facts::kFireSafetyAssignment);
    error_message(client->get(v1("/assignments/" + other + "/enrolments/" + str(all[0], "id"))), 404);
    EXPECT_EQ(get_json(v1("/assignments/" + asg + "/enrolments/" + str(all[0], "id"))), all[0]);
}

TEST_F(AssignmentsTest, CompletionsListFiltersAndValidation) {
    auto all = walk_bare(*client, v1("/learning/completions"), 100);
    EXPECT_GE(all.size(), 200u);
    for (const auto& c : all) EXPECT_TRUE(has_fields(c, kCompletionFields));
    std::size_t rpl = 0;
    for (const auto& c : all) rpl += c.at("isRPL").as_bool();
    EXPECT_GT(rpl, 0u);
    EXPECT_EQ(get_json(v1("/learning/completions?isRPL=true")).as_array().size(), rpl);
    EXPECT_EQ(get_json(v1("/learning/completions?isRPL=false")).as_array().size(), all.size() - rpl);
    error_message(client->get(v1("/learning/completions?isRPL=yes")), 400);

    std::string cid = str(all[0], "contentId");
    std::size_t for_content = 0;
    for (const auto& c : all) for_content += str(c, "contentId") == cid;
    EXPECT_EQ(get_json(v1("/learning/completions?contentId=" + cid)).as_array().size(), for_content);
    std::string uid = str(all[0], "userId");
    auto mine = get_json(v1("/learning/completions?userId=" + uid));
    for (const auto& c : mine.as_array()) EXPECT_EQ(str(c, "userId"), uid);

    std::size_t in_2025 = 0;
    for (const auto& c : all) in_2025 += str(c, "completedAt").substr(0, 4) == "2025";
    EXPECT_EQ(get_json(v1("/learning/completions?completedDateRangeStart=2025-01-01&completedDateRangeEnd=2025-12-31T23:59:59.999Z"))
                  .as_array()
                  .size(),
              in_2025);
    error_message(client->get(v1("/learning/completions?completedDateRangeStart=01-01-2025")), 400);
    EXPECT_EQ(get_json(v1("/learning/completions?perPage=10&page=1")).as_array().size(), 10u);
    error_message(client->get(v1("/learning/completions?perPage=1001")), 400);

    error_message(client->post(v1("/learning/completions"), json::object{{"userId", user(5)}, {"contentId", content(6)}}), 400);
    error_message(client->post(v1("/learning/completions"),
                               json::object{{"userId", user(5)}, {"contentId", content(6)}, {"completedAt", "today"}}),
                  400);
    error_message(client->post(v1("/learning/completions"),
                               json::object{{"userId", "nope"}, {"contentId", content(6)}, {"completedAt", "2026-01-01"}}),
                  404);
    error_message(client->post(v1("/learning/completions"),
                               json::object{{"userId", user(5)}, {"contentId", "nope"}, {"completedAt", "2026-01-01"}}),
                  404);
    error_message(client->get(v1("/learning/completions/nope")), 404);
    EXPECT_EQ(server->stats().writes_applied, 0u);
}

}  // namespace
}  // namespace thrive::standin::testing
