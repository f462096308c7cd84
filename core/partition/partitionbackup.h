// Backup and restore of a partition set (DESIGN.md §2 "Partitions"): one partition at a time into a
// repository while maintenance splits, merges and creates partitions, without losing or duplicating a row.
//
// Parts (files): the Backup Orchestrator (BO, partitionbackup.cpp) walks the start map copying each
// partition (capture::backupDatabase, rate-limited); the Shadow Backup System (SBS, partitionsbs.h) takes
// staging copies of partitions about to change and of their successors once they exist; the Change
// Prediction Engine (cpe.h) says which; the Adaptive Rescheduling Module (ARM, partitionarm.h) moves the
// rate limit; the Metadata Manager (MM) is the catalog's partition_* tables (repo/catalog.h, FORMAT.md v4).
//
// What a backup promises, for its window [start, end] (PartitionBackupResult::startedUs/finishedUs): its
// restore holds every key that was present at start and at end and never deleted in between exactly once;
// a key inserted or deleted in the window may be present or absent; every row's value is one the set held
// for that key at some instant of the window; every row is in the partition whose end-map range holds it.
// How: the end map is the map once its epoch stayed the same across a whole reconciliation pass; each end
// partition is restored from a copy of it taken after the last change of its range (a primary copy, a
// shadow, or a final copy the BO takes of a change nobody predicted), filtered to its range. The "naive"
// strategy keeps none of this (it exists to show what goes wrong): it walks the map as it goes and restores
// each end partition from its own last copy, unfiltered, losing rows merged away before the walk reached
// them and duplicating rows split off after their partition was copied.
//
// Strategies: "predictive" (CPE forecasts every ~0.5 s: confident ones get the partition shadowed ahead and
// its successors shadowed once the change happens; the ARM adapts the rate), "naive", "stop-the-world"
// (freezeMap() for the whole backup: maintenance blocked for its duration), "shadow-all" (every partition
// shadowed at start, the successors of every change shadowed; no prediction).
//
// The set may be written meanwhile by threads of this process (backupPartitionSet(repo, set, ...): the
// change observer wakes the SBS at once and freezeMap() is available) or by another process (by folder:
// the map is read from partmap.db and changes are found by polling its epoch every 50 ms; nothing can be
// frozen, so "stop-the-world" takes the set's write lock, Busy when another process holds it).
//
// Thread safety: a backup runs on the calling thread plus one monitor thread of its own; the Repository must
// be open for writing and not used by anything else meanwhile. Restore reads the repository only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "partition/churn.h"
#include "partition/cpe.h"
#include "partition/partitionset.h"
#include "repo/repository.h"
#include "util/job.h"
#include "util/status.h"

namespace prescient::partition {

enum class BackupStrategy { kPredictive, kNaive, kStopTheWorld, kShadowAll };
// "predictive", "naive", "stop-the-world", "shadow-all".
const char* strategyName(BackupStrategy s);
// InvalidArgument naming the known strategies for an unknown name.
Result<BackupStrategy> strategyFromName(const std::string& name);

struct PartitionBackupOptions {
    BackupStrategy strategy = BackupStrategy::kPredictive;
    double rateMbps = 0;                      // primary copy's rate limit at start, MB/s (10^6 B/s); 0 = unlimited
    double minRateMbps = 0, maxRateMbps = 0;  // ARM floor and ceiling; 0 = rate / 4 and rate * 4
    double confidence = 0.5;                  // forecasts at or above this probability are acted on
    std::string predictor = "learned";        // "learned" falls back to "linear" when the history is too short
    MaintenancePolicy policy = demoPolicy();  // the thresholds the set's maintenance applies (the CPE's input)
    double historySeconds = 600;              // the set's history the predictor learns from
    double tickSeconds = 0.5;                 // CPE forecast and ARM decision period
    double pollSeconds = 0.05;                // map epoch poll period
    double busyWritesPerSecond = 200;         // ARM: the foreground is busy at or above this write rate
    int maxPasses = 8;                        // reconciliation passes before the map is frozen for the last one
    JobControl job;                           // progress ("primary", "reconcile", "store"), cancellation

    // Test hooks, called on the backup's thread. afterPrimaryCopy: after each primary copy (partition id,
    // copy index from 0). crashAt: at "primary" (after a primary copy), "reconcile" (before the end map is
    // recorded), "store" (after a kept shadow was stored); returning true stops the backup right there as
    // if the process died: IoError, the catalog row stays "running" and the staging folder stays (the next
    // partition backup of the repository cleans both).
    std::function<void(int64_t partition, int index)> afterPrimaryCopy;
    std::function<bool(const char* step)> crashAt;
};

struct PartitionBackupResult {
    int64_t backupId = 0;  // partition_backups row
    BackupStrategy strategy = BackupStrategy::kPredictive;
    std::string predictor;                  // the predictor used ("" when none)
    int64_t startedUs = 0, finishedUs = 0;  // the window (wall clock, µs)
    uint64_t startEpoch = 0, endEpoch = 0;
    size_t endPartitions = 0;
    double seconds = 0;         // the whole backup, from start to the staging folder removed
    double blockedSeconds = 0;  // time map changes were held off (freezeMap)
    uint64_t primaryCopies = 0, finalCopies = 0;
    uint64_t shadowsTaken = 0, shadowsKept = 0;
    uint64_t shadowBytesKept = 0, shadowBytesDiscarded = 0;  // staging file sizes
    uint64_t predictionsMade = 0, predictionsMaterialized = 0;
    uint64_t changes = 0;             // map changes in the window
    uint64_t unpredictedChanges = 0;  // of which no prediction of this backup matched
    uint64_t bytesCopied = 0;         // primary and final copies (pages read)
    int passes = 0;                   // reconciliation passes
    uint64_t rateDecisions = 0;
    double finalRateMbps = 0;
    std::vector<std::string> notes;   // what the user should hear (fallbacks, stale staging removed)
    std::string figuresJson() const;  // the figures as a JSON object (stored in partition_backups.figures)
};

// Backs up a set open in this process (other threads may write and maintain it meanwhile). The backup sets
// the set's change observer for its duration and clears it when it ends (one observer per set). Errors: the
// repository's (Busy, NoSpace, IoError), Cancelled; a copy failing for another reason than its partition
// vanishing fails the backup (status "failed" in the catalog, staging removed).
Result<PartitionBackupResult> backupPartitionSet(repo::Repository& repo, PartitionSet& set,
                                                 const PartitionBackupOptions& options);
// Backs up the set in folder setDir, possibly written by another process. NotFound when it is no set;
// Busy for "stop-the-world" when another process has it open for writing.
Result<PartitionBackupResult> backupPartitionSet(repo::Repository& repo, const std::string& setDir,
                                                 const PartitionBackupOptions& options);

// Resolves "latest" (the newest complete backup) or a backup id. NotFound / InvalidArgument.
Result<int64_t> resolvePartitionBackup(repo::Repository& repo, const std::string& spec);

struct PartitionRestoreResult {
    int64_t backupId = 0;
    std::string target;  // absolute folder of the restored set
    size_t partitions = 0;
    uint64_t rows = 0;          // rows in the restored set (in their ranges)
    uint64_t rowsFiltered = 0;  // rows deleted because they were outside their end range
    Status check;               // PartitionSet::check() of the restored set (Corruption naming a violation)
    double seconds = 0;
};

// Restores backup `backupId` into targetDir (created; must be missing or empty): each end partition from the
// copy the backup chose, filtered to its range (not for "naive"), partmap.db for the end map, then check()
// on a read-only open. A failed check is reported in the result, not as the Status. Errors: NotFound (no
// such backup, snapshot), InvalidArgument (backup not complete, target not empty), Corruption, IoError.
Result<PartitionRestoreResult> restorePartitionBackup(repo::Repository& repo, int64_t backupId,
                                                      const std::string& targetDir, const JobControl& job = {});

// The CPE's view of the set in folder dir (read-only; works while another process writes it): events and
// statistics of the last historySeconds, the current map with key statistics, History::fill'ed.
Result<History> setHistory(const std::string& dir, const MaintenancePolicy& policy, double historySeconds);
// A predictor trained on h. "learned" falls back to "linear" when h is too short to learn from (*used names
// the predictor returned, *note says why). InvalidArgument for an unknown name.
Result<std::unique_ptr<ChangePredictor>> trainedPredictor(const std::string& name, const History& h, std::string* used,
                                                          std::string* note);

}  // namespace prescient::partition
