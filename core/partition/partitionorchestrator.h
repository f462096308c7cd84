// The Backup Orchestrator's state, shared by partitionbackup.cpp (the walk, the reconciliation, the end) and
// partitionmonitor.cpp (the monitor thread: shadows, forecasts, rate decisions). Internal to
// core/partition: the API is partitionbackup.h.
//
// Threads and locks: the caller's thread runs the walk and the reconciliation; the monitor thread polls the
// map (or is woken by the change observer), takes shadows and makes forecasts and rate decisions. m_mu
// guards the shared state (the timeline, copies, predictions, the walk's progress); no copy runs under it.
// The shadow store is the monitor's until it has stopped, then the orchestrator's.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "partition/partitionarm.h"
#include "partition/partitionbackup.h"
#include "partition/partitionsbs.h"
#include "partition/setreader.h"

namespace prescient::partition::detail {

using Clock = std::chrono::steady_clock;

inline int64_t wallUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}
inline double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A copy the restore may use: in the repository (primary, final) or in the staging folder (shadow).
struct CopyRef {
    std::string role;  // "primary", "final", "shadow"
    int64_t copyId = 0;
    int64_t partition = 0;
    uint64_t epoch = 0;
    int64_t lo = kMinKey, hi = kMaxKey;
    int64_t takenUs = 0;
    uint64_t bytes = 0;
    std::string snapshotId;  // repository copies
    size_t shadow = 0;       // index into the shadow store (role "shadow")
};

struct Prediction {
    repo::PartitionPredictionRecord rec;
    EventKind kind = EventKind::kSplit;
};

// One partition backup, from begin() to the end map (run()).
class Orchestrator {
public:
    Orchestrator(repo::Repository& repo, const std::string& dir, PartitionSet* set, const PartitionBackupOptions& o)
        : m_repo(repo), m_dir(dir), m_set(set), m_o(o), m_arm(armOptions(o)) {}
    ~Orchestrator() { stopMonitor(); }

    Result<PartitionBackupResult> run();

private:
    static ArmOptions armOptions(const PartitionBackupOptions& o) {
        ArmOptions a;
        a.startMbps = o.rateMbps;
        a.minMbps = o.minRateMbps;
        a.maxMbps = o.maxRateMbps;
        a.busyWritesPerSecond = o.busyWritesPerSecond;
        return a;
    }
    bool predictive() const { return m_o.strategy == BackupStrategy::kPredictive; }
    bool shadowAll() const { return m_o.strategy == BackupStrategy::kShadowAll; }
    bool naive() const { return m_o.strategy == BackupStrategy::kNaive; }
    bool crash(const char* step) { return m_crashed = m_o.crashAt && m_o.crashAt(step); }
    bool cancelled() const { return m_o.job.cancelled(); }

    Status begin();
    Status walkStartMap();
    Status walkNaive();
    Status reconcile();
    Status storeAndFinish();
    void fail(const Status& s);

    // Reads new events into the timeline (rebasing it when it broke), matches them against the predictions
    // and queues the successors to shadow. Any thread, with its own reader.
    Status sync(SetReader& reader);
    // A repository copy (primary or final) of partition id at its current range; *gone when it vanished.
    Status copyToRepo(SetReader& reader, int64_t id, const char* role, bool limited, bool* gone);
    // The copy restore would use for id now; nullopt when none is valid. m_mu held.
    std::optional<CopyRef> chooseLocked(int64_t id) const;
    bool hasValidCopyLocked(int64_t id) const;

    // Monitor thread.
    void startMonitor();
    void stopMonitor();
    void wake();
    void monitorLoop();
    Status monitorStep(SetReader& reader, Clock::time_point& nextTick);
    Status tick(SetReader& reader);
    Status takeShadow(int64_t id, int64_t indexUs, int64_t predictionId, bool successor);

    repo::Repository& m_repo;
    std::string m_dir;
    PartitionSet* m_set;  // null for a set of another process
    PartitionBackupOptions m_o;
    AdaptiveRate m_arm;
    std::unique_ptr<SetReader> m_reader;  // the orchestrator thread's
    PartitionBackupResult m_r;
    repo::PartitionBackupRecord m_rec;
    Clock::time_point m_t0;
    PartitionMap m_startMap;  // measured (bytes)
    std::unique_ptr<ChangePredictor> m_predictor;
    HistoryFeed m_feed;  // the monitor's
    ShadowStore m_sbs;
    std::unique_ptr<PartitionSet::MapFreeze> m_freeze;
    Clock::time_point m_frozenAt;

    mutable std::mutex m_mu;
    MapTimeline m_timeline;                 // GUARDED_BY(m_mu)
    int64_t m_lastEventId = 0;              // GUARDED_BY(m_mu)
    std::vector<PartitionEvent> m_events;   // GUARDED_BY(m_mu): the window's changes
    std::set<int64_t> m_predictedEvents;    // GUARDED_BY(m_mu): event ids a prediction matched
    std::vector<CopyRef> m_copies;          // GUARDED_BY(m_mu): repository copies, then shadows
    std::vector<Prediction> m_predictions;  // GUARDED_BY(m_mu)
    std::set<int64_t> m_walked;             // GUARDED_BY(m_mu): start-map partitions reached by the walk
    uint64_t m_remainingBytes = 0;          // GUARDED_BY(m_mu): of the walk
    struct Pending {
        int64_t partition, indexUs, predictionId;
    };
    std::vector<Pending> m_toShadow;  // GUARDED_BY(m_mu): successors waiting for the monitor

    std::thread m_monitor;
    std::atomic<bool> m_monitoring{false};  // the monitor thread runs: successors get queued
    bool m_crashed = false;                 // the crash hook stopped the backup
    int m_shadowFailures = 0;               // GUARDED_BY(m_mu)
    std::mutex m_wakeMu;
    std::condition_variable m_wakeCv;
    bool m_woken = false;  // GUARDED_BY(m_wakeMu)
    std::atomic<bool> m_stop{false};
    Status m_monitorStatus;                            // written by the monitor; read after join
    std::vector<repo::PartitionRateRecord> m_rateLog;  // the monitor's
};

}  // namespace prescient::partition::detail
