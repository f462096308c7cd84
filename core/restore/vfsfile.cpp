#include "restore/vfsfile.h"

#include <sqlite3.h>

#include <cstdlib>

namespace prescient::restore {

namespace {

class VfsFile : public File {
public:
    VfsFile(const std::string& path, sqlite3_filename name, sqlite3_file* f) : File(path), m_name(name), m_f(f) {}
    ~VfsFile() override {
        if (m_f->pMethods) m_f->pMethods->xClose(m_f);
        std::free(m_f);
        sqlite3_free_filename(m_name);
    }
    Status read(uint64_t offset, void* buf, size_t n, size_t* got) override {
        int rc = m_f->pMethods->xRead(m_f, buf, static_cast<int>(n), static_cast<sqlite3_int64>(offset));
        if (rc == SQLITE_OK) {
            *got = n;
            return Status::ok();
        }
        if (rc == SQLITE_IOERR_SHORT_READ) {  // the rest is zero-filled, as File promises
            sqlite3_int64 size = 0;
            m_f->pMethods->xFileSize(m_f, &size);
            *got = size > static_cast<sqlite3_int64>(offset) ? static_cast<size_t>(size - static_cast<sqlite3_int64>(offset)) : 0;
            return Status::ok();
        }
        return Status::ioError("reading " + path() + " (SQLite error " + std::to_string(rc) + ")");
    }
    Status write(uint64_t offset, const void* data, size_t n) override {
        int rc = m_f->pMethods->xWrite(m_f, data, static_cast<int>(n), static_cast<sqlite3_int64>(offset));
        if (rc == SQLITE_OK) return Status::ok();
        if (rc == SQLITE_FULL) return Status::noSpace("writing " + path() + ": no space left on device");
        return Status::ioError("writing " + path() + " (SQLite error " + std::to_string(rc) + ")");
    }
    Status sync() override {
        int rc = m_f->pMethods->xSync(m_f, SQLITE_SYNC_NORMAL);
        return rc == SQLITE_OK ? Status::ok() : Status::ioError("fsync of " + path() + " failed");
    }
    Status truncate(uint64_t size) override {
        int rc = m_f->pMethods->xTruncate(m_f, static_cast<sqlite3_int64>(size));
        return rc == SQLITE_OK ? Status::ok() : Status::ioError("truncating " + path() + " failed");
    }
    Result<uint64_t> size() override {
        sqlite3_int64 n = 0;
        if (m_f->pMethods->xFileSize(m_f, &n) != SQLITE_OK) return Status::ioError("size of " + path());
        return static_cast<uint64_t>(n);
    }

private:
    sqlite3_filename m_name;  // must outlive the open file
    sqlite3_file* m_f;
};

}  // namespace

Result<std::unique_ptr<File>> openThroughUnixVfs(const std::string& path, bool writable) {
    sqlite3_vfs* unix = sqlite3_vfs_find("unix");
    if (!unix) return Status::ioError("SQLite has no unix VFS to open " + path);
    std::string full(unix->mxPathname + 1, '\0');
    if (unix->xFullPathname(unix, path.c_str(), unix->mxPathname + 1, full.data()) != SQLITE_OK)
        return Status::ioError("cannot resolve " + path);
    sqlite3_filename name = sqlite3_create_filename(full.c_str(), "", "", 0, nullptr);
    auto* f = static_cast<sqlite3_file*>(std::calloc(1, unix->szOsFile));
    if (!name || !f) {
        sqlite3_free_filename(name);
        std::free(f);
        return Status::ioError("out of memory opening " + path);
    }
    int out = 0;
    int flags = SQLITE_OPEN_MAIN_DB | (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);
    int rc = unix->xOpen(unix, name, f, flags, &out);
    if (rc != SQLITE_OK) {
        if (f->pMethods) f->pMethods->xClose(f);
        std::free(f);
        sqlite3_free_filename(name);
        if (rc == SQLITE_CANTOPEN) return Status::notFound("cannot open " + path + " (missing, or no permission)");
        return Status::ioError("cannot open " + path + " (SQLite error " + std::to_string(rc) + ")");
    }
    return std::unique_ptr<File>(new VfsFile(path, name, f));
}

}  // namespace prescient::restore
