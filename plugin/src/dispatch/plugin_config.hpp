// The instance configuration a host passes to instance_create: operator
// settings (credentials, region, allowlist, CA file) and transport limits.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace thrive::dispatch {

struct PluginConfig {
    std::string tenant_id;
    std::string api_key;
    std::string host;                        // default host for calls that set none
    std::vector<std::string> allowed_hosts;  // extra "host[:port]" / "http://host:port"
    std::string ca_file;                     // extra CA bundle (PEM) to trust
    int connect_timeout_ms = 10'000;
    int request_timeout_ms = 60'000;
    int max_retries = 3;
    std::size_t max_response_bytes = 32u << 20;
    std::string user_agent = "thrive-plugin/0.1";
};

// NULL or "" means all defaults. Errors name the offending key.
std::variant<PluginConfig, Error> parse_config(const char* json_text);

}  // namespace thrive::dispatch
