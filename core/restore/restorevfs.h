// The `prescient` SQLite VFS: how applications read (and, in the restoring process, write) a target that
// is still being restored (DESIGN.md §2, "Instant restore"). For each main database file opened through it:
//   - when this process runs the target's restore (a PageServer registered with registerPageServer), the
//     server handles every read, write, truncate, sync and unlock of the main file: tiers 1-3, writes
//     that the restorer must never overwrite, page 1 kept off the disk until the end;
//   - else, when the restore state `TARGET.prescient` beside it says "restoring", a reader serves it from
//     that state (restored pages from the target, page 1 from the state, other pages fetched from the
//     repository or the origin), and posts the pages it had to fetch to the restoring process. The file is
//     opened read-only: a write fails with "attempt to write a readonly database";
//   - else (no restore, or a finished one) everything passes through to the default VFS.
// Journals, WAL and shared-memory files always pass through. Built into prescient_core and, on its own,
// into the loadable extension prescient_vfs (restore/extension.cpp).
//
// Thread safety: as any SQLite VFS; servers must be thread-safe.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "util/status.h"

namespace prescient::restore {

inline constexpr const char* kRestoreVfsName = "prescient";

// Serves the main file of one target. Each call gets the real (default-VFS) file of the connection and
// returns an SQLite result code.
class PageServer {
public:
    virtual ~PageServer() = default;
    virtual int read(sqlite3_file* real, void* buf, int n, sqlite3_int64 off) = 0;
    virtual int write(sqlite3_file* real, const void* buf, int n, sqlite3_int64 off) = 0;
    virtual int truncate(sqlite3_file* real, sqlite3_int64 size) = 0;
    virtual int sync(sqlite3_file* real, int flags) = 0;
    // Before SQLite lowers its lock to `level`: a finished write transaction is about to become visible
    // to other connections (the moment to publish state they read, such as page 1).
    virtual void beforeUnlock(int /*level*/) {}
    // Opened read-only whatever the application asked.
    virtual bool readOnly() const = 0;
    // A query on this target finished (see noteQueryServed).
    virtual void noteQuery(uint64_t /*nanos*/) {}
};

namespace detail {
// Splits a read of [off, off + n) into whole pages and calls page(pgno, buffer) for each (an SQLite result
// code; buffer: the caller's when the read is one aligned page, else a scratch page), then copies the
// slices. Offsets beyond the file are the server's business.
template <typename PageFn>
int readPages(void* buf, int n, sqlite3_int64 off, uint32_t pageSize, PageFn&& page) {
    if (n == static_cast<int>(pageSize) && off % pageSize == 0)
        return page(static_cast<uint32_t>(off / pageSize) + 1, static_cast<char*>(buf));
    thread_local std::string scratch;
    scratch.resize(pageSize);
    auto* out = static_cast<char*>(buf);
    sqlite3_int64 pos = off;
    int result = SQLITE_OK;  // a short read (past the end: zeros) of one page makes the whole read short
    while (pos < off + n) {
        auto pgno = static_cast<uint32_t>(pos / pageSize) + 1;
        sqlite3_int64 pageStart = static_cast<sqlite3_int64>(pgno - 1) * pageSize;
        int rc = page(pgno, scratch.data());
        if (rc == SQLITE_IOERR_SHORT_READ)
            result = rc;
        else if (rc != SQLITE_OK)
            return rc;
        sqlite3_int64 from = pos - pageStart;
        sqlite3_int64 len = std::min<sqlite3_int64>(pageSize - from, off + n - pos);
        std::memcpy(out + (pos - off), scratch.data() + from, static_cast<size_t>(len));
        pos += len;
    }
    return result;
}
}  // namespace detail

// Registers the VFS once per process (later calls only change makeDefault when true). Returns its name.
const char* registerRestoreVfs(bool makeDefault = false);
// In this process, opens of target go to server (null removes it). target: the path as given; it is
// resolved the way SQLite resolves names. Open files keep their server alive.
void registerPageServer(const std::string& target, std::shared_ptr<PageServer> server);

// What last went wrong serving a page on this thread (SQLite only sees SQLITE_IOERR_READ): ok if nothing.
// Per thread, so a query reads the failure of its own reads, not another query's or a restore worker's.
Status lastServeError();
void setLastServeError(const Status& s);

// For queries run through the VFS: note one finished query on target (its restore's "queries served" and
// time to first query; a reader posts it to the restoring process). No effect when nothing restores it.
void noteQueryServed(const std::string& target, uint64_t nanos);

}  // namespace prescient::restore
