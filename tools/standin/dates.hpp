// Date and time helpers for the stand-in: parsing the three date formats the
// Thrive API documents and printing timestamps the way the service does
// ("2024-05-01T09:30:00.000Z"). All times are UTC milliseconds since the epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace thrive::standin {

using Millis = std::int64_t;

constexpr Millis kMillisPerSecond = 1000;
constexpr Millis kMillisPerDay = 86'400'000;

// Days since 1970-01-01 for a proleptic Gregorian date (no range checks).
std::int64_t days_from_civil(int year, int month, int day);

// ISO 8601 date ("2024-05-01") or date-time ("2024-05-01T09:30", "...:00",
// "...:00.123", optional "Z" or "+01:00"/"+0100" offset). nullopt when invalid.
std::optional<Millis> parse_iso8601(std::string_view text);

// Exactly "YYYY-MM-DD hh:mm:ss" (activities timestamps, CPD entry dates).
std::optional<Millis> parse_space_datetime(std::string_view text);

// Exactly "YYYY-MM-DDThh:mm:ss" (CPD user summaries).
std::optional<Millis> parse_t_datetime(std::string_view text);

// "2024-05-01T09:30:00.000Z".
std::string format_timestamp(Millis ms);

// Wall clock, UTC milliseconds.
Millis now_millis();

}  // namespace thrive::standin
