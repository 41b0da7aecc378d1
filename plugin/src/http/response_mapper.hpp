// Turns what came back (a transport failure or an HTTP answer) into the
// action's documented output, or an error from the closed set.
#pragma once

#include "core/error.hpp"
#include "net/transport.hpp"
#include "registry/tool_spec.hpp"

#include <chrono>

namespace thrive::http {

Result map_response(const registry::ToolSpec& tool, const net::TransportResult& result,
                    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// The service's own words for a failed call: body "message" or "error",
// the <title> of an HTML page, or a short plain-text excerpt.
std::string service_message(const Response& response);

}  // namespace thrive::http
