// `prescient restore --instant` and `prescient sql`: the instant restore from the command line, and
// queries through the prescient VFS on a target that is restoring (or any database).
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "monitor/alerthook.h"
#include "repo/repository.h"
#include "restore/instantrestore.h"
#include "restore/restorestate.h"
#include "restore/restorevfs.h"
#include "util/sqlitedb.h"

namespace prescient::cli {

namespace {

bool parseNumber(const Args& args, const std::string& name, double* out) {
    if (!args.has(name)) return true;
    std::string v = args.value(name, "");
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (v.empty() || !end || *end || !std::isfinite(d) || d < 0) return false;
    *out = d;
    return true;
}

std::string pct(double share) {
    if (share < 0) return "-";
    char b[16];
    std::snprintf(b, sizeof b, "%.0f%%", share * 100);
    return b;
}

std::string seconds(double s) {
    if (s < 0) return "-";
    char b[32];
    std::snprintf(b, sizeof b, s < 10 ? "%.3f s" : "%.1f s", s);
    return b;
}

std::string jsonNumber(double v) {
    if (!std::isfinite(v)) return "null";
    char b[32];
    std::snprintf(b, sizeof b, "%.6g", v);
    return b;
}

void printJsonPoint(const monitor::MetricsPoint& p, const monitor::RestoreCounters& c) {
    std::printf(
        "{\"phase\": \"restore\", \"t\": %s, \"pages_done\": %llu, \"pages_total\": %llu, \"restored_share\": %s, "
        "\"hit_rate\": %s, \"tier1\": %llu, \"tier2\": %llu, \"tier3\": %llu, \"fetch_latency_ms\": %s, "
        "\"queries\": %llu, \"throughput_mbps\": %s, \"predicted_progress\": %s}\n",
        jsonNumber(p.t).c_str(), static_cast<unsigned long long>(p.pagesRestored),
        static_cast<unsigned long long>(c.pagesTotal), jsonNumber(p.restoredShare).c_str(),
        p.hitRate < 0 ? "null" : jsonNumber(p.hitRate).c_str(), static_cast<unsigned long long>(p.tier1),
        static_cast<unsigned long long>(p.tier2), static_cast<unsigned long long>(p.tier3),
        jsonNumber(p.fetchLatencyMs).c_str(), static_cast<unsigned long long>(p.queries),
        jsonNumber(p.throughputMBps).c_str(), jsonNumber(p.predictedProgress).c_str());
    std::fflush(stdout);
}

void printTerminalPoint(const monitor::MetricsPoint& p) {
    std::fprintf(stderr, "\rrestore %3.0f%%  %7.1f MB/s  reads not waiting %4s (t1 %s t2 %s t3 %s)  queries %llu   ",
                 p.restoredShare * 100, p.throughputMBps, pct(p.hitRate).c_str(), pct(p.tier1Share).c_str(),
                 pct(p.tier2Share).c_str(), pct(p.tier3Share).c_str(), static_cast<unsigned long long>(p.queries));
    std::fflush(stderr);
}

}  // namespace

int cmdInstantRestore(const Args& args, const std::string& repoDir) {
    if (args.positionals().size() != 2) return usageError("restore", "expected SNAPSHOT and TARGET_DB");
    restore::InstantOptions opts;
    opts.strategy = args.value("strategy", "");
    static const std::set<std::string> kStrategies = {"", "none", "sequential", "hotset", "frequency", "markov",
                                                      "ranker"};
    if (!kStrategies.count(opts.strategy))
        return usageError("restore", "--strategy takes ranker, markov, hotset, frequency, sequential or none");
    opts.originPath = args.value("origin", "");
    opts.onAlert = args.value("on-alert", "");
    opts.force = args.has("force");
    if (!parseNumber(args, "rate", &opts.rateMBps)) return usageError("restore", "--rate takes a positive number of MB/s");
    if (!parseNumber(args, "alert-hit-rate", &opts.alertRules.minHitRate) ||
        !parseNumber(args, "alert-hit-seconds", &opts.alertRules.hitRateSeconds) ||
        !parseNumber(args, "alert-precision", &opts.alertRules.minPrecision) ||
        !parseNumber(args, "alert-stall", &opts.alertRules.stallSeconds))
        return usageError("restore", "alert thresholds take non-negative numbers");
    int code = 0;
    if (!parseCheck("restore", args, &opts.check, &code)) return code;
    const bool json = args.has("json-progress");
    const bool terminal = !json && ::isatty(STDERR_FILENO);
    opts.job.cancel = &interruptToken();

    auto r = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
    if (!r.isOk()) return reportError(r.status());
    auto snap = r.value()->resolveSnapshot(args.positionals()[0]);
    if (!snap.isOk()) return reportError(snap.status());
    const std::string target = absolutePath(args.positionals()[1]);
    auto session = restore::InstantRestore::start(*r.value(), snap.value(), target, opts);
    if (!session.isOk()) return reportError(session.status());
    restore::InstantRestore& s = *session.value();
    if (!json)
        std::fprintf(stderr,
                     "prescient: %s answers queries now (prescient sql %s \"SQL\"); restoring %llu pages of "
                     "snapshot %s\n",
                     target.c_str(), target.c_str(), static_cast<unsigned long long>(s.counters().pagesTotal),
                     snap->id.c_str());
    size_t shown = 0;
    while (!s.done()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(json ? 100 : 200));
        if (interruptToken().isCancelled()) s.cancel();
        auto points = s.series().points(shown);
        shown += points.size();
        if (points.empty()) continue;
        if (json)
            for (const auto& p : points) printJsonPoint(p, s.counters());
        else if (terminal)
            printTerminalPoint(points.back());
    }
    if (terminal) std::fputs("\n", stderr);
    auto res = s.wait();
    (void)monitor::waitForAlertCommands(10);
    if (!res.isOk()) {
        if (res.status().code() == Status::Code::kCancelled)
            std::fprintf(stderr, "prescient: restore of %s interrupted; run the same command again to resume it\n",
                         target.c_str());
        return reportError(res.status());
    }
    const restore::InstantResult& v = res.value();
    const char* checked = opts.check == restore::StructureCheck::kFull    ? ", integrity_check ok"
                          : opts.check == restore::StructureCheck::kQuick ? ", quick_check ok"
                                                                          : "";
    if (json) {
        std::printf(
            "{\"phase\": \"done\", \"snapshot\": %s, \"target\": %s, \"strategy\": %s, \"resumed\": %s, \"pages\": %llu, "
            "\"pages_fetched\": %llu, \"pages_written_by_app\": %llu, \"seconds\": %s, \"ready_seconds\": %s, "
            "\"restore_seconds\": %s, \"verify_seconds\": %s, \"time_to_first_query\": %s, \"time_to_90\": %s, "
            "\"tier1\": %llu, \"tier2\": %llu, \"tier3\": %llu, \"hit_rate\": %s, \"precision\": %s, \"alerts\": %zu, "
            "\"restore_id\": %lld}\n",
            jsonString(v.snapshot.id).c_str(), jsonString(target).c_str(), jsonString(v.strategy).c_str(),
            v.resumed ? "true" : "false", static_cast<unsigned long long>(v.pages),
            static_cast<unsigned long long>(v.pagesFetched), static_cast<unsigned long long>(v.pagesWritten),
            jsonNumber(v.seconds).c_str(), jsonNumber(v.readySeconds).c_str(), jsonNumber(v.restoreSeconds).c_str(),
            jsonNumber(v.verifySeconds).c_str(),
            v.metrics.timeToFirstQuery < 0 ? "null" : jsonNumber(v.metrics.timeToFirstQuery).c_str(),
            v.metrics.timeTo90 < 0 ? "null" : jsonNumber(v.metrics.timeTo90).c_str(),
            static_cast<unsigned long long>(v.metrics.tier1), static_cast<unsigned long long>(v.metrics.tier2),
            static_cast<unsigned long long>(v.metrics.tier3),
            v.metrics.hitRate < 0 ? "null" : jsonNumber(v.metrics.hitRate).c_str(),
            v.precision < 0 ? "null" : jsonNumber(v.precision).c_str(), v.alerts.size(),
            static_cast<long long>(v.historyId));
    } else {
        std::printf(
            "restored snapshot %s to %s (instant, strategy %s%s): %llu pages (%s) in %.2f s; answered queries after "
            "%s; first query %s; 90%% of reads not waiting after %s; every page hash ok%s\n",
            v.snapshot.id.c_str(), target.c_str(), v.strategy.c_str(), v.resumed ? ", resumed" : "",
            static_cast<unsigned long long>(v.pages), humanBytes(v.pages * v.snapshot.pageSize).c_str(), v.seconds,
            seconds(v.readySeconds).c_str(), seconds(v.metrics.timeToFirstQuery).c_str(),
            seconds(v.metrics.timeTo90).c_str(), checked);
        for (const auto& a : v.alerts)
            std::fprintf(stderr, "prescient: alert (%s): %s\n", a.severity.c_str(), a.message.c_str());
    }
    return kExitOk;
}

int cmdSql(const Argv& argv) {
    Args args;
    std::string err;
    if (!args.parse(argv, {}, {"json"}, &err)) return usageError("sql", err);
    if (args.positionals().size() != 2) return usageError("sql", "expected TARGET_DB and one SQL text");
    const std::string target = absolutePath(args.positionals()[0]);
    auto st = Env::posix()->stat(target);
    if (!st.isOk()) return reportError(Status::notFound("database " + target + " does not exist"));
    if (st->kind != FileInfo::Kind::kFile) return reportError(Status::invalidArgument(target + " is not a file"));
    const char* vfs = restore::registerRestoreVfs();
    restore::setLastServeError(Status::ok());
    auto db = SqliteDb::open(target, SQLITE_OPEN_READWRITE, vfs);
    if (!db.isOk()) {
        Status served = restore::lastServeError();
        return reportError(served.isOk() ? db.status() : served);
    }
    sqlite3_busy_timeout(db->handle(), 10000);
    const bool json = args.has("json");
    const std::string& sql = args.positionals()[1];
    const char* tail = sql.c_str();
    uint64_t rows = 0;
    auto t0 = std::chrono::steady_clock::now();
    if (json) std::printf("[");
    while (tail && *tail) {
        sqlite3_stmt* raw = nullptr;
        int rc = sqlite3_prepare_v2(db->handle(), tail, -1, &raw, &tail);
        if (rc != SQLITE_OK) return reportError(sqliteStatus(rc, db->handle(), "SQL"));
        if (!raw) break;  // whitespace or a comment
        std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
        const int cols = sqlite3_column_count(raw);
        while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
            if (json) std::printf("%s\n  {", rows ? "," : "");
            for (int c = 0; c < cols; ++c) {
                const char* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
                if (json) {
                    int type = sqlite3_column_type(raw, c);
                    std::string value = type == SQLITE_NULL                          ? "null"
                                        : type == SQLITE_INTEGER || type == SQLITE_FLOAT ? std::string(text)
                                                                                     : jsonString(text ? text : "");
                    std::printf("%s%s: %s", c ? ", " : "", jsonString(sqlite3_column_name(raw, c)).c_str(), value.c_str());
                } else {
                    std::printf("%s%s", c ? "|" : "", text ? text : "");
                }
            }
            std::printf(json ? "}" : "\n");
            ++rows;
        }
        if (rc != SQLITE_DONE) {
            if (json) std::printf("]\n");
            Status served = restore::lastServeError();
            Status s = sqliteStatus(rc, db->handle(), "SQL");
            if ((rc & 0xff) == SQLITE_IOERR && !served.isOk()) s = served.withContext("reading " + target);
            if ((rc & 0xff) == SQLITE_READONLY && Env::posix()->stat(restore::RestoreState::pathFor(target)).isOk())
                s = s.withContext(target + " is still restoring: only the restoring process may write to it");
            return reportError(s);
        }
    }
    if (json) std::printf("%s]\n", rows ? "\n" : "");
    auto nanos = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
    restore::noteQueryServed(target, nanos);
    bool restoring = Env::posix()->stat(restore::RestoreState::pathFor(target)).isOk();
    std::fprintf(stderr, "%llu row(s) in %.1f ms%s\n", static_cast<unsigned long long>(rows), nanos / 1e6,
                 restoring ? " (target still restoring: served through the prescient VFS)" : "");
    return kExitOk;
}

}  // namespace prescient::cli
