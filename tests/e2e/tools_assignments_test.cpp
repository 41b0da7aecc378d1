// Assignments, enrolments and completions through the C ABI: an assignment
// enrols the audience's members, a completion completes the matching
// enrolment (and shows up in completions, activities and CPD), deleting the
// assignment archives what was still open.
#include "e2e_harness.hpp"

#include <algorithm>

namespace thrive::e2e {
namespace {

using AssignmentsE2E = E2ETest;

struct Cohort {
    std::string audience_id;
    std::vector<std::string> user_ids;  // sorted
    std::vector<std::string> refs;      // refs[i] is the ref of user_ids[i]
};

// A new audience with `n` active seeded users in it.
Cohort make_cohort(Harness& e2e, int n) {
    Cohort c;
    json::object page = e2e.ok("thrive_search_users", {{"statuses", "active"}, {"perPage", n}});
    std::vector<std::pair<std::string, std::string>> found;
    for (const auto& u : page.at("results").as_array()) found.emplace_back(str(u, "id"), str(u, "ref"));
    std::sort(found.begin(), found.end());
    for (const auto& [id, ref] : found) {
        c.user_ids.push_back(id);
        c.refs.push_back(ref);
    }
    json::object a = e2e.ok("thrive_create_audience", {{"name", "E2E cohort " + unique_suffix()}});
    c.audience_id = str(a.at("audience"), "id");
    json::array users;
    for (const auto& id : c.user_ids) users.emplace_back(id);
    json::object added = e2e.ok("thrive_add_audience_members", {{"audienceId", c.audience_id}, {"users", users}});
    EXPECT_EQ(added.at("result").at("success").at("count").to_number<int>(), n);
    return c;
}

std::vector<std::string> sorted_user_ids(const json::array& enrolments) {
    auto ids = ids_of(enrolments, "userId");
    std::sort(ids.begin(), ids.end());
    return ids;
}

E2E_SCENARIO(AssignmentsE2E, AssignmentEnrolsMembersCompletionCompletesDeleteArchives) {
    Cohort cohort = make_cohort(e2e, 3);
    ASSERT_EQ(cohort.user_ids.size(), 3u);
    const std::string primary = seed_id(IdKind::content, sf::kCyberContent);
    const std::string alternative = seed_id(IdKind::content, sf::kFireRefresherContent);

    // create_assignment -> the assignment record.
    json::object created = e2e.ok("thrive_create_assignment", {{"audienceId", cohort.audience_id},
                                                               {"contentId", primary},
                                                               {"alternativeContentIds", json::array{json::value(alternative)}},
                                                               {"completionPeriod", 14}});
    ASSERT_TRUE(has_shape(created.at("assignment"), shapes::assignment, "create_assignment.assignment"));
    const auto& asg = created.at("assignment");
    const std::string asg_id = str(asg, "id");
    EXPECT_EQ(str(asg, "audienceId"), cohort.audience_id);
    EXPECT_EQ(str(asg, "primaryContentId"), primary);
    EXPECT_EQ(asg.at("alternativeContentIds"), json::array{json::value(alternative)});
    EXPECT_EQ(asg.at("completionPeriod").to_number<int>(), 14);
    EXPECT_TRUE(asg.at("isActive").as_bool());
    EXPECT_FALSE(asg.at("isDeleted").as_bool());

    // list_assignments for the audience: exactly this one (bare list).
    json::object listed = e2e.ok("thrive_list_assignments", {{"audienceId", cohort.audience_id}});
    ASSERT_TRUE(is_bare_list(listed, "assignments", shapes::assignment, "list_assignments"));
    ASSERT_EQ(listed.at("assignments").as_array().size(), 1u) << json::serialize(listed);
    EXPECT_EQ(str(listed.at("assignments").at(0), "id"), asg_id);

    json::object got = e2e.ok("thrive_get_assignment", {{"assignmentId", asg_id}});
    ASSERT_TRUE(has_shape(got.at("assignment"), shapes::assignment, "get_assignment.assignment"));
    EXPECT_EQ(str(got.at("assignment"), "primaryContentId"), primary);

    // Every member is enrolled, open, on this assignment and audience.
    json::object enrolments = e2e.ok("thrive_list_enrolments", {{"assignmentId", asg_id}});
    ASSERT_TRUE(is_bare_list(enrolments, "enrolments", shapes::enrolment, "list_enrolments"));
    EXPECT_EQ(sorted_user_ids(enrolments.at("enrolments").as_array()), cohort.user_ids);
    for (const auto& e : enrolments.at("enrolments").as_array()) {
        EXPECT_EQ(str(e, "status"), "open") << json::serialize(e);
        EXPECT_EQ(str(e, "assignmentId"), asg_id);
        EXPECT_EQ(str(e, "audienceId"), cohort.audience_id);
        EXPECT_EQ(str(e, "primaryContentId"), primary);
    }
    const std::string learner = cohort.user_ids[0];
    const json::object* mine = find_by(enrolments.at("enrolments").as_array(), "userId", learner);
    ASSERT_NE(mine, nullptr);
    const std::string enrolment_id = str(*mine, "id");

    json::object one = e2e.ok("thrive_get_enrolment", {{"assignmentId", asg_id}, {"enrolmentId", enrolment_id}});
    ASSERT_TRUE(has_shape(one.at("enrolment"), shapes::enrolment, "get_enrolment.enrolment"));
    EXPECT_EQ(str(one.at("enrolment"), "status"), "open");
    EXPECT_EQ(str(one.at("enrolment"), "userId"), learner);

    // update_assignment: the completion period changes, as a read shows.
    json::object updated = e2e.ok("thrive_update_assignment",
                                  {{"assignmentId", asg_id}, {"audienceId", cohort.audience_id}, {"completionPeriod", 21}});
    ASSERT_TRUE(has_shape(updated.at("assignment"), shapes::assignment, "update_assignment.assignment"));
    EXPECT_EQ(updated.at("assignment").at("completionPeriod").to_number<int>(), 21);
    got = e2e.ok("thrive_get_assignment", {{"assignmentId", asg_id}});
    EXPECT_EQ(got.at("assignment").at("completionPeriod").to_number<int>(), 21);
    EXPECT_EQ(str(got.at("assignment"), "primaryContentId"), primary) << "unchanged fields stay";

    // A member added now is enrolled too.
    json::object extra = e2e.ok("thrive_search_users", {{"statuses", "new"}, {"perPage", 1}});
    const std::string late_id = str(extra.at("results").at(0), "id");
    e2e.ok("thrive_add_audience_members", {{"audienceId", cohort.audience_id}, {"users", json::array{json::value(late_id)}}});
    enrolments = e2e.ok("thrive_list_enrolments", {{"assignmentId", asg_id}});
    EXPECT_EQ(enrolments.at("enrolments").as_array().size(), 4u) << json::serialize(enrolments);
    EXPECT_NE(find_by(enrolments.at("enrolments").as_array(), "userId", late_id), nullptr);

    // create_completion of the alternative content completes the learner's enrolment.
    json::object statement = e2e.ok("thrive_create_completion",
                                    {{"userId", learner}, {"contentId", alternative}, {"completedAt", "2026-03-02T10:15:00Z"}});
    ASSERT_TRUE(has_shape(statement, {{"statementId", Kind::string, true}}, "create_completion"));
    EXPECT_FALSE(str(statement, "statementId").empty());

    one = e2e.ok("thrive_get_enrolment", {{"assignmentId", asg_id}, {"enrolmentId", enrolment_id}});
    const auto& done = one.at("enrolment");
    EXPECT_EQ(str(done, "status"), "complete") << json::serialize(done);
    EXPECT_EQ(str(done, "lastCompletedAt").substr(0, 16), "2026-03-02T10:15") << json::serialize(done);
    ASSERT_FALSE(done.at("history").as_array().empty());
    const auto& step = done.at("history").as_array().back();
    ASSERT_TRUE(has_shape(step, shapes::enrolment_history, "enrolment.history[-1]"));
    EXPECT_EQ(str(step, "previousStatus"), "open");
    EXPECT_EQ(str(step, "nextStatus"), "complete");
    const std::string completion_id = str(step, "completionId");
    EXPECT_FALSE(completion_id.empty());

    // Only that enrolment moved.
    json::object complete = e2e.ok("thrive_list_enrolments", {{"assignmentId", asg_id}, {"status", "complete"}});
    EXPECT_EQ(sorted_user_ids(complete.at("enrolments").as_array()), std::vector<std::string>{learner});
    json::object still_open = e2e.ok("thrive_list_enrolments", {{"assignmentId", asg_id}, {"status", "open"}});
    EXPECT_EQ(still_open.at("enrolments").as_array().size(), 3u);

    // The completion is listed for the user and readable by id.
    json::object completions = e2e.ok("thrive_list_completions", {{"userId", learner}, {"contentId", alternative}});
    ASSERT_TRUE(is_bare_list(completions, "completions", shapes::completion, "list_completions"));
    ASSERT_EQ(completions.at("completions").as_array().size(), 1u) << json::serialize(completions);
    EXPECT_EQ(str(completions.at("completions").at(0), "id"), completion_id);

    json::object completion = e2e.ok("thrive_get_completion", {{"id", completion_id}});
    ASSERT_TRUE(has_shape(completion.at("completion"), shapes::completion, "get_completion.completion"));
    EXPECT_EQ(str(completion.at("completion"), "userId"), learner);
    EXPECT_EQ(str(completion.at("completion"), "contentId"), alternative);
    EXPECT_EQ(str(completion.at("completion"), "completedAt").substr(0, 16), "2026-03-02T10:15");
    EXPECT_TRUE(completion.at("completion").at("hadDueDate").as_bool());
    EXPECT_FALSE(completion.at("completion").at("isRPL").as_bool());

    // ... and recorded as a "completed" activity for the content ...
    json::object activities = e2e.ok("thrive_query_activities", {{"actions", "completed"}, {"contentIds", alternative},
                                                                 {"timestampFrom", "2026-03-02 00:00:00"},
                                                                 {"timestampTo", "2026-03-02 23:59:59"}});
    ASSERT_TRUE(is_envelope(activities, shapes::activity, "query_activities"));
    EXPECT_NE(find_by(activities.at("results").as_array(), "user", learner), nullptr) << json::serialize(activities);

    // ... and as CPD minutes for the learner on that day (the refresher is 12 minutes).
    json::object cpd = e2e.ok("thrive_query_cpd_user_summaries", {{"entryDateFrom", "2026-03-02T00:00:00"},
                                                                  {"entryDateTo", "2026-03-02T23:59:59"},
                                                                  {"userIds", learner}});
    ASSERT_TRUE(is_envelope(cpd, shapes::cpd_user_summary, "query_cpd_user_summaries"));
    const json::object* row = find_by(cpd.at("results").as_array(), "userId", learner);
    ASSERT_NE(row, nullptr) << json::serialize(cpd);
    EXPECT_GE(row->at("durationMinutes").to_number<int>(), 12) << json::serialize(cpd);

    // delete_assignment: gone from the list, marked deleted, open enrolments archived.
    json::object deleted = e2e.ok("thrive_delete_assignment", {{"assignmentId", asg_id}, {"audienceId", cohort.audience_id}});
    EXPECT_EQ(json::value(deleted), json::parse(R"({"success": true})"));
    listed = e2e.ok("thrive_list_assignments", {{"audienceId", cohort.audience_id}});
    EXPECT_TRUE(listed.at("assignments").as_array().empty()) << json::serialize(listed);
    got = e2e.ok("thrive_get_assignment", {{"assignmentId", asg_id}});
    EXPECT_TRUE(got.at("assignment").at("isDeleted").as_bool());
    EXPECT_FALSE(got.at("assignment").at("isActive").as_bool());
    enrolments = e2e.ok("thrive_list_enrolments", {{"assignmentId", asg_id}});
    for (const auto& e : enrolments.at("enrolments").as_array())
        EXPECT_EQ(str(e, "status"), str(e, "userId") == learner ? "complete" : "archived") << json::serialize(e);
    Outcome again = e2e.fails("thrive_update_assignment",
                              {{"assignmentId", asg_id}, {"audienceId", cohort.audience_id}, {"completionPeriod", 7}},
                              "not_found");
    EXPECT_EQ(again.http_status(), 404);
}

E2E_SCENARIO(AssignmentsE2E, SeededLearnerCompletesFireSafety) {
    // The seeded learner's open fire safety enrolment turns complete.
    const std::string learner = seed_id(IdKind::user, sf::kLearnerUser);
    const std::string asg_id = seed_id(IdKind::assignment, sf::kFireSafetyAssignment);
    const std::string enrolment_id = seed_id(IdKind::enrolment, sf::kLearnerFireEnrolment);
    json::object before = e2e.ok("thrive_get_enrolment", {{"assignmentId", asg_id}, {"enrolmentId", enrolment_id}});
    EXPECT_EQ(str(before.at("enrolment"), "status"), "open");
    EXPECT_EQ(str(before.at("enrolment"), "userId"), learner);

    json::object statement = e2e.ok("thrive_create_completion", {{"userId", learner},
                                                                 {"contentId", seed_id(IdKind::content, sf::kFireSafetyContent)},
                                                                 {"completedAt", "2026-04-01"}});
    EXPECT_FALSE(str(statement, "statementId").empty());
    json::object after = e2e.ok("thrive_get_enrolment", {{"assignmentId", asg_id}, {"enrolmentId", enrolment_id}});
    EXPECT_EQ(str(after.at("enrolment"), "status"), "complete") << json::serialize(after);
}

E2E_SCENARIO(AssignmentsE2E, LeaversAreUnassignedAndKeepTheirHistory) {
    Cohort cohort = make_cohort(e2e, 3);
    ASSERT_EQ(cohort.user_ids.size(), 3u);
    const std::string content = seed_id(IdKind::content, sf::kInductionContent);
    json::object created = e2e.ok("thrive_create_assignment", {{"audienceId", cohort.audience_id},
                                                               {"contentId", content},
                                                               {"recurrence", 365},
                                                               {"hideAlternativeContent", true}});
    const std::string asg_id = str(created.at("assignment"), "id");
    EXPECT_EQ(created.at("assignment").at("recurrence").to_number<int>(), 365);
    EXPECT_TRUE(created.at("assignment").at("hideAlternativeContent").as_bool());

    // A completion on a recurring assignment is active for the recurrence period.
    const std::string finisher = cohort.user_ids[0];
    e2e.ok("thrive_create_completion", {{"userId", finisher}, {"contentId", content}, {"completedAt", "2026-02-01T09:00:00Z"}});
    json::object done = e2e.ok("thrive_list_completions", {{"userId", finisher}, {"contentId", content}});
    ASSERT_EQ(done.at("completions").as_array().size(), 1u) << json::serialize(done);
    const auto& completion = done.at("completions").at(0);
    EXPECT_EQ(str(completion, "activeUntil").substr(0, 10), "2027-02-01") << json::serialize(completion);
    const std::string completion_id = str(completion, "id");

    // remove_audience_member: the leaver's open enrolment becomes unassigned.
    e2e.ok("thrive_remove_audience_member", {{"audienceId", cohort.audience_id}, {"userRef", cohort.refs[1]}});
    json::object enrolments = e2e.ok("thrive_list_enrolments", {{"assignmentId", asg_id}});
    const auto& list = enrolments.at("enrolments").as_array();
    ASSERT_NE(find_by(list, "userId", cohort.user_ids[1]), nullptr);
    EXPECT_EQ(str(*find_by(list, "userId", cohort.user_ids[1]), "status"), "unassigned") << json::serialize(enrolments);
    EXPECT_EQ(str(*find_by(list, "userId", cohort.user_ids[2]), "status"), "open");
    EXPECT_EQ(str(*find_by(list, "userId", finisher), "status"), "complete");

    // delete_user keeps the training history: the completion is still there.
    e2e.ok("thrive_delete_user", {{"ref", cohort.refs[0]}});
    json::object kept = e2e.ok("thrive_get_completion", {{"id", completion_id}});
    EXPECT_EQ(str(kept.at("completion"), "userId"), finisher);
    json::object still_listed = e2e.ok("thrive_list_completions", {{"userId", finisher}});
    EXPECT_TRUE(contains_id(still_listed.at("completions").as_array(), completion_id));
    json::object members = e2e.ok("thrive_list_audience_members", {{"audienceId", cohort.audience_id}});
    EXPECT_FALSE(contains_id(members.at("results").as_array(), finisher, "userId")) << "a deleted user leaves audiences";
}

}  // namespace
}  // namespace thrive::e2e
