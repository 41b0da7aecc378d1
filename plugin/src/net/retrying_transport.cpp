#include "net/retrying_transport.hpp"

#include "net/retry_after.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <random>
#include <strings.h>

namespace thrive::net {
namespace {

using std::chrono::milliseconds;

const std::string* find_header(const http::Headers& headers, const char* name) {
    for (const auto& [key, value] : headers)
        if (strcasecmp(key.c_str(), name) == 0) return &value;
    return nullptr;
}

double default_jitter() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

struct Decision {
    bool retry = false;
    milliseconds delay{0};
    std::string reason;
};

TransportResult cancelled_result(std::string message) {
    TransportResult r;
    r.error = TransportError::cancelled;
    r.message = std::move(message);
    return r;
}

}  // namespace

bool sleep_unless_cancelled(milliseconds delay, CancelToken& cancel) {
    struct Wake {
        std::mutex mutex;
        std::condition_variable cv;
        bool fired = false;
    };
    auto wake = std::make_shared<Wake>();
    // The handler may run on another thread after we returned: it only
    // touches the shared Wake.
    if (!cancel.on_cancel([wake] {
            {
                std::lock_guard lock(wake->mutex);
                wake->fired = true;
            }
            wake->cv.notify_all();
        }))
        return false;
    bool fired;
    {
        std::unique_lock lock(wake->mutex);
        fired = wake->cv.wait_for(lock, delay, [&] { return wake->fired; });
    }
    cancel.clear_handler();
    return !fired && !cancel.cancelled();
}

RetryingTransport::RetryingTransport(std::shared_ptr<Transport> inner, RetryPolicy policy,
                                     Observer on_attempt)
    : inner_(std::move(inner)), policy_(std::move(policy)), on_attempt_(std::move(on_attempt)) {
    if (!policy_.jitter) policy_.jitter = default_jitter;
    if (!policy_.sleep) policy_.sleep = sleep_unless_cancelled;
    if (!policy_.now) policy_.now = [] { return std::chrono::system_clock::now(); };
    if (policy_.max_retries < 0) policy_.max_retries = 0;
}

void RetryingTransport::send(const http::Request& request, std::shared_ptr<CancelToken> cancel,
                             Completion done) {
    if (!cancel) cancel = std::make_shared<CancelToken>();

    // Backoff before retry number `retry` (1-based), with equal jitter.
    auto backoff = [&](int retry) {
        const double base = static_cast<double>(policy_.base_delay.count());
        const double cap = static_cast<double>(policy_.max_backoff.count());
        const double exp = std::min(cap, base * std::ldexp(1.0, std::min(retry - 1, 62)));
        double j = policy_.jitter();
        if (!(j >= 0.0)) j = 0.0;  // also catches NaN
        if (j >= 1.0) j = std::nextafter(1.0, 0.0);
        return milliseconds(static_cast<milliseconds::rep>(std::llround(exp * (0.5 + 0.5 * j))));
    };

    // 429/503: Retry-After when given (capped), else backoff.
    auto throttled = [&](const TransportResult& r, int retry, Decision& d) {
        const std::string* header = find_header(r.response.headers, "Retry-After");
        std::optional<milliseconds> after;
        if (header) after = parse_retry_after(*header, policy_.now());
        if (after) {
            if (*after > policy_.max_retry_after) {
                d.retry = false;
                d.reason += ", Retry-After exceeds the " +
                            std::to_string(policy_.max_retry_after.count()) + " ms limit";
                return;
            }
            d.retry = true;
            d.delay = *after;
            d.reason += ", honouring Retry-After";
        } else {
            d.retry = true;
            d.delay = backoff(retry);
        }
    };

    auto decide = [&](const TransportResult& r, int attempt) {
        Decision d;
        const int retry = attempt;  // the retry this decision would start
        switch (r.error) {
            case TransportError::cancelled:
                d.reason = "cancelled";
                return d;
            case TransportError::tls:
                d.reason = "TLS failure, not retried";
                return d;
            case TransportError::too_large:
            case TransportError::bad_response:
                d.reason = std::string(to_string(r.error)) + ", not retried";
                return d;
            case TransportError::timeout:
            case TransportError::network:
                if (r.nothing_sent) {
                    d.retry = true;
                    d.reason = std::string(to_string(r.error)) + " before the request was sent";
                } else if (request.idempotent()) {
                    d.retry = true;
                    d.reason = std::string(to_string(r.error)) + " on an idempotent request";
                } else {
                    d.reason = std::string(to_string(r.error)) +
                               " after the request may have reached the server; " +
                               request.method + " is not repeated";
                    return d;
                }
                d.delay = backoff(retry);
                break;
            case TransportError::none: {
                const int s = r.response.status;
                d.reason = "HTTP " + std::to_string(s);
                if (s == 429 || (s == 503 && request.idempotent())) {
                    throttled(r, retry, d);
                } else if ((s == 502 || s == 504) && request.idempotent()) {
                    d.retry = true;
                    d.delay = backoff(retry);
                } else if (s == 502 || s == 503 || s == 504) {
                    d.reason += ", " + request.method + " is not repeated";
                }
                break;
            }
        }
        if (d.retry && attempt > policy_.max_retries) {
            d.retry = false;
            d.reason += ", retries exhausted";
        }
        return d;
    };

    TransportResult last;
    for (int attempt = 1;; ++attempt) {
        if (cancel->cancelled()) {
            last = cancelled_result("request cancelled");
            break;
        }
        last = send_and_wait(*inner_, request, cancel);
        Decision d = decide(last, attempt);
        if (on_attempt_) {
            RetryEvent ev;
            ev.attempt = attempt;
            ev.error = last.error;
            ev.status = last.error == TransportError::none ? last.response.status : 0;
            ev.message = last.message;
            ev.will_retry = d.retry;
            ev.delay = d.retry ? d.delay : milliseconds{0};
            ev.reason = d.reason;
            try {
                on_attempt_(ev);
            } catch (...) {
                // An observer must not change the outcome.
            }
        }
        if (!d.retry) break;
        if (!policy_.sleep(d.delay, *cancel) || cancel->cancelled()) {
            last = cancelled_result("request cancelled while waiting to retry");
            break;
        }
    }
    done(std::move(last));
}

}  // namespace thrive::net
