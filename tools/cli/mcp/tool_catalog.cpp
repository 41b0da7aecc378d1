#include "mcp/tool_catalog.hpp"

#include "mcp/input_schema.hpp"
#include "mcp/output_schema.hpp"

#include <stdexcept>

namespace thrive::cli::mcp {
namespace {

constexpr std::string_view kCursorPrefix = "tools-from-";

std::string text_of(const json::object& o, std::string_view key) {
    if (auto v = o.if_contains(key); v && v->is_string()) return std::string(v->as_string());
    return "";
}

bool hint(const json::object& descriptor, std::string_view key) {
    auto hints = descriptor.if_contains("hints");
    if (!hints || !hints->is_object()) return false;
    auto v = hints->as_object().if_contains(key);
    return v && v->is_bool() && v->as_bool();
}

}  // namespace

ToolCatalog::ToolCatalog(const std::string& tools_json, std::size_t page_size) : page_size_(page_size) {
    boost::system::error_code ec;
    json::value parsed = json::parse(tools_json, ec);
    if (ec || !parsed.is_array()) throw std::runtime_error("the plugin's tool list is not a JSON array");
    for (const auto& d : parsed.as_array()) {
        if (!d.is_object()) continue;
        const auto& descriptor = d.as_object();
        std::string id = text_of(descriptor, "id");
        if (id.empty() || descriptors_.count(id)) continue;
        ids_.push_back(id);
        descriptors_[id] = descriptor;
        input_schemas_[id] = input_schema(descriptor);
        const json::value* documented = nullptr;
        if (auto out = descriptor.if_contains("output"); out && out->is_object())
            documented = out->as_object().if_contains("schema");
        output_schemas_[id] = output_schema(documented ? *documented : json::value());
        for (const auto& name : mcp::operator_parameters(descriptor)) operator_parameters_.insert(name);
    }
    // The shared definitions name these three; keep them refused even if a
    // descriptor ever forgot its operator flag.
    for (const char* name : {"tenantId", "apiKey", "host"}) operator_parameters_.insert(name);
}

json::object ToolCatalog::tool(const std::string& name, const ProtocolFeatures& features) const {
    const json::object& d = descriptors_.at(name);
    json::object tool{{"name", name}};
    std::string title = text_of(d, "title");
    if (features.tool_title && !title.empty()) tool["title"] = title;
    tool["description"] = text_of(d, "description");
    tool["inputSchema"] = input_schemas_.at(name);
    if (features.structured_output) tool["outputSchema"] = output_schemas_.at(name);
    if (features.tool_annotations) {
        json::object annotations;
        if (!title.empty()) annotations["title"] = title;
        annotations["readOnlyHint"] = hint(d, "readOnly");
        annotations["destructiveHint"] = hint(d, "destructive");
        annotations["idempotentHint"] = hint(d, "idempotent");
        annotations["openWorldHint"] = true;  // it talks to a remote service
        tool["annotations"] = std::move(annotations);
    }
    return tool;
}

std::optional<ToolPage> ToolCatalog::page(const std::optional<std::string>& cursor,
                                          const ProtocolFeatures& features) const {
    std::size_t start = 0;
    if (cursor) {
        if (cursor->rfind(kCursorPrefix, 0) != 0) return std::nullopt;
        std::string digits = cursor->substr(kCursorPrefix.size());
        if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        start = std::stoul(digits);
        if (start == 0 || start >= ids_.size()) return std::nullopt;
    }
    std::size_t end = page_size_ == 0 ? ids_.size() : std::min(ids_.size(), start + page_size_);
    ToolPage page;
    for (std::size_t i = start; i < end; ++i) page.tools.push_back(tool(ids_[i], features));
    if (end < ids_.size()) page.next_cursor = std::string(kCursorPrefix) + std::to_string(end);
    return page;
}

}  // namespace thrive::cli::mcp
