// CaptureSink: the destination of SQLite's online backup copy. A tiny VFS whose one "file" is never
// written to disk: each page SQLite writes is hashed and handed to the BlobStore (dedup, compression,
// packing), and the page map is kept in memory. Page 1 stays in memory until finish(), because SQLite
// rewrites its header at the end of the copy.
//
// Reads of pages written earlier (SQLite re-reads page 1, rarely others) are served from memory or the
// BlobStore. The first store error, a cancellation or a bad write is kept in status() so the caller
// reports it instead of SQLite's generic I/O error.
//
// Thread safety: used by the one thread that runs the backup. Register/unregister happen in the
// constructor/destructor: destroy only after the destination connection is closed.
#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

#include "repo/blobstore.h"
#include "repo/pagemap.h"
#include "util/job.h"
#include "util/ratelimiter.h"

namespace prescient::capture {

class CaptureSink {
public:
    CaptureSink(repo::BlobStore* store, uint32_t pageSize, uint64_t expectedPages, RateLimiter* rate,
                const JobControl* job);
    ~CaptureSink();
    CaptureSink(const CaptureSink&) = delete;
    CaptureSink& operator=(const CaptureSink&) = delete;

    const char* vfsName() const { return m_name.c_str(); }
    // First failure seen while SQLite wrote (store error, cancellation, malformed write); ok otherwise.
    const Status& status() const { return m_status; }
    // Stores page 1 (with the given schema cookie put back, since the backup API overwrites it) and
    // returns the complete page map. Call after the destination connection is closed.
    Result<repo::PageMap> finish(uint32_t schemaCookie);
    uint64_t pagesNew() const { return m_pagesNew; }

    // Called by the VFS glue.
    int write(const void* buf, int n, sqlite3_int64 off);
    int read(void* buf, int n, sqlite3_int64 off);
    int truncate(sqlite3_int64 size);
    sqlite3_int64 size() const { return m_size; }

private:
    int fail(Status s, int rc);

    repo::BlobStore* m_store;
    uint32_t m_pageSize;
    uint64_t m_expectedPages;
    RateLimiter* m_rate;
    const JobControl* m_job;
    std::string m_name;
    sqlite3_vfs m_vfs;
    std::vector<BlobId> m_map;  // index pgno-1; page 1's slot stays zero until finish()
    std::string m_page1;
    uint64_t m_size = 0;  // logical file size in bytes
    uint64_t m_pagesWritten = 0;
    uint64_t m_pagesNew = 0;
    Status m_status;
};

}  // namespace prescient::capture
