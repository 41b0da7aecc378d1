// thrive-standin: run the Thrive stand-in on its own.
//
// Prints one JSON line to stdout once listening ({"url", "port", "tenantId",
// "caFile"}; never the API key), logs each request (method, path, status) to
// stderr, and stops cleanly on SIGINT/SIGTERM.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
#include <pthread.h>
#include <string>
#include <unistd.h>

#include <boost/json.hpp>

#include "standin_server.hpp"

namespace {

const char kUsage[] =
    "usage: thrive-standin [options]\n"
    "\n"
    "A local stand-in for the Thrive Learning REST API, seeded with a realistic tenant.\n"
    "\n"
    "  --port N            port to listen on (default: any free port)\n"
    "  --bind ADDR         address to bind (default 127.0.0.1)\n"
    "  --http              plain HTTP instead of HTTPS\n"
    "  --tenant ID         tenant ID = Basic auth username (default eu-west-000000)\n"
    "  --api-key KEY       API key = Basic auth password (default standin-demo-key;\n"
    "                      also read from THRIVE_STANDIN_API_KEY)\n"
    "  --ca-file PATH      where to write the CA certificate (HTTPS; default: a file\n"
    "                      in the temporary directory, printed at start)\n"
    "  --state-file PATH   keep the state in this JSON file (loaded at start, saved\n"
    "                      after every write)\n"
    "  --seed N            seed for the generated data (default 7)\n"
    "  --rate-limit N      requests per second per tenant (default: off)\n"
    "  --help              this text\n"
    "\n"
    "Admin endpoints (same Basic auth): GET /_standin/stats, POST|DELETE /_standin/faults,\n"
    "POST /_standin/reset, POST /_standin/rate-limit.\n";

[[noreturn]] void usage_error(const std::string& message) {
    std::cerr << "thrive-standin: " << message << "\n\n" << kUsage;
    std::exit(2);
}

unsigned long parse_number(const std::string& flag, const std::string& text, unsigned long max) {
    char* end = nullptr;
    errno = 0;
    unsigned long v = std::strtoul(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0 || v > max) usage_error(flag + " needs a number, got '" + text + "'");
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    thrive::standin::Options options;
    bool api_key_from_env = false;
    if (const char* key = std::getenv("THRIVE_STANDIN_API_KEY"); key && *key) {
        options.api_key = key;
        api_key_from_env = true;
    }
    bool ca_file_given = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        std::string value;
        auto eq = arg.find('=');
        bool has_inline = arg.rfind("--", 0) == 0 && eq != std::string::npos;
        if (has_inline) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        auto next = [&]() -> std::string {
            if (has_inline) return value;
            if (i + 1 >= argc) usage_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (arg == "--port") {
            options.port = static_cast<std::uint16_t>(parse_number(arg, next(), 65535));
        } else if (arg == "--bind") {
            options.bind_address = next();
        } else if (arg == "--http") {
            options.tls = false;
        } else if (arg == "--tenant") {
            options.tenant_id = next();
        } else if (arg == "--api-key") {
            options.api_key = next();
            api_key_from_env = false;
        } else if (arg == "--ca-file") {
            options.ca_file = next();
            ca_file_given = true;
        } else if (arg == "--state-file") {
            options.state_file = next();
        } else if (arg == "--seed") {
            options.seed = static_cast<std::uint32_t>(parse_number(arg, next(), 0xffffffffUL));
        } else if (arg == "--rate-limit") {
            std::string v = next();
            char* end = nullptr;
            double rate = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || rate < 0) usage_error("--rate-limit needs a number, got '" + v + "'");
            options.rate_limit_per_second = rate;
        } else {
            usage_error("unknown option " + arg);
        }
    }
    if (options.tenant_id.empty() || options.api_key.empty()) usage_error("tenant and API key must not be empty");
    if (options.tls && !ca_file_given) {
        const char* tmp = std::getenv("TMPDIR");
        options.ca_file = std::string(tmp && *tmp ? tmp : "/tmp") + "/thrive-standin-ca-" + std::to_string(::getpid()) + ".pem";
    }

    // Signals are taken by sigwait below; block them before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    thrive::standin::Server server(options);
    std::mutex log_mu;
    server.set_request_logger([&log_mu](const std::string& method, const std::string& path, int status) {
        std::lock_guard lock(log_mu);
        std::cerr << method << ' ' << path << ' ' << (status ? std::to_string(status) : std::string("dropped"))
                  << std::endl;
    });
    try {
        server.start();
    } catch (const std::exception& e) {
        std::cerr << "thrive-standin: " << e.what() << std::endl;
        return 1;
    }
    boost::json::object line{{"url", server.base_url()},
                             {"port", server.port()},
                             {"tenantId", options.tenant_id},
                             {"caFile", options.tls ? boost::json::value(options.ca_file) : boost::json::value(nullptr)}};
    std::cout << boost::json::serialize(line) << std::endl;
    std::cerr << "thrive-standin: serving the Thrive API at " << server.base_url() << "/rest/v1 and /rest/v2 for tenant "
              << options.tenant_id << " (API key from "
              << (api_key_from_env ? "THRIVE_STANDIN_API_KEY"
                                   : options.api_key == thrive::standin::Options{}.api_key ? "the default" : "--api-key")
              << "); Ctrl-C stops" << std::endl;

    int sig = 0;
    sigwait(&signals, &sig);
    std::cerr << "thrive-standin: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", stopping" << std::endl;
    server.stop();
    if (options.tls && !ca_file_given) std::remove(options.ca_file.c_str());
    return 0;
}
