// Instant restore (DESIGN.md §2): the target answers queries at once, through the `prescient` VFS
// (restorevfs.h), while background workers restore its pages in the order the prediction engine expects
// them to be read.
//
// How a page read is served (counted per tier in the session's RestoreCounters):
//   tier 1: the prefetch cache, pages the workers fetched recently (memory);
//   tier 2: the target file, for pages already restored there or written by the application;
//   tier 3: a fetch on demand: the origin database when its page still has the snapshot's hash, else the
//           repository (read, decompress, check the hash). The page is then written into the target too.
// Workers take pages from an adaptive PrefetchQueue (priority = confidence x latency saved, from the
// stored model of the chosen strategy; successors of every page the application reads are boosted;
// predicted pages the application passed by sink; the rest follows in pack order so the store streams).
//
// Promises:
//   - writes by the application land in the target and mark the page written; no worker ever
//     overwrites such a page (a page lock orders each worker write against application writes);
//   - page 1 stays in memory (and in the restore state) until the end, so a plain SQLite opening the
//     unfinished target sees "file is not a database", never half a file;
//   - the restore state `TARGET.prescient` records which pages are durable: a killed restore resumes
//     where it stopped when started again with the same snapshot (the application's writes are kept);
//   - at the end every page not written by the application is read back and checked against its hash,
//     PRAGMA integrity_check runs through the VFS, page 1 is written, and the state file removed: the
//     target is a plain SQLite file;
//   - a damaged blob makes reads of that page fail with SQLITE_IOERR_READ (detail in lastServeError())
//     and the restore end with Corruption naming page, blob and pack; other pages keep being served.
//
// Lifetimes: connections to the target may outlive the session (they keep fetching on demand), but the
// repository's Env must outlive them all.
// Known limit: a plain SQLite (not the prescient VFS) that opens an unfinished target after a crash may
// replay the target's -journal or -wal into it; use `prescient sql` or the extension until it completes.
//
// Thread safety: start() and wait() from one thread; counters(), series(), queueStats(), cancel() from
// any thread. SQLite connections to the target may be used on any thread while the session lives.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "monitor/alerts.h"
#include "monitor/metrics.h"
#include "repo/repository.h"
#include "restore/plainrestore.h"
#include "restore/prefetchqueue.h"
#include "util/job.h"

namespace prescient::restore {

struct InstantOptions {
    // "" = the stored model with the best held-out coverage ("none" when the source has no model);
    // "none" = no prediction: pages stream in pack order, reads fetch on demand.
    std::string strategy;
    std::string originPath;       // optional tier-3 store: the original database
    double rateMBps = 0;          // limit on the workers' fetches (0 = none); demand fetches are never limited
    bool force = false;           // replace an existing target (or start over an unfinished restore of another snapshot)
    int workers = 0;              // 0 = 4: fetches in flight
    uint64_t cacheBytes = 64ull << 20;  // tier 1
    StructureCheck check = StructureCheck::kFull;
    monitor::AlertRules alertRules;
    std::string onAlert;          // shell command run for each alert ("" none)
    bool recordHistory = true;    // keep a row in the catalog's restore history, and the alerts
    JobControl job;               // progress: phase "restore" (pages done / total), "verify", "done"
};

struct InstantResult {
    repo::SnapshotInfo snapshot;
    std::string strategy;         // what ran
    bool resumed = false;
    uint64_t pages = 0;
    uint64_t pagesFetched = 0;    // by this run (a resumed restore skips what was durable)
    uint64_t pagesWritten = 0;    // pages the application wrote during the restore
    double seconds = 0;           // start to verified
    double readySeconds = 0;      // start() call to the target answering (state file and target ready)
    double restoreSeconds = 0;    // start to the last page in place, before verification
    double verifySeconds = 0;
    monitor::MetricsSummary metrics;
    QueueStats queue;
    double precision = -1;        // predicted pages the application read / predicted pages (-1 no reads)
    std::vector<monitor::Alert> alerts;
    int64_t historyId = 0;
};

class InstantRestore {
public:
    ~InstantRestore();  // cancels and joins the workers when still running; the state stays for a resume

    // Prepares (or resumes) the restore and starts it; returns as soon as the target answers queries
    // through the `prescient` VFS. Errors: NotFound (snapshot, target folder), InvalidArgument (target
    // exists, or is an unfinished restore of another snapshot, without force; target is a folder),
    // Busy (another process is restoring this target), Corruption (the snapshot names a missing blob),
    // NoSpace / IoError. The repository must stay open while the session lives.
    static Result<std::unique_ptr<InstantRestore>> start(repo::Repository& repo, const repo::SnapshotInfo& snapshot,
                                                         const std::string& target, const InstantOptions& options);

    // Blocks until the restore is verified and complete, failed, or cancelled (Cancelled: the state stays
    // for a resume). Call once.
    Result<InstantResult> wait();
    void cancel();
    bool done() const;

    const std::string& target() const;
    std::string strategy() const;  // "best" until the plan is made, then what runs
    // Live figures: lock-free counters, and the 10 Hz series (polling takes only the series' own lock).
    const monitor::RestoreCounters& counters() const;
    const monitor::MetricsSeries& series() const;
    QueueStats queueStats() const;
    // A finished query on the target (queries served, time to first query).
    void noteQuery(uint64_t nanos);

    struct Impl;

private:
    explicit InstantRestore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace prescient::restore
