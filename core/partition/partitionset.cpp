// PartitionSet: routing, the map in partmap.db, data moves and recovery. Contract: partitionset.h; format:
// README.md.
//
// Locks, outermost first:
//   changeMutex  exclusive: one map change (split/merge/create/maintain) at a time, with its observer call;
//                shared: a MapFreeze. Writers never take it.
//   gate         passed through before taking mapMutex shared, held by a map change while it takes and
//                holds mapMutex exclusively: a waiting map change is not starved by a stream of writes.
//   mapMutex     shared: writes, scans, reads of the map; exclusive: a data move and its map commit.
//   Part::mu     one partition's connection and statement cache.
//   metaMutex    the partmap.db connection. statsMutex: the statistics not flushed yet. Neither is held
//                while taking another lock.
#include "partition/partitionset.h"

#include "partition/partmapdb.h"

#include <sqlite3.h>
#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

#include "util/env.h"
#include "util/sqlitedb.h"

namespace prescient::partition {

namespace {

constexpr const char* kMapName = "partmap.db";
constexpr const char* kLockName = "lock";
constexpr int64_t kFormat = 1;
constexpr int kScanChunk = 512;
constexpr int kOpenFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

int64_t nowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string quoted(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string num(int64_t v) { return std::to_string(v); }

std::string rangeText(int64_t lo, int64_t hi) {
    return "[" + (lo == kMinKey ? std::string("-inf") : num(lo)) + ", " +
           (hi == kMaxKey ? std::string("+inf") : num(hi)) + ")";
}

std::string partName(int64_t id) { return "p" + num(id) + ".db"; }

// p<id>.db, p<id>.db-wal, -shm, -journal: *id receives the id.
bool parsePartFile(const std::string& name, int64_t* id) {
    if (name.size() < 5 || name[0] != 'p') return false;
    size_t i = 1;
    while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
    if (i == 1 || i > 18) return false;
    std::string rest = name.substr(i);
    if (rest != ".db" && rest != ".db-wal" && rest != ".db-shm" && rest != ".db-journal") return false;
    *id = std::stoll(name.substr(1, i - 1));
    return true;
}

// Lower case, whitespace runs collapsed, none around punctuation: two spellings of one CREATE TABLE compare
// equal.
std::string normaliseSql(const std::string& sql) {
    std::string out;
    bool space = false;
    auto punct = [](char c) { return c == '(' || c == ')' || c == ','; };
    for (char c : sql) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = true;
            continue;
        }
        if (space && !out.empty() && !punct(out.back()) && !punct(c)) out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    while (!out.empty() && out.back() == ';') out.pop_back();
    return out;
}


using Value = PartitionSet::Value;
using Row = PartitionSet::Row;

void bindValue(sqlite3_stmt* st, int i, const Value& v) {
    switch (v.type) {
        case Value::kNull:
            sqlite3_bind_null(st, i);
            break;
        case Value::kInt:
            sqlite3_bind_int64(st, i, v.i);
            break;
        case Value::kReal:
            sqlite3_bind_double(st, i, v.r);
            break;
        case Value::kText:
            sqlite3_bind_text64(st, i, v.s.data(), v.s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            break;
        case Value::kBlob:
            sqlite3_bind_blob64(st, i, v.s.data(), v.s.size(), SQLITE_TRANSIENT);
            break;
    }
}

Value columnValue(sqlite3_stmt* st, int i) {
    switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
            return Value::integer(sqlite3_column_int64(st, i));
        case SQLITE_FLOAT:
            return Value::real(sqlite3_column_double(st, i));
        case SQLITE_TEXT: {
            auto p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            return Value::text(std::string(p ? p : "", sqlite3_column_bytes(st, i)));
        }
        case SQLITE_BLOB: {
            auto p = static_cast<const char*>(sqlite3_column_blob(st, i));
            return Value::blob(std::string(p ? p : "", sqlite3_column_bytes(st, i)));
        }
        default:
            return Value::null();
    }
}

uint64_t payloadBytes(const Row& row) {
    uint64_t n = 0;
    for (const auto& [name, v] : row) n += v.type == Value::kText || v.type == Value::kBlob ? v.s.size() : 8;
    return n;
}

// Runs a statement that returns no rows to the end; constraint failures are InvalidArgument.
Status runWrite(sqlite3* db, sqlite3_stmt* st, const std::string& what) {
    int rc = sqlite3_step(st);
    while (rc == SQLITE_ROW) rc = sqlite3_step(st);
    Status s;
    if (rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
            s = Status::invalidArgument(what + ": " + sqlite3_errmsg(db));
        else
            s = sqliteStatus(rc, db, what);
    }
    sqlite3_reset(st);
    return s;
}

// The table a schema defines, checked in a scratch in-memory database.
struct TableDesc {
    std::string table, key, sql;  // sql: as SQLite stores it
    std::vector<std::string> columns;
    int keyIndex = -1;
    bool keyIsPk = false;  // the single-column primary key: unique already, no index needed
};

Result<TableDesc> describeTable(const std::string& schema, const std::string& key) {
    auto mem = SqliteDb::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!mem.isOk()) return mem.status();
    if (schema.empty()) return Status::invalidArgument("no schema: give one CREATE TABLE statement");
    Status s = mem->exec(schema, "schema");
    if (!s.isOk()) return Status::invalidArgument(s.detail());
    TableDesc d;
    int tables = 0;
    {
        Stmt st(mem->handle(), "SELECT type, name, sql FROM sqlite_master");
        for (auto r = st.step(); r.isOk() && r.value(); r = st.step()) {
            if (st.colText(0) == "table") {
                ++tables;
                d.table = st.colText(1);
                d.sql = st.colText(2);
            } else if (!st.colIsNull(2)) {
                return Status::invalidArgument("schema must be one CREATE TABLE statement (it also makes " +
                                               st.colText(0) + " " + st.colText(1) + ")");
            }
        }
    }
    if (tables != 1) return Status::invalidArgument("schema must be one CREATE TABLE statement");
    if (d.table.rfind("sqlite_", 0) == 0) return Status::invalidArgument("table name " + d.table + " is reserved");
    Stmt info(mem->handle(), ("PRAGMA table_info(" + quoted(d.table) + ")").c_str());
    int pks = 0;
    bool keyPk = false;
    std::string keyType;
    for (auto r = info.step(); r.isOk() && r.value(); r = info.step()) {
        std::string name = info.colText(1);
        if (info.colInt(5) > 0) ++pks;
        if (strcasecmp(name.c_str(), key.c_str()) == 0) {
            d.keyIndex = static_cast<int>(d.columns.size());
            d.key = name;
            keyType = info.colText(2);
            keyPk = info.colInt(5) > 0;
        }
        d.columns.push_back(name);
    }
    if (d.keyIndex < 0) return Status::invalidArgument("table " + d.table + " has no column '" + key + "'");
    std::string upper;
    for (char c : keyType) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.find("INT") == std::string::npos)
        return Status::invalidArgument("key column " + d.key + " must be declared INTEGER (it is '" + keyType + "')");
    d.keyIsPk = keyPk && pks == 1;
    return d;
}

// A partitions row as stored: file is the name inside the set's folder.
using MapRow = PartitionInfo;

std::string partLabel(const MapRow& r) { return "partition " + num(r.id) + " " + rangeText(r.lo, r.hi); }

// Sorted by lo: covering [kMinKey, +inf) without gap or overlap, plain file names.
Status validateRanges(const std::vector<MapRow>& rows) {
    if (rows.empty()) return Status::corruption("partmap.db: the map has no partition");
    if (rows.front().lo != kMinKey)
        return Status::corruption("partmap.db: " + partLabel(rows.front()) + " is the lowest but starts at " +
                                  num(rows.front().lo) + ": lower keys belong to no partition");
    for (size_t i = 0; i < rows.size(); ++i) {
        const MapRow& r = rows[i];
        if (r.file.empty() || r.file.find('/') != std::string::npos || r.file == "." || r.file == "..")
            return Status::corruption("partmap.db: partition " + num(r.id) + " has a bad file name '" + r.file + "'");
        if (r.hi != kMaxKey && r.hi <= r.lo)
            return Status::corruption("partmap.db: partition " + num(r.id) + " has an empty range " +
                                      rangeText(r.lo, r.hi));
        if (i == 0) continue;
        const MapRow& p = rows[i - 1];
        if (p.hi == kMaxKey || r.lo < p.hi)
            return Status::corruption("partmap.db: " + partLabel(p) + " and " + partLabel(r) + " overlap");
        if (r.lo > p.hi)
            return Status::corruption("partmap.db: keys " + rangeText(p.hi, r.lo) +
                                      " belong to no partition (gap "
                                      "between " +
                                      partLabel(p) + " and " + partLabel(r) + ")");
        if (p.file == r.file)
            return Status::corruption("partmap.db: partitions " + num(p.id) + " and " + num(r.id) + " share file " +
                                      r.file);
    }
    if (rows.back().hi != kMaxKey)
        return Status::corruption("partmap.db: " + partLabel(rows.back()) + " is the highest but ends at " +
                                  num(rows.back().hi) + ": keys from there up belong to no partition");
    return Status::ok();
}

Result<std::vector<MapRow>> loadMapRows(SqliteDb& meta) { return detail::readPartitionRows(meta); }

// One partition: its range (guarded by the set's mapMutex), its connection and statement cache.
struct Part {
    int64_t id = 0;
    std::string file;  // absolute
    int64_t lo = kMinKey, hi = kMaxKey;
    int64_t createdUs = 0;
    std::atomic<int64_t> rows{0};  // changed under mu
    std::mutex mu;
    SqliteDb db;                                                   // GUARDED_BY(mu)
    std::unordered_map<std::string, std::unique_ptr<Stmt>> stmts;  // GUARDED_BY(mu); destroyed before db

    bool holds(int64_t k) const { return k >= lo && (hi == kMaxKey || k < hi); }
    // A cached, reset statement. mu held.
    Result<sqlite3_stmt*> stmt(const std::string& sql) {
        auto it = stmts.find(sql);
        if (it == stmts.end()) {
            auto st = std::make_unique<Stmt>(db.handle(), sql.c_str());
            if (!st->prepared().isOk()) return st->prepared().withContext(file);
            it = stmts.emplace(sql, std::move(st)).first;
        }
        sqlite3_reset(it->second->handle());
        sqlite3_clear_bindings(it->second->handle());
        return it->second->handle();
    }
    void close() {
        stmts.clear();
        db.close();
    }
};

Status removePartFiles(Env* env, const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        Status s = env->remove(path + suffix);
        if (!s.isOk() && s.code() != Status::Code::kNotFound) return s;
    }
    return Status::ok();
}

}  // namespace

const char* eventName(EventKind k) {
    switch (k) {
        case EventKind::kSplit:
            return "split";
        case EventKind::kMerge:
            return "merge";
        case EventKind::kCreate:
            return "create";
        case EventKind::kDrop:
            return "drop";
    }
    return "?";
}

EventKind eventKindFromName(const std::string& s) {
    if (s == "merge") return EventKind::kMerge;
    if (s == "create") return EventKind::kCreate;
    if (s == "drop") return EventKind::kDrop;
    return EventKind::kSplit;
}

struct PartitionSet::Impl {
    Env* env = Env::posix();
    std::string dir;
    bool readOnly = false;
    std::unique_ptr<FileLock> lock;
    std::vector<std::string> notices;  // written during open only
    TableDesc desc;
    int64_t bucketUs = 1000000;

    std::shared_mutex changeMutex;
    std::mutex gate;
    std::shared_mutex mapMutex;
    std::vector<std::shared_ptr<Part>> parts;  // GUARDED_BY(mapMutex), by lo
    uint64_t epoch = 0;                        // GUARDED_BY(mapMutex)
    int64_t nextId = 1;                        // GUARDED_BY(changeMutex)

    std::mutex metaMutex;
    SqliteDb meta;  // GUARDED_BY(metaMutex)

    std::mutex statsMutex;
    std::map<std::pair<int64_t, int64_t>, WriteStats> pending;  // GUARDED_BY(statsMutex); (bucket, partition)
    int64_t currentBucket = 0;                                  // GUARDED_BY(statsMutex)

    std::mutex hookMutex;
    std::function<void(const PartitionEvent&)> observer;  // GUARDED_BY(hookMutex)
    std::function<bool(const char*)> crashAt;             // GUARDED_BY(hookMutex)
    std::atomic<bool> dead{false};

    ~Impl() {
        if (!dead && !readOnly) {
            std::vector<WriteStats> all;
            for (auto& [k, w] : pending) all.push_back(w);
            (void)flushStats(all);
        }
        parts.clear();
        meta.close();
    }

    std::string k() const { return quoted(desc.key); }
    std::string t() const { return quoted(desc.table); }
    std::string columnList() const {
        std::string s;
        for (const auto& c : desc.columns) s += (s.empty() ? "" : ", ") + quoted(c);
        return s;
    }
    // "k >= ?1 AND k < ?2" (no upper bound when hi is unbounded).
    std::string inRange(int64_t hi) const { return k() + " >= ?1" + (hi == kMaxKey ? "" : " AND " + k() + " < ?2"); }
    std::string outOfRange(int64_t hi) const { return k() + " < ?1" + (hi == kMaxKey ? "" : " OR " + k() + " >= ?2"); }
    static void bindRange(sqlite3_stmt* st, int64_t lo, int64_t hi) {
        sqlite3_bind_int64(st, 1, lo);
        if (hi != kMaxKey) sqlite3_bind_int64(st, 2, hi);
    }

    std::shared_lock<std::shared_mutex> readMap() {
        { std::lock_guard<std::mutex> g(gate); }
        return std::shared_lock<std::shared_mutex>(mapMutex);
    }

    Status usable(bool write) const {
        if (dead) return Status::ioError("partition set " + dir + " stopped by an injected crash; open it again");
        if (write && readOnly) return Status::invalidArgument("partition set " + dir + " is open read-only");
        return Status::ok();
    }

    // mapMutex held.
    std::shared_ptr<Part> byKey(int64_t key) const {
        auto it = std::upper_bound(parts.begin(), parts.end(), key,
                                   [](int64_t k, const std::shared_ptr<Part>& p) { return k < p->lo; });
        return it == parts.begin() ? nullptr : *(it - 1);
    }
    std::shared_ptr<Part> byId(int64_t id) const {
        for (const auto& p : parts)
            if (p->id == id) return p;
        return nullptr;
    }

    bool crash(const char* step) {
        std::function<bool(const char*)> fn;
        {
            std::lock_guard<std::mutex> g(hookMutex);
            fn = crashAt;
        }
        if (fn && fn(step)) dead = true;
        return dead;
    }
    Status crashed(const char* op) const {
        return Status::ioError("partition set " + dir + ": " + op + " stopped by the crash hook");
    }
    void notify(const PartitionEvent& ev) {
        std::function<void(const PartitionEvent&)> fn;
        {
            std::lock_guard<std::mutex> g(hookMutex);
            fn = observer;
        }
        if (fn) fn(ev);
    }

    // --- statistics ---
    void record(int64_t part, uint64_t ins, uint64_t upd, uint64_t del, uint64_t bytes) {
        int64_t now = nowUs();
        int64_t bucket = now - (now % bucketUs + bucketUs) % bucketUs;
        std::vector<WriteStats> due;
        {
            std::lock_guard<std::mutex> g(statsMutex);
            WriteStats& w = pending[{bucket, part}];
            w.partition = part;
            w.bucketUs = bucket;
            w.inserts += ins;
            w.updates += upd;
            w.deletes += del;
            w.bytes += bytes;
            if (bucket > currentBucket) {  // a bucket ended: flush every older one, once
                currentBucket = bucket;
                for (auto it = pending.begin(); it != pending.end() && it->first.first < bucket;) {
                    due.push_back(it->second);
                    it = pending.erase(it);
                }
            }
        }
        if (!due.empty() && !flushStats(due).isOk()) {
            std::lock_guard<std::mutex> g(statsMutex);  // keep them for the next flush
            for (const auto& w : due) {
                WriteStats& p = pending[{w.bucketUs, w.partition}];
                p.partition = w.partition;
                p.bucketUs = w.bucketUs;
                p.inserts += w.inserts;
                p.updates += w.updates;
                p.deletes += w.deletes;
                p.bytes += w.bytes;
            }
        }
    }
    Status flushStats(const std::vector<WriteStats>& rows) {
        if (rows.empty()) return Status::ok();
        std::lock_guard<std::mutex> g(metaMutex);
        PRESCIENT_RETURN_IF_ERROR(meta.exec("BEGIN IMMEDIATE", "partmap.db: flush statistics"));
        Stmt st(meta.handle(),
                "INSERT INTO stats(partition, bucket_us, inserts, updates, deletes, bytes) VALUES(?,?,?,?,?,?) "
                "ON CONFLICT(partition, bucket_us) DO UPDATE SET inserts = inserts + excluded.inserts, "
                "updates = updates + excluded.updates, deletes = deletes + excluded.deletes, "
                "bytes = bytes + excluded.bytes");
        Status s = st.prepared();
        for (size_t i = 0; s.isOk() && i < rows.size(); ++i) {
            const WriteStats& w = rows[i];
            st.reset();
            st.bind(1, w.partition).bind(2, w.bucketUs).bind(3, static_cast<int64_t>(w.inserts));
            st.bind(4, static_cast<int64_t>(w.updates)).bind(5, static_cast<int64_t>(w.deletes));
            st.bind(6, static_cast<int64_t>(w.bytes));
            s = st.run("partmap.db: flush statistics");
        }
        if (s.isOk()) s = meta.exec("COMMIT", "partmap.db: flush statistics");
        if (!s.isOk()) (void)meta.exec("ROLLBACK");
        return s;
    }

    // --- partmap.db ---
    // Runs body inside one partmap.db transaction (synchronous=FULL: durable when this returns ok).
    Status commitMap(const std::function<Status()>& body) {
        std::lock_guard<std::mutex> g(metaMutex);
        PRESCIENT_RETURN_IF_ERROR(meta.exec("BEGIN IMMEDIATE", "partmap.db: begin map change"));
        Status s = body();
        if (s.isOk()) s = meta.exec("COMMIT", "partmap.db: commit map change");
        if (!s.isOk()) (void)meta.exec("ROLLBACK");
        return s;
    }
    // Inside commitMap: the epoch bump, next id and event row. Fills ev.id and ev.epochAfter.
    Status logChange(PartitionEvent& ev, uint64_t newEpoch, int64_t newNextId) {
        Stmt up(meta.handle(), "UPDATE meta SET value = ? WHERE key = ?");
        PRESCIENT_RETURN_IF_ERROR(up.bind(1, static_cast<int64_t>(newEpoch)).bind(2, std::string("epoch")).run());
        up.reset();
        PRESCIENT_RETURN_IF_ERROR(up.bind(1, newNextId).bind(2, std::string("next_id")).run());
        ev.epochAfter = newEpoch;
        Stmt st(meta.handle(),
                "INSERT INTO events(time_us, kind, partition, other, key, epoch_after) VALUES(?,?,?,?,?,?)");
        st.bind(1, ev.timeUs).bind(2, std::string(eventName(ev.kind))).bind(3, ev.partition).bind(4, ev.other);
        st.bind(5, ev.key).bind(6, static_cast<int64_t>(newEpoch));
        PRESCIENT_RETURN_IF_ERROR(st.run("partmap.db: log event"));
        ev.id = sqlite3_last_insert_rowid(meta.handle());
        return Status::ok();
    }
    Status setPartitionHi(int64_t id, int64_t hi) {
        Stmt st(meta.handle(), "UPDATE partitions SET hi = ? WHERE id = ?");
        if (hi == kMaxKey)
            st.bindNull(1);
        else
            st.bind(1, hi);
        return st.bind(2, id).run("partmap.db: set hi of partition " + num(id));
    }
    Status insertPartition(const Part& p) {
        Stmt st(meta.handle(), "INSERT INTO partitions(id, file, lo, hi, created_us) VALUES(?,?,?,?,?)");
        st.bind(1, p.id).bind(2, partName(p.id)).bind(3, p.lo).bind(5, p.createdUs);
        if (p.hi == kMaxKey)
            st.bindNull(4);
        else
            st.bind(4, p.hi);
        return st.run("partmap.db: add partition " + num(p.id));
    }

    // --- partition files ---
    Result<SqliteDb> openPartDb(const std::string& path) {
        auto db = SqliteDb::open(path, readOnly ? (SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX) : kOpenFlags);
        if (!db.isOk()) return db.status();
        sqlite3_busy_timeout(db->handle(), 5000);
        if (!readOnly) PRESCIENT_RETURN_IF_ERROR(db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", path));
        return db;
    }
    // A new partition file with the table (and the key's unique index), synchronous=FULL until installed.
    Result<std::shared_ptr<Part>> createPart(int64_t id) {
        auto p = std::make_shared<Part>();
        p->id = id;
        p->file = joinPath(dir, partName(id));
        p->createdUs = nowUs();
        PRESCIENT_RETURN_IF_ERROR(removePartFiles(env, p->file));
        auto db = SqliteDb::open(p->file, kOpenFlags | SQLITE_OPEN_CREATE);
        if (!db.isOk()) return db.status();
        p->db = std::move(db.value());
        sqlite3_busy_timeout(p->db.handle(), 5000);
        Status s =
            p->db.exec("PRAGMA auto_vacuum=INCREMENTAL; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", p->file);
        if (s.isOk()) s = p->db.exec(desc.sql, p->file + ": create table");
        if (s.isOk() && !desc.keyIsPk)
            s = p->db.exec("CREATE UNIQUE INDEX " + quoted(desc.table + "_" + desc.key + "_partkey") + " ON " + t() +
                               "(" + k() + ")",
                           p->file + ": create key index");
        if (!s.isOk()) {
            p->close();
            (void)removePartFiles(env, p->file);
            return s;
        }
        return p;
    }
    // The table's CREATE statement in an open partition file equals the set's.
    Status checkSchema(const Part& p) {
        Stmt st(p.db.handle(), "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
        st.bind(1, desc.table);
        auto r = st.step(p.file + ": read schema");
        if (!r.isOk()) return r.status();
        if (!r.value())
            return Status::corruption(p.file + ": schema differs from the set's (no table " + desc.table + ")");
        if (normaliseSql(st.colText(0)) != normaliseSql(desc.sql))
            return Status::corruption(p.file + ": schema differs from the set's (" + st.colText(0) + " instead of " +
                                      desc.sql + ")");
        return Status::ok();
    }
    // Copies the rows of srcFile with lo <= key < hi into dst (one transaction); returns how many. dst.mu held.
    Result<uint64_t> copyRows(Part& dst, const std::string& srcFile, int64_t lo, int64_t hi) {
        sqlite3* db = dst.db.handle();
        Stmt attach(db, "ATTACH DATABASE ? AS movesrc");
        PRESCIENT_RETURN_IF_ERROR(attach.bind(1, srcFile).run(dst.file + ": attach " + srcFile));
        std::string cols = columnList();
        std::string sql = "INSERT INTO main." + t() + "(" + cols + ") SELECT " + cols + " FROM movesrc." + t() +
                          " WHERE " + inRange(hi);
        Stmt st(db, sql.c_str());
        Status s = st.prepared();
        if (s.isOk()) {
            bindRange(st.handle(), lo, hi);
            s = runWrite(db, st.handle(), dst.file + ": copy rows from " + srcFile);
        }
        uint64_t n = s.isOk() ? static_cast<uint64_t>(sqlite3_changes64(db)) : 0;
        Status d = dst.db.exec("DETACH DATABASE movesrc", dst.file + ": detach");
        if (!s.isOk()) return s;
        if (!d.isOk()) return d;
        return n;
    }
    // Deletes rows with lo <= key < hi from p; returns how many. p.mu held.
    Result<uint64_t> deleteRange(Part& p, int64_t lo, int64_t hi) {
        auto st = p.stmt("DELETE FROM " + t() + " WHERE " + inRange(hi));
        if (!st.isOk()) return st.status();
        bindRange(st.value(), lo, hi);
        PRESCIENT_RETURN_IF_ERROR(runWrite(p.db.handle(), st.value(), p.file + ": delete moved rows"));
        uint64_t n = static_cast<uint64_t>(sqlite3_changes64(p.db.handle()));
        if (n > 0) (void)p.db.exec("PRAGMA incremental_vacuum");
        return n;
    }
    // Rows of p in its range; p.mu held.
    Result<uint64_t> countIn(Part& p) {
        auto st = p.stmt("SELECT COUNT(*) FROM " + t() + " WHERE " + inRange(p.hi));
        if (!st.isOk()) return st.status();
        bindRange(st.value(), p.lo, p.hi);
        int rc = sqlite3_step(st.value());
        if (rc != SQLITE_ROW) return sqliteStatus(rc, p.db.handle(), p.file + ": count rows");
        uint64_t n = static_cast<uint64_t>(sqlite3_column_int64(st.value(), 0));
        sqlite3_reset(st.value());
        return n;
    }
    // The highest (desc) or lowest key of p in [lo, hi), or nullopt. p.mu held.
    Result<std::optional<int64_t>> edgeKey(Part& p, int64_t lo, int64_t hi, bool highest) {
        auto st = p.stmt("SELECT " + k() + " FROM " + t() + " WHERE " + inRange(hi) + " ORDER BY " + k() +
                         (highest ? " DESC" : "") + " LIMIT 1");
        if (!st.isOk()) return st.status();
        bindRange(st.value(), lo, hi);
        int rc = sqlite3_step(st.value());
        std::optional<int64_t> v;
        if (rc == SQLITE_ROW)
            v = sqlite3_column_int64(st.value(), 0);
        else if (rc != SQLITE_DONE)
            return sqliteStatus(rc, p.db.handle(), p.file + ": read key");
        sqlite3_reset(st.value());
        return v;
    }
    Result<bool> hasKey(Part& p, int64_t key) {
        auto r = edgeKey(p, key, key == kMaxKey ? kMaxKey : key + 1, false);
        if (!r.isOk()) return r.status();
        return r->has_value() && **r == key;
    }
    // mapMutex held (any mode).
    Result<std::optional<int64_t>> highest() {
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
            std::lock_guard<std::mutex> g((*it)->mu);
            auto r = edgeKey(**it, (*it)->lo, (*it)->hi, true);
            if (!r.isOk() || r->has_value()) return r;
        }
        return std::optional<int64_t>();
    }

    // --- open ---
    Status loadMeta();
    Status loadParts();
    Status recoverStrayRows();
    Status recoverOrphans();

    // --- map changes (changeMutex held exclusively) ---
    Result<PartitionEvent> doSplit(int64_t id, int64_t key);
    Result<PartitionEvent> doMerge(int64_t left, int64_t right);
    Result<PartitionEvent> doCreate(int64_t span);
    Result<PartitionEvent> doMaintain(const MaintenancePolicy& policy);

    static Result<std::unique_ptr<PartitionSet>> finishOpen(std::unique_ptr<Impl> impl);
};

Status PartitionSet::Impl::loadMeta() {
    auto text = [&](const char* key) -> Result<std::string> {
        Stmt st(meta.handle(), "SELECT value FROM meta WHERE key = ?");
        st.bind(1, std::string(key));
        auto r = st.step("partmap.db: read meta");
        if (!r.isOk()) return r.status();
        if (!r.value())
            return Status::corruption(joinPath(dir, kMapName) + ": no '" + key + "' in meta (an interrupted create?)");
        return st.colText(0);
    };
    auto format = text("format");
    if (!format.isOk()) return format.status();
    if (std::atoll(format->c_str()) != kFormat)
        return Status::invalidArgument(joinPath(dir, kMapName) + ": unknown format " + format.value());
    auto schema = text("schema");
    auto key = text("key_column");
    auto ep = text("epoch");
    auto bucket = text("stats_bucket_us");
    auto next = text("next_id");
    for (const auto* r : {&schema, &key, &ep, &bucket, &next})
        if (!r->isOk()) return r->status();
    auto d = describeTable(schema.value(), key.value());
    if (!d.isOk()) return Status::corruption(joinPath(dir, kMapName) + ": bad schema: " + d.status().detail());
    desc = std::move(d.value());
    epoch = std::strtoull(ep->c_str(), nullptr, 10);
    bucketUs = std::max<int64_t>(1, std::atoll(bucket->c_str()));
    nextId = std::atoll(next->c_str());
    return Status::ok();
}

// Reads and validates the map, opens every partition file and checks its schema.
Status PartitionSet::Impl::loadParts() {
    Result<std::vector<MapRow>> rows = Status::corruption("partmap.db: not read");
    {
        std::lock_guard<std::mutex> g(metaMutex);
        PRESCIENT_RETURN_IF_ERROR(meta.exec("BEGIN", "partmap.db: read map"));  // one snapshot of the map
        Status s = loadMeta();
        if (s.isOk()) rows = loadMapRows(meta);
        (void)meta.exec("COMMIT");
        PRESCIENT_RETURN_IF_ERROR(s);
    }
    if (!rows.isOk()) return rows.status();
    PRESCIENT_RETURN_IF_ERROR(validateRanges(rows.value()));
    std::vector<std::shared_ptr<Part>> loaded;
    for (const MapRow& r : rows.value()) {
        auto p = std::make_shared<Part>();
        p->id = r.id;
        p->file = joinPath(dir, r.file);
        p->lo = r.lo;
        p->hi = r.hi;
        p->createdUs = r.createdUs;
        auto st = env->stat(p->file);
        if (!st.isOk()) {
            if (st.status().code() == Status::Code::kNotFound)
                return Status::corruption("partition " + num(r.id) + ": file " + p->file + " is missing");
            return st.status();
        }
        auto db = openPartDb(p->file);
        if (!db.isOk()) return db.status().withContext("partition " + num(r.id));
        p->db = std::move(db.value());
        PRESCIENT_RETURN_IF_ERROR(checkSchema(*p));
        if (r.id >= nextId) nextId = r.id + 1;
        loaded.push_back(std::move(p));
    }
    parts = std::move(loaded);
    return Status::ok();
}

// Rows outside their partition's range: left by a split (after the map commit) or a merge (before it)
// that a crash interrupted. Deleted only when the partition owning the key holds the same key.
Status PartitionSet::Impl::recoverStrayRows() {
    for (const auto& p : parts) {
        std::vector<int64_t> keys;
        {
            auto st = p->stmt("SELECT " + k() + " FROM " + t() + " WHERE " + outOfRange(p->hi));
            if (!st.isOk()) return st.status();
            bindRange(st.value(), p->lo, p->hi);
            int rc;
            while ((rc = sqlite3_step(st.value())) == SQLITE_ROW) keys.push_back(sqlite3_column_int64(st.value(), 0));
            sqlite3_reset(st.value());
            if (rc != SQLITE_DONE) return sqliteStatus(rc, p->db.handle(), p->file + ": find stray rows");
        }
        if (keys.empty()) continue;
        std::map<int64_t, uint64_t> owners;
        for (int64_t key : keys) {
            auto owner = byKey(key);
            auto has = hasKey(*owner, key);
            if (!has.isOk()) return has.status();
            if (!has.value())
                return Status::corruption("partition " + num(p->id) + " " + rangeText(p->lo, p->hi) + " (" + p->file +
                                          ") holds key " + num(key) + " outside its range, and partition " +
                                          num(owner->id) + ", which owns it, does not: not removed");
            ++owners[owner->id];
        }
        auto st = p->stmt("DELETE FROM " + t() + " WHERE " + outOfRange(p->hi));
        if (!st.isOk()) return st.status();
        bindRange(st.value(), p->lo, p->hi);
        PRESCIENT_RETURN_IF_ERROR(runWrite(p->db.handle(), st.value(), p->file + ": delete stray rows"));
        std::string where;
        for (const auto& [id, n] : owners) where += (where.empty() ? "" : ", ") + num(id);
        notices.push_back("partition " + num(p->id) + ": deleted " + num(static_cast<int64_t>(keys.size())) +
                          " rows outside its range " + rangeText(p->lo, p->hi) +
                          " (left by an interrupted split or merge; partition(s) " + where + " hold them)");
    }
    return Status::ok();
}

// Partition files not in the map: the new file of a split or creation that never committed, or the file a
// committed merge had not removed yet. Removed when every key they hold is held by its owner in the map.
Status PartitionSet::Impl::recoverOrphans() {
    auto names = env->listDir(dir);
    if (!names.isOk()) return names.status();
    std::map<int64_t, std::vector<std::string>> orphans;
    for (const auto& n : names.value()) {
        int64_t id = 0;
        if (parsePartFile(n, &id) && !byId(id)) orphans[id].push_back(n);
    }
    for (const auto& [id, files] : orphans) {
        std::string path = joinPath(dir, partName(id));
        if (env->stat(path).isOk()) {
            auto db = SqliteDb::open(path, kOpenFlags);
            if (!db.isOk()) return db.status().withContext("file " + path + " is not in the map; not removed");
            Stmt has(db->handle(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
            has.bind(1, desc.table);
            auto r = has.step(path);
            if (!r.isOk())
                return Status::corruption("file " + path + " is not in the map and cannot be read (" +
                                          r.status().detail() + "): not removed");
            if (r.value()) {
                Stmt st(db->handle(), ("SELECT " + k() + " FROM " + t()).c_str());
                if (!st.prepared().isOk()) return st.prepared();
                while (true) {
                    auto row = st.step(path);
                    if (!row.isOk()) return row.status();
                    if (!row.value()) break;
                    int64_t key = st.colInt(0);
                    auto owner = byKey(key);
                    auto held = hasKey(*owner, key);
                    if (!held.isOk()) return held.status();
                    if (!held.value())
                        return Status::corruption("file " + path + " is not in the map and holds key " + num(key) +
                                                  ", which partition " + num(owner->id) + " does not: not removed");
                }
            }
        }
        PRESCIENT_RETURN_IF_ERROR(removePartFiles(env, path));
        notices.push_back("removed " + partName(id) +
                          ": not in the map (left by a split or creation that never committed, or by a merge)");
    }
    if (!orphans.empty()) PRESCIENT_RETURN_IF_ERROR(env->syncDir(dir));
    return Status::ok();
}

Result<PartitionEvent> PartitionSet::Impl::doSplit(int64_t id, int64_t key) {
    std::shared_ptr<Part> src;
    {
        auto lk = readMap();
        src = byId(id);
        if (!src) return Status::notFound("partition " + num(id) + " does not exist in " + dir);
        if (key <= src->lo || !src->holds(key))
            return Status::invalidArgument("split key " + num(key) + " is not strictly inside partition " + num(id) +
                                           " " + rangeText(src->lo, src->hi));
    }
    auto created = createPart(nextId);
    if (!created.isOk()) return created.status();
    std::shared_ptr<Part> dst = created.value();
    if (crash("created")) return crashed("split");
    auto fail = [&](const Status& s) {
        dst->close();
        (void)removePartFiles(env, dst->file);
        return s;
    };
    std::lock_guard<std::mutex> g(gate);
    std::unique_lock<std::shared_mutex> x(mapMutex);
    std::scoped_lock parts2(src->mu, dst->mu);
    const int64_t hi = src->hi;
    auto moved = copyRows(*dst, src->file, key, hi);  // durable: dst is synchronous=FULL
    if (!moved.isOk()) return fail(moved.status());
    Status s = env->syncDir(dir);
    if (!s.isOk()) return fail(s);
    if (crash("copied")) return crashed("split");
    dst->lo = key;
    dst->hi = hi;
    PartitionEvent ev;
    ev.timeUs = nowUs();
    ev.kind = EventKind::kSplit;
    ev.partition = id;
    ev.other = dst->id;
    ev.key = key;
    s = commitMap([&] {
        PRESCIENT_RETURN_IF_ERROR(setPartitionHi(id, key));
        PRESCIENT_RETURN_IF_ERROR(insertPartition(*dst));
        return logChange(ev, epoch + 1, dst->id + 1);
    });
    if (!s.isOk()) return fail(s);
    if (crash("committed")) return crashed("split");
    // Committed: install, then remove the moved rows from the old partition.
    src->hi = key;
    dst->rows = static_cast<int64_t>(moved.value());
    parts.insert(std::find(parts.begin(), parts.end(), src) + 1, dst);
    epoch = ev.epochAfter;
    nextId = dst->id + 1;
    (void)dst->db.exec("PRAGMA synchronous=NORMAL");
    auto removed = deleteRange(*src, key, hi);
    if (!removed.isOk()) {
        notices.push_back("split of partition " + num(id) + " committed but its moved rows remain (deleted at the " +
                          "next open): " + removed.status().toString());
        return ev;
    }
    src->rows -= static_cast<int64_t>(removed.value());
    return ev;
}

Result<PartitionEvent> PartitionSet::Impl::doMerge(int64_t left, int64_t right) {
    std::shared_ptr<Part> l, r;
    {
        auto lk = readMap();
        l = byId(left);
        r = byId(right);
        if (!l) return Status::notFound("partition " + num(left) + " does not exist in " + dir);
        if (!r) return Status::notFound("partition " + num(right) + " does not exist in " + dir);
        if (l->hi != r->lo)
            return Status::invalidArgument("partitions " + num(left) + " " + rangeText(l->lo, l->hi) + " and " +
                                           num(right) + " " + rangeText(r->lo, r->hi) +
                                           " are not adjacent (the right one must start where the left one ends)");
    }
    std::lock_guard<std::mutex> g(gate);
    std::unique_lock<std::shared_mutex> x(mapMutex);
    std::scoped_lock parts2(l->mu, r->mu);
    const int64_t boundary = r->lo, hi = r->hi;
    (void)l->db.exec("PRAGMA synchronous=FULL");
    auto moved = copyRows(*l, r->file, boundary, hi);
    (void)l->db.exec("PRAGMA synchronous=NORMAL");
    if (!moved.isOk()) return moved.status();
    if (crash("copied")) return crashed("merge");
    PartitionEvent ev;
    ev.timeUs = nowUs();
    ev.kind = EventKind::kMerge;
    ev.partition = left;
    ev.other = right;
    ev.key = boundary;
    Status s = commitMap([&] {
        PRESCIENT_RETURN_IF_ERROR(setPartitionHi(left, hi));
        Stmt del(meta.handle(), "DELETE FROM partitions WHERE id = ?");
        PRESCIENT_RETURN_IF_ERROR(del.bind(1, right).run("partmap.db: remove partition " + num(right)));
        return logChange(ev, epoch + 1, nextId);
    });
    if (!s.isOk()) {
        (void)deleteRange(*l, boundary, hi);  // undo the copy: the old map stands
        return s;
    }
    if (crash("committed")) return crashed("merge");
    l->hi = hi;
    l->rows += static_cast<int64_t>(moved.value());
    parts.erase(std::find(parts.begin(), parts.end(), r));
    epoch = ev.epochAfter;
    r->close();
    Status rm = removePartFiles(env, r->file);
    if (rm.isOk()) rm = env->syncDir(dir);
    if (!rm.isOk())
        notices.push_back("merge of partition " + num(right) + " committed but its file remains (removed at the " +
                          "next open): " + rm.toString());
    return ev;
}

Result<PartitionEvent> PartitionSet::Impl::doCreate(int64_t span) {
    if (span <= 0) return Status::invalidArgument("createAbove: span must be positive (got " + num(span) + ")");
    auto created = createPart(nextId);
    if (!created.isOk()) return created.status();
    std::shared_ptr<Part> dst = created.value();
    auto fail = [&](const Status& s) {
        dst->close();
        (void)removePartFiles(env, dst->file);
        return s;
    };
    if (crash("created")) return crashed("create");
    Status s = env->syncDir(dir);
    if (!s.isOk()) return fail(s);
    std::lock_guard<std::mutex> g(gate);
    std::unique_lock<std::shared_mutex> x(mapMutex);
    std::shared_ptr<Part> top = parts.back();
    std::optional<int64_t> maxTop;
    {
        std::lock_guard<std::mutex> lt(top->mu);
        auto m = edgeKey(*top, top->lo, kMaxKey, true);
        if (!m.isOk()) return fail(m.status());
        maxTop = m.value();
    }
    if (maxTop && *maxTop >= kMaxKey - 1)
        return fail(Status::invalidArgument("createAbove: no room above key " + num(*maxTop)));
    int64_t b;
    if (top->lo == kMinKey) {
        b = maxTop ? *maxTop + 1 : 0;
    } else {
        if (top->lo >= kMaxKey - span)
            return fail(
                Status::invalidArgument("createAbove: no room for span " + num(span) + " above " + num(top->lo)));
        b = top->lo + span;
        if (maxTop) b = std::max(b, *maxTop + 1);
    }
    dst->lo = b;
    dst->hi = kMaxKey;
    PartitionEvent ev;
    ev.timeUs = nowUs();
    ev.kind = EventKind::kCreate;
    ev.partition = dst->id;
    ev.key = b;
    s = commitMap([&] {
        PRESCIENT_RETURN_IF_ERROR(setPartitionHi(top->id, b));
        PRESCIENT_RETURN_IF_ERROR(insertPartition(*dst));
        return logChange(ev, epoch + 1, dst->id + 1);
    });
    if (!s.isOk()) return fail(s);
    if (crash("committed")) return crashed("create");
    top->hi = b;
    parts.push_back(dst);
    epoch = ev.epochAfter;
    nextId = dst->id + 1;
    std::lock_guard<std::mutex> ld(dst->mu);
    (void)dst->db.exec("PRAGMA synchronous=NORMAL");
    return ev;
}

Result<PartitionEvent> PartitionSet::Impl::doMaintain(const MaintenancePolicy& policy) {
    struct Snap {
        std::shared_ptr<Part> p;
        int64_t lo, hi;
        uint64_t rows, bytes;
    };
    std::vector<Snap> snap;
    std::optional<int64_t> top;
    {
        auto lk = readMap();
        for (const auto& p : parts) {
            Snap s{p, p->lo, p->hi, static_cast<uint64_t>(std::max<int64_t>(0, p->rows.load())), 0};
            if (policy.splitBytes > 0) {
                std::lock_guard<std::mutex> g(p->mu);
                auto pages = p->db.queryInt("PRAGMA page_count");
                auto freePages = p->db.queryInt("PRAGMA freelist_count");
                auto size = p->db.queryInt("PRAGMA page_size");
                if (pages.isOk() && freePages.isOk() && size.isOk())
                    s.bytes = static_cast<uint64_t>((pages.value() - freePages.value()) * size.value());
            }
            snap.push_back(s);
        }
        auto h = highest();
        if (!h.isOk()) return h.status();
        top = h.value();
    }
    // 1. Split the most urgent partition over a threshold, at its median key.
    double urgency = 1;
    const Snap* splitMe = nullptr;
    for (const auto& s : snap) {
        if (s.rows < 2) continue;
        double u = 0;
        if (policy.splitRows > 0) u = std::max(u, static_cast<double>(s.rows) / static_cast<double>(policy.splitRows));
        if (policy.splitBytes > 0)
            u = std::max(u, static_cast<double>(s.bytes) / static_cast<double>(policy.splitBytes));
        if (u > urgency) {
            urgency = u;
            splitMe = &s;
        }
    }
    if (splitMe) {
        std::optional<int64_t> median;
        {
            auto lk = readMap();
            Part& p = *splitMe->p;
            std::lock_guard<std::mutex> g(p.mu);
            auto n = countIn(p);
            if (!n.isOk()) return n.status();
            auto st = p.stmt("SELECT " + k() + " FROM " + t() + " WHERE " + inRange(p.hi) + " ORDER BY " + k() +
                             " LIMIT 1 OFFSET ?3");
            if (!st.isOk()) return st.status();
            bindRange(st.value(), p.lo, p.hi);
            sqlite3_bind_int64(st.value(), 3, static_cast<int64_t>(n.value() / 2));
            if (sqlite3_step(st.value()) == SQLITE_ROW) median = sqlite3_column_int64(st.value(), 0);
            sqlite3_reset(st.value());
        }
        if (median && *median > splitMe->lo) return doSplit(splitMe->p->id, *median);
    }
    // 2. Merge the smallest adjacent pair of small partitions (not the ones made ahead of the data).
    if (policy.mergeRows > 0 && (top || policy.createAheadSpan <= 0)) {
        const Snap* best = nullptr;
        uint64_t bestRows = 0;
        for (size_t i = 0; i + 1 < snap.size(); ++i) {
            const Snap &a = snap[i], &b = snap[i + 1];
            uint64_t sum = a.rows + b.rows;
            if (a.rows >= policy.mergeRows || b.rows >= policy.mergeRows) continue;
            if (policy.splitRows > 0 && sum >= policy.splitRows) continue;
            if (policy.createAheadSpan > 0 && b.lo > *top) continue;
            if (!best || sum < bestRows) {
                best = &a;
                bestRows = sum;
            }
        }
        if (best) return doMerge(best->p->id, (best + 1)->p->id);
    }
    // 3. Create the next partition ahead of the data.
    if (policy.createAheadSpan > 0 && top) {
        const Snap& last = snap.back();
        int64_t when = policy.createAheadWhen > 0 ? std::min(policy.createAheadWhen, policy.createAheadSpan)
                                                  : policy.createAheadSpan / 2;
        bool topHasRows = last.rows > 0 || *top >= last.lo;
        bool near = last.lo > kMinKey + when && *top >= last.lo - when;
        if (topHasRows || near) return doCreate(policy.createAheadSpan);
    }
    return PartitionEvent{};
}

// --- PartitionSet ---

PartitionSet::PartitionSet(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
PartitionSet::~PartitionSet() = default;

namespace {

Result<std::unique_ptr<FileLock>> takeLock(Env* env, const std::string& dir, std::vector<std::string>* notices) {
    std::string previous;
    auto lock = env->lock(joinPath(dir, kLockName), &previous);
    if (!lock.isOk()) {
        if (lock.status().code() == Status::Code::kBusy)
            return Status::busy("partition set " + dir + " is open for writing by " + describeLockHolder(previous));
        return lock.status();
    }
    if (!previous.empty())
        notices->push_back("took over a stale lock on partition set " + dir + " left by " + describeLockHolder(previous) +
                           " (that process is gone)");
    PRESCIENT_RETURN_IF_ERROR(lock.value()->writeContent(lockHolderContent()));
    return std::move(lock.value());
}

}  // namespace

Result<std::unique_ptr<PartitionSet>> PartitionSet::open(const std::string& dirIn, Access access) {
    auto impl = std::make_unique<Impl>();
    impl->dir = absolutePath(dirIn);
    impl->readOnly = access == Access::kRead;
    return Impl::finishOpen(std::move(impl));
}

// impl: dir and readOnly set; lock set when create() holds it already.
Result<std::unique_ptr<PartitionSet>> PartitionSet::Impl::finishOpen(std::unique_ptr<Impl> impl) {
    const std::string& dir = impl->dir;
    auto st = impl->env->stat(dir);
    if (!st.isOk()) {
        if (st.status().code() == Status::Code::kNotFound)
            return Status::notFound("partition set " + dir + " does not exist");
        return st.status();
    }
    if (st->kind != FileInfo::Kind::kDir) return Status::invalidArgument("partition set " + dir + " is not a folder");
    std::string mapPath = joinPath(dir, kMapName);
    if (!impl->env->stat(mapPath).isOk())
        return Status::notFound(dir + " is not a partition set (no " + kMapName + ")");
    if (!impl->readOnly && !impl->lock) {
        auto lock = takeLock(impl->env, dir, &impl->notices);
        if (!lock.isOk()) return lock.status();
        impl->lock = std::move(lock.value());
    }
    auto meta = SqliteDb::open(mapPath, impl->readOnly ? (SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX) : kOpenFlags);
    if (!meta.isOk()) return meta.status();
    impl->meta = std::move(meta.value());
    sqlite3_busy_timeout(impl->meta.handle(), 5000);
    if (!impl->readOnly)
        PRESCIENT_RETURN_IF_ERROR(impl->meta.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", mapPath));
    // A reader may race a merge of another process (file removed after its map commit): read again.
    Status s;
    for (int attempt = 0; attempt < 3; ++attempt) {
        s = impl->loadParts();
        if (s.isOk() || !impl->readOnly) break;
    }
    if (!s.isOk()) return s;
    if (!impl->readOnly) {
        PRESCIENT_RETURN_IF_ERROR(impl->recoverStrayRows());
        PRESCIENT_RETURN_IF_ERROR(impl->recoverOrphans());
    }
    for (const auto& p : impl->parts) {
        auto n = impl->countIn(*p);
        if (!n.isOk()) return n.status();
        p->rows = static_cast<int64_t>(n.value());
    }
    return std::unique_ptr<PartitionSet>(new PartitionSet(std::move(impl)));
}

namespace {

// Writes a new partmap.db (format 1) in dir: the meta rows, the map `rows` at `epoch`, empty events and
// statistics. The caller has checked the rows (validateRanges).
Status writeMapDb(const std::string& dir, const TableDesc& desc, const std::vector<MapRow>& rows, uint64_t epoch,
                  int64_t statsBucketUs, int64_t nextId) {
    std::string mapPath = joinPath(dir, kMapName);
    auto meta = SqliteDb::open(mapPath, kOpenFlags | SQLITE_OPEN_CREATE);
    if (!meta.isOk()) return meta.status();
    SqliteDb& m = meta.value();
    PRESCIENT_RETURN_IF_ERROR(m.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", mapPath));
    PRESCIENT_RETURN_IF_ERROR(
        m.exec("BEGIN;"
               "CREATE TABLE meta(key TEXT PRIMARY KEY, value);"
               "CREATE TABLE partitions(id INTEGER PRIMARY KEY, file TEXT NOT NULL UNIQUE, lo INTEGER NOT NULL, "
               "  hi INTEGER, created_us INTEGER NOT NULL);"
               "CREATE TABLE events(id INTEGER PRIMARY KEY, time_us INTEGER NOT NULL, kind TEXT NOT NULL, "
               "  partition INTEGER NOT NULL, other INTEGER NOT NULL DEFAULT 0, key INTEGER NOT NULL DEFAULT 0, "
               "  epoch_after INTEGER NOT NULL);"
               "CREATE INDEX events_time ON events(time_us);"
               "CREATE TABLE stats(partition INTEGER NOT NULL, bucket_us INTEGER NOT NULL, "
               "  inserts INTEGER NOT NULL DEFAULT 0, updates INTEGER NOT NULL DEFAULT 0, "
               "  deletes INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(partition, "
               "bucket_us));",
               mapPath + ": create tables"));
    Stmt st(m.handle(), "INSERT INTO meta(key, value) VALUES(?, ?)");
    auto put = [&](const char* key, const std::string& v) {
        st.reset();
        return st.bind(1, std::string(key)).bind(2, v).run(mapPath + ": write meta");
    };
    PRESCIENT_RETURN_IF_ERROR(put("format", num(kFormat)));
    PRESCIENT_RETURN_IF_ERROR(put("schema", desc.sql));
    PRESCIENT_RETURN_IF_ERROR(put("table", desc.table));
    PRESCIENT_RETURN_IF_ERROR(put("key_column", desc.key));
    PRESCIENT_RETURN_IF_ERROR(put("epoch", std::to_string(epoch)));
    PRESCIENT_RETURN_IF_ERROR(put("stats_bucket_us", num(statsBucketUs)));
    PRESCIENT_RETURN_IF_ERROR(put("next_id", num(nextId)));
    PRESCIENT_RETURN_IF_ERROR(put("created_us", num(nowUs())));
    Stmt ins(m.handle(), "INSERT INTO partitions(id, file, lo, hi, created_us) VALUES(?,?,?,?,?)");
    for (const MapRow& r : rows) {
        ins.reset();
        ins.bind(1, r.id).bind(2, r.file).bind(3, r.lo).bind(5, r.createdUs);
        if (r.hi == kMaxKey)
            ins.bindNull(4);
        else
            ins.bind(4, r.hi);
        PRESCIENT_RETURN_IF_ERROR(ins.run(mapPath + ": write partitions"));
    }
    return m.exec("COMMIT", mapPath + ": commit");
}

}  // namespace

Result<std::unique_ptr<PartitionSet>> PartitionSet::create(const std::string& dirIn, const SetOptions& options) {
    auto d = describeTable(options.schema, options.keyColumn);
    if (!d.isOk()) return d.status();
    for (size_t i = 0; i < options.boundaries.size(); ++i) {
        int64_t b = options.boundaries[i];
        if (b == kMinKey || b == kMaxKey)
            return Status::invalidArgument("boundary " + num(b) + " is the end of the key space");
        if (i > 0 && b <= options.boundaries[i - 1])
            return Status::invalidArgument("boundaries must increase (" + num(options.boundaries[i - 1]) + " then " +
                                           num(b) + ")");
    }
    if (options.statsBucketUs <= 0) return Status::invalidArgument("statsBucketUs must be positive");
    auto impl = std::make_unique<Impl>();
    impl->dir = absolutePath(dirIn);
    impl->desc = d.value();
    const std::string& dir = impl->dir;
    Env* env = impl->env;
    PRESCIENT_RETURN_IF_ERROR(env->createDir(dir).withContext("partition set " + dir));
    auto names = env->listDir(dir);
    if (!names.isOk()) return names.status();
    if (!names->empty()) return Status::invalidArgument("partition set folder " + dir + " is not empty");
    std::vector<std::string> notices;
    auto lock = takeLock(env, dir, &notices);
    if (!lock.isOk()) return lock.status();
    std::vector<MapRow> rows;
    for (size_t i = 0; i <= options.boundaries.size(); ++i) {
        auto p = impl->createPart(static_cast<int64_t>(i) + 1);
        if (!p.isOk()) return p.status();
        MapRow r;
        r.id = p.value()->id;
        r.file = partName(r.id);
        r.lo = i == 0 ? kMinKey : options.boundaries[i - 1];
        r.hi = i == options.boundaries.size() ? kMaxKey : options.boundaries[i];
        r.createdUs = p.value()->createdUs;
        rows.push_back(r);
    }
    PRESCIENT_RETURN_IF_ERROR(env->syncDir(dir));
    PRESCIENT_RETURN_IF_ERROR(
        writeMapDb(dir, impl->desc, rows, 1, options.statsBucketUs, static_cast<int64_t>(rows.size()) + 1));
    PRESCIENT_RETURN_IF_ERROR(env->syncDir(dir));
    auto opened = std::make_unique<Impl>();  // the new partition files were closed with their Parts
    opened->dir = dir;
    opened->lock = std::move(lock.value());
    opened->notices = std::move(notices);
    return Impl::finishOpen(std::move(opened));
}

Status PartitionSet::createFromMap(const std::string& dirIn, const SetOptions& options, const PartitionMap& map) {
    auto d = describeTable(options.schema, options.keyColumn);
    if (!d.isOk()) return d.status();
    if (options.statsBucketUs <= 0) return Status::invalidArgument("statsBucketUs must be positive");
    const std::string dir = absolutePath(dirIn);
    Env* env = Env::posix();
    if (env->stat(joinPath(dir, kMapName)).isOk())
        return Status::invalidArgument(dir + " holds a partition set already (" + kMapName + ")");
    std::vector<MapRow> rows;
    int64_t nextId = 1;
    for (const PartitionInfo& p : map.partitions) {
        MapRow r;
        r.id = p.id;
        r.file = partName(p.id);
        r.lo = p.lo;
        r.hi = p.hi;
        r.createdUs = p.createdUs ? p.createdUs : nowUs();
        nextId = std::max(nextId, p.id + 1);
        rows.push_back(r);
    }
    std::sort(rows.begin(), rows.end(), [](const MapRow& a, const MapRow& b) { return a.lo < b.lo; });
    PRESCIENT_RETURN_IF_ERROR(validateRanges(rows));
    for (const MapRow& r : rows) {
        auto st = env->stat(joinPath(dir, r.file));
        if (!st.isOk()) {
            if (st.status().code() == Status::Code::kNotFound)
                return Status::notFound("partition " + num(r.id) + ": file " + joinPath(dir, r.file) + " is missing");
            return st.status();
        }
    }
    PRESCIENT_RETURN_IF_ERROR(
        writeMapDb(dir, d.value(), rows, std::max<uint64_t>(1, map.epoch), options.statsBucketUs, nextId));
    return env->syncDir(dir);
}

const std::string& PartitionSet::dir() const { return m_impl->dir; }
std::string PartitionSet::table() const { return m_impl->desc.table; }
std::string PartitionSet::keyColumn() const { return m_impl->desc.key; }
std::string PartitionSet::schema() const { return m_impl->desc.sql; }
int64_t PartitionSet::statsBucketUs() const { return m_impl->bucketUs; }
std::vector<std::string> PartitionSet::notices() const { return m_impl->notices; }

PartitionMap PartitionSet::map() const {
    PartitionMap m;
    auto lk = m_impl->readMap();
    m.epoch = m_impl->epoch;
    for (const auto& p : m_impl->parts) {
        PartitionInfo info;
        info.id = p->id;
        info.file = p->file;
        info.lo = p->lo;
        info.hi = p->hi;
        info.createdUs = p->createdUs;
        info.rows = static_cast<uint64_t>(std::max<int64_t>(0, p->rows.load()));
        std::lock_guard<std::mutex> g(p->mu);
        if (p->db.handle()) {
            auto pages = p->db.queryInt("PRAGMA page_count");
            auto freePages = p->db.queryInt("PRAGMA freelist_count");
            auto size = p->db.queryInt("PRAGMA page_size");
            if (pages.isOk() && freePages.isOk() && size.isOk())
                info.bytes = static_cast<uint64_t>((pages.value() - freePages.value()) * size.value());
        }
        m.partitions.push_back(std::move(info));
    }
    return m;
}

Result<int64_t> PartitionSet::highestKey() const {
    PRESCIENT_RETURN_IF_ERROR(m_impl->usable(false));
    auto lk = m_impl->readMap();
    auto h = m_impl->highest();
    if (!h.isOk()) return h.status();
    if (!h->has_value()) return Status::notFound("partition set " + m_impl->dir + " is empty");
    return **h;
}

Status PartitionSet::insert(const Row& row) {
    Impl& m = *m_impl;
    PRESCIENT_RETURN_IF_ERROR(m.usable(true));
    std::optional<int64_t> key;
    std::string cols, params;
    for (const auto& [name, v] : row) {
        auto it = std::find_if(m.desc.columns.begin(), m.desc.columns.end(),
                               [&](const std::string& c) { return strcasecmp(c.c_str(), name.c_str()) == 0; });
        if (it == m.desc.columns.end())
            return Status::invalidArgument("insert: table " + m.desc.table + " has no column '" + name + "'");
        if (it - m.desc.columns.begin() == m.desc.keyIndex) {
            if (v.type != Value::kInt)
                return Status::invalidArgument("insert: the key column " + m.desc.key + " must be an integer");
            key = v.i;
        }
        cols += (cols.empty() ? "" : ", ") + quoted(*it);
        params += params.empty() ? "?" : ", ?";
    }
    if (!key) return Status::invalidArgument("insert: the row has no key (" + m.desc.key + ")");
    std::string sql = "INSERT INTO " + m.t() + "(" + cols + ") VALUES(" + params + ")";
    int64_t partId = 0;
    {
        auto lk = m.readMap();
        auto p = m.byKey(*key);
        partId = p->id;
        std::lock_guard<std::mutex> g(p->mu);
        auto st = p->stmt(sql);
        if (!st.isOk()) return st.status();
        for (size_t i = 0; i < row.size(); ++i) bindValue(st.value(), static_cast<int>(i) + 1, row[i].second);
        Status s = runWrite(p->db.handle(), st.value(), "insert key " + num(*key) + " into partition " + num(p->id));
        if (!s.isOk()) {
            if (s.code() == Status::Code::kInvalidArgument && s.detail().find("UNIQUE") != std::string::npos)
                return Status::invalidArgument("insert: key " + num(*key) + " exists (partition " + num(p->id) + ")");
            return s;
        }
        ++p->rows;
    }
    m.record(partId, 1, 0, 0, payloadBytes(row));
    return Status::ok();
}

Status PartitionSet::update(int64_t key, const Row& changes) {
    Impl& m = *m_impl;
    PRESCIENT_RETURN_IF_ERROR(m.usable(true));
    if (changes.empty()) return Status::invalidArgument("update: no column to change");
    std::string sets;
    for (const auto& [name, v] : changes) {
        auto it = std::find_if(m.desc.columns.begin(), m.desc.columns.end(),
                               [&](const std::string& c) { return strcasecmp(c.c_str(), name.c_str()) == 0; });
        if (it == m.desc.columns.end())
            return Status::invalidArgument("update: table " + m.desc.table + " has no column '" + name + "'");
        if (it - m.desc.columns.begin() == m.desc.keyIndex)
            return Status::invalidArgument("update: cannot change the key column " + m.desc.key +
                                           " (remove the row and insert it again)");
        sets += (sets.empty() ? "" : ", ") + quoted(*it) + " = ?";
    }
    std::string sql = "UPDATE " + m.t() + " SET " + sets + " WHERE " + m.k() + " = ?";
    int64_t partId = 0;
    {
        auto lk = m.readMap();
        auto p = m.byKey(key);
        partId = p->id;
        std::lock_guard<std::mutex> g(p->mu);
        auto st = p->stmt(sql);
        if (!st.isOk()) return st.status();
        for (size_t i = 0; i < changes.size(); ++i) bindValue(st.value(), static_cast<int>(i) + 1, changes[i].second);
        sqlite3_bind_int64(st.value(), static_cast<int>(changes.size()) + 1, key);
        PRESCIENT_RETURN_IF_ERROR(
            runWrite(p->db.handle(), st.value(), "update key " + num(key) + " in partition " + num(p->id)));
        if (sqlite3_changes(p->db.handle()) == 0)
            return Status::notFound("update: no row with key " + num(key) + " (partition " + num(p->id) + ")");
    }
    m.record(partId, 0, 1, 0, payloadBytes(changes));
    return Status::ok();
}

Status PartitionSet::remove(int64_t key) {
    Impl& m = *m_impl;
    PRESCIENT_RETURN_IF_ERROR(m.usable(true));
    int64_t partId = 0;
    {
        auto lk = m.readMap();
        auto p = m.byKey(key);
        partId = p->id;
        std::lock_guard<std::mutex> g(p->mu);
        auto st = p->stmt("DELETE FROM " + m.t() + " WHERE " + m.k() + " = ?");
        if (!st.isOk()) return st.status();
        sqlite3_bind_int64(st.value(), 1, key);
        PRESCIENT_RETURN_IF_ERROR(
            runWrite(p->db.handle(), st.value(), "delete key " + num(key) + " from partition " + num(p->id)));
        if (sqlite3_changes(p->db.handle()) == 0)
            return Status::notFound("remove: no row with key " + num(key) + " (partition " + num(p->id) + ")");
        --p->rows;
    }
    m.record(partId, 0, 0, 1, 0);
    return Status::ok();
}

Result<uint64_t> PartitionSet::removeBelow(int64_t bound) {
    Impl& m = *m_impl;
    PRESCIENT_RETURN_IF_ERROR(m.usable(true));
    std::vector<std::pair<int64_t, uint64_t>> perPart;
    uint64_t total = 0;
    {
        auto lk = m.readMap();
        for (const auto& p : m.parts) {
            if (p->lo >= bound) break;
            std::lock_guard<std::mutex> g(p->mu);
            auto n = m.deleteRange(*p, p->lo, std::min(bound, p->hi));
            if (!n.isOk()) return n.status();
            if (n.value() == 0) continue;
            p->rows -= static_cast<int64_t>(n.value());
            perPart.emplace_back(p->id, n.value());
            total += n.value();
        }
    }
    for (const auto& [id, n] : perPart) m.record(id, 0, 0, n, 0);
    return total;
}

Status PartitionSet::scan(int64_t lo, int64_t hi, const std::function<void(int64_t, const Row&)>& fn) const {
    Impl& m = *m_impl;
    PRESCIENT_RETURN_IF_ERROR(m.usable(false));
    if (hi != kMaxKey && lo >= hi) return Status::ok();
    int64_t cursor = lo;
    std::vector<std::pair<int64_t, Row>> chunk;
    std::string cols = m.columnList();
    while (true) {
        chunk.clear();
        bool done = false;
        {
            auto lk = m.readMap();
            auto p = m.byKey(cursor);
            int64_t upper = hi == kMaxKey ? p->hi : (p->hi == kMaxKey ? hi : std::min(hi, p->hi));
            std::lock_guard<std::mutex> g(p->mu);
            auto st = p->stmt("SELECT " + cols + " FROM " + m.t() + " WHERE " + m.inRange(upper) + " ORDER BY " +
                              m.k() + " LIMIT ?3");
            if (!st.isOk()) return st.status();
            Impl::bindRange(st.value(), cursor, upper);
            sqlite3_bind_int(st.value(), 3, kScanChunk);
            int rc;
            while ((rc = sqlite3_step(st.value())) == SQLITE_ROW) {
                Row row;
                row.reserve(m.desc.columns.size());
                for (size_t i = 0; i < m.desc.columns.size(); ++i)
                    row.emplace_back(m.desc.columns[i], columnValue(st.value(), static_cast<int>(i)));
                chunk.emplace_back(sqlite3_column_int64(st.value(), m.desc.keyIndex), std::move(row));
            }
            sqlite3_reset(st.value());
            if (rc != SQLITE_DONE) return sqliteStatus(rc, p->db.handle(), p->file + ": scan");
            if (chunk.size() < static_cast<size_t>(kScanChunk)) {  // this partition's part of the range is done
                if (upper == kMaxKey || upper == hi)
                    done = true;
                else
                    cursor = upper;
            } else if (chunk.back().first == kMaxKey) {
                done = true;
            } else {
                cursor = chunk.back().first + 1;
            }
        }
        for (const auto& [key, row] : chunk) fn(key, row);
        if (done || (hi != kMaxKey && cursor >= hi)) return Status::ok();
    }
}

Result<uint64_t> PartitionSet::count() const {
    Impl& m = *m_impl;
    PRESCIENT_RETURN_IF_ERROR(m.usable(false));
    auto lk = m.readMap();
    uint64_t total = 0;
    for (const auto& p : m.parts) {
        std::lock_guard<std::mutex> g(p->mu);
        auto n = m.countIn(*p);
        if (!n.isOk()) return n.status();
        total += n.value();
    }
    return total;
}

Result<PartitionEvent> PartitionSet::maintain(const MaintenancePolicy& policy) {
    PRESCIENT_RETURN_IF_ERROR(m_impl->usable(true));
    std::unique_lock<std::shared_mutex> change(m_impl->changeMutex);
    auto ev = m_impl->doMaintain(policy);
    if (ev.isOk() && ev->id != 0) m_impl->notify(ev.value());
    return ev;
}

Result<PartitionEvent> PartitionSet::split(int64_t partition, int64_t key) {
    PRESCIENT_RETURN_IF_ERROR(m_impl->usable(true));
    std::unique_lock<std::shared_mutex> change(m_impl->changeMutex);
    auto ev = m_impl->doSplit(partition, key);
    if (ev.isOk()) m_impl->notify(ev.value());
    return ev;
}

Result<PartitionEvent> PartitionSet::merge(int64_t left, int64_t right) {
    PRESCIENT_RETURN_IF_ERROR(m_impl->usable(true));
    std::unique_lock<std::shared_mutex> change(m_impl->changeMutex);
    auto ev = m_impl->doMerge(left, right);
    if (ev.isOk()) m_impl->notify(ev.value());
    return ev;
}

Result<PartitionEvent> PartitionSet::createAbove(int64_t span) {
    PRESCIENT_RETURN_IF_ERROR(m_impl->usable(true));
    std::unique_lock<std::shared_mutex> change(m_impl->changeMutex);
    auto ev = m_impl->doCreate(span);
    if (ev.isOk()) m_impl->notify(ev.value());
    return ev;
}

namespace {
class Freeze : public PartitionSet::MapFreeze {
public:
    explicit Freeze(std::shared_mutex& m) : m_lock(m) {}

private:
    std::shared_lock<std::shared_mutex> m_lock;
};
}  // namespace

std::unique_ptr<PartitionSet::MapFreeze> PartitionSet::freezeMap() {
    return std::make_unique<Freeze>(m_impl->changeMutex);
}

void PartitionSet::setChangeObserver(std::function<void(const PartitionEvent&)> fn) {
    std::lock_guard<std::mutex> g(m_impl->hookMutex);
    m_impl->observer = std::move(fn);
}

void PartitionSet::setCrashPointForTest(std::function<bool(const char* step)> crashAt) {
    std::lock_guard<std::mutex> g(m_impl->hookMutex);
    m_impl->crashAt = std::move(crashAt);
}

Result<std::vector<PartitionEvent>> PartitionSet::events(int64_t sinceUs) const {
    Impl& m = *m_impl;
    std::lock_guard<std::mutex> g(m.metaMutex);
    return detail::readEvents(m.meta, sinceUs);
}

Result<std::vector<WriteStats>> PartitionSet::stats(int64_t sinceUs) const {
    Impl& m = *m_impl;
    std::map<std::pair<int64_t, int64_t>, WriteStats> all;
    {
        std::lock_guard<std::mutex> g(m.metaMutex);
        auto stored = detail::readStats(m.meta, sinceUs);
        if (!stored.isOk()) return stored.status();
        for (const WriteStats& w : stored.value()) all[{w.bucketUs, w.partition}] = w;
    }
    {
        std::lock_guard<std::mutex> g(m.statsMutex);
        for (const auto& [key, w] : m.pending) {
            if (w.bucketUs < sinceUs) continue;
            WriteStats& a = all[key];
            a.partition = w.partition;
            a.bucketUs = w.bucketUs;
            a.inserts += w.inserts;
            a.updates += w.updates;
            a.deletes += w.deletes;
            a.bytes += w.bytes;
        }
    }
    std::vector<WriteStats> out;
    out.reserve(all.size());
    for (auto& [key, w] : all) out.push_back(w);
    return out;
}

Status PartitionSet::check() const {
    Impl& m = *m_impl;
    PRESCIENT_RETURN_IF_ERROR(m.usable(false));
    auto lk = m.readMap();
    // The map on disk is valid and is the one in memory.
    if (!m.readOnly) {
        Result<std::vector<MapRow>> rows = Status::corruption("partmap.db: not read");
        {
            std::lock_guard<std::mutex> g(m.metaMutex);
            rows = loadMapRows(m.meta);
        }
        if (!rows.isOk()) return rows.status();
        PRESCIENT_RETURN_IF_ERROR(validateRanges(rows.value()));
        bool same = rows->size() == m.parts.size();
        for (size_t i = 0; same && i < rows->size(); ++i) {
            const MapRow& r = rows.value()[i];
            const Part& p = *m.parts[i];
            same = r.id == p.id && r.lo == p.lo && r.hi == p.hi && joinPath(m.dir, r.file) == p.file;
        }
        if (!same) return Status::corruption("partmap.db: the map on disk differs from the map in use");
    }
    for (const auto& p : m.parts) {
        std::string label = "partition " + num(p->id) + " " + rangeText(p->lo, p->hi) + " (" + p->file + ")";
        auto st = m.env->stat(p->file);
        if (!st.isOk()) return Status::corruption("partition " + num(p->id) + ": file " + p->file + " is missing");
        std::lock_guard<std::mutex> g(p->mu);
        PRESCIENT_RETURN_IF_ERROR(m.checkSchema(*p));
        auto bad = p->db.queryInt("SELECT COUNT(*) FROM " + m.t() + " WHERE typeof(" + m.k() + ") != 'integer'");
        if (!bad.isOk()) return bad.status().withContext(p->file);
        if (bad.value() > 0)
            return Status::corruption(label + ": " + num(bad.value()) + " rows whose key is not an integer");
        {
            auto q = p->stmt("SELECT COUNT(*), MIN(" + m.k() + ") FROM " + m.t() + " WHERE " + m.outOfRange(p->hi));
            if (!q.isOk()) return q.status();
            Impl::bindRange(q.value(), p->lo, p->hi);
            int rc = sqlite3_step(q.value());
            int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(q.value(), 0) : 0;
            int64_t first = rc == SQLITE_ROW ? sqlite3_column_int64(q.value(), 1) : 0;
            sqlite3_reset(q.value());
            if (rc != SQLITE_ROW) return sqliteStatus(rc, p->db.handle(), p->file + ": check ranges");
            if (n > 0)
                return Status::corruption(label + ": " + num(n) + " rows outside its range (key " + num(first) + ")");
        }
        {
            Stmt dup(
                p->db.handle(),
                ("SELECT " + m.k() + " FROM " + m.t() + " GROUP BY " + m.k() + " HAVING COUNT(*) > 1 LIMIT 1").c_str());
            auto r = dup.step(p->file + ": check keys");
            if (!r.isOk()) return r.status();
            if (r.value()) return Status::corruption(label + ": key " + num(dup.colInt(0)) + " appears twice");
        }
        auto n = m.countIn(*p);
        if (!n.isOk()) return n.status();
        p->rows = static_cast<int64_t>(n.value());
    }
    return Status::ok();
}

}  // namespace prescient::partition
