// Request routing: splits a request target into percent-decoded path segments
// and query values, and finds the handler registered for method + path
// pattern ("/rest/v1/audiences/{audienceId}/members"). Knows nothing about HTTP
// transport or the domain.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_support.hpp"

namespace thrive::standin {

struct Target {
    std::string raw_path;                 // as received, without the query
    std::vector<std::string> segments;    // each decoded exactly once
    QueryMap query;                       // decoded ('+' is a space in queries)
};

// nullopt when the target is not an origin-form path or has a bad %-escape.
std::optional<Target> parse_target(std::string_view target);

// Percent-decodes once. `plus_is_space` for query strings. nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

using Handler = std::function<Reply(RequestContext&)>;

class Router {
public:
    void add(std::string method, std::string_view pattern, Handler handler);

    struct Match {
        int status = 404;                 // 200 when found, 404 unknown path, 405 wrong method
        const Handler* handler = nullptr;
        ParamMap params;
        std::string allow;                // for 405: the allowed methods
    };
    Match match(std::string_view method, const std::vector<std::string>& segments) const;

    std::size_t size() const { return routes_.size(); }

private:
    struct Route {
        std::string method;
        std::vector<std::string> pattern;  // literal segments, or "{name}"
        Handler handler;
        int literals = 0;
    };
    std::vector<Route> routes_;
};

}  // namespace thrive::standin
