#include "session.hpp"

#include <iostream>

namespace thrive::cli {

const std::set<std::string>& settings_flags() {
    static const std::set<std::string> flags = {"tenant-id", "api-key", "host", "allow-host", "ca-file", "plugin"};
    return flags;
}

Session::Session(const Args& args, const SessionOptions& options) {
    settings_ = Settings::from_environment();
    if (auto v = args.value("tenant-id")) settings_.tenant_id = *v;
    if (auto v = args.value("api-key")) settings_.api_key = *v;
    if (auto v = args.value("host")) settings_.host = *v;
    if (auto v = args.value("allow-host"))
        settings_.allowed_hosts = settings_.allowed_hosts.empty() ? *v : settings_.allowed_hosts + "," + *v;
    if (auto v = args.value("ca-file")) settings_.ca_file = *v;
    if (auto v = args.value("plugin")) settings_.plugin_path = *v;

    if (settings_.tenant_id.empty() != settings_.api_key.empty())
        throw UsageError(settings_.tenant_id.empty() ? "THRIVE_API_KEY is set but THRIVE_TENANT_ID is not"
                                                     : "THRIVE_TENANT_ID is set but THRIVE_API_KEY is not");

    plugin_ = Plugin::load(settings_.plugin_path);
    if (options.allow_embedded && settings_.wants_embedded_standin()) {
        std::string state = options.standin_state == "default" ? EmbeddedStandin::default_state_file()
                                                               : options.standin_state;
        standin_ = std::make_unique<EmbeddedStandin>(state);
        standin_->apply_to(settings_);
        if (options.announce)
            std::cerr << "thrive: no THRIVE_TENANT_ID/THRIVE_API_KEY set: using the embedded local stand-in at "
                      << standin_->base_url() << (state.empty() ? " (in memory)" : " (state: " + state + ")") << "\n";
    }
    instance_ = std::make_unique<Instance>(*plugin_, settings_.config_json());
}

Session::~Session() = default;

}  // namespace thrive::cli
