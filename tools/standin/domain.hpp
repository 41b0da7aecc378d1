// Lookups, record rendering and the side effects that connect the areas of the
// domain (membership -> enrolments, completion -> enrolment + activity + CPD).
// Used by the endpoint handlers and by the seed, so seeded data is made by the
// same rules as data written through the API.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "state.hpp"

namespace thrive::standin {

// ---- enumerations the API documents ----
const std::vector<std::string>& user_statuses();      // active inactive expired new
const std::vector<std::string>& content_types();      // article ... mixed
const std::vector<std::string>& enrolment_statuses(); // archived complete open overdue scheduled unassigned

// ---- lookups (nullptr when absent) ----
json::object* find_user_by_ref(State& s, std::string_view ref);
// By id, then ref, then email (case-insensitive). Deleted users only by id.
json::object* find_user_any(State& s, std::string_view key);
// By id, then reference.
json::object* find_audience(State& s, std::string_view id_or_reference);
json::object* find_tag_by_name(State& s, std::string_view name);
bool user_is_enrollable(const json::object& user);  // active or new, not deleted
std::vector<std::string> audience_children(const State& s, std::string_view audience_id);

// ---- rendering (the record as the API returns it) ----
json::object render_user(const State& s, const json::object& user);
json::object render_audience(const State& s, const json::object& audience);
json::object render_tag(const State& s, const json::object& tag);

// ---- side effects ----
json::object& record_activity(State& s, std::string_view type, std::string_view name, std::string_view user_id,
                              std::string_view context_id, std::string_view context_type, json::object data,
                              Millis when);

json::object history_entry(std::string_view type, const json::value& completion_id, const json::value& previous,
                           std::string_view next, Millis when);

// Enrols one user in an assignment (or reopens an unassigned/archived
// enrolment). Returns the enrolment, or nullptr when nothing changed.
json::object* enrol_user(State& s, const json::object& assignment, const std::string& user_id, Millis now);
// A member joined: enrol them in the audience's live assignments.
void on_member_added(State& s, const std::string& audience_id, const std::string& user_id, Millis now);
// A member left: their open/overdue/scheduled enrolments become unassigned.
void on_member_removed(State& s, const std::string& audience_id, const std::string& user_id, Millis now);

struct CompletionOptions {
    bool is_rpl = false;
    std::string completion_type = "manual";
    bool write_cpd = true;
};
// Records a completion and its consequences; returns the completion record.
json::object& apply_completion(State& s, const std::string& user_id, const std::string& content_id,
                               Millis completed_at, Millis now, const CompletionOptions& options = {});

// A user record with every field the API returns, defaults/nulls filled in
// and a fresh id; the caller sets the rest and adds it.
json::object blank_user(State& s, Millis created);

// Makes a tag when no tag has this name; returns it.
json::object& ensure_tag(State& s, const std::string& name, Millis now);

std::string make_statement_id(std::string_view seed_text);

}  // namespace thrive::standin
