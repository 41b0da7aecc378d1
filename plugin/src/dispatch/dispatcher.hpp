// One call, start to end: find the tool, merge operator settings, validate,
// check the host against the allowlist, build the request, send it through
// the transport pipeline, map the answer. Thread-safe: it holds no per-call
// state.
#pragma once

#include "core/error.hpp"
#include "dispatch/plugin_config.hpp"
#include "http/request_builder.hpp"
#include "net/host_allowlist.hpp"
#include "net/transport.hpp"
#include "registry/registry.hpp"

#include <memory>
#include <string>
#include <vector>
#include <string_view>
#include <variant>

namespace thrive::dispatch {

class Dispatcher {
public:
    // Fails (invalid_params) when an allowedHosts entry does not parse.
    static std::variant<std::unique_ptr<Dispatcher>, Error> create(PluginConfig config,
                                                                   std::shared_ptr<net::Transport> transport);

    Result call(std::string_view tool_id, std::string_view params_json,
                const std::shared_ptr<net::CancelToken>& cancel) const;
    Result dry_run(std::string_view tool_id, std::string_view params_json) const;

    const PluginConfig& config() const { return config_; }

private:
    Dispatcher(PluginConfig config, net::HostAllowlist allowlist, std::shared_ptr<net::Transport> transport);

    struct Prepared {
        const registry::ToolSpec* tool;
        http::BuiltRequest built;
        std::vector<std::string> secrets;  // masked in anything the service echoes back
    };
    std::variant<Prepared, Result> prepare(std::string_view tool_id, std::string_view params_json) const;

    PluginConfig config_;
    net::HostAllowlist allowlist_;
    std::shared_ptr<net::Transport> transport_;
};

}  // namespace thrive::dispatch
