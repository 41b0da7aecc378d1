// Compliance assignments and their enrolments. Creating an assignment enrols
// the audience's current members; deleting one (a DELETE with an {audienceId}
// body) marks it deleted, hides it from lists and archives live enrolments.
#include <algorithm>

#include "domain.hpp"
#include "routes.hpp"

namespace thrive::standin {
namespace {

constexpr std::int64_t kMaxPeriodDays = 3650;

json::object& live_assignment_or_404(State& s, const std::string& id) {
    auto* a = s.assignments.find(id);
    if (!a || bool_of(*a, "isDeleted")) not_found("Assignment '" + id + "' not found");
    return *a;
}

std::string content_or_404(State& s, const std::string& id) {
    if (!s.contents.find(id)) not_found("Content '" + id + "' not found");
    return id;
}

json::array content_id_list(State& s, const json::value& v) {
    auto ids = string_list(v, "alternativeContentIds", true);
    json::array out;
    for (const auto& id : ids) out.emplace_back(content_or_404(s, id));
    return out;
}

std::optional<std::int64_t> period(const json::object& b, const char* key, std::int64_t min) {
    auto v = body_int(b, key);
    if (v && (*v < min || *v > kMaxPeriodDays))
        bad_request(std::string(key) + " must be between " + std::to_string(min) + " and " +
                    std::to_string(kMaxPeriodDays) + " days");
    return v;
}

// The audience a body's audienceId names (id or reference), as an id.
std::string body_audience_id(State& s, const json::object& b) {
    auto key = required_string(b, "audienceId");
    auto* a = find_audience(s, key);
    if (!a) not_found("Audience '" + key + "' not found");
    return str_of(*a, "id");
}

Reply list_assignments(RequestContext& ctx) {
    State& s = ctx.state;
    auto paging = read_paging(ctx, 100, 100);
    auto since = query_iso(ctx, "updatedSince");
    std::optional<std::string> audience;
    if (auto key = ctx.query("audienceId")) {
        auto* a = find_audience(s, *key);
        audience = a ? str_of(*a, "id") : *key;
    }
    std::vector<json::object> out;
    for (const auto& a : s.assignments.items()) {
        if (bool_of(a, "isDeleted")) continue;
        if (audience && str_of(a, "audienceId") != *audience) continue;
        if (since && time_of(a, "updatedAt") < *since) continue;
        out.push_back(public_view(a));
    }
    return Reply::json_body(bare_page(out, paging));
}

Reply create_assignment(RequestContext& ctx) {
    State& s = ctx.state;
    const auto& b = ctx.body_object();
    std::string audience_id = body_audience_id(s, b);
    std::string content_id = content_or_404(s, required_string(b, "contentId"));
    json::array alternatives;
    if (b.contains("alternativeContentIds") && !b.at("alternativeContentIds").is_null())
        alternatives = content_id_list(s, b.at("alternativeContentIds"));
    auto hide = body_bool(b, "hideAlternativeContent").value_or(false);
    auto completion_period = period(b, "completionPeriod", 1).value_or(30);
    auto recurrence = period(b, "recurrence", 0);
    for (const auto& a : s.assignments.items())
        if (!bool_of(a, "isDeleted") && str_of(a, "audienceId") == audience_id &&
            str_of(a, "primaryContentId") == content_id)
            conflict("Assignment for this audience and content already exists (" + str_of(a, "id") + ")");
    Millis now = now_millis();
    json::object a;
    a["id"] = s.new_id(IdKind::assignment);
    a["audienceId"] = audience_id;
    a["primaryContentId"] = content_id;
    a["alternativeContentIds"] = std::move(alternatives);
    a["hideAlternativeContent"] = hide;
    a["completionPeriod"] = completion_period;
    a["recurrence"] = recurrence ? json::value(*recurrence) : json::value(nullptr);
    a["isActive"] = true;
    a["isDeleted"] = false;
    a["createdAt"] = format_timestamp(now);
    a["deletedAt"] = nullptr;
    a["updatedAt"] = format_timestamp(now);
    std::string id = str_of(a, "id");
    s.assignments.add(std::move(a));
    if (auto it = s.members.find(audience_id); it != s.members.end()) {
        auto members = it->second;
        for (const auto& uid : members) {
            const auto* u = s.users.find(uid);
            if (u && user_is_enrollable(*u)) enrol_user(s, *s.assignments.find(id), uid, now);
        }
    }
    s.touch();
    return Reply::json_body(public_view(*s.assignments.find(id)), 201);
}

Reply get_assignment(RequestContext& ctx) {
    auto* a = ctx.state.assignments.find(ctx.param("assignmentId"));
    if (!a) not_found("Assignment '" + ctx.param("assignmentId") + "' not found");
    return Reply::json_body(public_view(*a));
}

Reply update_assignment(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = live_assignment_or_404(s, ctx.param("assignmentId"));
    const auto& b = ctx.body_object();
    if (body_audience_id(s, b) != str_of(a, "audienceId"))
        bad_request("audienceId does not match the assignment's audience");
    std::optional<std::string> content;
    if (auto c = body_string(b, "contentId")) content = content_or_404(s, *c);
    std::optional<json::array> alternatives;
    if (b.contains("alternativeContentIds") && !b.at("alternativeContentIds").is_null())
        alternatives = content_id_list(s, b.at("alternativeContentIds"));
    auto completion_period = period(b, "completionPeriod", 1);
    auto recurrence = period(b, "recurrence", 0);
    auto hide = body_bool(b, "hideAlternativeContent");
    if (!content && !alternatives && !completion_period && !recurrence && !hide)
        return Reply::json_body(public_view(a));  // nothing to change
    Millis now = now_millis();
    if (content && *content != str_of(a, "primaryContentId")) {
        a["primaryContentId"] = *content;
        for (auto& e : s.enrolments.items())
            if (str_of(e, "assignmentId") == str_of(a, "id")) {
                e["primaryContentId"] = *content;
                e["updatedAt"] = format_timestamp(now);
            }
    }
    if (alternatives) a["alternativeContentIds"] = std::move(*alternatives);
    if (completion_period) a["completionPeriod"] = *completion_period;
    if (recurrence) a["recurrence"] = *recurrence;
    if (hide) a["hideAlternativeContent"] = *hide;
    a["updatedAt"] = format_timestamp(now);
    s.touch();
    return Reply::json_body(public_view(a));
}

Reply delete_assignment(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = live_assignment_or_404(s, ctx.param("assignmentId"));
    if (!ctx.has_body()) bad_request("audienceId is required");
    const auto& b = ctx.body_object();
    if (body_audience_id(s, b) != str_of(a, "audienceId"))
        bad_request("audienceId does not match the assignment's audience");
    Millis now = now_millis();
    a["isDeleted"] = true;
    a["isActive"] = false;
    a["deletedAt"] = format_timestamp(now);
    a["updatedAt"] = format_timestamp(now);
    for (auto& e : s.enrolments.items()) {
        if (str_of(e, "assignmentId") != str_of(a, "id")) continue;
        auto status = str_of(e, "status");
        if (status != "open" && status != "overdue" && status != "scheduled") continue;
        e["history"].as_array().push_back(history_entry("archived", nullptr, json::string(status), "archived", now));
        e["status"] = "archived";
        e["updatedAt"] = format_timestamp(now);
    }
    s.touch();
    return Reply::json_body(json::object{{"success", true}});
}

Reply list_enrolments(RequestContext& ctx) {
    State& s = ctx.state;
    const auto& assignment_id = ctx.param("assignmentId");
    if (!s.assignments.find(assignment_id)) not_found("Assignment '" + assignment_id + "' not found");
    auto paging = read_paging(ctx, 100, 100);
    auto from = query_iso(ctx, "updatedAtFrom");
    auto to = query_iso(ctx, "updatedAtTo");
    if (to && !from) bad_request("updatedAtTo requires updatedAtFrom");
    if (from && to && *to < *from) bad_request("updatedAtTo must not be before updatedAtFrom");
    auto status = ctx.query("status");
    if (status && !contains(enrolment_statuses(), *status))
        bad_request("status must be one of " + join(enrolment_statuses(), ", "));
    std::vector<json::object> out;
    for (const auto& e : s.enrolments.items()) {
        if (str_of(e, "assignmentId") != assignment_id) continue;
        Millis updated = time_of(e, "updatedAt");
        if (from && updated < *from) continue;
        if (to && updated > *to) continue;
        if (status && str_of(e, "status") != *status) continue;
        out.push_back(public_view(e));
    }
    return Reply::json_body(bare_page(out, paging));
}

Reply get_enrolment(RequestContext& ctx) {
    State& s = ctx.state;
    const auto& assignment_id = ctx.param("assignmentId");
    if (!s.assignments.find(assignment_id)) not_found("Assignment '" + assignment_id + "' not found");
    auto* e = s.enrolments.find(ctx.param("enrolmentId"));
    if (!e || str_of(*e, "assignmentId") != assignment_id)
        not_found("Enrolment '" + ctx.param("enrolmentId") + "' not found");
    return Reply::json_body(public_view(*e));
}

}  // namespace

void register_assignment_routes(Router& r) {
    r.add("GET", "/rest/v1/assignments", list_assignments);
    r.add("POST", "/rest/v1/assignments", create_assignment);
    r.add("GET", "/rest/v1/assignments/{assignmentId}", get_assignment);
    r.add("PATCH", "/rest/v1/assignments/{assignmentId}", update_assignment);
    r.add("DELETE", "/rest/v1/assignments/{assignmentId}", delete_assignment);
    r.add("GET", "/rest/v1/assignments/{assignmentId}/enrolments", list_enrolments);
    r.add("GET", "/rest/v1/assignments/{assignmentId}/enrolments/{enrolmentId}", get_enrolment);
}

}  // namespace thrive::standin
