// Audiences and structures: one tree (parent by id or reference), addressed by
// id or reference. Deleting an audience that has children is refused.
#include <algorithm>

#include "domain.hpp"
#include "routes.hpp"

namespace thrive::standin {
namespace {

const std::vector<std::string> kCategories{"audience", "structure"};
constexpr std::size_t kMaxNameLength = 100;

json::object& audience_or_404(State& s, const std::string& key) {
    auto* a = find_audience(s, key);
    if (!a) not_found("Audience '" + key + "' not found");
    return *a;
}

std::optional<std::string> bounded_string(const json::object& b, const char* key) {
    auto v = body_string(b, key);
    if (!v) return std::nullopt;
    if (v->empty()) bad_request(std::string(key) + " must not be empty");
    if (v->size() > kMaxNameLength) bad_request(std::string(key) + " must be at most 100 characters");
    return v;
}

void check_reference_free(State& s, const std::string& reference, const std::string& except_id) {
    for (const auto& a : s.audiences.items())
        if (str_of(a, "reference") == reference && str_of(a, "id") != except_id)
            conflict("An audience with reference '" + reference + "' already exists");
}

bool is_descendant(const State& s, const std::string& candidate, const std::string& ancestor) {
    std::string cur = candidate;
    for (int guard = 0; !cur.empty() && guard < 1000; ++guard) {
        if (cur == ancestor) return true;
        const auto* a = s.audiences.find(cur);
        cur = a ? str_of(*a, "_parentId") : std::string();
    }
    return false;
}

Reply list_audiences(RequestContext& ctx) {
    State& s = ctx.state;
    auto paging = read_paging(ctx, 100, 1000);
    auto api_controlled = query_bool(ctx, "apiControlled");
    auto since = query_iso(ctx, "updatedSince");
    std::vector<json::object> out;
    for (const auto& a : s.audiences.items()) {
        if (api_controlled && bool_of(a, "apiControlled") != *api_controlled) continue;
        if (since && time_of(a, "updatedAt") < *since) continue;
        out.push_back(render_audience(s, a));
    }
    return Reply::json_body(envelope(out, paging));
}

Reply create_audience(RequestContext& ctx) {
    State& s = ctx.state;
    const auto& b = ctx.body_object();
    auto name = bounded_string(b, "name");
    if (!name) bad_request("name is required");
    auto reference = bounded_string(b, "reference");
    auto category = body_string(b, "category").value_or("audience");
    if (!contains(kCategories, category)) bad_request("category must be 'audience' or 'structure'");
    std::string parent_id;
    if (auto p = body_string(b, "parentId"); p && !p->empty()) {
        auto* parent = find_audience(s, *p);
        if (!parent) not_found("Parent audience '" + *p + "' not found");
        if (str_of(*parent, "category") != category)
            bad_request("A " + category + " cannot be placed under a " + str_of(*parent, "category"));
        parent_id = str_of(*parent, "id");
    }
    if (reference) check_reference_free(s, *reference, "");
    Millis now = now_millis();
    json::object a;
    a["id"] = s.new_id(IdKind::audience);
    a["name"] = *name;
    a["reference"] = reference ? json::value(*reference) : json::value(nullptr);
    a["apiControlled"] = true;
    a["category"] = category;
    a["type"] = "manual";
    a["_parentId"] = parent_id;
    a["createdAt"] = format_timestamp(now);
    a["updatedAt"] = format_timestamp(now);
    auto& added = s.audiences.add(std::move(a));
    s.touch();
    return Reply::json_body(render_audience(s, added), 201);
}

Reply get_audience(RequestContext& ctx) {
    return Reply::json_body(render_audience(ctx.state, audience_or_404(ctx.state, ctx.param("audienceId"))));
}

Reply update_audience(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = audience_or_404(s, ctx.param("audienceId"));
    const auto& b = ctx.body_object();
    std::string id = str_of(a, "id");
    auto name = bounded_string(b, "name");
    auto reference = bounded_string(b, "reference");
    std::optional<std::string> new_parent;
    if (b.contains("parentId")) {
        auto p = body_string(b, "parentId");
        if (!p || p->empty()) {
            new_parent = std::string();
        } else {
            auto* parent = find_audience(s, *p);
            if (!parent) not_found("Parent audience '" + *p + "' not found");
            std::string pid = str_of(*parent, "id");
            if (pid == id || is_descendant(s, pid, id))
                bad_request("An audience cannot be moved under itself or one of its descendants");
            if (str_of(*parent, "category") != str_of(a, "category"))
                bad_request("A " + str_of(a, "category") + " cannot be placed under a " +
                            str_of(*parent, "category"));
            new_parent = pid;
        }
    }
    if (!name && !reference && !new_parent) return Reply::json_body(render_audience(s, a));  // nothing to change
    if (reference) check_reference_free(s, *reference, id);
    if (name) a["name"] = *name;
    if (reference) a["reference"] = *reference;
    if (new_parent) a["_parentId"] = *new_parent;
    a["updatedAt"] = format_timestamp(now_millis());
    s.touch();
    return Reply::json_body(render_audience(s, a));
}

Reply delete_audience(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = audience_or_404(s, ctx.param("audienceId"));
    std::string id = str_of(a, "id");
    auto children = audience_children(s, id);
    if (!children.empty())
        bad_request("Audience '" + str_of(a, "name") + "' has " + std::to_string(children.size()) +
                    " child audience(s) and cannot be deleted");
    Millis now = now_millis();
    if (auto it = s.members.find(id); it != s.members.end()) {
        auto members = it->second;
        s.members.erase(it);
        for (const auto& uid : members) on_member_removed(s, id, uid, now);
    }
    s.managers.erase(id);
    for (auto& asg : s.assignments.items()) {
        if (str_of(asg, "audienceId") != id || bool_of(asg, "isDeleted")) continue;
        asg["isDeleted"] = true;
        asg["isActive"] = false;
        asg["deletedAt"] = format_timestamp(now);
        asg["updatedAt"] = format_timestamp(now);
    }
    s.audiences.erase(id);
    s.touch();
    return Reply::json_body(json::object{{"success", true}});
}

}  // namespace

void register_audience_routes(Router& r) {
    r.add("GET", "/rest/v1/audiences", list_audiences);
    r.add("POST", "/rest/v1/audiences", create_audience);
    r.add("GET", "/rest/v1/audiences/{audienceId}", get_audience);
    r.add("PATCH", "/rest/v1/audiences/{audienceId}", update_audience);
    r.add("DELETE", "/rest/v1/audiences/{audienceId}", delete_audience);
}

}  // namespace thrive::standin
