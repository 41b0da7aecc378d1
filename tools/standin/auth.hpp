// HTTP Basic authentication: username = tenant ID, password = API key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace thrive::standin {

struct Credentials {
    std::string username;
    std::string password;
};

// Decodes an "Authorization: Basic <base64>" header value; nullopt when it is
// missing, not Basic, not valid base64 or has no ':'.
std::optional<Credentials> parse_basic_auth(std::string_view header_value);

// True when the header carries exactly these credentials (constant time in the
// length of the expected values).
bool check_basic_auth(std::string_view header_value, std::string_view tenant_id, std::string_view api_key);

std::string base64_encode(std::string_view data);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace thrive::standin
