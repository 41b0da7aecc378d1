// Transport behaviour of the plugin against the real stand-in over HTTPS:
// retries that are safe, writes that are never repeated, broken responses,
// cancellation, concurrency and keep-alive.
#include "e2e_harness.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <thread>

namespace thrive::e2e {
namespace {

using TransportE2E = E2ETest;
using standin::Fault;
using standin::FaultSpec;

FaultSpec fault(Fault kind, int count = 1) {
    FaultSpec f;
    f.fault = kind;
    f.count = count;
    return f;
}

json::object new_user_params(const std::string& ref) {
    return {{"ref", ref}, {"firstName", "Tess"}, {"lastName", "Transport"}, {"email", ref + "@example.com"}};
}

TEST_F(TransportE2E, GetMeetingA503OnceIsRetriedAndSucceeds) {
    auto before = h->server().stats();
    h->server().add_fault(fault(Fault::status));  // 503, no Retry-After: backoff
    json::object out = h->ok("thrive_get_user_by_ref", {{"ref", sf::kAdminRef}});
    EXPECT_EQ(str(out.at("user"), "email"), sf::kAdminEmail);
    EXPECT_EQ(h->server().stats().requests, before.requests + 2) << "one 503, one success";
}

TEST_F(TransportE2E, GetMeetingA503WithRetryAfterIsRetriedAndSucceeds) {
    FaultSpec f = fault(Fault::status);
    f.retry_after_seconds = 1;
    h->server().add_fault(f);
    auto before = h->server().stats();
    json::object out = h->ok("thrive_get_skill_levels", {});
    EXPECT_EQ(out.at("levels").as_array().size(), static_cast<std::size_t>(sf::kSkillLevelCount));
    EXPECT_EQ(h->server().stats().requests, before.requests + 2);
}

TEST_F(TransportE2E, GetMeetingA503WithALongRetryAfterReportsItWithoutWaiting) {
    // Retry-After beyond what the plugin waits for (30 s): reported at once,
    // with the wait, as an http_error 503.
    FaultSpec f = fault(Fault::status, -1);
    f.retry_after_seconds = 90;
    h->server().add_fault(f);
    auto before = h->server().stats();
    const auto start = std::chrono::steady_clock::now();
    Outcome o = h->call("thrive_get_skill_levels", {});
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20)) << "it did not wait 90 s";
    EXPECT_EQ(o.code(), "http_error") << o.raw;
    EXPECT_EQ(o.http_status(), 503);
    EXPECT_EQ(o.retry_after_ms(), 90000) << o.raw;
    EXPECT_EQ(h->server().stats().requests, before.requests + 1);
}

TEST_F(TransportE2E, PostMeetingA429IsRetriedAndAppliedOnce) {
    // A 429 means the service did not act: even a write is sent again.
    FaultSpec f = fault(Fault::status);
    f.status = 429;
    f.retry_after_seconds = 1;
    f.method = "POST";
    h->server().add_fault(f);
    const std::string ref = "E2E-429-" + unique_suffix();
    auto before = h->server().stats();
    json::object out = h->ok("thrive_create_user", new_user_params(ref));
    EXPECT_EQ(str(out.at("user"), "ref"), ref);
    EXPECT_EQ(h->server().stats().requests, before.requests + 2);
    EXPECT_EQ(h->server().stats().writes_applied, before.writes_applied + 1);
}

TEST_F(TransportE2E, PostMeetingA503IsNotRepeated) {
    FaultSpec f = fault(Fault::status);
    f.method = "POST";
    h->server().add_fault(f);
    auto before = h->server().stats();
    Outcome o = h->call("thrive_create_user", new_user_params("E2E-503-" + unique_suffix()));
    EXPECT_EQ(o.code(), "http_error") << o.raw;
    EXPECT_EQ(o.http_status(), 503);
    EXPECT_NE(o.message().find("Injected fault"), std::string::npos) << "the service's message: " << o.raw;
    EXPECT_EQ(h->server().stats().requests, before.requests + 1);
    EXPECT_EQ(h->server().stats().writes_applied, before.writes_applied);
}

TEST_F(TransportE2E, GetMeetingAnHtml502OnceIsRetriedAndSucceeds) {
    h->server().add_fault(fault(Fault::html_error));
    auto before = h->server().stats();
    json::object out = h->ok("thrive_get_tag", {{"tagId", seed_id(IdKind::tag, sf::kLeadershipTag)}});
    EXPECT_EQ(str(out.at("tag"), "tag"), "leadership");
    EXPECT_EQ(h->server().stats().requests, before.requests + 2);
}

TEST_F(TransportE2E, GetWithResetAfterApplyIsRetriedAndSucceeds) {
    h->server().add_fault(fault(Fault::reset_after_apply));
    auto before = h->server().stats();
    json::object out = h->ok("thrive_get_audience", {{"audienceId", sf::kAllStaffRef}});
    EXPECT_EQ(str(out.at("audience"), "reference"), sf::kAllStaffRef);
    EXPECT_EQ(h->server().stats().requests, before.requests + 2);
    EXPECT_EQ(h->server().stats().writes_applied, before.writes_applied);
}

TEST_F(TransportE2E, PostWithResetAfterApplyIsNotResent) {
    const std::string ref = "E2E-RST-" + unique_suffix();
    FaultSpec f = fault(Fault::reset_after_apply);
    f.method = "POST";
    h->server().add_fault(f);
    auto before = h->server().stats();
    Outcome o = h->call("thrive_create_user", new_user_params(ref));
    EXPECT_EQ(o.status, THRIVE_NETWORK_ERROR) << o.raw;
    EXPECT_EQ(o.code(), "network_error");
    auto after = h->server().stats();
    EXPECT_EQ(after.writes_applied, before.writes_applied + 1) << "applied exactly once";
    EXPECT_EQ(after.requests, before.requests + 1) << "the POST must not be sent again";
    // The write did happen: the user exists, once.
    json::object read = h->ok("thrive_get_user_by_ref", {{"ref", ref}});
    EXPECT_EQ(str(read.at("user"), "ref"), ref);
}

TEST_F(TransportE2E, GetWithResetBeforeReadIsRetriedAndSucceeds) {
    h->server().add_fault(fault(Fault::reset_before_read));
    auto before = h->server().stats();
    json::object out = h->ok("thrive_get_user_by_ref", {{"ref", sf::kPlusEmailRef}});
    EXPECT_EQ(str(out.at("user"), "email"), sf::kPlusEmail);
    EXPECT_EQ(h->server().stats().requests, before.requests + 2);
}

TEST_F(TransportE2E, WriteWithResetBeforeReadIsNotRepeated) {
    // The plugin only repeats GETs after the request went out: a DELETE whose
    // connection drops is reported, not re-sent (the stand-in did not apply it).
    const std::string ref = "E2E-DEL-" + unique_suffix();
    h->ok("thrive_create_user", new_user_params(ref));
    FaultSpec f = fault(Fault::reset_before_read);
    f.method = "DELETE";
    h->server().add_fault(f);
    auto before = h->server().stats();
    Outcome o = h->call("thrive_delete_user", {{"ref", ref}});
    EXPECT_EQ(o.code(), "network_error") << o.raw;
    EXPECT_EQ(h->server().stats().requests, before.requests + 1);
    EXPECT_EQ(h->server().stats().writes_applied, before.writes_applied);
    h->ok("thrive_get_user_by_ref", {{"ref", ref}});
}

TEST_F(TransportE2E, TruncatedBodyOnAGetIsRetriedOnceAndSucceeds) {
    h->server().add_fault(fault(Fault::truncated_body));
    auto before = h->server().stats();
    json::object out = h->ok("thrive_get_user_by_ref", {{"ref", sf::kAdminRef}});
    EXPECT_EQ(str(out.at("user"), "ref"), sf::kAdminRef);
    EXPECT_EQ(h->server().stats().requests, before.requests + 2);
}

// A body cut short (Content-Length promised, connection closed half-way) is a
// transport failure: the HTTP message never completed, so the plugin cannot
// tell what the service meant. It reports network_error (connection lost), not
// bad_response, which is kept for a complete response it cannot understand.
TEST_F(TransportE2E, TruncatedBodyIsNetworkError) {
    auto inst = h->make_instance(with_max_retries(0));
    h->server().add_fault(fault(Fault::truncated_body, -1));
    Outcome o = Harness::call_on(*inst, "thrive_search_users", {{"perPage", 50}});
    EXPECT_EQ(o.status, THRIVE_NETWORK_ERROR) << o.raw;
    EXPECT_EQ(o.code(), "network_error");

    // A POST cut short is not repeated, even with retries on; it was applied once.
    h->server().clear_faults();
    FaultSpec f = fault(Fault::truncated_body);
    f.method = "POST";
    h->server().add_fault(f);
    auto before = h->server().stats();
    const std::string ref = "E2E-TRUNC-" + unique_suffix();
    Outcome post = h->call("thrive_create_user", new_user_params(ref));
    EXPECT_EQ(post.code(), "network_error") << post.raw;
    EXPECT_EQ(h->server().stats().requests, before.requests + 1);
    EXPECT_EQ(h->server().stats().writes_applied, before.writes_applied + 1);
}

// malformed_json: a complete 200 response whose body is not JSON. The
// transport succeeded; the response cannot be mapped: bad_response, with the
// HTTP status, and not retried (repeating would not make the body valid).
TEST_F(TransportE2E, MalformedJsonIsBadResponseAndNotRetried) {
    h->server().add_fault(fault(Fault::malformed_json));
    auto before = h->server().stats();
    Outcome o = h->call("thrive_list_tags", {});
    EXPECT_EQ(o.status, THRIVE_BAD_RESPONSE) << o.raw;
    EXPECT_EQ(o.code(), "bad_response");
    EXPECT_EQ(o.http_status(), 200) << o.raw;
    EXPECT_NE(o.message().find("not valid JSON"), std::string::npos) << o.raw;
    EXPECT_EQ(h->server().stats().requests, before.requests + 1);
}

TEST_F(TransportE2E, HtmlErrorPageIsHttpErrorWithThePageTitle) {
    // On a POST (never repeated on 502) the gateway page is reported as is.
    h->server().add_fault(fault(Fault::html_error));
    auto before = h->server().stats();
    Outcome o = h->call("thrive_create_user", new_user_params("E2E-HTML-" + unique_suffix()));
    EXPECT_EQ(o.status, THRIVE_HTTP_ERROR) << o.raw;
    EXPECT_EQ(o.code(), "http_error");
    EXPECT_EQ(o.http_status(), 502);
    EXPECT_NE(o.message().find("502 Bad Gateway"), std::string::npos) << o.raw;
    EXPECT_EQ(o.message().find("<html"), std::string::npos) << "the page itself is not pasted: " << o.raw;
    EXPECT_EQ(h->server().stats().requests, before.requests + 1);
    EXPECT_EQ(h->server().stats().writes_applied, before.writes_applied);

    // On a GET with retries off, the same.
    auto inst = h->make_instance(with_max_retries(0));
    h->server().add_fault(fault(Fault::html_error));
    Outcome g = Harness::call_on(*inst, "thrive_get_skill_levels", {});
    EXPECT_EQ(g.code(), "http_error") << g.raw;
    EXPECT_NE(g.message().find("502 Bad Gateway"), std::string::npos) << g.raw;
}

struct AsyncResult {
    std::mutex mu;
    std::condition_variable cv;
    int calls = 0;
    int status = -1;
    std::string json;
};

void on_done(void* user_data, int status, const char* result_json) {
    auto* r = static_cast<AsyncResult*>(user_data);
    std::lock_guard lock(r->mu);
    ++r->calls;
    r->status = status;
    r->json = result_json ? result_json : "";
    r->cv.notify_all();
}

TEST_F(TransportE2E, CancelDuringLatencyReportsCancelledWellBeforeTheLatency) {
    FaultSpec f = fault(Fault::latency);
    f.latency_ms = 20000;
    h->server().add_fault(f);
    const thrive_api_v1& api = plugin().api();
    AsyncResult result;
    thrive_call* call = nullptr;
    const auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(api.call_async(h->instance().raw(), "thrive_get_user_by_ref", R"({"ref": "EMP0001"})", on_done, &result,
                             &call),
              THRIVE_OK);
    ASSERT_NE(call, nullptr);
    // Wait until the request is at the stand-in (it counts it before the latency).
    for (int i = 0; i < 500 && h->server().stats().requests == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_EQ(h->server().stats().requests, 1u);
    api.call_cancel(call);
    {
        std::unique_lock lock(result.mu);
        ASSERT_TRUE(result.cv.wait_for(lock, std::chrono::seconds(5), [&] { return result.calls > 0; }))
            << "no callback within 5 s of the cancel (latency is 20 s)";
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(10));
    api.call_cancel(call);  // again, after completion: harmless
    api.call_release(call);
    std::lock_guard lock(result.mu);
    EXPECT_EQ(result.calls, 1);
    EXPECT_EQ(result.status, THRIVE_CANCELLED) << result.json;
    json::value env = json::parse(result.json);
    EXPECT_FALSE(env.at("success").as_bool());
    EXPECT_EQ(str(env.at("error"), "code"), "cancelled");
}

TEST_F(TransportE2E, AsyncCallCompletesWithTheSameEnvelope) {
    const thrive_api_v1& api = plugin().api();
    AsyncResult result;
    thrive_call* call = nullptr;
    ASSERT_EQ(api.call_async(h->instance().raw(), "thrive_get_user_by_ref", R"({"ref": "EMP0002"})", on_done, &result,
                             &call),
              THRIVE_OK);
    {
        std::unique_lock lock(result.mu);
        ASSERT_TRUE(result.cv.wait_for(lock, std::chrono::seconds(30), [&] { return result.calls > 0; }));
    }
    api.call_release(call);
    EXPECT_EQ(result.status, THRIVE_OK) << result.json;
    json::value env = json::parse(result.json);
    EXPECT_EQ(str(env.at("output").at("user"), "email"), sf::kPlusEmail);
}

TEST_F(TransportE2E, ManyAsyncCallsEachCompleteExactlyOnce) {
    constexpr int kCalls = 24;
    const thrive_api_v1& api = plugin().api();
    std::vector<AsyncResult> results(kCalls);
    std::vector<thrive_call*> handles(kCalls, nullptr);
    for (int i = 0; i < kCalls; ++i) {
        char params[48];
        std::snprintf(params, sizeof params, R"({"ref": "EMP%04d"})", 100 + i);
        ASSERT_EQ(api.call_async(h->instance().raw(), "thrive_get_user_by_ref", params, on_done, &results[i], &handles[i]),
                  THRIVE_OK);
    }
    for (int i = 0; i < kCalls; ++i) {
        std::unique_lock lock(results[i].mu);
        ASSERT_TRUE(results[i].cv.wait_for(lock, std::chrono::seconds(60), [&] { return results[i].calls > 0; })) << i;
    }
    for (int i = 0; i < kCalls; ++i) {
        api.call_release(handles[i]);
        std::lock_guard lock(results[i].mu);
        EXPECT_EQ(results[i].calls, 1);
        EXPECT_EQ(results[i].status, THRIVE_OK) << results[i].json;
        char ref[16];
        std::snprintf(ref, sizeof ref, "EMP%04d", 100 + i);
        EXPECT_EQ(str(json::parse(results[i].json).at("output").at("user"), "ref"), ref) << "each callback gets its own result";
    }
    EXPECT_EQ(h->server().stats().requests, static_cast<std::uint64_t>(kCalls));
}

TEST_F(TransportE2E, CancelRightAfterStartCompletesOnce) {
    const thrive_api_v1& api = plugin().api();
    AsyncResult result;
    thrive_call* call = nullptr;
    ASSERT_EQ(api.call_async(h->instance().raw(), "thrive_get_skill_levels", "{}", on_done, &result, &call), THRIVE_OK);
    api.call_cancel(call);
    api.call_release(call);
    {
        std::unique_lock lock(result.mu);
        ASSERT_TRUE(result.cv.wait_for(lock, std::chrono::seconds(30), [&] { return result.calls > 0; }));
    }
    std::lock_guard lock(result.mu);
    EXPECT_EQ(result.calls, 1);
    EXPECT_TRUE(result.status == THRIVE_CANCELLED || result.status == THRIVE_OK) << result.json;
}

TEST_F(TransportE2E, ManyThreadsOnOneInstanceAllSucceed) {
    constexpr int kThreads = 8, kCallsEach = 6;
    std::atomic<int> ok{0}, failed{0};
    std::vector<std::string> failures;
    std::mutex failures_mu;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCallsEach; ++i) {
                // A mix of reads and (distinct) writes on the one instance.
                cli::CallOutcome o;
                if (i % 3 == 2) {
                    std::string ref = "E2E-MT-" + std::to_string(t) + "-" + std::to_string(i) + "-" + unique_suffix();
                    o = h->instance().call("thrive_create_user", json::serialize(new_user_params(ref)));
                } else {
                    char ref[16];
                    std::snprintf(ref, sizeof ref, "EMP%04d", 10 + t * kCallsEach + i);
                    o = h->instance().call("thrive_get_user_by_ref", std::string(R"({"ref": ")") + ref + "\"}");
                }
                if (o.status == THRIVE_OK) {
                    ++ok;
                } else {
                    ++failed;
                    std::lock_guard lock(failures_mu);
                    failures.push_back(o.json);
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), kThreads * kCallsEach);
    EXPECT_EQ(failed.load(), 0) << (failures.empty() ? "" : failures.front());
    EXPECT_EQ(h->server().stats().writes_applied, static_cast<std::uint64_t>(kThreads * (kCallsEach / 3)));
}

TEST_F(TransportE2E, KeepAliveTwentySequentialCallsUseFewConnections) {
    auto before = h->server().stats();
    for (int i = 0; i < 20; ++i) {
        Outcome o = i % 2 ? h->call("thrive_get_skill_levels", {}) : h->call("thrive_get_user_by_ref", {{"ref", sf::kAdminRef}});
        ASSERT_TRUE(o.ok()) << o.raw;
    }
    auto after = h->server().stats();
    EXPECT_EQ(after.requests - before.requests, 20u);
    EXPECT_LE(after.connections - before.connections, 2u) << "connections are kept alive and reused";
    EXPECT_GE(after.connections - before.connections, 1u);
}

TEST_F(TransportE2E, KeepAliveSurvivesErrorAnswers) {
    auto before = h->server().stats();
    for (int i = 0; i < 10; ++i) {
        if (i % 2) {
            h->fails("thrive_get_user_by_ref", {{"ref", "NO-SUCH-" + std::to_string(i)}}, "not_found");
        } else {
            h->ok("thrive_get_user_by_ref", {{"ref", sf::kAdminRef}});
        }
    }
    auto after = h->server().stats();
    EXPECT_EQ(after.requests - before.requests, 10u);
    EXPECT_LE(after.connections - before.connections, 2u) << "a 404 does not cost a connection";
}

}  // namespace
}  // namespace thrive::e2e
