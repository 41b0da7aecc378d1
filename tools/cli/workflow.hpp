// A workflow file: blocks run in sequence, each a tool with parameters that
// may reference earlier blocks' outputs. This is how the plugin is laid out
// as blocks in a visual workflow, made runnable from a file.
//
// {
//   "name": "...", "description": "...",
//   "vars": {"course": "elearning"},
//   "blocks": [
//     {"id": "starter", "tool": "thrive_create_user", "title": "Create the starter",
//      "params": {"ref": "NS-{{run.id}}", ...}},
//     {"id": "tag", "tool": "thrive_add_user_tags",
//      "params": {"userId": "{{starter.user.id}}", "tags": ["onboarding"]},
//      "expect": {"status": 200}, "show": "tagged {{starter.user.ref}}"}
//   ]
// }
//
// "{{a.b.0.c}}" alone in a string is replaced by the referenced value with its
// type; inside other text it is spliced in as text. Roots: a block id (its
// output), "vars", and "run" (run.id: unique per run, run.now / run.today:
// the current UTC date-time / date; run.nowSpace: "YYYY-MM-DD hh:mm:ss").
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace thrive::cli {

struct WorkflowError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Block {
    std::string id;
    std::string tool;
    std::string title;
    boost::json::object params;  // with {{references}} unresolved
    boost::json::object expect;  // path -> expected value
    std::string show;            // optional template printed after the block
};

struct Workflow {
    std::string name;
    std::string description;
    boost::json::object vars;
    std::vector<Block> blocks;
};

// Throws WorkflowError naming the block and key on a malformed file,
// including references to blocks that do not come earlier.
Workflow parse_workflow(const std::string& json_text);

// `scope` maps roots (block ids, "vars", "run") to values. With
// `placeholders`, a reference that cannot be resolved becomes the text
// "<path>" instead of an error (dry runs have no real outputs to refer to).
boost::json::value resolve_references(const boost::json::value& v, const boost::json::object& scope,
                                      bool placeholders = false);

// Looks up "a.b.0.c" in scope; throws WorkflowError if it does not exist.
boost::json::value lookup_path(const boost::json::object& scope, const std::string& path);

}  // namespace thrive::cli
