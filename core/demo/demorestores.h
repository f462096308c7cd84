// Demo restore runs: two real instant restores of the demo repository's newest snapshot, recorded in its
// restore history, so the restore history, the report and the Alerts view have something true to show on
// a first start. One uses the best stored model; the other a deliberately poor strategy ("sequential")
// under strict alert thresholds, so it raises at least one alert (hit rate or prediction precision), which
// the catalog keeps. During both, the shop's read sessions (replayReads, workload "oltp") run against the
// restoring target through the prescient VFS, so each run has a time to first query, tier shares and a
// time to a 90% hit rate like a restore an application used.
// Thread safety: no shared state; a job run on any thread.
#pragma once

#include <string>

#include "util/job.h"
#include "util/status.h"

namespace prescient::demo {

// repoDir: the repository (opened read-only: history rows and alerts are written through its catalog, as
// every restore does); sourceDb: the database whose newest snapshot is restored (made by the oltp
// workload); scratchDir: where the targets go (created when missing; the targets and their side files are
// removed afterwards, and the folder when this call created it). Takes a few seconds (the background
// restores are rate-limited so the reads overlap them). Progress phase "restores" (0..2); cancellable
// between and during runs (Cancelled). Errors: NotFound (no repository, no snapshot of sourceDb), the
// restore's or the replay's failure otherwise.
Status recordDemoRestores(const std::string& repoDir, const std::string& sourceDb, const std::string& scratchDir,
                          const JobControl& job = {});

}  // namespace prescient::demo
