// The table thrive-codegen writes into the build tree: one entry per action,
// with the action's resolved, build-checked schema as JSON text.
#pragma once

namespace thrive::registry {

struct GeneratedTool {
    const char* id;
    const char* spec_json;
};

const GeneratedTool* generated_tools_begin();
const GeneratedTool* generated_tools_end();

}  // namespace thrive::registry
