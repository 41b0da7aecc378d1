// CPD: categories, log entries, audience requirements and per-user summaries.
#include <map>

#include "domain.hpp"
#include "routes.hpp"

namespace thrive::standin {
namespace {

template <const char* What>
Reply get_one(Collection& c, const std::string& id) {
    auto* r = c.find(id);
    if (!r) not_found(std::string(What) + " '" + id + "' not found");
    return Reply::json_body(public_view(*r));
}

constexpr char kCategory[] = "CPD category";
constexpr char kEntry[] = "CPD entry";
constexpr char kRequirement[] = "CPD requirement";

Reply list_updated_since(RequestContext& ctx, const Collection& c) {
    auto paging = read_paging(ctx, 100, 1000);
    auto since = query_iso(ctx, "updatedSince");
    std::vector<json::object> out;
    for (const auto& r : c.items()) {
        if (since && time_of(r, "updatedAt") < *since) continue;
        out.push_back(public_view(r));
    }
    return Reply::json_body(envelope(out, paging));
}

Reply get_category(RequestContext& ctx) {
    return get_one<kCategory>(ctx.state.cpd_categories, ctx.param("categoryId"));
}
Reply query_categories(RequestContext& ctx) { return list_updated_since(ctx, ctx.state.cpd_categories); }

Reply get_entry(RequestContext& ctx) { return get_one<kEntry>(ctx.state.cpd_entries, ctx.param("logEntryId")); }

Reply query_entries(RequestContext& ctx) {
    auto paging = read_paging(ctx, 100, 1000);
    auto from = query_space_datetime(ctx, "entryDateFrom");
    auto to = query_space_datetime(ctx, "entryDateTo");
    std::vector<json::object> out;
    for (const auto& e : ctx.state.cpd_entries.items()) {
        Millis at = time_of(e, "entryDate");
        if (from && at < *from) continue;
        if (to && at > *to) continue;
        out.push_back(public_view(e));
    }
    return Reply::json_body(envelope(out, paging));
}

Reply get_requirement(RequestContext& ctx) {
    return get_one<kRequirement>(ctx.state.cpd_requirements, ctx.param("audienceRequirementId"));
}
Reply query_requirements(RequestContext& ctx) { return list_updated_since(ctx, ctx.state.cpd_requirements); }

Reply query_user_summaries(RequestContext& ctx) {
    State& s = ctx.state;
    auto from = query_t_datetime(ctx, "entryDateFrom");
    auto to = query_t_datetime(ctx, "entryDateTo");
    if (!from) bad_request("entryDateFrom is required (format YYYY-MM-DDThh:mm:ss)");
    if (!to) bad_request("entryDateTo is required (format YYYY-MM-DDThh:mm:ss)");
    if (*to < *from) bad_request("entryDateTo must not be before entryDateFrom");
    auto paging = read_paging(ctx, 100, 1000);
    std::optional<std::vector<std::string>> user_ids;
    if (auto v = ctx.query("userIds")) user_ids = split_csv(*v);

    struct Sum {
        std::int64_t minutes = 0;
        std::int64_t entries = 0;
    };
    std::map<std::string, Sum, std::less<>> sums;
    for (const auto& e : s.cpd_entries.items()) {
        Millis at = time_of(e, "entryDate");
        if (at < *from || at > *to) continue;
        auto& sum = sums[str_of(e, "userId")];
        sum.minutes += int_of(e, "durationMinutes");
        ++sum.entries;
    }
    std::vector<json::object> out;
    auto row = [&](const std::string& uid) {
        Sum sum;
        if (auto it = sums.find(uid); it != sums.end()) sum = it->second;
        out.push_back(json::object{{"userId", uid}, {"durationMinutes", sum.minutes}, {"entryCount", sum.entries}});
    };
    if (user_ids && !user_ids->empty()) {
        for (const auto& uid : *user_ids)
            if (s.users.find(uid)) row(uid);
    } else {
        for (const auto& u : s.users.items()) {
            auto uid = str_of(u, "id");
            if (sums.count(uid)) row(uid);
        }
    }
    return Reply::json_body(envelope(out, paging));
}

}  // namespace

void register_cpd_routes(Router& r) {
    r.add("GET", "/rest/v1/cpdCategories/{categoryId}", get_category);
    r.add("GET", "/rest/v1/cpdCategories", query_categories);
    r.add("GET", "/rest/v1/cpdEntries/{logEntryId}", get_entry);
    r.add("GET", "/rest/v1/cpdEntries", query_entries);
    r.add("GET", "/rest/v1/cpdRequirementSummaries/{audienceRequirementId}", get_requirement);
    r.add("GET", "/rest/v1/cpdRequirementSummaries", query_requirements);
    r.add("GET", "/rest/v1/cpdUserLogSummaries", query_user_summaries);
}

}  // namespace thrive::standin
