// What a thrive_instance* points at: the dispatcher, the async workers, and
// the descriptor strings handed out as borrowed pointers.
#pragma once

#include "dispatch/async_runner.hpp"
#include "dispatch/dispatcher.hpp"

#include <map>
#include <memory>
#include <string>

struct thrive_instance {
    std::unique_ptr<thrive::dispatch::Dispatcher> dispatcher;
    std::unique_ptr<thrive::dispatch::AsyncRunner> runner;
};

// An async call handle shares the call's cancel token with the running job.
struct thrive_call {
    std::shared_ptr<thrive::net::CancelToken> token;
};
