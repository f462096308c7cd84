// libprescient_recorder.so: records page accesses of any program linked to the system libsqlite3.
//
//   LD_PRELOAD=libprescient_recorder.so PRESCIENT_TRACE_FILE=/tmp/t.raw PRESCIENT_TRACE_SOURCE=/data/shop.db cmd
//
// It interposes sqlite3_open, sqlite3_open_v2 and sqlite3_open16. At the first open it registers the
// tracing VFS as SQLite's default (lazily: registering at load time would initialise SQLite before the
// program's own sqlite3_config calls, which the sqlite3 shell reports as an error), then opens as asked.
// Accesses to PRESCIENT_TRACE_SOURCE are appended to PRESCIENT_TRACE_FILE as raw 16-byte records:
//   u64 time (us, little-endian), u32 connection id, u32 page number | 0x80000000 for a write
// after an 8-byte magic "PRSCRAW1" written by whoever creates the file. Connection ids carry the pid in
// their high 16 bits, so the processes of one command share a file. Buffers are flushed every 4096
// records and at exit (a process killed by a signal loses at most its last unflushed records).
// `prescient trace record` sets the variables and turns the file into a stored trace.
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "trace/tracingvfs.h"

namespace {

using namespace prescient::trace;

class FileSink : public TraceSink {
public:
    explicit FileSink(const char* path) {
        // Only the process that creates the file writes the magic (`prescient trace record` creates it
        // with the magic already in): concurrent processes never interleave a second one.
        m_fd = ::open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
        if (m_fd >= 0)
            (void)!::write(m_fd, "PRSCRAW1", 8);
        else
            m_fd = ::open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
        afterFork();
    }
    // In a forked child: its own connection ids, and not the parent's unflushed records.
    void afterFork() {
        m_pidBits = (static_cast<uint32_t>(::getpid()) & 0xffffu) << 16;
        m_buf.clear();
    }
    void record(const PageAccess& a) override {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_fd < 0) return;
        char r[16];
        uint64_t t = a.timeUs;
        uint32_t conn = m_pidBits | (a.conn & 0xffffu);
        uint32_t pg = a.pgno | (a.write ? 0x80000000u : 0u);
        for (int i = 0; i < 8; ++i) r[i] = static_cast<char>(t >> (8 * i));
        for (int i = 0; i < 4; ++i) r[8 + i] = static_cast<char>(conn >> (8 * i));
        for (int i = 0; i < 4; ++i) r[12 + i] = static_cast<char>(pg >> (8 * i));
        m_buf.append(r, 16);
        if (m_buf.size() >= 4096 * 16) flushLocked();
    }
    void flush() {
        std::lock_guard<std::mutex> lock(m_mutex);
        flushLocked();
    }

private:
    void flushLocked() {
        size_t done = 0;
        while (done < m_buf.size()) {
            ssize_t n = ::write(m_fd, m_buf.data() + done, m_buf.size() - done);
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        m_buf.clear();
    }
    std::mutex m_mutex;
    int m_fd = -1;
    uint32_t m_pidBits = 0;
    std::string m_buf;  // GUARDED_BY(m_mutex)
};

FileSink* g_sink = nullptr;
TracingVfs* g_vfs = nullptr;
std::once_flag g_once;

void flushAtExit() {
    if (g_sink) g_sink->flush();
}

void ensureRegistered() {
    std::call_once(g_once, [] {
        const char* file = std::getenv("PRESCIENT_TRACE_FILE");
        if (!file || !*file) return;
        const char* source = std::getenv("PRESCIENT_TRACE_SOURCE");
        sqlite3_initialize();
        // Never freed: the VFS must outlive every connection, up to and after exit handlers.
        g_sink = new FileSink(file);
        g_vfs = new TracingVfs(g_sink, source ? source : "", /*makeDefault=*/true);
        std::atexit(flushAtExit);
        ::pthread_atfork(nullptr, nullptr, [] { g_sink->afterFork(); });
    });
}

template <typename Fn>
Fn next(const char* name) {
    return reinterpret_cast<Fn>(::dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int sqlite3_open_v2(const char* filename, sqlite3** db, int flags,
                                                           const char* vfs) {
    ensureRegistered();
    static auto real = next<int (*)(const char*, sqlite3**, int, const char*)>("sqlite3_open_v2");
    return real(filename, db, flags, vfs);
}

__attribute__((visibility("default"))) int sqlite3_open(const char* filename, sqlite3** db) {
    ensureRegistered();
    static auto real = next<int (*)(const char*, sqlite3**)>("sqlite3_open");
    return real(filename, db);
}

__attribute__((visibility("default"))) int sqlite3_open16(const void* filename, sqlite3** db) {
    ensureRegistered();
    static auto real = next<int (*)(const void*, sqlite3**)>("sqlite3_open16");
    return real(filename, db);
}

}  // extern "C"

__attribute__((destructor)) static void recorderUnload() { flushAtExit(); }
