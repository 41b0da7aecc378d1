// Request building through the dispatcher's dry run: path segments, query
// values, bodies, headers, redaction, and the host allowlist.
#include "dispatch/dispatcher.hpp"
#include "fake_transport.hpp"
#include "http/url_encoding.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace json = boost::json;
using namespace thrive;

namespace {

std::unique_ptr<dispatch::Dispatcher> make(dispatch::PluginConfig config = {},
                                           std::shared_ptr<net::Transport> transport = nullptr) {
    if (config.tenant_id.empty()) config.tenant_id = "eu-west-000000";
    if (config.api_key.empty()) config.api_key = "very-secret-key";
    if (!transport) transport = std::make_shared<thrive::testing::FakeTransport>();
    auto made = dispatch::Dispatcher::create(config, transport);
    EXPECT_TRUE(std::holds_alternative<std::unique_ptr<dispatch::Dispatcher>>(made));
    return std::move(std::get<0>(made));
}

json::object dry(const dispatch::Dispatcher& d, const std::string& tool, const json::object& params) {
    Result r = d.dry_run(tool, json::serialize(params));
    EXPECT_TRUE(r.ok()) << r.envelope_json();
    return r.ok() ? r.output.as_object() : json::object{};
}

TEST(PercentEncoding, KeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(http::percent_encode("a.b-c_d~e"), "a.b-c_d~e");
    EXPECT_EQ(http::percent_encode("jane+doe@example.com"), "jane%2Bdoe%40example.com");
    EXPECT_EQ(http::percent_encode("team/a b"), "team%2Fa%20b");
    EXPECT_EQ(http::percent_encode("50%"), "50%25");
    EXPECT_EQ(http::percent_encode("\xC3\xA9"), "%C3%A9");
}

TEST(Base64, MatchesKnownVectors) {
    EXPECT_EQ(http::base64(""), "");
    EXPECT_EQ(http::base64("f"), "Zg==");
    EXPECT_EQ(http::base64("fo"), "Zm8=");
    EXPECT_EQ(http::base64("foo"), "Zm9v");
    EXPECT_EQ(http::base64("tenant:key"), "dGVuYW50OmtleQ==");
}

TEST(RequestBuilder, PathIdsAreOneEncodedSegment) {
    auto d = make();
    auto out = dry(*d, "thrive_get_user_by_ref", {{"ref", "ops/team lead+1@example.com"}});
    EXPECT_EQ(out["url"], json::value("https://public.api.learn.link/rest/v1/users/ref/ops%2Fteam%20lead%2B1%40example.com"));
    auto member = dry(*d, "thrive_remove_audience_member", {{"audienceId", "Sales/EMEA"}, {"userRef", "a b"}});
    EXPECT_EQ(member["url"], json::value("https://public.api.learn.link/rest/v1/audiences/Sales%2FEMEA/members/a%20b"));
    EXPECT_EQ(member["method"], json::value("DELETE"));
    EXPECT_TRUE(member["body"].is_null());
}

TEST(RequestBuilder, QueryValuesOnlyWhenSetAndTrimmed) {
    auto d = make();
    auto none = dry(*d, "thrive_search_users", {});
    EXPECT_EQ(none["url"], json::value("https://public.api.learn.link/rest/v1/users"));
    auto some = dry(*d, "thrive_search_users", {{"perPage", "25"}, {"status", " active "}, {"statuses", ""}});
    EXPECT_EQ(some["url"], json::value("https://public.api.learn.link/rest/v1/users?perPage=25&status=active"));
    auto flag = dry(*d, "thrive_list_completions", {{"isRPL", false}, {"userId", "u 1"}});
    EXPECT_EQ(flag["url"], json::value("https://public.api.learn.link/rest/v1/learning/completions?isRPL=false&userId=u%201"));
}

TEST(RequestBuilder, VersionTwoForUserWritesAndBodiesOnlyCarrySetFields) {
    auto d = make();
    auto out = dry(*d, "thrive_update_user", {{"ref", "E1"}, {"jobTitle", "Nurse"}, {"sso", "false"},
                                              {"additionalFields", "{\"site\":\"Leeds\"}"}});
    EXPECT_EQ(out["method"], json::value("PATCH"));
    EXPECT_EQ(out["url"], json::value("https://public.api.learn.link/rest/v2/users/ref/E1"));
    // The ref identifies the user in the path; the body carries only changes.
    EXPECT_EQ(out["body"], json::parse(R"({"jobTitle":"Nurse","sso":false,"additionalFields":{"site":"Leeds"}})"));
}

TEST(RequestBuilder, SuspendSendsEmptyObjectWithoutEndDate) {
    auto d = make();
    EXPECT_EQ(dry(*d, "thrive_suspend_user", {{"ref", "E1"}})["body"], json::object());
    EXPECT_EQ(dry(*d, "thrive_suspend_user", {{"ref", "E1"}, {"endDate", "2026-01-31"}})["body"],
              json::parse(R"({"endDate":"2026-01-31"})"));
}

TEST(RequestBuilder, ArrayBodiesAndPatchOperations) {
    auto d = make();
    EXPECT_EQ(dry(*d, "thrive_add_audience_members", {{"audienceId", "a1"}, {"users", "[\"x@example.com\"]"}})["body"],
              json::parse(R"(["x@example.com"])"));
    EXPECT_EQ(dry(*d, "thrive_remove_user_tags", {{"userId", "u1"}, {"tags", json::array{"a", "b"}}})["body"],
              json::parse(R"({"op":"remove","path":"tags","value":["a","b"]})"));
    EXPECT_EQ(dry(*d, "thrive_delete_assignment", {{"assignmentId", "as1"}, {"audienceId", "au1"}})["body"],
              json::parse(R"({"audienceId":"au1"})"));
}

TEST(RequestBuilder, DryRunRedactsTheAuthorizationHeader) {
    auto d = make();
    Result r = d->dry_run("thrive_get_skill_levels", "{}");
    ASSERT_TRUE(r.ok());
    std::string text = r.envelope_json();
    EXPECT_EQ(text.find("very-secret-key"), std::string::npos);
    EXPECT_EQ(text.find(http::base64("eu-west-000000:very-secret-key")), std::string::npos);
    EXPECT_EQ(r.output.at("headers").at("Authorization"), json::value("Basic [REDACTED]"));
    EXPECT_EQ(r.output.at("headers").at("Accept"), json::value("application/json"));
}

TEST(RequestBuilder, RealRequestCarriesBasicAuthAndJsonHeaders) {
    auto transport = std::make_shared<thrive::testing::FakeTransport>();
    transport->answer(200, R"({"id":"1"})");
    auto d = make({}, transport);
    ASSERT_TRUE(d->call("thrive_create_audience", R"({"name":"New starters"})", nullptr).ok());
    auto sent = transport->sent().at(0);
    auto header = [&](const std::string& name) {
        for (auto& [k, v] : sent.headers)
            if (k == name) return v;
        return std::string();
    };
    EXPECT_EQ(header("Authorization"), "Basic " + http::base64("eu-west-000000:very-secret-key"));
    EXPECT_EQ(header("Content-Type"), "application/json");
    EXPECT_EQ(sent.port, 443);
    EXPECT_TRUE(sent.tls);
}

TEST(RequestBuilder, PerCallCredentialsOverrideTheConfiguration) {
    auto d = make();
    Result r = d->dry_run("thrive_get_skill_levels", R"({"tenantId":"us-east-1","apiKey":"other"})");
    ASSERT_TRUE(r.ok());
    // Redacted either way; what matters is that the call validated with them.
    EXPECT_EQ(r.output.at("url"), json::value("https://public.api.learn.link/rest/v1/skills/levels"));
}

TEST(HostChecks, RegionHostsAreAllowedOthersRefusedBeforeAnySocket) {
    auto transport = std::make_shared<thrive::testing::FakeTransport>();
    auto d = make({}, transport);
    EXPECT_TRUE(d->dry_run("thrive_get_skill_levels", R"({"host":"public.api.mea.learn.tech"})").ok());
    Result r = d->call("thrive_get_skill_levels", R"({"host":"evil.example.com"})", nullptr);
    EXPECT_EQ(r.code, ErrorCode::host_not_allowed);
    EXPECT_EQ(r.error.field, "host");
    EXPECT_NE(r.error.message.find("evil.example.com"), std::string::npos);
    EXPECT_TRUE(transport->sent().empty());
    EXPECT_EQ(d->call("thrive_get_skill_levels", R"({"host":"public.api.learn.link/../x"})", nullptr).code,
              ErrorCode::invalid_params);
    EXPECT_EQ(d->call("thrive_get_skill_levels", R"({"host":"public.api.learn.link:8443"})", nullptr).code,
              ErrorCode::host_not_allowed);
}

TEST(HostChecks, OperatorAddedHostsAreAllowed) {
    dispatch::PluginConfig config;
    config.allowed_hosts = {"localhost:8443", "http://127.0.0.1:9000"};
    auto d = make(config);
    auto https = dry(*d, "thrive_get_skill_levels", {{"host", "localhost:8443"}});
    EXPECT_EQ(https["url"], json::value("https://localhost:8443/rest/v1/skills/levels"));
    auto plain = dry(*d, "thrive_get_skill_levels", {{"host", "http://127.0.0.1:9000"}});
    EXPECT_EQ(plain["url"], json::value("http://127.0.0.1:9000/rest/v1/skills/levels"));
    // Plain HTTP only where the operator said so.
    EXPECT_EQ(d->dry_run("thrive_get_skill_levels", R"({"host":"http://localhost:8443"})").code,
              ErrorCode::host_not_allowed);
}

TEST(HostChecks, BadAllowlistEntryFailsConfiguration) {
    dispatch::PluginConfig config;
    config.allowed_hosts = {"https://user@host/path"};
    auto made = dispatch::Dispatcher::create(config, std::make_shared<thrive::testing::FakeTransport>());
    ASSERT_TRUE(std::holds_alternative<Error>(made));
    EXPECT_EQ(std::get<Error>(made).field, "allowedHosts");
}

TEST(Dispatcher, UnknownToolAndMalformedParameters) {
    auto d = make();
    EXPECT_EQ(d->call("thrive_fly", "{}", nullptr).code, ErrorCode::unknown_tool);
    EXPECT_EQ(d->call("thrive_get_skill_levels", "[1,2]", nullptr).code, ErrorCode::invalid_params);
    EXPECT_EQ(d->call("thrive_get_skill_levels", "{not json", nullptr).code, ErrorCode::invalid_params);
    EXPECT_TRUE(d->dry_run("thrive_get_skill_levels", "").ok());
}

TEST(Dispatcher, CredentialsEchoedByTheServiceAreMasked) {
    auto transport = std::make_shared<thrive::testing::FakeTransport>();
    std::string echoed = "<html><body>Authorization: Basic " + http::base64("eu-west-000000:very-secret-key") +
                         " key=very-secret-key</body></html>";
    transport->answer(502, echoed);
    auto d = make({}, transport);
    Result r = d->call("thrive_get_skill_levels", "{}", nullptr);
    EXPECT_EQ(r.code, ErrorCode::http_error);
    EXPECT_EQ(r.error.message.find("very-secret-key"), std::string::npos) << r.error.message;
    EXPECT_EQ(r.error.message.find(http::base64("eu-west-000000:very-secret-key")), std::string::npos);
    EXPECT_NE(r.error.message.find("[REDACTED]"), std::string::npos) << r.error.message;
}

TEST(Dispatcher, MissingCredentialsAreInvalidParams) {
    auto made = dispatch::Dispatcher::create({}, std::make_shared<thrive::testing::FakeTransport>());
    auto& d = std::get<0>(made);
    Result r = d->call("thrive_get_skill_levels", "{}", nullptr);
    EXPECT_EQ(r.code, ErrorCode::invalid_params);
    EXPECT_EQ(r.error.field, "tenantId");
}

}  // namespace
