// Catalog: the records of partition-set backups (schema v4, FORMAT.md "Schema version 4"). Split from
// catalog.cpp to keep each file to one concern; the locking rules are catalog.h's.
#include <limits>

#include "repo/catalog.h"

namespace prescient::repo {

namespace {

constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max();

bool knownBackupStatus(const std::string& s) {
    return s == "running" || s == "complete" || s == "failed" || s == "cancelled";
}
bool knownRole(const std::string& s) { return s == "primary" || s == "shadow" || s == "final"; }
bool knownKind(const std::string& s) { return s == "split" || s == "merge" || s == "create"; }

// 0 (or the unbounded key) is stored as NULL.
void bindOrNull(Stmt& st, int i, int64_t v, int64_t none = 0) {
    if (v == none)
        st.bindNull(i);
    else
        st.bind(i, v);
}
int64_t colOr(const Stmt& st, int i, int64_t none = 0) { return st.colIsNull(i) ? none : st.colInt(i); }
double colReal(const Stmt& st, int i) { return sqlite3_column_double(st.handle(), i); }

template <typename T, typename ReadFn>
Result<std::vector<T>> readAll(Stmt& st, const std::string& what, ReadFn read) {
    std::vector<T> out;
    for (;;) {
        auto r = st.step(what);
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        out.push_back(read(st));
    }
    return out;
}

// --- partition_backups ---
const char* kBackupColumns =
    "set_dir, strategy, started_us, finished_us, start_epoch, end_epoch, end_map, status, figures";

void bindBackup(Stmt& st, const PartitionBackupRecord& r) {
    st.bind(1, r.setDir).bind(2, r.strategy).bind(3, r.startedUs);
    bindOrNull(st, 4, r.finishedUs);
    st.bind(5, static_cast<int64_t>(r.startEpoch));
    bindOrNull(st, 6, static_cast<int64_t>(r.endEpoch));
    if (r.endMap.empty())
        st.bindNull(7);
    else
        st.bind(7, r.endMap);
    st.bind(8, r.status).bind(9, r.figuresJson.empty() ? std::string("{}") : r.figuresJson);
}

PartitionBackupRecord readBackup(const Stmt& st) {
    PartitionBackupRecord r;
    r.id = st.colInt(0);
    r.setDir = st.colText(1);
    r.strategy = st.colText(2);
    r.startedUs = st.colInt(3);
    r.finishedUs = colOr(st, 4);
    r.startEpoch = static_cast<uint64_t>(st.colInt(5));
    r.endEpoch = static_cast<uint64_t>(colOr(st, 6));
    r.endMap = st.colIsNull(7) ? "" : st.colText(7);
    r.status = st.colText(8);
    r.figuresJson = st.colText(9);
    return r;
}

// --- partition_copies ---
const char* kCopyColumns =
    "backup_id, partition, role, snapshot_id, taken_us, epoch, lo, hi, prediction_id, kept, bytes";

void bindCopy(Stmt& st, const PartitionCopyRecord& r) {
    st.bind(1, r.backupId).bind(2, r.partition).bind(3, r.role);
    if (r.snapshotId.empty())
        st.bindNull(4);
    else
        st.bind(4, r.snapshotId);
    st.bind(5, r.takenUs).bind(6, static_cast<int64_t>(r.epoch)).bind(7, r.lo);
    bindOrNull(st, 8, r.hi, kUnbounded);
    bindOrNull(st, 9, r.predictionId);
    st.bind(10, static_cast<int64_t>(r.kept)).bind(11, static_cast<int64_t>(r.bytes));
}

PartitionCopyRecord readCopy(const Stmt& st) {
    PartitionCopyRecord r;
    r.id = st.colInt(0);
    r.backupId = st.colInt(1);
    r.partition = st.colInt(2);
    r.role = st.colText(3);
    r.snapshotId = st.colIsNull(4) ? "" : st.colText(4);
    r.takenUs = st.colInt(5);
    r.epoch = static_cast<uint64_t>(st.colInt(6));
    r.lo = st.colInt(7);
    r.hi = colOr(st, 8, kUnbounded);
    r.predictionId = colOr(st, 9);
    r.kept = st.colInt(10) != 0;
    r.bytes = static_cast<uint64_t>(st.colInt(11));
    return r;
}

// --- partition_predictions ---
const char* kPredictionColumns =
    "backup_id, made_us, partition, other, kind, probability, expected_us, split_key, materialized, event_id";

void bindPrediction(Stmt& st, const PartitionPredictionRecord& r) {
    st.bind(1, r.backupId).bind(2, r.madeUs).bind(3, r.partition);
    bindOrNull(st, 4, r.other);
    st.bind(5, r.kind);
    sqlite3_bind_double(st.handle(), 6, r.probability);
    st.bind(7, r.expectedUs);
    if (r.kind == "split")
        st.bind(8, r.splitKey);
    else
        st.bindNull(8);
    st.bind(9, static_cast<int64_t>(r.materialized));
    bindOrNull(st, 10, r.eventId);
}

PartitionPredictionRecord readPrediction(const Stmt& st) {
    PartitionPredictionRecord r;
    r.id = st.colInt(0);
    r.backupId = st.colInt(1);
    r.madeUs = st.colInt(2);
    r.partition = st.colInt(3);
    r.other = colOr(st, 4);
    r.kind = st.colText(5);
    r.probability = colReal(st, 6);
    r.expectedUs = st.colInt(7);
    r.splitKey = colOr(st, 8);
    r.materialized = st.colInt(9) != 0;
    r.eventId = colOr(st, 10);
    return r;
}

}  // namespace

Result<int64_t> Catalog::addPartitionBackup(const PartitionBackupRecord& r) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: record backup of partition set " + r.setDir;
    if (!knownBackupStatus(r.status)) return Status::invalidArgument(what + ": unknown status '" + r.status + "'");
    std::string sql = std::string("INSERT INTO partition_backups(") + kBackupColumns + ") VALUES(?,?,?,?,?,?,?,?,?)";
    Stmt ins(m_db.handle(), sql.c_str());
    bindBackup(ins, r);
    PRESCIENT_RETURN_IF_ERROR(ins.run(what));
    return static_cast<int64_t>(sqlite3_last_insert_rowid(m_db.handle()));
}

Status Catalog::updatePartitionBackup(const PartitionBackupRecord& r) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: update partition backup " + std::to_string(r.id);
    if (!knownBackupStatus(r.status)) return Status::invalidArgument(what + ": unknown status '" + r.status + "'");
    Stmt up(m_db.handle(),
            "UPDATE partition_backups SET set_dir = ?1, strategy = ?2, started_us = ?3, finished_us = ?4, "
            "start_epoch = ?5, end_epoch = ?6, end_map = ?7, status = ?8, figures = ?9 WHERE id = ?10");
    bindBackup(up, r);
    up.bind(10, r.id);
    PRESCIENT_RETURN_IF_ERROR(up.run(what));
    if (sqlite3_changes(m_db.handle()) == 0)
        return Status::notFound("partition backup " + std::to_string(r.id) + " not found");
    return Status::ok();
}

Result<std::vector<PartitionBackupRecord>> Catalog::listPartitionBackups() {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string sql = std::string("SELECT id, ") + kBackupColumns + " FROM partition_backups ORDER BY started_us, id";
    Stmt st(m_db.handle(), sql.c_str());
    return readAll<PartitionBackupRecord>(st, "catalog: list partition backups", readBackup);
}

Result<std::optional<PartitionBackupRecord>> Catalog::partitionBackup(int64_t id) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string sql = std::string("SELECT id, ") + kBackupColumns + " FROM partition_backups WHERE id = ?";
    Stmt st(m_db.handle(), sql.c_str());
    st.bind(1, id);
    auto r = st.step("catalog: read partition backup " + std::to_string(id));
    if (!r.isOk()) return r.status();
    if (!r.value()) return std::optional<PartitionBackupRecord>();
    return std::optional<PartitionBackupRecord>(readBackup(st));
}

Result<int64_t> Catalog::addPartitionCopy(const PartitionCopyRecord& r) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: record copy of partition " + std::to_string(r.partition) + " (partition backup " +
                       std::to_string(r.backupId) + ")";
    if (!knownRole(r.role)) return Status::invalidArgument(what + ": unknown role '" + r.role + "'");
    std::string sql = std::string("INSERT INTO partition_copies(") + kCopyColumns + ") VALUES(?,?,?,?,?,?,?,?,?,?,?)";
    Stmt ins(m_db.handle(), sql.c_str());
    bindCopy(ins, r);
    PRESCIENT_RETURN_IF_ERROR(ins.run(what));
    return static_cast<int64_t>(sqlite3_last_insert_rowid(m_db.handle()));
}

Status Catalog::updatePartitionCopy(const PartitionCopyRecord& r) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: update partition copy " + std::to_string(r.id);
    if (!knownRole(r.role)) return Status::invalidArgument(what + ": unknown role '" + r.role + "'");
    Stmt up(m_db.handle(),
            "UPDATE partition_copies SET backup_id = ?1, partition = ?2, role = ?3, snapshot_id = ?4, taken_us = ?5, "
            "epoch = ?6, lo = ?7, hi = ?8, prediction_id = ?9, kept = ?10, bytes = ?11 WHERE id = ?12");
    bindCopy(up, r);
    up.bind(12, r.id);
    PRESCIENT_RETURN_IF_ERROR(up.run(what));
    if (sqlite3_changes(m_db.handle()) == 0)
        return Status::notFound("partition copy " + std::to_string(r.id) + " not found");
    return Status::ok();
}

Result<std::vector<PartitionCopyRecord>> Catalog::listPartitionCopies(int64_t backupId) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string sql = std::string("SELECT id, ") + kCopyColumns +
                      " FROM partition_copies WHERE ?1 = 0 OR backup_id = ?1 ORDER BY backup_id, taken_us, id";
    Stmt st(m_db.handle(), sql.c_str());
    st.bind(1, backupId);
    return readAll<PartitionCopyRecord>(st, "catalog: list partition copies", readCopy);
}

Result<int64_t> Catalog::addPartitionPrediction(const PartitionPredictionRecord& r) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: record " + r.kind + " prediction for partition " + std::to_string(r.partition);
    if (!knownKind(r.kind)) return Status::invalidArgument(what + ": unknown kind '" + r.kind + "'");
    std::string sql =
        std::string("INSERT INTO partition_predictions(") + kPredictionColumns + ") VALUES(?,?,?,?,?,?,?,?,?,?)";
    Stmt ins(m_db.handle(), sql.c_str());
    bindPrediction(ins, r);
    PRESCIENT_RETURN_IF_ERROR(ins.run(what));
    return static_cast<int64_t>(sqlite3_last_insert_rowid(m_db.handle()));
}

Status Catalog::updatePartitionPrediction(const PartitionPredictionRecord& r) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string what = "catalog: update partition prediction " + std::to_string(r.id);
    if (!knownKind(r.kind)) return Status::invalidArgument(what + ": unknown kind '" + r.kind + "'");
    Stmt up(m_db.handle(),
            "UPDATE partition_predictions SET backup_id = ?1, made_us = ?2, partition = ?3, other = ?4, kind = ?5, "
            "probability = ?6, expected_us = ?7, split_key = ?8, materialized = ?9, event_id = ?10 WHERE id = ?11");
    bindPrediction(up, r);
    up.bind(11, r.id);
    PRESCIENT_RETURN_IF_ERROR(up.run(what));
    if (sqlite3_changes(m_db.handle()) == 0)
        return Status::notFound("partition prediction " + std::to_string(r.id) + " not found");
    return Status::ok();
}

Result<std::vector<PartitionPredictionRecord>> Catalog::listPartitionPredictions(int64_t backupId) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    std::string sql = std::string("SELECT id, ") + kPredictionColumns +
                      " FROM partition_predictions WHERE ?1 = 0 OR backup_id = ?1 ORDER BY backup_id, made_us, id";
    Stmt st(m_db.handle(), sql.c_str());
    st.bind(1, backupId);
    return readAll<PartitionPredictionRecord>(st, "catalog: list partition predictions", readPrediction);
}

Status Catalog::addPartitionRateLog(const PartitionRateRecord& r) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt ins(m_db.handle(),
             "INSERT INTO partition_rate_log(backup_id, time_us, old_rate_mbps, rate_mbps, reason) VALUES(?,?,?,?,?)");
    ins.bind(1, r.backupId).bind(2, r.timeUs);
    sqlite3_bind_double(ins.handle(), 3, r.oldRateMbps);
    sqlite3_bind_double(ins.handle(), 4, r.rateMbps);
    ins.bind(5, r.reason);
    return ins.run("catalog: log rate decision of partition backup " + std::to_string(r.backupId));
}

Result<std::vector<PartitionRateRecord>> Catalog::listPartitionRateLog(int64_t backupId) {
    std::lock_guard<std::recursive_mutex> lock(m_mutex);
    Stmt st(m_db.handle(),
            "SELECT backup_id, time_us, old_rate_mbps, rate_mbps, reason FROM partition_rate_log "
            "WHERE ?1 = 0 OR backup_id = ?1 ORDER BY backup_id, time_us, id");
    st.bind(1, backupId);
    return readAll<PartitionRateRecord>(st, "catalog: list partition rate log", [](const Stmt& s) {
        PartitionRateRecord r;
        r.backupId = s.colInt(0);
        r.timeUs = s.colInt(1);
        r.oldRateMbps = colReal(s, 2);
        r.rateMbps = colReal(s, 3);
        r.reason = s.colText(4);
        return r;
    });
}

}  // namespace prescient::repo
