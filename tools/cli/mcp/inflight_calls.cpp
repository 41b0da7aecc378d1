#include "mcp/inflight_calls.hpp"

#include <vector>

namespace thrive::cli::mcp {
namespace {

struct CallbackContext {
    InFlightCalls* owner;
    std::shared_ptr<PendingCall> call;
};

}  // namespace

PendingCall::~PendingCall() {
    if (api && handle) api->call_release(handle);
}

InFlightCalls::InFlightCalls(const thrive_api_v1& api, thrive_instance* instance, Completion on_complete)
    : api_(api), instance_(instance), on_complete_(std::move(on_complete)) {}

InFlightCalls::~InFlightCalls() {
    cancel_all();
    wait_idle();
}

bool InFlightCalls::contains(const std::string& key) const {
    std::lock_guard lock(mutex_);
    return calls_.count(key) > 0;
}

int InFlightCalls::start(std::shared_ptr<PendingCall> call, const std::string& arguments_json) {
    call->api = &api_;
    {
        std::lock_guard lock(mutex_);
        calls_[call->key] = call;
        ++outstanding_;
    }
    auto* context = new CallbackContext{this, call};
    thrive_call* handle = nullptr;
    int status = api_.call_async(instance_, call->tool.c_str(), arguments_json.c_str(), &InFlightCalls::on_done, context,
                                 &handle);
    if (status != THRIVE_OK) {
        delete context;  // the callback never runs
        std::lock_guard lock(mutex_);
        calls_.erase(call->key);
        --outstanding_;
        idle_.notify_all();
        return status;
    }
    bool cancel_now = false;
    {
        // The call may already have finished; the handle is kept by the
        // PendingCall either way and released with it.
        std::lock_guard lock(mutex_);
        call->handle = handle;
        cancel_now = call->cancelled;
    }
    if (cancel_now) api_.call_cancel(handle);
    return status;
}

bool InFlightCalls::cancel(const std::string& key) {
    std::shared_ptr<PendingCall> call;
    thrive_call* handle = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto it = calls_.find(key);
        if (it == calls_.end()) return false;
        call = it->second;
        call->cancelled = true;
        handle = call->handle;  // null while call_async has not returned: start() cancels then
    }
    // Outside the lock: the plugin may complete the call right away. `call`
    // keeps the handle alive meanwhile.
    if (handle) api_.call_cancel(handle);
    return true;
}

void InFlightCalls::cancel_all() {
    std::vector<std::shared_ptr<PendingCall>> calls;
    {
        std::lock_guard lock(mutex_);
        for (auto& [key, call] : calls_) {
            call->cancelled = true;
            calls.push_back(call);
        }
    }
    for (auto& call : calls) {
        thrive_call* handle = nullptr;
        {
            std::lock_guard lock(mutex_);
            handle = call->handle;
        }
        if (handle) api_.call_cancel(handle);
    }
}

bool InFlightCalls::wait_idle_for(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, limit, [this] { return outstanding_ == 0; });
}

void InFlightCalls::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return outstanding_ == 0; });
}

void InFlightCalls::on_done(void* user_data, int status, const char* result_json) {
    std::unique_ptr<CallbackContext> context(static_cast<CallbackContext*>(user_data));
    InFlightCalls* self = context->owner;
    bool cancelled = false;
    {
        std::lock_guard lock(self->mutex_);
        self->calls_.erase(context->call->key);
        cancelled = context->call->cancelled;
    }
    try {
        self->on_complete_(*context->call, status, result_json ? result_json : "", cancelled);
    } catch (...) {
        // Nothing may cross back into the plugin's thread.
    }
    context.reset();  // may release the call handle
    std::lock_guard lock(self->mutex_);
    --self->outstanding_;
    self->idle_.notify_all();
}

}  // namespace thrive::cli::mcp
