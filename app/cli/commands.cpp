#include "cli/commands.h"

#include <cstdio>
#include <cstdlib>

#include "capture/backup.h"
#include "cli/args.h"
#include "cli/output.h"
#include "repo/repository.h"
#include "repo/verify.h"
#include "restore/plainrestore.h"

namespace prescient::cli {

int usageError(const std::string& command, const std::string& message) {
    std::fprintf(stderr, "prescient %s: %s\nRun 'prescient help' for usage.\n", command.c_str(), message.c_str());
    return kExitUsage;
}

bool parseWithRepo(const std::string& command, const Argv& argv, std::set<std::string> valueOptions,
                   const std::set<std::string>& flags, Args* args, std::string* repoDir, int* exitCode) {
    valueOptions.insert("repo");
    std::string err;
    if (!args->parse(argv, valueOptions, flags, &err)) {
        *exitCode = usageError(command, err);
        return false;
    }
    const char* env = std::getenv("PRESCIENT_REPO");
    *repoDir = args->value("repo", env ? env : "");
    if (repoDir->empty()) {
        *exitCode = usageError(command, "no repository: give --repo DIR or set PRESCIENT_REPO");
        return false;
    }
    return true;
}

bool parseCheck(const std::string& command, const Args& args, restore::StructureCheck* check, int* exitCode) {
    std::string v = args.value("check", "full");
    if (v == "full")
        *check = restore::StructureCheck::kFull;
    else if (v == "quick")
        *check = restore::StructureCheck::kQuick;
    else if (v == "none")
        *check = restore::StructureCheck::kNone;
    else {
        *exitCode = usageError(command, "--check takes full, quick or none");
        return false;
    }
    return true;
}

namespace {

void printNotices(const repo::Repository& r) {
    for (const auto& n : r.notices()) std::fprintf(stderr, "prescient: note: %s\n", n.c_str());
}

JobControl jobFor(const std::string& label) {
    JobControl job;
    job.progress = terminalProgress(label);
    job.cancel = &interruptToken();
    return job;
}

}  // namespace

CancelToken& interruptToken() {
    static CancelToken token;
    return token;
}

int cmdInit(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseWithRepo("init", argv, {}, {}, &args, &dir, &code)) return code;
    if (!args.positionals().empty()) return usageError("init", "unexpected argument " + args.positionals()[0]);
    Status s = repo::Repository::init(Env::posix(), dir);
    if (!s.isOk()) return reportError(s);
    std::printf("created repository %s\n", absolutePath(dir).c_str());
    return kExitOk;
}

int cmdBackup(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseWithRepo("backup", argv, {"tag", "rate"}, {}, &args, &dir, &code)) return code;
    if (args.positionals().size() != 1) return usageError("backup", "expected exactly one SOURCE_DB");
    RateLimiter limiter;
    if (args.has("rate")) {
        char* end = nullptr;
        double mbps = std::strtod(args.value("rate").c_str(), &end);
        if (!end || *end || mbps <= 0) return usageError("backup", "--rate takes a positive number of MB/s");
        limiter.setRate(static_cast<uint64_t>(mbps * 1e6));
    }
    auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kWrite);
    if (!r.isOk()) return reportError(r.status());
    printNotices(*r.value());
    capture::BackupOptions opts;
    opts.tag = args.value("tag");
    opts.rate = &limiter;
    opts.job = jobFor("backup");
    auto snap = capture::backupDatabase(*r.value(), args.positionals()[0], opts);
    endProgressLine();
    if (!snap.isOk()) return reportError(snap.status());
    std::fprintf(stderr, "snapshot %s of %s: %llu pages (%s), %llu new pages, %s added, %.2f s\n", snap->id.c_str(),
                 snap->sourcePath.c_str(), static_cast<unsigned long long>(snap->pageCount),
                 humanBytes(snap->bytesTotal).c_str(), static_cast<unsigned long long>(snap->pagesNew),
                 humanBytes(snap->bytesNew).c_str(), snap->seconds);
    std::printf("%s\n", snap->id.c_str());
    return kExitOk;
}

int cmdSnapshots(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseWithRepo("snapshots", argv, {}, {"json"}, &args, &dir, &code)) return code;
    if (!args.positionals().empty()) return usageError("snapshots", "unexpected argument " + args.positionals()[0]);
    auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
    if (!r.isOk()) return reportError(r.status());
    auto list = r.value()->catalog().listSnapshots();
    if (!list.isOk()) return reportError(list.status());
    if (args.has("json")) {
        std::printf("[");
        bool first = true;
        for (const auto& s : list.value()) {
            std::printf(
                "%s\n  {\"id\": %s, \"time\": %s, \"source\": %s, \"page_size\": %u, \"page_count\": %llu, "
                "\"parent\": %s, \"tag\": %s, \"bytes_new\": %llu, \"bytes_total\": %llu, \"pages_new\": %llu, "
                "\"journal_mode\": %s, \"seconds\": %.3f}",
                first ? "" : ",", jsonString(s.id).c_str(), jsonString(isoTime(s.timeUs)).c_str(),
                jsonString(s.sourcePath).c_str(), s.pageSize, static_cast<unsigned long long>(s.pageCount),
                s.parent.empty() ? "null" : jsonString(s.parent).c_str(), jsonString(s.tag).c_str(),
                static_cast<unsigned long long>(s.bytesNew), static_cast<unsigned long long>(s.bytesTotal),
                static_cast<unsigned long long>(s.pagesNew), jsonString(s.journalMode).c_str(), s.seconds);
            first = false;
        }
        std::printf("%s]\n", first ? "" : "\n");
        return kExitOk;
    }
    if (list->empty()) {
        std::printf("no snapshots in %s\n", r.value()->dir().c_str());
        return kExitOk;
    }
    std::printf("%-16s  %-19s  %9s  %10s  %10s  %-8s  %-12s  %s\n", "ID", "TIME", "PAGES", "SIZE", "NEW", "JOURNAL",
                "TAG", "SOURCE");
    for (const auto& s : list.value())
        std::printf("%-16s  %-19s  %9llu  %10s  %10s  %-8s  %-12s  %s\n", s.id.c_str(), localTime(s.timeUs).c_str(),
                    static_cast<unsigned long long>(s.pageCount), humanBytes(s.bytesTotal).c_str(),
                    humanBytes(s.bytesNew).c_str(), s.journalMode.c_str(), s.tag.c_str(), s.sourcePath.c_str());
    return kExitOk;
}

int cmdRestore(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseWithRepo("restore", argv,
                       {"check", "strategy", "origin", "rate", "on-alert", "alert-hit-rate", "alert-hit-seconds",
                        "alert-precision", "alert-stall"},
                       {"force", "instant", "json-progress"}, &args, &dir, &code))
        return code;
    if (args.has("instant")) return cmdInstantRestore(args, dir);
    for (const char* instantOnly : {"strategy", "origin", "rate", "on-alert", "json-progress", "alert-hit-rate",
                                    "alert-hit-seconds", "alert-precision", "alert-stall"})
        if (args.has(instantOnly))
            return usageError("restore", std::string("--") + instantOnly + " needs --instant");
    if (args.positionals().size() != 2) return usageError("restore", "expected SNAPSHOT and TARGET_DB");
    restore::RestoreOptions opts;
    if (!parseCheck("restore", args, &opts.check, &code)) return code;
    auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
    if (!r.isOk()) return reportError(r.status());
    auto snap = r.value()->resolveSnapshot(args.positionals()[0]);
    if (!snap.isOk()) return reportError(snap.status());
    opts.force = args.has("force");
    opts.job = jobFor("restore");
    auto res = restore::restoreSnapshot(*r.value(), snap.value(), args.positionals()[1], opts);
    endProgressLine();
    if (!res.isOk()) return reportError(res.status());
    const char* checked = opts.check == restore::StructureCheck::kFull    ? ", integrity_check ok"
                          : opts.check == restore::StructureCheck::kQuick ? ", quick_check ok"
                                                                          : "";
    std::printf("restored snapshot %s to %s: %llu pages (%s) in %.2f s, every page hash ok%s\n", snap->id.c_str(),
                absolutePath(args.positionals()[1]).c_str(), static_cast<unsigned long long>(res->pages),
                humanBytes(res->bytes).c_str(), res->seconds, checked);
    return kExitOk;
}

int cmdVerify(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseWithRepo("verify", argv, {}, {"read-data", "json"}, &args, &dir, &code)) return code;
    if (!args.positionals().empty()) return usageError("verify", "unexpected argument " + args.positionals()[0]);
    auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
    if (!r.isOk()) return reportError(r.status());
    auto rep = repo::verifyRepository(*r.value(), args.has("read-data"), jobFor("verify"));
    endProgressLine();
    if (!rep.isOk()) return reportError(rep.status());
    const repo::VerifyReport& v = rep.value();
    int errors = 0;
    for (const auto& p : v.problems) errors += p.error;
    if (args.has("json")) {
        std::printf(
            "{\"ok\": %s, \"read_data\": %s, \"packs\": %llu, \"blobs\": %llu, \"snapshots\": %llu, "
            "\"bytes_read\": %llu, \"problems\": [",
            v.ok() ? "true" : "false", v.readData ? "true" : "false", static_cast<unsigned long long>(v.packs),
            static_cast<unsigned long long>(v.blobs), static_cast<unsigned long long>(v.snapshots),
            static_cast<unsigned long long>(v.bytesRead));
        for (size_t i = 0; i < v.problems.size(); ++i)
            std::printf("%s\n  {\"severity\": \"%s\", \"object\": %s, \"message\": %s}", i ? "," : "",
                        v.problems[i].error ? "error" : "warning", jsonString(v.problems[i].object).c_str(),
                        jsonString(v.problems[i].message).c_str());
        std::printf("%s]}\n", v.problems.empty() ? "" : "\n");
    } else {
        for (const auto& p : v.problems)
            std::printf("%s: %s: %s\n", p.error ? "error" : "warning", p.object.c_str(), p.message.c_str());
        std::printf("%s: %llu packs, %llu blobs, %llu snapshots checked%s; %d error(s), %zu warning(s)\n",
                    v.ok() ? "repository ok" : "repository DAMAGED", static_cast<unsigned long long>(v.packs),
                    static_cast<unsigned long long>(v.blobs), static_cast<unsigned long long>(v.snapshots),
                    v.readData ? (", " + humanBytes(v.bytesRead) + " read and hashed").c_str() : " (structure only)",
                    errors, v.problems.size() - errors);
    }
    return v.ok() ? kExitOk : kExitCorruption;
}

const char* usageText() {
    return R"(prescient - predictive backup and restore for SQLite databases

Usage:
  prescient init      --repo DIR
  prescient backup    --repo DIR [--tag TEXT] [--rate MBPS] SOURCE_DB   prints the new snapshot id
  prescient snapshots --repo DIR [--json]
  prescient restore   --repo DIR SNAPSHOT TARGET_DB [--force] [--check full|quick|none]
                                         SNAPSHOT: id, unique prefix, or 'latest'; --check: the structure
                                         check before the rename (default full: PRAGMA integrity_check)
  prescient restore   --repo DIR SNAPSHOT TARGET_DB --instant [--strategy S|none] [--origin ORIGINAL_DB]
                      [--rate MBPS] [--json-progress] [--on-alert CMD] [--alert-hit-rate 0.5]
                      [--alert-hit-seconds 10] [--alert-precision 0.3] [--alert-stall 30]
                                         instant restore: TARGET_DB answers queries at once (through the
                                         prescient VFS) while pages stream in predicted order; default
                                         strategy: the best trained model. Run again to resume a killed one.
  prescient sql       TARGET_DB "SQL" [--json]
                                         query through the prescient VFS, during or after a restore
  prescient verify    --repo DIR [--read-data] [--json]
  prescient demo      [--dir DIR]        sample shop database, snapshots, restore, verify (default ./prescient-demo)
  prescient trace record --repo DIR --source DB [--profile P] -- COMMAND [ARGS...]
                                         run COMMAND under the page-access recorder, store its trace
  prescient trace list   --repo DIR [--source DB] [--json]
  prescient train     --repo DIR --source DB [--strategy S] [--budget 0.1] [--json]
                                         evaluate every strategy on a temporal split of the source's traces,
                                         then train on all of them and store the models with their metrics
  prescient evaluate  --repo DIR --source DB [--strategy S] [--budget 0.1] [--json]
  prescient predict   --repo DIR SNAPSHOT [--strategy S] [--profile P] [--top N] [--json]
                                         pages a fresh start will read first, with calibrated confidence
                                         strategies: sequential hotset frequency markov ranker
  prescient restores  --repo DIR [--json]              past restores: time to first query, hit rate, duration
  prescient alerts    --repo DIR [--json] [--ack ID]   alerts raised by restores, newest first; --ack marks one seen
  prescient report    --repo DIR --out FILE [--format pdf|html|csv|json] [--since DATE]
                                         backup history, restore runs (time to first query, to 90% hits),
                                         prediction accuracy, partition forecasts, alerts; charts in PDF
                                         and HTML; format defaults to FILE's extension; DATE: 2024-03-04
  prescient partitions create --set DIR [--boundaries A,B,...] [--schema SQL --key COL]
                                         a partition set: one table over SQLite files by key range
                                         (default schema: the churn's time series, key ts)
  prescient partitions status --set DIR [--json] [--events N]
                                         map, rows, size and write rate per partition, last events
  prescient partitions check  --set DIR  ranges cover the keys without overlap, every row in its
                                         partition, no key twice (exit 3 on a violation)
  prescient partitions churn  --set DIR --duration S [--seed N] [--writers N] [--rate R] [--json]
                                         time-series ingest with retention that drives splits, merges
                                         and creations (creates the set when missing)
  prescient partitions forecast --set DIR [--horizon S] [--predictor learned|linear|reactive] [--json]
                                         per partition: probability of a split, merge or creation within
                                         the horizon (default 10 s), expected time, split key
  prescient partitions backup --repo DIR --set DIR [--strategy predictive|naive|stop-the-world|shadow-all]
                      [--rate MBPS] [--confidence 0.5] [--json]
                                         back up a partition set while it splits and merges (another
                                         process may write it): prints the backup id and its figures
  prescient partitions restore --repo DIR BACKUP TARGET_DIR [--json]
                                         the end-of-backup map, each partition from its copy, then check
                                         (exit 3 on a violation); BACKUP: id or 'latest'
                      forecast and backup take the maintenance thresholds of `partitions churn`;
                      override with --split-rows N --merge-rows N --create-span KEYS
  prescient help

--repo defaults to $PRESCIENT_REPO.

Exit codes:
  0 ok                  5 repository locked by another process (or source busy)
  1 failure (I/O)       6 no space left on device
  2 usage error         7 invalid input: not an SQLite database, a folder, target exists
  3 corruption found    8 interrupted
  4 not found (repository, snapshot, source, folder)
)";
}

}  // namespace prescient::cli
