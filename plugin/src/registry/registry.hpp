// The compiled set of tools, built once from the generated table.
#pragma once

#include "registry/tool_spec.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace thrive::registry {

class Registry {
public:
    // Parsed on first use; thread-safe. Throws only if the generated table is
    // corrupt, which the build-time checks rule out.
    static const Registry& instance();

    const std::vector<ToolSpec>& tools() const { return tools_; }
    const ToolSpec* find(std::string_view id) const;
    const std::string& tools_json() const { return tools_json_; }  // JSON array of descriptors

private:
    Registry();
    std::vector<ToolSpec> tools_;
    std::string tools_json_;
};

}  // namespace thrive::registry
