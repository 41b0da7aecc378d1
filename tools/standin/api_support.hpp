// What every endpoint handler uses: the request context, the reply, the error
// type that becomes {"message": ...}, pagination and input validation helpers.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "state.hpp"

namespace thrive::standin {

// Thrown by handlers; the server answers `status` with {"message": message}.
struct ApiError : std::runtime_error {
    ApiError(int status, const std::string& message) : std::runtime_error(message), status(status) {}
    int status;
};

[[noreturn]] void bad_request(const std::string& message);
[[noreturn]] void not_found(const std::string& message);
[[noreturn]] void conflict(const std::string& message);

using QueryMap = std::map<std::string, std::string, std::less<>>;
using ParamMap = std::map<std::string, std::string, std::less<>>;

struct Reply {
    int status = 200;
    json::value body;         // serialised unless `empty`
    bool empty = false;       // no body at all (204 and friends)

    static Reply json_body(json::value v, int status = 200) { return Reply{status, std::move(v), false}; }
    static Reply no_content() { return Reply{204, nullptr, true}; }
};

class RequestContext {
public:
    RequestContext(State& state, std::string method, ParamMap params, QueryMap query, std::string body)
        : state(state), method(std::move(method)), params_(std::move(params)), query_(std::move(query)),
          body_text_(std::move(body)) {}

    State& state;
    const std::string method;

    // A path parameter (already percent-decoded).
    const std::string& param(std::string_view name) const;
    // A query value, trimmed; nullopt when absent or blank.
    std::optional<std::string> query(std::string_view name) const;

    // The JSON body (400 when missing or not JSON).
    const json::value& body();
    // The JSON body as an object (400 otherwise).
    const json::object& body_object();
    bool has_body() const;

private:
    ParamMap params_;
    QueryMap query_;
    std::string body_text_;
    std::optional<json::value> body_;
};

struct Paging {
    std::int64_t page = 1;
    std::int64_t per_page = 100;
};

// page >= 1 and 1 <= perPage <= max_per_page, both integers; 400 otherwise.
Paging read_paging(const RequestContext& ctx, std::int64_t default_per_page, std::int64_t max_per_page);

// {"results": [...page...], "pagination": {...}} over already filtered records.
json::object envelope(const std::vector<json::object>& all, const Paging& p);
// The page of `all` as a bare JSON array.
json::array bare_page(const std::vector<json::object>& all, const Paging& p);

// Query helpers (400 on bad values).
std::optional<Millis> query_iso(const RequestContext& ctx, std::string_view name);
std::optional<Millis> query_space_datetime(const RequestContext& ctx, std::string_view name);
std::optional<Millis> query_t_datetime(const RequestContext& ctx, std::string_view name);
std::optional<bool> query_bool(const RequestContext& ctx, std::string_view name);
// Comma-separated list, items trimmed, blanks dropped.
std::vector<std::string> split_csv(std::string_view text);
// Comma list whose items must all be in `allowed`.
std::optional<std::vector<std::string>> query_enum_list(const RequestContext& ctx, std::string_view name,
                                                        const std::vector<std::string>& allowed);

bool contains(const std::vector<std::string>& list, std::string_view value);
std::string join(const std::vector<std::string>& list, std::string_view sep);

// Body field helpers: nullopt when the field is absent (or null when
// `null_is_absent`); 400 when present with the wrong type.
std::optional<std::string> body_string(const json::object& body, std::string_view key, bool null_is_absent = true);
std::optional<bool> body_bool(const json::object& body, std::string_view key);
std::optional<std::int64_t> body_int(const json::object& body, std::string_view key);
// Required non-empty string (400 "<key> is required").
std::string required_string(const json::object& body, std::string_view key);
// Optional ISO 8601 date field, returned normalised ("...T..:..:...000Z").
std::optional<std::string> body_iso(const json::object& body, std::string_view key);
// An array of 1..100 non-empty strings (400 otherwise); `what` names it in messages.
std::vector<std::string> string_list(const json::value& v, std::string_view what, bool allow_empty = false);

}  // namespace thrive::standin
