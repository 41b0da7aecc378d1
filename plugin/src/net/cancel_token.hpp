// A thread-safe, one-shot cancellation signal. Whoever runs the operation
// registers a handler (for example one that closes a socket); cancel() runs
// it at most once, on the cancelling thread.
#pragma once

#include <functional>
#include <mutex>

namespace thrive::net {

class CancelToken {
public:
    void cancel() {
        std::function<void()> handler;
        {
            std::lock_guard lock(mutex_);
            if (cancelled_) return;
            cancelled_ = true;
            handler.swap(handler_);
        }
        if (handler) handler();
    }

    bool cancelled() const {
        std::lock_guard lock(mutex_);
        return cancelled_;
    }

    // Installs the handler for the current step; runs it at once if the token
    // was already cancelled. Returns false in that case.
    bool on_cancel(std::function<void()> handler) {
        {
            std::lock_guard lock(mutex_);
            if (!cancelled_) {
                handler_ = std::move(handler);
                return true;
            }
        }
        if (handler) handler();
        return false;
    }

    void clear_handler() {
        std::lock_guard lock(mutex_);
        handler_ = nullptr;
    }

private:
    mutable std::mutex mutex_;
    bool cancelled_ = false;
    std::function<void()> handler_;
};

}  // namespace thrive::net
