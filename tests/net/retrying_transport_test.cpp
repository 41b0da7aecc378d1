// RetryingTransport with a scripted fake Transport, fixed jitter and a
// recording sleeper: no real sleeping, no network.
#include "net/retrying_transport.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace thrive::net {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

constexpr const char* kSecret = "Bearer very-secret-token";

// Replays scripted results in order (the last one repeats).
class FakeTransport final : public Transport {
public:
    explicit FakeTransport(std::vector<TransportResult> script) : script_(std::move(script)) {}

    void send(const http::Request& request, std::shared_ptr<CancelToken> cancel,
              Completion done) override {
        TransportResult r;
        {
            std::lock_guard lock(mutex_);
            ++calls_;
            last_method_ = request.method;
            tokens_.push_back(cancel.get());
            r = script_.empty() ? TransportResult{} : script_.front();
            if (script_.size() > 1) script_.erase(script_.begin());
        }
        if (on_send) on_send(calls_);
        done(std::move(r));
    }

    int calls() const {
        std::lock_guard lock(mutex_);
        return calls_;
    }
    std::vector<CancelToken*> tokens() const {
        std::lock_guard lock(mutex_);
        return tokens_;
    }

    std::function<void(int)> on_send;

private:
    mutable std::mutex mutex_;
    std::vector<TransportResult> script_;
    int calls_ = 0;
    std::string last_method_;
    std::vector<CancelToken*> tokens_;
};

TransportResult status(int code, http::Headers headers = {}) {
    TransportResult r;
    r.response.status = code;
    r.response.headers = std::move(headers);
    r.response.body = "body " + std::to_string(code);
    return r;
}

TransportResult failure(TransportError e, bool nothing_sent) {
    TransportResult r;
    r.error = e;
    r.nothing_sent = nothing_sent;
    r.message = std::string("fake ") + to_string(e);
    return r;
}

http::Request request(std::string method) {
    http::Request r;
    r.method = std::move(method);
    r.host = "example.thrive.test";
    r.target = "/rest/v1/users";
    r.headers = {{"Authorization", kSecret}};
    if (r.method != "GET") r.body = "{}";
    return r;
}

const system_clock::time_point kNow = sys_days{year{2026} / March / 1} + 12h;

struct Harness {
    std::vector<milliseconds> sleeps;
    std::vector<RetryEvent> events;
    double jitter = 0.5;

    RetryPolicy policy() {
        RetryPolicy p;
        p.jitter = [this] { return jitter; };
        p.sleep = [this](milliseconds d, CancelToken&) {
            sleeps.push_back(d);
            return true;
        };
        p.now = [] { return kNow; };
        return p;
    }

    TransportResult run(std::shared_ptr<Transport> inner, const http::Request& req,
                        RetryPolicy p, std::shared_ptr<CancelToken> cancel = nullptr) {
        RetryingTransport retrying(std::move(inner), std::move(p),
                                   [this](const RetryEvent& e) { events.push_back(e); });
        int calls = 0;
        TransportResult out;
        retrying.send(req, cancel ? cancel : std::make_shared<CancelToken>(),
                      [&](TransportResult r) {
                          ++calls;
                          out = std::move(r);
                      });
        EXPECT_EQ(calls, 1) << "done must be called exactly once";
        return out;
    }
    TransportResult run(std::shared_ptr<Transport> inner, const http::Request& req) {
        return run(std::move(inner), req, policy());
    }
};

TEST(RetryingTransportTest, SuccessIsReturnedAtOnce) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(std::vector{status(200)});
    auto r = h.run(fake, request("GET"));
    EXPECT_EQ(r.response.status, 200);
    EXPECT_EQ(fake->calls(), 1);
    EXPECT_TRUE(h.sleeps.empty());
    ASSERT_EQ(h.events.size(), 1u);
    EXPECT_FALSE(h.events[0].will_retry);
}

TEST(RetryingTransportTest, Status429HonoursRetryAfterSeconds) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{status(429, {{"retry-after", "2"}}), status(201)});
    auto r = h.run(fake, request("POST"));  // 429 means "not processed": any method
    EXPECT_EQ(r.response.status, 201);
    EXPECT_EQ(fake->calls(), 2);
    ASSERT_EQ(h.sleeps.size(), 1u);
    EXPECT_EQ(h.sleeps[0], 2000ms);
}

TEST(RetryingTransportTest, Status429HonoursRetryAfterHttpDate) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{status(429, {{"Retry-After", "Sun, 01 Mar 2026 12:00:05 GMT"}}), status(200)});
    auto r = h.run(fake, request("GET"));
    EXPECT_EQ(r.response.status, 200);
    ASSERT_EQ(h.sleeps.size(), 1u);
    EXPECT_EQ(h.sleeps[0], 5000ms);
}

TEST(RetryingTransportTest, RetryAfterAboveCapGivesUpWithThe429) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{status(429, {{"Retry-After", "120"}}), status(200)});
    auto r = h.run(fake, request("GET"));
    EXPECT_EQ(r.error, TransportError::none);
    EXPECT_EQ(r.response.status, 429);
    EXPECT_EQ(fake->calls(), 1);
    EXPECT_TRUE(h.sleeps.empty());
    ASSERT_EQ(h.events.size(), 1u);
    EXPECT_NE(h.events[0].reason.find("Retry-After"), std::string::npos);
}

TEST(RetryingTransportTest, RetryAfterCapIsConfigurable) {
    Harness h;
    auto p = h.policy();
    p.max_retry_after = 200s;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{status(429, {{"Retry-After", "120"}}), status(200)});
    auto r = h.run(fake, request("GET"), p);
    EXPECT_EQ(r.response.status, 200);
    ASSERT_EQ(h.sleeps.size(), 1u);
    EXPECT_EQ(h.sleeps[0], 120s);
}

TEST(RetryingTransportTest, Status429WithoutRetryAfterBacksOffExponentiallyWithJitter) {
    Harness h;
    h.jitter = 0.0;  // factor 0.5
    auto fake = std::make_shared<FakeTransport>(
        std::vector{status(429), status(429), status(429), status(200)});
    auto r = h.run(fake, request("GET"));
    EXPECT_EQ(r.response.status, 200);
    EXPECT_EQ(h.sleeps, (std::vector<milliseconds>{125ms, 250ms, 500ms}));
}

TEST(RetryingTransportTest, JitterScalesBetweenHalfAndFullBackoff) {
    Harness h;
    h.jitter = 0.999;
    auto fake = std::make_shared<FakeTransport>(std::vector{status(503), status(200)});
    h.run(fake, request("GET"));
    ASSERT_EQ(h.sleeps.size(), 1u);
    EXPECT_GE(h.sleeps[0], 249ms);
    EXPECT_LE(h.sleeps[0], 250ms);
}

TEST(RetryingTransportTest, BackoffIsCappedAtMaxBackoff) {
    Harness h;
    h.jitter = 0.999;
    auto p = h.policy();
    p.max_retries = 8;
    p.max_backoff = 1000ms;
    auto fake = std::make_shared<FakeTransport>(std::vector{status(502)});
    auto r = h.run(fake, request("GET"), p);
    EXPECT_EQ(r.response.status, 502);
    ASSERT_EQ(h.sleeps.size(), 8u);
    for (auto d : h.sleeps) EXPECT_LE(d, 1000ms);
    EXPECT_GE(h.sleeps.back(), 999ms);
}

TEST(RetryingTransportTest, OutOfRangeJitterIsClamped) {
    for (double j : {-3.0, 7.0, std::numeric_limits<double>::quiet_NaN()}) {
        Harness h;
        h.jitter = j;
        auto fake = std::make_shared<FakeTransport>(std::vector{status(504), status(200)});
        h.run(fake, request("GET"));
        ASSERT_EQ(h.sleeps.size(), 1u);
        EXPECT_GE(h.sleeps[0], 125ms);
        EXPECT_LE(h.sleeps[0], 250ms);
    }
}

TEST(RetryingTransportTest, PostIsNotRetriedAfterPostSendNetworkFailure) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{failure(TransportError::network, false), status(201)});
    auto r = h.run(fake, request("POST"));
    EXPECT_EQ(r.error, TransportError::network);
    EXPECT_EQ(fake->calls(), 1);
    EXPECT_TRUE(h.sleeps.empty());
}

TEST(RetryingTransportTest, PostIsNotRetriedAfterPostSendTimeout) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{failure(TransportError::timeout, false), status(201)});
    auto r = h.run(fake, request("PATCH"));
    EXPECT_EQ(r.error, TransportError::timeout);
    EXPECT_EQ(fake->calls(), 1);
}

TEST(RetryingTransportTest, PostIsRetriedWhenNothingWasSent) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(std::vector{
        failure(TransportError::network, true), failure(TransportError::timeout, true),
        status(201)});
    auto r = h.run(fake, request("POST"));
    EXPECT_EQ(r.error, TransportError::none);
    EXPECT_EQ(r.response.status, 201);
    EXPECT_EQ(fake->calls(), 3);
}

TEST(RetryingTransportTest, GetIsRetriedAfterPostSendNetworkFailure) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{failure(TransportError::network, false), status(200)});
    auto r = h.run(fake, request("GET"));
    EXPECT_EQ(r.response.status, 200);
    EXPECT_EQ(fake->calls(), 2);
}

TEST(RetryingTransportTest, GetIsRetriedOn503AndHonoursRetryAfter) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{status(503, {{"Retry-After", "3"}}), status(503), status(200)});
    auto r = h.run(fake, request("GET"));
    EXPECT_EQ(r.response.status, 200);
    ASSERT_EQ(h.sleeps.size(), 2u);
    EXPECT_EQ(h.sleeps[0], 3s);
    EXPECT_EQ(h.sleeps[1], milliseconds(375));  // 500 ms * (0.5 + 0.5 * 0.5)
}

TEST(RetryingTransportTest, NonGetIsNotRetriedOn5xx) {
    for (int code : {502, 503, 504}) {
        Harness h;
        auto fake = std::make_shared<FakeTransport>(std::vector{status(code), status(200)});
        auto r = h.run(fake, request("DELETE"));
        EXPECT_EQ(r.response.status, code);
        EXPECT_EQ(fake->calls(), 1);
    }
}

TEST(RetryingTransportTest, OtherStatusesAreReturned) {
    for (int code : {400, 401, 403, 404, 409, 422, 500}) {
        Harness h;
        auto fake = std::make_shared<FakeTransport>(std::vector{status(code), status(200)});
        auto r = h.run(fake, request("GET"));
        EXPECT_EQ(r.response.status, code);
        EXPECT_EQ(fake->calls(), 1);
    }
}

TEST(RetryingTransportTest, TlsFailuresAreNeverRetried) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{failure(TransportError::tls, true), status(200)});
    auto r = h.run(fake, request("GET"));
    EXPECT_EQ(r.error, TransportError::tls);
    EXPECT_EQ(fake->calls(), 1);
}

TEST(RetryingTransportTest, TooLargeAndBadResponseAreNotRetried) {
    for (auto e : {TransportError::too_large, TransportError::bad_response}) {
        Harness h;
        auto fake = std::make_shared<FakeTransport>(std::vector{failure(e, false), status(200)});
        auto r = h.run(fake, request("GET"));
        EXPECT_EQ(r.error, e);
        EXPECT_EQ(fake->calls(), 1);
    }
}

TEST(RetryingTransportTest, GivesUpAfterMaxRetriesWithTheLastResult) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(std::vector{status(503)});
    auto r = h.run(fake, request("GET"));
    EXPECT_EQ(r.response.status, 503);
    EXPECT_EQ(fake->calls(), 4);  // 1 + max_retries (3)
    EXPECT_EQ(h.sleeps.size(), 3u);
    ASSERT_EQ(h.events.size(), 4u);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(h.events[i].will_retry);
    EXPECT_FALSE(h.events[3].will_retry);
    EXPECT_NE(h.events[3].reason.find("exhausted"), std::string::npos);
    EXPECT_EQ(h.events[3].attempt, 4);
}

TEST(RetryingTransportTest, ZeroRetriesMeansOneAttempt) {
    Harness h;
    auto p = h.policy();
    p.max_retries = 0;
    auto fake = std::make_shared<FakeTransport>(std::vector{status(429), status(200)});
    auto r = h.run(fake, request("GET"), p);
    EXPECT_EQ(r.response.status, 429);
    EXPECT_EQ(fake->calls(), 1);
}

TEST(RetryingTransportTest, CancelledResultStops) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{failure(TransportError::cancelled, false), status(200)});
    auto r = h.run(fake, request("GET"));
    EXPECT_EQ(r.error, TransportError::cancelled);
    EXPECT_EQ(fake->calls(), 1);
}

TEST(RetryingTransportTest, CancelDuringBackoffStops) {
    Harness h;
    auto p = h.policy();
    p.sleep = [](milliseconds, CancelToken& token) {
        token.cancel();  // someone cancels while we wait
        return false;
    };
    auto fake = std::make_shared<FakeTransport>(std::vector{status(503), status(200)});
    auto r = h.run(fake, request("GET"), p);
    EXPECT_EQ(r.error, TransportError::cancelled);
    EXPECT_EQ(fake->calls(), 1);
}

TEST(RetryingTransportTest, AlreadyCancelledNeverSends) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(std::vector{status(200)});
    auto cancel = std::make_shared<CancelToken>();
    cancel->cancel();
    auto r = h.run(fake, request("GET"), h.policy(), cancel);
    EXPECT_EQ(r.error, TransportError::cancelled);
    EXPECT_EQ(fake->calls(), 0);
}

TEST(RetryingTransportTest, SameCancelTokenIsPassedDown) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(std::vector{status(503), status(200)});
    auto cancel = std::make_shared<CancelToken>();
    h.run(fake, request("GET"), h.policy(), cancel);
    auto tokens = fake->tokens();
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0], cancel.get());
    EXPECT_EQ(tokens[1], cancel.get());
}

TEST(RetryingTransportTest, NullCancelTokenIsAccepted) {
    auto fake = std::make_shared<FakeTransport>(std::vector{status(200)});
    RetryingTransport retrying(fake);
    auto r = send_and_wait(retrying, request("GET"), nullptr);
    EXPECT_EQ(r.response.status, 200);
}

TEST(RetryingTransportTest, EventsCarryNoRequestSecrets) {
    Harness h;
    auto fake = std::make_shared<FakeTransport>(
        std::vector{failure(TransportError::network, true), status(429), status(200)});
    h.run(fake, request("POST"));
    ASSERT_EQ(h.events.size(), 3u);
    EXPECT_EQ(h.events[0].error, TransportError::network);
    EXPECT_EQ(h.events[1].status, 429);
    EXPECT_EQ(h.events[2].status, 200);
    for (const auto& e : h.events) {
        EXPECT_EQ(e.reason.find("secret"), std::string::npos);
        EXPECT_EQ(e.message.find("secret"), std::string::npos);
    }
}

TEST(RetryingTransportTest, DefaultJitterStaysInRange) {
    std::vector<milliseconds> sleeps;
    RetryPolicy p;
    p.max_retries = 50;
    p.sleep = [&](milliseconds d, CancelToken&) {
        sleeps.push_back(d);
        return true;
    };
    auto fake = std::make_shared<FakeTransport>(std::vector{status(429)});
    RetryingTransport retrying(fake, p);
    send_and_wait(retrying, request("GET"), std::make_shared<CancelToken>());
    ASSERT_EQ(sleeps.size(), 50u);
    EXPECT_GE(sleeps[0], 125ms);
    EXPECT_LE(sleeps[0], 250ms);
    for (auto d : sleeps) EXPECT_LE(d, 8000ms);
}

TEST(DefaultSleeperTest, CancelWakesALongSleep) {
    auto token = std::make_shared<CancelToken>();
    std::thread canceller([token] {
        std::this_thread::sleep_for(50ms);
        token->cancel();
    });
    const auto start = steady_clock::now();
    const bool completed = sleep_unless_cancelled(10min, *token);
    canceller.join();
    EXPECT_FALSE(completed);
    EXPECT_LT(steady_clock::now() - start, 5s);
}

TEST(DefaultSleeperTest, ShortSleepCompletes) {
    CancelToken token;
    EXPECT_TRUE(sleep_unless_cancelled(1ms, token));
    // The handler is cleared again: a later cancel is harmless.
    token.cancel();
    EXPECT_FALSE(sleep_unless_cancelled(1ms, token));
}

}  // namespace
}  // namespace thrive::net
