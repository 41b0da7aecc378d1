// The Thrive stand-in: a local HTTP(S) server that answers the Thrive REST API
// (/rest/v1, /rest/v2) from state it keeps, with Basic auth, pagination, the
// service's error shapes, rate limiting and switchable faults. It is the
// command line's embedded default, the end-to-end tests' server, and (as the
// thrive-standin program) a sandbox tenant to try workflows against.
//
// Seeded data: see seed_facts.hpp. Behaviour worth knowing:
//  - Creates answer 201; DELETE user, DELETE audience member and DELETE
//    audience manager answer 204 with no body; DELETE audience and DELETE
//    assignment answer 200 {"success": true}.
//  - Errors answer {"message": "..."}: 400 bad input, 401 bad credentials,
//    404 unknown id/route, 405 wrong method (with Allow), 409 duplicate user
//    ref/email or audience reference, 429 rate limited (with Retry-After).
//  - Faults apply to /rest requests only, in the order queued, one per request,
//    before authentication. status/html_error/reset_before_read do not apply
//    the request; latency/reset_after_apply/truncated_body/malformed_json do.
//    reset_before_read and reset_after_apply close with a TCP reset.
//    reset_before_read reads the request but never processes it.
//  - Admin endpoints (same Basic auth) under /_standin: GET stats, POST/DELETE
//    faults, POST reset, POST rate-limit. They are never faulted, rate limited
//    or counted in Stats::requests / writes_applied.
//  - HTTP/1.1 keep-alive; a connection idle for 60 s is closed (as load
//    balancers do). Expect: 100-continue is honoured.
//  - Enrolment statuses are stored, not derived from the clock: an open
//    enrolment past its due date stays "open" until something changes it.
//  - stop() then start() keeps the state (the first start() loads or seeds it).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace thrive::standin {

struct Options {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 0;                 // 0 = any free port
    bool tls = true;                        // HTTPS with its own CA; false = plain HTTP
    std::string tenant_id = "eu-west-000000";
    std::string api_key = "standin-demo-key";
    std::string ca_file;                    // if set (and tls), the CA certificate PEM is written here
    std::string state_file;                 // optional: loaded at start if present, saved atomically after every write
    std::uint32_t seed = 7;                 // seeded data is deterministic for a seed
    double rate_limit_per_second = 0;       // 0 = off; token bucket per tenant; over -> 429 + Retry-After
    int rate_limit_burst = 20;
};

struct Stats {
    std::uint64_t requests = 0;        // /rest requests received (faulted ones included)
    std::uint64_t writes_applied = 0;  // requests that changed the state
    std::uint64_t connections = 0;     // connections accepted
};

enum class Fault { none, latency, status, reset_before_read, reset_after_apply, truncated_body, html_error, malformed_json };

struct FaultSpec {
    Fault fault = Fault::none;
    int count = 1;                  // requests affected; -1 = until cleared
    int status = 503;               // for Fault::status
    int latency_ms = 0;             // for Fault::latency
    std::string method;             // "" = any
    std::string path_prefix;        // "" = any, e.g. "/rest/v1/users"
    int retry_after_seconds = -1;   // with status: add Retry-After
};

// Called once per /rest or /_standin request after it was answered: method,
// path (no query) and status (0 when the connection was dropped unanswered).
using RequestLogger = std::function<void(const std::string& method, const std::string& path, int status)>;

class Server {
public:
    explicit Server(Options options);
    ~Server();                              // stops
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    void start();                           // listening when it returns; throws std::runtime_error
    void stop();
    std::uint16_t port() const;
    std::string base_url() const;           // "https://localhost:PORT" (or http://)
    const std::string& ca_pem() const;      // empty when !tls
    const Options& options() const;
    void add_fault(const FaultSpec&);       // queued; clear_faults() removes all
    void clear_faults();
    void set_rate_limit(double per_second, int burst);
    Stats stats() const;
    void reset();                           // back to the seeded state, stats zeroed

    // Extension: request log hook (set before start()).
    void set_request_logger(RequestLogger logger);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// "latency", "status", ... ; nullopt-like Fault::none for an unknown name.
Fault fault_from_name(const std::string& name);
const char* fault_name(Fault fault);

}  // namespace thrive::standin
