// A Transport that records every request and answers from a script, so the
// whole dispatcher runs in tests without a network.
#pragma once

#include "net/transport.hpp"

#include <deque>
#include <mutex>
#include <vector>

namespace thrive::testing {

class FakeTransport final : public net::Transport {
public:
    void answer(int status, std::string body, http::Headers headers = {}) {
        net::TransportResult r;
        r.response.status = status;
        r.response.body = std::move(body);
        r.response.headers = std::move(headers);
        push(std::move(r));
    }
    void fail(net::TransportError error, std::string message, bool nothing_sent = false) {
        net::TransportResult r;
        r.error = error;
        r.message = std::move(message);
        r.nothing_sent = nothing_sent;
        push(std::move(r));
    }
    void push(net::TransportResult r) {
        std::lock_guard lock(mutex_);
        script_.push_back(std::move(r));
    }

    void send(const http::Request& request, std::shared_ptr<net::CancelToken>, net::Completion done) override {
        net::TransportResult r;
        {
            std::lock_guard lock(mutex_);
            sent_.push_back(request);
            if (script_.empty()) {
                r.error = net::TransportError::network;
                r.message = "fake transport: no scripted answer";
            } else {
                r = std::move(script_.front());
                script_.pop_front();
            }
        }
        done(std::move(r));
    }

    std::vector<http::Request> sent() const {
        std::lock_guard lock(mutex_);
        return sent_;
    }

private:
    mutable std::mutex mutex_;
    std::deque<net::TransportResult> script_;
    std::vector<http::Request> sent_;
};

}  // namespace thrive::testing
