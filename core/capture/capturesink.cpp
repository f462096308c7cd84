#include "capture/capturesink.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace prescient::capture {

namespace {

struct SinkFile {
    sqlite3_file base;
    CaptureSink* sink;
};

CaptureSink* sinkOf(sqlite3_file* f) { return reinterpret_cast<SinkFile*>(f)->sink; }

int sinkClose(sqlite3_file*) { return SQLITE_OK; }
int sinkRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) { return sinkOf(f)->read(buf, n, off); }
int sinkWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) { return sinkOf(f)->write(buf, n, off); }
int sinkTruncate(sqlite3_file* f, sqlite3_int64 size) { return sinkOf(f)->truncate(size); }
int sinkSync(sqlite3_file*, int) { return SQLITE_OK; }
int sinkFileSize(sqlite3_file* f, sqlite3_int64* size) {
    *size = sinkOf(f)->size();
    return SQLITE_OK;
}
int sinkLock(sqlite3_file*, int) { return SQLITE_OK; }
int sinkUnlock(sqlite3_file*, int) { return SQLITE_OK; }
int sinkCheckReservedLock(sqlite3_file*, int* out) {
    *out = 0;
    return SQLITE_OK;
}
int sinkFileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int sinkSectorSize(sqlite3_file*) { return 4096; }
int sinkDeviceCharacteristics(sqlite3_file*) { return SQLITE_IOCAP_POWERSAFE_OVERWRITE; }

const sqlite3_io_methods kSinkMethods = {
    1,                         /* iVersion */
    sinkClose,                 /* xClose */
    sinkRead,                  /* xRead */
    sinkWrite,                 /* xWrite */
    sinkTruncate,              /* xTruncate */
    sinkSync,                  /* xSync */
    sinkFileSize,              /* xFileSize */
    sinkLock,                  /* xLock */
    sinkUnlock,                /* xUnlock */
    sinkCheckReservedLock,     /* xCheckReservedLock */
    sinkFileControl,           /* xFileControl */
    sinkSectorSize,            /* xSectorSize */
    sinkDeviceCharacteristics, /* xDeviceCharacteristics */
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int sinkOpen(sqlite3_vfs* vfs, const char*, sqlite3_file* f, int flags, int* outFlags) {
    f->pMethods = nullptr;
    // The destination runs with journal_mode=OFF and temp_store=MEMORY: only the main file exists.
    if (!(flags & SQLITE_OPEN_MAIN_DB)) return SQLITE_CANTOPEN;
    auto* p = reinterpret_cast<SinkFile*>(f);
    p->sink = static_cast<CaptureSink*>(vfs->pAppData);
    p->base.pMethods = &kSinkMethods;
    if (outFlags) *outFlags = flags;
    return SQLITE_OK;
}
int sinkDelete(sqlite3_vfs*, const char*, int) { return SQLITE_OK; }
int sinkAccess(sqlite3_vfs*, const char*, int, int* out) {
    *out = 0;
    return SQLITE_OK;
}
int sinkFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
    std::snprintf(out, static_cast<size_t>(n), "%s", name);
    return SQLITE_OK;
}
sqlite3_vfs* defaultVfs() { return sqlite3_vfs_find(nullptr); }
int sinkRandomness(sqlite3_vfs*, int n, char* out) { return defaultVfs()->xRandomness(defaultVfs(), n, out); }
int sinkSleep(sqlite3_vfs*, int us) { return defaultVfs()->xSleep(defaultVfs(), us); }
int sinkCurrentTime(sqlite3_vfs*, double* t) { return defaultVfs()->xCurrentTime(defaultVfs(), t); }
int sinkGetLastError(sqlite3_vfs*, int, char*) { return 0; }

}  // namespace

CaptureSink::CaptureSink(repo::BlobStore* store, uint32_t pageSize, uint64_t expectedPages, RateLimiter* rate,
                         const JobControl* job)
    : m_store(store), m_pageSize(pageSize), m_expectedPages(expectedPages), m_rate(rate), m_job(job) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "prescient-capture-%p", static_cast<void*>(this));
    m_name = buf;
    std::memset(&m_vfs, 0, sizeof m_vfs);
    m_vfs.iVersion = 1;
    m_vfs.szOsFile = sizeof(SinkFile);
    m_vfs.mxPathname = 512;
    m_vfs.zName = m_name.c_str();
    m_vfs.pAppData = this;
    m_vfs.xOpen = sinkOpen;
    m_vfs.xDelete = sinkDelete;
    m_vfs.xAccess = sinkAccess;
    m_vfs.xFullPathname = sinkFullPathname;
    m_vfs.xRandomness = sinkRandomness;
    m_vfs.xSleep = sinkSleep;
    m_vfs.xCurrentTime = sinkCurrentTime;
    m_vfs.xGetLastError = sinkGetLastError;
    sqlite3_vfs_register(&m_vfs, 0);
    m_map.reserve(expectedPages);
}

CaptureSink::~CaptureSink() { sqlite3_vfs_unregister(&m_vfs); }

int CaptureSink::fail(Status s, int rc) {
    if (m_status.isOk()) m_status = std::move(s);
    return rc;
}

int CaptureSink::write(const void* buf, int n, sqlite3_int64 off) {
    if (!m_status.isOk()) return SQLITE_IOERR_WRITE;
    if (m_job->cancelled()) return fail(Status::cancelled("backup cancelled"), SQLITE_IOERR_WRITE);
    if (static_cast<uint32_t>(n) != m_pageSize || off % m_pageSize != 0)
        return fail(Status::ioError("backup copy wrote " + std::to_string(n) + " bytes at offset " +
                                    std::to_string(off) + ", not one page of " + std::to_string(m_pageSize)),
                    SQLITE_IOERR_WRITE);
    uint64_t pgno = static_cast<uint64_t>(off) / m_pageSize + 1;
    if (m_map.size() < pgno) m_map.resize(pgno);
    m_size = std::max<uint64_t>(m_size, static_cast<uint64_t>(off) + n);
    if (pgno == 1) {
        m_page1.assign(static_cast<const char*>(buf), n);
        return SQLITE_OK;
    }
    if (m_rate) m_rate->acquire(n);
    BlobId id = isAllZero(buf, n) ? BlobId::zeroPage() : BlobId::of(buf, n);
    bool isNew = false;
    Status s = m_store->put(id, buf, n, &isNew);
    if (!s.isOk()) return fail(s, s.code() == Status::Code::kNoSpace ? SQLITE_FULL : SQLITE_IOERR_WRITE);
    m_map[pgno - 1] = id;
    if (isNew) ++m_pagesNew;
    if (++m_pagesWritten % 256 == 0)
        m_job->report({"copy", m_pagesWritten, m_expectedPages, m_pagesWritten * m_pageSize});
    return SQLITE_OK;
}

int CaptureSink::read(void* buf, int n, sqlite3_int64 off) {
    auto* out = static_cast<char*>(buf);
    std::memset(out, 0, n);
    uint64_t end = static_cast<uint64_t>(off) + n;
    std::string page(m_pageSize, '\0');
    for (uint64_t pos = static_cast<uint64_t>(off); pos < end && pos < m_size;) {
        uint64_t pgno = pos / m_pageSize + 1;
        uint64_t inPage = pos % m_pageSize;
        uint64_t chunk = std::min<uint64_t>(end - pos, m_pageSize - inPage);
        if (pgno == 1) {
            if (!m_page1.empty()) std::memcpy(out + (pos - off), m_page1.data() + inPage, chunk);
        } else if (pgno <= m_map.size() && !m_map[pgno - 1].isZero()) {
            m_store->submit();  // our own recent pages become visible to get()
            Status s = m_store->get(m_map[pgno - 1], page.data(), m_pageSize);
            if (!s.isOk()) return fail(s, SQLITE_IOERR_READ);
            std::memcpy(out + (pos - off), page.data() + inPage, chunk);
        }
        pos += chunk;
    }
    return end > m_size ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

int CaptureSink::truncate(sqlite3_int64 size) {
    m_size = static_cast<uint64_t>(size);
    uint64_t pages = (m_size + m_pageSize - 1) / m_pageSize;
    if (m_map.size() > pages) m_map.resize(pages);
    if (pages == 0) m_page1.clear();
    return SQLITE_OK;
}

Result<repo::PageMap> CaptureSink::finish(uint32_t schemaCookie) {
    if (!m_status.isOk()) return m_status;
    if (m_page1.size() != m_pageSize || m_size % m_pageSize != 0)
        return Status::ioError("backup copy ended without a complete page 1");
    // Offset 40: the schema cookie, which the backup API sets to the destination's old value + 1.
    for (int i = 0; i < 4; ++i) m_page1[40 + i] = static_cast<char>((schemaCookie >> (24 - 8 * i)) & 0xff);
    BlobId id = BlobId::of(m_page1.data(), m_page1.size());
    bool isNew = false;
    PRESCIENT_RETURN_IF_ERROR(m_store->put(id, m_page1.data(), m_page1.size(), &isNew));
    if (isNew) ++m_pagesNew;
    m_map.resize(m_size / m_pageSize);
    m_map[0] = id;
    repo::PageMap map;
    map.pageSize = m_pageSize;
    map.pages = std::move(m_map);
    return map;
}

}  // namespace prescient::capture
