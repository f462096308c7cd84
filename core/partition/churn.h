// Churn: a realistic time-series ingest into a partition set that drives its maintenance, for demos, tests
// and benchmarks (`prescient partitions churn`).
//
// Keys are timestamps (µs) of a simulated "now" that runs timeScale times faster than real time, so the key
// space drifts upward; several sensors write at skewed rates, with bursts, some late rows, and updates of
// recent rows; a retention thread deletes rows older than now - retention (removeBelow). Meanwhile a
// maintenance thread calls maintain(policy) every maintainEverySeconds: the top partition splits when it
// fills, partitions are created ahead of the data, and old ones, emptied by retention, merge.
//
// Rows: (ts INTEGER PRIMARY KEY, sensor INTEGER, value REAL, note TEXT): see churnSchema().
// Thread safety: runChurn uses the set from its own threads; other threads may use the set meanwhile.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "partition/partitionset.h"
#include "util/job.h"
#include "util/status.h"

namespace prescient::partition {

inline constexpr int64_t kChurnStartUs = 1767225600000000;  // 2026-01-01T00:00:00Z: first key of a fresh set

// CREATE TABLE readings(ts INTEGER PRIMARY KEY, sensor INTEGER NOT NULL, value REAL, note TEXT)
std::string churnSchema();
// The churn schema, key "ts", one partition, statistics in 100 ms buckets.
SetOptions demoSetOptions();
// Thresholds scaled to the churn's default rates: the top partition splits about once per time partition,
// partitions emptied by retention merge, a partition of 30 simulated minutes is made ahead of the data.
MaintenancePolicy demoPolicy();

// One write of a churn run, as reported to ChurnOptions::onWrite.
struct ChurnWrite {
    enum Kind { kInsert, kUpdate, kRemoveBelow } kind = kInsert;
    int64_t key = 0;        // the row's key; kRemoveBelow: the bound (rows with a lower key were deleted)
    PartitionSet::Row row;  // kInsert: the row; kUpdate: the changed columns; kRemoveBelow: empty
    int64_t beforeUs = 0;   // wall clock (µs since 1970) just before the call
    int64_t afterUs = 0;    // ... and just after it returned: the write committed in between
    uint64_t removed = 0;   // kRemoveBelow: rows deleted
};

struct ChurnOptions {
    double seconds = 10;  // real time the run lasts
    uint64_t seed = 1;
    int writers = 1;                 // inserting threads
    double insertsPerSecond = 2000;  // mean insert rate over all writers, outside bursts
    int sensors = 16;
    double sensorSkew = 1.2;             // Zipf exponent of the sensors' shares of the rows
    double timeScale = 3600;             // simulated seconds per real second: how fast the keys drift
    int64_t startUs = kChurnStartUs;     // first key of an empty set (else just above its highest key)
    double lateFraction = 0.1;           // rows that arrive late, ...
    double lateMeanUs = 120e6;           // ... by this much simulated time on average (exponential)
    double burstChance = 0.1;            // per 100 ms of real time: a burst starts
    double burstFactor = 4;              // the insert rate during a burst
    double burstSeconds = 0.3;           // real time a burst lasts
    double updateFraction = 0.05;        // of the writes: an update of a recent row instead of an insert
    int64_t retentionUs = 3600000000;    // simulated: rows older than now - retention are deleted
    double retentionEverySeconds = 0.1;  // real
    double maintainEverySeconds = 0.05;  // real; 0 = no maintenance thread
    MaintenancePolicy policy = demoPolicy();
    // Optional: called after every successful write, on the thread that made it (a writer, retention); must
    // be thread-safe and quick. Lets a test check a backup of the set against what was written when.
    std::function<void(const ChurnWrite&)> onWrite;
};

struct ChurnStats {
    uint64_t inserted = 0, updated = 0, deleted = 0;
    uint64_t collisions = 0;  // inserts retried with the next key because theirs existed
    uint64_t bursts = 0;
    // Events made by the maintenance thread during the run.
    uint64_t splits = 0, merges = 0, creations = 0, drops = 0;
    int64_t firstKeyUs = 0, lastKeyUs = 0;  // simulated time covered by the keys written
    double seconds = 0;                     // real time the run took
};

// Runs the workload for options.seconds. The set must have the churn schema (InvalidArgument otherwise).
// Returns the first error of any thread (the others stop), Cancelled when the token fired.
Result<ChurnStats> runChurn(PartitionSet& set, const ChurnOptions& options, const CancelToken* cancel = nullptr);

// runChurn on its own thread until stop() or its time is up (the demo, tests and benchmarks churn a set
// while a backup runs). stop() cancels, joins and returns the run's error (Ok when it was cancelled).
class ChurnThread {
public:
    ChurnThread(PartitionSet& set, ChurnOptions o) : m_opts(std::move(o)) {
        m_thread = std::thread([this, &set] { m_result = runChurn(set, m_opts, &m_cancel).status(); });
    }
    ~ChurnThread() { (void)stop(); }
    ChurnThread(const ChurnThread&) = delete;
    ChurnThread& operator=(const ChurnThread&) = delete;
    Status stop() {
        m_cancel.cancel();
        if (m_thread.joinable()) m_thread.join();
        return m_result.code() == Status::Code::kCancelled ? Status::ok() : m_result;
    }

private:
    ChurnOptions m_opts;
    CancelToken m_cancel;
    Status m_result;  // written by the thread, read after join
    std::thread m_thread;
};

}  // namespace prescient::partition
