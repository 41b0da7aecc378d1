// Build-time checks of resolved action schemas: a mistake here fails the
// build with a message naming the file and the key, instead of surfacing as
// a wrong request at run time.
#pragma once

#include "schema_loader.hpp"

#include <string>
#include <vector>

namespace codegen {

// Returns one message per problem; empty when all actions are sound.
std::vector<std::string> check_actions(const std::vector<Action>& actions);

}  // namespace codegen
