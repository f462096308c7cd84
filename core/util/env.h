// Env: the one door through which core touches the file system (LevelDB's Env is the model).
//
// Every file operation of core goes through an Env so that tests can wrap it (EnvWrapper) and inject
// faults: an I/O error once or for good, a short write, ENOSPC, a crash before an fsync. SQLite files
// that core opens itself (the catalog, restore targets under verification) go through the shim VFS of
// envvfs.h, which asks the Env's SQLite hooks before each write and sync.
//
// Thread safety: Env methods may be called from any thread. A File's read and write may be called from
// several threads at once (positioned I/O, like pread/pwrite); its other methods from one at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "util/status.h"

namespace prescient {

enum class OpenMode {
    kRead,            // existing file, read only
    kReadWrite,       // existing file
    kCreateNew,       // must not exist yet (O_EXCL)
    kCreateTruncate,  // created or emptied
};

class File {
public:
    explicit File(std::string path) : m_path(std::move(path)) {}
    virtual ~File() = default;
    // Reads up to n bytes at offset into buf; *got receives how many were read. Fewer than n only at the
    // end of the file, and then the rest of buf is filled with zeros (SQLite's unixRead does the same).
    virtual Status read(uint64_t offset, void* buf, size_t n, size_t* got) = 0;
    // Writes all n bytes at offset or fails; a short write is an error naming the file.
    virtual Status write(uint64_t offset, const void* data, size_t n) = 0;
    virtual Status sync() = 0;
    virtual Status truncate(uint64_t size) = 0;
    virtual Result<uint64_t> size() = 0;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

// An exclusive lock on a file, held until this object is destroyed. The file's content is free text
// (who holds the lock); destruction removes the file.
class FileLock {
public:
    virtual ~FileLock() = default;
    virtual Status writeContent(const std::string& text) = 0;
};

struct FileInfo {
    enum class Kind { kFile, kDir, kOther };
    Kind kind = Kind::kOther;
    uint64_t size = 0;
};

class Env {
public:
    virtual ~Env() = default;
    // The process-wide POSIX environment. Never deleted.
    static Env* posix();

    virtual Result<std::unique_ptr<File>> open(const std::string& path, OpenMode mode) = 0;
    virtual Status rename(const std::string& from, const std::string& to) = 0;
    // NotFound when the path does not exist.
    virtual Status remove(const std::string& path) = 0;
    virtual Status syncDir(const std::string& dir) = 0;
    // Creates one folder; ok when it exists already as a folder.
    virtual Status createDir(const std::string& dir) = 0;
    // NotFound when missing.
    virtual Result<FileInfo> stat(const std::string& path) = 0;
    // Names (not paths) of the entries of dir, without "." and "..".
    virtual Result<std::vector<std::string>> listDir(const std::string& dir) = 0;
    // Takes an exclusive lock on path (created when missing). Busy when another holder has it; then
    // *holder receives the file's content. On success *holder receives the content left by the previous
    // holder ("" when there was none): a non-empty one means that holder died without releasing.
    virtual Result<std::unique_ptr<FileLock>> lock(const std::string& path, std::string* holder) = 0;

    // Hooks asked by the shim VFS (envvfs.h) before SQLite writes, truncates or syncs a file opened
    // through this Env. A failed Status fails SQLite's call with an I/O error (SQLITE_FULL for kNoSpace).
    virtual Status beforeSqliteWrite(const std::string& path, uint64_t offset, size_t n) { return Status::ok(); }
    virtual Status beforeSqliteSync(const std::string& path) { return Status::ok(); }
};

// Forwards everything to another Env; fault-injection envs derive from it and override a few methods.
class EnvWrapper : public Env {
public:
    explicit EnvWrapper(Env* target) : m_target(target) {}
    Env* target() const { return m_target; }
    Result<std::unique_ptr<File>> open(const std::string& p, OpenMode m) override { return m_target->open(p, m); }
    Status rename(const std::string& f, const std::string& t) override { return m_target->rename(f, t); }
    Status remove(const std::string& p) override { return m_target->remove(p); }
    Status syncDir(const std::string& d) override { return m_target->syncDir(d); }
    Status createDir(const std::string& d) override { return m_target->createDir(d); }
    Result<FileInfo> stat(const std::string& p) override { return m_target->stat(p); }
    Result<std::vector<std::string>> listDir(const std::string& d) override { return m_target->listDir(d); }
    Result<std::unique_ptr<FileLock>> lock(const std::string& p, std::string* h) override {
        return m_target->lock(p, h);
    }
    Status beforeSqliteWrite(const std::string& p, uint64_t o, size_t n) override {
        return m_target->beforeSqliteWrite(p, o, n);
    }
    Status beforeSqliteSync(const std::string& p) override { return m_target->beforeSqliteSync(p); }

private:
    Env* m_target;
};

// What a lock holder writes into its lock file (pid, host, since when), and the reverse: "pid 1234 on host
// db1 since 2026-11-21 10:00:00" from such content ("an unknown process" when empty).
std::string lockHolderContent();
std::string describeLockHolder(const std::string& content);

// Helpers built on an Env.
// Whole file as bytes; NotFound when missing.
Result<std::string> readWholeFile(Env* env, const std::string& path);
// Durable replace: writes path.tmp, fsyncs, renames over path, fsyncs the folder.
Status writeFileDurably(Env* env, const std::string& path, const std::string& data);
// Folder part of a path ("." when there is none).
std::string dirName(const std::string& path);
std::string joinPath(const std::string& a, const std::string& b);
// Absolute, normalised form of path (the file need not exist).
std::string absolutePath(const std::string& path);

}  // namespace prescient
