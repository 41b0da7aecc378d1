// Transport and cross-cutting behaviour: auth, routing errors, keep-alive,
// TLS, percent-encoded path segments, the admin endpoints.
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "fixture.hpp"

namespace thrive::standin::testing {
namespace {

using BasicsTest = StandinTest;

TEST_F(BasicsTest, RejectsMissingOrWrongCredentialsWith401) {
    auto r = client->request("GET", v1("/users"), "", false);
    EXPECT_FALSE(error_message(r, 401).empty());
    EXPECT_EQ(r.header("www-authenticate").rfind("Basic", 0), 0u);
    client->set_credentials(seed_facts::kTenantId, "wrong-key");
    error_message(client->get(v1("/users")), 401);
    client->set_credentials("eu-west-999999", seed_facts::kApiKey);
    error_message(client->get(v1("/users")), 401);
    client->set_credentials(seed_facts::kTenantId, seed_facts::kApiKey);
    EXPECT_EQ(client->get(v1("/users")).status, 200);
}

TEST_F(BasicsTest, CustomTenantAndKey) {
    Options o = plain_options();
    o.tenant_id = "us-east-123456";
    o.api_key = "another-key";
    start_server(o);
    error_message(client->get(v1("/users")), 401);
    client->set_credentials("us-east-123456", "another-key");
    EXPECT_EQ(client->get(v1("/users")).status, 200);
}

TEST_F(BasicsTest, UnknownRoutesAre404AndWrongMethodsAre405) {
    EXPECT_NE(error_message(client->get(v1("/nothing-here")), 404).find("/rest/v1/nothing-here"), std::string::npos);
    error_message(client->get("/rest/v3/users"), 404);
    error_message(client->get(v2("/users")), 405);  // v2 only takes the lifecycle writes
    auto r = client->request("PUT", v1("/audiences"));
    error_message(r, 405);
    EXPECT_EQ(r.header("allow"), "GET, POST");
    error_message(client->request("DELETE", v1("/contents")), 405);
    error_message(client->request("GET", "/rest/v1/users/%zz"), 400);
}

TEST_F(BasicsTest, KeepAliveReusesOneConnection) {
    for (int i = 0; i < 5; ++i) ASSERT_EQ(client->get(v1("/skills/levels")).status, 200);
    auto s = server->stats();
    EXPECT_EQ(s.connections, 1u);
    EXPECT_EQ(s.requests, 5u);
    client->config().keep_alive = false;
    for (int i = 0; i < 2; ++i) ASSERT_EQ(client->get(v1("/skills/levels")).status, 200);
    EXPECT_EQ(server->stats().connections, 2u);  // the first reuses the open connection, then closes it
}

TEST_F(BasicsTest, ServesTlsWithItsOwnCaForLocalhostAndLoopbackIps) {
    std::string ca_path = ::testing::TempDir() + "standin-test-ca-" + std::to_string(::getpid()) + ".pem";
    Options o;
    o.tls = true;
    o.ca_file = ca_path;
    start_server(o);
    EXPECT_EQ(server->base_url(), "https://localhost:" + std::to_string(server->port()));
    ASSERT_NE(server->ca_pem().find("BEGIN CERTIFICATE"), std::string::npos);
    std::ifstream in(ca_path);
    std::stringstream written;
    written << in.rdbuf();
    EXPECT_EQ(written.str(), server->ca_pem());

    auto r = client->get(v1("/users/ref/") + encode_segment(seed_facts::kAdminRef));
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(str(r.json(), "email"), seed_facts::kAdminEmail);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(client->get(v1("/skills/levels")).status, 200);
    EXPECT_EQ(server->stats().connections, 1u);

    ClientConfig by_ip;
    by_ip.port = server->port();
    by_ip.tls = true;
    by_ip.ca_pem = server->ca_pem();
    by_ip.server_name = "127.0.0.1";
    TestClient ip_client(by_ip);
    EXPECT_EQ(ip_client.get(v1("/skills/levels")).status, 200);

    ClientConfig wrong_name = by_ip;
    wrong_name.server_name = "thrive.example";
    TestClient bad_name(wrong_name);
    auto bad = bad_name.get(v1("/skills/levels"));
    EXPECT_EQ(bad.status, 0);
    EXPECT_NE(bad.error.find("handshake"), std::string::npos);

    ClientConfig untrusted = by_ip;
    untrusted.ca_pem = "";
    TestClient no_ca(untrusted);
    EXPECT_EQ(no_ca.get(v1("/skills/levels")).status, 0);
}

TEST_F(BasicsTest, PlainHttpHasNoCa) {
    EXPECT_TRUE(server->ca_pem().empty());
    EXPECT_EQ(server->base_url(), "http://localhost:" + std::to_string(server->port()));
}

TEST_F(BasicsTest, PercentEncodedSegmentsResolve) {
    // A ref with '/' and a space.
    auto u = get_json(v1("/users/ref/") + encode_segment(seed_facts::kSlashRef));
    EXPECT_EQ(str(u, "ref"), seed_facts::kSlashRef);
    auto patched = send_json("PATCH", v2("/users/ref/") + encode_segment(seed_facts::kSlashRef),
                             json::object{{"jobTitle", "Senior IT Contractor"}}, 200);
    EXPECT_EQ(str(patched, "jobTitle"), "Senior IT Contractor");
    // An email with '+' names a member to remove.
    std::string fire = seed_id(IdKind::audience, seed_facts::kFireSafetyAudience);
    send_json("POST", v1("/audiences/" + fire + "/members"), json::array{seed_facts::kPlusEmail}, 200);
    auto r = client->del(v1("/audiences/" + fire + "/members/") + encode_segment(seed_facts::kPlusEmail));
    EXPECT_EQ(r.status, 204) << r.body;
    // An audience reference with '/'.
    auto a = get_json(v1("/audiences/") + encode_segment(seed_facts::kLeadershipRef));
    EXPECT_EQ(str(a, "id"), seed_id(IdKind::audience, seed_facts::kLeadershipAudience));
    // Unencoded, the '/' splits the path into another route.
    EXPECT_EQ(client->get(v1("/audiences/AUD-LEADERSHIP/2025")).status, 404);
}

TEST_F(BasicsTest, AdminEndpointsOverHttp) {
    ASSERT_EQ(client->get(v1("/contents")).status, 200);
    auto stats = get_json("/_standin/stats");
    EXPECT_EQ(stats.at("requests").to_number<std::uint64_t>(), 1u);  // admin requests are not counted
    EXPECT_EQ(stats.at("writesApplied").to_number<std::uint64_t>(), 0u);
    EXPECT_EQ(stats.at("connections").to_number<std::uint64_t>(), 1u);

    EXPECT_EQ(client->request("GET", "/_standin/stats", "", false).status, 401);
    send_json("POST", "/_standin/faults", json::object{{"fault", "status"}, {"status", 418}, {"count", 2}}, 200);
    EXPECT_EQ(client->get(v1("/contents")).status, 418);
    auto cleared = send_json("DELETE", "/_standin/faults", json::object{}, 200);
    EXPECT_EQ(cleared.at("cleared").to_number<std::uint64_t>(), 1u);
    EXPECT_EQ(client->get(v1("/contents")).status, 200);
    send_json("POST", "/_standin/faults", json::object{{"fault", "bogus"}}, 400);

    send_json("POST", v2("/users"),
              json::object{{"ref", "ADM-1"}, {"firstName", "A"}, {"lastName", "B"}, {"email", "adm1@example.com"}}, 201);
    EXPECT_EQ(server->stats().writes_applied, 1u);
    send_json("POST", "/_standin/reset", json::object{}, 200);
    EXPECT_EQ(client->get(v1("/users/ref/ADM-1")).status, 404);
    EXPECT_EQ(server->stats().writes_applied, 0u);

    auto rl = send_json("POST", "/_standin/rate-limit", json::object{{"perSecond", 0.5}, {"burst", 1}}, 200);
    EXPECT_EQ(rl.at("burst").as_int64(), 1);
    EXPECT_EQ(client->get(v1("/contents")).status, 200);
    EXPECT_EQ(client->get(v1("/contents")).status, 429);
    EXPECT_EQ(client->get("/_standin/stats").status, 200);  // admin is never rate limited
    send_json("POST", "/_standin/rate-limit", json::object{{"perSecond", 0}}, 200);
    EXPECT_EQ(client->get(v1("/contents")).status, 200);
    EXPECT_EQ(client->get("/_standin/nothing").status, 404);
    EXPECT_EQ(client->request("GET", "/_standin/reset").status, 405);
}

TEST_F(BasicsTest, ConcurrentClientsAreServed) {
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 6; ++t)
        threads.emplace_back([&, t] {
            auto c = make_client();
            for (int i = 0; i < 10; ++i) {
                if (i % 2 == 0) {
                    if (c->get(v1("/users?perPage=5")).status == 200) ++ok;
                } else {
                    auto body = json::serialize(json::array{"EMP00" + std::to_string(10 + t)});
                    if (c->request("POST", v1("/audiences/AUD-EMPTY/members"), body).status == 200) ++ok;
                }
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 60);
    auto members = get_json(v1("/audiences/AUD-EMPTY/members"));
    EXPECT_EQ(members.at("pagination").at("totalResults").as_int64(), 6);
    EXPECT_EQ(server->stats().writes_applied, 6u);  // re-adding a member changes nothing
}

TEST_F(BasicsTest, StopAndRestartOnAnotherPort) {
    auto port = server->port();
    server->stop();
    EXPECT_NE(client->get(v1("/users")).status, 200);
    server->start();
    client = make_client();
    EXPECT_EQ(client->get(v1("/users")).status, 200);
    (void)port;
}

}  // namespace
}  // namespace thrive::standin::testing
