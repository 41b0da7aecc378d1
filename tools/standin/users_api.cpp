// Users: the v2 lifecycle writes (create, update, delete, suspend) and the v1
// reads (search, by id, by ref).
#include <algorithm>

#include "domain.hpp"
#include "routes.hpp"

namespace thrive::standin {
namespace {

const std::vector<std::string> kLoginMethods{"email", "ref"};
const std::vector<std::string> kRoles{"administrator", "learneradmin", "learner"};

// Optional string fields a create/update may carry, stored under the same name.
const char* const kPlainStringFields[] = {"jobTitle", "managerRef", "timeZone", "languageCode", "domain"};

json::object& user_by_ref_or_404(State& s, const std::string& ref) {
    auto* u = find_user_by_ref(s, ref);
    if (!u) not_found("User with ref '" + ref + "' not found");
    return *u;
}

void check_email(const std::string& email) {
    auto at = email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= email.size() || email.find(' ') != std::string::npos)
        bad_request("email is not a valid email address");
}

void check_enum(const std::string& value, const std::vector<std::string>& allowed, std::string_view field) {
    if (!contains(allowed, value))
        bad_request(std::string(field) + " must be one of " + join(allowed, ", ") + " (got '" + value + "')");
}

bool email_taken(State& s, const std::string& email, const std::string& except_id) {
    for (const auto& u : s.users.items())
        if (!bool_of(u, "deleted") && str_of(u, "id") != except_id && iequals(str_of(u, "email"), email)) return true;
    return false;
}

// Applies the writable fields present in `b` to `user` (create and update share
// this). Validation happens before anything is written. False when `b` names
// no writable field (an empty update is a no-op, as with the service).
bool apply_user_fields(State& s, json::object& user, const json::object& b, bool creating) {
    json::object changes;
    auto take_required = [&](const char* key) {
        if (!b.contains(key)) return;
        auto v = body_string(b, key, false);
        if (!v || v->empty()) bad_request(std::string(key) + " must be a non-empty string");
        changes[key] = *v;
    };
    take_required("ref");
    take_required("firstName");
    take_required("lastName");
    if (b.contains("email")) {
        auto v = body_string(b, "email", false);
        if (v) {
            check_email(*v);
            changes["email"] = *v;
        } else {
            changes["email"] = nullptr;
        }
    }
    if (auto v = body_string(b, "loginMethod")) {
        check_enum(*v, kLoginMethods, "loginMethod");
        changes["loginMethod"] = *v;
    }
    if (auto v = body_string(b, "role")) {
        check_enum(*v, kRoles, "role");
        changes["role"] = *v;
    }
    for (const char* key : kPlainStringFields) {
        if (!b.contains(key)) continue;
        auto v = body_string(b, key, false);
        changes[key] = v ? json::value(*v) : json::value(nullptr);
    }
    for (const char* key : {"startDate", "endDate"}) {
        if (!b.contains(key)) continue;
        if (b.at(key).is_null()) {
            changes[key] = nullptr;
        } else {
            changes[key] = *body_iso(b, key);
        }
    }
    if (auto v = body_bool(b, "sso")) changes["sso"] = *v;
    if (b.contains("additionalFields") && !b.at("additionalFields").is_null()) {
        const auto& af = b.at("additionalFields");
        if (!af.is_object()) bad_request("additionalFields must be a JSON object");
        changes["additionalFields"] = af;
    }
    if (!creating && changes.empty()) return false;

    // Cross-field and uniqueness checks against the resulting record.
    auto id = str_of(user, "id");
    if (auto it = changes.find("ref"); it != changes.end()) {
        auto* other = find_user_by_ref(s, std::string(it->value().as_string()));
        if (other && str_of(*other, "id") != id)
            conflict("A user with ref '" + std::string(it->value().as_string()) + "' already exists");
    }
    if (auto it = changes.find("email"); it != changes.end() && it->value().is_string()) {
        if (email_taken(s, std::string(it->value().as_string()), id))
            conflict("A user with email '" + std::string(it->value().as_string()) + "' already exists");
    }
    auto value_after = [&](const char* key) -> json::value {
        if (auto it = changes.find(key); it != changes.end()) return it->value();
        auto it = user.find(key);
        return it == user.end() ? json::value(nullptr) : it->value();
    };
    auto login = value_after("loginMethod");
    bool ref_login = login.is_string() && login.as_string() == "ref";
    if (!ref_login && !value_after("email").is_string())
        bad_request("email is required unless loginMethod is 'ref'");

    for (auto& kv : changes) {
        if (kv.key() == "additionalFields" && !creating && user["additionalFields"].is_object()) {
            auto& current = user["additionalFields"].as_object();
            for (auto& f : kv.value().as_object()) current[f.key()] = f.value();
            continue;
        }
        user[kv.key()] = kv.value();
        if (kv.key() == "sso") user["singleSignOn"] = kv.value();
    }
    return true;
}

Reply create_user(RequestContext& ctx) {
    const auto& b = ctx.body_object();
    required_string(b, "ref");
    required_string(b, "firstName");
    required_string(b, "lastName");
    State& s = ctx.state;
    Millis now = now_millis();
    json::object user = blank_user(s, now);
    apply_user_fields(s, user, b, true);
    auto& added = s.users.add(std::move(user));
    record_activity(s, "created", str_of(added, "firstName") + " " + str_of(added, "lastName"),
                    str_of(added, "id"), str_of(added, "id"), "user", json::object{{"ref", added.at("ref")}}, now);
    s.touch();
    return Reply::json_body(render_user(s, added), 201);
}

Reply update_user(RequestContext& ctx) {
    State& s = ctx.state;
    auto& user = user_by_ref_or_404(s, ctx.param("ref"));
    const auto& b = ctx.body_object();
    Millis now = now_millis();
    if (!apply_user_fields(s, user, b, false)) return Reply::json_body(render_user(s, user));
    user["updatedAt"] = format_timestamp(now);
    record_activity(s, "updated", str_of(user, "firstName") + " " + str_of(user, "lastName"), str_of(user, "id"),
                    str_of(user, "id"), "user", json::object{{"fields", static_cast<std::int64_t>(b.size())}}, now);
    s.touch();
    return Reply::json_body(render_user(s, user));
}

Reply delete_user(RequestContext& ctx) {
    State& s = ctx.state;
    auto& user = user_by_ref_or_404(s, ctx.param("ref"));
    Millis now = now_millis();
    std::string id = str_of(user, "id");
    // Leave every audience (open enrolments become unassigned) and manager list.
    for (auto& [aid, list] : s.members) {
        auto it = std::find(list.begin(), list.end(), id);
        if (it == list.end()) continue;
        list.erase(it);
        on_member_removed(s, aid, id, now);
    }
    for (auto& [aid, list] : s.managers) {
        json::array kept;
        for (auto& m : list)
            if (str_of(m.as_object(), "userId") != id) kept.push_back(m);
        list = std::move(kept);
    }
    // Obfuscate personal data; training history (completions, CPD) stays.
    user["ref"] = "deleted-" + id;
    user["email"] = "deleted-" + id + "@obfuscated.invalid";
    user["firstName"] = "Deleted";
    user["lastName"] = "User";
    user["jobTitle"] = nullptr;
    user["managerRef"] = nullptr;
    user["summary"] = nullptr;
    user["domain"] = nullptr;
    user["hasPicture"] = false;
    user["additionalFields"] = json::object{};
    user["positions"] = json::array{};
    user["active"] = false;
    user["status"] = "inactive";
    user["deleted"] = true;
    if (user["endDate"].is_null()) user["endDate"] = format_timestamp(now);
    user["updatedAt"] = format_timestamp(now);
    record_activity(s, "deleted", "Deleted User", id, id, "user", json::object{}, now);
    s.touch();
    return Reply::no_content();
}

Reply suspend_user(RequestContext& ctx) {
    State& s = ctx.state;
    auto& user = user_by_ref_or_404(s, ctx.param("ref"));
    std::optional<std::string> end_date;
    if (ctx.has_body()) end_date = body_iso(ctx.body_object(), "endDate");
    Millis now = now_millis();
    user["active"] = false;
    user["status"] = "inactive";
    user["endDate"] = end_date ? *end_date : format_timestamp(now);
    user["updatedAt"] = format_timestamp(now);
    record_activity(s, "suspended", str_of(user, "firstName") + " " + str_of(user, "lastName"), str_of(user, "id"),
                    str_of(user, "id"), "user", json::object{{"endDate", user.at("endDate")}}, now);
    s.touch();
    return Reply::json_body(render_user(s, user));
}

Reply search_users(RequestContext& ctx) {
    State& s = ctx.state;
    auto paging = read_paging(ctx, 100, 1000);
    auto since = query_iso(ctx, "updatedSince");
    auto statuses = query_enum_list(ctx, "statuses", user_statuses());
    auto omit = query_enum_list(ctx, "omitStatuses", user_statuses());
    auto status = ctx.query("status");
    if (status && !contains(user_statuses(), *status))
        bad_request("status must be one of " + join(user_statuses(), ", "));
    std::vector<json::object> out;
    for (const auto& u : s.users.items()) {
        auto st = str_of(u, "status");
        if (since && time_of(u, "updatedAt") < *since) continue;
        if (statuses && !statuses->empty() && !contains(*statuses, st)) continue;
        if (omit && contains(*omit, st)) continue;
        if (status && st != *status) continue;
        out.push_back(render_user(s, u));
    }
    return Reply::json_body(envelope(out, paging));
}

Reply get_user_by_id(RequestContext& ctx) {
    auto* u = ctx.state.users.find(ctx.param("id"));
    if (!u) not_found("User '" + ctx.param("id") + "' not found");
    return Reply::json_body(render_user(ctx.state, *u));
}

Reply get_user_by_ref(RequestContext& ctx) {
    return Reply::json_body(render_user(ctx.state, user_by_ref_or_404(ctx.state, ctx.param("ref"))));
}

}  // namespace

void register_user_routes(Router& r) {
    r.add("POST", "/rest/v2/users", create_user);
    r.add("PATCH", "/rest/v2/users/ref/{ref}", update_user);
    r.add("DELETE", "/rest/v2/users/ref/{ref}", delete_user);
    r.add("PATCH", "/rest/v2/users/ref/{ref}/suspend", suspend_user);
    r.add("GET", "/rest/v1/users", search_users);
    r.add("GET", "/rest/v1/user/{id}", get_user_by_id);
    r.add("GET", "/rest/v1/users/ref/{ref}", get_user_by_ref);
}

}  // namespace thrive::standin
