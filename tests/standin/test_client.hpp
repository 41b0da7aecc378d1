// A tiny synchronous HTTP/1.1 client for the stand-in tests: plain or TLS
// (verifying the stand-in's CA and the host name), keep-alive by default, and
// transport failures reported instead of thrown, so tests can look at resets
// and truncated bodies.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace thrive::standin::testing {

struct ClientResponse {
    int status = 0;                              // 0 when no response arrived
    std::string error;                           // transport error, "" when a response arrived
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names

    std::string header(const std::string& lower_name) const;
    boost::json::value json() const;             // throws when the body is not JSON
};

struct ClientConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    bool tls = false;
    std::string ca_pem;                 // trust anchor when tls
    std::string server_name = "localhost";
    std::string username = "eu-west-000000";
    std::string password = "standin-demo-key";
    bool keep_alive = true;
};

class TestClient {
public:
    explicit TestClient(ClientConfig config);
    ~TestClient();

    ClientResponse request(const std::string& method, const std::string& target, const std::string& body = "",
                           bool with_auth = true);
    ClientResponse get(const std::string& target) { return request("GET", target); }
    ClientResponse post(const std::string& target, const boost::json::value& body) {
        return request("POST", target, boost::json::serialize(body));
    }
    ClientResponse patch(const std::string& target, const boost::json::value& body) {
        return request("PATCH", target, boost::json::serialize(body));
    }
    ClientResponse del(const std::string& target, const std::string& body = "") {
        return request("DELETE", target, body);
    }

    void set_credentials(std::string username, std::string password);
    void disconnect();
    ClientConfig& config() { return config_; }

private:
    struct Connection;
    ClientConfig config_;
    std::unique_ptr<Connection> conn_;
};

// Percent-encodes one path segment (everything but unreserved characters).
std::string encode_segment(std::string_view text);
// Percent-encodes a query value.
std::string encode_query(std::string_view text);

}  // namespace thrive::standin::testing
