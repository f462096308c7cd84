// TracingVfs: a pass-through SQLite VFS (test_devsym.c shape) that records which pages of a database
// SQLite reads and writes, for the prediction engine. Cheap enough to leave on: one clock read and one
// sink call per page that reaches the file (the pager cache absorbs the rest).
//
// What it records, for main database files matching the filter (all when the filter is empty):
//   - page reads of the main file (whole, aligned pages; header peeks are not page reads),
//   - page reads served from the WAL (the frame's page number is read from its frame header),
//   - page writes: to the main file (rollback journal mode, checkpoints) and WAL frames.
// Each open of a main database file is one connection (one episode). A WAL handle belongs to the
// connection whose pager opened it (it does so on the same thread, right after using its main file).
// Reads a checkpoint makes of the WAL (under the WAL checkpoint lock, or the EXCLUSIVE file lock of the
// checkpoint at close) are copies, not page reads: skipped. Limitation: a connection in
// locking_mode=EXCLUSIVE with WAL holds that lock throughout, and its WAL reads are not recorded.
// mmap is not offered (io methods version 2), so every read passes through xRead.
//
// Thread safety: the VFS may be used by any number of connections and threads; the sink must be
// thread-safe. Destroy a TracingVfs only after every connection using it is closed.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <string>

#include "trace/trace.h"

namespace prescient::trace {

class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void record(const PageAccess& access) = 0;  // called from SQLite's threads
};

// Collects accesses in memory.
class MemoryTraceSink : public TraceSink {
public:
    void record(const PageAccess& access) override;
    // The accesses so far (and empties the sink). pageSize/profile are left for the caller to set.
    Trace take();

private:
    std::mutex m_mutex;
    Trace m_trace;  // GUARDED_BY(m_mutex)
};

class TracingVfs {
public:
    // Registers a VFS named `name` over the current default VFS; makeDefault makes it SQLite's default.
    // sourcePath: trace only this database (compared after resolving symlinks); "" traces all.
    TracingVfs(TraceSink* sink, const std::string& sourcePath, bool makeDefault,
               const std::string& name = "prescient-trace");
    ~TracingVfs();
    TracingVfs(const TracingVfs&) = delete;
    TracingVfs& operator=(const TracingVfs&) = delete;

    const char* name() const { return m_name.c_str(); }
    // Page size learned from the first whole-page read or write (0 until then).
    uint32_t pageSize() const { return m_pageSize.load(); }

    // Used by the VFS glue.
    sqlite3_vfs* base() const { return m_base; }
    TraceSink* sink() const { return m_sink; }
    bool traces(const char* path) const;
    uint32_t newConnection() { return ++m_connections; }
    void notePageSize(uint32_t n) {
        uint32_t zero = 0;
        m_pageSize.compare_exchange_strong(zero, n);
    }

private:
    TraceSink* m_sink;
    std::string m_filter;  // resolved path, "" = all
    std::string m_name;
    sqlite3_vfs* m_base;
    sqlite3_vfs m_vfs;
    std::atomic<uint32_t> m_connections{0};
    std::atomic<uint32_t> m_pageSize{0};
};

// Microseconds since the Unix epoch (CLOCK_REALTIME).
uint64_t nowMicros();

}  // namespace prescient::trace
