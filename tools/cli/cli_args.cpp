#include "cli_args.hpp"

namespace thrive::cli {

Args::Args(const std::vector<std::string>& words, const std::set<std::string>& value_flags,
           const std::set<std::string>& switches) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w.size() < 3 || w.rfind("--", 0) != 0) {
            positionals_.push_back(w);
            continue;
        }
        std::string name = w.substr(2), value;
        bool inline_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inline_value = true;
        }
        if (switches.count(name)) {
            if (inline_value) throw UsageError("--" + name + " takes no value");
            switches_set_.insert(name);
        } else if (value_flags.count(name)) {
            if (!inline_value) {
                if (i + 1 >= words.size()) throw UsageError("--" + name + " needs a value");
                value = words[++i];
            }
            values_[name] = value;
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::optional<std::string> Args::value(const std::string& flag) const {
    auto it = values_.find(flag);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

bool Args::has(const std::string& flag) const { return switches_set_.count(flag) || values_.count(flag); }

}  // namespace thrive::cli
