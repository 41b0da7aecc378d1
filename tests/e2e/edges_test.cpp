// Edges a foreign host meets: path segments that need encoding, parameter
// coercion and rules, per-call credentials, TLS verification, timeouts, size
// caps and destroying an instance with a call in flight.
#include "e2e_harness.hpp"

#include <chrono>
#include <condition_variable>
#include <thread>

namespace thrive::e2e {
namespace {

using EdgesE2E = E2ETest;

TEST_F(EdgesE2E, RefsWithReservedCharactersTravelAsOnePathSegment) {
    // Every character here means something in a URL or a path.
    for (const std::string ref : {"E2E/50% off?x=1#frag", "E2E a+b&c=d", "E2E-ünï-çødé", "E2E;semi,comma"}) {
        SCOPED_TRACE(ref);
        const std::string email = "enc." + unique_suffix() + "@example.com";
        json::object created =
            h->ok("thrive_create_user", {{"ref", ref}, {"firstName", "Zoë"}, {"lastName", "Ångström"}, {"email", email}});
        EXPECT_EQ(str(created.at("user"), "ref"), ref);
        json::object read = h->ok("thrive_get_user_by_ref", {{"ref", ref}});
        EXPECT_EQ(str(read.at("user"), "email"), email);
        EXPECT_EQ(str(read.at("user"), "firstName"), "Zoë");
        EXPECT_EQ(str(read.at("user"), "lastName"), "Ångström");
        json::object updated = h->ok("thrive_update_user", {{"ref", ref}, {"jobTitle", "Encoder"}});
        EXPECT_EQ(str(updated.at("user"), "ref"), ref) << "the ref is the path, not a changed field";
        json::object suspended = h->ok("thrive_suspend_user", {{"ref", ref}});
        EXPECT_FALSE(suspended.at("user").at("active").as_bool());
        h->ok("thrive_delete_user", {{"ref", ref}});
        h->fails("thrive_get_user_by_ref", {{"ref", ref}}, "not_found");
    }
}

TEST_F(EdgesE2E, MemberNamedByAnEmailWithPlusIsRemovedByThatEmail) {
    json::object a = h->ok("thrive_create_audience", {{"name", "E2E plus " + unique_suffix()}});
    const std::string aid = str(a.at("audience"), "id");
    h->ok("thrive_add_audience_members", {{"audienceId", aid}, {"users", json::array{json::value(sf::kPlusEmail)}}});
    // '+' in a path segment is a plus, never a space.
    h->ok("thrive_remove_audience_member", {{"audienceId", aid}, {"userRef", sf::kPlusEmail}});
    json::object members = h->ok("thrive_list_audience_members", {{"audienceId", aid}});
    EXPECT_EQ(members.at("pagination").at("totalResults").to_number<int>(), 0) << json::serialize(members);
}

TEST_F(EdgesE2E, AudienceReferenceWithSlashAddressesTheAudience) {
    json::object got = h->ok("thrive_get_audience", {{"audienceId", sf::kLeadershipRef}});
    EXPECT_EQ(str(got.at("audience"), "id"), seed_id(IdKind::audience, sf::kLeadershipAudience));
    EXPECT_EQ(str(got.at("audience"), "reference"), sf::kLeadershipRef);
}

TEST_F(EdgesE2E, StringScalarsAreCoercedAndBlankOptionalsAreNotSent) {
    // "37" for a number, "true" for a boolean: accepted as the numbers/booleans.
    json::object page = h->ok("thrive_search_users", {{"perPage", "37"}, {"page", "2"}});
    EXPECT_EQ(page.at("pagination").at("perPage").to_number<int>(), 37);
    EXPECT_EQ(page.at("pagination").at("page").to_number<int>(), 2);
    json::object controlled = h->ok("thrive_list_audiences", {{"apiControlled", "true"}, {"perPage", 1000}});
    for (const auto& a : controlled.at("results").as_array()) EXPECT_TRUE(a.at("apiControlled").as_bool());

    // A blank optional filter is not sent: the full tenant comes back.
    json::object blank = h->ok("thrive_search_users", {{"statuses", "   "}, {"updatedSince", ""}});
    EXPECT_EQ(blank.at("pagination").at("totalResults").to_number<int>(), sf::kUserCount);

    // Ambiguous scalars are refused by name before anything is sent.
    auto before = h->server().stats();
    Outcome half = h->call("thrive_search_users", {{"page", "2.5"}});
    EXPECT_EQ(half.code(), "invalid_params");
    EXPECT_EQ(str(half.error(), "field"), "page");
    Outcome yes = h->call("thrive_list_audiences", {{"apiControlled", "yes"}});
    EXPECT_EQ(yes.code(), "invalid_params");
    EXPECT_EQ(str(yes.error(), "field"), "apiControlled");
    EXPECT_EQ(h->server().stats().requests, before.requests);
}

TEST_F(EdgesE2E, TypesOverrideOmitTypesAsDocumented) {
    // When both are set, omitTypes is not sent: the videos come back.
    json::object both = h->ok("thrive_query_content", {{"types", "video"}, {"omitTypes", "video"}, {"perPage", 1000}});
    json::object videos = h->ok("thrive_query_content", {{"types", "video"}, {"perPage", 1000}});
    EXPECT_GT(videos.at("results").as_array().size(), 0u);
    EXPECT_EQ(both.at("pagination").at("totalResults"), videos.at("pagination").at("totalResults"));
}

TEST_F(EdgesE2E, CrossFieldRulesAndDateFormatsAreCheckedBeforeSending) {
    auto before = h->server().stats();
    const std::string asg = seed_id(IdKind::assignment, sf::kFireSafetyAssignment);
    Outcome to_only = h->call("thrive_list_enrolments", {{"assignmentId", asg}, {"updatedAtTo", "2026-01-01"}});
    EXPECT_EQ(to_only.code(), "invalid_params") << to_only.raw;
    EXPECT_EQ(str(to_only.error(), "field"), "updatedAtTo");
    Outcome t_format = h->call("thrive_query_activities", {{"timestampFrom", "2026-01-01T00:00:00"}});
    EXPECT_EQ(t_format.code(), "invalid_params") << t_format.raw;
    EXPECT_EQ(str(t_format.error(), "field"), "timestampFrom");
    Outcome no_range = h->call("thrive_query_cpd_user_summaries", {{"entryDateFrom", "2026-01-01T00:00:00"}});
    EXPECT_EQ(no_range.code(), "invalid_params") << no_range.raw;
    EXPECT_EQ(str(no_range.error(), "field"), "entryDateTo");
    Outcome level = h->call("thrive_update_user_skills", {{"userId", seed_id(IdKind::user, sf::kLearnerUser)},
                                                         {"skills", R"([{"tagName": "care", "level": -2}])"}});
    EXPECT_EQ(level.code(), "invalid_params") << level.raw;
    EXPECT_EQ(str(level.error(), "field"), "skills");
    EXPECT_EQ(h->server().stats().requests, before.requests);

    // The same filters in the documented formats work and filter.
    json::object enrolments = h->ok("thrive_list_enrolments", {{"assignmentId", asg},
                                                               {"updatedAtFrom", sf::kSeedEarliest},
                                                               {"updatedAtTo", sf::kSeedLatest}});
    EXPECT_FALSE(enrolments.at("enrolments").as_array().empty());
    json::object none = h->ok("thrive_list_enrolments",
                              {{"assignmentId", asg}, {"updatedAtFrom", "2020-01-01"}, {"updatedAtTo", "2020-12-31"}});
    EXPECT_TRUE(none.at("enrolments").as_array().empty()) << json::serialize(none);
}

TEST_F(EdgesE2E, PerCallCredentialsOverrideTheInstanceConfiguration) {
    auto bad = h->make_instance(with_api_key("not-the-key"));
    Outcome refused = Harness::call_on(*bad, "thrive_get_skill_levels", {});
    EXPECT_EQ(refused.code(), "auth_failed");
    Outcome good = Harness::call_on(*bad, "thrive_get_skill_levels",
                                    {{"tenantId", h->server().options().tenant_id},
                                     {"apiKey", h->server().options().api_key}});
    EXPECT_TRUE(good.ok()) << good.raw;
    // A per-call host still has to be on the operator's allowlist.
    Outcome elsewhere = h->call("thrive_get_skill_levels", {{"host", "public.api.learn.link.evil.example"}});
    EXPECT_EQ(elsewhere.code(), "host_not_allowed") << elsewhere.raw;
}

TEST_F(EdgesE2E, WithoutTheStandinCaTheCertificateIsRefused) {
    auto before = h->server().stats();
    json::value config = json::parse(h->config_json());
    config.as_object().erase("caFile");
    cli::Instance untrusting(plugin(), json::serialize(config));
    Outcome o = Harness::call_on(untrusting, "thrive_get_skill_levels", {});
    EXPECT_EQ(o.status, THRIVE_TLS_ERROR) << o.raw;
    EXPECT_EQ(o.code(), "tls_error");
    EXPECT_EQ(h->server().stats().requests, before.requests) << "no request goes over an unverified connection";
}

TEST(EdgesE2EStandalone, CertificateForAnotherNameIsRefused) {
    // The stand-in's certificate names localhost, 127.0.0.1 and ::1. Reached
    // as 127.0.0.2 (also loopback) the chain verifies but the name does not.
    standin::Options o;
    o.bind_address = "127.0.0.2";
    Harness h(o);
    const std::string other = "127.0.0.2:" + std::to_string(h.server().port());
    InstanceOverrides ov = with_host(other);
    ov.extra["allowedHosts"] = json::array{json::value(other)};
    auto inst = h.make_instance(ov);
    Outcome out = Harness::call_on(*inst, "thrive_get_skill_levels", {});
    EXPECT_EQ(out.code(), "tls_error") << out.raw;
    EXPECT_EQ(h.server().stats().requests, 0u);
}

TEST_F(EdgesE2E, RequestTimeoutIsTimeout) {
    standin::FaultSpec f;
    f.fault = standin::Fault::latency;
    f.latency_ms = 3000;
    f.count = -1;
    h->server().add_fault(f);
    InstanceOverrides ov = with_max_retries(0);
    ov.request_timeout_ms = 300;
    auto inst = h->make_instance(ov);
    Outcome o = Harness::call_on(*inst, "thrive_get_skill_levels", {});
    EXPECT_EQ(o.status, THRIVE_TIMEOUT) << o.raw;
    EXPECT_EQ(o.code(), "timeout");
    h->server().clear_faults();
}

TEST_F(EdgesE2E, ResponseOverMaxResponseBytesIsBadResponse) {
    InstanceOverrides ov;
    ov.extra["maxResponseBytes"] = 4096;
    auto inst = h->make_instance(ov);
    Outcome big = Harness::call_on(*inst, "thrive_search_users", {{"perPage", 1000}});
    EXPECT_EQ(big.status, THRIVE_BAD_RESPONSE) << big.raw;
    Outcome small = Harness::call_on(*inst, "thrive_get_skill_levels", {});
    EXPECT_TRUE(small.ok()) << small.raw;
}

struct Done {
    std::mutex mu;
    std::condition_variable cv;
    int calls = 0;
    int status = -1;
};

void record(void* user_data, int status, const char*) {
    auto* d = static_cast<Done*>(user_data);
    std::lock_guard lock(d->mu);
    ++d->calls;
    d->status = status;
    d->cv.notify_all();
}

TEST_F(EdgesE2E, DestroyingAnInstanceCancelsItsCallInFlight) {
    standin::FaultSpec f;
    f.fault = standin::Fault::latency;
    f.latency_ms = 20000;
    h->server().add_fault(f);
    auto inst = h->make_instance();
    const thrive_api_v1& api = plugin().api();
    Done done;
    ASSERT_EQ(api.call_async(inst->raw(), "thrive_get_skill_levels", "{}", record, &done, nullptr), THRIVE_OK);
    for (int i = 0; i < 500 && h->server().stats().requests == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_EQ(h->server().stats().requests, 1u);
    const auto start = std::chrono::steady_clock::now();
    inst.reset();  // instance_destroy: cancels and waits
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    std::lock_guard lock(done.mu);
    EXPECT_EQ(done.calls, 1) << "the callback ran exactly once, before destroy returned";
    EXPECT_EQ(done.status, THRIVE_CANCELLED);
}

}  // namespace
}  // namespace thrive::e2e
