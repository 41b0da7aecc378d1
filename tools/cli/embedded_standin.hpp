// The embedded default: the local Thrive stand-in started in this process on
// a free loopback port, over HTTPS with a CA it makes and the plugin is told
// to trust. Used when no credentials are configured, and by `thrive demo`.
#pragma once

#include "settings.hpp"

#include <memory>
#include <string>

namespace thrive::standin {
class Server;
}

namespace thrive::cli {

class EmbeddedStandin {
public:
    // state_file: "" keeps the data in memory only.
    explicit EmbeddedStandin(const std::string& state_file);
    ~EmbeddedStandin();

    // Points the settings at the stand-in: tenant, key, host, allowlist, CA.
    void apply_to(Settings& settings) const;
    std::string base_url() const;
    standin::Server& server() { return *server_; }

    // $THRIVE_STANDIN_STATE if set (empty = in memory), else
    // $XDG_STATE_HOME/thrive/standin.json or ~/.local/state/thrive/standin.json.
    static std::string default_state_file();

private:
    std::string temp_dir_;
    std::string ca_file_;
    std::unique_ptr<standin::Server> server_;
};

}  // namespace thrive::cli
