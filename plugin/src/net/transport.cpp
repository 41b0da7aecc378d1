#include "net/transport.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>

namespace thrive::net {

const char* to_string(TransportError e) {
    switch (e) {
        case TransportError::none: return "none";
        case TransportError::cancelled: return "cancelled";
        case TransportError::timeout: return "timeout";
        case TransportError::tls: return "tls";
        case TransportError::network: return "network";
        case TransportError::too_large: return "too_large";
        case TransportError::bad_response: return "bad_response";
    }
    return "unknown";
}

TransportResult send_and_wait(Transport& transport, const http::Request& request,
                              std::shared_ptr<CancelToken> cancel) {
    struct Slot {
        std::mutex mutex;
        std::condition_variable cv;
        std::optional<TransportResult> result;
    };
    // Shared so that a (misbehaving) late second call of `done` cannot touch
    // a destroyed stack frame.
    auto slot = std::make_shared<Slot>();
    transport.send(request, std::move(cancel), [slot](TransportResult result) {
        {
            std::lock_guard lock(slot->mutex);
            if (slot->result) return;  // done is called once; ignore extras
            slot->result = std::move(result);
        }
        slot->cv.notify_all();
    });
    std::unique_lock lock(slot->mutex);
    slot->cv.wait(lock, [&] { return slot->result.has_value(); });
    return std::move(*slot->result);
}

}  // namespace thrive::net
