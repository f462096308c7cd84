#include "repo/catalog.h"

#include <algorithm>
#include <chrono>

namespace prescient::repo {

namespace {

constexpr int64_t kApplicationId = 0x50525343;  // "PRSC"

// Step i brings the schema from version i to version i + 1. Never edit a shipped step: add one.
const char* const kMigrations[] = {
    // 0 -> 1: the first schema.
    R"sql(
    CREATE TABLE repo_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE packs(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        blob_count INTEGER NOT NULL,
        created_us INTEGER NOT NULL);
    CREATE TABLE blobs(
        id BLOB PRIMARY KEY,
        pack_id INTEGER NOT NULL REFERENCES packs(id),
        offset INTEGER NOT NULL,
        stored_len INTEGER NOT NULL,
        raw_len INTEGER NOT NULL,
        codec INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE sources(
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        first_seen_us INTEGER NOT NULL);
    CREATE TABLE snapshots(
        id TEXT PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        time_us INTEGER NOT NULL,
        page_size INTEGER NOT NULL,
        page_count INTEGER NOT NULL,
        parent TEXT,
        tag TEXT NOT NULL DEFAULT '',
        bytes_new INTEGER NOT NULL,
        bytes_total INTEGER NOT NULL,
        pages_new INTEGER NOT NULL,
        journal_mode TEXT NOT NULL,
        seconds REAL NOT NULL,
        map BLOB NOT NULL,
        map_base TEXT REFERENCES snapshots(id),
        map_depth INTEGER NOT NULL);
    CREATE INDEX snapshots_by_source ON snapshots(source_id, time_us);
    )sql",
    // 1 -> 2: page-access traces and trained models.
    R"sql(
    CREATE TABLE traces(
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        profile TEXT NOT NULL,
        recorded_us INTEGER NOT NULL,
        events INTEGER NOT NULL,
        episodes INTEGER NOT NULL,
        page_size INTEGER NOT NULL,
        data BLOB NOT NULL);
    CREATE INDEX traces_by_source ON traces(source_id, recorded_us);
    CREATE TABLE models(
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        strategy TEXT NOT NULL,
        trained_us INTEGER NOT NULL,
        traces_used INTEGER NOT NULL,
        metrics TEXT NOT NULL,
        data BLOB NOT NULL);
    CREATE INDEX models_by_source ON models(source_id, strategy, trained_us);
    )sql",
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kCatalogSchemaVersion);

int64_t nowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const char* kSnapshotColumns =
    "s.id, s.time_us, src.path, s.page_size, s.page_count, s.parent, s.tag, s.bytes_new, s.bytes_total, "
    "s.pages_new, s.journal_mode, s.seconds FROM snapshots s JOIN sources src ON src.id = s.source_id ";

SnapshotInfo readSnapshot(const Stmt& st) {
    SnapshotInfo s;
    s.id = st.colText(0);
    s.timeUs = st.colInt(1);
    s.sourcePath = st.colText(2);
    s.pageSize = static_cast<uint32_t>(st.colInt(3));
    s.pageCount = static_cast<uint64_t>(st.colInt(4));
    s.parent = st.colIsNull(5) ? "" : st.colText(5);
    s.tag = st.colText(6);
    s.bytesNew = static_cast<uint64_t>(st.colInt(7));
    s.bytesTotal = static_cast<uint64_t>(st.colInt(8));
    s.pagesNew = static_cast<uint64_t>(st.colInt(9));
    s.journalMode = st.colText(10);
    s.seconds = sqlite3_column_double(st.handle(), 11);
    return s;
}

}  // namespace

Catalog::~Catalog() {
    m_db.close();  // before the VFS it uses goes away
}

Result<std::unique_ptr<Catalog>> Catalog::open(Env* env, const std::string& path, bool create) {
    std::unique_ptr<Catalog> c(new Catalog);
    c->m_vfs = std::make_unique<EnvVfs>(env);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    auto db = SqliteDb::open(path, flags, c->m_vfs->name());
    if (!db.isOk()) return db.status().withContext("catalog");
    c->m_db = std::move(db.value());
    sqlite3_busy_timeout(c->m_db.handle(), 10000);
    auto appId = c->m_db.queryInt("PRAGMA application_id");
    if (!appId.isOk()) {
        if (appId.status().code() == Status::Code::kInvalidArgument)
            return Status::corruption("catalog " + path + " is not an SQLite database");
        return appId.status().withContext("catalog " + path);
    }
    auto version = c->m_db.queryInt("PRAGMA user_version");
    if (!version.isOk()) return version.status().withContext("catalog " + path);
    if (appId.value() != 0 && appId.value() != kApplicationId)
        return Status::corruption("catalog " + path + " belongs to another application");
    if (appId.value() == 0 && version.value() != 0)
        return Status::corruption("catalog " + path + " is not a Prescient catalog");
    if (version.value() > kCatalogSchemaVersion)
        return Status::invalidArgument("catalog " + path + " has schema version " + std::to_string(version.value()) +
                                       ", newer than this Prescient understands (" +
                                       std::to_string(kCatalogSchemaVersion) + "): upgrade Prescient");
    PRESCIENT_RETURN_IF_ERROR(c->m_db.exec("PRAGMA journal_mode=WAL", "catalog " + path + ": set WAL mode"));
    PRESCIENT_RETURN_IF_ERROR(c->m_db.exec("PRAGMA synchronous=FULL"));
    c->m_version = static_cast<int>(version.value());
    PRESCIENT_RETURN_IF_ERROR(c->migrate());
    return c;
}

Status Catalog::migrate() {
    while (m_version < kCatalogSchemaVersion) {
        PRESCIENT_RETURN_IF_ERROR(m_db.exec("BEGIN IMMEDIATE", "catalog migration"));
        auto v = m_db.queryInt("PRAGMA user_version");
        Status s = v.status();
        if (s.isOk() && v.value() != m_version) {  // another process migrated meanwhile
            (void)m_db.exec("COMMIT");
            m_version = static_cast<int>(v.value());
            continue;
        }
        std::string to = std::to_string(m_version + 1);
        if (s.isOk()) s = m_db.exec(kMigrations[m_version], "catalog migration to schema version " + to);
        if (s.isOk())
            s = m_db.exec("PRAGMA application_id=" + std::to_string(kApplicationId) + "; PRAGMA user_version=" + to);
        if (s.isOk() && m_version == 0)
            s = m_db.exec("INSERT INTO repo_meta VALUES('created_us', '" + std::to_string(nowUs()) + "')");
        if (s.isOk()) s = m_db.exec("COMMIT", "catalog migration to schema version " + to);
        if (!s.isOk()) {
            (void)m_db.exec("ROLLBACK");
            return s;
        }
        ++m_version;
    }
    return Status::ok();
}

Result<std::string> Catalog::quickCheck() {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    return m_db.queryText("PRAGMA quick_check");
}

Status Catalog::forEachBlobId(const std::function<void(const BlobId&)>& fn) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt st(m_db.handle(), "SELECT id FROM blobs");
    for (;;) {
        auto r = st.step("catalog: read blob index");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        const void* p = sqlite3_column_blob(st.handle(), 0);
        if (sqlite3_column_bytes(st.handle(), 0) != 16) return Status::corruption("catalog: malformed blob id");
        fn(BlobId::fromBytes(p));
    }
    return Status::ok();
}

Status Catalog::addPacks(const std::vector<WrittenPack>& packs) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    if (packs.empty()) return Status::ok();
    std::string what = "catalog: index " + std::to_string(packs.size()) + " pack(s)";
    PRESCIENT_RETURN_IF_ERROR(m_db.exec("BEGIN IMMEDIATE", what));
    auto fail = [&](Status s) {
        (void)m_db.exec("ROLLBACK");
        return s;
    };
    Stmt ins(m_db.handle(), "INSERT INTO packs(name, size, blob_count, created_us) VALUES(?,?,?,?)");
    Stmt blob(m_db.handle(),
              "INSERT OR IGNORE INTO blobs(id, pack_id, offset, stored_len, raw_len, codec) VALUES(?,?,?,?,?,?)");
    for (const WrittenPack& p : packs) {
        ins.bind(1, p.name).bind(2, static_cast<int64_t>(p.size)).bind(3, static_cast<int64_t>(p.entries.size()));
        ins.bind(4, nowUs());
        Status s = ins.run(what + ": pack " + p.name);
        if (!s.isOk()) return fail(s);
        int64_t packId = sqlite3_last_insert_rowid(m_db.handle());
        for (const PackEntry& e : p.entries) {
            blob.bindBlob(1, e.id.bytes.data(), 16)
                .bind(2, packId)
                .bind(3, static_cast<int64_t>(e.offset))
                .bind(4, static_cast<int64_t>(e.storedLen))
                .bind(5, static_cast<int64_t>(e.rawLen))
                .bind(6, static_cast<int64_t>(e.codec));
            s = blob.run(what + ": blobs of pack " + p.name);
            if (!s.isOk()) return fail(s);
        }
    }
    Status s = m_db.exec("COMMIT", what);
    if (!s.isOk()) return fail(s);
    return Status::ok();
}

Result<std::optional<BlobLocation>> Catalog::findBlob(const BlobId& id) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt st(m_db.handle(),
            "SELECT b.pack_id, b.offset, b.stored_len, b.raw_len, b.codec, p.name FROM blobs b "
            "JOIN packs p ON p.id = b.pack_id WHERE b.id = ?");
    st.bindBlob(1, id.bytes.data(), 16);
    auto r = st.step("catalog: look up blob " + id.hex());
    if (!r.isOk()) return r.status();
    if (!r.value()) return std::optional<BlobLocation>();
    BlobLocation loc;
    loc.packId = st.colInt(0);
    loc.entry.id = id;
    loc.entry.offset = static_cast<uint64_t>(st.colInt(1));
    loc.entry.storedLen = static_cast<uint32_t>(st.colInt(2));
    loc.entry.rawLen = static_cast<uint32_t>(st.colInt(3));
    loc.entry.codec = static_cast<Codec>(st.colInt(4));
    loc.packName = st.colText(5);
    return std::optional<BlobLocation>(loc);
}

Result<std::vector<std::optional<BlobLocation>>> Catalog::locateBlobs(const std::vector<BlobId>& ids) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    PRESCIENT_RETURN_IF_ERROR(m_db.exec("BEGIN", "catalog: locate blobs"));
    std::vector<std::optional<BlobLocation>> out(ids.size());
    auto readRow = [](const Stmt& st, const BlobId& id) {
        BlobLocation loc;
        loc.packId = st.colInt(0);
        loc.entry.id = id;
        loc.entry.offset = static_cast<uint64_t>(st.colInt(1));
        loc.entry.storedLen = static_cast<uint32_t>(st.colInt(2));
        loc.entry.rawLen = static_cast<uint32_t>(st.colInt(3));
        loc.entry.codec = static_cast<Codec>(st.colInt(4));
        loc.packName = st.colText(5);
        return loc;
    };
    const char* columns =
        "SELECT b.pack_id, b.offset, b.stored_len, b.raw_len, b.codec, p.name, b.id FROM blobs b "
        "JOIN packs p ON p.id = b.pack_id ";
    auto total = m_db.queryInt("SELECT coalesce(sum(blob_count), 0) FROM packs");
    bool sorted = std::is_sorted(ids.begin(), ids.end());
    Status s = total.status();
    if (s.isOk() && sorted && ids.size() * 4 > static_cast<uint64_t>(total.value())) {
        // Most of the index is wanted: one scan in id order merged with the sorted ids beats a lookup each.
        Stmt st(m_db.handle(), (std::string(columns) + "ORDER BY b.id").c_str());
        size_t i = 0;
        while (s.isOk() && i < ids.size()) {
            auto r = st.step("catalog: scan blob index");
            if (!r.isOk()) s = r.status();
            if (!r.isOk() || !r.value()) break;
            if (sqlite3_column_bytes(st.handle(), 6) != 16) continue;
            BlobId id = BlobId::fromBytes(sqlite3_column_blob(st.handle(), 6));
            while (i < ids.size() && ids[i] < id) ++i;
            if (i < ids.size() && ids[i] == id) out[i++] = readRow(st, id);
        }
    } else if (s.isOk()) {
        Stmt st(m_db.handle(), (std::string(columns) + "WHERE b.id = ?").c_str());
        for (size_t i = 0; s.isOk() && i < ids.size(); ++i) {
            st.bindBlob(1, ids[i].bytes.data(), 16);
            auto r = st.step("catalog: look up blob " + ids[i].hex());
            if (!r.isOk())
                s = r.status();
            else if (r.value())
                out[i] = readRow(st, ids[i]);
            st.reset();
        }
    }
    (void)m_db.exec(s.isOk() ? "COMMIT" : "ROLLBACK");
    if (!s.isOk()) return s;
    return out;
}

Result<std::vector<PackRecord>> Catalog::listPacks() {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt st(m_db.handle(), "SELECT id, name, size, blob_count FROM packs ORDER BY id");
    std::vector<PackRecord> out;
    for (;;) {
        auto r = st.step("catalog: list packs");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        out.push_back(
            {st.colInt(0), st.colText(1), static_cast<uint64_t>(st.colInt(2)), static_cast<uint64_t>(st.colInt(3))});
    }
    return out;
}

Result<std::unordered_map<int64_t, std::vector<PackEntry>>> Catalog::blobsByPack() {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt st(m_db.handle(),
            "SELECT pack_id, id, offset, stored_len, raw_len, codec FROM blobs ORDER BY pack_id, offset");
    std::unordered_map<int64_t, std::vector<PackEntry>> out;
    for (;;) {
        auto r = st.step("catalog: read blob index");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        if (sqlite3_column_bytes(st.handle(), 1) != 16) return Status::corruption("catalog: malformed blob id");
        PackEntry e;
        e.id = BlobId::fromBytes(sqlite3_column_blob(st.handle(), 1));
        e.offset = static_cast<uint64_t>(st.colInt(2));
        e.storedLen = static_cast<uint32_t>(st.colInt(3));
        e.rawLen = static_cast<uint32_t>(st.colInt(4));
        e.codec = static_cast<Codec>(st.colInt(5));
        out[st.colInt(0)].push_back(e);
    }
    return out;
}

Result<uint64_t> Catalog::blobCount() {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    auto r = m_db.queryInt("SELECT count(*) FROM blobs");
    if (!r.isOk()) return r.status();
    return static_cast<uint64_t>(r.value());
}

Result<std::vector<SnapshotInfo>> Catalog::listSnapshots() {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string sql = std::string("SELECT ") + kSnapshotColumns + "ORDER BY s.time_us, s.rowid";
    Stmt st(m_db.handle(), sql.c_str());
    std::vector<SnapshotInfo> out;
    for (;;) {
        auto r = st.step("catalog: list snapshots");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        out.push_back(readSnapshot(st));
    }
    return out;
}

Result<std::optional<SnapshotInfo>> Catalog::latestSnapshotOf(const std::string& sourcePath) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string sql =
        std::string("SELECT ") + kSnapshotColumns + "WHERE src.path = ? ORDER BY s.time_us DESC, s.rowid DESC LIMIT 1";
    Stmt st(m_db.handle(), sql.c_str());
    st.bind(1, sourcePath);
    auto r = st.step("catalog: latest snapshot of " + sourcePath);
    if (!r.isOk()) return r.status();
    if (!r.value()) return std::optional<SnapshotInfo>();
    return std::optional<SnapshotInfo>(readSnapshot(st));
}

Status Catalog::snapshotMap(const std::string& id, std::string* record, std::string* base, uint32_t* depth) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt st(m_db.handle(), "SELECT map, map_base, map_depth FROM snapshots WHERE id = ?");
    st.bind(1, id);
    auto r = st.step("catalog: page map of snapshot " + id);
    if (!r.isOk()) return r.status();
    if (!r.value()) return Status::notFound("snapshot " + id + " not found");
    *record = st.colBlob(0);
    *base = st.colIsNull(1) ? "" : st.colText(1);
    *depth = static_cast<uint32_t>(st.colInt(2));
    return Status::ok();
}

Status Catalog::ensureSource(const std::string& path, const std::string& what) {
    Stmt src(m_db.handle(), "INSERT OR IGNORE INTO sources(path, first_seen_us) VALUES(?, ?)");
    src.bind(1, path).bind(2, nowUs());
    return src.run(what);
}

Result<int64_t> Catalog::insertForSource(const std::string& sourcePath, const std::string& what,
                                         const std::function<Status()>& insert) {
    PRESCIENT_RETURN_IF_ERROR(m_db.exec("BEGIN IMMEDIATE", what));
    Status s = ensureSource(sourcePath, what);
    if (s.isOk()) s = insert();
    int64_t id = sqlite3_last_insert_rowid(m_db.handle());
    if (s.isOk()) s = m_db.exec("COMMIT", what);
    if (!s.isOk()) {
        (void)m_db.exec("ROLLBACK");
        return s;
    }
    return id;
}

Result<int64_t> Catalog::addTrace(const TraceRecord& meta, const std::string& compressed) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: store trace of " + meta.sourcePath;
    return insertForSource(meta.sourcePath, what, [&] {
        Stmt ins(m_db.handle(),
                 "INSERT INTO traces(source_id, profile, recorded_us, events, episodes, page_size, data) "
                 "VALUES((SELECT id FROM sources WHERE path = ?), ?, ?, ?, ?, ?, ?)");
        ins.bind(1, meta.sourcePath).bind(2, meta.profile).bind(3, meta.recordedUs);
        ins.bind(4, static_cast<int64_t>(meta.events)).bind(5, static_cast<int64_t>(meta.episodes));
        ins.bind(6, static_cast<int64_t>(meta.pageSize)).bindBlob(7, compressed.data(), compressed.size());
        return ins.run(what);
    });
}

Result<std::vector<TraceRecord>> Catalog::listTraces(const std::string& sourcePath) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt st(m_db.handle(),
            "SELECT t.id, s.path, t.profile, t.recorded_us, t.events, t.episodes, t.page_size, length(t.data) "
            "FROM traces t JOIN sources s ON s.id = t.source_id WHERE ?1 = '' OR s.path = ?1 "
            "ORDER BY t.recorded_us, t.id");
    st.bind(1, sourcePath);
    std::vector<TraceRecord> out;
    for (;;) {
        auto r = st.step("catalog: list traces");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        TraceRecord t;
        t.id = st.colInt(0);
        t.sourcePath = st.colText(1);
        t.profile = st.colText(2);
        t.recordedUs = st.colInt(3);
        t.events = static_cast<uint64_t>(st.colInt(4));
        t.episodes = static_cast<uint64_t>(st.colInt(5));
        t.pageSize = static_cast<uint32_t>(st.colInt(6));
        t.bytes = static_cast<uint64_t>(st.colInt(7));
        out.push_back(std::move(t));
    }
    return out;
}

Result<std::string> Catalog::traceData(int64_t id) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt st(m_db.handle(), "SELECT data FROM traces WHERE id = ?");
    st.bind(1, id);
    auto r = st.step("catalog: read trace " + std::to_string(id));
    if (!r.isOk()) return r.status();
    if (!r.value()) return Status::notFound("trace " + std::to_string(id) + " not found");
    return st.colBlob(0);
}

Result<int64_t> Catalog::addModel(const ModelRecord& meta, const std::string& data) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: store " + meta.strategy + " model of " + meta.sourcePath;
    return insertForSource(meta.sourcePath, what, [&] {
        Stmt ins(m_db.handle(),
                 "INSERT INTO models(source_id, strategy, trained_us, traces_used, metrics, data) "
                 "VALUES((SELECT id FROM sources WHERE path = ?), ?, ?, ?, ?, ?)");
        ins.bind(1, meta.sourcePath).bind(2, meta.strategy).bind(3, meta.trainedUs);
        ins.bind(4, static_cast<int64_t>(meta.tracesUsed)).bind(5, meta.metricsJson);
        ins.bindBlob(6, data.data(), data.size());
        return ins.run(what);
    });
}

namespace {
const char* kModelColumns =
    "SELECT m.id, s.path, m.strategy, m.trained_us, m.traces_used, m.metrics, length(m.data) "
    "FROM models m JOIN sources s ON s.id = m.source_id ";
ModelRecord readModel(const Stmt& st) {
    ModelRecord m;
    m.id = st.colInt(0);
    m.sourcePath = st.colText(1);
    m.strategy = st.colText(2);
    m.trainedUs = st.colInt(3);
    m.tracesUsed = static_cast<uint64_t>(st.colInt(4));
    m.metricsJson = st.colText(5);
    m.bytes = static_cast<uint64_t>(st.colInt(6));
    return m;
}
}  // namespace

Result<std::optional<ModelRecord>> Catalog::latestModel(const std::string& sourcePath, const std::string& strategy,
                                                        std::string* data) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    // The model bytes are read here only (listModels leaves them out).
    std::string columns = kModelColumns;
    columns.insert(columns.find(" FROM"), ", m.data");
    std::string sql = columns + "WHERE s.path = ? AND m.strategy = ? ORDER BY m.trained_us DESC, m.id DESC LIMIT 1";
    Stmt st(m_db.handle(), sql.c_str());
    st.bind(1, sourcePath).bind(2, strategy);
    auto r = st.step("catalog: " + strategy + " model of " + sourcePath);
    if (!r.isOk()) return r.status();
    if (!r.value()) return std::optional<ModelRecord>();
    if (data) *data = st.colBlob(7);
    return std::optional<ModelRecord>(readModel(st));
}

Result<std::vector<ModelRecord>> Catalog::listModels(const std::string& sourcePath) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string sql = std::string(kModelColumns) + "WHERE ?1 = '' OR s.path = ?1 ORDER BY m.trained_us, m.id";
    Stmt st(m_db.handle(), sql.c_str());
    st.bind(1, sourcePath);
    std::vector<ModelRecord> out;
    for (;;) {
        auto r = st.step("catalog: list models");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        out.push_back(readModel(st));
    }
    return out;
}

Status Catalog::insertSnapshot(const SnapshotInfo& info, const std::string& mapRecord, const std::string& mapBase,
                               uint32_t mapDepth) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    PRESCIENT_RETURN_IF_ERROR(m_db.exec("BEGIN IMMEDIATE", "catalog: commit snapshot " + info.id));
    auto fail = [&](Status s) {
        (void)m_db.exec("ROLLBACK");
        return s;
    };
    Status s = ensureSource(info.sourcePath, "catalog: record source " + info.sourcePath);
    if (!s.isOk()) return fail(s);
    Stmt ins(m_db.handle(),
             "INSERT INTO snapshots(id, source_id, time_us, page_size, page_count, parent, tag, bytes_new, "
             "bytes_total, pages_new, journal_mode, seconds, map, map_base, map_depth) "
             "VALUES(?, (SELECT id FROM sources WHERE path = ?), ?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, info.id).bind(2, info.sourcePath).bind(3, info.timeUs);
    ins.bind(4, static_cast<int64_t>(info.pageSize)).bind(5, static_cast<int64_t>(info.pageCount));
    if (info.parent.empty())
        ins.bindNull(6);
    else
        ins.bind(6, info.parent);
    ins.bind(7, info.tag).bind(8, static_cast<int64_t>(info.bytesNew)).bind(9, static_cast<int64_t>(info.bytesTotal));
    ins.bind(10, static_cast<int64_t>(info.pagesNew)).bind(11, info.journalMode);
    sqlite3_bind_double(ins.handle(), 12, info.seconds);
    ins.bindBlob(13, mapRecord.data(), mapRecord.size());
    if (mapBase.empty())
        ins.bindNull(14);
    else
        ins.bind(14, mapBase);
    ins.bind(15, static_cast<int64_t>(mapDepth));
    s = ins.run("catalog: commit snapshot " + info.id);
    if (!s.isOk()) return fail(s);
    s = m_db.exec("COMMIT", "catalog: commit snapshot " + info.id);
    if (!s.isOk()) return fail(s);
    return Status::ok();
}

}  // namespace prescient::repo
