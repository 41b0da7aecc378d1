// The thrive-standin program: flags, the JSON start line, request log, signals.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "test_client.hpp"

extern char** environ;

namespace thrive::standin::testing {
namespace {

namespace json = boost::json;

struct Child {
    pid_t pid = -1;
    int out = -1;  // stdout read end
    int err = -1;  // stderr read end
};

Child spawn(const std::vector<std::string>& args, const std::vector<std::string>& extra_env = {}) {
    int out[2], err[2];
    EXPECT_EQ(::pipe(out), 0);
    EXPECT_EQ(::pipe(err), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, err[0]);
    std::vector<std::string> all{THRIVE_STANDIN_BIN};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e)
        if (std::string(*e).rfind("THRIVE_STANDIN_API_KEY=", 0) != 0) env_strings.emplace_back(*e);
    env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    Child c;
    EXPECT_EQ(posix_spawn(&c.pid, all[0].c_str(), &actions, nullptr, argv.data(), envp.data()), 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    c.out = out[0];
    c.err = err[0];
    return c;
}

// Reads one line (up to 10 s).
std::string read_line(int fd) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        char c;
        if (::read(fd, &c, 1) != 1) break;
        if (c == '\n') return line;
        line.push_back(c);
    }
    return line;
}

std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    return out;
}

int stop_and_wait(Child& c, int sig) {
    ::kill(c.pid, sig);
    int status = 0;
    ::waitpid(c.pid, &status, 0);
    return status;
}

TEST(Program, ServesHttpsPrintsOneJsonLineLogsAndStopsOnSigterm) {
    std::string ca = ::testing::TempDir() + "program-test-ca-" + std::to_string(::getpid()) + ".pem";
    Child c = spawn({"--ca-file", ca, "--api-key", "secret-key-123", "--tenant", "eu-west-424242", "--seed", "11"});
    auto line = read_line(c.out);
    auto info = json::parse(line).as_object();
    EXPECT_EQ(info.size(), 4u) << line;
    EXPECT_EQ(info.at("tenantId").as_string(), "eu-west-424242");
    EXPECT_EQ(info.at("caFile").as_string(), ca);
    auto port = static_cast<std::uint16_t>(info.at("port").to_number<int>());
    EXPECT_EQ(info.at("url").as_string(), "https://localhost:" + std::to_string(port));
    EXPECT_EQ(line.find("secret-key-123"), std::string::npos);

    std::ifstream in(ca);
    std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ClientConfig cfg;
    cfg.port = port;
    cfg.tls = true;
    cfg.ca_pem = pem;
    cfg.username = "eu-west-424242";
    cfg.password = "secret-key-123";
    TestClient client(cfg);
    auto r = client.get("/rest/v1/users?perPage=3");
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.json().at("pagination").at("totalResults").as_int64(), 250);
    client.set_credentials("eu-west-424242", "standin-demo-key");
    EXPECT_EQ(client.get("/rest/v1/users").status, 401);

    EXPECT_EQ(stop_and_wait(c, SIGTERM), 0);
    std::string log = read_all(c.err);
    EXPECT_NE(log.find("GET /rest/v1/users 200"), std::string::npos) << log;
    EXPECT_NE(log.find("GET /rest/v1/users 401"), std::string::npos) << log;
    EXPECT_EQ(log.find("secret-key-123"), std::string::npos) << log;
    EXPECT_EQ(log.find("Basic "), std::string::npos) << log;
    EXPECT_EQ(read_line(c.out), "");  // exactly one line on stdout
    ::close(c.out);
    ::close(c.err);
    std::remove(ca.c_str());
}

TEST(Program, PlainHttpWithKeyFromEnvironmentStopsOnSigint) {
    Child c = spawn({"--http", "--bind", "127.0.0.1", "--rate-limit", "1000"}, {"THRIVE_STANDIN_API_KEY=env-key"});
    auto info = json::parse(read_line(c.out)).as_object();
    EXPECT_TRUE(info.at("caFile").is_null());
    EXPECT_EQ(info.at("tenantId").as_string(), "eu-west-000000");
    ClientConfig cfg;
    cfg.port = static_cast<std::uint16_t>(info.at("port").to_number<int>());
    cfg.password = "env-key";
    TestClient client(cfg);
    EXPECT_EQ(client.get("/rest/v1/skills/levels").status, 200);
    EXPECT_EQ(stop_and_wait(c, SIGINT), 0);
    EXPECT_EQ(read_all(c.err).find("env-key"), std::string::npos);
    ::close(c.out);
    ::close(c.err);
}

TEST(Program, HelpAndBadFlags) {
    Child help = spawn({"--help"});
    std::string usage = read_all(help.out);
    int status = 0;
    ::waitpid(help.pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    for (const char* flag : {"--port", "--bind", "--http", "--tenant", "--api-key", "--ca-file", "--state-file", "--seed",
                             "--rate-limit", "THRIVE_STANDIN_API_KEY"})
        EXPECT_NE(usage.find(flag), std::string::npos) << flag;
    ::close(help.out);
    ::close(help.err);

    for (std::vector<std::string> bad : {std::vector<std::string>{"--bogus"}, {"--port", "http"}, {"--port"}}) {
        Child c = spawn(bad);
        ::waitpid(c.pid, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << bad[0];
        ::close(c.out);
        ::close(c.err);
    }
}

}  // namespace
}  // namespace thrive::standin::testing
