#include "params/scalar_coercion.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace thrive::params {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Plain decimal only: optional sign, digits, optional fraction. No exponent,
// no hex, no thousands separators: anything else is ambiguous.
bool plain_decimal(std::string_view s, bool allow_fraction) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
    if (allow_fraction && i < s.size() && s[i] == '.') {
        ++i;
        std::size_t frac = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac;
        if (frac == 0) return false;
    }
    return digits > 0 && i == s.size();
}

}  // namespace

std::optional<std::int64_t> to_integer(const boost::json::value& v) {
    if (v.is_int64()) return v.as_int64();
    if (v.is_uint64()) {
        if (v.as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
        return static_cast<std::int64_t>(v.as_uint64());
    }
    if (v.is_double()) {
        double d = v.as_double();
        if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.0e15) return std::nullopt;
        return static_cast<std::int64_t>(d);
    }
    if (v.is_string()) {
        std::string_view s = trim(v.as_string());
        if (!plain_decimal(s, false)) return std::nullopt;
        if (s.front() == '+') s.remove_prefix(1);
        std::int64_t out = 0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
        return out;
    }
    return std::nullopt;
}

std::optional<double> to_number(const boost::json::value& v) {
    if (v.is_number()) return v.to_number<double>();
    if (v.is_string()) {
        std::string_view s = trim(v.as_string());
        if (!plain_decimal(s, true)) return std::nullopt;
        return std::stod(std::string(s));
    }
    return std::nullopt;
}

std::optional<bool> to_boolean(const boost::json::value& v) {
    if (v.is_bool()) return v.as_bool();
    if (v.is_string()) {
        std::string lower;
        for (char c : trim(v.as_string())) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == "true") return true;
        if (lower == "false") return false;
    }
    return std::nullopt;
}

}  // namespace thrive::params
