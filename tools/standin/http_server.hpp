// The transport: an HTTP/1.1 (optionally TLS) listener with keep-alive and a
// thread per connection. The only part of the stand-in that sees Beast/Asio;
// everything else talks to it through these plain structs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace thrive::standin {

struct HttpRequest {
    std::string method;
    std::string target;          // origin-form, as received
    std::string authorization;   // the Authorization header value ("" when absent)
    std::string body;
};

struct HttpResponse {
    enum class Transport {
        normal,    // send the response; keep the connection if the client wants it
        reset,     // send nothing; close the connection with a TCP reset
        truncate,  // send the headers with the full Content-Length, half the body, then close
    };
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    bool has_body = true;        // false: no body at all (e.g. 204)
    std::vector<std::pair<std::string, std::string>> headers;
    Transport transport = Transport::normal;
};

struct ListenerConfig {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 0;
    bool tls = false;
    std::string cert_chain_pem;  // server certificate (then intermediates)
    std::string key_pem;
    // A connection that waits longer than this for its next request (or its
    // TLS handshake) is closed; 0 = never.
    std::int64_t idle_timeout_ms = 60'000;
};

class HttpListener {
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;
    using ConnectionCallback = std::function<void()>;

    HttpListener(ListenerConfig config, Handler handler, ConnectionCallback on_connection);
    ~HttpListener();  // stops
    HttpListener(const HttpListener&) = delete;
    HttpListener& operator=(const HttpListener&) = delete;

    void start();  // bound and listening when it returns; throws std::runtime_error
    void stop();   // closes the listener and every open connection, joins the threads
    std::uint16_t port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace thrive::standin
