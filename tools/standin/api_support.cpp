#include "api_support.hpp"

#include <charconv>

namespace thrive::standin {

void bad_request(const std::string& message) { throw ApiError(400, message); }
void not_found(const std::string& message) { throw ApiError(404, message); }
void conflict(const std::string& message) { throw ApiError(409, message); }

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::optional<std::int64_t> parse_int(std::string_view s) {
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

const std::string& RequestContext::param(std::string_view name) const {
    static const std::string empty;
    auto it = params_.find(name);
    return it == params_.end() ? empty : it->second;
}

std::optional<std::string> RequestContext::query(std::string_view name) const {
    auto it = query_.find(name);
    if (it == query_.end()) return std::nullopt;
    auto v = trim(it->second);
    if (v.empty()) return std::nullopt;
    return std::string(v);
}

bool RequestContext::has_body() const { return !trim(body_text_).empty(); }

const json::value& RequestContext::body() {
    if (!body_) {
        if (!has_body()) bad_request("Request body is required");
        boost::system::error_code ec;
        json::value v = json::parse(body_text_, ec);
        if (ec) bad_request("Request body is not valid JSON");
        body_ = std::move(v);
    }
    return *body_;
}

const json::object& RequestContext::body_object() {
    const auto& v = body();
    if (!v.is_object()) bad_request("Request body must be a JSON object");
    return v.as_object();
}

Paging read_paging(const RequestContext& ctx, std::int64_t default_per_page, std::int64_t max_per_page) {
    Paging p;
    p.per_page = default_per_page;
    if (auto v = ctx.query("page")) {
        auto n = parse_int(*v);
        if (!n || *n < 1) bad_request("page must be an integer of at least 1");
        p.page = *n;
    }
    if (auto v = ctx.query("perPage")) {
        auto n = parse_int(*v);
        if (!n || *n < 1 || *n > max_per_page)
            bad_request("perPage must be an integer between 1 and " + std::to_string(max_per_page));
        p.per_page = *n;
    }
    return p;
}

namespace {

std::pair<std::size_t, std::size_t> page_bounds(std::size_t total, const Paging& p) {
    // page and per_page are >= 1; a page far past the end must not overflow.
    std::size_t start = total;
    if (p.page - 1 <= static_cast<std::int64_t>(total))
        start = std::min(total, static_cast<std::size_t>(p.page - 1) * static_cast<std::size_t>(p.per_page));
    std::size_t end = std::min(total, start + static_cast<std::size_t>(p.per_page));
    return {start, end};
}

}  // namespace

json::object envelope(const std::vector<json::object>& all, const Paging& p) {
    auto [start, end] = page_bounds(all.size(), p);
    json::array results;
    results.reserve(end - start);
    for (std::size_t i = start; i < end; ++i) results.push_back(all[i]);
    json::object out;
    out["results"] = std::move(results);
    auto total = static_cast<std::int64_t>(all.size());
    out["pagination"] = json::object{{"totalResults", total},
                                     {"totalPages", (total + p.per_page - 1) / p.per_page},
                                     {"page", p.page},
                                     {"perPage", p.per_page}};
    return out;
}

json::array bare_page(const std::vector<json::object>& all, const Paging& p) {
    auto [start, end] = page_bounds(all.size(), p);
    json::array results;
    results.reserve(end - start);
    for (std::size_t i = start; i < end; ++i) results.push_back(all[i]);
    return results;
}

std::optional<Millis> query_iso(const RequestContext& ctx, std::string_view name) {
    auto v = ctx.query(name);
    if (!v) return std::nullopt;
    auto t = parse_iso8601(*v);
    if (!t) bad_request(std::string(name) + " must be an ISO 8601 date or date-time");
    return t;
}

std::optional<Millis> query_space_datetime(const RequestContext& ctx, std::string_view name) {
    auto v = ctx.query(name);
    if (!v) return std::nullopt;
    auto t = parse_space_datetime(*v);
    if (!t) bad_request(std::string(name) + " must have the format YYYY-MM-DD hh:mm:ss");
    return t;
}

std::optional<Millis> query_t_datetime(const RequestContext& ctx, std::string_view name) {
    auto v = ctx.query(name);
    if (!v) return std::nullopt;
    auto t = parse_t_datetime(*v);
    if (!t) bad_request(std::string(name) + " must have the format YYYY-MM-DDThh:mm:ss");
    return t;
}

std::optional<bool> query_bool(const RequestContext& ctx, std::string_view name) {
    auto v = ctx.query(name);
    if (!v) return std::nullopt;
    if (*v == "true") return true;
    if (*v == "false") return false;
    bad_request(std::string(name) + " must be true or false");
}

std::vector<std::string> split_csv(std::string_view text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto comma = text.find(',', pos);
        if (comma == std::string_view::npos) comma = text.size();
        auto item = trim(text.substr(pos, comma - pos));
        if (!item.empty()) out.emplace_back(item);
        pos = comma + 1;
    }
    return out;
}

std::optional<std::vector<std::string>> query_enum_list(const RequestContext& ctx, std::string_view name,
                                                        const std::vector<std::string>& allowed) {
    auto v = ctx.query(name);
    if (!v) return std::nullopt;
    auto items = split_csv(*v);
    for (const auto& i : items)
        if (!contains(allowed, i))
            bad_request(std::string(name) + ": unknown value '" + i + "' (expected one of " + join(allowed, ", ") +
                        ")");
    return items;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
    for (const auto& s : list)
        if (s == value) return true;
    return false;
}

std::string join(const std::vector<std::string>& list, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) out += sep;
        out += list[i];
    }
    return out;
}

std::optional<std::string> body_string(const json::object& body, std::string_view key, bool null_is_absent) {
    auto it = body.find(key);
    if (it == body.end()) return std::nullopt;
    if (it->value().is_null() && null_is_absent) return std::nullopt;
    if (!it->value().is_string()) bad_request(std::string(key) + " must be a string");
    return std::string(it->value().as_string());
}

std::optional<bool> body_bool(const json::object& body, std::string_view key) {
    auto it = body.find(key);
    if (it == body.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_bool()) bad_request(std::string(key) + " must be a boolean");
    return it->value().as_bool();
}

std::optional<std::int64_t> body_int(const json::object& body, std::string_view key) {
    auto it = body.find(key);
    if (it == body.end() || it->value().is_null()) return std::nullopt;
    const auto& v = it->value();
    if (v.is_int64()) return v.as_int64();
    if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v.as_uint64());
    if (v.is_double() && v.as_double() == static_cast<double>(static_cast<std::int64_t>(v.as_double())))
        return static_cast<std::int64_t>(v.as_double());
    bad_request(std::string(key) + " must be an integer");
}

std::string required_string(const json::object& body, std::string_view key) {
    auto v = body_string(body, key);
    if (!v || trim(*v).empty()) bad_request(std::string(key) + " is required");
    return *v;
}

std::optional<std::string> body_iso(const json::object& body, std::string_view key) {
    auto v = body_string(body, key);
    if (!v) return std::nullopt;
    auto t = parse_iso8601(*v);
    if (!t) bad_request(std::string(key) + " must be an ISO 8601 date or date-time");
    return format_timestamp(*t);
}

std::vector<std::string> string_list(const json::value& v, std::string_view what, bool allow_empty) {
    if (!v.is_array()) bad_request(std::string(what) + " must be a JSON array");
    const auto& a = v.as_array();
    if (a.empty() && !allow_empty) bad_request(std::string(what) + " must not be empty");
    if (a.size() > 100) bad_request(std::string(what) + " must not have more than 100 items");
    std::vector<std::string> out;
    for (const auto& item : a) {
        if (!item.is_string() || trim(item.as_string()).empty())
            bad_request(std::string(what) + " items must be non-empty strings");
        out.emplace_back(item.as_string());
    }
    return out;
}

}  // namespace thrive::standin
