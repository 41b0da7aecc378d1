#include "http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <list>
#include <mutex>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>

namespace thrive::standin {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::size_t kBodyLimit = 16 * 1024 * 1024;

std::int64_t steady_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

bool iequals_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string reason_phrase(int status) {
    auto r = http::obsolete_reason(http::int_to_status(static_cast<unsigned>(status)));
    return r.empty() ? std::string("Unknown") : std::string(r);
}

}  // namespace

struct HttpListener::Impl {
    struct Connection {
        std::thread thread;
        tcp::socket socket;
        bool closed = false;  // guarded by conns_mu: the fd is gone, never touch it again
        std::atomic<bool> done{false};
        // steady-clock ms since when the connection waits for the client; -1 while a request is handled
        std::atomic<std::int64_t> idle_since{steady_ms()};
        explicit Connection(tcp::socket s) : socket(std::move(s)) {}
    };

    ListenerConfig config;
    Handler handler;
    ConnectionCallback on_connection;
    asio::io_context ioc;
    std::unique_ptr<ssl::context> tls;
    tcp::acceptor acceptor{ioc};
    std::uint16_t bound_port = 0;
    std::thread accept_thread;
    std::thread janitor_thread;
    std::mutex janitor_mu;
    std::condition_variable janitor_cv;
    std::atomic<bool> stopping{false};
    bool started = false;
    std::mutex conns_mu;
    std::list<Connection> conns;

    void accept_loop() {
        while (!stopping) {
            tcp::socket sock(ioc);
            error_code ec;
            acceptor.accept(sock, ec);
            if (stopping) break;
            if (ec) {
                if (ec == asio::error::bad_descriptor || ec == asio::error::invalid_argument) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                continue;
            }
            sock.set_option(tcp::no_delay(true), ec);
            if (on_connection) on_connection();
            std::lock_guard lock(conns_mu);
            reap_locked();
            conns.emplace_back(std::move(sock));
            Connection* c = &conns.back();
            c->thread = std::thread([this, c] { serve(*c); });
        }
    }

    // Ends connections that waited longer than the idle timeout for a request
    // (as load balancers do with idle keep-alive connections).
    void janitor_loop() {
        const auto period = std::chrono::milliseconds(std::max<std::int64_t>(10, config.idle_timeout_ms / 4));
        std::unique_lock wait_lock(janitor_mu);
        while (!stopping) {
            janitor_cv.wait_for(wait_lock, period);
            if (stopping) break;
            std::int64_t now = steady_ms();
            std::lock_guard lock(conns_mu);
            for (auto& c : conns) {
                std::int64_t since = c.idle_since;
                if (!c.closed && since >= 0 && now - since > config.idle_timeout_ms)
                    ::shutdown(c.socket.native_handle(), SHUT_RDWR);
            }
        }
    }

    void reap_locked() {
        for (auto it = conns.begin(); it != conns.end();) {
            if (it->done && it->thread.joinable()) {
                it->thread.join();
                it = conns.erase(it);
            } else {
                ++it;
            }
        }
    }

    void close_connection(Connection& c, bool reset) {
        std::lock_guard lock(conns_mu);
        if (c.closed) return;
        error_code ec;
        if (reset) c.socket.set_option(asio::socket_base::linger(true, 0), ec);
        else c.socket.shutdown(tcp::socket::shutdown_send, ec);
        c.socket.close(ec);
        c.closed = true;
    }

    void serve(Connection& c) {
        bool reset = false;
        try {
            if (tls) {
                ssl::stream<tcp::socket&> stream(c.socket, *tls);
                error_code ec;
                stream.handshake(ssl::stream_base::server, ec);
                if (!ec) reset = session(stream, c);
            } else {
                reset = session(c.socket, c);
            }
        } catch (const std::exception&) {
            // A broken connection only ends this connection.
        }
        close_connection(c, reset);
        c.done = true;
    }

    // Serves requests until the client or a fault ends the connection.
    // Returns true when the connection must end with a reset.
    template <class Stream>
    bool session(Stream& stream, Connection& c) {
        boost::beast::flat_buffer buffer;
        while (!stopping) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(kBodyLimit);
            error_code ec;
            c.idle_since = steady_ms();
            http::read_header(stream, buffer, parser, ec);
            if (!ec) {
                if (auto it = parser.get().find(http::field::expect);
                    it != parser.get().end() && iequals_ascii(it->value(), "100-continue")) {
                    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
                    asio::write(stream, asio::buffer(kContinue.data(), kContinue.size()), ec);
                }
                if (!ec && !parser.is_done()) http::read(stream, buffer, parser, ec);
            }
            c.idle_since = -1;
            if (ec) {
                if (ec == http::error::body_limit) {
                    HttpResponse too_big;
                    too_big.status = 413;
                    too_big.body = R"({"message":"Request body too large"})";
                    write_response(stream, too_big, false);
                } else if (ec == http::error::bad_target || ec == http::error::bad_method ||
                           ec == http::error::bad_version) {
                    HttpResponse bad;
                    bad.status = 400;
                    bad.body = R"({"message":"Malformed HTTP request"})";
                    write_response(stream, bad, false);
                }
                return false;
            }
            const auto& req = parser.get();
            HttpRequest in;
            in.method = std::string(req.method_string());
            in.target = std::string(req.target());
            if (auto it = req.find(http::field::authorization); it != req.end()) in.authorization = std::string(it->value());
            in.body = req.body();
            bool keep_alive = req.keep_alive();

            HttpResponse out = handler(in);
            switch (out.transport) {
                case HttpResponse::Transport::reset:
                    return true;
                case HttpResponse::Transport::truncate:
                    write_truncated(stream, out);
                    return false;
                case HttpResponse::Transport::normal:
                    break;
            }
            if (!write_response(stream, out, keep_alive) || !keep_alive) return false;
        }
        return false;
    }

    template <class Stream>
    bool write_response(Stream& stream, const HttpResponse& out, bool keep_alive) {
        http::response<http::string_body> res;
        res.version(11);
        res.result(static_cast<unsigned>(out.status));  // raw code: statuses Beast does not name pass too
        if (http::int_to_status(static_cast<unsigned>(out.status)) == http::status::unknown)
            res.reason("Status " + std::to_string(out.status));
        res.set(http::field::server, "thrive-standin");
        for (const auto& [name, value] : out.headers) res.set(name, value);
        if (out.has_body) {
            res.set(http::field::content_type, out.content_type);
            res.body() = out.body;
        }
        res.keep_alive(keep_alive);
        res.prepare_payload();
        error_code ec;
        http::write(stream, res, ec);
        return !ec;
    }

    // Headers promise the whole body; half of it is sent, then the connection ends.
    template <class Stream>
    void write_truncated(Stream& stream, const HttpResponse& out) {
        std::string body = out.has_body ? out.body : std::string();
        std::size_t promised = body.empty() ? 64 : body.size();
        int status = out.status == 204 ? 200 : out.status;
        std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
        head += "Server: thrive-standin\r\nContent-Type: " + out.content_type + "\r\n";
        head += "Content-Length: " + std::to_string(promised) + "\r\nConnection: close\r\n\r\n";
        head += body.substr(0, body.size() / 2);
        error_code ec;
        asio::write(stream, asio::buffer(head), ec);
    }
};

HttpListener::HttpListener(ListenerConfig config, Handler handler, ConnectionCallback on_connection)
    : impl_(std::make_unique<Impl>()) {
    impl_->config = std::move(config);
    impl_->handler = std::move(handler);
    impl_->on_connection = std::move(on_connection);
}

HttpListener::~HttpListener() { stop(); }

void HttpListener::start() {
    auto& d = *impl_;
    if (d.started) throw std::runtime_error("listener already started");
    try {
        if (d.config.tls) {
            d.tls = std::make_unique<ssl::context>(ssl::context::tls_server);
            d.tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                               ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
            d.tls->use_certificate_chain(asio::buffer(d.config.cert_chain_pem));
            d.tls->use_private_key(asio::buffer(d.config.key_pem), ssl::context::pem);
        }
        error_code parse_ec;
        auto address = asio::ip::make_address(d.config.bind_address, parse_ec);
        if (parse_ec) {  // a host name such as "localhost": its first address
            tcp::resolver resolver(d.ioc);
            auto results = resolver.resolve(d.config.bind_address, "");
            address = results.begin()->endpoint().address();
        }
        tcp::endpoint ep(address, d.config.port);
        d.acceptor.open(ep.protocol());
        d.acceptor.set_option(asio::socket_base::reuse_address(true));
        d.acceptor.bind(ep);
        d.acceptor.listen(asio::socket_base::max_listen_connections);
        d.bound_port = d.acceptor.local_endpoint().port();
    } catch (const boost::system::system_error& e) {
        error_code ignored;
        d.acceptor.close(ignored);
        throw std::runtime_error("stand-in cannot listen on " + d.config.bind_address + ":" +
                                 std::to_string(d.config.port) + ": " + e.what());
    }
    d.started = true;
    d.stopping = false;
    d.accept_thread = std::thread([&d] { d.accept_loop(); });
    if (d.config.idle_timeout_ms > 0) d.janitor_thread = std::thread([&d] { d.janitor_loop(); });
}

void HttpListener::stop() {
    auto& d = *impl_;
    if (!d.started) return;
    {
        std::lock_guard lock(d.janitor_mu);
        d.stopping = true;
    }
    d.janitor_cv.notify_all();
    if (d.janitor_thread.joinable()) d.janitor_thread.join();
    // Wakes the blocking accept(); the acceptor is closed once its thread is gone.
    ::shutdown(d.acceptor.native_handle(), SHUT_RDWR);
    if (d.accept_thread.joinable()) d.accept_thread.join();
    error_code ec;
    d.acceptor.close(ec);
    {
        std::lock_guard lock(d.conns_mu);
        for (auto& c : d.conns)
            if (!c.closed) ::shutdown(c.socket.native_handle(), SHUT_RDWR);
    }
    // Connection threads finish on their own now; join them without the lock.
    std::list<Impl::Connection> finishing;
    {
        std::lock_guard lock(d.conns_mu);
        finishing.splice(finishing.end(), d.conns);
    }
    for (auto& c : finishing)
        if (c.thread.joinable()) c.thread.join();
    d.started = false;
}

std::uint16_t HttpListener::port() const { return impl_->bound_port; }

}  // namespace thrive::standin
