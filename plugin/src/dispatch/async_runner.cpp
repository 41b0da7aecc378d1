#include "dispatch/async_runner.hpp"

#include <algorithm>

namespace thrive::dispatch {

AsyncRunner::AsyncRunner(unsigned threads) {
    for (unsigned i = 0; i < std::max(1u, threads); ++i) threads_.emplace_back([this] { worker(); });
}

AsyncRunner::~AsyncRunner() { shutdown(); }

bool AsyncRunner::submit(std::shared_ptr<net::CancelToken> token, Job job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return false;
        queue_.push_back(Entry{std::move(token), std::move(job)});
    }
    wake_.notify_one();
    return true;
}

void AsyncRunner::worker() {
    while (true) {
        Entry entry;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping and drained
            entry = std::move(queue_.front());
            queue_.pop_front();
            running_.push_back(entry.token);
        }
        entry.job(entry.token->cancelled());
        std::lock_guard lock(mutex_);
        running_.erase(std::remove_if(running_.begin(), running_.end(),
                                      [&](const std::weak_ptr<net::CancelToken>& w) {
                                          auto p = w.lock();
                                          return !p || p == entry.token;
                                      }),
                       running_.end());
    }
}

void AsyncRunner::shutdown() {
    std::vector<std::shared_ptr<net::CancelToken>> to_cancel;
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
        for (auto& e : queue_) to_cancel.push_back(e.token);
        for (auto& w : running_)
            if (auto p = w.lock()) to_cancel.push_back(p);
    }
    for (auto& t : to_cancel) t->cancel();
    wake_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

}  // namespace thrive::dispatch
