// Error paths against the real stand-in, mapped to the envelope's codes and
// the C status: 404, 400/409, 401, 429 and a host outside the allowlist.
#include "e2e_harness.hpp"

#include <cctype>

namespace thrive::e2e {
namespace {

using ErrorsE2E = E2ETest;

std::string base64(const std::string& in) {
    static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    int val = 0, bits = -6;
    for (unsigned char c : in) {
        val = (val << 8) + c;
        bits += 8;
        while (bits >= 0) {
            out.push_back(abc[(val >> bits) & 0x3F]);
            bits -= 6;
        }
    }
    if (bits > -6) out.push_back(abc[((val << 8) >> (bits + 8)) & 0x3F]);
    while (out.size() % 4) out.push_back('=');
    return out;
}

TEST_F(ErrorsE2E, UnknownIdsAreNotFoundWith404AndTheServiceMessage) {
    struct Case {
        const char* tool;
        json::object params;
        const char* said;  // the stand-in's message
    };
    const Case cases[] = {
        {"thrive_get_user_by_ref", {{"ref", "NO-SUCH-REF"}}, "User with ref 'NO-SUCH-REF' not found"},
        {"thrive_get_user_by_id", {{"id", "ffffffffffffffffffffffff"}}, "User 'ffffffffffffffffffffffff' not found"},
        {"thrive_get_audience", {{"audienceId", "AUD-NOPE"}}, "Audience 'AUD-NOPE' not found"},
        {"thrive_get_assignment", {{"assignmentId", "0000"}}, "Assignment '0000' not found"},
        {"thrive_get_completion", {{"id", "c-missing"}}, "Completion 'c-missing' not found"},
        {"thrive_get_tag", {{"tagId", "t-missing"}}, "Tag 't-missing' not found"},
        {"thrive_update_user", {{"ref", "NO-SUCH-REF"}, {"jobTitle", "x"}}, "User with ref 'NO-SUCH-REF' not found"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.tool);
        Outcome o = h->call(c.tool, c.params);
        EXPECT_EQ(o.status, THRIVE_NOT_FOUND) << o.raw;
        EXPECT_EQ(o.code(), "not_found");
        EXPECT_EQ(o.http_status(), 404);
        EXPECT_NE(o.message().find(c.said), std::string::npos) << o.raw;
        EXPECT_TRUE(o.output().empty()) << o.raw;
    }
}

TEST_F(ErrorsE2E, DuplicateUserRefIsHttpError409AndNothingWritten) {
    auto before = h->server().stats();
    Outcome o = h->call("thrive_create_user", {{"ref", sf::kAdminRef},
                                              {"firstName", "Dup"},
                                              {"lastName", "Licate"},
                                              {"email", "dup." + unique_suffix() + "@example.com"}});
    EXPECT_EQ(o.status, THRIVE_HTTP_ERROR) << o.raw;
    EXPECT_EQ(o.code(), "http_error");
    EXPECT_EQ(o.http_status(), 409);
    EXPECT_NE(o.message().find("A user with ref 'EMP0001' already exists"), std::string::npos) << o.raw;
    auto after = h->server().stats();
    EXPECT_EQ(after.writes_applied, before.writes_applied);
    EXPECT_EQ(after.requests, before.requests + 1) << "a 409 is not retried";
    // The original is untouched.
    json::object admin = h->ok("thrive_get_user_by_ref", {{"ref", sf::kAdminRef}});
    EXPECT_EQ(str(admin.at("user"), "email"), sf::kAdminEmail);
}

TEST_F(ErrorsE2E, DeletingAnAudienceWithChildrenIsHttpError400) {
    const std::string fire = seed_id(IdKind::audience, sf::kFireSafetyAudience);
    Outcome o = h->call("thrive_delete_audience", {{"audienceId", fire}});
    EXPECT_EQ(o.status, THRIVE_HTTP_ERROR) << o.raw;
    EXPECT_EQ(o.code(), "http_error");
    EXPECT_EQ(o.http_status(), 400);
    EXPECT_NE(o.message().find("child audience(s) and cannot be deleted"), std::string::npos) << o.raw;
    json::object still = h->ok("thrive_get_audience", {{"audienceId", sf::kFireSafetyRef}});
    EXPECT_EQ(str(still.at("audience"), "id"), fire);
}

TEST_F(ErrorsE2E, ServiceSideValidationIsHttpError400WithMessage) {
    // The plugin cannot know a content id is unknown or that an audience/content
    // pair is taken: the service says so.
    Outcome o = h->call("thrive_create_assignment",
                        {{"audienceId", seed_id(IdKind::audience, sf::kFireSafetyAudience)},
                         {"contentId", seed_id(IdKind::content, sf::kFireSafetyContent)}});
    EXPECT_EQ(o.code(), "http_error") << o.raw;
    EXPECT_EQ(o.http_status(), 409);
    EXPECT_NE(o.message().find("already exists"), std::string::npos) << o.raw;

    Outcome level = h->call("thrive_update_user_skills",
                            {{"userId", seed_id(IdKind::user, sf::kLearnerUser)},
                             {"skills", json::array{json::object{{"tagName", "care"}, {"level", 9}}}}});
    EXPECT_EQ(level.code(), "http_error") << level.raw;
    EXPECT_EQ(level.http_status(), 400);
    EXPECT_NE(level.message().find("skill level"), std::string::npos) << level.raw;
}

TEST_F(ErrorsE2E, WrongApiKeyIsAuthFailed401AndTheKeyNeverAppears) {
    const std::string wrong_key = "e2e-wrong-KEY-5c1d9b";
    auto bad = h->make_instance(with_api_key(wrong_key));
    for (const char* tool : {"thrive_get_user_by_ref", "thrive_create_user"}) {
        SCOPED_TRACE(tool);
        json::object params = std::string(tool) == "thrive_get_user_by_ref"
                                  ? json::object{{"ref", sf::kAdminRef}}
                                  : json::object{{"ref", "E2E-AUTH"}, {"firstName", "A"}, {"lastName", "B"},
                                                 {"email", "auth@example.com"}};
        auto before = h->server().stats();
        Outcome o = Harness::call_on(*bad, tool, params);
        EXPECT_EQ(o.status, THRIVE_AUTH_FAILED) << o.raw;
        EXPECT_EQ(o.code(), "auth_failed");
        EXPECT_EQ(o.http_status(), 401);
        EXPECT_NE(o.message().find("invalid tenant ID or API key"), std::string::npos) << o.raw;
        EXPECT_EQ(o.raw.find(wrong_key), std::string::npos) << o.raw;
        EXPECT_EQ(o.raw.find(base64(h->server().options().tenant_id + ":" + wrong_key)), std::string::npos) << o.raw;
        EXPECT_EQ(h->server().stats().requests, before.requests + 1) << "a 401 is not retried";
        EXPECT_EQ(h->server().stats().writes_applied, before.writes_applied);
    }
    // A dry run shows the Authorization header redacted, never the key.
    cli::CallOutcome dry = bad->dry_run("thrive_get_user_by_ref", R"({"ref": "EMP0001"})");
    EXPECT_EQ(dry.status, THRIVE_OK) << dry.json;
    EXPECT_EQ(dry.json.find(wrong_key), std::string::npos) << dry.json;
    EXPECT_EQ(dry.json.find(base64(h->server().options().tenant_id + ":" + wrong_key)), std::string::npos);
    EXPECT_NE(dry.json.find("[REDACTED]"), std::string::npos) << dry.json;
}

TEST_F(ErrorsE2E, StatusFault429WithRetryAfterIsRateLimitedWithRetryAfterMs) {
    // Retry-After 120 s is beyond what the plugin waits for: it reports at once.
    standin::FaultSpec f;
    f.fault = standin::Fault::status;
    f.status = 429;
    f.retry_after_seconds = 120;
    f.count = -1;
    h->server().add_fault(f);
    auto before = h->server().stats();
    Outcome o = h->call("thrive_search_users", {{"perPage", 5}});
    EXPECT_EQ(o.status, THRIVE_RATE_LIMITED) << o.raw;
    EXPECT_EQ(o.code(), "rate_limited");
    EXPECT_EQ(o.http_status(), 429);
    EXPECT_EQ(o.retry_after_ms(), 120000) << o.raw;
    EXPECT_EQ(h->server().stats().requests, before.requests + 1);
}

TEST_F(ErrorsE2E, StandinRateLimitIsRateLimitedWithRetryAfterMs) {
    // Two requests of burst, then one every 100 s: the third call is refused
    // with a Retry-After the plugin does not wait for.
    h->server().set_rate_limit(0.01, 2);
    h->ok("thrive_get_user_by_ref", {{"ref", sf::kAdminRef}});
    h->ok("thrive_get_user_by_ref", {{"ref", sf::kAdminRef}});
    auto before = h->server().stats();
    Outcome o = h->call("thrive_create_user", {{"ref", "E2E-RL-" + unique_suffix()},
                                              {"firstName", "Rate"},
                                              {"lastName", "Limited"},
                                              {"email", "rl." + unique_suffix() + "@example.com"}});
    EXPECT_EQ(o.status, THRIVE_RATE_LIMITED) << o.raw;
    EXPECT_EQ(o.code(), "rate_limited");
    EXPECT_EQ(o.http_status(), 429);
    EXPECT_GE(o.retry_after_ms(), 30000) << o.raw;
    EXPECT_LE(o.retry_after_ms(), 100000) << o.raw;
    EXPECT_EQ(h->server().stats().writes_applied, before.writes_applied);

    // With the limit lifted the same instance works again.
    h->server().set_rate_limit(0, 20);
    h->ok("thrive_get_user_by_ref", {{"ref", sf::kAdminRef}});
}

TEST_F(ErrorsE2E, RateLimited429WithShortRetryAfterIsRetriedBeforeReporting) {
    // A 429 with Retry-After 1 on every attempt: the plugin waits and retries
    // (maxRetries 1 here), then reports rate_limited. Two requests reach the stand-in.
    auto inst = h->make_instance(with_max_retries(1));
    standin::FaultSpec f;
    f.fault = standin::Fault::status;
    f.status = 429;
    f.retry_after_seconds = 1;
    f.count = -1;
    h->server().add_fault(f);
    auto before = h->server().stats();
    Outcome o = Harness::call_on(*inst, "thrive_get_skill_levels", {});
    EXPECT_EQ(o.code(), "rate_limited") << o.raw;
    EXPECT_EQ(o.retry_after_ms(), 1000) << o.raw;
    EXPECT_EQ(h->server().stats().requests, before.requests + 2);
}

TEST_F(ErrorsE2E, HostOutsideTheAllowlistIsRefusedBeforeAnyRequest) {
    auto before = h->server().stats();
    // Per call: a host the operator did not allow.
    Outcome o = h->call("thrive_get_user_by_ref", {{"ref", sf::kAdminRef}, {"host", "evil.example.com"}});
    EXPECT_EQ(o.status, THRIVE_HOST_NOT_ALLOWED) << o.raw;
    EXPECT_EQ(o.code(), "host_not_allowed");
    EXPECT_NE(o.message().find("evil.example.com"), std::string::npos) << o.raw;

    // The same stand-in under another name (127.0.0.1:PORT) is not on the list either.
    const std::string other = "127.0.0.1:" + std::to_string(h->server().port());
    auto inst = h->make_instance(with_host(other));
    Outcome o2 = Harness::call_on(*inst, "thrive_create_user",
                                  {{"ref", "E2E-HOST"}, {"firstName", "A"}, {"lastName", "B"}, {"email", "h@example.com"}});
    EXPECT_EQ(o2.status, THRIVE_HOST_NOT_ALLOWED) << o2.raw;
    EXPECT_EQ(o2.code(), "host_not_allowed");

    auto after = h->server().stats();
    EXPECT_EQ(after.requests, before.requests) << "nothing may reach the stand-in";
    EXPECT_EQ(after.connections, before.connections) << "no socket may even be opened";
    EXPECT_EQ(after.writes_applied, before.writes_applied);
}

TEST_F(ErrorsE2E, InvalidParamsNeverReachTheService) {
    auto before = h->server().stats();
    Outcome missing = h->call("thrive_create_user", {{"ref", "E2E-X"}, {"firstName", "A"}, {"email", "x@example.com"}});
    EXPECT_EQ(missing.status, THRIVE_INVALID_PARAMS);
    EXPECT_EQ(str(missing.error(), "field"), "lastName") << missing.raw;
    Outcome empty = h->call("thrive_replace_audience_members",
                            {{"audienceId", sf::kAllStaffRef}, {"users", json::array{}}});
    EXPECT_EQ(empty.status, THRIVE_INVALID_PARAMS);
    EXPECT_EQ(str(empty.error(), "field"), "users") << empty.raw;
    Outcome unknown = h->call("thrive_no_such_tool", {});
    EXPECT_EQ(unknown.status, THRIVE_UNKNOWN_TOOL) << unknown.raw;
    EXPECT_EQ(unknown.code(), "unknown_tool");
    EXPECT_EQ(h->server().stats().requests, before.requests);
}

}  // namespace
}  // namespace thrive::e2e
