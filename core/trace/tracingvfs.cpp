#include "trace/tracingvfs.h"

#include <climits>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace prescient::trace {

namespace {

enum class Kind : uint8_t { kOther, kMain, kWal };

struct TvFile {
    sqlite3_file base;  // must be first
    TracingVfs* owner;
    sqlite3_file* real;
    Kind kind;
    bool walMode;  // kMain: its connection has opened a WAL
    uint32_t conn;
};

thread_local uint32_t tl_lastConn = 0;       // connection that last used its main file on this thread
thread_local bool tl_inCheckpoint = false;   // this thread holds a WAL checkpoint lock: its WAL reads are copies
thread_local TvFile* tl_lastMain = nullptr;  // the main file whose connection last used it on this thread

sqlite3_file* realOf(sqlite3_file* f) { return reinterpret_cast<TvFile*>(f)->real; }
bool isPageSize(int n) { return n >= 512 && n <= 65536 && (n & (n - 1)) == 0; }
uint32_t be32(const unsigned char* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

void record(TvFile* f, uint32_t conn, uint32_t pgno, bool write) {
    if (pgno == 0 || conn == 0) return;
    f->owner->sink()->record({nowMicros(), conn, pgno, write});
}

// Offset of frame k's header in a WAL with the given page size: 32 + k * (24 + pageSize).
bool walFrameData(sqlite3_int64 off, uint32_t pageSize, sqlite3_int64* headerOff) {
    sqlite3_int64 frame = 24 + static_cast<sqlite3_int64>(pageSize);
    if (off < 32 + 24 || (off - 32) % frame != 24) return false;
    *headerOff = off - 24;
    return true;
}

int tvClose(sqlite3_file* f) {
    auto* p = reinterpret_cast<TvFile*>(f);
    if (tl_lastMain == p) tl_lastMain = nullptr;
    return p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;
}

int tvRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    auto* p = reinterpret_cast<TvFile*>(f);
    int rc = p->real->pMethods->xRead(p->real, buf, n, off);
    if (rc != SQLITE_OK) return rc;
    // Learn the page size from headers SQLite reads before any page: the database header (bytes 16-17)
    // and the WAL header (bytes 8-11). Page 1 itself may live in the WAL.
    const auto* b = static_cast<const unsigned char*>(buf);
    if (off == 0 && p->kind == Kind::kMain && n >= 18) {
        uint32_t ps = (uint32_t(b[16]) << 8) | b[17];
        if (ps == 1) ps = 65536;
        if (isPageSize(static_cast<int>(ps))) p->owner->notePageSize(ps);
    } else if (off == 0 && p->kind == Kind::kWal && n >= 12 && isPageSize(static_cast<int>(be32(b + 8)))) {
        p->owner->notePageSize(be32(b + 8));
    }
    if (!isPageSize(n)) return rc;
    if (p->kind == Kind::kMain && off % n == 0) {
        p->owner->notePageSize(static_cast<uint32_t>(n));
        tl_lastConn = p->conn;
        record(p, p->conn, static_cast<uint32_t>(off / n + 1), false);
    } else if (p->kind == Kind::kWal && !tl_inCheckpoint && static_cast<uint32_t>(n) == p->owner->pageSize()) {
        sqlite3_int64 header;
        unsigned char pg[4];
        if (walFrameData(off, static_cast<uint32_t>(n), &header) &&
            p->real->pMethods->xRead(p->real, pg, 4, header) == SQLITE_OK)
            record(p, p->conn, be32(pg), false);
    }
    return rc;
}

int tvWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    auto* p = reinterpret_cast<TvFile*>(f);
    int rc = p->real->pMethods->xWrite(p->real, buf, n, off);
    if (rc != SQLITE_OK) return rc;
    if (p->kind == Kind::kMain && isPageSize(n) && off % n == 0) {
        p->owner->notePageSize(static_cast<uint32_t>(n));
        record(p, p->conn, static_cast<uint32_t>(off / n + 1), true);
    } else if (p->kind == Kind::kWal && n == 24 && p->owner->pageSize()) {
        sqlite3_int64 frame = 24 + static_cast<sqlite3_int64>(p->owner->pageSize());
        if (off >= 32 && (off - 32) % frame == 0)
            record(p, p->conn, be32(static_cast<const unsigned char*>(buf)), true);
    }
    return rc;
}

int tvTruncate(sqlite3_file* f, sqlite3_int64 size) { return realOf(f)->pMethods->xTruncate(realOf(f), size); }
int tvSync(sqlite3_file* f, int flags) { return realOf(f)->pMethods->xSync(realOf(f), flags); }
int tvFileSize(sqlite3_file* f, sqlite3_int64* size) { return realOf(f)->pMethods->xFileSize(realOf(f), size); }
int tvLock(sqlite3_file* f, int lock) {
    auto* p = reinterpret_cast<TvFile*>(f);
    int rc = p->real->pMethods->xLock(p->real, lock);
    if (p->kind == Kind::kMain) {
        tl_lastConn = p->conn;
        tl_lastMain = p;
        // A WAL-mode connection takes an EXCLUSIVE file lock only to checkpoint as it closes (that
        // checkpoint takes no shm checkpoint lock), or under locking_mode=EXCLUSIVE, which is not traced.
        if (p->walMode && lock == SQLITE_LOCK_EXCLUSIVE && rc == SQLITE_OK) tl_inCheckpoint = true;
    }
    return rc;
}
int tvUnlock(sqlite3_file* f, int lock) {
    auto* p = reinterpret_cast<TvFile*>(f);
    if (p->kind == Kind::kMain && lock < SQLITE_LOCK_EXCLUSIVE) tl_inCheckpoint = false;
    return p->real->pMethods->xUnlock(p->real, lock);
}
int tvCheckReservedLock(sqlite3_file* f, int* out) { return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out); }
int tvFileControl(sqlite3_file* f, int op, void* arg) {
    // Never let SQLite map the file: mapped pages would bypass xRead and the trace.
    if (op == SQLITE_FCNTL_MMAP_SIZE && arg) {
        *static_cast<sqlite3_int64*>(arg) = 0;
        return SQLITE_OK;
    }
    return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
}
int tvSectorSize(sqlite3_file* f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
int tvDeviceCharacteristics(sqlite3_file* f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
int tvShmMap(sqlite3_file* f, int pg, int sz, int extend, void volatile** pp) {
    return realOf(f)->pMethods->xShmMap(realOf(f), pg, sz, extend, pp);
}
constexpr int kWalCheckpointLock = 1;  // SQLite's WAL_CKPT_LOCK slot
int tvShmLock(sqlite3_file* f, int offset, int n, int flags) {
    auto* p = reinterpret_cast<TvFile*>(f);
    int rc = p->real->pMethods->xShmLock(p->real, offset, n, flags);
    if (p->kind == Kind::kMain) {
        // In WAL mode a connection keeps its main-file lock and only takes shm locks per transaction.
        tl_lastConn = p->conn;
        tl_lastMain = p;
        if (offset <= kWalCheckpointLock && offset + n > kWalCheckpointLock && (flags & SQLITE_SHM_EXCLUSIVE)) {
            if ((flags & SQLITE_SHM_LOCK) && rc == SQLITE_OK) tl_inCheckpoint = true;
            if (flags & SQLITE_SHM_UNLOCK) tl_inCheckpoint = false;
        }
    }
    return rc;
}
void tvShmBarrier(sqlite3_file* f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
int tvShmUnmap(sqlite3_file* f, int deleteFlag) { return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag); }

const sqlite3_io_methods kTvMethods = {
    2,                       /* iVersion: no xFetch, so no mmap */
    tvClose,                 /* xClose */
    tvRead,                  /* xRead */
    tvWrite,                 /* xWrite */
    tvTruncate,              /* xTruncate */
    tvSync,                  /* xSync */
    tvFileSize,              /* xFileSize */
    tvLock,                  /* xLock */
    tvUnlock,                /* xUnlock */
    tvCheckReservedLock,     /* xCheckReservedLock */
    tvFileControl,           /* xFileControl */
    tvSectorSize,            /* xSectorSize */
    tvDeviceCharacteristics, /* xDeviceCharacteristics */
    tvShmMap,                /* xShmMap */
    tvShmLock,               /* xShmLock */
    tvShmBarrier,            /* xShmBarrier */
    tvShmUnmap,              /* xShmUnmap */
    nullptr,                 /* xFetch */
    nullptr,                 /* xUnfetch */
};

TracingVfs* ownerOf(sqlite3_vfs* vfs) { return static_cast<TracingVfs*>(vfs->pAppData); }
sqlite3_vfs* baseOf(sqlite3_vfs* vfs) { return ownerOf(vfs)->base(); }

int tvOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* outFlags) {
    TracingVfs* owner = ownerOf(vfs);
    auto* p = reinterpret_cast<TvFile*>(f);
    p->base.pMethods = nullptr;
    p->owner = owner;
    p->real = reinterpret_cast<sqlite3_file*>(p + 1);
    p->real->pMethods = nullptr;
    p->kind = Kind::kOther;
    p->walMode = false;
    p->conn = 0;
    int rc = owner->base()->xOpen(owner->base(), name, p->real, flags, outFlags);
    if (!p->real->pMethods) return rc;
    p->base.pMethods = &kTvMethods;
    if (name && (flags & SQLITE_OPEN_MAIN_DB) && owner->traces(name)) {
        p->kind = Kind::kMain;
        p->conn = owner->newConnection();
    } else if (name && (flags & SQLITE_OPEN_WAL)) {
        std::string db(name);
        if (db.size() > 4 && db.compare(db.size() - 4, 4, "-wal") == 0 &&
            owner->traces(db.substr(0, db.size() - 4).c_str())) {
            p->kind = Kind::kWal;
            // Each connection's pager opens its own WAL handle right after using its main file, on the
            // same thread: the WAL's accesses belong to that connection.
            p->conn = tl_lastConn;
            if (tl_lastMain && tl_lastMain->conn == p->conn) tl_lastMain->walMode = true;
        }
    }
    return rc;
}
int tvDelete(sqlite3_vfs* vfs, const char* name, int syncDir) {
    return baseOf(vfs)->xDelete(baseOf(vfs), name, syncDir);
}
int tvAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return baseOf(vfs)->xAccess(baseOf(vfs), name, flags, out);
}
int tvFullPathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
    return baseOf(vfs)->xFullPathname(baseOf(vfs), name, n, out);
}
void* tvDlOpen(sqlite3_vfs* vfs, const char* name) { return baseOf(vfs)->xDlOpen(baseOf(vfs), name); }
void tvDlError(sqlite3_vfs* vfs, int n, char* msg) { baseOf(vfs)->xDlError(baseOf(vfs), n, msg); }
void (*tvDlSym(sqlite3_vfs* vfs, void* h, const char* sym))(void) { return baseOf(vfs)->xDlSym(baseOf(vfs), h, sym); }
void tvDlClose(sqlite3_vfs* vfs, void* h) { baseOf(vfs)->xDlClose(baseOf(vfs), h); }
int tvRandomness(sqlite3_vfs* vfs, int n, char* out) { return baseOf(vfs)->xRandomness(baseOf(vfs), n, out); }
int tvSleep(sqlite3_vfs* vfs, int us) { return baseOf(vfs)->xSleep(baseOf(vfs), us); }
int tvCurrentTime(sqlite3_vfs* vfs, double* t) { return baseOf(vfs)->xCurrentTime(baseOf(vfs), t); }
int tvGetLastError(sqlite3_vfs* vfs, int n, char* msg) { return baseOf(vfs)->xGetLastError(baseOf(vfs), n, msg); }
int tvCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* t) { return baseOf(vfs)->xCurrentTimeInt64(baseOf(vfs), t); }

std::string resolved(const char* path) {
    char buf[PATH_MAX];
    if (::realpath(path, buf)) return buf;
    return path;
}

}  // namespace

uint64_t nowMicros() {
    timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return uint64_t(ts.tv_sec) * 1000000u + uint64_t(ts.tv_nsec) / 1000u;
}

void MemoryTraceSink::record(const PageAccess& access) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_trace.events.push_back(access);
}

Trace MemoryTraceSink::take() {
    std::lock_guard<std::mutex> lock(m_mutex);
    Trace t;
    t.events.swap(m_trace.events);
    return t;
}

TracingVfs::TracingVfs(TraceSink* sink, const std::string& sourcePath, bool makeDefault, const std::string& name)
    : m_sink(sink),
      m_filter(sourcePath.empty() ? "" : resolved(sourcePath.c_str())),
      m_name(name),
      m_base(sqlite3_vfs_find(nullptr)) {
    std::memset(&m_vfs, 0, sizeof m_vfs);
    m_vfs.iVersion = 2;
    m_vfs.szOsFile = static_cast<int>(sizeof(TvFile)) + m_base->szOsFile;
    m_vfs.mxPathname = m_base->mxPathname;
    m_vfs.zName = m_name.c_str();
    m_vfs.pAppData = this;
    m_vfs.xOpen = tvOpen;
    m_vfs.xDelete = tvDelete;
    m_vfs.xAccess = tvAccess;
    m_vfs.xFullPathname = tvFullPathname;
    m_vfs.xDlOpen = tvDlOpen;
    m_vfs.xDlError = tvDlError;
    m_vfs.xDlSym = tvDlSym;
    m_vfs.xDlClose = tvDlClose;
    m_vfs.xRandomness = tvRandomness;
    m_vfs.xSleep = tvSleep;
    m_vfs.xCurrentTime = tvCurrentTime;
    m_vfs.xGetLastError = tvGetLastError;
    m_vfs.xCurrentTimeInt64 = tvCurrentTimeInt64;
    sqlite3_vfs_register(&m_vfs, makeDefault ? 1 : 0);
}

TracingVfs::~TracingVfs() { sqlite3_vfs_unregister(&m_vfs); }

bool TracingVfs::traces(const char* path) const { return m_filter.empty() || resolved(path) == m_filter; }

}  // namespace prescient::trace
