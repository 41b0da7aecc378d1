#include "router.hpp"

#include <algorithm>

namespace thrive::standin {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_param(const std::string& s) { return s.size() >= 2 && s.front() == '{' && s.back() == '}'; }

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (true) {
        auto next = s.find(sep, pos);
        if (next == std::string_view::npos) {
            out.push_back(s.substr(pos));
            break;
        }
        out.push_back(s.substr(pos, next - pos));
        pos = next + 1;
    }
    return out;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::optional<Target> parse_target(std::string_view target) {
    if (target.empty() || target.front() != '/') return std::nullopt;
    Target t;
    auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    if (auto hash = path.find('#'); hash != std::string_view::npos) path = path.substr(0, hash);
    t.raw_path = std::string(path);
    auto parts = split(path.substr(1), '/');
    if (parts.size() > 1 && parts.back().empty()) parts.pop_back();  // one trailing slash is tolerated
    for (auto part : parts) {
        auto d = percent_decode(part, false);
        if (!d) return std::nullopt;
        t.segments.push_back(std::move(*d));
    }
    if (q != std::string_view::npos) {
        std::string_view query = target.substr(q + 1);
        if (auto hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
        for (auto pair : split(query, '&')) {
            if (pair.empty()) continue;
            auto eq = pair.find('=');
            auto key = percent_decode(pair.substr(0, eq), true);
            auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
            if (!key || !value) return std::nullopt;
            t.query.insert_or_assign(std::move(*key), std::move(*value));  // last one wins
        }
    }
    return t;
}

void Router::add(std::string method, std::string_view pattern, Handler handler) {
    Route r;
    r.method = std::move(method);
    for (auto part : split(pattern.substr(1), '/')) {
        r.pattern.emplace_back(part);
        if (!is_param(r.pattern.back())) ++r.literals;
    }
    r.handler = std::move(handler);
    routes_.push_back(std::move(r));
}

Router::Match Router::match(std::string_view method, const std::vector<std::string>& segments) const {
    Match result;
    const Route* best = nullptr;
    std::vector<std::string> allowed;
    for (const auto& r : routes_) {
        if (r.pattern.size() != segments.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; i < segments.size() && ok; ++i) {
            if (is_param(r.pattern[i]))
                ok = !segments[i].empty();
            else
                ok = r.pattern[i] == segments[i];
        }
        if (!ok) continue;
        if (std::find(allowed.begin(), allowed.end(), r.method) == allowed.end()) allowed.push_back(r.method);
        if (r.method == method && (!best || r.literals > best->literals)) best = &r;
    }
    if (best) {
        result.status = 200;
        result.handler = &best->handler;
        for (std::size_t i = 0; i < segments.size(); ++i)
            if (is_param(best->pattern[i]))
                result.params[best->pattern[i].substr(1, best->pattern[i].size() - 2)] = segments[i];
        return result;
    }
    if (!allowed.empty()) {
        result.status = 405;
        result.allow = join(allowed, ", ");
    }
    return result;
}

}  // namespace thrive::standin
