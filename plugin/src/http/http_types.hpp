// Plain HTTP request/response values passed between the request builder,
// the transport pipeline and the response mapper. No Beast types here, so
// only the transport translation units pay for Beast's headers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace thrive::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;            // "GET", "POST", "PATCH", "DELETE"
    std::string host;              // host name or IP literal, no port
    std::uint16_t port = 443;
    bool tls = true;               // false only for an operator-allowed http:// host
    std::string target;            // "/rest/v1/users?page=2" (already encoded)
    Headers headers;               // without Host/Content-Length (transport adds them)
    std::optional<std::string> body;

    // GET is the only method the pipeline may repeat after a failure that
    // could have reached the server (see RetryPolicy).
    bool idempotent() const { return method == "GET"; }
};

struct Response {
    int status = 0;
    Headers headers;
    std::string body;

    const std::string* header(const std::string& name) const;  // case-insensitive
};

}  // namespace thrive::http
