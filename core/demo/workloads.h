// Workloads: realistic database traffic recorded as page-access episodes, for training and judging the
// prediction engine (predict/) on something that looks like real use rather than on hand-made sequences.
//
// Each workload creates its database, then runs `sessions` sessions against it. A session is one new
// connection (one episode) of one kind, labelled with that kind's profile:
//   oltp        web shop: "web" (customer login by email, order history, order lines, product pages,
//               order status by id; Zipf-skewed keys) and "checkout" (write transactions: new orders,
//               sign-ups, stock updates)
//   reporting   sales fact table with a date index: "report" (range scans over recent windows plus
//               aggregates); a new day of sales is loaded (untraced) every other session on average
//   timeseries  sensor readings: "ingest" (append batches) and "dashboard" (the most recent readings of
//               the sensors of one dashboard)
//   chinook     the real Chinook sample database (copied from WorkloadOptions::chinookPath), queried by
//               the stock `sqlite3` shell under the LD_PRELOAD recorder, one shell process per session:
//               "account" (customer page, invoice history), "browse" (genre, album, artist pages),
//               "report" (top sellers, sales by country/genre) and "checkout" (new invoices)
// Keys have a stable skewed core, drift over time (new customers, featured items, the moving "now" of
// dates and readings) and noise (a share of uniform picks), so a learner has something to find and
// something to miss. The in-process workloads record through trace::TracingVfs (not made the default
// VFS); setup and untraced writers use the default VFS.
//
// Output is deterministic for a seed apart from the episodes' timestamps (wall clock) and what SQLite
// version differences change in the page layout.
//
// Thread safety: the functions keep no shared state; run them from any thread (each workload registers
// its own uniquely named VFS).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "trace/trace.h"
#include "trace/tracingvfs.h"
#include "util/status.h"

namespace prescient::demo {

struct WorkloadOptions {
    int sessions = 80;
    uint64_t seed = 1;
    double scale = 1.0;               // in-process workloads: multiplies the initial rows (1.0: 1,300 to 1,700 pages)
    std::string recorderPath;         // chinook: libprescient_recorder.so
    std::string chinookPath;          // chinook: the original database, copied to dbPath (never written)
    std::string sqlite3 = "sqlite3";  // chinook: the shell, looked up in PATH unless it contains a '/'
};

// {"oltp", "reporting", "timeseries", "chinook"}.
const std::vector<std::string>& workloadNames();

// The profiles a workload's episodes carry, e.g. {"web", "checkout"} for "oltp". Empty for an unknown name.
std::vector<std::string> workloadProfiles(const std::string& name);

// Creates the database of workload `name` at dbPath and runs its sessions. Returns one episode per
// session that read a page, in time order, each labelled with its session's profile. On return the
// database is closed and fully checkpointed (no -wal content), so predict::describePages sees every page.
// InvalidArgument when the name is unknown, dbPath exists already or an option is out of range;
// NotFound when chinook's source database, the recorder or the sqlite3 shell is missing; the SQLite
// error (naming dbPath) or the shell's stderr otherwise. On failure dbPath may be left behind.
Result<std::vector<trace::Episode>> runWorkload(const std::string& name, const std::string& dbPath,
                                                const WorkloadOptions& options);

// For measuring the tracing overhead: runs `sessions` read-only "web" sessions of the oltp workload on a
// database made by runWorkload("oltp", ...), each on a new connection, through a TracingVfs feeding
// `sink` when sink is not null and through the default VFS otherwise. Returns the number of queries run,
// or the SQLite error naming dbPath.
Result<int64_t> runOltpReads(const std::string& dbPath, int sessions, uint64_t seed, trace::TraceSink* sink);

// ---- Replaying the read side (replay.cpp) -------------------------------------------------------------------

struct ReplayQuery {
    double seconds = 0;  // latency of this query: prepare (once per statement and connection) and all steps
    uint64_t rows = 0;
};

struct ReplayResult {
    std::vector<ReplayQuery> queries;  // in execution order
    // 32 hex digits: XXH3-128 (BlobId::of) over the XXH3-128s of the queries in order, each over the query's
    // SQL text, bound parameters and every result row (column types and values).
    std::string digest;
    uint64_t rows = 0;  // sum of queries[i].rows
};

struct ReplayOptions {
    int sessions = 10;                     // 1..1000000
    uint64_t seed = 1;                     // picks the sessions' kinds and keys
    std::string vfs;                       // SQLite VFS name for the connections ("" = default)
    int openFlags = SQLITE_OPEN_READONLY;  // for sqlite3_open_v2 (READONLY: fine for a restoring target)
    double maxSeconds = 0;                 // stop starting new queries after this long (0 = run all sessions)
    std::function<void(const ReplayQuery&)> onQuery;  // optional, called after each query (calling thread)
};

// Runs the read sessions of workload `name` against the database at dbPath (made by runWorkload(name, ...)
// or a restored copy of it), in-process through the SQLite C API: oltp "web", reporting "report",
// timeseries "dashboard", chinook "account", "browse" and "report" (the SQL the shell workload runs).
// Each session opens a new connection with options.vfs and openFlags, runs its queries and closes it.
// Key choices come from a seeded Rng and from what the database holds (highest ids, latest day or
// reading, read on a connection of their own at the start), never from the clock, so the same call on the
// source and on an exact copy of it gives the same queries and digest. When maxSeconds runs out the
// result holds the queries run so far (their digest included). Returns InvalidArgument for an unknown
// name or bad options; the SQLite error naming dbPath otherwise (an I/O error when a page cannot be read,
// a missing file). Keeps no shared state: call it from any thread.
Result<ReplayResult> replayReads(const std::string& name, const std::string& dbPath, const ReplayOptions& options);

}  // namespace prescient::demo
