// The demo repository: what the GUI opens on a first start (and with --demo), so a new user sees a
// populated window. A web-shop database (the oltp workload of workloads.h: customers, products, orders
// and order lines, with its recorded read sessions stored as a trace), a week of snapshots between rounds
// of simulated shop traffic (recorded at simulated days, one day skipped so the timeline shows a gap), and
// a model of every prediction strategy trained on the trace. Everything lives in one folder marked as a
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
    int snapshots = 0;
};

// Builds the demo in dir (created when missing; a previous demo there is replaced; any other non-empty
// folder is refused with InvalidArgument). Takes some seconds. Progress phases: "database", "snapshots",
// "train".
Result<DemoRepository> buildDemoRepository(const std::string& dir, const JobControl& job = {});

// The demo in dir if one was built completely, else NotFound.
Result<DemoRepository> findDemoRepository(const std::string& dir);

}  // namespace prescient::demo
