// The seeded tenant: a realistic, deterministic data set (see seed_facts.hpp
// for what tests may rely on). Same seed, same state, byte for byte.
#pragma once

#include <cstdint>

#include "state.hpp"

namespace thrive::standin {

State make_seed_state(std::uint32_t seed);

}  // namespace thrive::standin
