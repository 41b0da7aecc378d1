// The plugin's tools as MCP Tool objects: name = action id, title,
// description, inputSchema, outputSchema (2025-06-18+), annotations
// (2025-03-26+). Built once from the plugin's descriptors; listed in pages.
#pragma once

#include "mcp/protocol_version.hpp"

#include <boost/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace thrive::cli::mcp {

namespace json = boost::json;

struct ToolPage {
    json::array tools;
    std::optional<std::string> next_cursor;
};

class ToolCatalog {
public:
    // tools_json: the plugin's tools_json() array. page_size 0 = one page.
    explicit ToolCatalog(const std::string& tools_json, std::size_t page_size = 0);

    std::size_t size() const { return ids_.size(); }
    bool contains(const std::string& name) const { return descriptors_.count(name) > 0; }

    // The operator settings of any tool (tenantId, apiKey, host): never an
    // agent's to set.
    const std::set<std::string>& operator_parameters() const { return operator_parameters_; }

    // One page from an opaque cursor (nullopt = the first page); nullopt when
    // the cursor is not one this catalog gave out.
    std::optional<ToolPage> page(const std::optional<std::string>& cursor, const ProtocolFeatures& features) const;

    // One tool as MCP describes it, for the given revision.
    json::object tool(const std::string& name, const ProtocolFeatures& features) const;

private:
    std::vector<std::string> ids_;  // in the plugin's order
    std::map<std::string, json::object> descriptors_;
    std::map<std::string, json::object> input_schemas_;
    std::map<std::string, json::object> output_schemas_;
    std::set<std::string> operator_parameters_;
    std::size_t page_size_;
};

}  // namespace thrive::cli::mcp
