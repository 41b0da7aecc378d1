#include "plugin_loader.hpp"

#include <boost/json.hpp>

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace thrive::cli {
namespace {

constexpr const char* kLibraryName = "libthrive_plugin.so";

fs::path executable_dir() {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() : exe.parent_path();
}

}  // namespace

std::vector<std::string> plugin_search_paths(const std::string& explicit_path) {
    if (!explicit_path.empty()) return {explicit_path};
    if (const char* env = std::getenv("THRIVE_PLUGIN"); env && *env) return {env};
    auto dir = executable_dir();
    return {(dir / kLibraryName).string(), (dir / ".." / "lib" / kLibraryName).string(),
            (dir / ".." / "lib" / "x86_64-linux-gnu" / kLibraryName).string(),
            (dir / ".." / "lib64" / kLibraryName).string()};
}

std::unique_ptr<Plugin> Plugin::load(const std::string& explicit_path) {
    std::string tried;
    for (const auto& candidate : plugin_search_paths(explicit_path)) {
        if (!fs::exists(candidate)) {
            tried += "\n  " + candidate + " (not there)";
            continue;
        }
        void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            tried += "\n  " + candidate + " (" + dlerror() + ")";
            continue;
        }
        auto entry = reinterpret_cast<thrive_plugin_entry_fn>(dlsym(handle, THRIVE_PLUGIN_ENTRY_SYMBOL));
        const thrive_api_v1* api = entry ? entry(THRIVE_ABI_MAJOR, THRIVE_ABI_MINOR) : nullptr;
        if (!api || api->struct_size < sizeof(thrive_api_v1)) {
            dlclose(handle);
            tried += "\n  " + candidate + " (not a compatible Thrive plugin)";
            continue;
        }
        return std::unique_ptr<Plugin>(new Plugin(handle, api, fs::weakly_canonical(candidate).string()));
    }
    throw std::runtime_error("cannot load the Thrive plugin; tried:" + tried +
                             "\nset THRIVE_PLUGIN to the path of " + kLibraryName);
}

Plugin::~Plugin() {
    if (handle_) dlclose(handle_);
}

Instance::Instance(const Plugin& plugin, const std::string& config_json) : api_(plugin.api()) {
    char* error = nullptr;
    int status = api_.instance_create(config_json.c_str(), &instance_, &error);
    if (status != THRIVE_OK) {
        std::string message = "instance_create failed";
        if (error) {
            boost::system::error_code ec;
            auto envelope = boost::json::parse(error, ec);
            const boost::json::value* text = ec ? nullptr : envelope.find_pointer("/error/message", ec);
            message = text && text->is_string() ? std::string(text->as_string()) : std::string(error);
        }
        api_.free_string(error);
        throw ConfigurationError(message);
    }
}

Instance::~Instance() { api_.instance_destroy(instance_); }

std::string Instance::tools_json() const {
    const char* s = api_.tools_json(instance_);
    return s ? s : "[]";
}

std::string Instance::tool_json(const std::string& id) const {
    const char* s = api_.tool_json(instance_, id.c_str());
    return s ? s : "";
}

static CallOutcome take(int status, char* json, const thrive_api_v1& api) {
    CallOutcome out{status, json ? json : ""};
    api.free_string(json);
    return out;
}

CallOutcome Instance::call(const std::string& tool, const std::string& params_json) const {
    char* json = nullptr;
    int status = api_.call(instance_, tool.c_str(), params_json.c_str(), &json);
    return take(status, json, api_);
}

CallOutcome Instance::dry_run(const std::string& tool, const std::string& params_json) const {
    char* json = nullptr;
    int status = api_.dry_run(instance_, tool.c_str(), params_json.c_str(), &json);
    return take(status, json, api_);
}

}  // namespace thrive::cli
