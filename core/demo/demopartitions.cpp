#include "demo/demopartitions.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include "partition/churn.h"
#include "partition/partitionbackup.h"
#include "partition/partitionset.h"
#include "repo/repository.h"
#include "util/env.h"

namespace prescient::demo {

namespace {

namespace fs = std::filesystem;
using namespace prescient::partition;

constexpr double kWarmupSeconds = 5;
constexpr int kAttempts = 2;

ChurnOptions demoChurn() {
    ChurnOptions o;
    o.seconds = 60;  // stopped once the backup is done
    o.seed = 7;
    o.insertsPerSecond = 1500;
    o.timeScale = 1800;                           // a time partition (30 simulated minutes) fills in 1 s
    o.retentionUs = int64_t{4} * 3600 * 1000000;  // 4 simulated hours of data: ~10 partitions and more
    o.policy = demoPolicy();  // what `prescient partitions churn` applies, and what forecasts assume
    return o;
}

// Empty or missing, or a previous demo set (removed).
Status prepareFolder(const std::string& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec)) return Status::invalidArgument(dir + " exists and is not a folder");
        if (!fs::is_empty(dir, ec)) {
            if (!fs::exists(fs::path(dir) / "partmap.db", ec))
                return Status::invalidArgument("folder " + dir + " is not empty and holds no partition set");
            fs::remove_all(dir, ec);
            if (ec) return Status::ioError("cannot remove the previous demo set in " + dir + ": " + ec.message());
        }
    }
    fs::create_directories(dir, ec);
    if (ec) return Status::ioError("cannot create " + dir + ": " + ec.message());
    return Status::ok();
}


}  // namespace

Result<std::string> buildDemoPartitions(const std::string& dirIn, const std::string& repoDir, const JobControl& job) {
    const std::string dir = absolutePath(dirIn);
    PRESCIENT_RETURN_IF_ERROR(prepareFolder(dir));
    auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kWrite);
    if (!repo.isOk()) return repo.status();
    auto created = PartitionSet::create(dir, demoSetOptions());
    if (!created.isOk()) return created.status();
    PartitionSet& set = *created.value();

    Result<PartitionBackupResult> backup = Status::cancelled("demo cancelled");
    {
        ChurnThread churn(set, demoChurn());
        // The first seconds fill the retention window and give the predictor a history to learn from.
        const uint64_t ticks = static_cast<uint64_t>(kWarmupSeconds * 10);
        for (uint64_t i = 0; i < ticks; ++i) {
            if (job.cancelled()) return Status::cancelled("demo cancelled");
            job.report({"churn", i, ticks, 0});
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        job.report({"churn", ticks, ticks, 0});
        PartitionBackupOptions o;
        o.strategy = BackupStrategy::kPredictive;
        o.rateMbps = 0.25;  // a walk of 1–3 s: a dozen map changes meanwhile, some of them predicted
        o.policy = demoPolicy();
        o.job = job;
        // Most runs have a prediction that materialized and its shadow kept; when timing denied both, one
        // more backup (the newest is what the GUI shows).
        for (int attempt = 0; attempt < kAttempts; ++attempt) {
            backup = backupPartitionSet(*repo.value(), set, o);
            if (!backup.isOk() || (backup->predictionsMaterialized > 0 && backup->shadowsKept > 0)) break;
        }
        Status stopped = churn.stop();
        if (backup.isOk() && !stopped.isOk()) return stopped;
    }
    if (!backup.isOk()) return backup.status();
    return dir;
}

}  // namespace prescient::demo
