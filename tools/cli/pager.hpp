// Follows every page of a list tool: envelope lists until the last page of
// `pagination`, bare-array lists until a short page. The merged result has
// the shape of a single page, with every item.
#pragma once

#include "plugin_loader.hpp"

#include <boost/json/object.hpp>

namespace thrive::cli {

// `params` may set page (the first page to fetch) and perPage. Stops at the
// first failure and returns it. max_pages guards against a service that
// never reports an end.
CallOutcome call_all_pages(const Instance& instance, const std::string& tool, boost::json::object params,
                           int max_pages = 10'000);

}  // namespace thrive::cli
