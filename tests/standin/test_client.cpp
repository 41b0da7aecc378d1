// The only test file that includes Beast/Asio.
#include "test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <stdexcept>

namespace thrive::standin::testing {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;

std::string ClientResponse::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

boost::json::value ClientResponse::json() const { return boost::json::parse(body); }

struct TestClient::Connection {
    asio::io_context ioc;
    ssl::context tls_ctx{ssl::context::tls_client};
    tcp::socket socket{ioc};
    std::unique_ptr<ssl::stream<tcp::socket&>> tls;
    boost::beast::flat_buffer buffer;
};

TestClient::TestClient(ClientConfig config) : config_(std::move(config)) {}
TestClient::~TestClient() { disconnect(); }

void TestClient::set_credentials(std::string username, std::string password) {
    config_.username = std::move(username);
    config_.password = std::move(password);
}

void TestClient::disconnect() {
    if (!conn_) return;
    error_code ec;
    conn_->socket.shutdown(tcp::socket::shutdown_both, ec);
    conn_->socket.close(ec);
    conn_.reset();
}

namespace {

std::string base64(std::string_view in) {
    static constexpr char kA[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
        out += {kA[v >> 18 & 63], kA[v >> 12 & 63], kA[v >> 6 & 63], kA[v & 63]};
    }
    if (i < in.size()) {
        unsigned v = (unsigned char)in[i] << 16 | (i + 1 < in.size() ? (unsigned char)in[i + 1] << 8 : 0);
        out += {kA[v >> 18 & 63], kA[v >> 12 & 63], i + 1 < in.size() ? kA[v >> 6 & 63] : '=', '='};
    }
    return out;
}

template <class Stream>
ClientResponse exchange(Stream& stream, boost::beast::flat_buffer& buffer, const http::request<http::string_body>& req) {
    ClientResponse out;
    error_code ec;
    http::write(stream, req, ec);
    if (ec) {
        out.error = "write: " + ec.message();
        return out;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(stream, buffer, parser, ec);
    if (ec) {
        out.error = "read: " + ec.message();
        if (parser.is_header_done()) out.status = static_cast<int>(parser.get().result_int());
        return out;
    }
    auto& res = parser.get();
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(f.value());
    }
    if (!res.keep_alive()) out.headers["x-test-server-closed"] = "1";
    return out;
}

}  // namespace

ClientResponse TestClient::request(const std::string& method, const std::string& target, const std::string& body,
                                   bool with_auth) {
    if (!conn_) {
        auto c = std::make_unique<Connection>();
        error_code ec;
        tcp::resolver resolver(c->ioc);
        auto endpoints = resolver.resolve(config_.host, std::to_string(config_.port), ec);
        if (!ec) asio::connect(c->socket, endpoints, ec);
        if (ec) {
            ClientResponse r;
            r.error = "connect: " + ec.message();
            return r;
        }
        if (config_.tls) {
            c->tls_ctx.set_verify_mode(ssl::verify_peer);
            c->tls_ctx.add_certificate_authority(asio::buffer(config_.ca_pem), ec);
            c->tls = std::make_unique<ssl::stream<tcp::socket&>>(c->socket, c->tls_ctx);
            SSL_set_tlsext_host_name(c->tls->native_handle(), config_.server_name.c_str());
            c->tls->set_verify_callback(ssl::host_name_verification(config_.server_name));
            c->tls->handshake(ssl::stream_base::client, ec);
            if (ec) {
                ClientResponse r;
                r.error = "handshake: " + ec.message();
                return r;
            }
        }
        conn_ = std::move(c);
    }
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, config_.server_name + ":" + std::to_string(config_.port));
    req.set(http::field::accept, "application/json");
    if (with_auth) req.set(http::field::authorization, "Basic " + base64(config_.username + ":" + config_.password));
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.keep_alive(config_.keep_alive);
    req.prepare_payload();
    ClientResponse r = conn_->tls ? exchange(*conn_->tls, conn_->buffer, req) : exchange(conn_->socket, conn_->buffer, req);
    if (!r.error.empty() || !config_.keep_alive || r.headers.count("x-test-server-closed")) disconnect();
    return r;
}

std::string encode_segment(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

std::string encode_query(std::string_view text) { return encode_segment(text); }

}  // namespace thrive::standin::testing
