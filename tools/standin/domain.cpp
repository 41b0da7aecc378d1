#include "domain.hpp"

#include <algorithm>
#include <cstdio>

namespace thrive::standin {

const std::vector<std::string>& user_statuses() {
    static const std::vector<std::string> v{"active", "inactive", "expired", "new"};
    return v;
}

const std::vector<std::string>& content_types() {
    static const std::vector<std::string> v{"article", "assessment", "broadcast", "cmi5", "elearning",
                                            "event",   "file",       "pathway",   "question", "quiz",
                                            "scorm",   "url",        "video",     "mixed"};
    return v;
}

const std::vector<std::string>& enrolment_statuses() {
    static const std::vector<std::string> v{"archived", "complete", "open", "overdue", "scheduled", "unassigned"};
    return v;
}

json::object* find_user_by_ref(State& s, std::string_view ref) {
    for (auto& u : s.users.items())
        if (!bool_of(u, "deleted") && str_of(u, "ref") == ref) return &u;
    return nullptr;
}

json::object* find_user_any(State& s, std::string_view key) {
    if (auto* u = s.users.find(key)) return u;
    if (auto* u = find_user_by_ref(s, key)) return u;
    for (auto& u : s.users.items())
        if (!bool_of(u, "deleted") && iequals(str_of(u, "email"), key)) return &u;
    return nullptr;
}

json::object* find_audience(State& s, std::string_view id_or_reference) {
    if (auto* a = s.audiences.find(id_or_reference)) return a;
    for (auto& a : s.audiences.items())
        if (str_of(a, "reference") == id_or_reference) return &a;
    return nullptr;
}

json::object* find_tag_by_name(State& s, std::string_view name) {
    for (auto& t : s.tags.items())
        if (iequals(str_of(t, "tag"), name)) return &t;
    return nullptr;
}

bool user_is_enrollable(const json::object& user) {
    if (bool_of(user, "deleted")) return false;
    auto status = str_of(user, "status");
    return status == "active" || status == "new";
}

std::vector<std::string> audience_children(const State& s, std::string_view audience_id) {
    std::vector<std::string> out;
    for (const auto& a : s.audiences.items())
        if (str_of(a, "_parentId") == audience_id) out.push_back(str_of(a, "id"));
    return out;
}

json::object render_user(const State& s, const json::object& user) {
    json::object out = public_view(user);
    auto id = str_of(user, "id");
    json::array audiences;
    for (const auto& [aid, list] : s.members)
        if (std::find(list.begin(), list.end(), id) != list.end()) audiences.emplace_back(aid);
    out["audiences"] = std::move(audiences);
    return out;
}

json::object render_audience(const State& s, const json::object& audience) {
    json::object out = public_view(audience);
    auto parent_id = str_of(audience, "_parentId");
    const json::object* parent = parent_id.empty() ? nullptr : s.audiences.find(parent_id);
    if (parent)
        out["parent"] = json::object{{"id", parent_id},
                                     {"name", parent->at("name")},
                                     {"reference", parent->at("reference")}};
    else
        out["parent"] = nullptr;
    return out;
}

json::object render_tag(const State& s, const json::object& tag) {
    json::object out = public_view(tag);
    auto id = str_of(tag, "id");
    auto name = str_of(tag, "tag");
    json::array contents, interests, skills;
    for (const auto& c : s.contents.items()) {
        auto it = c.find("tags");
        if (it == c.end() || !it->value().is_array()) continue;
        for (const auto& t : it->value().as_array())
            if (t.is_string() && iequals(t.as_string(), name)) {
                contents.emplace_back(c.at("id"));
                break;
            }
    }
    for (const auto& u : s.users.items()) {
        auto it = u.find("tags");
        if (it == u.end() || !it->value().is_object()) continue;
        const auto& tags = it->value().as_object();
        auto has = [&](std::string_view key) {
            auto list = tags.find(key);
            if (list == tags.end() || !list->value().is_array()) return false;
            for (const auto& e : list->value().as_array())
                if (e.is_object() && str_of(e.as_object(), "tagId") == id) return true;
            return false;
        };
        if (has("interests")) interests.emplace_back(u.at("id"));
        if (has("skills")) skills.emplace_back(u.at("id"));
    }
    out["contents"] = std::move(contents);
    out["interests"] = std::move(interests);
    out["skills"] = std::move(skills);
    if (!out.contains("campaigns")) out["campaigns"] = json::array{};
    return out;
}

json::object& record_activity(State& s, std::string_view type, std::string_view name, std::string_view user_id,
                              std::string_view context_id, std::string_view context_type, json::object data,
                              Millis when) {
    json::object a;
    a["id"] = s.new_id(IdKind::activity);
    a["type"] = type;
    a["name"] = name;
    a["user"] = user_id;
    a["date"] = format_timestamp(when);
    a["contextId"] = context_id;
    a["contextType"] = context_type;
    json::value content_type = nullptr;
    if (context_type == "content")
        if (const auto* c = s.contents.find(context_id)) content_type = c->at("type");
    a["contentType"] = content_type;
    a["data"] = std::move(data);
    a["with"] = nullptr;
    a["createdAt"] = format_timestamp(when);
    return s.activities.add(std::move(a));
}

json::object history_entry(std::string_view type, const json::value& completion_id, const json::value& previous,
                           std::string_view next, Millis when) {
    auto ts = format_timestamp(when);
    return json::object{{"type", type},           {"completionId", completion_id}, {"previousStatus", previous},
                        {"nextStatus", next},     {"createdAt", ts},               {"updatedAt", ts}};
}

json::object* enrol_user(State& s, const json::object& assignment, const std::string& user_id, Millis now) {
    auto assignment_id = str_of(assignment, "id");
    auto period = int_of(assignment, "completionPeriod");
    if (period <= 0) period = 30;
    for (auto& e : s.enrolments.items()) {
        if (str_of(e, "assignmentId") != assignment_id || str_of(e, "userId") != user_id) continue;
        auto status = str_of(e, "status");
        if (status != "unassigned" && status != "archived") return nullptr;
        e["history"].as_array().push_back(history_entry("reassigned", nullptr, json::string(status), "open", now));
        e["status"] = "open";
        e["availableDate"] = format_timestamp(now);
        e["dueDate"] = format_timestamp(now + period * kMillisPerDay);
        e["updatedAt"] = format_timestamp(now);
        return &e;
    }
    json::object e;
    e["id"] = s.new_id(IdKind::enrolment);
    e["userId"] = user_id;
    e["assignmentId"] = assignment_id;
    e["audienceId"] = assignment.at("audienceId");
    e["primaryContentId"] = assignment.at("primaryContentId");
    e["status"] = "open";
    e["availableDate"] = format_timestamp(now);
    e["dueDate"] = format_timestamp(now + period * kMillisPerDay);
    e["lastCompletedAt"] = nullptr;
    e["history"] = json::array{history_entry("assigned", nullptr, nullptr, "open", now)};
    e["createdAt"] = format_timestamp(now);
    e["updatedAt"] = format_timestamp(now);
    auto& added = s.enrolments.add(std::move(e));
    std::string title;
    if (const auto* c = s.contents.find(str_of(assignment, "primaryContentId"))) title = str_of(*c, "title");
    record_activity(s, "assigned", title, user_id, assignment_id, "assignment",
                    json::object{{"assignmentId", assignment_id},
                                 {"contentId", assignment.at("primaryContentId")},
                                 {"enrolmentId", added.at("id")},
                                 {"dueDate", added.at("dueDate")}},
                    now);
    return &added;
}

void on_member_added(State& s, const std::string& audience_id, const std::string& user_id, Millis now) {
    const auto* user = s.users.find(user_id);
    if (!user || !user_is_enrollable(*user)) return;
    // Copy the matching assignments first: enrol_user appends to other collections only.
    for (const auto& a : s.assignments.items()) {
        if (str_of(a, "audienceId") != audience_id || bool_of(a, "isDeleted") || !bool_of(a, "isActive")) continue;
        enrol_user(s, a, user_id, now);
    }
}

void on_member_removed(State& s, const std::string& audience_id, const std::string& user_id, Millis now) {
    for (auto& e : s.enrolments.items()) {
        if (str_of(e, "audienceId") != audience_id || str_of(e, "userId") != user_id) continue;
        const auto* a = s.assignments.find(str_of(e, "assignmentId"));
        if (!a || bool_of(*a, "isDeleted")) continue;
        auto status = str_of(e, "status");
        if (status != "open" && status != "overdue" && status != "scheduled") continue;
        e["history"].as_array().push_back(
            history_entry("unassigned", nullptr, json::string(status), "unassigned", now));
        e["status"] = "unassigned";
        e["updatedAt"] = format_timestamp(now);
    }
}

std::string make_statement_id(std::string_view seed_text) {
    std::uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
    for (unsigned char c : seed_text) {
        h1 = (h1 ^ c) * 0x100000001b3ULL;
        h2 = (h2 ^ c) * 0x100000001b3ULL + 0x9e37;
    }
    h1 ^= h1 >> 29;
    h2 ^= h2 >> 31;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(h1 >> 32),
                  static_cast<unsigned>((h1 >> 16) & 0xffff), static_cast<unsigned>(h1 & 0xfff),
                  static_cast<unsigned>(0x8000 | ((h2 >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(h2 & 0xffffffffffffULL));
    return buf;
}

json::object& apply_completion(State& s, const std::string& user_id, const std::string& content_id,
                               Millis completed_at, Millis now, const CompletionOptions& options) {
    const json::object& content = *s.contents.find(content_id);
    json::object c;
    std::string id = s.new_id(IdKind::completion);
    c["id"] = id;
    c["userId"] = user_id;
    c["contentId"] = content_id;
    c["contentVersion"] = content.contains("version") ? content.at("version") : json::value(1);
    json::array skills;
    if (auto it = content.find("tags"); it != content.end() && it->value().is_array()) skills = it->value().as_array();
    c["skills"] = std::move(skills);
    c["completionType"] = options.is_rpl ? std::string("rpl") : options.completion_type;
    c["hadDueDate"] = false;
    c["isRPL"] = options.is_rpl;
    c["completedAt"] = format_timestamp(completed_at);
    c["activeUntil"] = nullptr;
    c["statementId"] = make_statement_id(id + "/" + user_id + "/" + content_id);
    c["createdAt"] = format_timestamp(now);

    for (auto& e : s.enrolments.items()) {
        if (str_of(e, "userId") != user_id) continue;
        auto status = str_of(e, "status");
        if (status != "open" && status != "overdue") continue;
        const auto* a = s.assignments.find(str_of(e, "assignmentId"));
        if (!a || bool_of(*a, "isDeleted")) continue;
        bool matches = str_of(*a, "primaryContentId") == content_id;
        if (auto it = a->find("alternativeContentIds"); !matches && it != a->end() && it->value().is_array())
            for (const auto& alt : it->value().as_array())
                if (alt.is_string() && alt.as_string() == content_id) matches = true;
        if (!matches) continue;
        e["history"].as_array().push_back(history_entry("completion", json::string(id), json::string(status),
                                                        "complete", now));
        e["status"] = "complete";
        e["lastCompletedAt"] = format_timestamp(completed_at);
        e["updatedAt"] = format_timestamp(now);
        c["hadDueDate"] = true;
        if (auto recurrence = int_of(*a, "recurrence"); recurrence > 0)
            c["activeUntil"] = format_timestamp(completed_at + recurrence * kMillisPerDay);
    }
    auto& added = s.completions.add(std::move(c));

    record_activity(s, "completed", str_of(content, "title"), user_id, content_id, "content",
                    json::object{{"completionId", id}, {"isRPL", options.is_rpl}}, completed_at);

    if (options.write_cpd && !s.cpd_categories.items().empty()) {
        const json::object& category = s.cpd_categories.items().front();
        json::object entry;
        entry["logEntryId"] = s.new_id(IdKind::cpd_entry);
        entry["userId"] = user_id;
        entry["activity"] = json::object{{"id", content_id}, {"type", content.at("type")}, {"name", content.at("title")}};
        entry["category"] = json::object{{"categoryId", category.at("categoryId")}, {"name", category.at("name")}};
        entry["entryDate"] = format_timestamp(completed_at);
        std::int64_t minutes = 0;
        if (auto it = content.find("duration"); it != content.end() && it->value().is_object())
            minutes = int_of(it->value().as_object(), "value");
        entry["durationMinutes"] = minutes;
        entry["description"] = "Completed \"" + str_of(content, "title") + "\"";
        entry["isVerified"] = true;
        entry["completionId"] = id;
        entry["createdAt"] = format_timestamp(now);
        s.cpd_entries.add(std::move(entry));
    }
    return added;
}

json::object blank_user(State& s, Millis created) {
    json::object u;
    auto ts = format_timestamp(created);
    u["id"] = s.new_id(IdKind::user);
    u["ref"] = nullptr;
    u["loginMethod"] = "email";
    u["email"] = nullptr;
    u["firstName"] = nullptr;
    u["lastName"] = nullptr;
    u["role"] = "learner";
    u["jobTitle"] = nullptr;
    u["managerRef"] = nullptr;
    u["startDate"] = nullptr;
    u["endDate"] = nullptr;
    u["timeZone"] = "Europe/London";
    u["languageCode"] = "en-gb";
    u["active"] = true;
    u["status"] = "new";
    u["sso"] = false;
    u["singleSignOn"] = false;
    u["domain"] = nullptr;
    u["additionalFields"] = json::object{};
    u["positions"] = json::array{};
    u["deleted"] = false;
    u["compliance"] = 0;
    u["level"] = 1;
    u["firstLogin"] = nullptr;
    u["lastLogin"] = nullptr;
    u["tags"] = json::object{{"skills", json::array{}}, {"interests", json::array{}}};
    u["usersFollowing"] = json::array{};
    u["tagsFollowing"] = json::array{};
    u["hasPicture"] = false;
    u["summary"] = nullptr;
    u["relevancy"] = 0;
    u["rank"] = json::object{{"position", nullptr}, {"points", 0}, {"title", nullptr}};
    u["agreedTerms"] = false;
    u["onboarded"] = false;
    u["createdAt"] = ts;
    u["updatedAt"] = ts;
    return u;
}

json::object& ensure_tag(State& s, const std::string& name, Millis now) {
    if (auto* t = find_tag_by_name(s, name)) return *t;
    json::object t;
    t["id"] = s.new_id(IdKind::tag);
    t["tag"] = name;
    t["campaigns"] = json::array{};
    t["createdAt"] = format_timestamp(now);
    t["updatedAt"] = format_timestamp(now);
    return s.tags.add(std::move(t));
}

}  // namespace thrive::standin
