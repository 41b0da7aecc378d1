#include "pager.hpp"

#include <boost/json.hpp>

namespace json = boost::json;

namespace thrive::cli {
namespace {

long long as_number(const json::value* v, long long fallback) {
    if (!v) return fallback;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return static_cast<long long>(v->as_uint64());
    if (v->is_double()) return static_cast<long long>(v->as_double());
    if (v->is_string()) try {
            return std::stoll(std::string(v->as_string()));
        } catch (...) {
        }
    return fallback;
}

}  // namespace

CallOutcome call_all_pages(const Instance& instance, const std::string& tool, json::object params, int max_pages) {
    json::value descriptor = json::parse(instance.tool_json(tool));
    const auto& output = descriptor.at("output").as_object();
    std::string mapping(output.at("mapping").as_string());
    bool has_page = false;
    long long default_per_page = 100;
    for (const auto& p : descriptor.at("input").as_array()) {
        const auto& po = p.as_object();
        if (po.at("name") == "page") has_page = true;
        if (po.at("name") == "perPage" && po.contains("default")) default_per_page = as_number(&po.at("default"), 100);
    }
    if (!has_page || (mapping != "page" && mapping != "list"))
        return instance.call(tool, json::serialize(params));  // not a paged tool: one call

    std::string key = mapping == "list" ? std::string(output.at("key").as_string()) : "results";
    const long long first_page = as_number(params.if_contains("page"), 1);
    long long page = first_page;
    long long per_page = as_number(params.if_contains("perPage"), default_per_page);
    json::array all;
    json::object last_output;
    bool finished = false;
    for (int fetched = 0; fetched < max_pages; ++fetched, ++page) {
        params["page"] = page;
        CallOutcome one = instance.call(tool, json::serialize(params));
        if (one.status != 0) return one;
        json::value env = json::parse(one.json);
        last_output = env.at("output").as_object();
        const auto& items = last_output.at(key).as_array();
        for (const auto& item : items) all.push_back(item);
        if (mapping == "page") {
            const json::value* pagination = last_output.if_contains("pagination");
            long long total_pages =
                pagination && pagination->is_object() ? as_number(pagination->as_object().if_contains("totalPages"), 0) : 0;
            finished = items.empty() || page >= total_pages;
        } else {
            finished = static_cast<long long>(items.size()) < per_page;
        }
        if (finished) break;
    }
    if (!finished) {
        // Better to say so than to hand back a silently truncated list.
        json::object error{{"code", "bad_response"},
                           {"message", "stopped after " + std::to_string(max_pages) +
                                           " pages: the service kept reporting more pages"}};
        json::object env{{"success", false}, {"output", json::object()}, {"error", std::move(error)}};
        return CallOutcome{THRIVE_BAD_RESPONSE, json::serialize(env)};
    }
    last_output[key] = std::move(all);
    if (auto p = last_output.if_contains("pagination"); p && p->is_object()) {
        auto& po = p->as_object();
        po["page"] = page;
        po["pagesFetched"] = page - first_page + 1;
    }
    json::object env{{"success", true}, {"output", std::move(last_output)}};
    return CallOutcome{0, json::serialize(env)};
}

}  // namespace thrive::cli
