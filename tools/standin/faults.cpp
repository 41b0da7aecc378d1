#include "faults.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace thrive::standin {

namespace {

bool method_matches(const std::string& wanted, const std::string& method) {
    if (wanted.empty()) return true;
    if (wanted.size() != method.size()) return false;
    for (std::size_t i = 0; i < wanted.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(wanted[i])) != std::toupper(static_cast<unsigned char>(method[i])))
            return false;
    return true;
}

}  // namespace

void FaultQueue::add(const FaultSpec& spec) {
    if (spec.fault == Fault::none || spec.count == 0) return;
    std::lock_guard lock(mu_);
    queue_.push_back(spec);
}

void FaultQueue::clear() {
    std::lock_guard lock(mu_);
    queue_.clear();
}

std::size_t FaultQueue::size() const {
    std::lock_guard lock(mu_);
    return queue_.size();
}

std::optional<FaultSpec> FaultQueue::take(const std::string& method, const std::string& raw_path) {
    std::lock_guard lock(mu_);
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
        if (!method_matches(it->method, method)) continue;
        if (!it->path_prefix.empty() && raw_path.compare(0, it->path_prefix.size(), it->path_prefix) != 0) continue;
        FaultSpec hit = *it;
        if (it->count > 0 && --it->count == 0) queue_.erase(it);
        return hit;
    }
    return std::nullopt;
}

void RateLimiter::configure(double per_second, int burst) {
    std::lock_guard lock(mu_);
    per_second_ = per_second > 0 ? per_second : 0;
    burst_ = std::max(1, burst);
    buckets_.clear();
}

double RateLimiter::per_second() const {
    std::lock_guard lock(mu_);
    return per_second_;
}

int RateLimiter::burst() const {
    std::lock_guard lock(mu_);
    return burst_;
}

int RateLimiter::acquire(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mu_);
    if (per_second_ <= 0) return 0;
    auto [it, fresh] = buckets_.try_emplace(key);
    Bucket& b = it->second;
    if (fresh) {
        b.tokens = burst_;
        b.last = now;
    } else {
        double elapsed = std::chrono::duration<double>(now - b.last).count();
        b.tokens = std::min<double>(burst_, b.tokens + elapsed * per_second_);
        b.last = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
}

Fault fault_from_name(const std::string& name) {
    static const std::pair<const char*, Fault> kNames[] = {
        {"latency", Fault::latency},
        {"status", Fault::status},
        {"reset_before_read", Fault::reset_before_read},
        {"reset_after_apply", Fault::reset_after_apply},
        {"truncated_body", Fault::truncated_body},
        {"html_error", Fault::html_error},
        {"malformed_json", Fault::malformed_json},
    };
    for (const auto& [n, f] : kNames)
        if (name == n) return f;
    return Fault::none;
}

const char* fault_name(Fault fault) {
    switch (fault) {
        case Fault::latency: return "latency";
        case Fault::status: return "status";
        case Fault::reset_before_read: return "reset_before_read";
        case Fault::reset_after_apply: return "reset_after_apply";
        case Fault::truncated_body: return "truncated_body";
        case Fault::html_error: return "html_error";
        case Fault::malformed_json: return "malformed_json";
        case Fault::none: break;
    }
    return "none";
}

}  // namespace thrive::standin
