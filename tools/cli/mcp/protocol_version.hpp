// MCP protocol revisions this server speaks, the negotiation rule, and what
// each revision allows in messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace thrive::cli::mcp {

inline constexpr std::string_view kLatestProtocolVersion = "2025-11-25";

// Newest first.
const std::vector<std::string>& supported_protocol_versions();

// The client's requested revision when supported, else the latest.
std::string negotiate_protocol_version(std::string_view requested);

// What a negotiated revision permits in the messages we send.
struct ProtocolFeatures {
    bool tool_annotations = false;    // Tool.annotations (2025-03-26)
    bool instructions = false;        // InitializeResult.instructions (2025-03-26)
    bool batches = false;             // JSON-RPC batches (2025-03-26 only; removed in 2025-06-18)
    bool tool_title = false;          // Tool.title, Implementation.title (2025-06-18)
    bool structured_output = false;   // Tool.outputSchema, CallToolResult.structuredContent (2025-06-18)
    bool server_description = false;  // Implementation.description (2025-11-25)
};

ProtocolFeatures features_of(std::string_view version);

}  // namespace thrive::cli::mcp
