// Loads the plugin the way any foreign host would: dlopen + the one entry
// symbol + the C function table. Nothing of the plugin's C++ is used here.
#pragma once

#include "thrive/thrive_plugin.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace thrive::cli {

// The plugin refused the instance configuration (a bad CA file, host or
// allowlist entry): an operator mistake, reported like a usage error.
struct ConfigurationError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CallOutcome {
    int status = 0;       // thrive_status
    std::string json;     // the result envelope
};

class Plugin {
public:
    // Finds the library: explicit path, $THRIVE_PLUGIN, next to this
    // executable (build tree), or ../lib beside it (installed).
    static std::unique_ptr<Plugin> load(const std::string& explicit_path = "");
    ~Plugin();

    const thrive_api_v1& api() const { return *api_; }
    const std::string& path() const { return path_; }

private:
    Plugin(void* handle, const thrive_api_v1* api, std::string path) : handle_(handle), api_(api), path_(std::move(path)) {}
    void* handle_;
    const thrive_api_v1* api_;
    std::string path_;
};

// One configured instance. Throws ConfigurationError with the plugin's error
// message if the configuration is refused.
class Instance {
public:
    Instance(const Plugin& plugin, const std::string& config_json);
    ~Instance();
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    std::string tools_json() const;
    std::string tool_json(const std::string& id) const;  // "" when unknown
    CallOutcome call(const std::string& tool, const std::string& params_json) const;
    CallOutcome dry_run(const std::string& tool, const std::string& params_json) const;
    thrive_instance* raw() const { return instance_; }
    const thrive_api_v1& api() const { return api_; }

private:
    const thrive_api_v1& api_;
    thrive_instance* instance_ = nullptr;
};

std::vector<std::string> plugin_search_paths(const std::string& explicit_path);

}  // namespace thrive::cli
