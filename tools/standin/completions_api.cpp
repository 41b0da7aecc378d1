// Learning completions. Creating one moves the user's matching open/overdue
// enrolments to complete and writes a "completed" activity and a verified CPD
// entry (see apply_completion in domain.cpp).
#include "domain.hpp"
#include "routes.hpp"

namespace thrive::standin {
namespace {

Reply list_completions(RequestContext& ctx) {
    State& s = ctx.state;
    auto paging = read_paging(ctx, 1000, 1000);
    auto content_id = ctx.query("contentId");
    auto user_id = ctx.query("userId");
    auto is_rpl = query_bool(ctx, "isRPL");
    auto start = query_iso(ctx, "completedDateRangeStart");
    auto end = query_iso(ctx, "completedDateRangeEnd");
    std::vector<json::object> out;
    for (const auto& c : s.completions.items()) {
        if (content_id && str_of(c, "contentId") != *content_id) continue;
        if (user_id && str_of(c, "userId") != *user_id) continue;
        if (is_rpl && bool_of(c, "isRPL") != *is_rpl) continue;
        Millis at = time_of(c, "completedAt");
        if (start && at < *start) continue;
        if (end && at > *end) continue;
        out.push_back(public_view(c));
    }
    return Reply::json_body(bare_page(out, paging));
}

Reply get_completion(RequestContext& ctx) {
    auto* c = ctx.state.completions.find(ctx.param("id"));
    if (!c) not_found("Completion '" + ctx.param("id") + "' not found");
    return Reply::json_body(public_view(*c));
}

Reply create_completion(RequestContext& ctx) {
    State& s = ctx.state;
    const auto& b = ctx.body_object();
    auto user_id = required_string(b, "userId");
    auto content_id = required_string(b, "contentId");
    auto completed_text = required_string(b, "completedAt");
    auto completed_at = parse_iso8601(completed_text);
    if (!completed_at) bad_request("completedAt must be an ISO 8601 date or date-time");
    const auto* user = s.users.find(user_id);
    if (!user || bool_of(*user, "deleted")) not_found("User '" + user_id + "' not found");
    if (!s.contents.find(content_id)) not_found("Content '" + content_id + "' not found");
    auto& c = apply_completion(s, user_id, content_id, *completed_at, now_millis());
    s.touch();
    return Reply::json_body(json::object{{"statementId", c.at("statementId")}}, 201);
}

}  // namespace

void register_completion_routes(Router& r) {
    r.add("GET", "/rest/v1/learning/completions", list_completions);
    r.add("GET", "/rest/v1/learning/completions/{id}", get_completion);
    r.add("POST", "/rest/v1/learning/completions", create_completion);
}

}  // namespace thrive::standin
