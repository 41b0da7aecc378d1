// Activity records (written by the other areas' actions and by the seed).
#include "domain.hpp"
#include "routes.hpp"

namespace thrive::standin {
namespace {

Reply get_activity(RequestContext& ctx) {
    auto* a = ctx.state.activities.find(ctx.param("id"));
    if (!a) not_found("Activity '" + ctx.param("id") + "' not found");
    return Reply::json_body(public_view(*a));
}

Reply query_activities(RequestContext& ctx) {
    State& s = ctx.state;
    auto paging = read_paging(ctx, 20, 1000);
    std::optional<std::vector<std::string>> actions, omit, content_ids;
    if (auto v = ctx.query("actions")) actions = split_csv(*v);
    if (auto v = ctx.query("omitActions")) omit = split_csv(*v);
    if (auto v = ctx.query("contentIds")) content_ids = split_csv(*v);
    auto content_type = ctx.query("contentType");
    if (content_type && !contains(content_types(), *content_type))
        bad_request("contentType must be one of " + join(content_types(), ", "));
    auto from = query_space_datetime(ctx, "timestampFrom");
    auto to = query_space_datetime(ctx, "timestampTo");
    std::vector<json::object> out;
    for (const auto& a : s.activities.items()) {
        auto type = str_of(a, "type");
        if (actions && !actions->empty() && !contains(*actions, type)) continue;
        if (omit && contains(*omit, type)) continue;
        if (content_ids && !content_ids->empty() &&
            (str_of(a, "contextType") != "content" || !contains(*content_ids, str_of(a, "contextId"))))
            continue;
        if (content_type && str_of(a, "contentType") != *content_type) continue;
        Millis at = time_of(a, "date");
        if (from && at < *from) continue;
        if (to && at > *to) continue;
        out.push_back(public_view(a));
    }
    return Reply::json_body(envelope(out, paging));
}

}  // namespace

void register_activity_routes(Router& r) {
    r.add("GET", "/rest/v1/activity/{id}", get_activity);
    r.add("GET", "/rest/v1/activities", query_activities);
}

}  // namespace thrive::standin
