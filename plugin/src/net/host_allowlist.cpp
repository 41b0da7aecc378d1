#include "net/host_allowlist.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace thrive::net {

const char* const kRegionHosts[4] = {"public.api.learn.link", "public.api.mea.learn.tech",
                                     "public.api.learnstaging.link", "public.api.meastaging.learn.tech"};

std::string Endpoint::display() const {
    std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    std::string out = tls ? "" : "http://";
    out += h;
    if (port != (tls ? 443 : 80)) out += ":" + std::to_string(port);
    return out;
}

std::optional<Endpoint> parse_endpoint(std::string_view text) {
    Endpoint e;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.rfind("https://", 0) == 0) {
        text.remove_prefix(8);
    } else if (text.rfind("http://", 0) == 0) {
        text.remove_prefix(7);
        e.tls = false;
        e.port = 80;
    }
    if (!text.empty() && text.back() == '/') text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    std::string_view host = text, port;
    if (text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = text.substr(1, close - 1);
        auto rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            port = rest.substr(1);
        }
    } else if (auto colon = text.find(':'); colon != std::string_view::npos) {
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (port.find(':') != std::string_view::npos) return std::nullopt;
    }
    if (host.empty()) return std::nullopt;
    for (char c : host) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '_';
        if (!ok) return std::nullopt;  // no '/', '@', spaces: nothing but a host
    }
    if (!port.empty() || (text.find(':') != std::string_view::npos && text.front() != '[')) {
        unsigned value = 0;
        auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc() || ptr != port.data() + port.size() || value == 0 || value > 65535) return std::nullopt;
        e.port = static_cast<std::uint16_t>(value);
    }
    e.host.reserve(host.size());
    for (char c : host) e.host += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

HostAllowlist::HostAllowlist() {
    for (const char* h : kRegionHosts) add(h);
}

namespace {

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

bool HostAllowlist::add(std::string_view entry) {
    auto e = parse_endpoint(entry);
    if (!e) return false;
    // Basic credentials in clear text may only cross this machine's loopback.
    if (!e->tls && !is_loopback(e->host)) return false;
    if (!allows(*e)) allowed_.push_back(*e);
    return true;
}

bool HostAllowlist::allows(const Endpoint& e) const {
    return std::find(allowed_.begin(), allowed_.end(), e) != allowed_.end();
}

std::vector<std::string> HostAllowlist::entries() const {
    std::vector<std::string> out;
    for (const auto& e : allowed_) out.push_back(e.display());
    return out;
}

}  // namespace thrive::net
