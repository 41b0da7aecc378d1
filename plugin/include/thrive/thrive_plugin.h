/*
 * thrive_plugin.h - the one public header of the Thrive tool plugin.
 *
 * Pure C. A host dlopen()s the library, looks up the single exported symbol
 * THRIVE_PLUGIN_ENTRY_SYMBOL and calls it with the ABI version the host was
 * built against. The plugin answers with its function table, or NULL when it
 * refuses (a different major version).
 *
 * Growth rule: members are only ever appended to thrive_api_v1. A host checks
 * `struct_size` (or `abi_minor`) before touching a member newer than the
 * ones it knows. A changed behaviour gets a new member (`..._v2`), never a
 * changed signature.
 *
 * Results are JSON text, one envelope for every tool:
 *   {"success": true,  "output": {...}}
 *   {"success": false, "output": {}, "error": {"code", "message", "field",
 *                                              "httpStatus", "retryAfterMs"}}
 *
 * Threads: calls on one instance may run concurrently from many threads.
 * instance_create / instance_destroy must not race with anything else on the
 * same instance. No C++ exception ever crosses this boundary.
 */
#ifndef THRIVE_PLUGIN_H
#define THRIVE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define THRIVE_ABI_MAJOR 1
#define THRIVE_ABI_MINOR 0
#define THRIVE_PLUGIN_ENTRY_SYMBOL "thrive_plugin_entry"

/* Status codes: mirror the error "code" strings of the envelope. Only ever
 * grows at the end. */
typedef enum thrive_status {
    THRIVE_OK = 0,
    THRIVE_INVALID_PARAMS = 1,
    THRIVE_UNKNOWN_TOOL = 2,
    THRIVE_HOST_NOT_ALLOWED = 3,
    THRIVE_AUTH_FAILED = 4,
    THRIVE_NOT_FOUND = 5,
    THRIVE_RATE_LIMITED = 6,
    THRIVE_HTTP_ERROR = 7,
    THRIVE_NETWORK_ERROR = 8,
    THRIVE_TIMEOUT = 9,
    THRIVE_TLS_ERROR = 10,
    THRIVE_BAD_RESPONSE = 11,
    THRIVE_CANCELLED = 12,
    THRIVE_INTERNAL = 13
} thrive_status;

typedef struct thrive_instance thrive_instance; /* opaque */
typedef struct thrive_call thrive_call;         /* opaque async call handle */

/* Completion of an asynchronous call. Runs on a plugin worker thread.
 * OWNERSHIP: result_json is borrowed and valid only during the callback. */
typedef void (*thrive_completion_fn)(void *user_data, int status,
                                     const char *result_json);

typedef struct thrive_api_v1 {
    uint32_t abi_major;  /* THRIVE_ABI_MAJOR of the plugin */
    uint32_t abi_minor;  /* THRIVE_ABI_MINOR of the plugin */
    size_t struct_size;  /* sizeof(thrive_api_v1) as the plugin built it */

    /* Static plugin facts as JSON: {"id","version","abiMajor","abiMinor",
     * "toolCount"}.
     * OWNERSHIP: borrowed; valid until the library is unloaded. */
    const char *(*plugin_info)(void);

    /* Create an instance from a JSON configuration (may be NULL or "{}"):
     * {"tenantId","apiKey","host","allowedHosts":[...],"caFile",
     *  "connectTimeoutMs","requestTimeoutMs","maxRetries",
     *  "maxResponseBytes","userAgent"}.
     * Returns THRIVE_OK and sets *out, or an error status and, when
     * error_json is not NULL, sets *error_json to an error envelope.
     * OWNERSHIP: config_json borrowed for the call; *out is released with
     * instance_destroy; *error_json is released with free_string. */
    int (*instance_create)(const char *config_json, thrive_instance **out,
                           char **error_json);

    /* Destroy an instance: cancels and waits for its outstanding calls.
     * OWNERSHIP: consumes instance; NULL is ignored. */
    void (*instance_destroy)(thrive_instance *instance);

    /* All tool descriptors as a JSON array of {"id","title","description",
     * "group","inputs":[...],"outputs":{...},"hints":{...}}.
     * OWNERSHIP: borrowed; valid until the instance is destroyed. */
    const char *(*tools_json)(thrive_instance *instance);

    /* One tool's descriptor, or NULL for an unknown id.
     * OWNERSHIP: tool_id borrowed for the call; result borrowed, valid until
     * the instance is destroyed. */
    const char *(*tool_json)(thrive_instance *instance, const char *tool_id);

    /* Run a tool synchronously. params_json is a JSON object (NULL = {}).
     * Always sets *result_json (when result_json is not NULL) to the result
     * envelope and returns its status.
     * OWNERSHIP: inputs borrowed for the call; *result_json released with
     * free_string. */
    int (*call)(thrive_instance *instance, const char *tool_id,
                const char *params_json, char **result_json);

    /* Validate and build the HTTP request without sending it. *result_json
     * is {"success":true,"output":{"method","url","headers","body"}} with the
     * Authorization value redacted, or the same error envelope a call gives.
     * OWNERSHIP: as for call. */
    int (*dry_run)(thrive_instance *instance, const char *tool_id,
                   const char *params_json, char **result_json);

    /* Start a tool asynchronously. The callback runs exactly once, on a
     * plugin thread, unless this function fails (returns non-OK), in which
     * case it never runs and *out_call is left NULL.
     * OWNERSHIP: inputs borrowed for the call (copied); *out_call (may be
     * NULL if the caller does not want a handle) must be released with
     * call_release, before or after completion. */
    int (*call_async)(thrive_instance *instance, const char *tool_id,
                      const char *params_json, thrive_completion_fn done,
                      void *user_data, thrive_call **out_call);

    /* Ask a running asynchronous call to stop; its callback then reports
     * THRIVE_CANCELLED unless it already finished. Safe to call more than
     * once, and after completion.
     * OWNERSHIP: call borrowed. */
    void (*call_cancel)(thrive_call *call);

    /* Release a handle from call_async. Does not cancel the call.
     * OWNERSHIP: consumes call; NULL is ignored. */
    void (*call_release)(thrive_call *call);

    /* Release a string this table handed out through an out-parameter.
     * OWNERSHIP: consumes s; NULL is ignored. */
    void (*free_string)(char *s);
} thrive_api_v1;

/* The one exported symbol. Returns NULL when host_abi_major differs from
 * THRIVE_ABI_MAJOR. */
typedef const thrive_api_v1 *(*thrive_plugin_entry_fn)(uint32_t host_abi_major,
                                                        uint32_t host_abi_minor);

#if defined(__GNUC__)
__attribute__((visibility("default")))
#endif
const thrive_api_v1 *thrive_plugin_entry(uint32_t host_abi_major,
                                         uint32_t host_abi_minor);

#ifdef __cplusplus
}
#endif

#endif /* THRIVE_PLUGIN_H */
