// End-to-end harness: a fresh in-process Thrive stand-in over HTTPS (its own
// CA written to a temporary file) and the real plugin loaded with dlopen,
// configured through instance_create JSON exactly as a foreign host does.
//
// Only the plugin's C ABI (via tools/cli/plugin_loader.hpp) and the stand-in's
// public header are used: no Beast or Asio here.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "plugin_loader.hpp"
#include "seed_facts.hpp"
#include "standin_server.hpp"

namespace thrive::e2e {

namespace json = boost::json;
namespace sf = thrive::standin::seed_facts;
using thrive::standin::IdKind;
using thrive::standin::seed_id;

// ---- tool bookkeeping (per process) ----------------------------------------

// Every tool id called through Harness::call in this process, and the ones
// that came back with THRIVE_OK at least once.
std::set<std::string> tools_called();
std::set<std::string> tools_succeeded();
void forget_tools();

// The plugin, dlopen'ed once per process from THRIVE_E2E_PLUGIN_PATH.
const cli::Plugin& plugin();

// Thrown by the helpers after they recorded a gtest failure, so a scenario
// stops at the first broken step instead of cascading.
struct StepFailed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One call's outcome: the status the C function returned and the parsed
// envelope.
struct Outcome {
    int status = -1;
    std::string raw;
    json::value envelope;

    bool ok() const { return status == THRIVE_OK; }
    const json::object& output() const;
    const json::object& error() const;  // {} when there is none
    std::string code() const;           // error.code or ""
    std::string message() const;        // error.message or ""
    std::int64_t http_status() const;   // error.httpStatus or 0
    std::int64_t retry_after_ms() const;
};

struct InstanceOverrides {
    std::string api_key;                // "" = the stand-in's key
    std::string host;                   // "" = "localhost:PORT"
    int max_retries = -1;               // -1 = plugin default
    int request_timeout_ms = -1;
    json::object extra;                 // more members merged into the config
};
inline InstanceOverrides with_api_key(std::string key) {
    InstanceOverrides o;
    o.api_key = std::move(key);
    return o;
}
inline InstanceOverrides with_host(std::string host) {
    InstanceOverrides o;
    o.host = std::move(host);
    return o;
}
inline InstanceOverrides with_max_retries(int n) {
    InstanceOverrides o;
    o.max_retries = n;
    return o;
}

class Harness {
public:
    explicit Harness(standin::Options options = {});
    ~Harness();
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    standin::Server& server() { return *server_; }
    const std::string& ca_file() const { return ca_file_; }
    std::string host() const;  // "localhost:PORT"
    cli::Instance& instance() { return *instance_; }

    // The instance_create JSON for this stand-in.
    std::string config_json(const InstanceOverrides& o = {}) const;
    std::unique_ptr<cli::Instance> make_instance(const InstanceOverrides& o = {}) const;

    // Calls through the C ABI; records the tool id.
    Outcome call(const std::string& tool, const json::object& params) { return call_on(*instance_, tool, params); }
    static Outcome call_on(const cli::Instance& inst, const std::string& tool, const json::object& params);

    // The call must succeed; returns the output object. On failure records a
    // gtest failure with the whole envelope and throws StepFailed.
    json::object ok(const std::string& tool, const json::object& params);
    // The call must fail with `code`; returns the outcome.
    Outcome fails(const std::string& tool, const json::object& params, const std::string& code);

private:
    std::string temp_dir_;
    std::string ca_file_;
    std::unique_ptr<standin::Server> server_;
    std::unique_ptr<cli::Instance> instance_;
};

// gtest fixture: a fresh stand-in and instance for every test.
class E2ETest : public ::testing::Test {
protected:
    void SetUp() override { h = std::make_unique<Harness>(); }
    void TearDown() override { h.reset(); }
    std::unique_ptr<Harness> h;
};

// ---- scenarios -------------------------------------------------------------
// A scenario is a test body that runs against a Harness. E2E_SCENARIO defines
// the gtest test AND registers the body, so the coverage test can run every
// scenario in one process and see which tools they exercised.

using ScenarioFn = void (*)(Harness&);
struct Scenario {
    std::string name;
    ScenarioFn fn;
};
std::vector<Scenario>& scenarios();
bool register_scenario(const char* name, ScenarioFn fn);

#define E2E_SCENARIO(Suite, Name)                                                                 \
    static void Suite##_##Name##_body(::thrive::e2e::Harness&);                                   \
    [[maybe_unused]] static const bool Suite##_##Name##_registered =                              \
        ::thrive::e2e::register_scenario(#Suite "." #Name, &Suite##_##Name##_body);               \
    TEST_F(Suite, Name) {                                                                         \
        try {                                                                                     \
            Suite##_##Name##_body(*h);                                                            \
        } catch (const ::thrive::e2e::StepFailed&) {                                              \
        }                                                                                         \
    }                                                                                             \
    static void Suite##_##Name##_body(::thrive::e2e::Harness& e2e)

// ---- JSON helpers ------------------------------------------------------------

std::string str(const json::value& v, std::string_view key);
const json::array& arr(const json::value& v, std::string_view key);
const json::object& sub(const json::value& v, std::string_view key);

// The kinds a documented field may have. Every documented field must be
// present; null is accepted for optional values unless `required_non_null`.
enum class Kind { string, boolean, number, array, object, any };
struct Field {
    const char* name;
    Kind kind;
    bool non_null = false;
};
using Shape = std::vector<Field>;

::testing::AssertionResult has_shape(const json::value& v, const Shape& shape, const std::string& what);
// Envelope list: {results: [...shape], pagination: {totalResults, totalPages, page, perPage}}.
::testing::AssertionResult is_envelope(const json::object& output, const Shape& item_shape, const std::string& what);
// Bare list under `key`: {key: [...shape]}.
::testing::AssertionResult is_bare_list(const json::object& output, const char* key, const Shape& item_shape,
                                        const std::string& what);
// {"result": {"success": {count, entities}, "failure": {count, entities}}}.
::testing::AssertionResult is_bulk_result(const json::object& output);

// Ids of an array of records.
std::vector<std::string> ids_of(const json::array& a, const char* key = "id");
bool contains_id(const json::array& a, const std::string& id, const char* key = "id");
const json::object* find_by(const json::array& a, const char* key, const std::string& value);

// A string unique within this process run (for refs and references).
std::string unique_suffix();

// Output shapes from the action reference (../shared/seed, one per output table).
namespace shapes {
extern const Shape user_v2;         // create/update/suspend (v2 user record)
extern const Shape user_by_ref;     // get_user_by_ref
extern const Shape user_full;       // get_user_by_id and search_users results
extern const Shape audience;
extern const Shape audience_parent;
extern const Shape member;
extern const Shape manager;
extern const Shape assignment;
extern const Shape enrolment;
extern const Shape enrolment_history;
extern const Shape completion;
extern const Shape content;
extern const Shape duration;
extern const Shape activity;
extern const Shape cpd_category;
extern const Shape cpd_entry;
extern const Shape cpd_requirement;
extern const Shape cpd_user_summary;
extern const Shape tag;
extern const Shape skill_level;
extern const Shape pagination;
extern const Shape status_result;
}  // namespace shapes

}  // namespace thrive::e2e
