// The optional JSON state file: loaded at start when present, rewritten
// atomically (temporary file in the same directory, fsync, rename, fsync of the
// directory) after every applied write.
#pragma once

#include <optional>
#include <string>

#include "state.hpp"

namespace thrive::standin {

// nullopt when the file does not exist; throws std::runtime_error when it
// exists but cannot be read or is not a stand-in state document.
std::optional<State> load_state_file(const std::string& path);

// Throws std::runtime_error on failure (the previous file is left intact).
void save_state_file(const std::string& path, const State& state);

}  // namespace thrive::standin
