#include "dispatch/transport_factory.hpp"

#include "net/https_transport.hpp"
#include "net/retrying_transport.hpp"

namespace thrive::dispatch {

std::shared_ptr<net::Transport> make_default_transport(const PluginConfig& config) {
    net::HttpsTransport::Options options;
    options.ca_file = config.ca_file;
    options.connect_timeout = std::chrono::milliseconds(config.connect_timeout_ms);
    options.request_timeout = std::chrono::milliseconds(config.request_timeout_ms);
    options.max_response_bytes = config.max_response_bytes;
    options.user_agent = config.user_agent;
    auto https = std::make_shared<net::HttpsTransport>(options);
    net::RetryPolicy policy;
    policy.max_retries = config.max_retries;
    return std::make_shared<net::RetryingTransport>(std::move(https), std::move(policy));
}

}  // namespace thrive::dispatch
