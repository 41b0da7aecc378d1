/* A foreign host written in plain C: loads the plugin with dlopen and uses
 * nothing but thrive_plugin.h. Covers the version handshake, ownership of
 * returned strings, NULL arguments, unknown tools, a synchronous dry run and
 * an asynchronous call that is cancelled while the server never answers. */
#define _GNU_SOURCE
#include "thrive/thrive_plugin.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int failures = 0;
static int checks = 0;
#define CHECK(cond, what)                                                  \
    do {                                                                   \
        ++checks;                                                          \
        if (!(cond)) {                                                     \
            ++failures;                                                    \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, what); \
        }                                                                  \
    } while (0)

struct wait_state {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    int done;
    int calls;
    int status;
    char result[4096];
};

static void on_done(void *user_data, int status, const char *result_json) {
    struct wait_state *w = (struct wait_state *)user_data;
    pthread_mutex_lock(&w->mutex);
    w->calls++;
    w->done = 1;
    w->status = status;
    snprintf(w->result, sizeof w->result, "%s", result_json ? result_json : "");
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->mutex);
}

static int wait_for(struct wait_state *w, int seconds) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += seconds;
    pthread_mutex_lock(&w->mutex);
    while (!w->done)
        if (pthread_cond_timedwait(&w->cond, &w->mutex, &deadline) != 0) break;
    int done = w->done;
    pthread_mutex_unlock(&w->mutex);
    return done;
}

/* A loopback socket that listens but never accepts or answers: the TLS
 * handshake of a call to it hangs until cancelled. */
static int silent_listener(int *port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 8) != 0) return -1;
    socklen_t len = sizeof addr;
    getsockname(fd, (struct sockaddr *)&addr, &len);
    *port = ntohs(addr.sin_port);
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PATH/libthrive_plugin.so\n", argv[0]);
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    CHECK(lib != NULL, "dlopen");
    if (!lib) return 1;
    thrive_plugin_entry_fn entry = (thrive_plugin_entry_fn)dlsym(lib, THRIVE_PLUGIN_ENTRY_SYMBOL);
    CHECK(entry != NULL, "entry symbol");
    CHECK(dlsym(lib, "_ZN6thrive8registry8Registry8instanceEv") == NULL, "C++ internals are not exported");

    /* Handshake: another major is refused; an older minor is served. */
    CHECK(entry(THRIVE_ABI_MAJOR + 1, 0) == NULL, "refuses another major version");
    CHECK(entry(0, 0) == NULL, "refuses major 0");
    const thrive_api_v1 *api = entry(THRIVE_ABI_MAJOR, 0);
    CHECK(api != NULL, "accepts its major version");
    if (!api) return 1;
    CHECK(api->abi_major == THRIVE_ABI_MAJOR, "abi_major");
    CHECK(api->struct_size >= sizeof(thrive_api_v1), "struct_size covers the members this host knows");
    CHECK(strstr(api->plugin_info(), "\"toolCount\":47") != NULL, "plugin_info reports the tools");

    /* Bad configuration: refused with an error envelope naming the key. */
    thrive_instance *inst = NULL;
    char *error = NULL;
    CHECK(api->instance_create("{\"maxRetries\": \"many\"}", &inst, &error) == THRIVE_INVALID_PARAMS, "bad config refused");
    CHECK(inst == NULL, "no instance on failure");
    CHECK(error && strstr(error, "maxRetries"), "config error names the key");
    api->free_string(error);
    CHECK(api->instance_create(NULL, NULL, NULL) == THRIVE_INVALID_PARAMS, "NULL out is refused");
    error = NULL;
    CHECK(api->instance_create("{\"caFile\": \"/nonexistent/ca.pem\"}", &inst, &error) == THRIVE_INVALID_PARAMS,
          "unreadable CA file refused");
    CHECK(error && strstr(error, "\"field\":\"caFile\""), "CA file error names caFile");
    api->free_string(error);

    char port_text[64];
    int port = 0;
    int silent = silent_listener(&port);
    CHECK(silent >= 0, "listener");
    char config[512];
    snprintf(config, sizeof config,
             "{\"tenantId\":\"eu-west-000000\",\"apiKey\":\"abi-test-secret\",\"allowedHosts\":[\"127.0.0.1:%d\"],"
             "\"maxRetries\":0,\"connectTimeoutMs\":30000,\"requestTimeoutMs\":60000}",
             port);
    snprintf(port_text, sizeof port_text, "127.0.0.1:%d", port);
    CHECK(api->instance_create(config, &inst, NULL) == THRIVE_OK && inst != NULL, "instance_create");

    /* Descriptors are borrowed and stable. */
    const char *tools = api->tools_json(inst);
    CHECK(tools && tools[0] == '[' && strstr(tools, "\"thrive_create_user\""), "tools_json");
    CHECK(api->tools_json(inst) == tools, "tools_json is the same borrowed string each time");
    CHECK(api->tool_json(inst, "thrive_get_skill_levels") != NULL, "tool_json for a known tool");
    CHECK(api->tool_json(inst, "thrive_nope") == NULL, "tool_json NULL for an unknown tool");
    CHECK(api->tool_json(NULL, "thrive_get_skill_levels") == NULL, "tool_json tolerates NULL instance");

    /* Synchronous calls: unknown tool, NULL arguments, validation, dry run. */
    char *result = NULL;
    CHECK(api->call(inst, "thrive_nope", "{}", &result) == THRIVE_UNKNOWN_TOOL, "unknown tool status");
    CHECK(result && strstr(result, "\"unknown_tool\""), "unknown tool envelope");
    api->free_string(result);
    result = NULL;
    CHECK(api->call(NULL, "thrive_get_tag", "{}", &result) == THRIVE_INVALID_PARAMS, "NULL instance");
    api->free_string(result);
    CHECK(api->call(inst, "thrive_get_tag", "{}", NULL) == THRIVE_INVALID_PARAMS, "result pointer may be NULL");
    result = NULL;
    CHECK(api->call(inst, "thrive_get_tag", "{\"tagId\": \"\"}", &result) == THRIVE_INVALID_PARAMS, "blank required");
    CHECK(result && strstr(result, "\"field\":\"tagId\""), "names the field");
    api->free_string(result);
    result = NULL;
    CHECK(api->dry_run(inst, "thrive_get_tag", "{\"tagId\": \"t/1\"}", &result) == THRIVE_OK, "dry run");
    CHECK(result && strstr(result, "https://public.api.learn.link/rest/v1/tags/t%2F1"), "dry-run URL");
    CHECK(result && !strstr(result, "abi-test-secret"), "dry run never shows the key");
    api->free_string(result);
    api->free_string(NULL);

    /* Asynchronous call to a server that never answers, then cancel. */
    struct wait_state w;
    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.mutex, NULL);
    pthread_cond_init(&w.cond, NULL);
    char params[256];
    snprintf(params, sizeof params, "{\"host\":\"%s\"}", port_text);
    thrive_call *handle = NULL;
    CHECK(api->call_async(inst, "thrive_get_skill_levels", params, on_done, &w, &handle) == THRIVE_OK, "call_async");
    CHECK(handle != NULL, "async handle");
    usleep(200 * 1000);
    CHECK(!w.done, "still waiting on the silent server");
    api->call_cancel(handle);
    api->call_cancel(handle); /* twice is harmless */
    CHECK(wait_for(&w, 10), "cancel completes the call");
    CHECK(w.status == THRIVE_CANCELLED, "status cancelled");
    CHECK(strstr(w.result, "\"cancelled\"") != NULL, "envelope says cancelled");
    api->call_release(handle);
    CHECK(api->call_async(inst, "thrive_get_tag", "{}", NULL, NULL, NULL) == THRIVE_INVALID_PARAMS, "NULL callback");

    /* An async call still running when the instance goes is cancelled and
     * its callback runs exactly once before instance_destroy returns. */
    struct wait_state w2;
    memset(&w2, 0, sizeof w2);
    pthread_mutex_init(&w2.mutex, NULL);
    pthread_cond_init(&w2.cond, NULL);
    CHECK(api->call_async(inst, "thrive_get_skill_levels", params, on_done, &w2, NULL) == THRIVE_OK, "second async");
    usleep(100 * 1000);
    api->instance_destroy(inst);
    CHECK(w2.done && w2.calls == 1, "destroy completes outstanding calls once");
    CHECK(w2.status == THRIVE_CANCELLED, "outstanding call reported cancelled");
    api->instance_destroy(NULL);

    close(silent);
    dlclose(lib);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
