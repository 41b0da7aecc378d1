// What comes back, mapped: every output mapping, empty and non-JSON bodies,
// error statuses, transport failures.
#include "http/response_mapper.hpp"
#include "registry/registry.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace json = boost::json;
using namespace thrive;

namespace {

Result map(const std::string& tool, int status, const std::string& body, http::Headers headers = {}) {
    net::TransportResult r;
    r.response.status = status;
    r.response.body = body;
    r.response.headers = std::move(headers);
    return http::map_response(*registry::Registry::instance().find(tool), r);
}

TEST(ResponseMapper, RecordKeepsUnknownFieldsAndLooseTypes) {
    Result r = map("thrive_get_user_by_id", 200, R"({"id":"u1","agreedTerms":"2024-01-01","audiences":[{"id":"a"}],"x":1})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.output, json::parse(R"({"user":{"id":"u1","agreedTerms":"2024-01-01","audiences":[{"id":"a"}],"x":1}})"));
}

TEST(ResponseMapper, EnvelopeAndBareArrayLists) {
    Result page = map("thrive_list_tags", 200, R"({"results":[{"id":"t"}],"pagination":{"totalResults":1,"totalPages":1,"page":1,"perPage":100}})");
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page.output.at("results").as_array().size(), 1u);
    EXPECT_EQ(page.output.at("pagination").at("totalPages"), json::value(1));
    Result list = map("thrive_list_assignments", 200, R"([{"id":"a1"},{"id":"a2"}])");
    ASSERT_TRUE(list.ok());
    EXPECT_EQ(list.output.at("assignments").as_array().size(), 2u);
    EXPECT_EQ(map("thrive_list_assignments", 200, R"({"results":[]})").code, ErrorCode::bad_response);
    EXPECT_EQ(map("thrive_list_tags", 200, R"([1])").code, ErrorCode::bad_response);
}

TEST(ResponseMapper, EmptyDeleteBodiesAreSuccess) {
    for (int status : {200, 204}) {
        Result r = map("thrive_delete_user", status, "");
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r.output, json::parse(R"({"success":true})"));
    }
    EXPECT_TRUE(map("thrive_remove_audience_member", 200, "not json at all").ok());
}

TEST(ResponseMapper, StatusMessageWithFallback) {
    EXPECT_EQ(map("thrive_add_user_tags", 200, R"({"status":200,"message":"Tags added"})").output,
              json::parse(R"({"status":200,"message":"Tags added"})"));
    EXPECT_EQ(map("thrive_update_user_skills", 202, "").output, json::parse(R"({"status":202,"message":""})"));
}

TEST(ResponseMapper, BulkAndBodyMappings) {
    Result bulk = map("thrive_add_audience_members", 200,
                      R"({"success":{"count":1,"entities":[{"reference":"a"}]},"failure":{"count":0,"entities":[]}})");
    ASSERT_TRUE(bulk.ok());
    EXPECT_EQ(bulk.output.at("result").at("success").at("count"), json::value(1));
    Result created = map("thrive_create_completion", 201, R"({"statementId":"st-1"})");
    EXPECT_EQ(created.output, json::parse(R"({"statementId":"st-1"})"));
}

TEST(ResponseMapper, NonJsonSuccessBodyIsBadResponse) {
    Result r = map("thrive_get_tag", 200, "{\"id\": ");
    EXPECT_EQ(r.code, ErrorCode::bad_response);
    EXPECT_EQ(r.error.http_status, 200);
    EXPECT_EQ(map("thrive_get_tag", 200, "").code, ErrorCode::bad_response);
}

TEST(ResponseMapper, ErrorStatusesCarryTheServicesMessage) {
    Result nf = map("thrive_get_tag", 404, R"({"message":"Tag not found"})");
    EXPECT_EQ(nf.code, ErrorCode::not_found);
    EXPECT_EQ(nf.error.http_status, 404);
    EXPECT_NE(nf.error.message.find("Tag not found"), std::string::npos);
    Result alt = map("thrive_get_tag", 400, R"({"error":"perPage out of range"})");
    EXPECT_EQ(alt.code, ErrorCode::http_error);
    EXPECT_NE(alt.error.message.find("perPage out of range"), std::string::npos);
    EXPECT_EQ(map("thrive_get_tag", 401, "").code, ErrorCode::auth_failed);
    EXPECT_EQ(map("thrive_get_tag", 403, "{}").code, ErrorCode::auth_failed);
    Result html = map("thrive_get_tag", 502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
    EXPECT_EQ(html.code, ErrorCode::http_error);
    EXPECT_NE(html.error.message.find("502 Bad Gateway (HTML page)"), std::string::npos) << html.error.message;
}

TEST(ResponseMapper, RateLimitedCarriesRetryAfter) {
    Result r = map("thrive_get_tag", 429, R"({"message":"slow down"})", {{"retry-after", "7"}});
    EXPECT_EQ(r.code, ErrorCode::rate_limited);
    EXPECT_EQ(r.error.retry_after_ms, 7000);
    auto env = r.envelope();
    EXPECT_EQ(env.at("error").at("retryAfterMs"), json::value(7000));
    EXPECT_EQ(env.at("error").at("code"), json::value("rate_limited"));
}

TEST(ResponseMapper, TransportFailuresMapToTheirCodes) {
    const auto& tool = *registry::Registry::instance().find("thrive_get_tag");
    auto code = [&](net::TransportError e) {
        net::TransportResult r;
        r.error = e;
        r.message = "x";
        return http::map_response(tool, r).code;
    };
    EXPECT_EQ(code(net::TransportError::timeout), ErrorCode::timeout);
    EXPECT_EQ(code(net::TransportError::tls), ErrorCode::tls_error);
    EXPECT_EQ(code(net::TransportError::network), ErrorCode::network_error);
    EXPECT_EQ(code(net::TransportError::cancelled), ErrorCode::cancelled);
    EXPECT_EQ(code(net::TransportError::too_large), ErrorCode::bad_response);
}

TEST(ResultEnvelope, FailureShape) {
    Result r = Result::failure(Error{ErrorCode::invalid_params, "users: must not be an empty array", "users", 0, 0});
    EXPECT_EQ(r.envelope(), json::parse(R"({"success":false,"output":{},"error":{"code":"invalid_params","message":"users: must not be an empty array","field":"users"}})"));
}

}  // namespace
