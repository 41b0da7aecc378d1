// HttpsTransport against the in-process TestServer on 127.0.0.1.
#include "net/https_transport.hpp"

#include "test_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace thrive::net {
namespace {

using namespace std::chrono_literals;
using testing::ReceivedRequest;
using testing::Reply;
using testing::TempFile;
using testing::TestServer;
using testing::test_pki;

constexpr const char* kSecret = "Basic c2VjcmV0LXRva2VuLTEyMzQ1";

TestServer::Options tls_server() {
    TestServer::Options o;
    o.tls = true;
    o.identity = test_pki().server;
    return o;
}

TestServer::Options plain_server() {
    TestServer::Options o;
    o.tls = false;
    return o;
}

Reply ok(std::string body = "ok") {
    Reply r;
    r.body = std::move(body);
    r.headers = {{"Content-Type", "text/plain"}};
    return r;
}

http::Request get(std::uint16_t port, std::string target = "/rest/v1/ping",
                  std::string host = "127.0.0.1") {
    http::Request r;
    r.method = "GET";
    r.host = std::move(host);
    r.port = port;
    r.tls = true;
    r.target = std::move(target);
    r.headers = {{"Authorization", kSecret}, {"Accept", "application/json"}};
    return r;
}

http::Request post(std::uint16_t port, std::string body) {
    http::Request r = get(port, "/rest/v1/users");
    r.method = "POST";
    r.body = std::move(body);
    r.headers.emplace_back("Content-Type", "application/json");
    return r;
}

// A transport that trusts only the test CA (through the CA file option).
class HttpsTransportTest : public ::testing::Test {
protected:
    HttpsTransportTest() : ca_file_(test_pki().ca.cert_pem) {}

    HttpsTransport::Options options() const {
        HttpsTransport::Options o;
        o.ca_file = ca_file_.path();
        o.connect_timeout = 5s;
        o.request_timeout = 20s;
        return o;
    }

    TransportResult send(HttpsTransport& t, const http::Request& r,
                         std::shared_ptr<CancelToken> cancel = nullptr) {
        return send_and_wait(t, r, cancel ? cancel : std::make_shared<CancelToken>());
    }

    void expect_no_secret(const TransportResult& r) {
        EXPECT_EQ(r.message.find("c2VjcmV0"), std::string::npos) << r.message;
        EXPECT_EQ(r.message.find("Authorization"), std::string::npos) << r.message;
    }

    TempFile ca_file_;
};

TEST_F(HttpsTransportTest, GetOverVerifiedTls) {
    TestServer server(tls_server(), [](const ReceivedRequest& r) {
        Reply reply = ok("hello " + r.target);
        reply.headers.emplace_back("X-Thing", "42");
        return reply;
    });
    HttpsTransport transport(options());
    auto result = send(transport, get(server.port(), "/rest/v1/users?page=2"));
    ASSERT_EQ(result.error, TransportError::none) << result.message;
    EXPECT_EQ(result.response.status, 200);
    EXPECT_EQ(result.response.body, "hello /rest/v1/users?page=2");
    ASSERT_NE(result.response.header("x-thing"), nullptr);
    EXPECT_EQ(*result.response.header("x-thing"), "42");

    auto seen = server.requests();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].method, "GET");
    EXPECT_EQ(seen[0].target, "/rest/v1/users?page=2");
    ASSERT_NE(seen[0].header("Host"), nullptr);
    EXPECT_EQ(*seen[0].header("Host"), "127.0.0.1:" + std::to_string(server.port()));
    ASSERT_NE(seen[0].header("User-Agent"), nullptr);
    EXPECT_FALSE(seen[0].header("User-Agent")->empty());
    ASSERT_NE(seen[0].header("Authorization"), nullptr);
    EXPECT_EQ(*seen[0].header("Authorization"), kSecret);
    EXPECT_EQ(seen[0].header("Content-Length"), nullptr);
    EXPECT_EQ(seen[0].sni, "") << "no SNI for an IP literal";
}

TEST_F(HttpsTransportTest, DnsNameGetsSniAndVerifies) {
    TestServer server(tls_server(), [](const ReceivedRequest&) { return ok(); });
    HttpsTransport transport(options());
    auto result = send(transport, get(server.port(), "/x", "localhost"));
    ASSERT_EQ(result.error, TransportError::none) << result.message;
    auto seen = server.requests();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].sni, "localhost");
}

TEST_F(HttpsTransportTest, PostAddsContentLengthAndKeepsCallerUserAgent) {
    TestServer server(tls_server(), [](const ReceivedRequest& r) { return ok(r.body); });
    HttpsTransport transport(options());
    auto request = post(server.port(), R"({"name":"x"})");
    request.headers.emplace_back("User-Agent", "custom/1");
    request.headers.emplace_back("Host", "evil.example");  // the transport owns Host
    auto result = send(transport, request);
    ASSERT_EQ(result.error, TransportError::none) << result.message;
    EXPECT_EQ(result.response.body, R"({"name":"x"})");
    auto seen = server.requests();
    ASSERT_EQ(seen.size(), 1u);
    ASSERT_NE(seen[0].header("Content-Length"), nullptr);
    EXPECT_EQ(*seen[0].header("Content-Length"), "12");
    EXPECT_EQ(*seen[0].header("User-Agent"), "custom/1");
    EXPECT_EQ(*seen[0].header("Host"), "127.0.0.1:" + std::to_string(server.port()));
}

TEST_F(HttpsTransportTest, UntrustedCaIsATlsVerificationError) {
    TestServer server(tls_server(), [](const ReceivedRequest&) { return ok(); });
    auto other_ca = certs::make_ca("Some Other CA");
    TempFile other(other_ca.cert_pem);
    auto o = options();
    o.ca_file = other.path();
    HttpsTransport transport(o);
    auto result = send(transport, get(server.port()));
    EXPECT_EQ(result.error, TransportError::tls);
    EXPECT_NE(result.message.find("verification failed"), std::string::npos) << result.message;
    EXPECT_TRUE(result.nothing_sent);
    expect_no_secret(result);
    EXPECT_EQ(server.request_count(), 0u);
}

TEST_F(HttpsTransportTest, SystemStoreAloneDoesNotTrustTestCa) {
    TestServer server(tls_server(), [](const ReceivedRequest&) { return ok(); });
    HttpsTransport transport(HttpsTransport::Options{});
    auto result = send(transport, get(server.port()));
    EXPECT_EQ(result.error, TransportError::tls);
    EXPECT_NE(result.message.find("verification failed"), std::string::npos) << result.message;
}

TEST_F(HttpsTransportTest, HostnameMismatchIsATlsError) {
    auto o = tls_server();
    o.identity = certs::issue_server_cert(test_pki().ca, "other", {"other.example"});
    TestServer server(o, [](const ReceivedRequest&) { return ok(); });
    HttpsTransport transport(options());
    auto result = send(transport, get(server.port()));
    EXPECT_EQ(result.error, TransportError::tls);
    EXPECT_NE(result.message.find("verification failed"), std::string::npos) << result.message;
    EXPECT_NE(result.message.find("does not match"), std::string::npos) << result.message;
    EXPECT_EQ(server.request_count(), 0u);
}

TEST_F(HttpsTransportTest, MissingCaFileThrowsAtConstruction) {
    auto o = options();
    o.ca_file = "/nonexistent/ca.pem";
    EXPECT_THROW(HttpsTransport{o}, std::runtime_error);
}

TEST_F(HttpsTransportTest, ConnectTimeoutWhenHandshakeNeverHappens) {
    auto so = tls_server();
    so.stall_after_accept = true;
    TestServer server(so, nullptr);
    auto o = options();
    o.connect_timeout = 300ms;
    HttpsTransport transport(o);
    auto result = send(transport, get(server.port()));
    EXPECT_EQ(result.error, TransportError::timeout);
    EXPECT_TRUE(result.nothing_sent);
    EXPECT_NE(result.message.find("connecting"), std::string::npos) << result.message;
    expect_no_secret(result);
}

TEST_F(HttpsTransportTest, ConnectionRefusedIsNetworkAndNothingSent) {
    std::uint16_t port;
    {
        TestServer server(plain_server(), nullptr);
        port = server.port();
    }  // closed: nothing listens there now
    HttpsTransport transport(options());
    auto request = get(port);
    request.tls = false;
    auto result = send(transport, request);
    EXPECT_EQ(result.error, TransportError::network);
    EXPECT_TRUE(result.nothing_sent);
}

TEST_F(HttpsTransportTest, SlowServerTimesOut) {
    TestServer server(tls_server(), [](const ReceivedRequest&) {
        Reply r = ok();
        r.delay = 30s;  // cut short when the server stops
        return r;
    });
    auto o = options();
    o.request_timeout = 500ms;
    HttpsTransport transport(o);
    auto result = send(transport, get(server.port()));
    EXPECT_EQ(result.error, TransportError::timeout);
    EXPECT_FALSE(result.nothing_sent);
    expect_no_secret(result);
}

TEST_F(HttpsTransportTest, CancelMidRequestReturnsQuickly) {
    TestServer server(tls_server(), [](const ReceivedRequest&) {
        Reply r = ok();
        r.delay = 30s;
        return r;
    });
    HttpsTransport transport(options());
    auto cancel = std::make_shared<CancelToken>();
    std::promise<TransportResult> promise;
    auto future = promise.get_future();
    transport.send(post(server.port(), "{}"), cancel,
                   [&promise](TransportResult r) { promise.set_value(std::move(r)); });
    ASSERT_TRUE(server.wait_for_requests(1, 10s));
    const auto started = std::chrono::steady_clock::now();
    cancel->cancel();
    ASSERT_EQ(future.wait_for(5s), std::future_status::ready) << "cancel did not return in 5 s";
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    auto result = future.get();
    EXPECT_EQ(result.error, TransportError::cancelled);
    EXPECT_FALSE(result.nothing_sent);
}

TEST_F(HttpsTransportTest, AlreadyCancelledTokenNeverConnects) {
    TestServer server(tls_server(), [](const ReceivedRequest&) { return ok(); });
    HttpsTransport transport(options());
    auto cancel = std::make_shared<CancelToken>();
    cancel->cancel();
    auto result = send(transport, get(server.port()), cancel);
    EXPECT_EQ(result.error, TransportError::cancelled);
    EXPECT_EQ(server.request_count(), 0u);
}

TEST_F(HttpsTransportTest, ResponseOverCapIsTooLarge) {
    TestServer server(tls_server(), [](const ReceivedRequest&) {
        return ok(std::string(1024 * 1024, 'x'));
    });
    auto o = options();
    o.max_response_bytes = 64 * 1024;
    HttpsTransport transport(o);
    auto result = send(transport, get(server.port()));
    EXPECT_EQ(result.error, TransportError::too_large);
    expect_no_secret(result);

    // Exactly at the cap is fine.
    TestServer exact(tls_server(), [](const ReceivedRequest&) {
        return ok(std::string(64 * 1024, 'y'));
    });
    auto fits = send(transport, get(exact.port()));
    ASSERT_EQ(fits.error, TransportError::none) << fits.message;
    EXPECT_EQ(fits.response.body.size(), 64u * 1024u);
}

TEST_F(HttpsTransportTest, KeepAliveReusesOneConnection) {
    TestServer server(tls_server(), [](const ReceivedRequest&) { return ok(); });
    HttpsTransport transport(options());
    for (int i = 0; i < 5; ++i) {
        auto result = send(transport, get(server.port(), "/n/" + std::to_string(i)));
        ASSERT_EQ(result.error, TransportError::none) << result.message;
    }
    EXPECT_EQ(server.accepted(), 1);
    EXPECT_EQ(server.request_count(), 5u);
    EXPECT_EQ(transport.idle_connections(), 1u);
}

TEST_F(HttpsTransportTest, IdleConnectionsOlderThanMaxAgeAreNotReused) {
    TestServer server(tls_server(), [](const ReceivedRequest&) { return ok(); });
    auto o = options();
    o.idle_max_age = 0ms;
    HttpsTransport transport(o);
    for (int i = 0; i < 2; ++i)
        ASSERT_EQ(send(transport, get(server.port())).error, TransportError::none);
    EXPECT_EQ(server.accepted(), 2);
}

TEST_F(HttpsTransportTest, ExpiredIdleConnectionsAreClosedWithoutNewTraffic) {
    TestServer server(tls_server(), [](const ReceivedRequest&) { return ok(); });
    auto o = options();
    o.idle_max_age = 100ms;
    HttpsTransport transport(o);
    ASSERT_EQ(send(transport, get(server.port())).error, TransportError::none);
    // The sweeper closes it; the server sees the connection go away.
    EXPECT_TRUE(server.wait_for_no_connections(5s));
    EXPECT_EQ(transport.idle_connections(), 0u);
}

TEST_F(HttpsTransportTest, ConnectionCloseResponseIsNotPooled) {
    TestServer server(tls_server(), [](const ReceivedRequest&) {
        Reply r = ok();
        r.close_after = true;
        return r;
    });
    HttpsTransport transport(options());
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(send(transport, get(server.port())).error, TransportError::none);
    EXPECT_EQ(server.accepted(), 3);
    EXPECT_EQ(transport.idle_connections(), 0u);
}

TEST_F(HttpsTransportTest, ServerClosedIdleConnectionThenPostIsSentExactlyOnce) {
    TestServer server(tls_server(), [](const ReceivedRequest& r) { return ok(r.method); });
    HttpsTransport transport(options());
    ASSERT_EQ(send(transport, get(server.port())).error, TransportError::none);
    ASSERT_EQ(server.accepted(), 1);

    server.close_connections();  // the server's idle timeout fires
    ASSERT_TRUE(server.wait_for_no_connections(5s));
    std::this_thread::sleep_for(100ms);  // let the FIN reach the client socket

    auto result = send(transport, post(server.port(), R"({"a":1})"));
    ASSERT_EQ(result.error, TransportError::none) << result.message;
    EXPECT_EQ(result.response.body, "POST");
    int posts = 0;
    for (const auto& r : server.requests()) posts += r.method == "POST";
    EXPECT_EQ(posts, 1);
    EXPECT_EQ(server.accepted(), 2);
}

TEST_F(HttpsTransportTest, PostOnReusedConnectionThatDropsIsNotResent) {
    TestServer server(tls_server(), [](const ReceivedRequest& r) {
        Reply reply = ok();
        reply.drop = r.method == "POST";  // read it, then hang up without answering
        return reply;
    });
    HttpsTransport transport(options());
    ASSERT_EQ(send(transport, get(server.port())).error, TransportError::none);
    auto result = send(transport, post(server.port(), "{}"));
    EXPECT_EQ(result.error, TransportError::network);
    EXPECT_FALSE(result.nothing_sent);
    expect_no_secret(result);
    int posts = 0;
    for (const auto& r : server.requests()) posts += r.method == "POST";
    EXPECT_EQ(posts, 1);
}

TEST_F(HttpsTransportTest, GetOnReusedConnectionThatDropsIsRetriedOnceOnAFreshOne) {
    std::atomic<int> drops{1};
    TestServer server(tls_server(), [&drops](const ReceivedRequest& r) {
        Reply reply = ok();
        reply.drop = r.target == "/second" && drops.fetch_sub(1) > 0;
        return reply;
    });
    HttpsTransport transport(options());
    ASSERT_EQ(send(transport, get(server.port(), "/first")).error, TransportError::none);
    auto result = send(transport, get(server.port(), "/second"));
    ASSERT_EQ(result.error, TransportError::none) << result.message;
    EXPECT_EQ(server.accepted(), 2);
    EXPECT_EQ(server.request_count(), 3u);
}

TEST_F(HttpsTransportTest, GetIsRetriedOnlyOnce) {
    TestServer server(tls_server(), [](const ReceivedRequest& r) {
        Reply reply = ok();
        reply.drop = r.target == "/always-drops";
        return reply;
    });
    HttpsTransport transport(options());
    ASSERT_EQ(send(transport, get(server.port(), "/first")).error, TransportError::none);
    auto result = send(transport, get(server.port(), "/always-drops"));
    EXPECT_EQ(result.error, TransportError::network);
    EXPECT_FALSE(result.nothing_sent);
    EXPECT_EQ(server.request_count(), 3u);  // /first, then /always-drops twice
}

TEST_F(HttpsTransportTest, PlainHttpMode) {
    TestServer server(plain_server(), [](const ReceivedRequest& r) { return ok(r.target); });
    HttpsTransport transport(options());
    auto request = get(server.port(), "/plain");
    request.tls = false;
    for (int i = 0; i < 3; ++i) {
        auto result = send(transport, request);
        ASSERT_EQ(result.error, TransportError::none) << result.message;
        EXPECT_EQ(result.response.body, "/plain");
    }
    EXPECT_EQ(server.accepted(), 1);
    EXPECT_EQ(*server.requests()[0].header("Host"), "127.0.0.1:" + std::to_string(server.port()));
}

TEST_F(HttpsTransportTest, GarbageIsBadResponse) {
    TestServer server(plain_server(), [](const ReceivedRequest&) {
        Reply r;
        r.raw = "this is not HTTP\r\n\r\n";
        return r;
    });
    HttpsTransport transport(options());
    auto request = get(server.port());
    request.tls = false;
    auto result = send(transport, request);
    EXPECT_EQ(result.error, TransportError::bad_response) << result.message;
}

TEST_F(HttpsTransportTest, TlsClientAgainstPlainServerFailsBeforeSending) {
    TestServer server(plain_server(), [](const ReceivedRequest&) { return ok(); });
    HttpsTransport transport(options());
    auto result = send(transport, get(server.port()));
    EXPECT_NE(result.error, TransportError::none);
    EXPECT_TRUE(result.nothing_sent);
}

TEST_F(HttpsTransportTest, HeaderInjectionIsRefusedBeforeConnecting) {
    TestServer server(tls_server(), [](const ReceivedRequest&) { return ok(); });
    HttpsTransport transport(options());
    auto request = get(server.port());
    request.headers.emplace_back("X-Evil", "a\r\nX-Injected: 1");
    auto result = send(transport, request);
    EXPECT_NE(result.error, TransportError::none);
    EXPECT_EQ(result.message.find("X-Injected"), std::string::npos) << result.message;
    EXPECT_EQ(server.accepted(), 0);
}

TEST_F(HttpsTransportTest, ConcurrentSendsFromSeveralThreads) {
    TestServer server(tls_server(), [](const ReceivedRequest& r) { return ok(r.target); });
    HttpsTransport transport(options());
    constexpr int kThreads = 6, kEach = 8;
    std::atomic<int> good{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const std::string target = "/t" + std::to_string(t) + "/" + std::to_string(i);
                auto result = send_and_wait(transport, get(server.port(), target),
                                            std::make_shared<CancelToken>());
                if (result.error == TransportError::none && result.response.body == target)
                    ++good;
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(good.load(), kThreads * kEach);
    EXPECT_EQ(server.request_count(), static_cast<std::size_t>(kThreads * kEach));
    EXPECT_LE(transport.idle_connections(), 4u);  // max_idle_per_host
}

TEST_F(HttpsTransportTest, DestructorCancelsOutstandingRequests) {
    TestServer server(tls_server(), [](const ReceivedRequest&) {
        Reply r = ok();
        r.delay = 30s;
        return r;
    });
    std::promise<TransportResult> promise;
    auto future = promise.get_future();
    {
        HttpsTransport transport(options());
        transport.send(get(server.port()), std::make_shared<CancelToken>(),
                       [&promise](TransportResult r) { promise.set_value(std::move(r)); });
        ASSERT_TRUE(server.wait_for_requests(1, 10s));
    }
    ASSERT_EQ(future.wait_for(0s), std::future_status::ready);
    EXPECT_EQ(future.get().error, TransportError::cancelled);
}

TEST(TransportErrorTest, NamesAreStable) {
    EXPECT_STREQ(to_string(TransportError::none), "none");
    EXPECT_STREQ(to_string(TransportError::cancelled), "cancelled");
    EXPECT_STREQ(to_string(TransportError::timeout), "timeout");
    EXPECT_STREQ(to_string(TransportError::tls), "tls");
    EXPECT_STREQ(to_string(TransportError::network), "network");
    EXPECT_STREQ(to_string(TransportError::too_large), "too_large");
    EXPECT_STREQ(to_string(TransportError::bad_response), "bad_response");
}

}  // namespace
}  // namespace thrive::net
