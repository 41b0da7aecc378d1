// The three date formats the service expects (thrive-api.md, "Date formats").
#pragma once

#include <string_view>

namespace thrive::params {

// ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh:mm]).
bool is_iso8601(std::string_view s);
// Exactly "YYYY-MM-DD hh:mm:ss".
bool is_datetime_space(std::string_view s);
// Exactly "YYYY-MM-DDThh:mm:ss".
bool is_datetime_t(std::string_view s);

}  // namespace thrive::params
