#include "e2e_harness.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace thrive::e2e {
namespace {

std::mutex& tools_mu() {
    static std::mutex mu;
    return mu;
}
std::set<std::string>& called_set() {
    static std::set<std::string> s;
    return s;
}
std::set<std::string>& succeeded_set() {
    static std::set<std::string> s;
    return s;
}

const json::object& empty_object() {
    static const json::object o;
    return o;
}

const char* kind_name(Kind k) {
    switch (k) {
        case Kind::string: return "string";
        case Kind::boolean: return "boolean";
        case Kind::number: return "number";
        case Kind::array: return "array";
        case Kind::object: return "object";
        case Kind::any: return "any";
    }
    return "?";
}

bool kind_matches(const json::value& v, Kind k) {
    switch (k) {
        case Kind::string: return v.is_string();
        case Kind::boolean: return v.is_bool();
        case Kind::number: return v.is_number();
        case Kind::array: return v.is_array();
        case Kind::object: return v.is_object();
        case Kind::any: return true;
    }
    return false;
}

}  // namespace

std::set<std::string> tools_called() {
    std::lock_guard lock(tools_mu());
    return called_set();
}
std::set<std::string> tools_succeeded() {
    std::lock_guard lock(tools_mu());
    return succeeded_set();
}
void forget_tools() {
    std::lock_guard lock(tools_mu());
    called_set().clear();
    succeeded_set().clear();
}

const cli::Plugin& plugin() {
    static std::unique_ptr<cli::Plugin> p = cli::Plugin::load(THRIVE_E2E_PLUGIN_PATH);
    return *p;
}

// ---- Outcome ---------------------------------------------------------------

const json::object& Outcome::output() const {
    if (envelope.is_object())
        if (auto* o = envelope.as_object().if_contains("output"); o && o->is_object()) return o->as_object();
    return empty_object();
}
const json::object& Outcome::error() const {
    if (envelope.is_object())
        if (auto* e = envelope.as_object().if_contains("error"); e && e->is_object()) return e->as_object();
    return empty_object();
}
std::string Outcome::code() const {
    auto* c = error().if_contains("code");
    return c && c->is_string() ? std::string(c->as_string()) : "";
}
std::string Outcome::message() const {
    auto* m = error().if_contains("message");
    return m && m->is_string() ? std::string(m->as_string()) : "";
}
std::int64_t Outcome::http_status() const {
    auto* s = error().if_contains("httpStatus");
    return s && s->is_number() ? s->to_number<std::int64_t>() : 0;
}
std::int64_t Outcome::retry_after_ms() const {
    auto* s = error().if_contains("retryAfterMs");
    return s && s->is_number() ? s->to_number<std::int64_t>() : 0;
}

// ---- Harness ---------------------------------------------------------------

Harness::Harness(standin::Options options) {
    std::string pattern = (fs::temp_directory_path() / "thrive-e2e-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    temp_dir_ = pattern;
    ca_file_ = (fs::path(temp_dir_) / "standin-ca.pem").string();
    options.tls = true;
    options.port = 0;
    options.ca_file = ca_file_;
    server_ = std::make_unique<standin::Server>(std::move(options));
    server_->start();
    instance_ = make_instance();
}

Harness::~Harness() {
    instance_.reset();
    if (server_) server_->stop();
    std::error_code ec;
    fs::remove_all(temp_dir_, ec);
}

std::string Harness::host() const { return "localhost:" + std::to_string(server_->port()); }

std::string Harness::config_json(const InstanceOverrides& o) const {
    json::object c;
    c["tenantId"] = server_->options().tenant_id;
    c["apiKey"] = o.api_key.empty() ? server_->options().api_key : o.api_key;
    c["host"] = o.host.empty() ? host() : o.host;
    c["allowedHosts"] = json::array{json::value(host())};
    c["caFile"] = ca_file_;
    if (o.max_retries >= 0) c["maxRetries"] = o.max_retries;
    if (o.request_timeout_ms >= 0) c["requestTimeoutMs"] = o.request_timeout_ms;
    for (const auto& [k, v] : o.extra) c[k] = v;
    return json::serialize(c);
}

std::unique_ptr<cli::Instance> Harness::make_instance(const InstanceOverrides& o) const {
    return std::make_unique<cli::Instance>(plugin(), config_json(o));
}

Outcome Harness::call_on(const cli::Instance& inst, const std::string& tool, const json::object& params) {
    cli::CallOutcome raw = inst.call(tool, json::serialize(params));
    Outcome out;
    out.status = raw.status;
    out.raw = raw.json;
    boost::system::error_code ec;
    out.envelope = json::parse(raw.json, ec);
    if (ec) ADD_FAILURE() << tool << ": the result is not JSON: " << raw.json;
    {
        std::lock_guard lock(tools_mu());
        called_set().insert(tool);
        if (out.ok()) succeeded_set().insert(tool);
    }
    // Every envelope has success/output, and success agrees with the status.
    if (!ec) {
        const auto* env = out.envelope.if_object();
        EXPECT_TRUE(env && env->contains("success") && env->at("success").is_bool() && env->contains("output") &&
                    env->at("output").is_object())
            << tool << ": malformed envelope " << raw.json;
        if (env && env->contains("success") && env->at("success").is_bool()) {
            EXPECT_EQ(env->at("success").as_bool(), out.ok()) << tool << ": success disagrees with the status "
                                                              << out.status << ": " << raw.json;
        }
        if (!out.ok()) {
            EXPECT_TRUE(env && env->contains("error") && env->at("error").is_object())
                << tool << ": a failure without an error object: " << raw.json;
        }
    }
    return out;
}

json::object Harness::ok(const std::string& tool, const json::object& params) {
    Outcome o = call(tool, params);
    if (!o.ok()) {
        ADD_FAILURE() << tool << " " << json::serialize(params) << " failed with status " << o.status << ": "
                      << o.raw;
        throw StepFailed(tool + " failed");
    }
    return o.output();
}

Outcome Harness::fails(const std::string& tool, const json::object& params, const std::string& code) {
    Outcome o = call(tool, params);
    if (o.ok() || o.code() != code) {
        ADD_FAILURE() << tool << " " << json::serialize(params) << ": expected error " << code << ", got status "
                      << o.status << ": " << o.raw;
        throw StepFailed(tool + " did not fail with " + code);
    }
    return o;
}

// ---- scenarios -------------------------------------------------------------

std::vector<Scenario>& scenarios() {
    static std::vector<Scenario> all;
    return all;
}

bool register_scenario(const char* name, ScenarioFn fn) {
    scenarios().push_back({name, fn});
    return true;
}

// ---- JSON helpers ----------------------------------------------------------

std::string str(const json::value& v, std::string_view key) {
    const auto* o = v.if_object();
    const auto* s = o ? o->if_contains(key) : nullptr;
    return s && s->is_string() ? std::string(s->as_string()) : std::string();
}

const json::array& arr(const json::value& v, std::string_view key) {
    static const json::array empty;
    const auto* o = v.if_object();
    const auto* a = o ? o->if_contains(key) : nullptr;
    if (!a || !a->is_array()) {
        ADD_FAILURE() << "no array '" << key << "' in " << json::serialize(v);
        throw StepFailed("missing array");
    }
    return a->as_array();
}

const json::object& sub(const json::value& v, std::string_view key) {
    const auto* o = v.if_object();
    const auto* s = o ? o->if_contains(key) : nullptr;
    if (!s || !s->is_object()) {
        ADD_FAILURE() << "no object '" << key << "' in " << json::serialize(v);
        throw StepFailed("missing object");
    }
    return s->as_object();
}

::testing::AssertionResult has_shape(const json::value& v, const Shape& shape, const std::string& what) {
    if (!v.is_object()) return ::testing::AssertionFailure() << what << ": not an object: " << json::serialize(v);
    const auto& o = v.as_object();
    for (const auto& f : shape) {
        auto* field = o.if_contains(f.name);
        if (!field)
            return ::testing::AssertionFailure() << what << ": documented field '" << f.name << "' is missing in "
                                                 << json::serialize(v);
        if (field->is_null()) {
            if (f.non_null)
                return ::testing::AssertionFailure() << what << ": field '" << f.name << "' is null in "
                                                     << json::serialize(v);
            continue;
        }
        if (!kind_matches(*field, f.kind))
            return ::testing::AssertionFailure() << what << ": field '" << f.name << "' should be "
                                                 << kind_name(f.kind) << ", is " << json::serialize(*field);
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult is_envelope(const json::object& output, const Shape& item_shape, const std::string& what) {
    auto* results = output.if_contains("results");
    if (!results || !results->is_array())
        return ::testing::AssertionFailure() << what << ": no results array in " << json::serialize(output);
    auto* pagination = output.if_contains("pagination");
    if (!pagination) return ::testing::AssertionFailure() << what << ": no pagination in " << json::serialize(output);
    if (auto r = has_shape(*pagination, shapes::pagination, what + " pagination"); !r) return r;
    for (const auto& f : shapes::pagination)
        if (!pagination->as_object().at(f.name).is_number())
            return ::testing::AssertionFailure() << what << ": pagination." << f.name << " is not a number";
    std::size_t i = 0;
    for (const auto& item : results->as_array())
        if (auto r = has_shape(item, item_shape, what + " results[" + std::to_string(i++) + "]"); !r) return r;
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult is_bare_list(const json::object& output, const char* key, const Shape& item_shape,
                                        const std::string& what) {
    if (output.size() != 1 || !output.contains(key) || !output.at(key).is_array())
        return ::testing::AssertionFailure() << what << ": expected exactly {\"" << key << "\": [...]}, got "
                                             << json::serialize(output);
    std::size_t i = 0;
    for (const auto& item : output.at(key).as_array())
        if (auto r = has_shape(item, item_shape, what + " " + key + "[" + std::to_string(i++) + "]"); !r) return r;
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult is_bulk_result(const json::object& output) {
    auto* result = output.if_contains("result");
    if (!result || !result->is_object())
        return ::testing::AssertionFailure() << "no result object in " << json::serialize(output);
    for (const char* half : {"success", "failure"}) {
        auto* h = result->as_object().if_contains(half);
        if (!h || !h->is_object())
            return ::testing::AssertionFailure() << "no result." << half << " in " << json::serialize(output);
        auto* count = h->as_object().if_contains("count");
        auto* entities = h->as_object().if_contains("entities");
        if (!count || !count->is_number() || !entities || !entities->is_array())
            return ::testing::AssertionFailure() << "result." << half << " needs count and entities: "
                                                 << json::serialize(output);
        if (count->to_number<std::int64_t>() != static_cast<std::int64_t>(entities->as_array().size()))
            return ::testing::AssertionFailure() << "result." << half << ".count disagrees with entities: "
                                                 << json::serialize(output);
        for (const auto& e : entities->as_array())
            if (str(e, "reference").empty())
                return ::testing::AssertionFailure() << "result." << half << " entity without reference: "
                                                     << json::serialize(e);
    }
    return ::testing::AssertionSuccess();
}

std::vector<std::string> ids_of(const json::array& a, const char* key) {
    std::vector<std::string> out;
    for (const auto& v : a) out.push_back(str(v, key));
    return out;
}

bool contains_id(const json::array& a, const std::string& id, const char* key) {
    return find_by(a, key, id) != nullptr;
}

const json::object* find_by(const json::array& a, const char* key, const std::string& value) {
    for (const auto& v : a)
        if (v.is_object() && str(v, key) == value) return &v.as_object();
    return nullptr;
}

std::string unique_suffix() {
    static std::atomic<int> counter{0};
    auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::to_string(getpid()) + "-" +
           std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count() % 100000000) + "-" +
           std::to_string(++counter);
}

// ---- shapes: the output tables of the action reference ----------------------

namespace shapes {
using K = Kind;

const Shape user_v2 = {
    {"id", K::string, true}, {"loginMethod", K::string}, {"ref", K::string, true}, {"email", K::string},
    {"firstName", K::string}, {"lastName", K::string}, {"role", K::string}, {"jobTitle", K::string},
    {"managerRef", K::string}, {"startDate", K::string}, {"endDate", K::string}, {"timeZone", K::string},
    {"languageCode", K::string}, {"active", K::boolean, true}, {"createdAt", K::string}, {"updatedAt", K::string},
    {"sso", K::boolean}, {"domain", K::string}, {"additionalFields", K::any},
};
const Shape user_by_ref = {
    {"id", K::string, true}, {"ref", K::string, true}, {"firstName", K::string}, {"lastName", K::string},
    {"email", K::string}, {"role", K::string}, {"status", K::string, true}, {"positions", K::array},
    {"additionalFields", K::any}, {"languageCode", K::string},
};
// The reference notes loose types for agreedTerms (seen as a string), audiences
// (objects with an id) and tags (an object): those are only required present.
const Shape user_full = {
    {"id", K::string, true}, {"ref", K::string, true}, {"firstName", K::string}, {"lastName", K::string},
    {"email", K::string}, {"role", K::string}, {"status", K::string, true}, {"positions", K::array},
    {"additionalFields", K::any}, {"languageCode", K::string}, {"deleted", K::boolean}, {"compliance", K::number},
    {"level", K::number}, {"firstLogin", K::string}, {"lastLogin", K::string}, {"tags", K::any},
    {"usersFollowing", K::array}, {"tagsFollowing", K::array}, {"createdAt", K::string}, {"updatedAt", K::string},
    {"hasPicture", K::boolean}, {"timeZone", K::string}, {"summary", K::string}, {"relevancy", K::number},
    {"rank", K::any}, {"agreedTerms", K::any}, {"onboarded", K::boolean}, {"audiences", K::array},
    {"singleSignOn", K::boolean},
};
const Shape audience = {
    {"id", K::string, true}, {"name", K::string, true}, {"reference", K::string}, {"apiControlled", K::boolean},
    {"category", K::string, true}, {"type", K::string}, {"parent", K::object}, {"createdAt", K::string},
    {"updatedAt", K::string},
};
const Shape audience_parent = {{"name", K::string}, {"reference", K::string}, {"id", K::string, true}};
const Shape member = {{"userId", K::string, true}, {"reference", K::string}, {"email", K::string}};
const Shape manager = {
    {"userId", K::string, true}, {"reference", K::string}, {"email", K::string}, {"permissions", K::object, true}};
const Shape assignment = {
    {"id", K::string, true}, {"audienceId", K::string, true}, {"primaryContentId", K::string, true},
    {"alternativeContentIds", K::array}, {"hideAlternativeContent", K::boolean}, {"completionPeriod", K::number},
    {"recurrence", K::number}, {"isActive", K::boolean}, {"isDeleted", K::boolean}, {"createdAt", K::string},
    {"deletedAt", K::string}, {"updatedAt", K::string},
};
const Shape enrolment = {
    {"id", K::string, true}, {"userId", K::string, true}, {"assignmentId", K::string, true},
    {"audienceId", K::string}, {"primaryContentId", K::string}, {"status", K::string, true},
    {"availableDate", K::string}, {"dueDate", K::string}, {"lastCompletedAt", K::string},
    {"history", K::array}, {"updatedAt", K::string},
};
const Shape enrolment_history = {
    {"type", K::string}, {"completionId", K::string}, {"previousStatus", K::string}, {"nextStatus", K::string},
    {"createdAt", K::string}, {"updatedAt", K::string},
};
const Shape completion = {
    {"id", K::string, true}, {"userId", K::string, true}, {"contentId", K::string, true},
    {"contentVersion", K::number}, {"skills", K::array}, {"completionType", K::string},
    {"hadDueDate", K::boolean}, {"isRPL", K::boolean}, {"completedAt", K::string, true},
    {"activeUntil", K::string},
};
const Shape content = {
    {"id", K::string, true}, {"title", K::string}, {"description", K::string}, {"tags", K::array},
    {"type", K::string, true}, {"createdAt", K::string}, {"updatedAt", K::string}, {"author", K::string},
    {"isOfficial", K::boolean}, {"duration", K::object}, {"contentHistory", K::array},
};
const Shape duration = {{"value", K::number}, {"unit", K::string}};
// Activity `data` and `with` are json in the reference.
const Shape activity = {
    {"type", K::string, true}, {"name", K::string}, {"id", K::string, true}, {"user", K::string},
    {"date", K::string}, {"contextId", K::string}, {"contextType", K::string}, {"data", K::any},
    {"with", K::any},
};
const Shape cpd_category = {{"categoryId", K::string, true}, {"name", K::string}};
const Shape cpd_entry = {
    {"logEntryId", K::string, true}, {"userId", K::string}, {"activity", K::object}, {"category", K::object},
    {"entryDate", K::string}, {"durationMinutes", K::number}, {"description", K::string},
    {"isVerified", K::boolean},
};
const Shape cpd_requirement = {
    {"audienceRequirementId", K::string, true}, {"audienceId", K::string}, {"requiredMinutes", K::number},
    {"createdAt", K::string}, {"updatedAt", K::string},
};
const Shape cpd_user_summary = {{"userId", K::string, true}, {"durationMinutes", K::number, true}};
const Shape tag = {
    {"tag", K::string, true}, {"id", K::string, true}, {"contents", K::array}, {"campaigns", K::array},
    {"interests", K::array}, {"skills", K::array},
};
const Shape skill_level = {{"name", K::string, true}, {"isEnabled", K::boolean, true}, {"value", K::number, true}};
const Shape pagination = {
    {"totalResults", K::number, true}, {"totalPages", K::number, true}, {"page", K::number, true},
    {"perPage", K::number, true},
};
const Shape status_result = {{"status", K::number, true}, {"message", K::string, true}};

}  // namespace shapes
}  // namespace thrive::e2e
