// Benchmark: predictive instant restore against a full restore, for every prefetch strategy side by side.
//
// Usage: bench_instant_restore [--size-mb 1024] [--seconds 60] [--workloads oltp,reporting,timeseries,chinook]
//            [--strategies none,sequential,hotset,frequency,markov,ranker] [--profiles local,remote]
//            [--remote-ms 5] [--remote-mbps 50] [--scale 40] [--dir DIR] [--json FILE]
//
// For each workload: its database (demo/workloads.h) is grown to --size-mb with an archive table created
// before the workload's tables (the hot data sits at the end of the file, as in an append-heavy database),
// read sessions are traced on it (training), the models are trained and stored, and the file is backed
// up. Then, per store profile and strategy, an instant restore starts and the workload's held-out read
// sessions replay against the target at once for --seconds: time to first query (from the restore call),
// share of reads served by tier 1/2, query latency p50/p99 during the restore, time to 90% hit rate, the
// hit rate once 10% of the pages are restored. Beside them: a full restore then the first query, a cold
// local lookup on the restored file (evicted from the page cache with posix_fadvise), the predicted-order
// vs sequential restore rate with no reader, and the read overhead through the VFS after completion.
//
// The remote profile wraps the repository's Env: every pack read is one request (as an object store's GET)
// that sleeps --remote-ms, and all requests share a --remote-mbps link (a token bucket); the restore runs
// 16 fetches in flight instead of 4. Packs are evicted from the page cache before each run (cold store).
// Prints tables and writes JSON. Never fails on a timing; exit 1 only when an operation fails.

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "capture/backup.h"
#include "demo/workloads.h"
#include "predict/service.h"
#include "repo/repository.h"
#include "restore/instantrestore.h"
#include "restore/plainrestore.h"
#include "restore/restorevfs.h"
#include "trace/tracestore.h"
#include "trace/tracingvfs.h"
#include "util/ratelimiter.h"
#include "util/sqlitedb.h"

namespace fs = std::filesystem;
using namespace prescient;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
    double sizeMb = 1024;
    double seconds = 60;
    std::vector<std::string> workloads = {"oltp", "reporting", "timeseries", "chinook"};
    std::vector<std::string> strategies = {"none", "sequential", "hotset", "frequency", "markov", "ranker"};
    std::vector<std::string> profiles = {"local", "remote"};
    double remoteMs = 5;
    double remoteMbps = 50;
    double scale = 40;  // of the workload's own data (oltp at 40: about 60,000 pages)
    std::string dir;
    std::string json = "bench_instant_restore.json";
};

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench_instant_restore: %s\n", what.c_str());
    std::exit(1);
}
void check(const Status& s, const std::string& what) {
    if (!s.isOk()) die(what + ": " + s.toString());
}
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}
double percentile(std::vector<double> v, double p) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}
void evict(const std::string& path) {  // drop a file's clean pages from the page cache
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return;
    (void)::fdatasync(fd);
    (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}
void evictTree(const std::string& dir) {
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) evict(e.path().string());
}

// The remote-store simulation: each pack read is one request that pays the round trip, and all requests
// share the link's bandwidth (a token bucket).
class RemoteFile : public File {
public:
    RemoteFile(std::unique_ptr<File> f, double ms, RateLimiter* link)
        : File(f->path()), m_f(std::move(f)), m_ms(ms), m_link(link) {}
    Status read(uint64_t off, void* buf, size_t n, size_t* got) override {
        std::this_thread::sleep_for(std::chrono::duration<double>(m_ms / 1e3));
        m_link->acquire(n);
        return m_f->read(off, buf, n, got);
    }
    Status write(uint64_t off, const void* d, size_t n) override { return m_f->write(off, d, n); }
    Status sync() override { return m_f->sync(); }
    Status truncate(uint64_t size) override { return m_f->truncate(size); }
    Result<uint64_t> size() override { return m_f->size(); }

private:
    std::unique_ptr<File> m_f;
    double m_ms;
    RateLimiter* m_link;
};
class RemoteEnv : public EnvWrapper {
public:
    RemoteEnv(double ms, double mbps)
        : EnvWrapper(Env::posix()), m_ms(ms), m_link(static_cast<uint64_t>(mbps * 1e6)) {}
    Result<std::unique_ptr<File>> open(const std::string& p, OpenMode m) override {
        auto f = target()->open(p, m);
        if (!f.isOk() || p.find("/packs/") == std::string::npos) return f;
        return std::unique_ptr<File>(new RemoteFile(std::move(f.value()), m_ms, &m_link));
    }

private:
    double m_ms;
    RateLimiter m_link;
};

// The workload's database grown to sizeMb: archive table first, then the workload's schema and rows.
void buildBig(const std::string& small, const std::string& big, double sizeMb) {
    auto db = SqliteDb::open(big, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    check(db.status(), "create " + big);
    double smallMb = fs::file_size(small) / 1e6;
    int64_t rows = std::max<int64_t>(0, static_cast<int64_t>((sizeMb - smallMb) * 1e6 / 1100));
    check(db->exec("PRAGMA page_size=4096; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                   "CREATE TABLE archive(id INTEGER PRIMARY KEY, payload BLOB);"
                   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < " +
                   std::to_string(rows) + ") INSERT INTO archive SELECT i, randomblob(1000) FROM n;"),
          "archive rows");
    check(db->exec("ATTACH DATABASE '" + small + "' AS w"), "attach");
    Stmt q(db->handle(), "SELECT type, name, sql FROM w.sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                         "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid");
    std::vector<std::array<std::string, 3>> objects;
    for (auto r = q.step(); r.isOk() && r.value(); r = q.step()) objects.push_back({q.colText(0), q.colText(1), q.colText(2)});
    check(db->exec("BEGIN"), "begin");
    for (const auto& [type, name, sql] : objects) {
        check(db->exec(sql), "create " + name);
        if (type == "table") check(db->exec("INSERT INTO main.\"" + name + "\" SELECT * FROM w.\"" + name + "\""), "copy " + name);
    }
    check(db->exec("COMMIT; ANALYZE; DETACH DATABASE w; PRAGMA journal_mode=DELETE"), "commit");
}

struct RunFigures {
    std::string workload, profile, strategy;
    double ttfq = -1, restoreSeconds = 0, timeTo90 = -1, hitRate = -1, hitAfter10 = -1;
    double p50During = -1, p99During = -1, p99Window = -1;
    uint64_t tier1 = 0, tier2 = 0, tier3 = 0, queries = 0, queriesDuring = 0;
    double pagesPerSecond = 0, precision = -1;
};

struct WorkloadFigures {
    std::string workload;
    uint64_t pages = 0;
    double fullRestore = 0, fullThenQuery = 0, coldLookup = 0;
    double plainP50 = 0, plainP99 = 0, plainTotal = 0, vfsTotal = 0;
    double seqRate = 0, predictedRate = 0;
    std::string predictedStrategy;
};

// One instant restore with the held-out replay running against it from the first moment.
RunFigures runOne(const Args& a, const std::string& name, const std::string& repoDir, const std::string& target,
                  const std::string& profile, const std::string& strategy, WorkloadFigures* wf) {
    RemoteEnv remote(a.remoteMs, a.remoteMbps);
    Env* env = profile == "remote" ? static_cast<Env*>(&remote) : Env::posix();
    evictTree(repoDir + "/packs");
    auto repo = repo::Repository::open(env, repoDir, repo::Repository::Access::kRead);
    check(repo.status(), "open repository");
    auto snap = (*repo)->resolveSnapshot("latest");
    check(snap.status(), "snapshot");
    restore::InstantOptions o;
    o.strategy = strategy;
    o.force = true;
    o.workers = profile == "remote" ? 16 : 4;
    o.check = restore::StructureCheck::kQuick;
    o.recordHistory = false;
    RunFigures f;
    f.workload = name, f.profile = profile, f.strategy = strategy;
    auto t0 = Clock::now();
    auto session = restore::InstantRestore::start(**repo, *snap, target, o);
    check(session.status(), "instant restore (" + strategy + ")");
    restore::InstantRestore& s = **session;
    std::vector<double> during, all;
    demo::ReplayOptions ro;
    ro.sessions = 1000000;
    ro.seed = 777;  // held out: training used other seeds
    ro.vfs = restore::kRestoreVfsName;
    ro.maxSeconds = a.seconds;
    ro.onQuery = [&](const demo::ReplayQuery& q) {
        if (f.ttfq < 0) f.ttfq = since(t0);
        all.push_back(q.seconds);
        if (!s.done()) during.push_back(q.seconds);
        s.noteQuery(static_cast<uint64_t>(q.seconds * 1e9));
    };
    auto replay = demo::replayReads(name, target, ro);
    check(replay.status(), "replay during the restore");
    const auto& c = s.counters();
    f.tier1 = c.tier1.load(), f.tier2 = c.tier2.load(), f.tier3 = c.tier3.load();
    auto res = s.wait();
    check(res.status(), "instant restore result");
    f.restoreSeconds = res->restoreSeconds;
    f.timeTo90 = res->metrics.timeTo90;
    uint64_t reads = f.tier1 + f.tier2 + f.tier3;
    f.hitRate = reads ? double(f.tier1 + f.tier2) / reads : -1;
    f.queries = all.size();
    f.queriesDuring = during.size();
    f.p50During = percentile(during, 0.5);
    f.p99During = percentile(during, 0.99);
    f.p99Window = percentile(all, 0.99);
    f.pagesPerSecond = res->restoreSeconds > 0 ? res->pagesFetched / res->restoreSeconds : 0;
    f.precision = res->precision;
    // Reads not waiting once 10% of the pages were in place, until the restore ended.
    auto points = s.series().points();
    const monitor::MetricsPoint* from = nullptr;
    const monitor::MetricsPoint* to = nullptr;
    for (const auto& p : points) {
        if (!from && p.restoredShare >= 0.1) from = &p;
        if (p.restoredShare < 1.0 || !to) to = &p;
    }
    if (from && to && to != from) {
        uint64_t hits = (to->tier1 + to->tier2) - (from->tier1 + from->tier2);
        uint64_t total = hits + (to->tier3 - from->tier3);
        f.hitAfter10 = total ? double(hits) / total : -1;
    }
    if (wf && profile == "local" && wf->vfsTotal == 0) {  // after completion: through the VFS vs plain SQLite
        demo::ReplayOptions after;
        after.sessions = 200;
        after.seed = 555;
        after.vfs = restore::kRestoreVfsName;
        auto t = Clock::now();
        check(demo::replayReads(name, target, after).status(), "replay through the VFS");
        wf->vfsTotal = since(t);
        after.vfs = "";
        t = Clock::now();
        auto plain = demo::replayReads(name, target, after);
        check(plain.status(), "replay plain");
        wf->plainTotal = since(t);
        std::vector<double> lat;
        for (const auto& q : plain->queries) lat.push_back(q.seconds);
        wf->plainP50 = percentile(lat, 0.5), wf->plainP99 = percentile(lat, 0.99);
    }
    return f;
}

// Restore rate with no application reading: pages per second of the restorer alone.
double restoreRate(const std::string& repoDir, const std::string& target, const std::string& strategy) {
    evictTree(repoDir + "/packs");
    auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
    check(repo.status(), "open repository");
    auto snap = (*repo)->resolveSnapshot("latest");
    restore::InstantOptions o;
    o.strategy = strategy;
    o.force = true;
    o.check = restore::StructureCheck::kNone;
    o.recordHistory = false;
    auto session = restore::InstantRestore::start(**repo, *snap, target, o);
    check(session.status(), "restore rate (" + strategy + ")");
    auto res = (*session)->wait();
    check(res.status(), "restore rate result");
    return res->restoreSeconds > 0 ? res->pagesFetched / res->restoreSeconds : 0;
}

}  // namespace

int main(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string k = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) die("missing value for " + k);
            return argv[++i];
        };
        if (k == "--size-mb") a.sizeMb = std::stod(next());
        else if (k == "--seconds") a.seconds = std::stod(next());
        else if (k == "--workloads") a.workloads = split(next());
        else if (k == "--strategies") a.strategies = split(next());
        else if (k == "--profiles") a.profiles = split(next());
        else if (k == "--remote-ms") a.remoteMs = std::stod(next());
        else if (k == "--remote-mbps") a.remoteMbps = std::stod(next());
        else if (k == "--scale") a.scale = std::stod(next());
        else if (k == "--dir") a.dir = next();
        else if (k == "--json") a.json = next();
        else die("unknown option " + k);
    }
    restore::registerRestoreVfs();
    const std::string work = (a.dir.empty() ? fs::temp_directory_path().string() : a.dir) + "/prescient-bench-instant-" +
                             std::to_string(::getpid());
    fs::create_directories(work);
    std::vector<RunFigures> runs;
    std::vector<WorkloadFigures> workloads;
    for (const auto& name : a.workloads) {
        std::printf("== %s: building a %.0f MB database\n", name.c_str(), a.sizeMb);
        std::fflush(stdout);
        const std::string dir = work + "/" + name, small = dir + "/small.db", big = dir + "/" + name + ".db",
                          repoDir = dir + "/repo", target = dir + "/target.db";
        fs::create_directories(dir);
        demo::WorkloadOptions wo;
        wo.sessions = 20;
        wo.scale = a.scale;
        wo.recorderPath = PRESCIENT_RECORDER_PATH;
        wo.chinookPath = std::string(PRESCIENT_SHARED_DATA_DIR) + "/chinook.sqlite";
        check(demo::runWorkload(name, small, wo).status(), "workload " + name);
        buildBig(small, big, a.sizeMb);
        check(repo::Repository::init(Env::posix(), repoDir), "init");
        {
            auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kWrite);
            check(repo.status(), "open repository");
            // Training traces: read sessions on the big file through the tracing VFS.
            trace::MemoryTraceSink sink;
            trace::TracingVfs tracing(&sink, big, false, "bench-trace");
            demo::ReplayOptions ro;
            ro.sessions = 60;
            ro.seed = 1;
            ro.vfs = tracing.name();
            check(demo::replayReads(name, big, ro).status(), "training sessions");
            trace::Trace t = sink.take();
            t.pageSize = 4096;
            t.profile = name;
            check(trace::storeTrace((*repo)->catalog(), fs::absolute(big).string(), t).status(), "store trace");
            auto snap = capture::backupDatabase(**repo, big, {});
            check(snap.status(), "backup");
            std::vector<std::string> learned;
            for (const auto& s : a.strategies)
                if (s != "none") learned.push_back(s);
            if (!learned.empty()) {
                predict::EvalConfig cfg;
                check(predict::trainSource(**repo, snap->sourcePath, learned, cfg).status(), "train");
            }
        }
        WorkloadFigures wf;
        wf.workload = name;
        {
            auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
            auto snap = (*repo)->resolveSnapshot("latest");
            wf.pages = snap->pageCount;
            evictTree(repoDir + "/packs");
            restore::RestoreOptions po;
            po.force = true;
            po.check = restore::StructureCheck::kNone;
            auto t0 = Clock::now();
            check(restore::restoreSnapshot(**repo, *snap, target, po).status(), "full restore");
            wf.fullRestore = since(t0);
            evict(target);
            demo::ReplayOptions one;
            one.sessions = 1;
            one.seed = 777;
            double first = -1;
            auto t1 = Clock::now();
            one.onQuery = [&](const demo::ReplayQuery&) {
                if (first < 0) first = since(t1);
            };
            check(demo::replayReads(name, target, one).status(), "cold lookup");
            wf.coldLookup = first;
            wf.fullThenQuery = wf.fullRestore + first;
        }
        for (const auto& profile : a.profiles)
            for (const auto& strategy : a.strategies) {
                std::printf("   %s / %s ...\n", profile.c_str(), strategy.c_str());
                std::fflush(stdout);
                runs.push_back(runOne(a, name, repoDir, target, profile, strategy, &wf));
            }
        wf.seqRate = restoreRate(repoDir, target, "none");
        wf.predictedStrategy = std::find(a.strategies.begin(), a.strategies.end(), "markov") != a.strategies.end()
                                   ? "markov"
                                   : a.strategies.back();
        wf.predictedRate = wf.predictedStrategy == "none" ? wf.seqRate : restoreRate(repoDir, target, wf.predictedStrategy);
        workloads.push_back(wf);
        fs::remove_all(dir);
    }

    std::printf("\n%-10s %-7s %-10s %9s %9s %8s %8s %8s %9s %9s %9s %7s\n", "workload", "store", "strategy", "TTFQ",
                "restore", "t1/2 hit", "hit@10%", "t90", "p50 dur", "p99 dur", "p99 win", "queries");
    for (const auto& r : runs)
        std::printf("%-10s %-7s %-10s %8.1fms %8.2fs %7.1f%% %7.1f%% %7.2fs %7.2fms %7.2fms %7.2fms %7llu\n",
                    r.workload.c_str(), r.profile.c_str(), r.strategy.c_str(), r.ttfq * 1e3, r.restoreSeconds,
                    r.hitRate * 100, r.hitAfter10 * 100, r.timeTo90, r.p50During * 1e3, r.p99During * 1e3,
                    r.p99Window * 1e3, static_cast<unsigned long long>(r.queries));
    std::printf("\n%-10s %9s %12s %14s %11s %10s %10s %12s %14s\n", "workload", "pages", "full restore",
                "full+1st query", "cold lookup", "plain p99", "VFS after", "seq pages/s", "predicted/seq");
    for (const auto& w : workloads)
        std::printf("%-10s %9llu %11.2fs %13.2fs %9.2fms %8.2fms %9.3fx %12.0f %9.2fx (%s)\n", w.workload.c_str(),
                    static_cast<unsigned long long>(w.pages), w.fullRestore, w.fullThenQuery, w.coldLookup * 1e3,
                    w.plainP99 * 1e3, w.plainTotal > 0 ? w.vfsTotal / w.plainTotal : 0, w.seqRate,
                    w.seqRate > 0 ? w.predictedRate / w.seqRate : 0, w.predictedStrategy.c_str());

    std::ofstream out(a.json);
    out << "{\"size_mb\": " << a.sizeMb << ", \"seconds\": " << a.seconds << ", \"remote_ms\": " << a.remoteMs
        << ", \"remote_mbps\": " << a.remoteMbps << ",\n \"runs\": [";
    for (size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i];
        out << (i ? ",\n  " : "\n  ") << "{\"workload\": \"" << r.workload << "\", \"store\": \"" << r.profile
            << "\", \"strategy\": \"" << r.strategy << "\", \"ttfq_s\": " << r.ttfq << ", \"restore_s\": "
            << r.restoreSeconds << ", \"hit_rate\": " << r.hitRate << ", \"hit_rate_after_10pct\": " << r.hitAfter10
            << ", \"time_to_90_s\": " << r.timeTo90 << ", \"p50_during_ms\": " << r.p50During * 1e3
            << ", \"p99_during_ms\": " << r.p99During * 1e3 << ", \"p99_window_ms\": " << r.p99Window * 1e3
            << ", \"tier1\": " << r.tier1 << ", \"tier2\": " << r.tier2 << ", \"tier3\": " << r.tier3
            << ", \"queries\": " << r.queries << ", \"queries_during\": " << r.queriesDuring
            << ", \"pages_per_s\": " << r.pagesPerSecond << ", \"precision\": " << r.precision << "}";
    }
    out << "],\n \"workloads\": [";
    for (size_t i = 0; i < workloads.size(); ++i) {
        const auto& w = workloads[i];
        out << (i ? ",\n  " : "\n  ") << "{\"workload\": \"" << w.workload << "\", \"pages\": " << w.pages
            << ", \"full_restore_s\": " << w.fullRestore << ", \"full_then_query_s\": " << w.fullThenQuery
            << ", \"cold_lookup_s\": " << w.coldLookup << ", \"plain_p50_ms\": " << w.plainP50 * 1e3
            << ", \"plain_p99_ms\": " << w.plainP99 * 1e3 << ", \"vfs_after_ratio\": "
            << (w.plainTotal > 0 ? w.vfsTotal / w.plainTotal : 0) << ", \"sequential_pages_per_s\": " << w.seqRate
            << ", \"predicted_pages_per_s\": " << w.predictedRate << ", \"predicted_strategy\": \""
            << w.predictedStrategy << "\"}";
    }
    out << "]}\n";
    std::printf("\nJSON written to %s\n", a.json.c_str());
    fs::remove_all(work);
    return 0;
}
