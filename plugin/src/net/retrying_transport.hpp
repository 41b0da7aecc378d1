// A Transport decorator that repeats a request when that is safe and useful:
// exponential backoff with jitter, Retry-After on 429/503, and never a blind
// repeat of a write the server may already have applied.
#pragma once

#include "net/transport.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace thrive::net {

struct RetryPolicy {
    // Retries after the first attempt (so at most max_retries + 1 attempts).
    int max_retries = 3;
    // Backoff before retry n (1-based): min(max_backoff, base_delay * 2^(n-1)),
    // then scaled by (0.5 + 0.5 * jitter()) ("equal jitter": never zero).
    std::chrono::milliseconds base_delay{250};
    std::chrono::milliseconds max_backoff{8000};
    // A Retry-After longer than this is not waited for: the 429/503 is
    // returned to the caller as is.
    std::chrono::milliseconds max_retry_after{30000};
    // Uniform in [0, 1). Empty: a thread-safe default random source.
    std::function<double()> jitter;
    // Waits `delay` unless `cancel` fires first; returns false when cancelled.
    // Empty: waits on a condition variable woken by the token.
    std::function<bool(std::chrono::milliseconds, CancelToken&)> sleep;
    // Clock for Retry-After HTTP-dates. Empty: system_clock::now.
    std::function<std::chrono::system_clock::time_point()> now;
};

// What one attempt produced and what happens next. Carries no request data
// (no headers, no body, no target), so it is safe to log as is.
struct RetryEvent {
    int attempt = 0;                 // 1-based number of the attempt that finished
    TransportError error = TransportError::none;
    int status = 0;                  // HTTP status when error == none
    std::string message;             // the transport's message (never has credentials)
    bool will_retry = false;
    std::chrono::milliseconds delay{0};  // wait before the next attempt (when retrying)
    std::string reason;              // why it retries or stops, e.g. "HTTP 429, Retry-After"
};

class RetryingTransport final : public Transport {
public:
    using Policy = RetryPolicy;
    using Observer = std::function<void(const RetryEvent&)>;

    explicit RetryingTransport(std::shared_ptr<Transport> inner, RetryPolicy policy = {},
                               Observer on_attempt = {});

    // Runs the whole attempt loop on the calling thread (blocks), then calls
    // `done` exactly once on the calling thread. A null `cancel` is allowed.
    void send(const http::Request& request, std::shared_ptr<CancelToken> cancel,
              Completion done) override;

    const RetryPolicy& policy() const { return policy_; }

private:
    std::shared_ptr<Transport> inner_;
    RetryPolicy policy_;
    Observer on_attempt_;
};

// The default cancellable sleep used when RetryPolicy::sleep is empty.
bool sleep_unless_cancelled(std::chrono::milliseconds delay, CancelToken& cancel);

}  // namespace thrive::net
