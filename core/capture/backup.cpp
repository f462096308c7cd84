#include "capture/backup.h"

#include <chrono>
#include <cstring>
#include <random>

#include "capture/capturesink.h"
#include "util/sqlitedb.h"

namespace prescient::capture {

namespace {

int64_t nowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string newSnapshotId() {
    std::random_device rd;
    std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd() ^ static_cast<uint64_t>(nowUs()));
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(gen()));
    return buf;
}

// Turns an SQLite failure on the source into a Status that names the source and says what it means.
Status sourceError(const Status& s, const std::string& path) {
    switch (s.code()) {
        case Status::Code::kInvalidArgument:
            return Status::invalidArgument("source " + path + " is not an SQLite database");
        case Status::Code::kCorruption:
            return Status::corruption("source " + path + " is corrupt: " + s.detail());
        case Status::Code::kBusy:
            return Status::busy("source " + path + " is locked by another connection: " + s.detail());
        default:
            return s.withContext("source " + path);
    }
}

uint32_t be32(const unsigned char* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

// Checks the database header through SQLite's own file handle (no second descriptor, so SQLite's POSIX
// locks are safe): the magic string, and for a rollback-journal file whose header page count is valid,
// that the file holds all of its pages. A truncated file otherwise only shows as "malformed". Call it
// holding the read transaction (a writer may be growing the file otherwise), or to explain a failure.
Status checkHeader(sqlite3* db, const std::string& path) {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file || !file->pMethods)
        return Status::ok();
    unsigned char h[100] = {0};
    int rc = file->pMethods->xRead(file, h, sizeof h, 0);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) return Status::ioError("read header of " + path);
    if (std::memcmp(h, "SQLite format 3", 16) != 0)
        return Status::invalidArgument("source " + path + " is not an SQLite database");
    sqlite3_int64 size = 0;
    if (file->pMethods->xFileSize(file, &size) != SQLITE_OK) return Status::ok();
    uint32_t pageSize = (uint32_t(h[16]) << 8) | h[17];
    if (pageSize == 1) pageSize = 65536;
    uint32_t pages = be32(h + 28);
    bool countValid = pages != 0 && be32(h + 24) == be32(h + 92);
    bool rollback = h[18] == 1;
    uint64_t expected = uint64_t(pageSize) * pages;
    if (rollback && countValid && static_cast<uint64_t>(size) < expected)
        return Status::corruption("source " + path + " is truncated: it should hold " + std::to_string(pages) +
                                  " pages (" + std::to_string(expected) + " bytes) but has " + std::to_string(size) +
                                  " bytes");
    return Status::ok();
}

// The open source connection with its read transaction; rolled back and closed on destruction.
struct SourceTxn {
    SqliteDb db;
    bool inTxn = false;
    ~SourceTxn() {
        if (inTxn) (void)db.exec("ROLLBACK");
    }
};

}  // namespace

namespace {
Result<repo::SnapshotInfo> backupImpl(repo::Repository& repository, const std::string& sourceIn,
                                      const BackupOptions& options);
}  // namespace

Result<repo::SnapshotInfo> backupDatabase(repo::Repository& repository, const std::string& sourceIn,
                                          const BackupOptions& options) {
    if (!repository.writable()) return Status::invalidArgument("repository " + repository.dir() + " is open read-only");
    auto result = backupImpl(repository, sourceIn, options);
    // A failed or cancelled backup leaves nothing behind: its queued pages and temp packs are dropped.
    if (!result.isOk()) repository.blobs().abandon();
    return result;
}

namespace {
Result<repo::SnapshotInfo> backupImpl(repo::Repository& repository, const std::string& sourceIn,
                                      const BackupOptions& options) {
    auto start = std::chrono::steady_clock::now();
    Env* env = repository.env();
    std::string source = absolutePath(sourceIn);
    // Checks by stat only: never open the live file behind SQLite's back (its POSIX locks are per process).
    auto st = env->stat(source);
    if (!st.isOk()) {
        if (st.status().code() == Status::Code::kNotFound)
            return Status::notFound("source database " + source + " does not exist");
        return st.status();
    }
    if (st->kind == FileInfo::Kind::kDir)
        return Status::invalidArgument("source " + source + " is a folder, not an SQLite database");
    if (st->kind != FileInfo::Kind::kFile)
        return Status::invalidArgument("source " + source + " is not a regular file");
    if (st->size == 0)
        return Status::invalidArgument("source " + source + " is empty (0 bytes), not an SQLite database");

    SourceTxn src;
    auto db = SqliteDb::open(source, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
    if (!db.isOk()) db = SqliteDb::open(source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    if (!db.isOk()) return sourceError(db.status(), source);
    src.db = std::move(db.value());
    // Closing must not checkpoint someone else's WAL.
    sqlite3_db_config(src.db.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    sqlite3_busy_timeout(src.db.handle(), 5000);

    // One read transaction from here to the end of the copy: the snapshot's instant.
    PRESCIENT_RETURN_IF_ERROR(src.db.exec("BEGIN"));
    src.inTxn = true;
    int64_t timeUs = options.timeUs ? options.timeUs : nowUs();
    auto pageSize = src.db.queryInt("PRAGMA page_size");
    if (!pageSize.isOk()) {
        // Say why the file cannot be read when the header tells (not a database, truncated).
        Status why = checkHeader(src.db.handle(), source);
        return why.isOk() ? sourceError(pageSize.status(), source) : why;
    }
    // The read transaction now holds SQLite's shared lock: the header is the snapshot's.
    PRESCIENT_RETURN_IF_ERROR(checkHeader(src.db.handle(), source));
    auto pageCount = src.db.queryInt("PRAGMA page_count");
    auto schemaVersion = src.db.queryInt("PRAGMA schema_version");
    auto journal = src.db.queryText("PRAGMA journal_mode");
    for (const Status& s : {pageCount.status(), schemaVersion.status(), journal.status()})
        if (!s.isOk()) return sourceError(s, source);
    std::string journalMode = journal.value() == "wal" ? "wal" : "rollback";
    // Reading the schema proves it is a database SQLite can parse before anything is copied.
    auto schemaRows = src.db.queryInt("SELECT count(*) FROM sqlite_schema");
    if (!schemaRows.isOk()) return sourceError(schemaRows.status(), source);

    repo::PageMap map;
    uint64_t bytesBefore = repository.blobs().bytesWritten();
    uint64_t pagesNew = 0;
    {
        CaptureSink sink(&repository.blobs(), static_cast<uint32_t>(pageSize.value()),
                         static_cast<uint64_t>(pageCount.value()), options.rate, &options.job);
        auto dst = SqliteDb::open("prescient-capture", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                  sink.vfsName());
        if (!dst.isOk()) return dst.status().withContext("backup destination");
        for (const char* pragma : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA temp_store=MEMORY",
                                   "PRAGMA cache_size=-8192"})
            PRESCIENT_RETURN_IF_ERROR(dst->exec(pragma));
        sqlite3_backup* backup = sqlite3_backup_init(dst->handle(), "main", src.db.handle(), "main");
        if (!backup) return sqliteStatus(sqlite3_errcode(dst->handle()), dst->handle(), "backup of " + source);
        int rc = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
        if (!sink.status().isOk()) return sink.status();
        if (rc != SQLITE_DONE) {
            // An error on the source side is reported on the source handle, one on the copy on the destination.
            int srcRc = sqlite3_errcode(src.db.handle());
            if (srcRc != SQLITE_OK && srcRc != SQLITE_DONE && srcRc != SQLITE_ROW)
                return sourceError(sqliteStatus(srcRc, src.db.handle(), "backup copy"), source);
            return sourceError(sqliteStatus(rc, dst->handle(), "backup copy"), source);
        }
        dst->close();
        auto finished = sink.finish(static_cast<uint32_t>(schemaVersion.value()));
        if (!finished.isOk()) return finished.status();
        map = std::move(finished.value());
        pagesNew = sink.pagesNew();
    }
    (void)src.db.exec("COMMIT");
    src.inTxn = false;
    src.db.close();

    // Durability order: packs and their index first, then the snapshot row.
    options.job.report({"commit", 0, 1, 0});
    PRESCIENT_RETURN_IF_ERROR(repository.blobs().flush());
    if (options.job.cancelled()) return Status::cancelled("backup cancelled");

    repo::SnapshotInfo info;
    info.id = newSnapshotId();
    info.timeUs = timeUs;
    info.sourcePath = source;
    info.pageSize = map.pageSize;
    info.pageCount = map.pages.size();
    auto parent = repository.catalog().latestSnapshotOf(source);
    if (!parent.isOk()) return parent.status();
    if (parent.value()) info.parent = parent.value()->id;
    info.tag = options.tag;
    info.bytesNew = repository.blobs().bytesWritten() - bytesBefore;
    info.bytesTotal = static_cast<uint64_t>(map.pageSize) * map.pages.size();
    info.pagesNew = pagesNew;
    info.journalMode = journalMode;
    info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    PRESCIENT_RETURN_IF_ERROR(repository.commitSnapshot(info, map));
    options.job.report({"commit", 1, 1, 0});
    return info;
}

}  // namespace

}  // namespace prescient::capture
