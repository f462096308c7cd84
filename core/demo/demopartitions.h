// The demo partition set: a time-series set ("readings", core/partition/churn.h) churned with simulated
// time so its map has a history of splits, merges and creations with write statistics, and backed up while
// it churns with the predictive (CPE + SBS + ARM) strategy, so the repository's catalog holds a partition
// backup with primary, shadow and final copies (kept and discarded), change predictions (some
// materialized) and the adaptive rate log. What the GUI's Partitions view shows on a first start.
// Thread safety: no shared state; a job (progress, cancellation) run on any thread.
#pragma once

#include <string>

#include "util/job.h"
#include "util/status.h"

namespace prescient::demo {

// Builds the set in dir (created when missing; must be empty or hold a previous demo set, which is
// replaced; any other content is InvalidArgument) and backs it up into the repository at repoDir, which
// must exist and not be open for writing elsewhere (Busy otherwise). About 7–9 s: 5 s of churn (the
// history the predictor learns from), then a rate-limited predictive backup of 1–3 s while the churn goes on
// (a second one when the first had no materialized prediction with a kept shadow, which timing may deny).
// Progress phases: "churn" (done/total in tenths of a second), then the backup's ("primary", "reconcile",
// "store"). Returns the set's absolute folder. Errors: the set's, the repository's, Cancelled.
Result<std::string> buildDemoPartitions(const std::string& dir, const std::string& repoDir, const JobControl& job = {});

}  // namespace prescient::demo
