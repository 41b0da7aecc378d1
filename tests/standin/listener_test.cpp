// The transport alone (HttpListener with a tiny handler), over raw sockets:
// Expect: 100-continue, idle keep-alive timeout, raw status codes.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "http_server.hpp"

namespace thrive::standin {
namespace {

class RawSocket {
public:
    explicit RawSocket(std::uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        timeval tv{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~RawSocket() { ::close(fd_); }
    bool connected() const { return connected_; }
    void send(const std::string& data) { ASSERT_EQ(::send(fd_, data.data(), data.size(), MSG_NOSIGNAL), ssize_t(data.size())); }
    // Reads until `needle` was seen, the peer closed, or the timeout hit.
    std::string read_until(const std::string& needle) {
        std::string out;
        char buf[4096];
        while (out.find(needle) == std::string::npos) {
            ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            out.append(buf, static_cast<std::size_t>(n));
        }
        return out;
    }
    // True when the peer closed the connection (recv returned 0 or reset).
    bool closed_by_peer() {
        char c;
        ssize_t n = ::recv(fd_, &c, 1, 0);
        return n == 0 || (n < 0 && errno == ECONNRESET);
    }

private:
    int fd_ = -1;
    bool connected_ = false;
};

HttpResponse echo(const HttpRequest& req) {
    HttpResponse r;
    if (req.target == "/teapot") {
        r.status = 418;
        r.body = "{}";
        return r;
    }
    r.body = "{\"method\":\"" + req.method + "\",\"length\":" + std::to_string(req.body.size()) + "}";
    return r;
}

TEST(Listener, AnswersExpectContinueBeforeTheBody) {
    ListenerConfig config;
    HttpListener listener(config, echo, nullptr);
    listener.start();
    RawSocket s(listener.port());
    ASSERT_TRUE(s.connected());
    std::string body(3000, 'x');
    s.send("POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3000\r\nExpect: 100-continue\r\n\r\n");
    auto interim = s.read_until("\r\n\r\n");
    EXPECT_EQ(interim.rfind("HTTP/1.1 100 Continue", 0), 0u) << interim;
    s.send(body);
    auto final_answer = s.read_until("}");
    EXPECT_NE(final_answer.find("HTTP/1.1 200"), std::string::npos) << final_answer;
    EXPECT_NE(final_answer.find("\"length\":3000"), std::string::npos) << final_answer;
}

TEST(Listener, PassesStatusCodesThrough) {
    HttpListener listener(ListenerConfig{}, echo, nullptr);
    listener.start();
    RawSocket s(listener.port());
    s.send("GET /teapot HTTP/1.1\r\nHost: localhost\r\n\r\n");
    EXPECT_EQ(s.read_until("{}").rfind("HTTP/1.1 418 ", 0), 0u);
}

TEST(Listener, ClosesIdleKeepAliveConnections) {
    ListenerConfig config;
    config.idle_timeout_ms = 400;
    int connections = 0;
    HttpListener listener(config, echo, [&] { ++connections; });
    listener.start();
    RawSocket s(listener.port());
    s.send("GET /a HTTP/1.1\r\nHost: localhost\r\n\r\n");
    EXPECT_NE(s.read_until("}").find("200 OK"), std::string::npos);
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(s.closed_by_peer());
    auto waited = std::chrono::steady_clock::now() - t0;
    EXPECT_GE(waited, std::chrono::milliseconds(300));
    EXPECT_LT(waited, std::chrono::milliseconds(3000));
    // A busy connection is not cut: requests within the timeout keep it open.
    RawSocket busy(listener.port());
    for (int i = 0; i < 4; ++i) {
        busy.send("GET /b HTTP/1.1\r\nHost: localhost\r\n\r\n");
        EXPECT_NE(busy.read_until("}").find("200 OK"), std::string::npos) << i;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(connections, 2);
}

TEST(Listener, BindsToAHostNameOrRefuses) {
    ListenerConfig config;
    config.bind_address = "localhost";
    HttpListener by_name(config, echo, nullptr);
    EXPECT_NO_THROW(by_name.start());
    EXPECT_NE(by_name.port(), 0);
    ListenerConfig taken;
    taken.port = by_name.port();
    taken.bind_address = "127.0.0.1";
    HttpListener clash(taken, echo, nullptr);
    EXPECT_THROW(clash.start(), std::runtime_error);
}

TEST(Listener, StopEndsOpenConnections) {
    HttpListener listener(ListenerConfig{}, echo, nullptr);
    listener.start();
    RawSocket s(listener.port());
    s.send("GET /a HTTP/1.1\r\nHost: localhost\r\n\r\n");
    s.read_until("}");
    auto t0 = std::chrono::steady_clock::now();
    listener.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
    EXPECT_TRUE(s.closed_by_peer());
    RawSocket refused(listener.port());
    EXPECT_FALSE(refused.connected());
}

}  // namespace
}  // namespace thrive::standin
