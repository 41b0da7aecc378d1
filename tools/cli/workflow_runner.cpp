#include "workflow_runner.hpp"

#include "json_pretty.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <ctime>
#include <iomanip>
#include <sstream>

namespace json = boost::json;

namespace thrive::cli {
namespace {

std::string utc(const char* format) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::ostringstream s;
    s << std::put_time(&tm, format);
    return s.str();
}

json::object run_scope() {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
    return json::object{{"id", std::to_string(ms % 100'000'000)},
                        {"now", utc("%Y-%m-%dT%H:%M:%SZ")},
                        {"today", utc("%Y-%m-%d")},
                        {"nowSpace", utc("%Y-%m-%d %H:%M:%S")}};
}

std::string short_value(const json::value& v) {
    std::string s = v.is_string() ? std::string(v.as_string()) : json::serialize(v);
    return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

std::string describe_record(const std::string& key, const json::object& record) {
    std::string out = key;
    int shown = 0;
    for (const char* field : {"id", "ref", "reference", "name", "title", "tag", "email", "status", "active", "type",
                              "categoryId", "logEntryId", "audienceRequirementId"}) {
        auto v = record.if_contains(field);
        if (!v || v->is_null() || shown >= 4) continue;
        out += std::string(" ") + field + "=" + short_value(*v);
        ++shown;
    }
    return out;
}

}  // namespace

std::string summarize_output(const json::value& output) {
    if (!output.is_object()) return short_value(output);
    const auto& o = output.as_object();
    if (auto results = o.if_contains("results"); results && results->is_array()) {
        std::string s = std::to_string(results->as_array().size()) + " results";
        if (auto p = o.if_contains("pagination"); p && p->is_object()) {
            const auto& po = p->as_object();
            if (po.contains("totalResults")) s += " of " + short_value(po.at("totalResults"));
            if (po.contains("page") && po.contains("totalPages"))
                s += " (page " + short_value(po.at("page")) + " of " + short_value(po.at("totalPages")) + ")";
        }
        return s;
    }
    if (o.size() == 1) {
        const auto& [key, value] = *o.begin();
        if (value.is_object() && key == "result") {
            const auto& r = value.as_object();
            auto count = [&](const char* which) {
                auto part = r.if_contains(which);
                return part && part->is_object() && part->as_object().contains("count")
                           ? short_value(part->as_object().at("count"))
                           : std::string("0");
            };
            return count("success") + " succeeded, " + count("failure") + " failed";
        }
        if (value.is_object()) return describe_record(std::string(key), value.as_object());
        if (value.is_array()) return std::to_string(value.as_array().size()) + " " + std::string(key);
        return std::string(key) + "=" + short_value(value);
    }
    std::string s;
    for (const auto& [key, value] : o) {
        if (value.is_object() || value.is_array()) continue;
        s += (s.empty() ? "" : " ") + std::string(key) + "=" + short_value(value);
    }
    return s;
}

int run_workflow(const Instance& instance, const Workflow& workflow, std::ostream& out, const RunOptions& options) {
    json::object scope{{"vars", workflow.vars}, {"run", run_scope()}};
    if (!workflow.name.empty()) out << workflow.name << "\n";
    if (!workflow.description.empty()) out << workflow.description << "\n";
    out << "\n";
    const std::size_t total = workflow.blocks.size();
    for (std::size_t i = 0; i < total; ++i) {
        const Block& block = workflow.blocks[i];
        std::string label = "[" + std::to_string(i + 1) + "/" + std::to_string(total) + "] " +
                            (block.title.empty() ? block.id : block.title) + " (" + block.tool + ")";
        auto fail = [&](const std::string& why) {
            out << "FAILED " << label << "\n       " << why << "\n\nstopped at block '" << block.id << "'\n";
            return 1;
        };
        json::value params;
        try {
            params = resolve_references(block.params, scope, options.dry_run);
        } catch (const WorkflowError& e) {
            return fail(e.what());
        }
        CallOutcome outcome = options.dry_run ? instance.dry_run(block.tool, json::serialize(params))
                                              : instance.call(block.tool, json::serialize(params));
        json::value envelope = json::parse(outcome.json);
        if (outcome.status != 0) {
            const auto& err = envelope.at("error").as_object();
            return fail(std::string(err.at("code").as_string()) + ": " + std::string(err.at("message").as_string()));
        }
        const json::value& output = envelope.at("output");
        scope[block.id] = output;
        // A dry run has requests, not outputs: there is nothing to expect of.
        for (const auto& [path, expected_template] : options.dry_run ? json::object() : block.expect) {
            json::value expected, actual;
            try {
                expected = resolve_references(expected_template, scope);
            } catch (const WorkflowError& e) {
                return fail(e.what());
            }
            try {
                actual = lookup_path(scope, block.id + "." + std::string(path));
            } catch (const WorkflowError& e) {
                return fail(std::string("expected ") + std::string(path) + " = " + json::serialize(expected) + ", but " +
                            e.what());
            }
            if (actual != expected)
                return fail("expected " + std::string(path) + " = " + json::serialize(expected) + ", got " +
                            json::serialize(actual));
        }
        out << "ok     " << label << "\n       " << (options.dry_run ? json::serialize(output) : summarize_output(output))
            << "\n";
        if (!block.show.empty()) {
            try {
                json::value shown = resolve_references(json::value(block.show), scope);
                out << "       " << (shown.is_string() ? std::string(shown.as_string()) : json::serialize(shown)) << "\n";
            } catch (const WorkflowError&) {
            }
        }
        if (options.verbose) out << pretty(output) << "\n";
    }
    if (options.dry_run)
        out << "\nall " << total << " requests built and valid (dry run: nothing was sent)\n";
    else
        out << "\nall " << total << " blocks succeeded\n";
    return 0;
}

}  // namespace thrive::cli
