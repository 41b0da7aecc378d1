// Audience members and audience managers. Users are named by email, ref or id;
// unknown ones land in the "failure" half of the bulk result.
#include <algorithm>

#include "domain.hpp"
#include "routes.hpp"

namespace thrive::standin {
namespace {

json::object& audience_or_404(State& s, const std::string& key) {
    auto* a = find_audience(s, key);
    if (!a) not_found("Audience '" + key + "' not found");
    return *a;
}

void refuse_smart(const json::object& a) {
    if (str_of(a, "type") == "smart")
        bad_request("Audience '" + str_of(a, "name") + "' is a smart audience; its members cannot be changed manually");
}

struct Bulk {
    json::array ok, failed;
    void success(const std::string& reference) { ok.push_back(json::object{{"reference", reference}}); }
    void failure(const std::string& reference, const std::string& reason) {
        failed.push_back(json::object{{"reference", reference}, {"reason", reason}});
    }
    json::object to_json() {
        auto n_ok = static_cast<std::int64_t>(ok.size());
        auto n_failed = static_cast<std::int64_t>(failed.size());
        return json::object{{"success", json::object{{"count", n_ok}, {"entities", std::move(ok)}}},
                            {"failure", json::object{{"count", n_failed}, {"entities", std::move(failed)}}}};
    }
};

// The user a reference names, or nullptr with the reason filled in.
json::object* resolve_user(State& s, const std::string& reference, std::string& reason) {
    auto* u = find_user_any(s, reference);
    if (!u) {
        reason = "User not found";
        return nullptr;
    }
    if (bool_of(*u, "deleted")) {
        reason = "User has been deleted";
        return nullptr;
    }
    return u;
}

json::object member_view(const json::object& u) {
    return json::object{{"userId", u.at("id")},
                        {"reference", u.at("ref")},
                        {"email", u.at("email")},
                        {"firstName", u.at("firstName")},
                        {"lastName", u.at("lastName")}};
}

void add_member(State& s, const json::object& audience, const std::string& user_id, Millis now) {
    std::string aid = str_of(audience, "id");
    s.members[aid].push_back(user_id);
    record_activity(s, "addedToAudience", str_of(audience, "name"), user_id, aid, "audience", json::object{}, now);
    on_member_added(s, aid, user_id, now);
}

void remove_member(State& s, const json::object& audience, const std::string& user_id, Millis now) {
    std::string aid = str_of(audience, "id");
    auto& list = s.members[aid];
    list.erase(std::remove(list.begin(), list.end(), user_id), list.end());
    record_activity(s, "removedFromAudience", str_of(audience, "name"), user_id, aid, "audience", json::object{},
                    now);
    on_member_removed(s, aid, user_id, now);
}

bool is_member(const State& s, const std::string& aid, const std::string& uid) {
    auto it = s.members.find(aid);
    return it != s.members.end() && std::find(it->second.begin(), it->second.end(), uid) != it->second.end();
}

Reply list_members(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = audience_or_404(s, ctx.param("audienceId"));
    auto paging = read_paging(ctx, 100, 1000);
    std::vector<json::object> out;
    if (auto it = s.members.find(str_of(a, "id")); it != s.members.end())
        for (const auto& uid : it->second)
            if (const auto* u = s.users.find(uid)) out.push_back(member_view(*u));
    return Reply::json_body(envelope(out, paging));
}

// Resolves each email/ref/id of a members write: unknown ones go to the
// failure list, known ones to the success list; returns their user ids, each
// once, in the order given.
std::vector<std::string> resolve_member_refs(State& s, const std::vector<std::string>& refs, Bulk& bulk) {
    std::vector<std::string> uids;
    for (const auto& ref : refs) {
        std::string reason;
        auto* u = resolve_user(s, ref, reason);
        if (!u) {
            bulk.failure(ref, reason);
            continue;
        }
        std::string uid = str_of(*u, "id");
        if (std::find(uids.begin(), uids.end(), uid) == uids.end()) uids.push_back(uid);
        bulk.success(ref);
    }
    return uids;
}

Reply add_members(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = audience_or_404(s, ctx.param("audienceId"));
    auto refs = string_list(ctx.body(), "users");
    refuse_smart(a);
    Millis now = now_millis();
    std::string aid = str_of(a, "id");
    Bulk bulk;
    for (const auto& uid : resolve_member_refs(s, refs, bulk))
        if (!is_member(s, aid, uid)) {
            add_member(s, a, uid, now);
            s.touch();
        }
    return Reply::json_body(bulk.to_json());
}

Reply replace_members(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = audience_or_404(s, ctx.param("audienceId"));
    auto refs = string_list(ctx.body(), "users");
    refuse_smart(a);
    Millis now = now_millis();
    std::string aid = str_of(a, "id");
    Bulk bulk;
    std::vector<std::string> wanted = resolve_member_refs(s, refs, bulk);
    std::vector<std::string> current = s.members[aid];
    for (const auto& uid : current)
        if (std::find(wanted.begin(), wanted.end(), uid) == wanted.end()) {
            remove_member(s, a, uid, now);
            s.touch();
        }
    for (const auto& uid : wanted)
        if (!is_member(s, aid, uid)) {
            add_member(s, a, uid, now);
            s.touch();
        }
    return Reply::json_body(bulk.to_json());
}

Reply delete_member(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = audience_or_404(s, ctx.param("audienceId"));
    refuse_smart(a);
    const auto& ref = ctx.param("userRef");
    auto* u = find_user_any(s, ref);
    if (!u) not_found("User '" + ref + "' not found");
    std::string uid = str_of(*u, "id");
    if (!is_member(s, str_of(a, "id"), uid)) not_found("User '" + ref + "' is not a member of this audience");
    remove_member(s, a, uid, now_millis());
    s.touch();
    return Reply::no_content();
}

// ---- managers ----

const std::vector<std::pair<const char*, std::vector<const char*>>>& permission_groups() {
    static const std::vector<std::pair<const char*, std::vector<const char*>>> groups{
        {"audienceManager", {"manageContent", "assignments"}},
        {"peopleManager", {"canViewLearnPage", "insights", "manage"}},
        {"administrator", {"canAddAudienceManagers"}},
    };
    return groups;
}

// Validates a manager item's permissions and returns them complete (missing
// flags false; administrator only for structures, null otherwise).
json::object normalise_permissions(const json::value* given, bool structure) {
    const json::object* p = nullptr;
    if (given && !given->is_null()) {
        if (!given->is_object()) bad_request("managers: permissions must be an object");
        p = &given->as_object();
        for (const auto& kv : *p) {
            bool known = false;
            for (const auto& [group, flags] : permission_groups()) known = known || kv.key() == group;
            if (!known) bad_request("managers: unknown permission group '" + std::string(kv.key()) + "'");
        }
    }
    json::object out;
    for (const auto& [group, flags] : permission_groups()) {
        const json::object* g = nullptr;
        if (p) {
            if (auto it = p->find(group); it != p->end() && !it->value().is_null()) {
                if (!it->value().is_object()) bad_request(std::string("managers: ") + group + " must be an object");
                g = &it->value().as_object();
                for (const auto& kv : *g) {
                    bool known = false;
                    for (const char* f : flags) known = known || kv.key() == f;
                    if (!known)
                        bad_request(std::string("managers: unknown permission ") + group + "." + std::string(kv.key()));
                    if (!kv.value().is_bool())
                        bad_request(std::string("managers: ") + group + "." + std::string(kv.key()) +
                                    " must be a boolean");
                }
            }
        }
        if (std::string_view(group) == "administrator" && !structure) {
            out[group] = nullptr;
            continue;
        }
        json::object flags_out;
        for (const char* f : flags) flags_out[f] = g ? bool_of(*g, f) : false;
        out[group] = std::move(flags_out);
    }
    return out;
}

struct ManagerItem {
    std::string reference;
    json::object permissions;
};

std::vector<ManagerItem> manager_items(const json::value& body, bool structure) {
    if (!body.is_array()) bad_request("managers must be a JSON array");
    const auto& a = body.as_array();
    if (a.empty()) bad_request("managers must not be empty");
    if (a.size() > 100) bad_request("managers must not have more than 100 items");
    std::vector<ManagerItem> out;
    for (const auto& v : a) {
        if (!v.is_object()) bad_request("managers items must be objects with a reference");
        const auto& o = v.as_object();
        auto ref = str_of(o, "reference");
        if (ref.empty()) bad_request("managers: each item needs a non-empty reference");
        auto it = o.find("permissions");
        out.push_back({ref, normalise_permissions(it == o.end() ? nullptr : &it->value(), structure)});
    }
    return out;
}

json::array* manager_list(State& s, const std::string& aid) { return &s.managers[aid]; }

json::object* find_manager(json::array& list, const std::string& uid) {
    for (auto& m : list)
        if (str_of(m.as_object(), "userId") == uid) return &m.as_object();
    return nullptr;
}

Reply list_managers(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = audience_or_404(s, ctx.param("audienceId"));
    json::array out;
    if (auto it = s.managers.find(str_of(a, "id")); it != s.managers.end()) {
        for (const auto& m : it->second) {
            const auto& mo = m.as_object();
            const auto* u = s.users.find(str_of(mo, "userId"));
            if (!u) continue;
            out.push_back(json::object{{"userId", u->at("id")},
                                       {"reference", u->at("ref")},
                                       {"email", u->at("email")},
                                       {"firstName", u->at("firstName")},
                                       {"lastName", u->at("lastName")},
                                       {"permissions", mo.at("permissions")}});
        }
    }
    return Reply::json_body(std::move(out));
}

Reply write_managers(RequestContext& ctx, bool replace) {
    State& s = ctx.state;
    auto& a = audience_or_404(s, ctx.param("audienceId"));
    auto items = manager_items(ctx.body(), str_of(a, "category") == "structure");
    std::string aid = str_of(a, "id");
    Bulk bulk;
    json::array next;
    if (!replace) next = *manager_list(s, aid);
    for (auto& item : items) {
        std::string reason;
        auto* u = resolve_user(s, item.reference, reason);
        if (!u) {
            bulk.failure(item.reference, reason);
            continue;
        }
        std::string uid = str_of(*u, "id");
        if (auto* m = find_manager(next, uid))
            (*m)["permissions"] = item.permissions;
        else
            next.push_back(json::object{{"userId", uid}, {"permissions", item.permissions}});
        bulk.success(item.reference);
    }
    auto& current = *manager_list(s, aid);
    if (json::serialize(current) != json::serialize(next)) {
        current = std::move(next);
        a["updatedAt"] = format_timestamp(now_millis());
        s.touch();
    }
    return Reply::json_body(bulk.to_json());
}

Reply add_managers(RequestContext& ctx) { return write_managers(ctx, false); }
Reply replace_managers(RequestContext& ctx) { return write_managers(ctx, true); }

Reply delete_manager(RequestContext& ctx) {
    State& s = ctx.state;
    auto& a = audience_or_404(s, ctx.param("audienceId"));
    const auto& ref = ctx.param("userId");
    auto* u = find_user_any(s, ref);
    if (!u) not_found("User '" + ref + "' not found");
    std::string uid = str_of(*u, "id");
    auto& list = *manager_list(s, str_of(a, "id"));
    json::array kept;
    for (auto& m : list)
        if (str_of(m.as_object(), "userId") != uid) kept.push_back(m);
    if (kept.size() == list.size()) not_found("User '" + ref + "' is not a manager of this audience");
    list = std::move(kept);
    a["updatedAt"] = format_timestamp(now_millis());
    s.touch();
    return Reply::no_content();
}

}  // namespace

void register_member_routes(Router& r) {
    r.add("GET", "/rest/v1/audiences/{audienceId}/members", list_members);
    r.add("POST", "/rest/v1/audiences/{audienceId}/members", add_members);
    r.add("PATCH", "/rest/v1/audiences/{audienceId}/members", replace_members);
    r.add("DELETE", "/rest/v1/audiences/{audienceId}/members/{userRef}", delete_member);
    r.add("GET", "/rest/v1/audiences/{audienceId}/managers", list_managers);
    r.add("POST", "/rest/v1/audiences/{audienceId}/managers", add_managers);
    r.add("PATCH", "/rest/v1/audiences/{audienceId}/managers", replace_managers);
    r.add("DELETE", "/rest/v1/audiences/{audienceId}/managers/{userId}", delete_manager);
}

}  // namespace thrive::standin
