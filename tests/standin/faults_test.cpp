// Faults, rate limiting, write counting and the state file.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

#include "fixture.hpp"

namespace thrive::standin::testing {
namespace {

using FaultsTest = StandinTest;

json::object user_body(const std::string& ref) {
    return json::object{{"ref", ref}, {"firstName", "Fay"}, {"lastName", "Ult"}, {"email", ref + "@example.com"}};
}

FaultSpec fault(Fault f) {
    FaultSpec s;
    s.fault = f;
    return s;
}

TEST_F(FaultsTest, LatencyDelaysThenAnswers) {
    auto spec = fault(Fault::latency);
    spec.latency_ms = 300;
    server->add_fault(spec);
    auto t0 = std::chrono::steady_clock::now();
    auto r = client->get(v1("/skills/levels"));
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(r.status, 200);
    EXPECT_GE(ms, 290);
    t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(client->get(v1("/skills/levels")).status, 200);  // count 1: used up
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count(), 290);
}

TEST_F(FaultsTest, StopDoesNotWaitForALatencyFault) {
    auto spec = fault(Fault::latency);
    spec.latency_ms = 30'000;
    server->add_fault(spec);
    std::thread caller([&] {
        auto r = client->get(v1("/skills/levels"));
        EXPECT_EQ(r.status, 0);  // dropped by the stop
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto t0 = std::chrono::steady_clock::now();
    server->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
    caller.join();
}

TEST_F(FaultsTest, StatusAnswersWithoutApplying) {
    auto spec = fault(Fault::status);
    spec.status = 503;
    spec.retry_after_seconds = 7;
    spec.method = "POST";
    spec.path_prefix = "/rest/v2/users";
    server->add_fault(spec);
    EXPECT_EQ(client->get(v1("/users?perPage=1")).status, 200);  // GET does not match
    auto r = client->post(v2("/users"), user_body("FLT-1"));
    EXPECT_FALSE(error_message(r, 503).empty());
    EXPECT_EQ(r.header("retry-after"), "7");
    EXPECT_EQ(client->get(v1("/users/ref/FLT-1")).status, 404);
    EXPECT_EQ(server->stats().writes_applied, 0u);
    EXPECT_EQ(client->post(v2("/users"), user_body("FLT-1")).status, 201);
    EXPECT_EQ(server->stats().writes_applied, 1u);
}

TEST_F(FaultsTest, StatusWithoutRetryAfterAndUntilCleared) {
    auto spec = fault(Fault::status);
    spec.status = 500;
    spec.count = -1;
    server->add_fault(spec);
    for (int i = 0; i < 4; ++i) {
        auto r = client->get(v1("/contents"));
        EXPECT_EQ(r.status, 500);
        EXPECT_TRUE(r.header("retry-after").empty());
    }
    server->clear_faults();
    EXPECT_EQ(client->get(v1("/contents")).status, 200);
}

TEST_F(FaultsTest, ResetBeforeReadDropsTheConnectionWithoutApplying) {
    server->add_fault(fault(Fault::reset_before_read));
    auto r = client->post(v2("/users"), user_body("FLT-2"));
    EXPECT_EQ(r.status, 0);
    EXPECT_FALSE(r.error.empty());
    EXPECT_EQ(server->stats().writes_applied, 0u);
    EXPECT_EQ(client->get(v1("/users/ref/FLT-2")).status, 404);  // a new connection works
    EXPECT_EQ(server->stats().connections, 2u);
}

TEST_F(FaultsTest, ResetAfterApplyAppliesOnceAndDropsTheAnswer) {
    server->add_fault(fault(Fault::reset_after_apply));
    auto r = client->post(v2("/users"), user_body("FLT-3"));
    EXPECT_EQ(r.status, 0);
    EXPECT_FALSE(r.error.empty());
    EXPECT_EQ(server->stats().writes_applied, 1u);
    EXPECT_EQ(client->get(v1("/users/ref/FLT-3")).status, 200);  // it was applied
    error_message(client->post(v2("/users"), user_body("FLT-3")), 409);  // a blind retry would conflict
    EXPECT_EQ(server->stats().writes_applied, 1u);
}

TEST_F(FaultsTest, TruncatedBodyPromisesMoreThanItSends) {
    server->add_fault(fault(Fault::truncated_body));
    auto r = client->get(v1("/users?perPage=5"));
    EXPECT_FALSE(r.error.empty());
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(r.status, 200);  // the status line arrived
    EXPECT_EQ(client->get(v1("/users?perPage=5")).status, 200);
    // An empty answer (204) is truncated as well.
    server->add_fault(fault(Fault::truncated_body));
    auto d = client->del(v1("/audiences/") + seed_facts::kFireSafetyRef + "/members/" + seed_facts::kLearnerRef);
    EXPECT_FALSE(d.error.empty());
    EXPECT_EQ(server->stats().writes_applied, 1u);
}

TEST_F(FaultsTest, HtmlErrorIsAGatewayPage) {
    auto spec = fault(Fault::html_error);
    spec.method = "PATCH";
    server->add_fault(spec);
    auto r = client->patch(v2("/users/ref/EMP0020"), json::object{{"jobTitle", "Gateway"}});
    EXPECT_EQ(r.status, 502);
    EXPECT_EQ(r.header("content-type").rfind("text/html", 0), 0u);
    EXPECT_NE(r.body.find("<html>"), std::string::npos);
    EXPECT_THROW(r.json(), std::exception);
    EXPECT_NE(str(get_json(v1("/users/ref/EMP0020")), "jobTitle"), "Gateway");
    EXPECT_EQ(server->stats().writes_applied, 0u);
}

TEST_F(FaultsTest, MalformedJsonIsA200ThatDoesNotParse) {
    server->add_fault(fault(Fault::malformed_json));
    auto r = client->get(v1("/users"));
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.error.empty());
    EXPECT_FALSE(r.body.empty());
    EXPECT_THROW(r.json(), std::exception);
    EXPECT_NO_THROW(client->get(v1("/users")).json());
}

TEST_F(FaultsTest, FaultsApplyInOrderOnePerRequest) {
    auto first = fault(Fault::status);
    first.status = 502;
    auto second = fault(Fault::status);
    second.status = 504;
    server->add_fault(first);
    server->add_fault(second);
    EXPECT_EQ(client->get(v1("/contents")).status, 502);
    EXPECT_EQ(client->get(v1("/contents")).status, 504);
    EXPECT_EQ(client->get(v1("/contents")).status, 200);
    EXPECT_EQ(server->stats().requests, 3u);
}

TEST_F(FaultsTest, RateLimitAnswers429WithRetryAfter) {
    server->set_rate_limit(0.5, 3);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(client->get(v1("/skills/levels")).status, 200);
    auto r = client->get(v1("/skills/levels"));
    EXPECT_FALSE(error_message(r, 429).empty());
    int retry_after = std::stoi(r.header("retry-after"));
    EXPECT_GE(retry_after, 1);
    EXPECT_LE(retry_after, 2);
    // A limited write is not applied.
    EXPECT_EQ(client->post(v2("/users"), user_body("RL-1")).status, 429);
    EXPECT_EQ(server->stats().writes_applied, 0u);
    server->set_rate_limit(0, 20);
    EXPECT_EQ(client->get(v1("/users/ref/RL-1")).status, 404);
}

TEST_F(FaultsTest, RateLimitFromOptionsRefills) {
    Options o = plain_options();
    o.rate_limit_per_second = 2;
    o.rate_limit_burst = 2;
    start_server(o);
    int limited = 0;
    for (int i = 0; i < 6; ++i) limited += client->get(v1("/skills/levels")).status == 429;
    EXPECT_GE(limited, 3);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // one token takes 0.5 s
    EXPECT_EQ(client->get(v1("/skills/levels")).status, 200);
}

TEST_F(FaultsTest, WritesAppliedCountsOnlyChanges) {
    EXPECT_EQ(client->get(v1("/users")).status, 200);
    error_message(client->post(v2("/users"), json::object{{"ref", "X"}}), 400);
    error_message(client->del(v2("/users/ref/NOBODY")), 404);
    EXPECT_EQ(server->stats().writes_applied, 0u);
    EXPECT_EQ(client->post(v2("/users"), user_body("W-1")).status, 201);
    EXPECT_EQ(client->patch(v2("/users/ref/W-1"), json::object{{"jobTitle", "T"}}).status, 200);
    EXPECT_EQ(client->request("POST", v1("/audiences/AUD-EMPTY/members"), R"(["W-1"])").status, 200);
    EXPECT_EQ(client->request("POST", v1("/audiences/AUD-EMPTY/members"), R"(["W-1"])").status, 200);  // no change
    EXPECT_EQ(client->request("POST", v1("/audiences/AUD-EMPTY/members"), R"(["ghost"])").status, 200);  // all failed
    EXPECT_EQ(client->del(v2("/users/ref/W-1")).status, 204);
    auto s = server->stats();
    EXPECT_EQ(s.writes_applied, 4u);
    EXPECT_EQ(s.requests, 9u);
    server->reset();
    EXPECT_EQ(server->stats().writes_applied, 0u);
    EXPECT_EQ(server->stats().requests, 0u);
    EXPECT_EQ(client->get(v1("/users/ref/W-1")).status, 404);
}

TEST_F(FaultsTest, StateFileSurvivesARestart) {
    std::string path = ::testing::TempDir() + "standin-state-" + std::to_string(::getpid()) + ".json";
    std::remove(path.c_str());
    Options o = plain_options();
    o.state_file = path;
    start_server(o);
    {
        std::ifstream seeded(path);
        EXPECT_TRUE(seeded.good()) << "the seeded state is written at start";
    }
    auto u = send_json("POST", v2("/users"), user_body("PERSIST-1"), 201);
    send_json("POST", v1("/audiences/AUD-EMPTY/members"), json::array{"PERSIST-1"}, 200);
    auto tagged = send_json("POST", v1("/users/" + str(u, "id") + "/tags"), json::object{{"tags", json::array{"persisted"}}}, 200);
    server->stop();

    start_server(o);  // a new server object reads the file
    auto again = get_json(v1("/users/ref/PERSIST-1"));
    EXPECT_EQ(str(again, "id"), str(u, "id"));
    auto members = get_json(v1("/audiences/AUD-EMPTY/members"));
    ASSERT_EQ(members.at("results").as_array().size(), 1u);
    EXPECT_EQ(str(members.at("results").at(0), "userId"), str(u, "id"));
    // New ids keep counting: no collision with ids made before the restart.
    auto other = send_json("POST", v2("/users"), user_body("PERSIST-2"), 201);
    EXPECT_NE(str(other, "id"), str(u, "id"));
    // No temporary files are left beside it.
    namespace fs = std::filesystem;
    for (const auto& entry : fs::directory_iterator(fs::path(path).parent_path()))
        EXPECT_NE(entry.path().filename().string().rfind(fs::path(path).filename().string() + ".tmp", 0), 0u)
            << entry.path();

    // reset() goes back to the seed, in the file too.
    server->reset();
    server->stop();
    start_server(o);
    EXPECT_EQ(client->get(v1("/users/ref/PERSIST-1")).status, 404);
    server->stop();

    // A corrupt file is refused at start.
    {
        std::ofstream bad(path, std::ios::trunc);
        bad << "{not json";
    }
    Server broken(o);
    EXPECT_THROW(broken.start(), std::runtime_error);
    std::remove(path.c_str());
}

TEST_F(FaultsTest, FaultsWorkOverTls) {
    Options o;
    o.tls = true;
    start_server(o);
    server->add_fault(fault(Fault::reset_after_apply));
    auto r = client->post(v2("/users"), user_body("TLS-1"));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(client->get(v1("/users/ref/TLS-1")).status, 200);
    server->add_fault(fault(Fault::truncated_body));
    EXPECT_FALSE(client->get(v1("/users")).error.empty());
    server->add_fault(fault(Fault::html_error));
    EXPECT_EQ(client->get(v1("/users")).status, 502);
    EXPECT_EQ(client->get(v1("/users")).status, 200);
}

// Two servers (two `thrive` processes, in real use) sharing one state file
// see each other's writes and never hand out the same id.
TEST_F(FaultsTest, ServersSharingAStateFileSeeEachOthersWrites) {
    std::string path = ::testing::TempDir() + "standin-shared-" + std::to_string(::getpid()) + ".json";
    std::remove(path.c_str());
    Options o = plain_options();
    o.state_file = path;
    start_server(o);
    Server second(o);
    second.start();
    ClientConfig c;
    c.port = second.port();
    TestClient other(c);

    auto a = send_json("POST", v2("/users"), user_body("SHARED-A"), 201);
    auto b_response = other.request("POST", v2("/users"), json::serialize(user_body("SHARED-B")));
    ASSERT_EQ(b_response.status, 201) << b_response.body;
    auto b = b_response.json();
    EXPECT_NE(str(a, "id"), str(b, "id"));
    EXPECT_EQ(str(get_json(v1("/users/ref/SHARED-B")), "id"), str(b, "id"));
    EXPECT_EQ(other.get(v1("/users/ref/SHARED-A")).status, 200);
    second.stop();
    server->stop();
    std::remove(path.c_str());
    std::remove((path + ".lock").c_str());
}

}  // namespace
}  // namespace thrive::standin::testing
