// CallToolResult from the plugin's result envelope:
//   success -> content [{type: text, text: <output JSON>}] and, where the
//              revision has it, structuredContent = the output object;
//   failure -> isError: true and a text naming the field or the HTTP status
//              and error code; never structuredContent.
#pragma once

#include <boost/json.hpp>

#include <set>
#include <string>
#include <string_view>

namespace thrive::cli::mcp {

boost::json::object call_result(std::string_view tool, std::string_view envelope_json, bool structured);

// A tool error result with this text.
boost::json::object error_result(const std::string& text);

// The first argument that is an operator setting (compared without regard
// to case), or "" when there is none.
std::string operator_argument(const boost::json::object& arguments, const std::set<std::string>& operator_names);

// The refusal for an agent that tried to set an operator setting.
boost::json::object operator_refusal(const std::string& field);

}  // namespace thrive::cli::mcp
