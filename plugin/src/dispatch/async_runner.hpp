// A small fixed pool of worker threads that runs asynchronous calls. Each
// queued job carries its cancel token, so shutdown can cancel everything
// outstanding and still run every completion exactly once.
#pragma once

#include "net/cancel_token.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace thrive::dispatch {

class AsyncRunner {
public:
    // run(cancelled_before_start): the job must complete (call its callback)
    // either way.
    using Job = std::function<void(bool cancelled_before_start)>;

    explicit AsyncRunner(unsigned threads);
    ~AsyncRunner();  // shutdown()

    // False after shutdown began (the job is not queued).
    bool submit(std::shared_ptr<net::CancelToken> token, Job job);

    // Cancels every queued and running job, then waits for all to finish.
    void shutdown();

private:
    struct Entry {
        std::shared_ptr<net::CancelToken> token;
        Job job;
    };
    void worker();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Entry> queue_;
    std::vector<std::weak_ptr<net::CancelToken>> running_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace thrive::dispatch
