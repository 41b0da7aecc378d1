#include "persistence.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace thrive::standin {
namespace {

std::runtime_error sys_error(const std::string& what, const std::string& path) {
    return std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

std::string directory_of(const std::string& path) {
    auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

void write_all(int fd, const std::string& data, const std::string& path) {
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw sys_error("cannot write", path);
        }
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

std::optional<State> load_state_file(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return std::nullopt;
        throw sys_error("cannot stat state file", path);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw sys_error("cannot open state file", path);
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    json::value doc = json::parse(text.str(), ec);
    if (ec) throw std::runtime_error("state file " + path + " is not valid JSON: " + ec.message());
    try {
        return State::from_json(doc);
    } catch (const std::exception& e) {
        throw std::runtime_error("state file " + path + ": " + e.what());
    }
}

void save_state_file(const std::string& path, const State& state) {
    std::string data = json::serialize(state.to_json());
    data.push_back('\n');
    static std::atomic<unsigned> sequence{0};
    std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(++sequence);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw sys_error("cannot create", tmp);
    try {
        write_all(fd, data, tmp);
        if (::fsync(fd) != 0) throw sys_error("cannot fsync", tmp);
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        throw sys_error("cannot close", tmp);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw sys_error("cannot rename onto", path);
    }
    int dir = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

std::optional<FileStamp> stamp_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    FileStamp stamp;
    stamp.device = static_cast<unsigned long long>(st.st_dev);
    stamp.inode = static_cast<unsigned long long>(st.st_ino);
    stamp.size = static_cast<unsigned long long>(st.st_size);
    stamp.mtime_ns = static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL +
                     static_cast<unsigned long long>(st.st_mtim.tv_nsec);
    return stamp;
}

StateFileLock::StateFileLock(const std::string& state_path) {
    std::string lock_path = state_path + ".lock";
    fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw sys_error("cannot open the lock file", lock_path);
    while (::flock(fd_, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        int saved = errno;
        ::close(fd_);
        errno = saved;
        throw sys_error("cannot lock", lock_path);
    }
}

StateFileLock::~StateFileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace thrive::standin
