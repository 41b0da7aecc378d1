// The demo workflow (tools/workflows/onboarding-compliance.json), compiled
// into the program so `thrive demo` works from anywhere.
#pragma once

#include <string>

namespace thrive::cli {

std::string demo_workflow_json();

}  // namespace thrive::cli
