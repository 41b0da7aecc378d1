#include "mcp/message_writer.hpp"

#include <cerrno>
#include <unistd.h>

namespace thrive::cli::mcp {

void MessageWriter::add_secret(const std::string& secret) {
    if (secret.size() < 8) return;
    std::lock_guard lock(mutex_);
    secrets_.push_back(secret);
    // The same secret as it would appear inside a JSON string.
    std::string quoted = boost::json::serialize(boost::json::value(secret));
    std::string escaped = quoted.substr(1, quoted.size() - 2);
    if (escaped != secret) secrets_.push_back(escaped);
}

std::string MessageWriter::redact(std::string line) const {
    for (const auto& secret : secrets_) {
        for (auto at = line.find(secret); at != std::string::npos; at = line.find(secret, at))
            line.replace(at, secret.size(), "[redacted]");
    }
    return line;
}

bool MessageWriter::write(const boost::json::value& message) {
    std::string line = boost::json::serialize(message);
    std::lock_guard lock(mutex_);
    if (broken_) return false;
    line = redact(std::move(line));
    line += '\n';
    const char* data = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        ssize_t n = ::write(fd_, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            broken_ = true;  // EPIPE and friends: the client is gone
            return false;
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

bool MessageWriter::broken() const {
    std::lock_guard lock(mutex_);
    return broken_;
}

}  // namespace thrive::cli::mcp
