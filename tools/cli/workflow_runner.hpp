// Runs a parsed workflow through a plugin instance, printing each block's
// result for a person; stops at the first failing block.
#pragma once

#include "plugin_loader.hpp"
#include "workflow.hpp"

#include <ostream>

namespace thrive::cli {

struct RunOptions {
    bool dry_run = false;  // validate and build every request, send nothing;
                           // references to earlier outputs become "<path>"
    bool verbose = false;  // print each block's whole output
};

// Returns 0 when every block succeeded (and met its "expect"), else 1.
int run_workflow(const Instance& instance, const Workflow& workflow, std::ostream& out, const RunOptions& options);

// One line saying what a tool's output holds ("user 64ab… ref NS-1", "12 results").
std::string summarize_output(const boost::json::value& output);

}  // namespace thrive::cli
