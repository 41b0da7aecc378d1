#include "mcp/protocol_version.hpp"

#include <algorithm>

namespace thrive::cli::mcp {

const std::vector<std::string>& supported_protocol_versions() {
    static const std::vector<std::string> versions = {std::string(kLatestProtocolVersion), "2025-06-18", "2025-03-26",
                                                      "2024-11-05"};
    return versions;
}

std::string negotiate_protocol_version(std::string_view requested) {
    const auto& versions = supported_protocol_versions();
    if (std::find(versions.begin(), versions.end(), requested) != versions.end()) return std::string(requested);
    return std::string(kLatestProtocolVersion);
}

ProtocolFeatures features_of(std::string_view version) {
    // Revisions are dates, so they compare as strings.
    ProtocolFeatures f;
    f.tool_annotations = version >= "2025-03-26";
    f.instructions = version >= "2025-03-26";
    f.batches = version == "2025-03-26";
    f.tool_title = version >= "2025-06-18";
    f.structured_output = version >= "2025-06-18";
    f.server_description = version >= "2025-11-25";
    return f;
}

}  // namespace thrive::cli::mcp
