// The optional JSON state file: loaded at start when present, rewritten
// atomically (temporary file in the same directory, fsync, rename, fsync of the
// directory) after every applied write.
#pragma once

#include <optional>
#include <string>

#include "state.hpp"

namespace thrive::standin {

// nullopt when the file does not exist; throws std::runtime_error when it
// exists but cannot be read or is not a stand-in state document.
std::optional<State> load_state_file(const std::string& path);

// Throws std::runtime_error on failure (the previous file is left intact).
void save_state_file(const std::string& path, const State& state);

// Identity of the file's current contents (inode, size, modification time),
// so a process can tell whether another one has saved since it last looked.
struct FileStamp {
    unsigned long long device = 0, inode = 0, size = 0, mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};
std::optional<FileStamp> stamp_of(const std::string& path);

// Several processes may serve the same state file (every `thrive call` with
// the embedded stand-in, a long-running `thrive mcp`). Each request holds
// this exclusive lock on "<path>.lock" while it reloads, applies and saves,
// so no write is lost and no id is handed out twice.
class StateFileLock {
public:
    explicit StateFileLock(const std::string& state_path);  // blocks; throws on failure
    ~StateFileLock();
    StateFileLock(const StateFileLock&) = delete;
    StateFileLock& operator=(const StateFileLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace thrive::standin
