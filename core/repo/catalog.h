// Catalog: the repository's SQLite database (catalog.db, WAL, synchronous=FULL) holding packs, the blob
// index, sources and snapshots, traces and models, the restore history with its alerts, and the records of
// partition-set backups (runs, copies, change predictions, rate decisions).
// Opened through the Env's shim VFS so fault injection reaches it.
// Schema version lives in PRAGMA user_version; migrations run step by step on open (FORMAT.md).
//
// Thread safety: one Catalog may be used from several threads: every method holds m_mutex, so each
// call (and its transaction) runs alone on the shared connection.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "repo/pack.h"
#include "util/env.h"
#include "util/envvfs.h"
#include "util/sqlitedb.h"

namespace prescient::repo {

inline constexpr int kCatalogSchemaVersion = 4;

struct SnapshotInfo {
    std::string id;          // 16 hex digits
    int64_t timeUs = 0;      // wall clock, microseconds since the epoch, when the read transaction began
    std::string sourcePath;  // absolute path of the source database
    uint32_t pageSize = 0;
    uint64_t pageCount = 0;
    std::string parent;  // previous snapshot of the same source, "" for the first
    std::string tag;
    uint64_t bytesNew = 0;    // compressed bytes this snapshot added to packs
    uint64_t bytesTotal = 0;  // logical size: pageSize * pageCount
    uint64_t pagesNew = 0;    // pages whose blob was not in the repository before
    std::string journalMode;  // "wal" or "rollback": the source's mode at backup time
    double seconds = 0;       // how long the backup took
};

// A stored page-access trace (the bytes: trace::encodeTrace, zstd-compressed).
struct TraceRecord {
    int64_t id = 0;
    std::string sourcePath;
    std::string profile;
    int64_t recordedUs = 0;  // when recording ended
    uint64_t events = 0;
    uint64_t episodes = 0;
    uint32_t pageSize = 0;
    uint64_t bytes = 0;  // stored (compressed) size
};

// A trained model of a source (the bytes: predict::Model::save()).
struct ModelRecord {
    int64_t id = 0;
    std::string sourcePath;
    std::string strategy;
    int64_t trainedUs = 0;
    uint64_t tracesUsed = 0;
    std::string metricsJson;  // evaluation on a temporal split at training time
    uint64_t bytes = 0;
};

// One restore run (the `restores` table). Written by the restore session when it starts and again when it
// ends; read by `prescient restores` and the GUI's history.
struct RestoreRecord {
    int64_t id = 0;  // row id (0 before stored)
    std::string snapshotId;
    std::string sourcePath;   // the snapshot's source
    std::string target;       // absolute path of the restored database
    std::string strategy;     // prefetch strategy ("none", "hotset", "markov", ...)
    int64_t startedUs = 0;    // wall clock, microseconds since the epoch
    int64_t finishedUs = 0;   // 0 while running (NULL in the table)
    std::string status;       // "running", "complete", "failed" or "cancelled"
    double ttfqSeconds = -1;  // time to first query; -1 when none (NULL)
    double t90Seconds = -1;   // time to a 90% window hit rate; -1 never (NULL)
    // Page reads served by the prefetch cache, by the target file, and by waiting on a fetch.
    uint64_t tier1 = 0, tier2 = 0, tier3 = 0;
    uint64_t queries = 0;
    uint64_t pages = 0;     // pages restored
    uint64_t bytes = 0;     // bytes the restorer wrote
    double precision = -1;  // predicted pages read / predicted pages; -1 unknown (NULL)
    std::string message;    // failure detail or a note, "" when none
};

// One alert raised during a restore (the `alerts` table). The same fields as monitor::Alert, which
// converts to and from it (monitor/alerts.h): the catalog does not depend on the monitor.
struct AlertRecord {
    int64_t id = 0;        // row id (0 before stored)
    int64_t timeUs = 0;    // wall clock, microseconds since the epoch
    std::string rule;      // "hit-rate", "precision", "stalled" or "verification"
    std::string severity;  // "warning" or "critical"
    double value = 0, threshold = 0;
    std::string message;
    std::string target, snapshotId;
    int64_t restoreId = 0;  // the restore it belongs to; 0 when none (NULL)
    bool acknowledged = false;
};

// One backup of a partition set (schema v4, `partition_backups`; core/partition/partitionbackup.h).
struct PartitionBackupRecord {
    int64_t id = 0;                         // row id: the backup id (0 before stored)
    std::string setDir;                     // absolute folder of the partition set
    std::string strategy;                   // "predictive", "naive", "stop-the-world" or "shadow-all"
    int64_t startedUs = 0;                  // wall clock, microseconds since the epoch: the window's start
    int64_t finishedUs = 0;                 // the window's end; 0 while running (NULL)
    uint64_t startEpoch = 0, endEpoch = 0;  // map epochs at start and end (end 0 while running)
    std::string endMap;       // JSON: the end map and the copy each partition restores from ("" while running)
    std::string status;       // "running", "complete", "failed" or "cancelled"
    std::string figuresJson;  // JSON object of the backup's figures ("{}" when none)
};

// One copy of a partition taken by a partition backup (`partition_copies`).
struct PartitionCopyRecord {
    int64_t id = 0;  // row id (0 before stored)
    int64_t backupId = 0;
    int64_t partition = 0;
    std::string role;          // "primary", "shadow" or "final"
    std::string snapshotId;    // the repository snapshot; "" (NULL) for a shadow not stored (discarded, or not yet)
    int64_t takenUs = 0;       // when the copy began
    uint64_t epoch = 0;        // map epoch read just before the copy began
    int64_t lo = 0, hi = 0;    // the partition's range at that epoch; hi = INT64_MAX (NULL) for unbounded
    int64_t predictionId = 0;  // the prediction a shadow was taken for; 0 (NULL) when none
    bool kept = false;         // the copy restore uses for its partition
    uint64_t bytes = 0;        // bytes copied (a shadow: its staging file's size)
};

// One change forecast made during a partition backup (`partition_predictions`).
struct PartitionPredictionRecord {
    int64_t id = 0;  // row id (0 before stored)
    int64_t backupId = 0;
    int64_t madeUs = 0;
    int64_t partition = 0;  // split: the partition; merge: the left one; create: the top partition
    int64_t other = 0;      // merge: the right neighbour; else 0
    std::string kind;       // "split", "merge" or "create"
    double probability = 0;
    int64_t expectedUs = 0;  // when the change was expected (wall clock)
    int64_t splitKey = 0;    // split: the predicted key; else 0 (NULL)
    bool materialized = false;
    int64_t eventId = 0;  // the partmap.db event that materialized it; 0 (NULL) when none
};

// One decision of a backup's adaptive rate limiter (`partition_rate_log`).
struct PartitionRateRecord {
    int64_t backupId = 0;
    int64_t timeUs = 0;
    double oldRateMbps = 0, rateMbps = 0;  // MB/s (10^6 bytes); 0 = unlimited
    std::string reason;
};

struct PackRecord {
    int64_t id = 0;
    std::string name;
    uint64_t size = 0;
    uint64_t blobCount = 0;
};

struct BlobLocation {
    int64_t packId = 0;
    std::string packName;
    PackEntry entry;
};

class Catalog {
public:
    ~Catalog();
    // Opens (create=true: creates when missing) catalog.db at path and migrates it to the current schema.
    // Corruption when the file is not a catalog; InvalidArgument when its schema is newer than ours.
    static Result<std::unique_ptr<Catalog>> open(Env* env, const std::string& path, bool create);

    int schemaVersion() const { return m_version; }
    // Calls fn for every blob id in the index (dedup set at backup start).
    Status forEachBlobId(const std::function<void(const BlobId&)>& fn);
    // Records packs and their blobs in one transaction. The packs must be durable already.
    Status addPacks(const std::vector<WrittenPack>& packs);
    // nullopt when the blob is not indexed.
    Result<std::optional<BlobLocation>> findBlob(const BlobId& id);
    // Looks up many blobs with one prepared statement; out[i] is nullopt when ids[i] is not indexed.
    Result<std::vector<std::optional<BlobLocation>>> locateBlobs(const std::vector<BlobId>& ids);
    Result<std::vector<PackRecord>> listPacks();
    // Every indexed blob, grouped by pack row id, each group in offset order.
    Result<std::unordered_map<int64_t, std::vector<PackEntry>>> blobsByPack();
    Result<uint64_t> blobCount();

    // Snapshots, oldest first.
    Result<std::vector<SnapshotInfo>> listSnapshots();
    Result<std::optional<SnapshotInfo>> latestSnapshotOf(const std::string& sourcePath);
    // The stored map record and the id of its base ("" for a full map) and the chain depth.
    Status snapshotMap(const std::string& id, std::string* record, std::string* base, uint32_t* depth);
    Status insertSnapshot(const SnapshotInfo& info, const std::string& mapRecord, const std::string& mapBase,
                          uint32_t mapDepth);

    // PRAGMA quick_check of the catalog itself: "ok" or SQLite's findings.
    Result<std::string> quickCheck();

    // Traces. addTrace returns the new id; listTraces("") lists every source's, oldest first.
    Result<int64_t> addTrace(const TraceRecord& meta, const std::string& compressed);
    Result<std::vector<TraceRecord>> listTraces(const std::string& sourcePath);
    Result<std::string> traceData(int64_t id);

    // Models: the newest of a source and strategy wins.
    Result<int64_t> addModel(const ModelRecord& meta, const std::string& data);
    Result<std::optional<ModelRecord>> latestModel(const std::string& sourcePath, const std::string& strategy,
                                                   std::string* data);
    Result<std::vector<ModelRecord>> listModels(const std::string& sourcePath);

    // Restore history. addRestore returns the new row id (r.id is ignored); updateRestore rewrites every
    // column of row r.id (NotFound when there is none). InvalidArgument for an unknown status.
    // Writes work on a catalog opened by a read-only Repository (the connection is read-write; a busy
    // catalog is waited for up to the busy timeout, then Busy).
    Result<int64_t> addRestore(const RestoreRecord& r);
    Status updateRestore(const RestoreRecord& r);
    // Every restore, oldest first.
    Result<std::vector<RestoreRecord>> listRestores();

    // Alerts. addAlert returns the new row id (a.id is ignored); listAlerts is newest first;
    // acknowledgeAlert returns NotFound ("alert N not found") when there is no such alert.
    Result<int64_t> addAlert(const AlertRecord& a);
    Result<std::vector<AlertRecord>> listAlerts(bool unacknowledgedOnly = false);
    Status acknowledgeAlert(int64_t id);

    // Partition backups (schema v4). add* return the new row id (the record's id is ignored); update*
    // rewrite every column of row rec.id (NotFound when there is none); InvalidArgument for an unknown
    // status, role or kind. Lists are oldest first; a list for backup id 0 lists every backup's rows.
    Result<int64_t> addPartitionBackup(const PartitionBackupRecord& rec);
    Status updatePartitionBackup(const PartitionBackupRecord& rec);
    Result<std::vector<PartitionBackupRecord>> listPartitionBackups();
    Result<std::optional<PartitionBackupRecord>> partitionBackup(int64_t id);
    Result<int64_t> addPartitionCopy(const PartitionCopyRecord& rec);
    Status updatePartitionCopy(const PartitionCopyRecord& rec);
    Result<std::vector<PartitionCopyRecord>> listPartitionCopies(int64_t backupId);
    Result<int64_t> addPartitionPrediction(const PartitionPredictionRecord& rec);
    Status updatePartitionPrediction(const PartitionPredictionRecord& rec);
    Result<std::vector<PartitionPredictionRecord>> listPartitionPredictions(int64_t backupId);
    Status addPartitionRateLog(const PartitionRateRecord& rec);
    Result<std::vector<PartitionRateRecord>> listPartitionRateLog(int64_t backupId);

private:
    Catalog() = default;
    Status migrate();
    // Inserts the source row if missing. REQUIRES(m_mutex), inside a write transaction.
    Status ensureSource(const std::string& path, const std::string& what);
    // One write transaction: the source row if missing, then `insert`. Returns the inserted row id.
    // REQUIRES(m_mutex).
    Result<int64_t> insertForSource(const std::string& sourcePath, const std::string& what,
                                    const std::function<Status()>& insert);
    std::recursive_mutex m_mutex;  // serialises calls on m_db
    SqliteDb m_db;                 // GUARDED_BY(m_mutex)
    std::unique_ptr<EnvVfs> m_vfs;
    int m_version = 0;
};

}  // namespace prescient::repo
