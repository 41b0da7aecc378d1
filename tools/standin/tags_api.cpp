// Tags, a user's tags (interests) and skills, and the skill levels. A user's
// `tags` field is {"skills": [{tagId, tagName, level, targetLevel}],
// "interests": [{tagId, tagName}]}; a tag's `interests`/`skills` list the users.
#include <algorithm>

#include "domain.hpp"
#include "routes.hpp"

namespace thrive::standin {
namespace {

json::object& user_or_404(State& s, const std::string& id) {
    auto* u = s.users.find(id);
    if (!u || bool_of(*u, "deleted")) not_found("User '" + id + "' not found");
    return *u;
}

json::array& user_tag_list(json::object& user, const char* key) {
    auto& tags = user["tags"];
    if (!tags.is_object()) tags = json::object{};
    auto& list = tags.as_object()[key];
    if (!list.is_array()) list = json::array{};
    return list.as_array();
}

void refresh_tags_following(json::object& user) {
    json::array names;
    for (const auto& i : user_tag_list(user, "interests")) names.push_back(i.as_object().at("tagName"));
    user["tagsFollowing"] = std::move(names);
}

// Checks a PATCH body of the form {"op": op, "path": path, "value": [...]}.
const json::value& patch_value(RequestContext& ctx, const char* op, const char* path) {
    const auto& b = ctx.body_object();
    if (str_of(b, "op") != op) bad_request(std::string("op must be '") + op + "'");
    if (str_of(b, "path") != path) bad_request(std::string("path must be '") + path + "'");
    auto it = b.find("value");
    if (it == b.end()) bad_request("value is required");
    return it->value();
}

Reply list_tags(RequestContext& ctx) {
    State& s = ctx.state;
    auto paging = read_paging(ctx, 100, 1000);
    auto since = query_iso(ctx, "updatedSince");
    std::vector<json::object> out;
    for (const auto& t : s.tags.items()) {
        if (since && time_of(t, "updatedAt") < *since) continue;
        out.push_back(render_tag(s, t));
    }
    return Reply::json_body(envelope(out, paging));
}

Reply get_tag(RequestContext& ctx) {
    auto* t = ctx.state.tags.find(ctx.param("tagId"));
    if (!t) not_found("Tag '" + ctx.param("tagId") + "' not found");
    return Reply::json_body(render_tag(ctx.state, *t));
}

json::object status_message(const std::string& message) {
    return json::object{{"status", 200}, {"message", message}};
}

Reply add_user_tags(RequestContext& ctx) {
    State& s = ctx.state;
    auto& user = user_or_404(s, ctx.param("userId"));
    const auto& b = ctx.body_object();
    auto it = b.find("tags");
    if (it == b.end()) bad_request("tags is required");
    auto names = string_list(it->value(), "tags");
    Millis now = now_millis();
    int added = 0;
    for (const auto& name : names) {
        auto& tag = ensure_tag(s, name, now);
        auto tag_id = str_of(tag, "id");
        auto& interests = user_tag_list(user, "interests");
        bool has = std::any_of(interests.begin(), interests.end(),
                               [&](const json::value& v) { return str_of(v.as_object(), "tagId") == tag_id; });
        if (has) continue;
        interests.push_back(json::object{{"tagId", tag_id}, {"tagName", tag.at("tag")}});
        tag["updatedAt"] = format_timestamp(now);
        record_activity(s, "tagged", str_of(tag, "tag"), str_of(user, "id"), tag_id, "tag", json::object{}, now);
        ++added;
    }
    if (added) {
        refresh_tags_following(user);
        user["updatedAt"] = format_timestamp(now);
        s.touch();
    }
    return Reply::json_body(status_message("Added " + std::to_string(added) + " tag(s) to the user"));
}

Reply remove_user_tags(RequestContext& ctx) {
    State& s = ctx.state;
    auto& user = user_or_404(s, ctx.param("userId"));
    auto names = string_list(patch_value(ctx, "remove", "tags"), "tags");
    Millis now = now_millis();
    auto& interests = user_tag_list(user, "interests");
    json::array kept;
    int removed = 0;
    for (auto& v : interests) {
        auto tag_name = str_of(v.as_object(), "tagName");
        bool drop = std::any_of(names.begin(), names.end(), [&](const auto& n) { return iequals(n, tag_name); });
        if (!drop) {
            kept.push_back(v);
            continue;
        }
        ++removed;
        auto tag_id = str_of(v.as_object(), "tagId");
        if (auto* tag = s.tags.find(tag_id)) (*tag)["updatedAt"] = format_timestamp(now);
        record_activity(s, "untagged", tag_name, str_of(user, "id"), tag_id, "tag", json::object{}, now);
    }
    if (removed) {
        interests = std::move(kept);
        refresh_tags_following(user);
        user["updatedAt"] = format_timestamp(now);
        s.touch();
    }
    return Reply::json_body(status_message("Removed " + std::to_string(removed) + " tag(s) from the user"));
}

bool is_level(const State& s, std::int64_t value) {
    for (const auto& l : s.skill_levels)
        if (int_of(l.as_object(), "value") == value) return true;
    return false;
}

Reply update_user_skills(RequestContext& ctx) {
    State& s = ctx.state;
    auto& user = user_or_404(s, ctx.param("userId"));
    const auto& value = patch_value(ctx, "update", "skills");
    if (!value.is_array()) bad_request("skills must be a JSON array");
    const auto& items = value.as_array();
    if (items.empty()) bad_request("skills must not be empty");
    if (items.size() > 100) bad_request("skills must not have more than 100 items");
    struct Skill {
        std::string name;
        std::optional<std::int64_t> level, target;
    };
    std::vector<Skill> skills;
    for (const auto& v : items) {
        if (!v.is_object()) bad_request("skills items must be objects with a tagName");
        const auto& o = v.as_object();
        Skill sk;
        sk.name = str_of(o, "tagName");
        if (sk.name.empty()) bad_request("skills: each item needs a non-empty tagName");
        sk.level = body_int(o, "level");
        sk.target = body_int(o, "targetLevel");
        for (auto lv : {sk.level, sk.target})
            if (lv && (*lv < -1 || !is_level(s, *lv)))
                bad_request("skills: level and targetLevel must be skill level values (-1 or more, see /skills/levels)");
        skills.push_back(std::move(sk));
    }
    Millis now = now_millis();
    auto& list = user_tag_list(user, "skills");
    for (const auto& sk : skills) {
        auto& tag = ensure_tag(s, sk.name, now);
        auto tag_id = str_of(tag, "id");
        json::object* entry = nullptr;
        for (auto& e : list)
            if (str_of(e.as_object(), "tagId") == tag_id) entry = &e.as_object();
        if (!entry) {
            list.push_back(json::object{
                {"tagId", tag_id}, {"tagName", tag.at("tag")}, {"level", nullptr}, {"targetLevel", nullptr}});
            entry = &list.back().as_object();
        }
        if (sk.level) (*entry)["level"] = *sk.level;
        if (sk.target) (*entry)["targetLevel"] = *sk.target;
        tag["updatedAt"] = format_timestamp(now);
        record_activity(s, "skillUpdated", str_of(tag, "tag"), str_of(user, "id"), tag_id, "tag",
                        json::object{{"level", entry->at("level")}, {"targetLevel", entry->at("targetLevel")}}, now);
    }
    user["updatedAt"] = format_timestamp(now);
    s.touch();
    return Reply::json_body(status_message("Updated " + std::to_string(skills.size()) + " skill(s) for the user"));
}

Reply get_skill_levels(RequestContext& ctx) { return Reply::json_body(ctx.state.skill_levels); }

}  // namespace

void register_tag_routes(Router& r) {
    r.add("GET", "/rest/v1/tags", list_tags);
    r.add("GET", "/rest/v1/tags/{tagId}", get_tag);
    r.add("POST", "/rest/v1/users/{userId}/tags", add_user_tags);
    r.add("PATCH", "/rest/v1/users/{userId}/tags", remove_user_tags);
    r.add("PATCH", "/rest/v1/users/{userId}/skills", update_user_skills);
    r.add("GET", "/rest/v1/skills/levels", get_skill_levels);
}

}  // namespace thrive::standin
