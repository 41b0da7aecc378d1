#include "embedded_standin.hpp"

#include "standin_server.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;

namespace thrive::cli {

EmbeddedStandin::EmbeddedStandin(const std::string& state_file) {
    std::string pattern = (fs::temp_directory_path() / "thrive-standin-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory for the stand-in CA");
    temp_dir_ = pattern;
    ca_file_ = (fs::path(temp_dir_) / "standin-ca.pem").string();

    standin::Options options;
    options.port = 0;
    options.tls = true;
    options.ca_file = ca_file_;
    options.state_file = state_file;
    if (!state_file.empty()) fs::create_directories(fs::path(state_file).parent_path());
    server_ = std::make_unique<standin::Server>(options);
    server_->start();
}

EmbeddedStandin::~EmbeddedStandin() {
    if (server_) server_->stop();
    std::error_code ec;
    fs::remove_all(temp_dir_, ec);
}

void EmbeddedStandin::apply_to(Settings& settings) const {
    const auto& o = server_->options();
    std::string host = "localhost:" + std::to_string(server_->port());
    settings.tenant_id = o.tenant_id;
    settings.api_key = o.api_key;
    settings.host = host;
    settings.allowed_hosts = settings.allowed_hosts.empty() ? host : settings.allowed_hosts + "," + host;
    settings.ca_file = ca_file_;
}

std::string EmbeddedStandin::base_url() const { return server_->base_url(); }

std::string EmbeddedStandin::default_state_file() {
    if (const char* explicit_path = std::getenv("THRIVE_STANDIN_STATE")) return explicit_path;
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg)
        return (fs::path(xdg) / "thrive" / "standin.json").string();
    if (const char* home = std::getenv("HOME"); home && *home)
        return (fs::path(home) / ".local" / "state" / "thrive" / "standin.json").string();
    return "";
}

}  // namespace thrive::cli
