// Typed view of one action schema (see schemas/README.md for the format).
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace thrive::registry {

enum class ParamType { string, number, integer, boolean };
enum class DateFormat { none, iso8601, datetime_space, datetime_t };
enum class RuleKind { required_unless, requires_other, overrides };
enum class OutputMapping { record, page, list, success, bulk, status, body };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::string;
    bool required = false;
    bool operator_setting = false;  // tenantId, apiKey, host
    std::string description;
    std::vector<std::string> enum_values;
    std::vector<std::string> csv_enum;
    std::optional<double> minimum, maximum;
    std::optional<std::size_t> min_length, max_length;
    DateFormat format = DateFormat::none;
    std::optional<boost::json::value> json_schema;  // JSON-string fields
};

struct RuleSpec {
    RuleKind kind;
    std::string field;
    std::string other;
    boost::json::value equals;
};

struct HttpSpec {
    std::string method;
    std::string version;
    std::string path;
    std::vector<std::string> query;
    std::optional<boost::json::value> body;  // template
};

struct OutputSpec {
    OutputMapping mapping = OutputMapping::record;
    std::string key;
    boost::json::value schema;
};

struct ToolSpec {
    std::string id, title, description, group;
    bool read_only = false, destructive = false, idempotent = false;
    std::vector<ParamSpec> inputs;
    std::vector<RuleSpec> rules;
    HttpSpec http;
    OutputSpec output;
    std::string descriptor_json;  // the resolved schema, handed to hosts

    const ParamSpec* find_param(std::string_view name) const;
};

}  // namespace thrive::registry
