// The demo repository: what the GUI opens on a first start (and with --demo), so a new user sees a
// populated window. A web-shop database (the oltp workload of workloads.h: customers, products, orders
// and order lines, with its recorded read sessions stored as a trace), a week of snapshots between rounds
// of simulated shop traffic (recorded at simulated days, one day skipped so the timeline shows a gap), and
// a model of every prediction strategy trained on the trace, two recorded instant restores (the best
// strategy and a deliberately poor one that raised alerts), and a partition set (dir/partitions) with a
// churned history and a partitioned backup with shadows and predictions. Everything lives in one folder marked as a
// demo folder, so a later build may replace it.
// Thread safety: no shared state; a job (progress, cancellation) run on any thread.
#pragma once

#include <string>

#include "util/job.h"
#include "util/status.h"

namespace prescient::demo {

struct DemoRepository {
    std::string dir;       // the folder
    std::string repoDir;   // dir/repo
    std::string database;  // dir/shop.db, the source
    std::string partitionSet;  // dir/partitions: a churned partition set with a partitioned backup
    int snapshots = 0;
};

// What a demo holds beyond the shop's snapshots, trace and models (tests that need only those skip the
// rest: a bare demo is not marked complete, so findDemoRepository never offers it).
struct DemoOptions {
    bool restores = true;    // two recorded instant restores and their alerts (about 6 s)
    bool partitions = true;  // the churned partition set and its partitioned backups (about 7 s)
};

// Builds the demo in dir (created when missing; a previous demo there is replaced; any other non-empty
// folder is refused with InvalidArgument). Takes some seconds. Progress phases: "database", "snapshots",
// "train", "restores", "partitions".
Result<DemoRepository> buildDemoRepository(const std::string& dir, const JobControl& job = {},
                                           const DemoOptions& options = {});

// The demo in dir if one was built completely, else NotFound.
Result<DemoRepository> findDemoRepository(const std::string& dir);

}  // namespace prescient::demo
