// The production transport pipeline for an instance: retries in front of the
// HTTPS client.
#pragma once

#include "dispatch/plugin_config.hpp"
#include "net/transport.hpp"

#include <memory>

namespace thrive::dispatch {

std::shared_ptr<net::Transport> make_default_transport(const PluginConfig& config);

}  // namespace thrive::dispatch
