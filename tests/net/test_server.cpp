#include "test_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>

#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <strings.h>
#include <thread>

namespace thrive::testing {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using error_code = boost::system::error_code;

const std::string* ReceivedRequest::header(const std::string& name) const {
    for (const auto& [key, value] : headers)
        if (strcasecmp(key.c_str(), name.c_str()) == 0) return &value;
    return nullptr;
}

namespace {
struct Slot {
    int fd = -1;
    bool killed = false;
};
}  // namespace

struct TestServer::State {
    State(Options o, Handler h)
        : options(std::move(o)), handler(std::move(h)), ctx(ssl::context::tls_server),
          acceptor(ioc) {}

    Options options;
    Handler handler;
    asio::io_context ioc;
    ssl::context ctx;
    tcp::acceptor acceptor;
    std::uint16_t port = 0;

    mutable std::mutex mutex;
    mutable std::condition_variable cv;
    bool stopping = false;
    int accepted = 0;
    int open = 0;
    std::vector<ReceivedRequest> requests;
    std::vector<std::shared_ptr<Slot>> slots;
    std::vector<std::thread> workers;
    std::thread acceptor_thread;

    void accept_loop() {
        for (;;) {
            tcp::socket socket(ioc);
            error_code ec;
            acceptor.accept(socket, ec);
            std::lock_guard lock(mutex);
            if (stopping) return;
            if (ec) continue;
            const int id = ++accepted;
            ++open;
            auto slot = std::make_shared<Slot>();
            slot->fd = socket.native_handle();
            slots.push_back(slot);
            workers.emplace_back([this, s = std::move(socket), slot, id]() mutable {
                serve(std::move(s), slot, id);
            });
        }
    }

    bool should_quit(const Slot& slot) const { return stopping || slot.killed; }

    void serve(tcp::socket socket, std::shared_ptr<Slot> slot, int id) {
        if (options.stall_after_accept) {
            std::unique_lock lock(mutex);
            cv.wait(lock, [&] { return should_quit(*slot); });
            lock.unlock();
            finish(socket, slot);
            return;
        }
        if (options.tls) {
            beast::ssl_stream<tcp::socket&> stream(socket, ctx);
            error_code ec;
            stream.handshake(ssl::stream_base::server, ec);
            if (!ec) {
                const char* name =
                    SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
                serve_loop(stream, *slot, id, name ? name : "");
            }
        } else {
            serve_loop(socket, *slot, id, "");
        }
        finish(socket, slot);
    }

    template <class Stream>
    void serve_loop(Stream& stream, Slot& slot, int id, const std::string& sni) {
        beast::flat_buffer buffer;
        for (;;) {
            bhttp::request<bhttp::string_body> req;
            error_code ec;
            bhttp::read(stream, buffer, req, ec);
            if (ec) return;

            ReceivedRequest r;
            r.method = std::string(req.method_string());
            r.target = std::string(req.target());
            for (const auto& f : req)
                r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
            r.body = req.body();
            r.connection = id;
            r.sni = sni;
            {
                std::lock_guard lock(mutex);
                requests.push_back(r);
            }
            cv.notify_all();

            Reply reply = handler ? handler(r) : Reply{};
            if (reply.delay.count() > 0) {
                std::unique_lock lock(mutex);
                if (cv.wait_for(lock, reply.delay, [&] { return should_quit(slot); })) return;
            }
            if (reply.drop) return;
            if (reply.raw) {
                asio::write(stream, asio::buffer(*reply.raw), ec);
                return;
            }
            bhttp::response<bhttp::string_body> res;
            res.version(11);
            res.result(static_cast<unsigned>(reply.status));
            for (const auto& [name, value] : reply.headers) res.insert(name, value);
            res.body() = reply.body;
            res.prepare_payload();
            res.keep_alive(req.keep_alive() && !reply.close_after);
            bhttp::write(stream, res, ec);
            if (ec || !res.keep_alive()) return;
        }
    }

    void finish(tcp::socket& socket, const std::shared_ptr<Slot>& slot) {
        {
            std::lock_guard lock(mutex);
            std::erase(slots, slot);  // after this nobody calls ::shutdown on the fd
            error_code ignored;
            socket.shutdown(tcp::socket::shutdown_both, ignored);
            socket.close(ignored);
            --open;
        }
        cv.notify_all();
    }

    void kill_all_locked() {
        for (auto& slot : slots) {
            slot->killed = true;
            ::shutdown(slot->fd, SHUT_RDWR);
        }
    }
};

TestServer::TestServer(Options options, Handler handler)
    : state_(std::make_shared<State>(std::move(options), std::move(handler))) {
    State& s = *state_;
    if (s.options.tls) {
        const auto& id = s.options.identity;
        s.ctx.use_certificate_chain(asio::buffer(id.cert_pem));
        s.ctx.use_private_key(asio::buffer(id.key_pem), ssl::context::pem);
    }
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    s.acceptor.open(endpoint.protocol());
    s.acceptor.set_option(tcp::acceptor::reuse_address(true));
    s.acceptor.bind(endpoint);
    s.acceptor.listen();
    s.port = s.acceptor.local_endpoint().port();
    s.acceptor_thread = std::thread([&s] { s.accept_loop(); });
}

TestServer::~TestServer() { stop(); }

void TestServer::stop() {
    State& s = *state_;
    {
        std::lock_guard lock(s.mutex);
        if (s.stopping) return;
        s.stopping = true;
        ::shutdown(s.acceptor.native_handle(), SHUT_RDWR);  // wakes accept()
        s.kill_all_locked();
    }
    s.cv.notify_all();
    if (s.acceptor_thread.joinable()) s.acceptor_thread.join();
    std::vector<std::thread> workers;
    {
        std::lock_guard lock(s.mutex);
        workers.swap(s.workers);
    }
    for (auto& t : workers) t.join();
    error_code ignored;
    s.acceptor.close(ignored);
}

std::uint16_t TestServer::port() const { return state_->port; }

int TestServer::accepted() const {
    std::lock_guard lock(state_->mutex);
    return state_->accepted;
}

int TestServer::open_connections() const {
    std::lock_guard lock(state_->mutex);
    return state_->open;
}

std::vector<ReceivedRequest> TestServer::requests() const {
    std::lock_guard lock(state_->mutex);
    return state_->requests;
}

std::size_t TestServer::request_count() const {
    std::lock_guard lock(state_->mutex);
    return state_->requests.size();
}

bool TestServer::wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(state_->mutex);
    return state_->cv.wait_for(lock, timeout, [&] { return state_->requests.size() >= n; });
}

bool TestServer::wait_for_no_connections(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(state_->mutex);
    return state_->cv.wait_for(lock, timeout, [&] { return state_->open == 0; });
}

void TestServer::close_connections() {
    {
        std::lock_guard lock(state_->mutex);
        state_->kill_all_locked();
    }
    state_->cv.notify_all();
}

TempFile::TempFile(const std::string& contents) {
    char pattern[] = "/tmp/thrive-net-test-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    path_ = dir_ + "/file.pem";
    std::ofstream out(path_, std::ios::binary);
    out << contents;
    if (!out) throw std::runtime_error("cannot write " + path_);
}

TempFile::~TempFile() {
    std::remove(path_.c_str());
    ::rmdir(dir_.c_str());
}

const TestPki& test_pki() {
    static const TestPki pki = [] {
        TestPki p;
        p.ca = certs::make_ca("Thrive Test CA");
        p.server = certs::issue_server_cert(p.ca, "localhost", {"localhost", "127.0.0.1", "::1"});
        return p;
    }();
    return pki;
}

}  // namespace thrive::testing
