// Every kind of parameter rule the schemas carry, checked through the real
// registry entries: each failure names the field and says what was expected.
#include "params/validator.hpp"
#include "registry/registry.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace json = boost::json;
using namespace thrive;

namespace {

json::object with_credentials(json::object params) {
    params["tenantId"] = "eu-west-000000";
    params["apiKey"] = "s3cret-api-key";
    return params;
}

std::variant<params::ValidatedParams, Error> run(const std::string& tool, json::object params) {
    const auto* spec = registry::Registry::instance().find(tool);
    EXPECT_NE(spec, nullptr) << tool;
    return params::validate(*spec, with_credentials(std::move(params)));
}

Error expect_error(const std::string& tool, json::object params, const std::string& field) {
    auto r = run(tool, std::move(params));
    EXPECT_TRUE(std::holds_alternative<Error>(r)) << tool << " accepted what it should refuse";
    if (!std::holds_alternative<Error>(r)) return {};
    Error e = std::get<Error>(r);
    EXPECT_EQ(e.code, ErrorCode::invalid_params);
    EXPECT_EQ(e.field, field) << e.message;
    EXPECT_NE(e.message.find(field), std::string::npos) << "message does not name the field: " << e.message;
    return e;
}

params::ValidatedParams expect_ok(const std::string& tool, json::object params) {
    auto r = run(tool, std::move(params));
    if (auto e = std::get_if<Error>(&r)) ADD_FAILURE() << tool << ": " << e->message;
    return std::holds_alternative<params::ValidatedParams>(r) ? std::get<params::ValidatedParams>(r)
                                                               : params::ValidatedParams{};
}

TEST(Validation, RequiredMissingNullAndBlankAreRefused) {
    expect_error("thrive_get_user_by_ref", {}, "ref");
    expect_error("thrive_get_user_by_ref", {{"ref", nullptr}}, "ref");
    auto e = expect_error("thrive_get_user_by_ref", {{"ref", "   "}}, "ref");
    EXPECT_NE(e.message.find("blank"), std::string::npos);
}

TEST(Validation, NullOrBlankOptionalMeansNotGiven) {
    auto v = expect_ok("thrive_search_users", {{"page", nullptr}, {"status", "  "}, {"updatedSince", ""}});
    EXPECT_FALSE(v.has("page"));
    EXPECT_FALSE(v.has("status"));
    EXPECT_FALSE(v.has("updatedSince"));
}

TEST(Validation, UnknownParameterIsNamed) {
    auto e = expect_error("thrive_search_users", {{"perpage", 5}}, "perpage");
    EXPECT_NE(e.message.find("perPage"), std::string::npos) << "should list the real names: " << e.message;
}

TEST(Validation, EnumerationsListTheAllowedValues) {
    auto e = expect_error("thrive_create_user",
                          {{"ref", "E1"}, {"firstName", "A"}, {"lastName", "B"}, {"email", "a@b.c"}, {"role", "admin"}},
                          "role");
    EXPECT_NE(e.message.find("learneradmin"), std::string::npos) << e.message;
    expect_error("thrive_list_enrolments", {{"assignmentId", "a1"}, {"status", "done"}}, "status");
    expect_error("thrive_create_audience", {{"name", "X"}, {"category", "group"}}, "category");
}

TEST(Validation, CommaSeparatedEnumerationsAreCheckedItemByItemAndNormalised) {
    auto v = expect_ok("thrive_search_users", {{"statuses", " active, new "}});
    EXPECT_EQ(*v.get("statuses"), json::value("active,new"));
    auto e = expect_error("thrive_search_users", {{"statuses", "active,retired"}}, "statuses");
    EXPECT_NE(e.message.find("retired"), std::string::npos);
    expect_error("thrive_search_users", {{"omitStatuses", "active,,new"}}, "omitStatuses");
    expect_error("thrive_query_content", {{"types", "video,podcast"}}, "types");
}

TEST(Validation, NumericRangesAndPerPageLimits) {
    auto zero = expect_error("thrive_search_users", {{"perPage", 0}}, "perPage");
    EXPECT_NE(zero.message.find("must be at least 1, got 0"), std::string::npos) << zero.message;
    expect_error("thrive_search_users", {{"perPage", 1001}}, "perPage");
    expect_ok("thrive_search_users", {{"perPage", 1000}});
    expect_error("thrive_list_assignments", {{"perPage", 101}}, "perPage");
    expect_error("thrive_list_enrolments", {{"assignmentId", "a"}, {"perPage", 500}}, "perPage");
    expect_error("thrive_query_content", {{"page", 0}}, "page");
}

TEST(Validation, LanguageModelScalarsAreAcceptedWhenUnambiguous) {
    auto v = expect_ok("thrive_search_users", {{"page", "2"}, {"perPage", " 50 "}});
    EXPECT_EQ(*v.get("page"), json::value(2));
    EXPECT_EQ(*v.get("perPage"), json::value(50));
    auto b = expect_ok("thrive_list_audiences", {{"apiControlled", "TRUE"}});
    EXPECT_EQ(*b.get("apiControlled"), json::value(true));
    auto d = expect_ok("thrive_search_users", {{"page", 3.0}});
    EXPECT_EQ(*d.get("page"), json::value(3));
}

TEST(Validation, AmbiguousScalarsAreRefused) {
    for (json::value bad : {json::value("2.5"), json::value("1e2"), json::value("ten"), json::value(2.5),
                            json::value(true), json::value("0x10")})
        expect_error("thrive_search_users", {{"page", bad}}, "page");
    for (json::value bad : {json::value("yes"), json::value(1), json::value("1"), json::value("on")})
        expect_error("thrive_list_audiences", {{"apiControlled", bad}}, "apiControlled");
}

TEST(Validation, PlainStringsAreNotGuessedAt) {
    // A number is not silently turned into an id, and text is kept as given.
    expect_error("thrive_get_user_by_id", {{"id", 12345}}, "id");
    auto v = expect_ok("thrive_create_user", {{"ref", " E 1/2 "}, {"firstName", "Ann"}, {"lastName", "Lee"},
                                              {"email", "ann@example.com"}, {"jobTitle", "[\"not\",\"parsed\"]"}});
    EXPECT_EQ(*v.get("ref"), json::value(" E 1/2 "));
    EXPECT_EQ(*v.get("jobTitle"), json::value("[\"not\",\"parsed\"]"));
}

TEST(Validation, DotSegmentsAreRefusedInPathIds) {
    expect_error("thrive_remove_audience_member", {{"audienceId", "a1"}, {"userRef", ".."}}, "userRef");
    expect_error("thrive_suspend_user", {{"ref", "."}}, "ref");
    expect_ok("thrive_suspend_user", {{"ref", "..."}});
    expect_ok("thrive_get_user_by_ref", {{"ref", "a..b"}});
}

TEST(Validation, MaxLengthCountsCharactersNotBytes) {
    std::string hundred_accents;
    for (int i = 0; i < 100; ++i) hundred_accents += "\xC3\xA9";  // é, two bytes each
    expect_ok("thrive_create_audience", {{"name", hundred_accents}});
    expect_error("thrive_create_audience", {{"name", std::string(101, 'a')}}, "name");
    expect_error("thrive_update_audience", {{"audienceId", "a"}, {"reference", std::string(101, 'r')}}, "reference");
}

TEST(Validation, DateFormatsPerField) {
    expect_ok("thrive_search_users", {{"updatedSince", "2025-01-31"}});
    expect_ok("thrive_search_users", {{"updatedSince", "2025-01-31T09:30:00.000Z"}});
    expect_ok("thrive_search_users", {{"updatedSince", "2025-01-31T09:30+01:00"}});
    expect_error("thrive_search_users", {{"updatedSince", "31/01/2025"}}, "updatedSince");
    expect_error("thrive_search_users", {{"updatedSince", "2025-02-30"}}, "updatedSince");
    expect_error("thrive_search_users", {{"updatedSince", "2024-01-01T10:00:60Z"}}, "updatedSince");
    expect_ok("thrive_query_activities", {{"timestampFrom", "2025-01-31 09:30:00"}});
    auto e = expect_error("thrive_query_activities", {{"timestampFrom", "2025-01-31T09:30:00"}}, "timestampFrom");
    EXPECT_NE(e.message.find("YYYY-MM-DD hh:mm:ss"), std::string::npos) << e.message;
    expect_ok("thrive_query_cpd_user_summaries", {{"entryDateFrom", "2025-01-01T00:00:00"}, {"entryDateTo", "2025-12-31T23:59:59"}});
    expect_error("thrive_query_cpd_user_summaries", {{"entryDateFrom", "2025-01-01 00:00:00"}, {"entryDateTo", "2025-12-31T23:59:59"}},
                 "entryDateFrom");
    expect_error("thrive_query_cpd_user_summaries", {{"entryDateFrom", "2025-01-01T00:00:00"}}, "entryDateTo");
}

TEST(Validation, EmailRequiredUnlessLoginMethodIsRef) {
    json::object base{{"ref", "E1"}, {"firstName", "A"}, {"lastName", "B"}};
    auto e = expect_error("thrive_create_user", base, "email");
    EXPECT_NE(e.message.find("loginMethod"), std::string::npos);
    auto with_ref = base;
    with_ref["loginMethod"] = "ref";
    expect_ok("thrive_create_user", with_ref);
    auto with_email_login = base;
    with_email_login["loginMethod"] = "email";
    expect_error("thrive_create_user", with_email_login, "email");
}

TEST(Validation, UpdatedAtToNeedsUpdatedAtFrom) {
    expect_error("thrive_list_enrolments", {{"assignmentId", "a"}, {"updatedAtTo", "2025-01-01"}}, "updatedAtTo");
    expect_ok("thrive_list_enrolments", {{"assignmentId", "a"}, {"updatedAtFrom", "2024-01-01"}, {"updatedAtTo", "2025-01-01"}});
}

TEST(Validation, TypesOverrideOmitTypes) {
    auto v = expect_ok("thrive_query_content", {{"types", "video"}, {"omitTypes", "quiz"}});
    EXPECT_TRUE(v.has("types"));
    EXPECT_FALSE(v.has("omitTypes"));
    auto only_omit = expect_ok("thrive_query_content", {{"omitTypes", "quiz"}});
    EXPECT_TRUE(only_omit.has("omitTypes"));
}

TEST(Validation, JsonStringFieldsTakeTextOrParsedValues) {
    auto text = expect_ok("thrive_add_audience_members", {{"audienceId", "a"}, {"users", "[\"a@example.com\",\"E2\"]"}});
    auto parsed = expect_ok("thrive_add_audience_members", {{"audienceId", "a"}, {"users", json::array{"a@example.com", "E2"}}});
    EXPECT_EQ(*text.get("users"), *parsed.get("users"));
    EXPECT_TRUE(text.get("users")->is_array());
    auto e = expect_error("thrive_add_audience_members", {{"audienceId", "a"}, {"users", "[\"a@example.com\","}}, "users");
    EXPECT_NE(e.message.find("not valid JSON"), std::string::npos) << e.message;
}

TEST(Validation, ItemCountsAndNoEmptyReplace) {
    expect_error("thrive_replace_audience_members", {{"audienceId", "a"}, {"users", "[]"}}, "users");
    json::array hundred, hundred_one;
    for (int i = 0; i < 100; ++i) hundred.push_back(json::value("u" + std::to_string(i)));
    hundred_one = hundred;
    hundred_one.push_back("u100");
    expect_ok("thrive_add_audience_members", {{"audienceId", "a"}, {"users", hundred}});
    auto e = expect_error("thrive_add_audience_members", {{"audienceId", "a"}, {"users", hundred_one}}, "users");
    EXPECT_NE(e.message.find("100"), std::string::npos);
    expect_error("thrive_add_user_tags", {{"userId", "u"}, {"tags", "[]"}}, "tags");
    expect_error("thrive_add_user_tags", {{"userId", "u"}, {"tags", "[\"ok\", 7]"}}, "tags");
    expect_error("thrive_add_user_tags", {{"userId", "u"}, {"tags", "{\"tag\":\"x\"}"}}, "tags");
}

TEST(Validation, ManagerPermissionsShapeIsChecked) {
    expect_ok("thrive_add_audience_managers",
              {{"audienceId", "a"},
               {"managers", R"([{"reference":"m@example.com","permissions":{"audienceManager":{"manageContent":true,"assignments":true},"peopleManager":{"canViewLearnPage":true,"insights":false,"manage":false},"administrator":{"canAddAudienceManagers":false}}}])"}});
    auto e = expect_error("thrive_add_audience_managers",
                          {{"audienceId", "a"},
                           {"managers", R"([{"reference":"m@example.com","permissions":{"peopleManager":{"manage":"yes"}}}])"}},
                          "managers");
    EXPECT_NE(e.message.find("managers[0].permissions.peopleManager.manage"), std::string::npos) << e.message;
    auto missing = expect_error("thrive_replace_audience_managers",
                                {{"audienceId", "a"}, {"managers", R"([{"permissions":{}}])"}}, "managers");
    EXPECT_NE(missing.message.find("managers[0].reference"), std::string::npos) << missing.message;
    auto unknown = expect_error("thrive_add_audience_managers",
                                {{"audienceId", "a"}, {"managers", R"([{"reference":"m","permissions":{"superuser":{}}}])"}},
                                "managers");
    EXPECT_NE(unknown.message.find("superuser"), std::string::npos) << unknown.message;
}

TEST(Validation, SkillLevelsAtLeastMinusOne) {
    expect_ok("thrive_update_user_skills", {{"userId", "u"}, {"skills", R"([{"tagName":"care","level":-1,"targetLevel":3}])"}});
    auto e = expect_error("thrive_update_user_skills", {{"userId", "u"}, {"skills", R"([{"tagName":"care","level":-2}])"}},
                          "skills");
    EXPECT_NE(e.message.find("skills[0].level"), std::string::npos) << e.message;
    expect_error("thrive_update_user_skills", {{"userId", "u"}, {"skills", R"([{"level":1}])"}}, "skills");
    expect_error("thrive_update_user_skills", {{"userId", "u"}, {"skills", R"([{"tagName":"x","targetLevel":1.5}])"}}, "skills");
}

TEST(Validation, AdditionalFieldsMustBeAnObjectOfScalars) {
    expect_ok("thrive_update_user", {{"ref", "E1"}, {"additionalFields", "{\"department\":\"Sales\",\"grade\":3}"}});
    expect_error("thrive_update_user", {{"ref", "E1"}, {"additionalFields", "[\"Sales\"]"}}, "additionalFields");
    expect_error("thrive_update_user", {{"ref", "E1"}, {"additionalFields", "{\"nested\":{\"a\":1}}"}}, "additionalFields");
}

TEST(Validation, CredentialValuesAreNeverEchoed) {
    const auto* spec = registry::Registry::instance().find("thrive_get_skill_levels");
    auto r = params::validate(*spec, json::object{{"tenantId", "eu-west-000000"}, {"apiKey", 918273645}});
    ASSERT_TRUE(std::holds_alternative<Error>(r));
    EXPECT_EQ(std::get<Error>(r).field, "apiKey");
    EXPECT_EQ(std::get<Error>(r).message.find("918273645"), std::string::npos) << std::get<Error>(r).message;
}

}  // namespace
