// The C ABI: the one exported entry point and the function table behind it.
// Every function is an exception barrier: nothing thrown crosses into the
// host; it becomes an "internal" error envelope instead.
#include "thrive/thrive_plugin.h"

#include "abi/instance.hpp"
#include "dispatch/transport_factory.hpp"
#include "registry/registry.hpp"

#include <boost/json.hpp>

#include <cstdlib>
#include <cstring>
#include <new>

using thrive::ErrorCode;
using thrive::Result;

namespace {

char* dup_string(const std::string& s) {
    char* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (!out) return nullptr;
    std::memcpy(out, s.data(), s.size() + 1);
    return out;
}

Result internal_error(const char* what) {
    return Result::failure(thrive::Error{ErrorCode::internal, std::string("internal error: ") + what, "", 0, 0});
}

int hand_out(const Result& r, char** result_json) {
    if (result_json) *result_json = dup_string(r.envelope_json());
    return static_cast<int>(r.code);
}

Result invalid_argument(const char* what) {
    return Result::failure(thrive::Error{ErrorCode::invalid_params, what, "", 0, 0});
}

template <typename F>
int guarded(char** result_json, F&& f) {
    try {
        return hand_out(f(), result_json);
    } catch (const std::exception& e) {
        return hand_out(internal_error(e.what()), result_json);
    } catch (...) {
        return hand_out(internal_error("unknown exception"), result_json);
    }
}

const char* plugin_info() {
    static const std::string info = [] {
        boost::json::object o;
        o["id"] = "thrive";
        o["version"] = THRIVE_PLUGIN_VERSION;
        o["abiMajor"] = THRIVE_ABI_MAJOR;
        o["abiMinor"] = THRIVE_ABI_MINOR;
        try {
            o["toolCount"] = thrive::registry::Registry::instance().tools().size();
        } catch (...) {
            o["toolCount"] = 0;
        }
        return boost::json::serialize(o);
    }();
    return info.c_str();
}

int instance_create(const char* config_json, thrive_instance** out, char** error_json) {
    if (error_json) *error_json = nullptr;
    if (!out) return hand_out(invalid_argument("instance_create: out must not be NULL"), error_json);
    *out = nullptr;
    try {
        auto parsed = thrive::dispatch::parse_config(config_json);
        if (auto e = std::get_if<thrive::Error>(&parsed)) return hand_out(Result::failure(*e), error_json);
        auto& config = std::get<thrive::dispatch::PluginConfig>(parsed);
        (void)thrive::registry::Registry::instance();  // parse the table now, not on the first call
        std::shared_ptr<thrive::net::Transport> transport;
        try {
            transport = thrive::dispatch::make_default_transport(config);
        } catch (const std::exception& e) {
            // The only thing the transport refuses at construction is the CA file.
            return hand_out(Result::failure(thrive::Error{ErrorCode::invalid_params,
                                                          std::string("configuration caFile: ") + e.what(), "caFile", 0, 0}),
                            error_json);
        }
        auto dispatcher = thrive::dispatch::Dispatcher::create(config, std::move(transport));
        if (auto e = std::get_if<thrive::Error>(&dispatcher)) return hand_out(Result::failure(*e), error_json);
        auto instance = std::make_unique<thrive_instance>();
        instance->dispatcher = std::move(std::get<0>(dispatcher));
        instance->runner = std::make_unique<thrive::dispatch::AsyncRunner>(4);
        *out = instance.release();
        return THRIVE_OK;
    } catch (const std::exception& e) {
        return hand_out(internal_error(e.what()), error_json);
    } catch (...) {
        return hand_out(internal_error("unknown exception"), error_json);
    }
}

void instance_destroy(thrive_instance* instance) {
    if (!instance) return;
    try {
        instance->runner->shutdown();  // cancels outstanding calls, runs their callbacks
    } catch (...) {
    }
    delete instance;
}

const char* tools_json(thrive_instance* instance) {
    if (!instance) return nullptr;
    try {
        return thrive::registry::Registry::instance().tools_json().c_str();
    } catch (...) {
        return nullptr;
    }
}

const char* tool_json(thrive_instance* instance, const char* tool_id) {
    if (!instance || !tool_id) return nullptr;
    try {
        auto tool = thrive::registry::Registry::instance().find(tool_id);
        return tool ? tool->descriptor_json.c_str() : nullptr;
    } catch (...) {
        return nullptr;
    }
}

int call(thrive_instance* instance, const char* tool_id, const char* params_json, char** result_json) {
    return guarded(result_json, [&] {
        if (!instance || !tool_id) return invalid_argument("call: instance and tool_id must not be NULL");
        return instance->dispatcher->call(tool_id, params_json ? params_json : "",
                                          std::make_shared<thrive::net::CancelToken>());
    });
}

int dry_run(thrive_instance* instance, const char* tool_id, const char* params_json, char** result_json) {
    return guarded(result_json, [&] {
        if (!instance || !tool_id) return invalid_argument("dry_run: instance and tool_id must not be NULL");
        return instance->dispatcher->dry_run(tool_id, params_json ? params_json : "");
    });
}

int call_async(thrive_instance* instance, const char* tool_id, const char* params_json, thrive_completion_fn done,
               void* user_data, thrive_call** out_call) {
    if (out_call) *out_call = nullptr;
    if (!instance || !tool_id || !done) return THRIVE_INVALID_PARAMS;
    try {
        auto token = std::make_shared<thrive::net::CancelToken>();
        std::string tool(tool_id), params(params_json ? params_json : "");
        thrive::dispatch::Dispatcher* dispatcher = instance->dispatcher.get();
        std::unique_ptr<thrive_call> handle;
        if (out_call) handle.reset(new thrive_call{token});
        bool queued = instance->runner->submit(token, [=](bool cancelled_before_start) {
            Result r;
            try {
                r = cancelled_before_start
                        ? Result::failure(thrive::Error{ErrorCode::cancelled, "the call was cancelled before it started", "", 0, 0})
                        : dispatcher->call(tool, params, token);
            } catch (const std::exception& e) {
                r = internal_error(e.what());
            } catch (...) {
                r = internal_error("unknown exception");
            }
            std::string text = r.envelope_json();
            done(user_data, static_cast<int>(r.code), text.c_str());
        });
        if (!queued) return THRIVE_CANCELLED;
        if (out_call) *out_call = handle.release();
        return THRIVE_OK;
    } catch (...) {
        return THRIVE_INTERNAL;
    }
}

void call_cancel(thrive_call* handle) {
    if (handle && handle->token) handle->token->cancel();
}

void call_release(thrive_call* handle) { delete handle; }

void free_string(char* s) { std::free(s); }

const thrive_api_v1 kApi = {
    THRIVE_ABI_MAJOR, THRIVE_ABI_MINOR, sizeof(thrive_api_v1),
    plugin_info,      instance_create,  instance_destroy,
    tools_json,       tool_json,        call,
    dry_run,          call_async,       call_cancel,
    call_release,     free_string,
};

}  // namespace

extern "C" const thrive_api_v1* thrive_plugin_entry(uint32_t host_abi_major, uint32_t /*host_abi_minor*/) {
    // A host built for an older minor version simply does not look at the
    // members appended since; a different major is refused.
    return host_abi_major == THRIVE_ABI_MAJOR ? &kApi : nullptr;
}
