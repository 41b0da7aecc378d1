#include "state.hpp"

#include <cstdio>
#include <stdexcept>

namespace thrive::standin {

json::object* Collection::find(std::string_view id) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &items_[it->second];
}

const json::object* Collection::find(std::string_view id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &items_[it->second];
}

json::object& Collection::add(json::object record) {
    std::string id = str_of(record, key_);
    if (id.empty()) throw std::logic_error("record without key field " + key_);
    index_[id] = items_.size();
    items_.push_back(std::move(record));
    return items_.back();
}

void Collection::erase(std::string_view id) {
    auto it = index_.find(id);
    if (it == index_.end()) return;
    items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(it->second));
    reindex();
}

void Collection::clear() {
    items_.clear();
    index_.clear();
}

void Collection::reindex() {
    index_.clear();
    for (std::size_t i = 0; i < items_.size(); ++i) index_[str_of(items_[i], key_)] = i;
}

json::array Collection::to_json() const {
    json::array out;
    out.reserve(items_.size());
    for (const auto& r : items_) out.push_back(r);
    return out;
}

void Collection::load(const json::array& records) {
    clear();
    for (const auto& v : records) {
        if (!v.is_object()) throw std::runtime_error("state file: a record is not an object");
        add(v.as_object());
    }
}

std::string State::new_id(IdKind kind) {
    if (seeding) return seed_id(kind, seed_counters[static_cast<std::size_t>(kind)]++);
    char buf[32];
    auto seconds = static_cast<std::uint32_t>(now_millis() / 1000);
    ++id_counter;
    std::snprintf(buf, sizeof buf, "%08x%08x%08x", seconds, id_salt, static_cast<std::uint32_t>(id_counter));
    return buf;
}

namespace {

struct Named {
    const char* name;
    Collection State::*member;
};

constexpr Named kCollections[] = {
    {"users", &State::users},
    {"audiences", &State::audiences},
    {"contents", &State::contents},
    {"assignments", &State::assignments},
    {"enrolments", &State::enrolments},
    {"completions", &State::completions},
    {"activities", &State::activities},
    {"cpdCategories", &State::cpd_categories},
    {"cpdEntries", &State::cpd_entries},
    {"cpdRequirements", &State::cpd_requirements},
    {"tags", &State::tags},
};

}  // namespace

json::object State::to_json() const {
    json::object doc;
    doc["format"] = "thrive-standin-state";
    doc["version"] = 1;
    doc["idSalt"] = id_salt;
    doc["idCounter"] = id_counter;
    for (const auto& c : kCollections) doc[c.name] = (this->*c.member).to_json();
    doc["skillLevels"] = skill_levels;
    json::object m;
    for (const auto& [aid, users] : members) {
        json::array a;
        for (const auto& u : users) a.emplace_back(u);
        m[aid] = std::move(a);
    }
    doc["members"] = std::move(m);
    json::object mg;
    for (const auto& [aid, list] : managers) mg[aid] = list;
    doc["managers"] = std::move(mg);
    return doc;
}

State State::from_json(const json::value& document) {
    const json::object* doc = document.if_object();
    if (!doc || str_of(*doc, "format") != "thrive-standin-state")
        throw std::runtime_error("not a stand-in state file");
    State s;
    s.id_salt = static_cast<std::uint32_t>(int_of(*doc, "idSalt"));
    s.id_counter = static_cast<std::uint64_t>(int_of(*doc, "idCounter"));
    for (const auto& c : kCollections) {
        auto it = doc->find(c.name);
        if (it == doc->end() || !it->value().is_array())
            throw std::runtime_error(std::string("state file: missing ") + c.name);
        (s.*c.member).load(it->value().as_array());
    }
    if (auto it = doc->find("skillLevels"); it != doc->end() && it->value().is_array())
        s.skill_levels = it->value().as_array();
    if (auto it = doc->find("members"); it != doc->end() && it->value().is_object()) {
        for (const auto& kv : it->value().as_object()) {
            auto& list = s.members[std::string(kv.key())];
            if (kv.value().is_array())
                for (const auto& u : kv.value().as_array())
                    if (u.is_string()) list.emplace_back(u.as_string());
        }
    }
    if (auto it = doc->find("managers"); it != doc->end() && it->value().is_object()) {
        for (const auto& kv : it->value().as_object())
            if (kv.value().is_array()) s.managers[std::string(kv.key())] = kv.value().as_array();
    }
    return s;
}

json::object public_view(const json::object& record) {
    json::object out;
    out.reserve(record.size());
    for (const auto& kv : record)
        if (kv.key().empty() || kv.key().front() != '_') out.emplace(kv.key(), kv.value());
    return out;
}

std::string str_of(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || !it->value().is_string()) return {};
    return std::string(it->value().as_string());
}

bool bool_of(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_bool() && it->value().as_bool();
}

std::int64_t int_of(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end()) return 0;
    const auto& v = it->value();
    if (v.is_int64()) return v.as_int64();
    if (v.is_uint64()) return static_cast<std::int64_t>(v.as_uint64());
    if (v.is_double()) return static_cast<std::int64_t>(v.as_double());
    return 0;
}

Millis time_of(const json::object& o, std::string_view key, Millis fallback) {
    auto it = o.find(key);
    if (it == o.end() || !it->value().is_string()) return fallback;
    auto t = parse_iso8601(it->value().as_string());
    return t ? *t : fallback;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace thrive::standin
