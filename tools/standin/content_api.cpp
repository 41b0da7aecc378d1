// The content catalogue (read-only through the API).
#include "domain.hpp"
#include "routes.hpp"

namespace thrive::standin {
namespace {

Reply get_content(RequestContext& ctx) {
    auto* c = ctx.state.contents.find(ctx.param("id"));
    if (!c) not_found("Content '" + ctx.param("id") + "' not found");
    return Reply::json_body(public_view(*c));
}

Reply query_content(RequestContext& ctx) {
    State& s = ctx.state;
    auto paging = read_paging(ctx, 20, 1000);
    auto types = query_enum_list(ctx, "types", content_types());
    auto omit = query_enum_list(ctx, "omitTypes", content_types());
    if (types && !types->empty()) omit.reset();  // documented: types wins
    auto since = query_iso(ctx, "updatedSince");
    std::vector<json::object> out;
    for (const auto& c : s.contents.items()) {
        auto type = str_of(c, "type");
        if (types && !types->empty() && !contains(*types, type)) continue;
        if (omit && contains(*omit, type)) continue;
        if (since && time_of(c, "updatedAt") < *since) continue;
        out.push_back(public_view(c));
    }
    return Reply::json_body(envelope(out, paging));
}

}  // namespace

void register_content_routes(Router& r) {
    r.add("GET", "/rest/v1/contents/{id}", get_content);
    r.add("GET", "/rest/v1/contents", query_content);
}

}  // namespace thrive::standin
