// The real transport: HTTP/1.1 over TLS (or plain TCP when Request::tls is
// false) with Boost.Beast/Asio and OpenSSL. Beast stays out of this header.
#pragma once

#include "net/transport.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace thrive::net {

// Errors reported (TransportResult::error):
//   timeout      connect_timeout or request_timeout expired
//   tls          handshake failed or the certificate did not verify; the
//                message says "TLS certificate verification failed ...: why"
//   network      resolve/connect failed, connection lost, invalid request
//   too_large    body over max_response_bytes or headers over 64 KiB
//   bad_response the peer's bytes are not HTTP/1.x
//   cancelled    the CancelToken fired, or the transport is being destroyed
// nothing_sent is true only when the request was never written (failure while
// resolving, connecting or in the TLS handshake, on every attempt). Messages
// name host:port, never request headers, target or body.
class HttpsTransport final : public Transport {
public:
    struct Options {
        // PEM file with extra trusted CA certificates, used in addition to
        // the system trust store. Empty: system store only.
        std::string ca_file;
        // Trust the system store (set_default_verify_paths). Off only in tests
        // that must prove the extra CA file alone decides.
        bool use_system_trust_store = true;
        // Establishing a connection: resolve + TCP connect + TLS handshake.
        std::chrono::milliseconds connect_timeout{10'000};
        // Whole request, from send() to the last byte of the response
        // (includes the connect phase and a possible reconnect).
        std::chrono::milliseconds request_timeout{60'000};
        // Cap on the response body (headers are capped at 64 KiB separately).
        std::size_t max_response_bytes = 32u * 1024u * 1024u;
        // Idle keep-alive connections kept per (host, port, tls).
        std::size_t max_idle_per_host = 4;
        // Idle connections older than this are closed instead of reused.
        std::chrono::milliseconds idle_max_age{4'000};
        // Sent when the request has no User-Agent header of its own.
        std::string user_agent = "thrive-plugin/0.1";
    };

    // Starts the I/O thread. Throws std::runtime_error when the TLS context
    // cannot be set up (for example an unreadable ca_file).
    explicit HttpsTransport(Options options);
    HttpsTransport();
    // Cancels every outstanding request (each completes with `cancelled`),
    // closes idle connections and joins the I/O thread. Must not be called
    // from inside a completion callback.
    ~HttpsTransport() override;

    HttpsTransport(const HttpsTransport&) = delete;
    HttpsTransport& operator=(const HttpsTransport&) = delete;

    // Thread-safe. `done` runs on the transport's I/O thread and must not
    // block (in particular it must not wait for another request on this
    // transport); a request refused before any I/O (invalid request,
    // transport shutting down) completes at once on the calling thread.
    // A null `cancel` is allowed.
    void send(const http::Request& request, std::shared_ptr<CancelToken> cancel,
              Completion done) override;

    // Diagnostics for tests: idle pooled connections right now.
    std::size_t idle_connections() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace thrive::net
