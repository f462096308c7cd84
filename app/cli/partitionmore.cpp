// `prescient partitions forecast|backup|restore`: change forecasts of a partition set (core/partition/cpe.h)
// and its backup and restore through a repository (core/partition/partitionbackup.h). The set may be written
// by another process meanwhile: everything here reads it without its lock (stop-the-world excepted).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "partition/partitionbackup.h"
#include "util/env.h"

namespace prescient::cli {

namespace {

using namespace prescient::partition;

int64_t wallUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool parseNumber(const std::string& text, double* v) {
    if (text.empty()) return false;
    char* end = nullptr;
    *v = std::strtod(text.c_str(), &end);
    return end && !*end;
}

// --split-rows, --merge-rows, --create-span override the churn's demo policy (what `partitions churn` applies):
// the forecasts need the thresholds the set's maintenance uses, which the set does not record.
bool parsePolicy(const std::string& command, const Args& args, MaintenancePolicy* p, int* code) {
    *p = demoPolicy();
    struct Field {
        const char* name;
        std::function<void(double)> set;
    };
    const Field fields[] = {
        {"split-rows", [&](double v) { p->splitRows = static_cast<uint64_t>(v); }},
        {"merge-rows", [&](double v) { p->mergeRows = static_cast<uint64_t>(v); }},
        {"create-span", [&](double v) { p->createAheadSpan = static_cast<int64_t>(v); }},
    };
    for (const Field& f : fields) {
        if (!args.has(f.name)) continue;
        double v = 0;
        if (!parseNumber(args.value(f.name), &v) || v < 0) {
            *code = usageError(command, std::string("--") + f.name + " takes a non-negative number");
            return false;
        }
        f.set(v);
    }
    return true;
}

std::string keyText(int64_t k, bool upper) {
    if (!upper && k == kMinKey) return "-inf";
    if (upper && k == kMaxKey) return "+inf";
    return std::to_string(k);
}
std::string jsonKey(int64_t k, bool upper) {
    if ((!upper && k == kMinKey) || (upper && k == kMaxKey)) return "null";
    return std::to_string(k);
}

int cmdPartForecast(const Argv& argv) {
    const std::string command = "partitions forecast";
    Args args;
    std::string err;
    if (!args.parse(argv, {"set", "horizon", "predictor", "split-rows", "merge-rows", "create-span"}, {"json"}, &err))
        return usageError(command, err);
    if (!args.positionals().empty()) return usageError(command, "unexpected argument " + args.positionals()[0]);
    const std::string dir = args.value("set");
    if (dir.empty()) return usageError(command, "give the partition set's folder with --set DIR");
    double horizon = 10;
    if (args.has("horizon") && (!parseNumber(args.value("horizon"), &horizon) || horizon <= 0))
        return usageError(command, "--horizon takes a positive number of seconds");
    const std::string predictor = args.value("predictor", "learned");
    if (std::find(predictorNames().begin(), predictorNames().end(), predictor) == predictorNames().end())
        return usageError(command, "--predictor takes learned, linear or reactive");
    MaintenancePolicy policy;
    int code = 0;
    if (!parsePolicy(command, args, &policy, &code)) return code;

    auto history = setHistory(dir, policy, 600);
    if (!history.isOk()) return reportError(history.status());
    std::string used, note;
    auto p = trainedPredictor(predictor, history.value(), &used, &note);
    if (!p.isOk()) return reportError(p.status());
    if (!note.empty()) std::fprintf(stderr, "prescient: note: %s\n", note.c_str());
    const History& h = history.value();
    const int64_t now = std::max(wallUs(), h.maps.back().timeUs);
    std::vector<Forecast> forecasts = p.value()->forecast(h, now, horizon);
    // The newest snapshot holding key statistics is the current map (setHistory measured it).
    const TimedMap* current = &h.maps.back();
    for (const TimedMap& m : h.maps)
        if (!m.keys.empty()) current = &m;
    struct Row {
        const Forecast* split = nullptr;
        const Forecast* merge = nullptr;
        const Forecast* create = nullptr;
    };
    std::map<int64_t, Row> rows;
    for (const Forecast& f : forecasts) {
        Row& r = rows[f.partition];
        (f.kind == EventKind::kSplit ? r.split : f.kind == EventKind::kMerge ? r.merge : r.create) = &f;
    }
    auto prob = [](const Forecast* f) { return f ? f->probability : 0.0; };
    if (args.has("json")) {
        std::printf("{\"set\": %s, \"predictor\": %s, \"horizon_s\": %.3f, \"epoch\": %llu, \"partitions\": [",
                    jsonString(absolutePath(dir)).c_str(), jsonString(used).c_str(), horizon,
                    static_cast<unsigned long long>(current->map.epoch));
        bool first = true;
        for (const PartitionInfo& part : current->map.partitions) {
            const Row& r = rows[part.id];
            std::printf(
                "%s\n  {\"id\": %lld, \"lo\": %s, \"hi\": %s, \"rows\": %llu, \"split\": {\"probability\": %.4f",
                first ? "" : ",", static_cast<long long>(part.id), jsonKey(part.lo, false).c_str(),
                jsonKey(part.hi, true).c_str(), static_cast<unsigned long long>(part.rows), prob(r.split));
            if (r.split)
                std::printf(", \"expected_s\": %.3f, \"key\": %lld", r.split->expectedSeconds,
                            static_cast<long long>(r.split->key));
            std::printf("}, \"merge\": {\"probability\": %.4f", prob(r.merge));
            if (r.merge)
                std::printf(", \"expected_s\": %.3f, \"with\": %lld", r.merge->expectedSeconds,
                            static_cast<long long>(r.merge->other));
            std::printf("}, \"create\": {\"probability\": %.4f", prob(r.create));
            if (r.create)
                std::printf(", \"expected_s\": %.3f, \"above\": %lld", r.create->expectedSeconds,
                            static_cast<long long>(r.create->key));
            std::printf("}}");
            first = false;
        }
        std::printf("\n]}\n");
        return kExitOk;
    }
    std::printf("forecast for %s over the next %.1f s (%s predictor, epoch %llu):\n", absolutePath(dir).c_str(),
                horizon, used.c_str(), static_cast<unsigned long long>(current->map.epoch));
    std::printf("%6s  %-44s  %7s  %7s  %7s  %8s  %9s  %s\n", "ID", "RANGE", "ROWS", "P(SPLIT)", "P(MERGE)", "P(CREATE)",
                "EXPECTED", "SPLIT KEY");
    for (const PartitionInfo& part : current->map.partitions) {
        const Row& r = rows[part.id];
        const Forecast* likely = nullptr;
        for (const Forecast* f : {r.split, r.merge, r.create})
            if (f && (!likely || f->probability > likely->probability)) likely = f;
        std::string range = "[" + keyText(part.lo, false) + ", " + keyText(part.hi, true) + ")";
        char expected[32] = "-";
        if (likely && likely->probability >= 0.005)
            std::snprintf(expected, sizeof expected, "%.1f s", likely->expectedSeconds);
        std::string key = r.split && r.split->probability >= 0.005 ? std::to_string(r.split->key) : "-";
        std::printf("%6lld  %-44s  %7llu  %8.2f  %8.2f  %9.2f  %9s  %s\n", static_cast<long long>(part.id),
                    range.c_str(), static_cast<unsigned long long>(part.rows), prob(r.split), prob(r.merge),
                    prob(r.create), expected, key.c_str());
    }
    return kExitOk;
}

int cmdPartBackup(const Argv& argv) {
    const std::string command = "partitions backup";
    Args args;
    std::string repoDir;
    int code = 0;
    if (!parseWithRepo(
            command, argv,
            {"set", "strategy", "rate", "confidence", "predictor", "split-rows", "merge-rows", "create-span"}, {"json"},
            &args, &repoDir, &code))
        return code;
    if (!args.positionals().empty()) return usageError(command, "unexpected argument " + args.positionals()[0]);
    const std::string dir = args.value("set");
    if (dir.empty()) return usageError(command, "give the partition set's folder with --set DIR");
    PartitionBackupOptions opts;
    auto strategy = strategyFromName(args.value("strategy", "predictive"));
    if (!strategy.isOk()) return usageError(command, strategy.status().detail());
    opts.strategy = strategy.value();
    if (args.has("rate") && (!parseNumber(args.value("rate"), &opts.rateMbps) || opts.rateMbps <= 0))
        return usageError(command, "--rate takes a positive number of MB/s");
    if (args.has("confidence") &&
        (!parseNumber(args.value("confidence"), &opts.confidence) || opts.confidence <= 0 || opts.confidence > 1))
        return usageError(command, "--confidence takes a probability in (0, 1]");
    opts.predictor = args.value("predictor", "learned");
    if (std::find(predictorNames().begin(), predictorNames().end(), opts.predictor) == predictorNames().end())
        return usageError(command, "--predictor takes learned, linear or reactive");
    if (!parsePolicy(command, args, &opts.policy, &code)) return code;
    auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kWrite);
    if (!repo.isOk()) return reportError(repo.status());
    for (const auto& n : repo.value()->notices()) std::fprintf(stderr, "prescient: note: %s\n", n.c_str());
    opts.job.cancel = &interruptToken();
    opts.job.progress = terminalProgress("partition backup");
    auto r = backupPartitionSet(*repo.value(), dir, opts);
    endProgressLine();
    if (!r.isOk()) return reportError(r.status());
    const PartitionBackupResult& b = r.value();
    for (const auto& n : b.notes) std::fprintf(stderr, "prescient: note: %s\n", n.c_str());
    if (args.has("json")) {
        std::printf("{\"backup\": %lld, \"set\": %s, \"figures\": %s}\n", static_cast<long long>(b.backupId),
                    jsonString(absolutePath(dir)).c_str(), b.figuresJson().c_str());
        return kExitOk;
    }
    std::printf("partition backup %lld of %s (%s%s%s): %zu partition(s) at epoch %llu (from %llu)\n",
                static_cast<long long>(b.backupId), absolutePath(dir).c_str(), strategyName(b.strategy),
                b.predictor.empty() ? "" : ", ", b.predictor.c_str(), b.endPartitions,
                static_cast<unsigned long long>(b.endEpoch), static_cast<unsigned long long>(b.startEpoch));
    std::printf("  duration %.2f s (window %.2f s), maintenance blocked %.2f s, %s copied\n", b.seconds,
                static_cast<double>(b.finishedUs - b.startedUs) / 1e6, b.blockedSeconds,
                humanBytes(b.bytesCopied).c_str());
    std::printf("  copies: %llu primary, %llu final (after %llu change(s) nobody predicted), %llu shadow(s) kept\n",
                static_cast<unsigned long long>(b.primaryCopies), static_cast<unsigned long long>(b.finalCopies),
                static_cast<unsigned long long>(b.unpredictedChanges), static_cast<unsigned long long>(b.shadowsKept));
    std::printf("  shadows: %s kept, %s discarded (%llu taken)\n", humanBytes(b.shadowBytesKept).c_str(),
                humanBytes(b.shadowBytesDiscarded).c_str(), static_cast<unsigned long long>(b.shadowsTaken));
    std::printf("  predictions: %llu made, %llu materialized; %llu map change(s) during the backup\n",
                static_cast<unsigned long long>(b.predictionsMade),
                static_cast<unsigned long long>(b.predictionsMaterialized), static_cast<unsigned long long>(b.changes));
    if (b.rateDecisions)
        std::printf("  rate: %llu decision(s), ended at %.2f MB/s\n", static_cast<unsigned long long>(b.rateDecisions),
                    b.finalRateMbps);
    return kExitOk;
}

int cmdPartRestore(const Argv& argv) {
    const std::string command = "partitions restore";
    Args args;
    std::string repoDir;
    int code = 0;
    if (!parseWithRepo(command, argv, {}, {"json"}, &args, &repoDir, &code)) return code;
    if (args.positionals().size() != 2) return usageError(command, "expected BACKUP and TARGET_DIR");
    auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
    if (!repo.isOk()) return reportError(repo.status());
    auto id = resolvePartitionBackup(*repo.value(), args.positionals()[0]);
    if (!id.isOk()) return reportError(id.status());
    JobControl job;
    job.cancel = &interruptToken();
    job.progress = terminalProgress("partition restore");
    auto r = restorePartitionBackup(*repo.value(), id.value(), args.positionals()[1], job);
    endProgressLine();
    if (!r.isOk()) return reportError(r.status());
    const PartitionRestoreResult& res = r.value();
    if (args.has("json")) {
        std::printf(
            "{\"backup\": %lld, \"target\": %s, \"partitions\": %zu, \"rows\": %llu, \"rows_filtered\": %llu, "
            "\"seconds\": %.3f, \"check\": %s}\n",
            static_cast<long long>(res.backupId), jsonString(res.target).c_str(), res.partitions,
            static_cast<unsigned long long>(res.rows), static_cast<unsigned long long>(res.rowsFiltered), res.seconds,
            jsonString(res.check.isOk() ? "ok" : res.check.toString()).c_str());
    } else {
        std::printf(
            "restored partition backup %lld into %s: %zu partition(s), %llu rows (%llu moved-away rows "
            "filtered out), %.2f s\n",
            static_cast<long long>(res.backupId), res.target.c_str(), res.partitions,
            static_cast<unsigned long long>(res.rows), static_cast<unsigned long long>(res.rowsFiltered), res.seconds);
    }
    if (!res.check.isOk()) return reportError(res.check);
    if (!args.has("json"))
        std::printf(
            "partition set ok: ranges cover the key space without overlap, every row in its range, "
            "no key twice\n");
    return kExitOk;
}

}  // namespace

int cmdPartitionsMore(const std::string& sub, const Argv& argv) {
    if (sub == "forecast") return cmdPartForecast(argv);
    if (sub == "backup") return cmdPartBackup(argv);
    if (sub == "restore") return cmdPartRestore(argv);
    return usageError("partitions", "unknown sub-command " + sub);
}

}  // namespace prescient::cli
