// Parsing of the HTTP Retry-After header (RFC 9110 section 10.2.3).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace thrive::net {

// Interprets a Retry-After value relative to `now`:
//   - delta-seconds ("120")                       -> 120 s (saturating on huge values)
//   - an HTTP-date in IMF-fixdate, RFC 850 or asctime format -> time until that date,
//     0 when the date is not in the future.
// Surrounding whitespace is ignored. Anything else yields std::nullopt. Never throws.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) noexcept;

}  // namespace thrive::net
