#include "restore/restorevfs.h"

#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>

#include "restore/pagefetcher.h"
#include "restore/restorestate.h"

namespace prescient::restore {

namespace {

uint64_t nanosNow() {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count());
}

// Serves a target that another process (or nobody, after a kill) is restoring, from its restore state.
class StateReader : public PageServer {
public:
    explicit StateReader(std::unique_ptr<RestoreState> state)
        : m_state(std::move(state)), m_fetcher(Env::posix(), m_state.get()) {
        if (!m_state->info().originPath.empty()) (void)m_fetcher.openOrigin(m_state->info().originPath);
    }
    bool complete() const { return m_state->state() == RestoreState::kComplete; }
    // Still the restore at this path (not replaced by a restore started over since).
    bool current() const { return !complete() && m_state->stillAtPath(); }

    int read(sqlite3_file* real, void* buf, int n, sqlite3_int64 off) override {
        if (complete()) return real->pMethods->xRead(real, buf, n, off);
        const StateInfo& info = m_state->info();
        return detail::readPages(buf, n, off, info.pageSize, [&](uint32_t pgno, char* page) {
            const auto pageOff = static_cast<sqlite3_int64>(pgno - 1) * info.pageSize;
            if (pgno == 1) {
                m_state->readPage1(page);
                return SQLITE_OK;
            }
            if (pgno > info.pageCount || m_state->restored(pgno) || m_state->written(pgno) || complete()) {
                m_state->addReaderCounters(1, 0, 0);
                return real->pMethods->xRead(real, page, static_cast<int>(info.pageSize), pageOff);
            }
            uint64_t t0 = nanosNow();
            Status s = m_fetcher.fetch(pgno, page);
            if (!s.isOk()) {
                setLastServeError(s);
                return SQLITE_IOERR_READ;
            }
            m_state->postRead(pgno);
            m_state->addReaderCounters(0, 1, nanosNow() - t0);
            return SQLITE_OK;
        });
    }
    int write(sqlite3_file*, const void*, int, sqlite3_int64) override { return SQLITE_READONLY; }
    int truncate(sqlite3_file*, sqlite3_int64) override { return SQLITE_READONLY; }
    int sync(sqlite3_file* real, int flags) override { return real->pMethods->xSync(real, flags); }
    bool readOnly() const override { return !complete(); }
    void noteQuery(uint64_t nanos) override {
        auto wall = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
        m_state->noteReaderQuery(nanos, wall);
    }

private:
    std::unique_ptr<RestoreState> m_state;
    PageFetcher m_fetcher;
};

struct Registry {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<PageServer>> owners;  // GUARDED_BY(mutex)
    std::map<std::string, std::weak_ptr<PageServer>> readers;   // GUARDED_BY(mutex): one per target per process
};
Registry& registry() {
    static Registry* r = new Registry();  // never destroyed: files may close during exit
    return *r;
}

sqlite3_vfs* g_base = nullptr;
sqlite3_vfs g_vfs;

std::string fullPath(const std::string& path) {
    std::string out(g_base->mxPathname + 1, '\0');
    if (g_base->xFullPathname(g_base, path.c_str(), g_base->mxPathname + 1, out.data()) != SQLITE_OK) return path;
    return out.c_str();
}

// The server for a main database file being opened; null = pass through. *failed: the state file exists
// but cannot be used (the open must fail rather than read a half-restored file).
std::shared_ptr<PageServer> serverFor(const std::string& path, bool* failed) {
    *failed = false;
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    auto owner = r.owners.find(path);
    if (owner != r.owners.end()) return owner->second;
    auto it = r.readers.find(path);
    if (it != r.readers.end()) {
        if (auto s = it->second.lock(); s && static_cast<StateReader*>(s.get())->current()) return s;
        r.readers.erase(it);
    }
    auto state = RestoreState::open(RestoreState::pathFor(path), false);
    if (!state.isOk()) {
        if (state.status().code() == Status::Code::kNotFound) return nullptr;
        setLastServeError(state.status());
        *failed = true;
        return nullptr;
    }
    if ((*state)->state() == RestoreState::kComplete) return nullptr;
    auto reader = std::make_shared<StateReader>(std::move(state.value()));
    r.readers[path] = reader;
    return reader;
}

// Our file: the real (default-VFS) file follows this header in the same allocation.
struct RvFile {
    sqlite3_file base;  // must be first
    sqlite3_file* real;
    std::shared_ptr<PageServer>* server;  // owned; null: pass through
};

sqlite3_file* realOf(sqlite3_file* f) { return reinterpret_cast<RvFile*>(f)->real; }
PageServer* serverOf(sqlite3_file* f) {
    auto* s = reinterpret_cast<RvFile*>(f)->server;
    return s ? s->get() : nullptr;
}

int rvClose(sqlite3_file* f) {
    auto* p = reinterpret_cast<RvFile*>(f);
    int rc = p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;
    delete p->server;
    p->server = nullptr;
    return rc;
}
int rvRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    if (PageServer* s = serverOf(f)) return s->read(realOf(f), buf, n, off);
    return realOf(f)->pMethods->xRead(realOf(f), buf, n, off);
}
int rvWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    if (PageServer* s = serverOf(f)) return s->write(realOf(f), buf, n, off);
    return realOf(f)->pMethods->xWrite(realOf(f), buf, n, off);
}
int rvTruncate(sqlite3_file* f, sqlite3_int64 size) {
    if (PageServer* s = serverOf(f)) return s->truncate(realOf(f), size);
    return realOf(f)->pMethods->xTruncate(realOf(f), size);
}
int rvSync(sqlite3_file* f, int flags) {
    if (PageServer* s = serverOf(f)) return s->sync(realOf(f), flags);
    return realOf(f)->pMethods->xSync(realOf(f), flags);
}
int rvFileSize(sqlite3_file* f, sqlite3_int64* size) { return realOf(f)->pMethods->xFileSize(realOf(f), size); }
int rvLock(sqlite3_file* f, int level) { return realOf(f)->pMethods->xLock(realOf(f), level); }
int rvUnlock(sqlite3_file* f, int level) {
    if (PageServer* s = serverOf(f)) s->beforeUnlock(level);
    return realOf(f)->pMethods->xUnlock(realOf(f), level);
}
int rvCheckReservedLock(sqlite3_file* f, int* out) { return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out); }
int rvFileControl(sqlite3_file* f, int op, void* arg) {
    if (op == SQLITE_FCNTL_VFSNAME && arg) {
        char* inner = nullptr;
        realOf(f)->pMethods->xFileControl(realOf(f), op, &inner);
        *static_cast<char**>(arg) = sqlite3_mprintf("%s%s%s", kRestoreVfsName, inner ? "/" : "", inner ? inner : "");
        sqlite3_free(inner);
        return SQLITE_OK;
    }
    return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
}
int rvSectorSize(sqlite3_file* f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
int rvDeviceCharacteristics(sqlite3_file* f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
int rvShmMap(sqlite3_file* f, int pg, int sz, int extend, void volatile** pp) {
    return realOf(f)->pMethods->xShmMap(realOf(f), pg, sz, extend, pp);
}
int rvShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}
void rvShmBarrier(sqlite3_file* f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
int rvShmUnmap(sqlite3_file* f, int deleteFlag) { return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag); }
int rvFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** pp) {
    if (serverOf(f)) {  // memory-mapped reads would bypass the tiers: SQLite falls back to xRead
        *pp = nullptr;
        return SQLITE_OK;
    }
    return realOf(f)->pMethods->xFetch(realOf(f), off, n, pp);
}
int rvUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return realOf(f)->pMethods->xUnfetch(realOf(f), off, p); }

const sqlite3_io_methods kRvMethods = {
    3,                       /* iVersion */
    rvClose,                 /* xClose */
    rvRead,                  /* xRead */
    rvWrite,                 /* xWrite */
    rvTruncate,              /* xTruncate */
    rvSync,                  /* xSync */
    rvFileSize,              /* xFileSize */
    rvLock,                  /* xLock */
    rvUnlock,                /* xUnlock */
    rvCheckReservedLock,     /* xCheckReservedLock */
    rvFileControl,           /* xFileControl */
    rvSectorSize,            /* xSectorSize */
    rvDeviceCharacteristics, /* xDeviceCharacteristics */
    rvShmMap,                /* xShmMap */
    rvShmLock,               /* xShmLock */
    rvShmBarrier,            /* xShmBarrier */
    rvShmUnmap,              /* xShmUnmap */
    rvFetch,                 /* xFetch */
    rvUnfetch,               /* xUnfetch */
};

int rvOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* outFlags) {
    auto* p = reinterpret_cast<RvFile*>(f);
    p->real = reinterpret_cast<sqlite3_file*>(p + 1);
    p->server = nullptr;
    std::shared_ptr<PageServer> server;
    if ((flags & SQLITE_OPEN_MAIN_DB) && name) {
        bool failed = false;
        server = serverFor(name, &failed);
        if (failed) return SQLITE_CANTOPEN;
    }
    int out = 0;
    int rc = g_base->xOpen(g_base, name, p->real, flags, &out);
    if (rc != SQLITE_OK) return rc;
    if (server) {
        p->server = new std::shared_ptr<PageServer>(std::move(server));
        if ((*p->server)->readOnly()) out = (out & ~SQLITE_OPEN_READWRITE) | SQLITE_OPEN_READONLY;
    }
    if (outFlags) *outFlags = out;
    f->pMethods = &kRvMethods;
    return SQLITE_OK;
}

int rvDelete(sqlite3_vfs*, const char* name, int syncDir) { return g_base->xDelete(g_base, name, syncDir); }
int rvAccess(sqlite3_vfs*, const char* name, int flags, int* out) { return g_base->xAccess(g_base, name, flags, out); }
int rvFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return g_base->xFullPathname(g_base, name, n, out);
}
void* rvDlOpen(sqlite3_vfs*, const char* name) { return g_base->xDlOpen(g_base, name); }
void rvDlError(sqlite3_vfs*, int n, char* msg) { g_base->xDlError(g_base, n, msg); }
void (*rvDlSym(sqlite3_vfs*, void* h, const char* sym))(void) { return g_base->xDlSym(g_base, h, sym); }
void rvDlClose(sqlite3_vfs*, void* h) { g_base->xDlClose(g_base, h); }
int rvRandomness(sqlite3_vfs*, int n, char* out) { return g_base->xRandomness(g_base, n, out); }
int rvSleep(sqlite3_vfs*, int us) { return g_base->xSleep(g_base, us); }
int rvCurrentTime(sqlite3_vfs*, double* t) { return g_base->xCurrentTime(g_base, t); }
int rvGetLastError(sqlite3_vfs*, int n, char* msg) { return g_base->xGetLastError(g_base, n, msg); }
int rvCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* t) { return g_base->xCurrentTimeInt64(g_base, t); }

}  // namespace

const char* registerRestoreVfs(bool makeDefault) {
    static std::once_flag once;
    std::call_once(once, [] {
        g_base = sqlite3_vfs_find("unix");
        if (!g_base) g_base = sqlite3_vfs_find(nullptr);
        g_vfs = sqlite3_vfs{};
        g_vfs.iVersion = 2;
        g_vfs.szOsFile = static_cast<int>(sizeof(RvFile)) + g_base->szOsFile;
        g_vfs.mxPathname = g_base->mxPathname;
        g_vfs.zName = kRestoreVfsName;
        g_vfs.xOpen = rvOpen;
        g_vfs.xDelete = rvDelete;
        g_vfs.xAccess = rvAccess;
        g_vfs.xFullPathname = rvFullPathname;
        g_vfs.xDlOpen = rvDlOpen;
        g_vfs.xDlError = rvDlError;
        g_vfs.xDlSym = rvDlSym;
        g_vfs.xDlClose = rvDlClose;
        g_vfs.xRandomness = rvRandomness;
        g_vfs.xSleep = rvSleep;
        g_vfs.xCurrentTime = rvCurrentTime;
        g_vfs.xGetLastError = rvGetLastError;
        g_vfs.xCurrentTimeInt64 = rvCurrentTimeInt64;
        sqlite3_vfs_register(&g_vfs, 0);
    });
    if (makeDefault) sqlite3_vfs_register(&g_vfs, 1);
    return kRestoreVfsName;
}

void registerPageServer(const std::string& target, std::shared_ptr<PageServer> server) {
    registerRestoreVfs();
    std::string key = fullPath(target);
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    if (server)
        r.owners[key] = std::move(server);
    else
        r.owners.erase(key);
}

namespace {
thread_local Status tl_lastServeError;  // per thread: a query reads the failure of its own reads
}  // namespace

Status lastServeError() { return tl_lastServeError; }

void setLastServeError(const Status& s) { tl_lastServeError = s; }

void noteQueryServed(const std::string& target, uint64_t nanos) {
    registerRestoreVfs();
    std::string key = fullPath(target);
    std::shared_ptr<PageServer> s;
    {
        Registry& r = registry();
        std::lock_guard<std::mutex> lock(r.mutex);
        if (auto it = r.owners.find(key); it != r.owners.end()) s = it->second;
        else if (auto rd = r.readers.find(key); rd != r.readers.end()) s = rd->second.lock();
    }
    if (s) s->noteQuery(nanos);
}

}  // namespace prescient::restore
