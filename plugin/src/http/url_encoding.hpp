// Percent-encoding for one path segment or one query value (RFC 3986):
// everything but unreserved characters is encoded, so "a/b c+d@e" stays one
// segment and arrives intact.
#pragma once

#include <string>
#include <string_view>

namespace thrive::http {

std::string percent_encode(std::string_view s);
std::string base64(std::string_view s);

}  // namespace thrive::http
