// Switchable faults (a queue of FaultSpec consumed by matching requests) and
// the per-tenant token-bucket rate limiter.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "standin_server.hpp"

namespace thrive::standin {

class FaultQueue {
public:
    void add(const FaultSpec& spec);
    void clear();
    std::size_t size() const;
    // The first queued fault matching this request (its count is consumed).
    std::optional<FaultSpec> take(const std::string& method, const std::string& raw_path);

private:
    mutable std::mutex mu_;
    std::vector<FaultSpec> queue_;
};

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    void configure(double per_second, int burst);  // per_second <= 0: off; buckets refilled
    double per_second() const;
    int burst() const;
    // 0 when the request may go ahead, otherwise the seconds to wait (>= 1).
    int acquire(const std::string& key, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point last;
    };
    mutable std::mutex mu_;
    double per_second_ = 0;
    int burst_ = 20;
    std::map<std::string, Bucket> buckets_;
};

}  // namespace thrive::standin
