// Operator settings for the command line: environment variables, overridden
// by flags. With no credentials and no host at all, the embedded local
// stand-in is used.
#pragma once

#include <string>

namespace thrive::cli {

struct Settings {
    std::string tenant_id;      // THRIVE_TENANT_ID  / --tenant-id
    std::string api_key;        // THRIVE_API_KEY    / --api-key
    std::string host;           // THRIVE_HOST       / --host
    std::string allowed_hosts;  // THRIVE_ALLOWED_HOSTS (comma-separated) / --allow-host
    std::string ca_file;        // THRIVE_CA_FILE    / --ca-file
    std::string plugin_path;    // THRIVE_PLUGIN     / --plugin
    std::string timeout_ms;     // THRIVE_TIMEOUT_MS: whole-request timeout per attempt
    std::string max_retries;    // THRIVE_MAX_RETRIES

    static Settings from_environment();
    bool wants_embedded_standin() const { return tenant_id.empty() && api_key.empty() && host.empty(); }
    // The instance configuration JSON for instance_create.
    std::string config_json() const;
};

}  // namespace thrive::cli
