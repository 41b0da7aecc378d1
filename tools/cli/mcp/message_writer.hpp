// The protocol channel: one JSON message per line on a file descriptor,
// written whole under a mutex so that lines from the reader thread and from
// plugin worker threads never interleave. Nothing but protocol messages goes
// through it. Known secrets are blanked out of every line as a last guard.
#pragma once

#include <boost/json.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace thrive::cli::mcp {

class MessageWriter {
public:
    explicit MessageWriter(int fd) : fd_(fd) {}

    // A value that must never leave the process (the API key). Values shorter
    // than 8 characters are not blanked: they would hit ordinary data.
    void add_secret(const std::string& secret);

    // Writes the message and a newline. False once the peer has gone (the
    // message is dropped; later writes are dropped too).
    bool write(const boost::json::value& message);

    bool broken() const;

private:
    std::string redact(std::string line) const;

    mutable std::mutex mutex_;
    int fd_;
    bool broken_ = false;
    std::vector<std::string> secrets_;
};

}  // namespace thrive::cli::mcp
