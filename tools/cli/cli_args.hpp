// Command-line words: positionals and --flag VALUE / --flag=VALUE / --switch.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace thrive::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Args {
public:
    // `switches` take no value; every other --flag takes one. Unknown flags
    // are a UsageError naming them.
    Args(const std::vector<std::string>& words, const std::set<std::string>& value_flags,
         const std::set<std::string>& switches);

    const std::vector<std::string>& positionals() const { return positionals_; }
    std::optional<std::string> value(const std::string& flag) const;
    bool has(const std::string& flag) const;

private:
    std::vector<std::string> positionals_;
    std::map<std::string, std::string> values_;
    std::set<std::string> switches_set_;
};

}  // namespace thrive::cli
