// HttpsTransport: one io_context on one worker thread; every request is an
// asynchronous state machine (Op) that runs entirely on that thread, so the
// connection pool and the set of live requests need no locks.
//
//   start -> [idle connection from the pool] -------------------> write
//         -> resolve -> connect -> [TLS handshake] (connect timeout) -> write
//   write -> read (body limit) -> done (connection back to the pool if reusable)
//
// A reused connection that fails before any response byte arrives is most
// likely one the server had closed. A GET is then repeated once on a fresh
// connection; any other method reports the failure with nothing_sent=false,
// because the server may have received the request.
#include "net/https_transport.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/verify_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <deque>
#include <future>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace thrive::net {
namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using error_code = boost::system::error_code;
using SteadyClock = std::chrono::steady_clock;

constexpr std::uint32_t kMaxHeaderBytes = 64 * 1024;

struct PoolKey {
    std::string host;
    std::uint16_t port = 0;
    bool tls = true;
    bool operator<(const PoolKey& o) const {
        return std::tie(host, port, tls) < std::tie(o.host, o.port, o.tls);
    }
};

struct Connection {
    Connection(asio::io_context& ioc, ssl::context& ctx, bool use_tls) : tls(use_tls) {
        if (tls)
            secure.emplace(ioc, ctx);
        else
            plain.emplace(ioc);
    }

    tcp::socket& socket() { return tls ? secure->next_layer() : *plain; }

    // Abrupt close, no TLS close_notify: fine for a client, and it never blocks.
    void close() {
        error_code ignored;
        socket().shutdown(tcp::socket::shutdown_both, ignored);
        socket().close(ignored);
    }

    // An idle HTTP/1.1 connection must have nothing to read: EOF means the
    // peer closed it, data means it is out of step. Either way, drop it.
    bool looks_alive() {
        if (!socket().is_open() || buffer.size() != 0) return false;
        if (tls && SSL_pending(secure->native_handle()) > 0) return false;
        char byte;
        const ssize_t n = ::recv(socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }

    template <class F>
    void with_stream(F&& f) {
        if (tls)
            f(*secure);
        else
            f(*plain);
    }

    bool tls;
    std::optional<tcp::socket> plain;
    std::optional<beast::ssl_stream<tcp::socket>> secure;
    beast::flat_buffer buffer;
    SteadyClock::time_point idle_since{};
};

bool is_ip_literal(const std::string& host) {
    error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

bool is_token_char(unsigned char c) {
    if (c >= '0' && c <= '9') return true;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
        case '-': case '.': case '^': case '_': case '`': case '|': case '~':
            return true;
        default:
            return false;
    }
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (unsigned char c : s)
        if (!is_token_char(c)) return false;
    return true;
}

bool has_ctl_or_space(std::string_view s) {
    for (unsigned char c : s)
        if (c <= 0x20 || c == 0x7f) return true;
    return false;
}

bool has_line_break(std::string_view s) {
    for (unsigned char c : s)
        if (c == '\r' || c == '\n' || c == '\0') return true;
    return false;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

// Checks the request can be serialized without header injection. The message
// names at most a header *name*, never a value.
std::optional<std::string> validate(const http::Request& r, const std::string& host) {
    if (host.empty()) return "empty host";
    if (has_ctl_or_space(host) || host.find('/') != std::string::npos) return "invalid host";
    if (r.port == 0) return "invalid port 0";
    if (!is_token(r.method)) return "invalid method";
    if (r.target.empty() || r.target[0] != '/' || has_ctl_or_space(r.target))
        return "invalid target";
    for (const auto& [name, value] : r.headers) {
        if (!is_token(name)) return "invalid header name";
        if (has_line_break(value)) return "invalid value for header " + name;
    }
    return std::nullopt;
}

// Errors that mean "the connection was gone" rather than "the server
// answered badly".
bool is_connection_loss(const error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
           ec == asio::error::eof || ec == asio::error::connection_reset ||
           ec == asio::error::connection_aborted || ec == asio::error::broken_pipe ||
           ec == asio::error::not_connected || ec == ssl::error::stream_truncated;
}

std::string ms_text(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

}  // namespace

struct HttpsTransport::Impl : std::enable_shared_from_this<HttpsTransport::Impl> {
    struct Op;

    explicit Impl(Options o)
        : options(std::move(o)), ioc(1), ctx(ssl::context::tls_client),
          work(asio::make_work_guard(ioc)) {
        SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
        ctx.set_verify_mode(ssl::verify_peer);
        error_code ec;
        if (options.use_system_trust_store) {
            ctx.set_default_verify_paths(ec);
            if (ec)
                throw std::runtime_error("cannot load the system trust store: " + ec.message());
        }
        if (!options.ca_file.empty()) {
            ctx.load_verify_file(options.ca_file, ec);
            if (ec)
                throw std::runtime_error("cannot load CA file '" + options.ca_file +
                                         "': " + ec.message());
        }
        if (options.max_response_bytes == 0) options.max_response_bytes = 1;
    }

    void run() {
        thread = std::thread([this] {
            for (;;) {
                try {
                    ioc.run();
                    return;
                } catch (...) {
                    // A handler threw (completions are guarded; this is a
                    // last resort): keep serving the others.
                }
            }
        });
    }

    void shutdown();  // defined after Op

    // ---- connection pool (io thread only) ----

    void purge_expired(SteadyClock::time_point now) {
        for (auto it = idle.begin(); it != idle.end();) {
            auto& queue = it->second;
            while (!queue.empty() && now - queue.front()->idle_since > options.idle_max_age) {
                queue.front()->close();
                queue.pop_front();
            }
            it = queue.empty() ? idle.erase(it) : std::next(it);
        }
    }

    std::shared_ptr<Connection> take_idle(const PoolKey& key) {
        const auto now = SteadyClock::now();
        purge_expired(now);
        auto it = idle.find(key);
        if (it == idle.end()) return nullptr;
        auto& queue = it->second;
        std::shared_ptr<Connection> found;
        while (!queue.empty() && !found) {
            auto c = std::move(queue.back());  // most recently used first
            queue.pop_back();
            if (c->looks_alive())
                found = std::move(c);
            else
                c->close();
        }
        if (queue.empty()) idle.erase(it);
        return found;
    }

    void put_idle(const PoolKey& key, std::shared_ptr<Connection> c) {
        if (stopping || options.max_idle_per_host == 0) {
            c->close();
            return;
        }
        c->idle_since = SteadyClock::now();
        arm_sweeper();
        auto& queue = idle[key];
        queue.push_back(std::move(c));
        while (queue.size() > options.max_idle_per_host) {
            queue.front()->close();
            queue.pop_front();
        }
        purge_expired(SteadyClock::now());
    }

    // Closes expired idle connections even when no new request comes along.
    void arm_sweeper() {
        if (sweeping) return;
        sweeping = true;
        sweeper.expires_after(std::max(options.idle_max_age, std::chrono::milliseconds(50)));
        sweeper.async_wait([this](const error_code& ec) {
            sweeping = false;
            if (ec || stopping) return;
            purge_expired(SteadyClock::now());
            if (!idle.empty()) arm_sweeper();
        });
    }

    std::size_t idle_count() const {
        std::size_t n = 0;
        for (const auto& [key, queue] : idle) n += queue.size();
        return n;
    }

    Options options;
    asio::io_context ioc;  // declared before everything holding sockets/timers
    ssl::context ctx;
    asio::executor_work_guard<asio::io_context::executor_type> work;
    std::thread thread;
    std::atomic<bool> stopping{false};
    // io thread only:
    asio::steady_timer sweeper{ioc};
    bool sweeping = false;
    std::map<PoolKey, std::deque<std::shared_ptr<Connection>>> idle;
    std::unordered_map<Op*, std::weak_ptr<Op>> live;
};

struct HttpsTransport::Impl::Op : std::enable_shared_from_this<Op> {
    enum class Phase { idle, resolving, connecting, handshaking, writing, reading };

    Op(Impl& owner, PoolKey k, std::string where, std::shared_ptr<CancelToken> c, Completion d)
        : impl(owner), key(std::move(k)), host_port(std::move(where)), cancel(std::move(c)),
          done(std::move(d)), resolver(owner.ioc), deadline(owner.ioc),
          connect_deadline(owner.ioc) {}

    Impl& impl;
    PoolKey key;
    std::string host_port;  // "host:port" for messages
    std::shared_ptr<CancelToken> cancel;
    Completion done;
    bhttp::request<bhttp::string_body> req;
    bool is_get = false;
    bool is_head = false;

    tcp::resolver resolver;
    asio::steady_timer deadline;
    asio::steady_timer connect_deadline;
    std::shared_ptr<Connection> conn;
    std::optional<bhttp::response_parser<bhttp::string_body>> parser;
    std::shared_ptr<std::string> verify_failure;

    Phase phase = Phase::idle;
    bool reused = false;
    bool reconnected = false;
    bool ever_written = false;
    bool finished = false;

    void start() {
        impl.live.emplace(this, weak_from_this());
        if (impl.stopping) return abort(TransportError::cancelled, "transport shut down");

        std::weak_ptr<Op> weak = weak_from_this();
        std::weak_ptr<Impl> weak_impl = impl.weak_from_this();
        const bool armed = cancel->on_cancel([weak, weak_impl] {
            if (auto owner = weak_impl.lock())
                asio::post(owner->ioc, [weak] {
                    if (auto op = weak.lock())
                        op->abort(TransportError::cancelled, "request cancelled");
                });
        });
        if (!armed) return abort(TransportError::cancelled, "request cancelled");

        deadline.expires_after(impl.options.request_timeout);
        deadline.async_wait([self = shared_from_this()](const error_code& ec) {
            if (ec || self->finished) return;
            self->abort(TransportError::timeout,
                        "request to " + self->host_port + " timed out after " +
                            ms_text(self->impl.options.request_timeout));
        });

        if (auto c = impl.take_idle(key)) {
            conn = std::move(c);
            reused = true;
            write();
        } else {
            connect_fresh();
        }
    }

    void connect_fresh() {
        reused = false;
        conn = std::make_shared<Connection>(impl.ioc, impl.ctx, key.tls);
        verify_failure.reset();
        phase = Phase::resolving;

        connect_deadline.expires_after(impl.options.connect_timeout);
        connect_deadline.async_wait([self = shared_from_this()](const error_code& ec) {
            if (ec || self->finished) return;
            self->abort(TransportError::timeout,
                        "connecting to " + self->host_port + " timed out after " +
                            ms_text(self->impl.options.connect_timeout));
        });

        resolver.async_resolve(
            key.host, std::to_string(key.port),
            [self = shared_from_this()](const error_code& ec, tcp::resolver::results_type results) {
                self->on_resolved(ec, std::move(results));
            });
    }

    void on_resolved(const error_code& ec, tcp::resolver::results_type results) {
        if (finished) return;
        if (ec)
            return fail(TransportError::network,
                        "cannot resolve host " + key.host + ": " + ec.message());
        phase = Phase::connecting;
        asio::async_connect(conn->socket(), results,
                            [self = shared_from_this()](const error_code& e, const tcp::endpoint&) {
                                self->on_connected(e);
                            });
    }

    void on_connected(const error_code& ec) {
        if (finished) return;
        if (ec)
            return fail(TransportError::network,
                        "cannot connect to " + host_port + ": " + ec.message());
        error_code ignored;
        conn->socket().set_option(tcp::no_delay(true), ignored);
        if (!key.tls) {
            connect_deadline.cancel();
            return write();
        }
        handshake();
    }

    void handshake() {
        phase = Phase::handshaking;
        SSL* ssl_handle = conn->secure->native_handle();
        // SNI only for DNS names (RFC 6066 forbids IP literals in SNI).
        if (!is_ip_literal(key.host) && !SSL_set_tlsext_host_name(ssl_handle, key.host.c_str()))
            return fail(TransportError::tls, "cannot set the TLS server name for " + host_port);

        verify_failure = std::make_shared<std::string>();
        conn->secure->set_verify_callback(
            [why = verify_failure, host = key.host, check = ssl::host_name_verification(key.host)](
                bool preverified, ssl::verify_context& vctx) {
                if (!preverified) {
                    X509_STORE_CTX* store = vctx.native_handle();
                    const int err = X509_STORE_CTX_get_error(store);
                    const int depth = X509_STORE_CTX_get_error_depth(store);
                    if (why->empty())
                        *why = std::string(X509_verify_cert_error_string(err)) +
                               " (certificate depth " + std::to_string(depth) + ")";
                    return false;
                }
                if (!check(preverified, vctx)) {
                    if (why->empty())
                        *why = "the certificate does not match the host name '" + host + "'";
                    return false;
                }
                return true;
            });

        conn->secure->async_handshake(ssl::stream_base::client,
                                      [self = shared_from_this()](const error_code& ec) {
                                          self->on_handshake(ec);
                                      });
    }

    void on_handshake(const error_code& ec) {
        if (finished) return;
        if (ec) {
            if (verify_failure && !verify_failure->empty())
                return fail(TransportError::tls, "TLS certificate verification failed for " +
                                                     host_port + ": " + *verify_failure);
            if (is_connection_loss(ec))
                return fail(TransportError::network,
                            "connection to " + host_port +
                                " was closed during the TLS handshake: " + ec.message());
            if (ec.category() == asio::error::get_ssl_category() ||
                ec.category() == ssl::error::get_stream_category())
                return fail(TransportError::tls,
                            "TLS handshake with " + host_port + " failed: " + ec.message());
            return fail(TransportError::network,
                        "TLS handshake with " + host_port + " failed: " + ec.message());
        }
        connect_deadline.cancel();
        write();
    }

    void write() {
        phase = Phase::writing;
        ever_written = true;
        conn->with_stream([this](auto& stream) {
            bhttp::async_write(stream, req,
                               [self = shared_from_this()](const error_code& ec, std::size_t) {
                                   self->on_written(ec);
                               });
        });
    }

    void on_written(const error_code& ec) {
        if (finished) return;
        if (ec) return io_failure(ec, "sending the request to " + host_port + " failed: ");
        read();
    }

    void read() {
        phase = Phase::reading;
        parser.emplace();
        parser->body_limit(impl.options.max_response_bytes);
        parser->header_limit(kMaxHeaderBytes);
        if (is_head) parser->skip(true);
        conn->with_stream([this](auto& stream) {
            bhttp::async_read(stream, conn->buffer, *parser,
                              [self = shared_from_this()](const error_code& ec, std::size_t) {
                                  self->on_read(ec);
                              });
        });
    }

    void on_read(const error_code& ec) {
        if (finished) return;
        if (ec == bhttp::error::body_limit)
            return fail(TransportError::too_large,
                        "response from " + host_port + " exceeds the limit of " +
                            std::to_string(impl.options.max_response_bytes) + " bytes");
        if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow)
            return fail(TransportError::too_large,
                        "response headers from " + host_port + " are too large");
        if (ec && is_connection_loss(ec))
            return io_failure(ec, "connection to " + host_port +
                                      " closed before the response was complete: ");
        if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_version).category())
            return fail(TransportError::bad_response,
                        "malformed HTTP response from " + host_port + ": " + ec.message());
        if (ec) return io_failure(ec, "reading the response from " + host_port + " failed: ");
        on_complete();
    }

    // A failure after the request may have been (partly) sent.
    void io_failure(const error_code& ec, const std::string& what) {
        const bool nothing_received = !parser || !parser->got_some();
        if (reused && !reconnected && is_get && nothing_received && is_connection_loss(ec)) {
            // Most likely a stale keep-alive connection: once, on a fresh one.
            reconnected = true;
            conn->close();
            conn.reset();
            parser.reset();
            return connect_fresh();
        }
        fail(TransportError::network, what + ec.message());
    }

    void on_complete() {
        auto& p = *parser;
        const bool reusable = p.get().keep_alive() && req.keep_alive() && !p.need_eof() &&
                              conn->buffer.size() == 0;
        auto msg = p.release();
        TransportResult result;
        result.response.status = static_cast<int>(msg.result_int());
        result.response.headers.reserve(static_cast<std::size_t>(std::distance(msg.begin(), msg.end())));
        for (const auto& field : msg)
            result.response.headers.emplace_back(std::string(field.name_string()),
                                                 std::string(field.value()));
        result.response.body = std::move(msg.body());
        if (reusable) {
            impl.put_idle(key, std::move(conn));
            conn.reset();
        }
        finish(std::move(result));
    }

    void fail(TransportError error, std::string message) {
        TransportResult result;
        result.error = error;
        result.message = std::move(message);
        // Only resolve/connect/handshake failures of a request that was never
        // written on any connection are safe to repeat blindly.
        result.nothing_sent = !ever_written && phase != Phase::writing && phase != Phase::reading;
        finish(std::move(result));
    }

    void abort(TransportError error, std::string message) {
        if (finished) return;
        fail(error, std::move(message));
    }

    void finish(TransportResult result) {
        if (finished) return;
        finished = true;
        error_code ignored;
        deadline.cancel();
        connect_deadline.cancel();
        resolver.cancel();
        // Close, but keep the Connection object alive (it is owned by this Op,
        // which pending handlers keep alive) so no composed operation outlives
        // its stream.
        if (conn) conn->close();
        cancel->clear_handler();
        impl.live.erase(this);
        Completion callback = std::move(done);
        done = nullptr;
        try {
            if (callback) callback(std::move(result));
        } catch (...) {
            // A throwing completion must not take the I/O thread down.
        }
    }
};

void HttpsTransport::Impl::shutdown() {
    stopping = true;
    asio::post(ioc, [this] {
        std::vector<std::shared_ptr<Op>> ops;
        for (auto& [raw, weak] : live)
            if (auto op = weak.lock()) ops.push_back(std::move(op));
        for (auto& op : ops) op->abort(TransportError::cancelled, "transport shut down");
        for (auto& [key, queue] : idle)
            for (auto& c : queue) c->close();
        idle.clear();
        sweeper.cancel();
    });
    work.reset();
    if (thread.joinable()) thread.join();
}

HttpsTransport::HttpsTransport() : HttpsTransport(Options{}) {}

HttpsTransport::HttpsTransport(Options options)
    : impl_(std::make_shared<Impl>(std::move(options))) {
    impl_->run();
}

HttpsTransport::~HttpsTransport() { impl_->shutdown(); }

std::size_t HttpsTransport::idle_connections() const {
    std::promise<std::size_t> count;
    auto future = count.get_future();
    asio::post(impl_->ioc, [this, &count] { count.set_value(impl_->idle_count()); });
    return future.get();
}

void HttpsTransport::send(const http::Request& request, std::shared_ptr<CancelToken> cancel,
                          Completion done) {
    if (!cancel) cancel = std::make_shared<CancelToken>();

    std::string host = request.host;
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);

    auto immediate = [&](TransportError error, std::string message) {
        TransportResult result;
        result.error = error;
        result.message = std::move(message);
        result.nothing_sent = true;
        done(std::move(result));
    };
    if (impl_->stopping) return immediate(TransportError::cancelled, "transport shut down");
    if (auto problem = validate(request, host))
        return immediate(TransportError::network, "invalid request: " + *problem);

    const bool v6 = host.find(':') != std::string::npos;
    const std::string bracketed = v6 ? "[" + host + "]" : host;
    const std::string where = bracketed + ":" + std::to_string(request.port);

    auto op = std::make_shared<Impl::Op>(*impl_, PoolKey{host, request.port, request.tls}, where,
                                         std::move(cancel), std::move(done));
    op->is_get = request.method == "GET";
    op->is_head = request.method == "HEAD";

    auto& req = op->req;
    req.version(11);
    req.method_string(request.method);
    req.target(request.target);
    const bool default_port = request.port == (request.tls ? 443 : 80);
    req.set(bhttp::field::host, default_port ? bracketed : where);
    bool has_agent = false;
    for (const auto& [name, value] : request.headers) {
        if (iequals(name, "Host") || iequals(name, "Content-Length") ||
            iequals(name, "Transfer-Encoding"))
            continue;  // the transport owns framing
        if (iequals(name, "User-Agent")) has_agent = true;
        req.insert(name, value);
    }
    if (!has_agent && !impl_->options.user_agent.empty())
        req.set(bhttp::field::user_agent, impl_->options.user_agent);
    if (request.body) {
        req.body() = *request.body;
        req.content_length(req.body().size());
    } else if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        req.content_length(0);
    }

    asio::post(impl_->ioc, [op] { op->start(); });
}

}  // namespace thrive::net
