// Server: ties the pieces together. For each request: admin endpoints, then
// faults, authentication, rate limiting, routing under the state mutex,
// persistence of applied writes, and the fault's effect on the answer.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "auth.hpp"
#include "cert_authority.hpp"
#include "faults.hpp"
#include "http_server.hpp"
#include "persistence.hpp"
#include "routes.hpp"
#include "seed.hpp"
#include "standin_server.hpp"

namespace thrive::standin {

namespace {

HttpResponse json_response(int status, const json::value& body) {
    HttpResponse r;
    r.status = status;
    r.body = json::serialize(body);
    return r;
}

HttpResponse message_response(int status, const std::string& message) {
    return json_response(status, json::object{{"message", message}});
}

const char kGatewayPage[] =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
    "<hr><center>thrive-standin gateway</center>\r\n</body>\r\n</html>\r\n";

}  // namespace

struct Server::Impl {
    Options options;
    Router router;
    mutable std::mutex state_mu;
    State state;
    FaultQueue faults;
    RateLimiter limiter;
    std::atomic<std::uint64_t> requests{0}, writes{0}, connections{0};
    std::unique_ptr<HttpListener> listener;
    std::string ca_pem;
    RequestLogger logger;
    // Latency faults sleep here, so that stop() does not wait for them.
    std::mutex sleep_mu;
    std::condition_variable sleep_cv;
    bool stopping = false;
    bool running = false;
    bool state_ready = false;  // loaded or seeded by the first start()

    void log(const std::string& method, const std::string& path, int status) {
        if (logger) logger(method, path, status);
    }

    std::optional<FileStamp> seen;  // the state file as this process last loaded or saved it

    void save_locked() {
        if (options.state_file.empty()) return;
        save_state_file(options.state_file, state);
        seen = stamp_of(options.state_file);
    }

    // Under the state file's lock: pick up what another process saved since.
    void refresh_locked() {
        if (options.state_file.empty()) return;
        auto now = stamp_of(options.state_file);
        if (!now || now == seen) return;
        if (auto loaded = load_state_file(options.state_file)) state = std::move(*loaded);
        seen = now;
    }

    HttpResponse handle(const HttpRequest& req) {
        auto target = parse_target(req.target);
        if (!target) {
            auto r = message_response(400, "Malformed request target");
            log(req.method, req.target.substr(0, req.target.find('?')), r.status);
            return r;
        }
        HttpResponse r;
        if (!target->segments.empty() && target->segments.front() == "_standin")
            r = handle_admin(req, *target);
        else
            r = handle_api(req, *target);
        log(req.method, target->raw_path, r.transport == HttpResponse::Transport::reset ? 0 : r.status);
        return r;
    }

    HttpResponse handle_api(const HttpRequest& req, const Target& target) {
        ++requests;
        std::optional<FaultSpec> fault = faults.take(req.method, target.raw_path);
        if (fault) {
            switch (fault->fault) {
                case Fault::reset_before_read: {
                    HttpResponse r;
                    r.transport = HttpResponse::Transport::reset;
                    return r;
                }
                case Fault::status: {
                    auto r = message_response(fault->status, "Injected fault: the service answered " +
                                                                 std::to_string(fault->status));
                    if (fault->retry_after_seconds >= 0)
                        r.headers.emplace_back("Retry-After", std::to_string(fault->retry_after_seconds));
                    return r;
                }
                case Fault::html_error: {
                    HttpResponse r;
                    r.status = 502;
                    r.content_type = "text/html";
                    r.body = kGatewayPage;
                    return r;
                }
                case Fault::latency: {
                    std::unique_lock lock(sleep_mu);
                    bool stopped = sleep_cv.wait_for(lock, std::chrono::milliseconds(std::max(0, fault->latency_ms)),
                                                     [this] { return stopping; });
                    if (stopped) {  // the server is stopping: drop the request unanswered
                        HttpResponse r;
                        r.transport = HttpResponse::Transport::reset;
                        return r;
                    }
                    break;
                }
                default:
                    break;
            }
        }
        HttpResponse r = answer(req, target);
        if (fault) {
            switch (fault->fault) {
                case Fault::reset_after_apply:
                    r.transport = HttpResponse::Transport::reset;
                    break;
                case Fault::truncated_body:
                    r.transport = HttpResponse::Transport::truncate;
                    break;
                case Fault::malformed_json:
                    r.status = 200;
                    r.has_body = true;
                    r.content_type = "application/json; charset=utf-8";
                    r.body = R"({"results": [{"id": "65f3a1", "name": "unterminated)";
                    break;
                default:
                    break;
            }
        }
        return r;
    }

    // Authentication, rate limit, routing; the request is applied here.
    HttpResponse answer(const HttpRequest& req, const Target& target) {
        auto creds = parse_basic_auth(req.authorization);
        if (!check_basic_auth(req.authorization, options.tenant_id, options.api_key)) {
            auto r = message_response(401, "Unauthorized: invalid tenant ID or API key");
            r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Thrive\"");
            return r;
        }
        if (int wait = limiter.acquire(creds->username); wait > 0) {
            auto r = message_response(429, "Too many requests: rate limit exceeded, retry after " +
                                               std::to_string(wait) + " second(s)");
            r.headers.emplace_back("Retry-After", std::to_string(wait));
            return r;
        }
        auto match = router.match(req.method, target.segments);
        if (match.status == 404) return message_response(404, "Not found: no route for " + target.raw_path);
        if (match.status == 405) {
            auto r = message_response(405, "Method " + req.method + " not allowed on " + target.raw_path);
            r.headers.emplace_back("Allow", match.allow);
            return r;
        }
        std::lock_guard lock(state_mu);
        std::optional<StateFileLock> file_lock;
        if (!options.state_file.empty()) {
            try {
                file_lock.emplace(options.state_file);
                refresh_locked();
            } catch (const std::exception& e) {
                return message_response(500, std::string("The state file cannot be read: ") + e.what());
            }
        }
        std::uint64_t before = state.revision;
        HttpResponse r;
        try {
            RequestContext ctx(state, req.method, std::move(match.params), target.query, req.body);
            Reply reply = (*match.handler)(ctx);
            r.status = reply.status;
            if (reply.empty) {
                r.has_body = false;
            } else {
                r.body = json::serialize(reply.body);
            }
        } catch (const ApiError& e) {
            r = message_response(e.status, e.what());
        } catch (const std::exception& e) {
            r = message_response(500, std::string("Internal error: ") + e.what());
        }
        if (state.revision != before) {
            ++writes;
            try {
                save_locked();
            } catch (const std::exception& e) {
                r = message_response(500, std::string("The change was applied but not saved: ") + e.what());
            }
        }
        return r;
    }

    HttpResponse handle_admin(const HttpRequest& req, const Target& target) {
        if (!check_basic_auth(req.authorization, options.tenant_id, options.api_key)) {
            auto r = message_response(401, "Unauthorized: invalid tenant ID or API key");
            r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Thrive\"");
            return r;
        }
        const auto& seg = target.segments;
        std::string what = seg.size() == 2 ? seg[1] : std::string();
        auto allow = [&](const char* methods) {
            auto r = message_response(405, "Method " + req.method + " not allowed on " + target.raw_path);
            r.headers.emplace_back("Allow", methods);
            return r;
        };
        try {
            if (what == "stats") {
                if (req.method != "GET") return allow("GET");
                auto s = stats();
                return json_response(200, json::object{{"requests", s.requests},
                                                       {"writesApplied", s.writes_applied},
                                                       {"connections", s.connections},
                                                       {"faultsQueued", faults.size()}});
            }
            if (what == "faults") {
                if (req.method == "DELETE") {
                    auto n = faults.size();
                    faults.clear();
                    return json_response(200, json::object{{"cleared", n}});
                }
                if (req.method != "POST") return allow("POST, DELETE");
                FaultSpec spec = parse_fault(req.body);
                faults.add(spec);
                return json_response(200, json::object{{"queued", faults.size()}, {"fault", fault_name(spec.fault)}});
            }
            if (what == "reset") {
                if (req.method != "POST") return allow("POST");
                reset();
                return json_response(200, json::object{{"reset", true}});
            }
            if (what == "rate-limit") {
                if (req.method != "POST") return allow("POST");
                auto body = parse_object(req.body);
                double per_second = 0;
                if (auto it = body.find("perSecond"); it != body.end()) {
                    if (!it->value().is_number()) throw ApiError(400, "perSecond must be a number");
                    per_second = it->value().to_number<double>();
                }
                int burst = options.rate_limit_burst;
                if (auto it = body.find("burst"); it != body.end()) {
                    if (!it->value().is_number()) throw ApiError(400, "burst must be a number");
                    burst = it->value().to_number<int>();
                }
                limiter.configure(per_second, burst);
                return json_response(200, json::object{{"perSecond", limiter.per_second()}, {"burst", limiter.burst()}});
            }
        } catch (const ApiError& e) {
            return message_response(e.status, e.what());
        } catch (const std::exception& e) {
            return message_response(400, e.what());
        }
        return message_response(404, "Not found: no route for " + target.raw_path);
    }

    static json::object parse_object(const std::string& text) {
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) return {};
        boost::system::error_code ec;
        auto v = json::parse(text, ec);
        if (ec || !v.is_object()) throw ApiError(400, "Request body must be a JSON object");
        return v.as_object();
    }

    static FaultSpec parse_fault(const std::string& text) {
        auto b = parse_object(text);
        FaultSpec spec;
        std::string name = str_of(b, "fault");
        if (name.empty()) name = str_of(b, "type");
        spec.fault = fault_from_name(name);
        if (spec.fault == Fault::none)
            throw ApiError(400, "fault must be one of latency, status, reset_before_read, reset_after_apply, "
                                "truncated_body, html_error, malformed_json");
        auto int_field = [&](const char* key, int& out) {
            auto it = b.find(key);
            if (it == b.end() || it->value().is_null()) return;
            if (!it->value().is_number()) throw ApiError(400, std::string(key) + " must be a number");
            out = it->value().to_number<int>();
        };
        int_field("count", spec.count);
        int_field("status", spec.status);
        int_field("latencyMs", spec.latency_ms);
        int_field("retryAfterSeconds", spec.retry_after_seconds);
        spec.method = str_of(b, "method");
        spec.path_prefix = str_of(b, "pathPrefix");
        if (spec.fault == Fault::status && (spec.status < 100 || spec.status > 599))
            throw ApiError(400, "status must be an HTTP status code");
        return spec;
    }

    Stats stats() const {
        Stats s;
        s.requests = requests;
        s.writes_applied = writes;
        s.connections = connections;
        return s;
    }

    void reset() {
        std::lock_guard lock(state_mu);
        std::optional<StateFileLock> file_lock;
        if (!options.state_file.empty()) file_lock.emplace(options.state_file);
        state = make_seed_state(options.seed);
        state_ready = true;
        requests = 0;
        writes = 0;
        connections = 0;
        limiter.configure(limiter.per_second(), limiter.burst());
        save_locked();
    }
};

Server::Server(Options options) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    register_api_routes(impl_->router);
    impl_->limiter.configure(impl_->options.rate_limit_per_second, impl_->options.rate_limit_burst);
}

Server::~Server() { stop(); }

void Server::start() {
    auto& d = *impl_;
    if (d.running) throw std::runtime_error("stand-in already started");
    if (!d.state_ready) {
        std::lock_guard lock(d.state_mu);
        std::optional<State> loaded;
        std::optional<StateFileLock> file_lock;
        if (!d.options.state_file.empty()) {
            file_lock.emplace(d.options.state_file);
            loaded = load_state_file(d.options.state_file);
        }
        if (loaded) {
            d.state = std::move(*loaded);
            d.seen = stamp_of(d.options.state_file);
        } else {
            d.state = make_seed_state(d.options.seed);
            d.save_locked();
        }
        d.state_ready = true;
    }
    ListenerConfig config;
    config.bind_address = d.options.bind_address;
    config.port = d.options.port;
    config.tls = d.options.tls;
    if (d.options.tls) {
        auto ca = certs::make_ca("Thrive stand-in local CA");
        auto leaf = certs::issue_server_cert(ca, "localhost", {"localhost", "127.0.0.1", "::1"});
        d.ca_pem = ca.cert_pem;
        config.cert_chain_pem = leaf.cert_pem;
        config.key_pem = leaf.key_pem;
        if (!d.options.ca_file.empty()) {
            std::ofstream out(d.options.ca_file, std::ios::binary | std::ios::trunc);
            out << d.ca_pem;
            if (!out) throw std::runtime_error("cannot write the CA certificate to " + d.options.ca_file);
        }
    }
    d.listener = std::make_unique<HttpListener>(
        std::move(config), [&d](const HttpRequest& req) { return d.handle(req); }, [&d] { ++d.connections; });
    {
        std::lock_guard lock(d.sleep_mu);
        d.stopping = false;
    }
    d.listener->start();
    d.running = true;
}

void Server::stop() {
    if (!impl_ || !impl_->running) return;
    {
        std::lock_guard lock(impl_->sleep_mu);
        impl_->stopping = true;
    }
    impl_->sleep_cv.notify_all();
    impl_->listener->stop();
    impl_->running = false;
}

std::uint16_t Server::port() const { return impl_->listener ? impl_->listener->port() : 0; }

std::string Server::base_url() const {
    return std::string(impl_->options.tls ? "https" : "http") + "://localhost:" + std::to_string(port());
}

const std::string& Server::ca_pem() const { return impl_->ca_pem; }
const Options& Server::options() const { return impl_->options; }
void Server::add_fault(const FaultSpec& spec) { impl_->faults.add(spec); }
void Server::clear_faults() { impl_->faults.clear(); }
void Server::set_rate_limit(double per_second, int burst) { impl_->limiter.configure(per_second, burst); }
Stats Server::stats() const { return impl_->stats(); }
void Server::reset() { impl_->reset(); }
void Server::set_request_logger(RequestLogger logger) { impl_->logger = std::move(logger); }

}  // namespace thrive::standin
