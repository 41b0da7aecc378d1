// The one-method transport interface and the result it reports. The HTTPS
// client, the retry pipeline and test doubles all implement Transport, so the
// dispatcher can be tested without a network.
#pragma once

#include "http/http_types.hpp"
#include "net/cancel_token.hpp"

#include <functional>
#include <memory>
#include <string>

namespace thrive::net {

// Transport failures, kept apart from HTTP status (a 404 is a *successful*
// transport result with status 404).
enum class TransportError {
    none,
    cancelled,
    timeout,
    tls,           // handshake or certificate verification failed
    network,       // resolve/connect/reset/EOF
    too_large,     // response exceeded the configured cap
    bad_response,  // not parseable as HTTP
};

const char* to_string(TransportError e);

struct TransportResult {
    TransportError error = TransportError::none;
    std::string message;  // human readable; never contains credentials
    http::Response response;
    // True when the failure happened before any byte of the request could
    // have reached the server (resolve/connect/TLS handshake failed), so even
    // a write may be retried safely.
    bool nothing_sent = false;
};

using Completion = std::function<void(TransportResult)>;

class Transport {
public:
    virtual ~Transport() = default;
    // Sends one request and calls `done` exactly once, possibly on another
    // thread. `cancel` may be triggered from any thread at any time.
    virtual void send(const http::Request& request, std::shared_ptr<CancelToken> cancel,
                      Completion done) = 0;
};

// Runs `send` and blocks until it completes.
TransportResult send_and_wait(Transport& transport, const http::Request& request,
                              std::shared_ptr<CancelToken> cancel);

}  // namespace thrive::net
