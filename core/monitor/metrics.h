// The instant restore's live figures: counters bumped by the restore, a time series sampled from them,
// and the summary the restore history keeps. See README.md for the module's contract.
//
// Thread safety: RestoreCounters' atomics may be bumped from any number of threads (relaxed; never a
// lock). MetricsSeries::sample() is called by one sampler thread; points(), size(), latest() and
// summary() may be called from any thread and take only the series' own mutex, held for a copy.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace prescient::repo {
struct RestoreRecord;
}

namespace prescient::monitor {

// A window needs at least this many page reads for its hit rate to count towards timeTo90.
inline constexpr uint64_t kMinReads = 20;

// Bumped by the restore with relaxed atomics. All counts are cumulative from the restore's start.
struct RestoreCounters {
    std::atomic<uint64_t> tier1{0};          // page reads served from the prefetch cache (memory)
    std::atomic<uint64_t> tier2{0};          // page reads served from the target file (restored or written)
    std::atomic<uint64_t> tier3{0};          // page reads that waited on a fetch (repository or origin)
    std::atomic<uint64_t> tier3Origin{0};    // of which served by the original database
    std::atomic<uint64_t> waitNanos{0};      // total time reads waited on tier 3
    std::atomic<uint64_t> queries{0};        // queries completed through the VFS (noted by the query runner)
    std::atomic<uint64_t> queryNanos{0};     // their total duration
    std::atomic<int64_t> firstQueryUs{-1};   // microseconds from the restore's start to the first query
    std::atomic<uint64_t> pagesRestored{0};  // pages that need no fetching any more (restored or written)
    std::atomic<uint64_t> bytesRestored{0};  // bytes the restorer wrote into the target
    std::atomic<uint64_t> predictedDone{0};  // pages of the predicted set that are done
    uint64_t pagesTotal = 0;                 // set before the restore starts
    uint64_t predictedTotal = 0;             // size of the predicted set; set before the restore starts

    // One completed query that took `nanos`, finishing usSinceStart after the restore's start: counts it
    // and lowers firstQueryUs to usSinceStart when unset or later (a CAS loop). Any thread.
    void noteQuery(uint64_t nanos, int64_t usSinceStart);
};

struct MetricsPoint {
    double t = 0;                              // seconds since the restore started
    uint64_t tier1 = 0, tier2 = 0, tier3 = 0;  // cumulative
    uint64_t tier3Origin = 0;                  // cumulative
    uint64_t reads = 0;                        // reads in the window
    double hitRate = -1;                       // share of the window's reads served by tier 1 or 2; -1 none
    // Shares of the window's reads served by each tier; -1 when the window has no read.
    double tier1Share = -1, tier2Share = -1, tier3Share = -1;
    double fetchLatencyMs = 0;     // mean tier-3 wait in the window (0 when none)
    uint64_t queries = 0;          // cumulative
    uint64_t pagesRestored = 0;    // cumulative
    double restoredShare = 0;      // pagesRestored / pagesTotal (0 when pagesTotal is 0)
    double throughputMBps = 0;     // bytesRestored per second over the window (MB = 10^6 bytes)
    double predictedProgress = 0;  // predictedDone / predictedTotal (1 when predictedTotal is 0)
};

// What the restore history keeps (see fillRestoreRecord).
struct MetricsSummary {
    double timeToFirstQuery = -1;  // seconds, -1 when no query
    // Seconds to the first point whose window hit rate >= 0.9 with >= kMinReads reads; -1 never.
    double timeTo90 = -1;
    double restoredAt90 = -1;  // restoredShare at that point
    uint64_t tier1 = 0, tier2 = 0, tier3 = 0, queries = 0;
    double hitRate = -1;     // (tier1 + tier2) / all reads over the whole restore; -1 when no read
    double meanFetchMs = 0;  // mean tier-3 wait over the whole restore (0 when none)
};

// A time series of MetricsPoint sampled from one RestoreCounters, which must outlive the series.
// The series starts at t = 0 with every counter at zero (the restore's start).
class MetricsSeries {
public:
    // windowSeconds: the span the per-window figures (hit rate, shares, latency, throughput) cover.
    // maxPoints: past this many points the older half is thinned (every other point kept), so memory stays
    // bounded however long the restore runs (at least 4); the first and the newest points are always kept.
    explicit MetricsSeries(const RestoreCounters* counters, double windowSeconds = 1.0, size_t maxPoints = 36000);

    // Reads the counters and appends a point for time t (seconds since the restore's start; non-decreasing
    // from call to call). Its window runs from the newest earlier sample at or before t - windowSeconds
    // (the start when none) to t. One sampler thread only.
    void sample(double t);

    // A copy of points[from..] (empty when from >= size()). Thinning renumbers the points: when
    // *generation (if given) differs from the value an earlier call returned, refetch from 0. Any thread.
    std::vector<MetricsPoint> points(size_t from = 0, uint64_t* generation = nullptr) const;
    size_t size() const;
    std::optional<MetricsPoint> latest() const;
    // timeTo90 comes from every sample taken (thinning does not move it); the totals are read from the
    // counters now. Any thread.
    MetricsSummary summary() const;

private:
    struct Raw {  // counter values at one sample
        double t = 0;
        uint64_t tier1 = 0, tier2 = 0, tier3 = 0, waitNanos = 0, bytes = 0;
    };
    void thinLocked();  // REQUIRES(m_mutex)

    const RestoreCounters* m_counters;
    const double m_window;
    const size_t m_maxPoints;
    mutable std::mutex m_mutex;
    std::deque<Raw> m_raw;               // GUARDED_BY(m_mutex): samples a later window may start from
    std::vector<MetricsPoint> m_points;  // GUARDED_BY(m_mutex)
    uint64_t m_generation = 0;           // GUARDED_BY(m_mutex): bumped by each thinning
    double m_timeTo90 = -1;              // GUARDED_BY(m_mutex)
    double m_restoredAt90 = -1;          // GUARDED_BY(m_mutex)
};

// Copies the summary's figures and the counters' pages and bytes into a restore record (ttfqSeconds,
// t90Seconds, tier1..3, queries, pages, bytes); leaves its other fields alone.
void fillRestoreRecord(const MetricsSummary& s, const RestoreCounters& c, repo::RestoreRecord* r);

}  // namespace prescient::monitor
