#include "demo/demorestores.h"

#include <filesystem>
#include <memory>

#include "demo/workloads.h"
#include "repo/repository.h"
#include "restore/instantrestore.h"
#include "restore/restorevfs.h"

namespace prescient::demo {

namespace {

namespace fs = std::filesystem;

struct Run {
    const char* name;      // the target's file name
    const char* strategy;  // "" = the best stored model
    bool strict;           // strict thresholds (the poor run)
    uint64_t seed;         // of the replayed sessions (held out: the demo's training used seed 1)
};

constexpr double kRateMBps = 6;       // background fetches: ~3 s for the demo's ~18 MB
constexpr double kReadSeconds = 2.5;  // the shop's reads during the restore: no new query after this long

// Thresholds a sequential prefetch of a shop database cannot meet: most reads wait on fetches early on,
// and most pages it predicts are never read.
monitor::AlertRules strictRules() {
    monitor::AlertRules r;
    r.minHitRate = 0.97;
    r.hitRateSeconds = 0.5;
    r.minPrecision = 0.95;
    return r;
}

void removeTarget(const std::string& target) {
    std::error_code ec;
    for (const char* suffix : {"", ".prescient", "-journal", "-wal", "-shm"}) fs::remove(target + suffix, ec);
}

// One instant restore of snapshot to target with the shop's reads running against it meanwhile.
Status restoreWithReads(repo::Repository& repo, const repo::SnapshotInfo& snapshot, const std::string& target,
                        const Run& run, const JobControl& job) {
    restore::InstantOptions o;
    o.strategy = run.strategy;
    o.force = true;
    o.rateMBps = kRateMBps;
    if (run.strict) o.alertRules = strictRules();
    o.job.cancel = job.cancel;  // no progress: the caller's phases are ours
    auto started = restore::InstantRestore::start(repo, snapshot, target, o);
    if (!started.isOk()) return started.status();
    restore::InstantRestore& session = *started.value();
    ReplayOptions ro;
    ro.sessions = 1000000;
    ro.seed = run.seed;
    ro.vfs = restore::kRestoreVfsName;
    ro.maxSeconds = kReadSeconds;
    ro.onQuery = [&session](const ReplayQuery& q) { session.noteQuery(static_cast<uint64_t>(q.seconds * 1e9)); };
    auto replayed = replayReads("oltp", target, ro);
    if (!replayed.isOk()) {
        session.cancel();
        (void)session.wait();
        return replayed.status().withContext("demo reads during the restore");
    }
    auto result = session.wait();
    return result.status();
}

}  // namespace

Status recordDemoRestores(const std::string& repoDir, const std::string& sourceDb, const std::string& scratchDir,
                          const JobControl& job) {
    auto opened = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
    if (!opened.isOk()) return opened.status();
    repo::Repository& repo = *opened.value();
    auto latest = repo.catalog().latestSnapshotOf(absolutePath(sourceDb));
    if (!latest.isOk()) return latest.status();
    if (!latest.value()) return Status::notFound("no snapshot of " + sourceDb + " in " + repoDir);
    const repo::SnapshotInfo snapshot = *latest.value();

    std::error_code ec;
    const bool created = !fs::exists(scratchDir, ec);
    fs::create_directories(scratchDir, ec);
    if (ec) return Status::ioError("cannot create " + scratchDir + ": " + ec.message());

    const Run runs[] = {{"shop-restored-best.db", "", false, 777},
                        {"shop-restored-sequential.db", "sequential", true, 778}};
    Status status;
    uint64_t done = 0;
    job.report({"restores", 0, 2, 0});
    for (const Run& run : runs) {
        if (job.cancelled()) {
            status = Status::cancelled("demo restores cancelled");
            break;
        }
        const std::string target = joinPath(scratchDir, run.name);
        status = restoreWithReads(repo, snapshot, target, run, job);
        removeTarget(target);
        if (!status.isOk()) break;
        job.report({"restores", ++done, 2, 0});
    }
    if (created) fs::remove_all(scratchDir, ec);
    return status;
}

}  // namespace prescient::demo
