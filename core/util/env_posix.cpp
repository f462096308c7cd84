// The POSIX Env: pread/pwrite, fdatasync, rename, folder fsync, OFD advisory locks.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <cerrno>
#include <ctime>
#include <cstring>
#include <mutex>

#include "util/env.h"

namespace prescient {

namespace {

class PosixFile : public File {
public:
    PosixFile(std::string path, int fd) : File(std::move(path)), m_fd(fd) {}
    ~PosixFile() override { ::close(m_fd); }

    Status read(uint64_t offset, void* buf, size_t n, size_t* got) override {
        auto* p = static_cast<char*>(buf);
        size_t done = 0;
        while (done < n) {
            ssize_t r = ::pread(m_fd, p + done, n - done, static_cast<off_t>(offset + done));
            if (r < 0) {
                if (errno == EINTR) continue;
                *got = done;
                return Status::fromErrno(errno, "read " + path());
            }
            if (r == 0) break;
            done += static_cast<size_t>(r);
        }
        if (done < n) std::memset(p + done, 0, n - done);
        *got = done;
        return Status::ok();
    }

    Status write(uint64_t offset, const void* data, size_t n) override {
        const auto* p = static_cast<const char*>(data);
        size_t done = 0;
        while (done < n) {
            ssize_t r = ::pwrite(m_fd, p + done, n - done, static_cast<off_t>(offset + done));
            if (r < 0) {
                if (errno == EINTR) continue;
                return Status::fromErrno(errno, "write " + path());
            }
            if (r == 0) return Status::ioError("write " + path() + ": short write");
            done += static_cast<size_t>(r);
        }
        return Status::ok();
    }

    Status sync() override {
        if (::fdatasync(m_fd) != 0) return Status::fromErrno(errno, "fsync " + path());
        return Status::ok();
    }

    Status truncate(uint64_t size) override {
        if (::ftruncate(m_fd, static_cast<off_t>(size)) != 0) return Status::fromErrno(errno, "truncate " + path());
        return Status::ok();
    }

    Result<uint64_t> size() override {
        struct stat st;
        if (::fstat(m_fd, &st) != 0) return Status::fromErrno(errno, "stat " + path());
        return static_cast<uint64_t>(st.st_size);
    }

private:
    int m_fd;
};

class PosixFileLock : public FileLock {
public:
    PosixFileLock(std::string path, int fd) : m_path(std::move(path)), m_fd(fd) {}
    ~PosixFileLock() override {
        // Unlink first: a process that opens the path afterwards gets a new file and a free lock.
        ::unlink(m_path.c_str());
        ::close(m_fd);
    }
    Status writeContent(const std::string& text) override {
        if (::ftruncate(m_fd, 0) != 0) return Status::fromErrno(errno, "truncate " + m_path);
        if (::pwrite(m_fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
            return Status::fromErrno(errno, "write " + m_path);
        if (::fdatasync(m_fd) != 0) return Status::fromErrno(errno, "fsync " + m_path);
        return Status::ok();
    }

private:
    std::string m_path;
    int m_fd;
};

std::string readAllFd(int fd) {
    std::string out;
    char buf[4096];
    off_t off = 0;
    for (;;) {
        ssize_t r = ::pread(fd, buf, sizeof buf, off);
        if (r <= 0) break;
        out.append(buf, static_cast<size_t>(r));
        off += r;
        if (out.size() > 65536) break;
    }
    return out;
}

class PosixEnv : public Env {
public:
    Result<std::unique_ptr<File>> open(const std::string& path, OpenMode mode) override {
        int flags = O_CLOEXEC;
        switch (mode) {
            case OpenMode::kRead:
                flags |= O_RDONLY;
                break;
            case OpenMode::kReadWrite:
                flags |= O_RDWR;
                break;
            case OpenMode::kCreateNew:
                flags |= O_RDWR | O_CREAT | O_EXCL;
                break;
            case OpenMode::kCreateTruncate:
                flags |= O_RDWR | O_CREAT | O_TRUNC;
                break;
        }
        int fd = ::open(path.c_str(), flags, 0644);
        if (fd < 0) {
            int err = errno;
            if (err == EEXIST) return Status::invalidArgument(path + " already exists");
            return Status::fromErrno(err, "open " + path);
        }
        struct stat st;
        if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            ::close(fd);
            return Status::invalidArgument(path + " is a folder, not a file");
        }
        return std::unique_ptr<File>(new PosixFile(path, fd));
    }

    Status rename(const std::string& from, const std::string& to) override {
        if (::rename(from.c_str(), to.c_str()) != 0) return Status::fromErrno(errno, "rename " + from + " to " + to);
        return Status::ok();
    }

    Status remove(const std::string& path) override {
        if (::unlink(path.c_str()) != 0) return Status::fromErrno(errno, "remove " + path);
        return Status::ok();
    }

    Status syncDir(const std::string& dir) override {
        int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return Status::fromErrno(errno, "open folder " + dir);
        int rc = ::fsync(fd);
        int err = errno;
        ::close(fd);
        if (rc != 0) return Status::fromErrno(err, "fsync folder " + dir);
        return Status::ok();
    }

    Status createDir(const std::string& dir) override {
        if (::mkdir(dir.c_str(), 0755) == 0) return Status::ok();
        int err = errno;
        struct stat st;
        if (err == EEXIST && ::stat(dir.c_str(), &st) == 0) {
            if (S_ISDIR(st.st_mode)) return Status::ok();
            return Status::invalidArgument(dir + " exists and is not a folder");
        }
        return Status::fromErrno(err, "create folder " + dir);
    }

    Result<FileInfo> stat(const std::string& path) override {
        struct stat st;
        if (::stat(path.c_str(), &st) != 0) return Status::fromErrno(errno, "stat " + path);
        FileInfo fi;
        fi.kind = S_ISREG(st.st_mode)   ? FileInfo::Kind::kFile
                  : S_ISDIR(st.st_mode) ? FileInfo::Kind::kDir
                                        : FileInfo::Kind::kOther;
        fi.size = static_cast<uint64_t>(st.st_size);
        return fi;
    }

    Result<std::vector<std::string>> listDir(const std::string& dir) override {
        DIR* d = ::opendir(dir.c_str());
        if (!d) return Status::fromErrno(errno, "list folder " + dir);
        std::vector<std::string> names;
        while (struct dirent* e = ::readdir(d)) {
            std::string n = e->d_name;
            if (n != "." && n != "..") names.push_back(n);
        }
        ::closedir(d);
        return names;
    }

    Result<std::unique_ptr<FileLock>> lock(const std::string& path, std::string* holder) override {
        for (int attempt = 0; attempt < 10; ++attempt) {
            int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
            if (fd < 0) return Status::fromErrno(errno, "open lock " + path);
            struct flock fl {};
            fl.l_type = F_WRLCK;
            fl.l_whence = SEEK_SET;
            // Open-file-description locks: held per open file, so they also keep two Repository objects
            // of one process apart, and the kernel drops them when the holder dies.
            if (::fcntl(fd, F_OFD_SETLK, &fl) != 0) {
                int err = errno;
                *holder = readAllFd(fd);
                ::close(fd);
                if (err == EAGAIN || err == EACCES) return Status::busy("lock " + path + " is held");
                return Status::fromErrno(err, "lock " + path);
            }
            // The holder may have unlinked the file between our open and our lock: retry on the new one.
            struct stat a, b;
            if (::fstat(fd, &a) != 0 || ::stat(path.c_str(), &b) != 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
                ::close(fd);
                continue;
            }
            *holder = readAllFd(fd);
            return std::unique_ptr<FileLock>(new PosixFileLock(path, fd));
        }
        return Status::busy("lock " + path + " keeps changing hands");
    }
};

}  // namespace

Env* Env::posix() {
    static PosixEnv* env = new PosixEnv;
    return env;
}

Result<std::string> readWholeFile(Env* env, const std::string& path) {
    auto f = env->open(path, OpenMode::kRead);
    if (!f.isOk()) return f.status();
    auto size = (*f)->size();
    if (!size.isOk()) return size.status();
    std::string data(size.value(), '\0');
    size_t got = 0;
    PRESCIENT_RETURN_IF_ERROR((*f)->read(0, data.data(), data.size(), &got));
    data.resize(got);
    return data;
}

Status writeFileDurably(Env* env, const std::string& path, const std::string& data) {
    std::string tmp = path + ".tmp";
    {
        auto f = env->open(tmp, OpenMode::kCreateTruncate);
        if (!f.isOk()) return f.status();
        Status s = (*f)->write(0, data.data(), data.size());
        if (s.isOk()) s = (*f)->sync();
        if (!s.isOk()) {
            (void)env->remove(tmp);
            return s;
        }
    }
    PRESCIENT_RETURN_IF_ERROR(env->rename(tmp, path));
    return env->syncDir(dirName(path));
}

std::string dirName(const std::string& path) {
    auto pos = path.find_last_of('/');
    if (pos == std::string::npos) return ".";
    if (pos == 0) return "/";
    return path.substr(0, pos);
}

std::string joinPath(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (a.back() == '/') return a + b;
    return a + "/" + b;
}

std::string absolutePath(const std::string& path) {
    boost::system::error_code ec;
    auto p = boost::filesystem::absolute(path).lexically_normal();
    std::string s = p.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    if (s.size() > 2 && s.substr(s.size() - 2) == "/.") s.resize(s.size() - 2);
    return s;
}

std::string lockHolderContent() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) std::strcpy(host, "?");
    std::time_t t = std::time(nullptr);
    char when[64];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", std::localtime(&t));
    return "pid=" + std::to_string(::getpid()) + "\nhost=" + host + "\nsince=" + when + "\n";
}

std::string describeLockHolder(const std::string& content) {
    auto field = [&](const std::string& key) {
        auto pos = content.find(key + "=");
        if (pos == std::string::npos) return std::string("?");
        auto end = content.find('\n', pos);
        return content.substr(pos + key.size() + 1,
                              end == std::string::npos ? std::string::npos : end - pos - key.size() - 1);
    };
    if (content.empty()) return "an unknown process";
    return "pid " + field("pid") + " on host " + field("host") + " since " + field("since");
}

}  // namespace prescient
