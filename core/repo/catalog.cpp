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
    // 2 -> 3: restore history and alerts.
    R"sql(
    CREATE TABLE restores(
        id INTEGER PRIMARY KEY,
        snapshot_id TEXT NOT NULL,
        source_path TEXT NOT NULL,
        target TEXT NOT NULL,
        strategy TEXT NOT NULL,
        started_us INTEGER NOT NULL,
        finished_us INTEGER,
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled')),
        ttfq_s REAL,
        t90_s REAL,
        tier1 INTEGER NOT NULL,
        tier2 INTEGER NOT NULL,
        tier3 INTEGER NOT NULL,
        queries INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        precision REAL,
        message TEXT NOT NULL DEFAULT '');
    CREATE INDEX restores_by_time ON restores(started_us);
    CREATE TABLE alerts(
        id INTEGER PRIMARY KEY,
        time_us INTEGER NOT NULL,
        restore_id INTEGER REFERENCES restores(id),
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        value REAL NOT NULL,
        threshold REAL NOT NULL,
        message TEXT NOT NULL,
        target TEXT NOT NULL,
        snapshot_id TEXT NOT NULL,
        acknowledged INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX alerts_by_time ON alerts(time_us);
    )sql",
    // 3 -> 4: partition-set backups (core/partition/partitionbackup.h): runs, copies, predictions, rate log.
    // IF NOT EXISTS: a catalog whose user_version was set back by hand (tests forging an older release) keeps
    // these tables and still migrates.
    R"sql(
    CREATE TABLE IF NOT EXISTS partition_backups(
        id INTEGER PRIMARY KEY,
        set_dir TEXT NOT NULL,
        strategy TEXT NOT NULL,
        started_us INTEGER NOT NULL,
        finished_us INTEGER,
        start_epoch INTEGER NOT NULL,
        end_epoch INTEGER,
        end_map TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled')),
        figures TEXT NOT NULL DEFAULT '{}');
    CREATE TABLE IF NOT EXISTS partition_predictions(
        id INTEGER PRIMARY KEY,
        backup_id INTEGER NOT NULL REFERENCES partition_backups(id),
        made_us INTEGER NOT NULL,
        partition INTEGER NOT NULL,
        other INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('split', 'merge', 'create')),
        probability REAL NOT NULL,
        expected_us INTEGER NOT NULL,
        split_key INTEGER,
        materialized INTEGER NOT NULL DEFAULT 0,
        event_id INTEGER);
    CREATE INDEX IF NOT EXISTS partition_predictions_by_backup ON partition_predictions(backup_id, made_us);
    CREATE TABLE IF NOT EXISTS partition_copies(
        id INTEGER PRIMARY KEY,
        backup_id INTEGER NOT NULL REFERENCES partition_backups(id),
        partition INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('primary', 'shadow', 'final')),
        snapshot_id TEXT,
        taken_us INTEGER NOT NULL,
        epoch INTEGER NOT NULL,
        lo INTEGER NOT NULL,
        hi INTEGER,
        prediction_id INTEGER REFERENCES partition_predictions(id),
        kept INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX IF NOT EXISTS partition_copies_by_backup ON partition_copies(backup_id, taken_us);
    CREATE TABLE IF NOT EXISTS partition_rate_log(
        id INTEGER PRIMARY KEY,
        backup_id INTEGER NOT NULL REFERENCES partition_backups(id),
        time_us INTEGER NOT NULL,
        old_rate_mbps REAL NOT NULL,
        rate_mbps REAL NOT NULL,
        reason TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS partition_rate_log_by_backup ON partition_rate_log(backup_id, time_us);
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

namespace {

bool knownRestoreStatus(const std::string& s) {
    return s == "running" || s == "complete" || s == "failed" || s == "cancelled";
}

// Binds a value that the structs keep as "-1 = unknown" (or 0 = none): NULL in the table.
void bindOptionalReal(Stmt& st, int i, double v) {
    if (v < 0)
        st.bindNull(i);
    else
        sqlite3_bind_double(st.handle(), i, v);
}
double colOptionalReal(const Stmt& st, int i) { return st.colIsNull(i) ? -1 : sqlite3_column_double(st.handle(), i); }

// Binds the restore columns in the order of kRestoreColumns, starting at parameter 1.
void bindRestore(Stmt& st, const RestoreRecord& r) {
    st.bind(1, r.snapshotId).bind(2, r.sourcePath).bind(3, r.target).bind(4, r.strategy).bind(5, r.startedUs);
    if (r.finishedUs == 0)
        st.bindNull(6);
    else
        st.bind(6, r.finishedUs);
    st.bind(7, r.status);
    bindOptionalReal(st, 8, r.ttfqSeconds);
    bindOptionalReal(st, 9, r.t90Seconds);
    st.bind(10, static_cast<int64_t>(r.tier1)).bind(11, static_cast<int64_t>(r.tier2));
    st.bind(12, static_cast<int64_t>(r.tier3)).bind(13, static_cast<int64_t>(r.queries));
    st.bind(14, static_cast<int64_t>(r.pages)).bind(15, static_cast<int64_t>(r.bytes));
    bindOptionalReal(st, 16, r.precision);
    st.bind(17, r.message);
}

const char* kRestoreColumns =
    "snapshot_id, source_path, target, strategy, started_us, finished_us, status, ttfq_s, t90_s, tier1, tier2, "
    "tier3, queries, pages, bytes, precision, message";

}  // namespace

Result<int64_t> Catalog::addRestore(const RestoreRecord& r) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: record restore of snapshot " + r.snapshotId + " to " + r.target;
    if (!knownRestoreStatus(r.status)) return Status::invalidArgument(what + ": unknown status '" + r.status + "'");
    std::string sql =
        std::string("INSERT INTO restores(") + kRestoreColumns + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    Stmt ins(m_db.handle(), sql.c_str());
    bindRestore(ins, r);
    PRESCIENT_RETURN_IF_ERROR(ins.run(what));
    return static_cast<int64_t>(sqlite3_last_insert_rowid(m_db.handle()));
}

Status Catalog::updateRestore(const RestoreRecord& r) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: update restore " + std::to_string(r.id);
    if (!knownRestoreStatus(r.status)) return Status::invalidArgument(what + ": unknown status '" + r.status + "'");
    Stmt up(m_db.handle(),
            "UPDATE restores SET snapshot_id = ?1, source_path = ?2, target = ?3, strategy = ?4, started_us = ?5, "
            "finished_us = ?6, status = ?7, ttfq_s = ?8, t90_s = ?9, tier1 = ?10, tier2 = ?11, tier3 = ?12, "
            "queries = ?13, pages = ?14, bytes = ?15, precision = ?16, message = ?17 WHERE id = ?18");
    bindRestore(up, r);
    up.bind(18, r.id);
    PRESCIENT_RETURN_IF_ERROR(up.run(what));
    if (sqlite3_changes(m_db.handle()) == 0) return Status::notFound("restore " + std::to_string(r.id) + " not found");
    return Status::ok();
}

Result<std::vector<RestoreRecord>> Catalog::listRestores() {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string sql = std::string("SELECT id, ") + kRestoreColumns + " FROM restores ORDER BY started_us, id";
    Stmt st(m_db.handle(), sql.c_str());
    std::vector<RestoreRecord> out;
    for (;;) {
        auto r = st.step("catalog: list restores");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        RestoreRecord x;
        x.id = st.colInt(0);
        x.snapshotId = st.colText(1);
        x.sourcePath = st.colText(2);
        x.target = st.colText(3);
        x.strategy = st.colText(4);
        x.startedUs = st.colInt(5);
        x.finishedUs = st.colIsNull(6) ? 0 : st.colInt(6);
        x.status = st.colText(7);
        x.ttfqSeconds = colOptionalReal(st, 8);
        x.t90Seconds = colOptionalReal(st, 9);
        x.tier1 = static_cast<uint64_t>(st.colInt(10));
        x.tier2 = static_cast<uint64_t>(st.colInt(11));
        x.tier3 = static_cast<uint64_t>(st.colInt(12));
        x.queries = static_cast<uint64_t>(st.colInt(13));
        x.pages = static_cast<uint64_t>(st.colInt(14));
        x.bytes = static_cast<uint64_t>(st.colInt(15));
        x.precision = colOptionalReal(st, 16);
        x.message = st.colText(17);
        out.push_back(std::move(x));
    }
    return out;
}

Result<int64_t> Catalog::addAlert(const AlertRecord& a) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: record " + a.rule + " alert for " + a.target;
    Stmt ins(m_db.handle(),
             "INSERT INTO alerts(time_us, restore_id, rule, severity, value, threshold, message, target, snapshot_id, "
             "acknowledged) VALUES(?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, a.timeUs);
    if (a.restoreId == 0)
        ins.bindNull(2);
    else
        ins.bind(2, a.restoreId);
    ins.bind(3, a.rule).bind(4, a.severity);
    sqlite3_bind_double(ins.handle(), 5, a.value);
    sqlite3_bind_double(ins.handle(), 6, a.threshold);
    ins.bind(7, a.message).bind(8, a.target).bind(9, a.snapshotId).bind(10, static_cast<int64_t>(a.acknowledged));
    PRESCIENT_RETURN_IF_ERROR(ins.run(what));
    return static_cast<int64_t>(sqlite3_last_insert_rowid(m_db.handle()));
}

Result<std::vector<AlertRecord>> Catalog::listAlerts(bool unacknowledgedOnly) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt st(m_db.handle(),
            "SELECT id, time_us, restore_id, rule, severity, value, threshold, message, target, snapshot_id, "
            "acknowledged FROM alerts WHERE ?1 = 0 OR acknowledged = 0 ORDER BY time_us DESC, id DESC");
    st.bind(1, static_cast<int64_t>(unacknowledgedOnly));
    std::vector<AlertRecord> out;
    for (;;) {
        auto r = st.step("catalog: list alerts");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        AlertRecord a;
        a.id = st.colInt(0);
        a.timeUs = st.colInt(1);
        a.restoreId = st.colIsNull(2) ? 0 : st.colInt(2);
        a.rule = st.colText(3);
        a.severity = st.colText(4);
        a.value = sqlite3_column_double(st.handle(), 5);
        a.threshold = sqlite3_column_double(st.handle(), 6);
        a.message = st.colText(7);
        a.target = st.colText(8);
        a.snapshotId = st.colText(9);
        a.acknowledged = st.colInt(10) != 0;
        out.push_back(std::move(a));
    }
    return out;
}

Status Catalog::acknowledgeAlert(int64_t id) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt up(m_db.handle(), "UPDATE alerts SET acknowledged = 1 WHERE id = ?");
    up.bind(1, id);
    PRESCIENT_RETURN_IF_ERROR(up.run("catalog: acknowledge alert " + std::to_string(id)));
    if (sqlite3_changes(m_db.handle()) == 0) return Status::notFound("alert " + std::to_string(id) + " not found");
    return Status::ok();
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
