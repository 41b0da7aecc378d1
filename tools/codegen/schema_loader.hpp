// Loads the action schemas and resolves "$ref"s against shared.json.
#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace codegen {

struct Action {
    std::string file;        // file name, for messages
    std::string id;
    boost::json::value spec; // fully resolved
};

// Actions sorted by id. Throws std::runtime_error naming the file on a parse
// error or an unresolvable reference.
std::vector<Action> load_actions(const std::filesystem::path& schemas_dir);

}  // namespace codegen
