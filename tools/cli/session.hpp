// What every command needs: the plugin loaded through dlopen and one
// instance configured from the operator settings, pointed at the embedded
// stand-in when no credentials are configured.
#pragma once

#include "cli_args.hpp"
#include "embedded_standin.hpp"
#include "plugin_loader.hpp"
#include "settings.hpp"

#include <memory>
#include <set>
#include <string>

namespace thrive::cli {

// Flags every command accepts (operator settings).
const std::set<std::string>& settings_flags();

struct SessionOptions {
    bool allow_embedded = true;  // start the stand-in when no credentials are set
    bool announce = true;        // say on stderr that the stand-in is used
    std::string standin_state;   // state file for the stand-in; "default" = the default path
};

class Session {
public:
    Session(const Args& args, const SessionOptions& options);
    ~Session();

    Instance& instance() { return *instance_; }
    const Settings& settings() const { return settings_; }
    EmbeddedStandin* standin() { return standin_.get(); }

private:
    Settings settings_;
    std::unique_ptr<EmbeddedStandin> standin_;  // outlives the instance below
    std::unique_ptr<Plugin> plugin_;
    std::unique_ptr<Instance> instance_;
};

}  // namespace thrive::cli
