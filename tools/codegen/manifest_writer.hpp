// Builds manifest.json (what a host reads before loading the library) from
// schemas/plugin.json and the action schemas, so the two cannot drift.
#pragma once

#include "schema_loader.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace codegen {

boost::json::value build_manifest(const boost::json::value& plugin, const std::vector<Action>& actions,
                                  const std::string& version);

// Indented JSON text, stable across runs (for a committed file).
std::string pretty_json(const boost::json::value& v);

}  // namespace codegen
