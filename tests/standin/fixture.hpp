// Shared fixture: a fresh in-process stand-in (plain HTTP unless a test asks
// for TLS) and a keep-alive client, plus small JSON helpers.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <memory>
#include <string>

#include "seed_facts.hpp"
#include "standin_server.hpp"
#include "test_client.hpp"

namespace thrive::standin::testing {

namespace json = boost::json;

inline Options plain_options() {
    Options o;
    o.tls = false;
    return o;
}

class StandinTest : public ::testing::Test {
protected:
    void SetUp() override { start_server(plain_options()); }
    void TearDown() override {
        client.reset();
        if (server) server->stop();
    }

    void start_server(Options options) {
        client.reset();
        server = std::make_unique<Server>(std::move(options));
        server->start();
        client = make_client();
    }

    std::unique_ptr<TestClient> make_client() const {
        ClientConfig c;
        c.port = server->port();
        c.tls = server->options().tls;
        c.ca_pem = server->ca_pem();
        return std::make_unique<TestClient>(c);
    }

    // GET that must answer `status`; the body parsed as JSON.
    json::value get_json(const std::string& target, int status = 200) {
        auto r = client->get(target);
        EXPECT_EQ(r.status, status) << target << " -> " << r.body << r.error;
        if (r.body.empty()) return nullptr;
        return r.json();
    }
    json::value send_json(const std::string& method, const std::string& target, const json::value& body,
                          int status) {
        auto r = client->request(method, target, json::serialize(body));
        EXPECT_EQ(r.status, status) << method << " " << target << " -> " << r.body << r.error;
        if (r.body.empty()) return nullptr;
        return r.json();
    }
    // The message of an error answer that must have `status`.
    std::string error_message(const ClientResponse& r, int status) {
        EXPECT_EQ(r.status, status) << r.body << r.error;
        auto v = r.json();
        EXPECT_TRUE(v.is_object() && v.as_object().contains("message")) << r.body;
        return std::string(v.at("message").as_string());
    }

    std::unique_ptr<Server> server;
    std::unique_ptr<TestClient> client;
};

inline std::string v1(const std::string& path) { return "/rest/v1" + path; }
inline std::string v2(const std::string& path) { return "/rest/v2" + path; }
inline std::string str(const json::value& v, const char* key) { return std::string(v.at(key).as_string()); }
inline std::string id_of(IdKind kind, std::uint32_t index) { return seed_id(kind, index); }

// Every key must be present in the object (values may be null).
inline ::testing::AssertionResult has_fields(const json::value& v, std::initializer_list<const char*> keys) {
    if (!v.is_object()) return ::testing::AssertionFailure() << "not an object: " << json::serialize(v);
    for (const char* k : keys)
        if (!v.as_object().contains(k))
            return ::testing::AssertionFailure() << "missing field '" << k << "' in " << json::serialize(v);
    return ::testing::AssertionSuccess();
}

// Pages through an envelope list to the end; returns every result.
std::vector<json::value> walk_envelope(TestClient& client, const std::string& target, int per_page);
// Pages through a bare-array list until a short page; returns every item.
std::vector<json::value> walk_bare(TestClient& client, const std::string& target, int per_page);

}  // namespace thrive::standin::testing
