#include "settings.hpp"

#include <boost/json.hpp>

#include <cstdlib>

namespace thrive::cli {
namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

}  // namespace

Settings Settings::from_environment() {
    Settings s;
    s.tenant_id = env("THRIVE_TENANT_ID");
    s.api_key = env("THRIVE_API_KEY");
    s.host = env("THRIVE_HOST");
    s.allowed_hosts = env("THRIVE_ALLOWED_HOSTS");
    s.ca_file = env("THRIVE_CA_FILE");
    s.timeout_ms = env("THRIVE_TIMEOUT_MS");
    s.max_retries = env("THRIVE_MAX_RETRIES");
    return s;
}

std::string Settings::config_json() const {
    boost::json::object o;
    if (!tenant_id.empty()) o["tenantId"] = tenant_id;
    if (!api_key.empty()) o["apiKey"] = api_key;
    if (!host.empty()) o["host"] = host;
    if (!allowed_hosts.empty()) o["allowedHosts"] = allowed_hosts;
    if (!ca_file.empty()) o["caFile"] = ca_file;
    // Numbers go in as numbers when they are numbers; anything else is passed
    // as text so the plugin's configuration check names it.
    auto number = [&](const char* key, const std::string& text) {
        if (text.empty()) return;
        try {
            std::size_t used = 0;
            long long n = std::stoll(text, &used);
            if (used == text.size()) {
                o[key] = n;
                return;
            }
        } catch (...) {
        }
        o[key] = text;
    };
    number("requestTimeoutMs", timeout_ms);
    number("maxRetries", max_retries);
    return boost::json::serialize(o);
}

}  // namespace thrive::cli
