// A small in-process HTTP/HTTPS server for the transport tests: synchronous
// Beast, one thread for accepting and one per connection, 127.0.0.1, port 0.
// Beast stays inside test_server.cpp.
#pragma once

#include "certs/cert_authority.hpp"
#include "http/http_types.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace thrive::testing {

struct ReceivedRequest {
    std::string method;
    std::string target;
    http::Headers headers;
    std::string body;
    int connection = 0;  // 1-based number of the connection it came on
    std::string sni;     // TLS server name the client sent ("" if none / plain)

    const std::string* header(const std::string& name) const;  // case-insensitive
};

struct Reply {
    int status = 200;
    http::Headers headers;
    std::string body;
    // Wait this long before answering (cut short when the server stops or
    // its connections are closed).
    std::chrono::milliseconds delay{0};
    bool drop = false;         // close the connection instead of answering
    bool close_after = false;  // answer with "Connection: close", then close
    std::optional<std::string> raw;  // write these bytes instead of a response
};

class TestServer {
public:
    struct Options {
        bool tls = true;
        certs::KeyAndCert identity;  // server key + certificate (TLS only)
        // Accept TCP connections but never read from them (no TLS handshake).
        bool stall_after_accept = false;
    };
    using Handler = std::function<Reply(const ReceivedRequest&)>;

    TestServer(Options options, Handler handler);
    ~TestServer();

    std::uint16_t port() const;
    int accepted() const;          // TCP connections accepted so far
    int open_connections() const;  // connections whose thread still runs
    std::vector<ReceivedRequest> requests() const;
    std::size_t request_count() const;

    // Waits until at least `n` requests were received; false on timeout.
    bool wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const;
    // Waits until no connection is open; false on timeout.
    bool wait_for_no_connections(std::chrono::milliseconds timeout) const;
    // Closes every open connection now (the server side of an idle timeout).
    void close_connections();
    void stop();

private:
    struct State;
    std::shared_ptr<State> state_;
};

// A file in a fresh temporary directory, removed on destruction.
class TempFile {
public:
    explicit TempFile(const std::string& contents);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string dir_;
    std::string path_;
};

// A CA and a server certificate for 127.0.0.1, ::1 and localhost, made once
// per test binary (key generation is cheap, but there is no need to repeat it).
struct TestPki {
    certs::KeyAndCert ca;
    certs::KeyAndCert server;
};
const TestPki& test_pki();

}  // namespace thrive::testing
