// The stand-in's domain state: every record the Thrive API exposes, kept as
// JSON objects (the shape the service returns) in insertion-ordered
// collections with an id index. Fields whose name starts with '_' are internal
// bookkeeping and never leave the server (see public_view()).
//
// Not thread-safe: the server serialises access with one mutex.
#pragma once

#include <boost/json.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dates.hpp"
#include "seed_facts.hpp"

namespace thrive::standin {

namespace json = boost::json;

class Collection {
public:
    explicit Collection(std::string key_field = "id") : key_(std::move(key_field)) {}

    json::object* find(std::string_view id);
    const json::object* find(std::string_view id) const;
    json::object& add(json::object record);  // the record must carry its key field
    void erase(std::string_view id);
    void clear();

    std::vector<json::object>& items() { return items_; }
    const std::vector<json::object>& items() const { return items_; }
    std::size_t size() const { return items_.size(); }
    const std::string& key_field() const { return key_; }

    json::array to_json() const;
    void load(const json::array& records);

private:
    void reindex();
    std::string key_;
    std::vector<json::object> items_;
    std::map<std::string, std::size_t, std::less<>> index_;
};

struct State {
    Collection users{"id"};
    Collection audiences{"id"};
    Collection contents{"id"};
    Collection assignments{"id"};
    Collection enrolments{"id"};
    Collection completions{"id"};
    Collection activities{"id"};
    Collection cpd_categories{"categoryId"};
    Collection cpd_entries{"logEntryId"};
    Collection cpd_requirements{"audienceRequirementId"};
    Collection tags{"id"};
    json::array skill_levels;

    // audienceId -> member user ids, in the order they joined.
    std::map<std::string, std::vector<std::string>, std::less<>> members;
    // audienceId -> [{"userId", "permissions"}] in the order they were added.
    std::map<std::string, json::array, std::less<>> managers;

    std::uint32_t id_salt = 0;      // part of every id made at run time
    std::uint64_t id_counter = 0;   // persisted, so ids never repeat across restarts
    std::uint64_t revision = 0;     // bumped by every change (not persisted)

    // While seeding, new_id() hands out seed_id(kind, n) in creation order.
    bool seeding = false;
    std::array<std::uint32_t, 16> seed_counters{};

    // A fresh 24-hex-character id: seconds since the epoch, salt, counter
    // (or the next seed id while seeding).
    std::string new_id(IdKind kind);
    // Mark the state as changed (counts as an applied write, triggers a save).
    void touch() { ++revision; }

    json::object to_json() const;
    // Throws std::runtime_error when the document is not a state snapshot.
    static State from_json(const json::value& document);
};

// The record as the API returns it: every field except the '_' internal ones.
json::object public_view(const json::object& record);

// Small typed accessors that tolerate missing fields.
std::string str_of(const json::object& o, std::string_view key);    // "" unless a string
bool bool_of(const json::object& o, std::string_view key);          // false unless true
std::int64_t int_of(const json::object& o, std::string_view key);   // 0 unless a number
// Timestamp field parsed as ISO 8601; `fallback` when missing or null.
Millis time_of(const json::object& o, std::string_view key, Millis fallback = 0);

// Case-insensitive ASCII comparison (emails).
bool iequals(std::string_view a, std::string_view b);

}  // namespace thrive::standin
