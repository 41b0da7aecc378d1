// Where requests may go. The `host` parameter is checked here before any
// socket opens: the four Thrive region hosts, plus what the operator adds
// (a loopback stand-in, a proxy).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace thrive::net {

struct Endpoint {
    bool tls = true;
    std::string host;  // lower-case, IPv6 without brackets
    std::uint16_t port = 443;

    // "public.api.learn.link", "localhost:8443", "http://127.0.0.1:8080"
    std::string display() const;
    bool operator==(const Endpoint& o) const { return tls == o.tls && host == o.host && port == o.port; }
};

// Parses "[scheme://]host[:port][/]". scheme is https (default) or http.
// Returns nothing for anything else (paths, user info, bad ports).
std::optional<Endpoint> parse_endpoint(std::string_view text);

extern const char* const kRegionHosts[4];  // Production first: the default
constexpr const char* kDefaultHost = "public.api.learn.link";

class HostAllowlist {
public:
    HostAllowlist();  // the four region hosts
    // Adds "host[:port]", or "http://host:port" for a loopback host only;
    // false otherwise.
    bool add(std::string_view entry);
    bool allows(const Endpoint& e) const;
    std::vector<std::string> entries() const;

private:
    std::vector<Endpoint> allowed_;
};

}  // namespace thrive::net
