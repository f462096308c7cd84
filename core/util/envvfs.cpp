#include "util/envvfs.h"

#include <cstdio>
#include <cstring>

namespace prescient {

namespace {

// Our file object: SQLite allocates szOsFile bytes; the real (default VFS) file follows this header.
struct EvFile {
    sqlite3_file base;  // must be first
    Env* env;
    std::string* path;  // owned; "" for temp files
    sqlite3_file* real;
};

sqlite3_file* realOf(sqlite3_file* f) { return reinterpret_cast<EvFile*>(f)->real; }

int statusToIoErr(const Status& s, int ioerr) { return s.code() == Status::Code::kNoSpace ? SQLITE_FULL : ioerr; }

int evClose(sqlite3_file* f) {
    auto* p = reinterpret_cast<EvFile*>(f);
    int rc = p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;
    delete p->path;
    p->path = nullptr;
    return rc;
}
int evRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    return realOf(f)->pMethods->xRead(realOf(f), buf, n, off);
}
int evWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    auto* p = reinterpret_cast<EvFile*>(f);
    Status s = p->env->beforeSqliteWrite(*p->path, static_cast<uint64_t>(off), static_cast<size_t>(n));
    if (!s.isOk()) return statusToIoErr(s, SQLITE_IOERR_WRITE);
    return p->real->pMethods->xWrite(p->real, buf, n, off);
}
int evTruncate(sqlite3_file* f, sqlite3_int64 size) {
    auto* p = reinterpret_cast<EvFile*>(f);
    Status s = p->env->beforeSqliteWrite(*p->path, static_cast<uint64_t>(size), 0);
    if (!s.isOk()) return statusToIoErr(s, SQLITE_IOERR_TRUNCATE);
    return p->real->pMethods->xTruncate(p->real, size);
}
int evSync(sqlite3_file* f, int flags) {
    auto* p = reinterpret_cast<EvFile*>(f);
    Status s = p->env->beforeSqliteSync(*p->path);
    if (!s.isOk()) return statusToIoErr(s, SQLITE_IOERR_FSYNC);
    return p->real->pMethods->xSync(p->real, flags);
}
int evFileSize(sqlite3_file* f, sqlite3_int64* size) { return realOf(f)->pMethods->xFileSize(realOf(f), size); }
int evLock(sqlite3_file* f, int lock) { return realOf(f)->pMethods->xLock(realOf(f), lock); }
int evUnlock(sqlite3_file* f, int lock) { return realOf(f)->pMethods->xUnlock(realOf(f), lock); }
int evCheckReservedLock(sqlite3_file* f, int* out) { return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out); }
int evFileControl(sqlite3_file* f, int op, void* arg) { return realOf(f)->pMethods->xFileControl(realOf(f), op, arg); }
int evSectorSize(sqlite3_file* f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
int evDeviceCharacteristics(sqlite3_file* f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
int evShmMap(sqlite3_file* f, int pg, int sz, int extend, void volatile** pp) {
    return realOf(f)->pMethods->xShmMap(realOf(f), pg, sz, extend, pp);
}
int evShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}
void evShmBarrier(sqlite3_file* f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
int evShmUnmap(sqlite3_file* f, int deleteFlag) { return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag); }
int evFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** pp) {
    return realOf(f)->pMethods->xFetch(realOf(f), off, n, pp);
}
int evUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return realOf(f)->pMethods->xUnfetch(realOf(f), off, p); }

const sqlite3_io_methods kEvMethods = {
    3,                       /* iVersion */
    evClose,                 /* xClose */
    evRead,                  /* xRead */
    evWrite,                 /* xWrite */
    evTruncate,              /* xTruncate */
    evSync,                  /* xSync */
    evFileSize,              /* xFileSize */
    evLock,                  /* xLock */
    evUnlock,                /* xUnlock */
    evCheckReservedLock,     /* xCheckReservedLock */
    evFileControl,           /* xFileControl */
    evSectorSize,            /* xSectorSize */
    evDeviceCharacteristics, /* xDeviceCharacteristics */
    evShmMap,                /* xShmMap */
    evShmLock,               /* xShmLock */
    evShmBarrier,            /* xShmBarrier */
    evShmUnmap,              /* xShmUnmap */
    evFetch,                 /* xFetch */
    evUnfetch,               /* xUnfetch */
};

sqlite3_vfs* baseOf(sqlite3_vfs* vfs) { return static_cast<EnvVfs*>(vfs->pAppData)->base(); }

int evOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* outFlags) {
    auto* self = static_cast<EnvVfs*>(vfs->pAppData);
    auto* p = reinterpret_cast<EvFile*>(f);
    p->base.pMethods = nullptr;
    p->env = self->env();
    p->real = reinterpret_cast<sqlite3_file*>(p + 1);
    p->real->pMethods = nullptr;
    int rc = self->base()->xOpen(self->base(), name, p->real, flags, outFlags);
    if (p->real->pMethods) {
        p->path = new std::string(name ? name : "");
        p->base.pMethods = &kEvMethods;
    }
    return rc;
}
int evDelete(sqlite3_vfs* vfs, const char* name, int syncDir) {
    return baseOf(vfs)->xDelete(baseOf(vfs), name, syncDir);
}
int evAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return baseOf(vfs)->xAccess(baseOf(vfs), name, flags, out);
}
int evFullPathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
    return baseOf(vfs)->xFullPathname(baseOf(vfs), name, n, out);
}
void* evDlOpen(sqlite3_vfs* vfs, const char* name) { return baseOf(vfs)->xDlOpen(baseOf(vfs), name); }
void evDlError(sqlite3_vfs* vfs, int n, char* msg) { baseOf(vfs)->xDlError(baseOf(vfs), n, msg); }
void (*evDlSym(sqlite3_vfs* vfs, void* h, const char* sym))(void) { return baseOf(vfs)->xDlSym(baseOf(vfs), h, sym); }
void evDlClose(sqlite3_vfs* vfs, void* h) { baseOf(vfs)->xDlClose(baseOf(vfs), h); }
int evRandomness(sqlite3_vfs* vfs, int n, char* out) { return baseOf(vfs)->xRandomness(baseOf(vfs), n, out); }
int evSleep(sqlite3_vfs* vfs, int us) { return baseOf(vfs)->xSleep(baseOf(vfs), us); }
int evCurrentTime(sqlite3_vfs* vfs, double* t) { return baseOf(vfs)->xCurrentTime(baseOf(vfs), t); }
int evGetLastError(sqlite3_vfs* vfs, int n, char* msg) { return baseOf(vfs)->xGetLastError(baseOf(vfs), n, msg); }
int evCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* t) { return baseOf(vfs)->xCurrentTimeInt64(baseOf(vfs), t); }

}  // namespace

EnvVfs::EnvVfs(Env* env) : m_env(env), m_base(sqlite3_vfs_find(nullptr)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "prescient-env-%p", static_cast<void*>(this));
    m_name = buf;
    std::memset(&m_vfs, 0, sizeof m_vfs);
    m_vfs.iVersion = 2;
    m_vfs.szOsFile = static_cast<int>(sizeof(EvFile)) + m_base->szOsFile;
    m_vfs.mxPathname = m_base->mxPathname;
    m_vfs.zName = m_name.c_str();
    m_vfs.pAppData = this;
    m_vfs.xOpen = evOpen;
    m_vfs.xDelete = evDelete;
    m_vfs.xAccess = evAccess;
    m_vfs.xFullPathname = evFullPathname;
    m_vfs.xDlOpen = evDlOpen;
    m_vfs.xDlError = evDlError;
    m_vfs.xDlSym = evDlSym;
    m_vfs.xDlClose = evDlClose;
    m_vfs.xRandomness = evRandomness;
    m_vfs.xSleep = evSleep;
    m_vfs.xCurrentTime = evCurrentTime;
    m_vfs.xGetLastError = evGetLastError;
    m_vfs.xCurrentTimeInt64 = evCurrentTimeInt64;
    sqlite3_vfs_register(&m_vfs, 0);
}

EnvVfs::~EnvVfs() { sqlite3_vfs_unregister(&m_vfs); }

}  // namespace prescient
