// Building blocks without a server: dates, targets and routing, Basic auth,
// faults queue, rate limiter, seed determinism and the published seed facts.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "auth.hpp"
#include "dates.hpp"
#include "domain.hpp"
#include "faults.hpp"
#include "router.hpp"
#include "routes.hpp"
#include "seed.hpp"
#include "seed_facts.hpp"
#include "state.hpp"

namespace thrive::standin {
namespace {

TEST(Dates, ParsesIsoDatesAndDateTimes) {
    EXPECT_EQ(*parse_iso8601("1970-01-01"), 0);
    EXPECT_EQ(*parse_iso8601("2024-05-01T09:30:00.000Z"), *parse_iso8601("2024-05-01T09:30"));
    EXPECT_EQ(*parse_iso8601("2024-05-01T10:30:00+01:00"), *parse_iso8601("2024-05-01T09:30:00Z"));
    EXPECT_EQ(*parse_iso8601("2024-05-01T09:30:00.5Z") - *parse_iso8601("2024-05-01T09:30:00Z"), 500);
    EXPECT_EQ(*parse_iso8601("2024-02-29"), 19782LL * kMillisPerDay);
    EXPECT_FALSE(parse_iso8601("2023-02-29"));
    EXPECT_FALSE(parse_iso8601("2024-13-01"));
    EXPECT_FALSE(parse_iso8601("2024-05-01 09:30:00"));
    EXPECT_FALSE(parse_iso8601("yesterday"));
    EXPECT_FALSE(parse_iso8601("2024-05-01T25:00"));
}

TEST(Dates, StrictFormatsForActivitiesAndCpd) {
    EXPECT_EQ(*parse_space_datetime("2024-05-01 09:30:00"), *parse_iso8601("2024-05-01T09:30:00Z"));
    EXPECT_FALSE(parse_space_datetime("2024-05-01T09:30:00"));
    EXPECT_FALSE(parse_space_datetime("2024-05-01"));
    EXPECT_EQ(*parse_t_datetime("2024-05-01T09:30:00"), *parse_iso8601("2024-05-01T09:30:00Z"));
    EXPECT_FALSE(parse_t_datetime("2024-05-01 09:30:00"));
    EXPECT_FALSE(parse_t_datetime("2024-05-01T09:30:00Z"));
}

TEST(Dates, FormatsLikeTheService) {
    EXPECT_EQ(format_timestamp(*parse_iso8601("2024-05-01T09:30:00Z")), "2024-05-01T09:30:00.000Z");
    EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_timestamp(*parse_iso8601("2026-12-31T23:59:59.999Z")), "2026-12-31T23:59:59.999Z");
    for (Millis t = *parse_iso8601("2023-12-25"); t < *parse_iso8601("2027-01-05"); t += kMillisPerDay + 3'723'004)
        EXPECT_EQ(*parse_iso8601(format_timestamp(t)), t);
}

TEST(Targets, DecodesEachSegmentOnce) {
    auto t = parse_target("/rest/v1/users/ref/EXT%2F2024%20007?perPage=5&x=a+b&y=%2B1");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->raw_path, "/rest/v1/users/ref/EXT%2F2024%20007");
    ASSERT_EQ(t->segments.size(), 5u);
    EXPECT_EQ(t->segments[4], "EXT/2024 007");
    EXPECT_EQ(t->query.at("perPage"), "5");
    EXPECT_EQ(t->query.at("x"), "a b");
    EXPECT_EQ(t->query.at("y"), "+1");
    // '+' in a path is a plus; %25 decodes once only.
    auto p = parse_target("/a/x+y%40z/%252F");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->segments[1], "x+y@z");
    EXPECT_EQ(p->segments[2], "%2F");
    EXPECT_FALSE(parse_target("/a/%zz"));
    EXPECT_FALSE(parse_target("/a/%2"));
    EXPECT_FALSE(parse_target("no-slash"));
}

TEST(Router, MatchesLiteralsFirstAndReports405) {
    Router r;
    int hit = 0;
    r.add("GET", "/rest/v1/users/ref/{ref}", [&](RequestContext&) { hit = 1; return Reply{}; });
    r.add("POST", "/rest/v1/users/{userId}/tags", [&](RequestContext&) { hit = 2; return Reply{}; });
    r.add("PATCH", "/rest/v1/users/{userId}/tags", [&](RequestContext&) { hit = 3; return Reply{}; });
    auto m = r.match("GET", {"rest", "v1", "users", "ref", "tags"});
    ASSERT_EQ(m.status, 200);
    EXPECT_EQ(m.params.at("ref"), "tags");
    m = r.match("POST", {"rest", "v1", "users", "ref", "tags"});
    ASSERT_EQ(m.status, 200);
    EXPECT_EQ(m.params.at("userId"), "ref");
    m = r.match("DELETE", {"rest", "v1", "users", "abc", "tags"});
    EXPECT_EQ(m.status, 405);
    EXPECT_EQ(m.allow, "POST, PATCH");
    EXPECT_EQ(r.match("GET", {"rest", "v1", "nothing"}).status, 404);
}

TEST(Router, ServesEveryDocumentedEndpoint) {
    Router r;
    register_api_routes(r);
    const std::pair<const char*, const char*> documented[] = {
        {"POST", "/rest/v2/users"},
        {"PATCH", "/rest/v2/users/ref/R"},
        {"DELETE", "/rest/v2/users/ref/R"},
        {"PATCH", "/rest/v2/users/ref/R/suspend"},
        {"GET", "/rest/v1/users"},
        {"GET", "/rest/v1/user/I"},
        {"GET", "/rest/v1/users/ref/R"},
        {"GET", "/rest/v1/audiences"},
        {"POST", "/rest/v1/audiences"},
        {"GET", "/rest/v1/audiences/A"},
        {"PATCH", "/rest/v1/audiences/A"},
        {"DELETE", "/rest/v1/audiences/A"},
        {"GET", "/rest/v1/audiences/A/members"},
        {"POST", "/rest/v1/audiences/A/members"},
        {"PATCH", "/rest/v1/audiences/A/members"},
        {"DELETE", "/rest/v1/audiences/A/members/U"},
        {"GET", "/rest/v1/audiences/A/managers"},
        {"POST", "/rest/v1/audiences/A/managers"},
        {"PATCH", "/rest/v1/audiences/A/managers"},
        {"DELETE", "/rest/v1/audiences/A/managers/U"},
        {"GET", "/rest/v1/assignments"},
        {"POST", "/rest/v1/assignments"},
        {"GET", "/rest/v1/assignments/S"},
        {"PATCH", "/rest/v1/assignments/S"},
        {"DELETE", "/rest/v1/assignments/S"},
        {"GET", "/rest/v1/assignments/S/enrolments"},
        {"GET", "/rest/v1/assignments/S/enrolments/E"},
        {"GET", "/rest/v1/learning/completions"},
        {"GET", "/rest/v1/learning/completions/C"},
        {"POST", "/rest/v1/learning/completions"},
        {"GET", "/rest/v1/contents/C"},
        {"GET", "/rest/v1/contents"},
        {"GET", "/rest/v1/activity/X"},
        {"GET", "/rest/v1/activities"},
        {"GET", "/rest/v1/cpdCategories/X"},
        {"GET", "/rest/v1/cpdCategories"},
        {"GET", "/rest/v1/cpdEntries/X"},
        {"GET", "/rest/v1/cpdEntries"},
        {"GET", "/rest/v1/cpdRequirementSummaries/X"},
        {"GET", "/rest/v1/cpdRequirementSummaries"},
        {"GET", "/rest/v1/cpdUserLogSummaries"},
        {"GET", "/rest/v1/tags"},
        {"GET", "/rest/v1/tags/T"},
        {"POST", "/rest/v1/users/U/tags"},
        {"PATCH", "/rest/v1/users/U/tags"},
        {"PATCH", "/rest/v1/users/U/skills"},
        {"GET", "/rest/v1/skills/levels"},
    };
    EXPECT_EQ(r.size(), std::size(documented));
    for (const auto& [method, path] : documented) {
        auto t = parse_target(path);
        ASSERT_TRUE(t);
        EXPECT_EQ(r.match(method, t->segments).status, 200) << method << " " << path;
    }
}

TEST(Auth, BasicCredentials) {
    std::string header = "Basic " + base64_encode("eu-west-000000:standin-demo-key");
    EXPECT_TRUE(check_basic_auth(header, "eu-west-000000", "standin-demo-key"));
    EXPECT_FALSE(check_basic_auth(header, "eu-west-000000", "standin-demo-kez"));
    EXPECT_FALSE(check_basic_auth(header, "eu-west-000001", "standin-demo-key"));
    EXPECT_FALSE(check_basic_auth("Bearer abc", "eu-west-000000", "standin-demo-key"));
    EXPECT_FALSE(check_basic_auth("", "eu-west-000000", "standin-demo-key"));
    EXPECT_FALSE(check_basic_auth("Basic !!!", "eu-west-000000", "standin-demo-key"));
    auto creds = parse_basic_auth("basic " + base64_encode("t:pa:ss"));
    ASSERT_TRUE(creds);
    EXPECT_EQ(creds->username, "t");
    EXPECT_EQ(creds->password, "pa:ss");
    for (const std::string& s : {std::string(), std::string("a"), std::string("ab"), std::string("abc"), std::string("abcd"), std::string("\xff\x00\x10", 3)})
        EXPECT_EQ(*base64_decode(base64_encode(s)), s);
}

TEST(Faults, QueueMatchesMethodAndPrefixAndCounts) {
    FaultQueue q;
    FaultSpec users;
    users.fault = Fault::status;
    users.count = 2;
    users.method = "post";
    users.path_prefix = "/rest/v2/users";
    q.add(users);
    FaultSpec any;
    any.fault = Fault::latency;
    any.count = -1;
    q.add(any);
    EXPECT_EQ(q.take("GET", "/rest/v2/users")->fault, Fault::latency);
    EXPECT_EQ(q.take("POST", "/rest/v2/users")->fault, Fault::status);
    EXPECT_EQ(q.take("POST", "/rest/v2/users/ref/x")->fault, Fault::status);
    EXPECT_EQ(q.take("POST", "/rest/v2/users")->fault, Fault::latency);  // the status fault is used up
    EXPECT_EQ(q.size(), 1u);
    q.clear();
    EXPECT_FALSE(q.take("GET", "/"));
    EXPECT_EQ(fault_from_name("truncated_body"), Fault::truncated_body);
    EXPECT_EQ(fault_from_name("nope"), Fault::none);
    EXPECT_STREQ(fault_name(Fault::malformed_json), "malformed_json");
}

TEST(RateLimiter, TokenBucketWithRetryAfter) {
    RateLimiter rl;
    auto t0 = RateLimiter::Clock::now();
    EXPECT_EQ(rl.acquire("t", t0), 0);  // off by default
    rl.configure(0.5, 2);
    EXPECT_EQ(rl.acquire("t", t0), 0);
    EXPECT_EQ(rl.acquire("t", t0), 0);
    EXPECT_EQ(rl.acquire("t", t0), 2);  // one token takes 2 s at 0.5/s
    EXPECT_EQ(rl.acquire("other", t0), 0);  // buckets are per key
    EXPECT_EQ(rl.acquire("t", t0 + std::chrono::milliseconds(2100)), 0);
    EXPECT_GE(rl.acquire("t", t0 + std::chrono::milliseconds(2100)), 1);
}

TEST(Seed, DeterministicFastAndPinnedFacts) {
    auto t0 = std::chrono::steady_clock::now();
    State a = make_seed_state(seed_facts::kDefaultSeed);
    auto elapsed = std::chrono::steady_clock::now() - t0;
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 100);
#else
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 2000);  // unoptimised build
#endif
    RecordProperty("seedMillis", static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
    State b = make_seed_state(seed_facts::kDefaultSeed);
    State c = make_seed_state(99);
    EXPECT_EQ(json::serialize(a.to_json()), json::serialize(b.to_json()));
    EXPECT_NE(json::serialize(a.to_json()), json::serialize(c.to_json()));

    for (const State* s : {&a, &c}) {
        EXPECT_EQ(s->users.size(), std::size_t(seed_facts::kUserCount));
        std::map<std::string, int> statuses;
        for (const auto& u : s->users.items()) ++statuses[str_of(u, "status")];
        EXPECT_EQ(statuses["active"], seed_facts::kActiveUsers);
        EXPECT_EQ(statuses["inactive"], seed_facts::kInactiveUsers);
        EXPECT_EQ(statuses["expired"], seed_facts::kExpiredUsers);
        EXPECT_EQ(statuses["new"], seed_facts::kNewUsers);
        EXPECT_EQ(s->audiences.size(), std::size_t(seed_facts::kAudienceCount));
        EXPECT_EQ(s->contents.size(), std::size_t(seed_facts::kContentCount));
        EXPECT_EQ(s->assignments.size(), std::size_t(seed_facts::kAssignmentCount));
        EXPECT_EQ(s->cpd_categories.size(), std::size_t(seed_facts::kCpdCategoryCount));
        EXPECT_EQ(s->cpd_requirements.size(), std::size_t(seed_facts::kCpdRequirementCount));
        EXPECT_EQ(s->tags.size(), std::size_t(seed_facts::kTagCount));
        EXPECT_EQ(s->skill_levels.size(), std::size_t(seed_facts::kSkillLevelCount));
        EXPECT_GE(s->activities.size(), 300u);
        EXPECT_GE(s->cpd_entries.size(), 200u);
        EXPECT_GE(s->completions.size(), 200u);
        // Fixture ids and their records.
        const auto* admin = s->users.find(seed_id(IdKind::user, seed_facts::kAdminUser));
        ASSERT_TRUE(admin);
        EXPECT_EQ(str_of(*admin, "ref"), seed_facts::kAdminRef);
        EXPECT_EQ(str_of(*admin, "email"), seed_facts::kAdminEmail);
        EXPECT_EQ(str_of(*s->users.find(seed_id(IdKind::user, seed_facts::kPlusEmailUser)), "email"), seed_facts::kPlusEmail);
        EXPECT_EQ(str_of(*s->users.find(seed_id(IdKind::user, seed_facts::kSlashRefUser)), "ref"), seed_facts::kSlashRef);
        EXPECT_EQ(str_of(*s->users.find(seed_id(IdKind::user, seed_facts::kLearnerUser)), "ref"), seed_facts::kLearnerRef);
        EXPECT_EQ(str_of(*s->audiences.find(seed_id(IdKind::audience, seed_facts::kFireSafetyAudience)), "reference"),
                  seed_facts::kFireSafetyRef);
        EXPECT_EQ(str_of(*s->audiences.find(seed_id(IdKind::audience, seed_facts::kLeadershipAudience)), "reference"),
                  seed_facts::kLeadershipRef);
        EXPECT_EQ(str_of(*s->audiences.find(seed_id(IdKind::audience, seed_facts::kInactiveSmartAudience)), "type"),
                  "smart");
        EXPECT_TRUE(bool_of(*s->assignments.find(seed_id(IdKind::assignment, seed_facts::kDeletedAssignment)), "isDeleted"));
        const auto* enrolment = s->enrolments.find(seed_id(IdKind::enrolment, seed_facts::kLearnerFireEnrolment));
        ASSERT_TRUE(enrolment);
        EXPECT_EQ(str_of(*enrolment, "userId"), seed_id(IdKind::user, seed_facts::kLearnerUser));
        EXPECT_EQ(str_of(*enrolment, "assignmentId"), seed_id(IdKind::assignment, seed_facts::kFireSafetyAssignment));
        EXPECT_EQ(str_of(*enrolment, "status"), "open");
        const auto* fire = s->contents.find(seed_id(IdKind::content, seed_facts::kFireSafetyContent));
        EXPECT_EQ(int_of(fire->at("duration").as_object(), "value"), seed_facts::kFireSafetyMinutes);
        EXPECT_EQ(str_of(*s->tags.find(seed_id(IdKind::tag, seed_facts::kFireSafetyTag)), "tag"), "fire-safety");
        EXPECT_EQ(str_of(*s->cpd_categories.find(seed_id(IdKind::cpd_category, seed_facts::kFormalLearningCategory)), "name"),
                  "Formal learning");
        // Every content type is present; every timestamp is inside the seeded span.
        std::set<std::string> types;
        for (const auto& c : s->contents.items()) types.insert(str_of(c, "type"));
        EXPECT_EQ(types.size(), content_types().size());
        Millis lo = *parse_iso8601(seed_facts::kSeedEarliest), hi = *parse_iso8601(seed_facts::kSeedLatest);
        for (const auto& act : s->activities.items()) {
            Millis t = time_of(act, "date");
            EXPECT_GE(t, lo);
            EXPECT_LE(t, hi);
        }
        std::set<int> years;
        for (const auto& u : s->users.items()) years.insert(std::stoi(str_of(u, "updatedAt").substr(0, 4)));
        EXPECT_EQ(years, (std::set<int>{2024, 2025, 2026}));
    }
    // Timestamps are coherent: nothing is updated before it was created.
    for (const Collection* c : {&a.users, &a.audiences, &a.contents, &a.assignments, &a.enrolments, &a.tags,
                                &a.cpd_categories, &a.cpd_requirements}) {
        for (const auto& r : c->items()) {
            EXPECT_LE(time_of(r, "createdAt"), time_of(r, "updatedAt")) << json::serialize(r);
            EXPECT_LE(time_of(r, "updatedAt"), *parse_iso8601(seed_facts::kSeedLatest)) << json::serialize(r);
        }
    }
    for (const auto& u : a.users.items()) {
        if (!u.at("firstLogin").is_null()) {
            EXPECT_LE(time_of(u, "createdAt"), time_of(u, "firstLogin"));
        }
    }
    // Same ids for every seed; different generated details.
    EXPECT_EQ(str_of(a.users.items()[10], "id"), str_of(c.users.items()[10], "id"));
    for (const auto& u : a.users.items()) {
        auto id = str_of(u, "id");
        EXPECT_EQ(id.size(), 24u);
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    }
}

TEST(Seed, SpelledOutIdsMatchSeedIds) {
    namespace f = seed_facts;
    EXPECT_EQ(f::kAdminUserId, seed_id(IdKind::user, f::kAdminUser));
    EXPECT_EQ(f::kPlusEmailUserId, seed_id(IdKind::user, f::kPlusEmailUser));
    EXPECT_EQ(f::kSlashRefUserId, seed_id(IdKind::user, f::kSlashRefUser));
    EXPECT_EQ(f::kLearnerUserId, seed_id(IdKind::user, f::kLearnerUser));
    EXPECT_EQ(f::kCompanyStructureId, seed_id(IdKind::audience, f::kCompanyStructure));
    EXPECT_EQ(f::kAllStaffAudienceId, seed_id(IdKind::audience, f::kAllStaffAudience));
    EXPECT_EQ(f::kFireSafetyAudienceId, seed_id(IdKind::audience, f::kFireSafetyAudience));
    EXPECT_EQ(f::kEmptyAudienceId, seed_id(IdKind::audience, f::kEmptyAudience));
    EXPECT_EQ(f::kFireSafetyContentId, seed_id(IdKind::content, f::kFireSafetyContent));
    EXPECT_EQ(f::kFireSafetyAssignmentId, seed_id(IdKind::assignment, f::kFireSafetyAssignment));
    EXPECT_EQ(f::kLearnerFireEnrolmentId, seed_id(IdKind::enrolment, f::kLearnerFireEnrolment));
    EXPECT_EQ(f::kFormalLearningCategoryId, seed_id(IdKind::cpd_category, f::kFormalLearningCategory));
    EXPECT_EQ(f::kFireSafetyTagId, seed_id(IdKind::tag, f::kFireSafetyTag));
}

TEST(State, RoundTripsThroughJson) {
    State a = make_seed_state(3);
    a.id_counter = 42;
    State b = State::from_json(json::parse(json::serialize(a.to_json())));
    EXPECT_EQ(json::serialize(a.to_json()), json::serialize(b.to_json()));
    EXPECT_EQ(b.members.size(), a.members.size());
    EXPECT_TRUE(b.users.find(seed_id(IdKind::user, 5)));
    EXPECT_THROW(State::from_json(json::parse(R"({"format":"other"})")), std::runtime_error);
    // Run-time ids never collide with seed ids and keep counting after a reload.
    auto id1 = b.new_id(IdKind::user);
    auto id2 = b.new_id(IdKind::user);
    EXPECT_NE(id1, id2);
    EXPECT_EQ(id1.size(), 24u);
    EXPECT_EQ(b.id_counter, 44u);
}

}  // namespace
}  // namespace thrive::standin
