// Benchmark: backup and restore throughput of Prescient against `cp` + fsync and SQLite's backup API on
// the same file, plus the cost of incremental backups as a function of the share of pages changed.
//
// Usage: bench_backup_restore [--size-mb N] [--runs K] [--dir DIR] [--json FILE]
// Prints an aligned table (medians over K runs) and writes every figure as JSON. A benchmark never fails
// on a timing: the exit code is non-zero only when an operation itself fails.
// The page cache is not dropped (that needs root), so all runs are warm-cache runs.

#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "capture/backup.h"
#include "demo/shopdemo.h"
#include "repo/repository.h"
#include "restore/plainrestore.h"
#include "util/env.h"
#include "util/sqlitedb.h"

namespace fs = std::filesystem;
using namespace prescient;

namespace {

constexpr uint32_t kPageSize = 4096;
constexpr double kShopDefaultMb = 21.7;  // file size of generateShop with default options

struct Args {
    double sizeMb = 1024;
    int runs = 3;
    std::string dir;  // base folder for the work folder; default /tmp
    std::string json = "bench_backup_restore.json";
};

double nowSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench_backup_restore: %s\n", what.c_str());
    std::exit(1);
}

void check(const Status& s, const std::string& what) {
    if (!s.isOk()) die(what + ": " + s.toString());
}

Status fsyncPath(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return Status::fromErrno(errno, "open " + path);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    return rc == 0 ? Status::ok() : Status::fromErrno(err, "fsync " + path);
}

// Baseline for restore: read/write in 1 MiB chunks, then fsync.
Status copyAndSync(const std::string& from, const std::string& to) {
    const int in = ::open(from.c_str(), O_RDONLY);
    if (in < 0) return Status::fromErrno(errno, "open " + from);
    const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (out < 0) {
        ::close(in);
        return Status::fromErrno(errno, "create " + to);
    }
    std::vector<char> buf(1 << 20);
    Status s;
    for (;;) {
        const ssize_t n = ::read(in, buf.data(), buf.size());
        if (n < 0) {
            s = Status::fromErrno(errno, "read " + from);
            break;
        }
        if (n == 0) break;
        for (ssize_t done = 0; done < n && s.isOk();) {
            const ssize_t w = ::write(out, buf.data() + done, static_cast<size_t>(n - done));
            if (w < 0)
                s = Status::fromErrno(errno, "write " + to);
            else
                done += w;
        }
        if (!s.isOk()) break;
    }
    if (s.isOk() && ::fsync(out) != 0) s = Status::fromErrno(errno, "fsync " + to);
    ::close(out);
    ::close(in);
    return s;
}

// Baseline for backup: sqlite3_backup_step(-1) into a new file, then fsync.
Status backupApiCopy(const std::string& from, const std::string& to) {
    auto src = SqliteDb::open(from, SQLITE_OPEN_READONLY);
    if (!src.isOk()) return src.status();
    auto dst = SqliteDb::open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!dst.isOk()) return dst.status();
    sqlite3_backup* b = sqlite3_backup_init(dst->handle(), "main", src->handle(), "main");
    if (!b) return sqliteStatus(sqlite3_errcode(dst->handle()), dst->handle(), "backup init " + to);
    const int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return sqliteStatus(rc, dst->handle(), "backup step " + to);
    dst->close();
    return fsyncPath(to);
}

void removeDb(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
}

// How to change rows of a table without touching an index, so a changed row changes one leaf page.
struct TableMod {
    const char* table;
    const char* set;
    double rowsPerPage = 1;  // max rowid / b-tree pages, measured after generation
};

std::vector<TableMod> measureTables(const std::string& path, uint64_t* totalPages, uint64_t* tablePages) {
    std::vector<TableMod> mods = {{"customers", "created_at = datetime(created_at, '+1 second')"},
                                  {"products", "stock = stock + 1"},
                                  {"orders", "total_cents = total_cents + 1"},
                                  {"order_lines", "qty = qty + 1"}};
    auto db = SqliteDb::open(path, SQLITE_OPEN_READONLY);
    check(db.status(), "open " + path);
    auto pc = db->queryInt("PRAGMA page_count");
    check(pc.status(), "page_count");
    *totalPages = static_cast<uint64_t>(pc.value());
    *tablePages = 0;
    for (TableMod& m : mods) {
        auto maxRowid = db->queryInt(std::string("SELECT coalesce(max(_rowid_), 0) FROM ") + m.table);
        check(maxRowid.status(), m.table);
        // dbstat in aggregate mode: pageno is the b-tree's page count.
        auto pages = db->queryInt(std::string("SELECT pageno FROM dbstat('main', 1) WHERE name = '") + m.table + "'");
        const int64_t n = pages.isOk() ? std::max<int64_t>(1, pages.value())
                                       : std::max<int64_t>(1, pc.value() / 8);  // no dbstat: a rough guess
        m.rowsPerPage = static_cast<double>(maxRowid.value()) / static_cast<double>(n);
        *tablePages += static_cast<uint64_t>(n);
    }
    return mods;
}

// Updates rows spread evenly over the shop's tables so that about `share` of all pages change.
void modifyShare(const std::string& path, const std::vector<TableMod>& mods, uint64_t totalPages, uint64_t tablePages,
                 double share, int salt) {
    const double tableShare = std::min(1.0, share * static_cast<double>(totalPages) / static_cast<double>(tablePages));
    auto db = SqliteDb::open(path, SQLITE_OPEN_READWRITE);
    check(db.status(), "open " + path);
    sqlite3_busy_timeout(db->handle(), 5000);
    check(db->exec("BEGIN"), "begin");
    for (const TableMod& m : mods) {
        const auto stride = std::max<int64_t>(1, static_cast<int64_t>(m.rowsPerPage / tableShare + 0.5));
        const std::string sql = std::string("UPDATE ") + m.table + " SET " + m.set + " WHERE _rowid_ % " +
                                std::to_string(stride) + " = " + std::to_string(salt % stride);
        check(db->exec(sql), sql);
    }
    check(db->exec("COMMIT"), "commit");
    check(db->exec("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
}

struct Run {
    double sourceBytes = 0;
    double cp = 0, backupApi = 0, full = 0, fullBytes = 0;
    double inc1 = 0, inc1Bytes = 0, inc1Pages = 0;  // pages: share of pages new, 0..1
    double inc10 = 0, inc10Bytes = 0, inc10Pages = 0;
    double restore = 0, restoreCheck = 0, restoreQuick = 0;
    double rawShare = 0;  // share of the full backup's new blobs stored uncompressed (adaptive compression)
};

repo::SnapshotInfo timedBackup(repo::Repository& r, const std::string& source, double* seconds) {
    capture::BackupOptions opt;
    ::sync();
    const double t0 = nowSeconds();
    auto snap = capture::backupDatabase(r, source, opt);
    *seconds = nowSeconds() - t0;
    check(snap.status(), "backup of " + source);
    return snap.value();
}

Run runOnce(const std::string& work, const std::string& source, const std::vector<TableMod>& mods, uint64_t totalPages,
            uint64_t tablePages, int index) {
    Env* env = Env::posix();
    Run r;
    r.sourceBytes = static_cast<double>(fs::file_size(source));

    const std::string copy = work + "/copy.db";
    ::sync();  // every timed step starts with no dirty pages pending from the one before
    double t0 = nowSeconds();
    check(copyAndSync(source, copy), "cp+sync");
    r.cp = nowSeconds() - t0;
    removeDb(copy);

    const std::string apiCopy = work + "/backup-api.db";
    ::sync();
    t0 = nowSeconds();
    check(backupApiCopy(source, apiCopy), "backup-api");
    r.backupApi = nowSeconds() - t0;
    removeDb(apiCopy);

    const std::string repoDir = work + "/repo";
    check(repo::Repository::init(env, repoDir), "init " + repoDir);
    auto opened = repo::Repository::open(env, repoDir, repo::Repository::Access::kWrite);
    check(opened.status(), "open " + repoDir);
    repo::Repository& repo = *opened.value();

    const repo::SnapshotInfo full = timedBackup(repo, source, &r.full);
    r.fullBytes = static_cast<double>(full.bytesNew);
    const repo::BlobStoreStats stats = repo.blobs().stats();
    r.rawShare = stats.blobsStored ? double(stats.blobsRaw) / double(stats.blobsStored) : 0;

    modifyShare(source, mods, totalPages, tablePages, 0.01, 2 * index);
    const repo::SnapshotInfo inc1 = timedBackup(repo, source, &r.inc1);
    r.inc1Bytes = static_cast<double>(inc1.bytesNew);
    r.inc1Pages = static_cast<double>(inc1.pagesNew) / static_cast<double>(std::max<uint64_t>(1, inc1.pageCount));

    modifyShare(source, mods, totalPages, tablePages, 0.10, 2 * index + 1);
    const repo::SnapshotInfo inc10 = timedBackup(repo, source, &r.inc10);
    r.inc10Bytes = static_cast<double>(inc10.bytesNew);
    r.inc10Pages = static_cast<double>(inc10.pagesNew) / static_cast<double>(std::max<uint64_t>(1, inc10.pageCount));

    const std::string target = work + "/restored.db";
    restore::RestoreOptions ropt;
    ropt.check = restore::StructureCheck::kFull;
    ::sync();
    auto res = restore::restoreSnapshot(repo, inc10, target, ropt);
    check(res.status(), "restore to " + target);
    r.restore = res->seconds;
    r.restoreCheck = res->checkSeconds;
    ropt.check = restore::StructureCheck::kQuick;
    ropt.force = true;
    ::sync();
    auto quick = restore::restoreSnapshot(repo, inc10, target, ropt);
    check(quick.status(), "restore (quick_check) to " + target);
    r.restoreQuick = quick->seconds;
    if (fs::file_size(target) != uint64_t(inc10.pageCount) * inc10.pageSize)
        die("restored file " + target + " has the wrong size");
    removeDb(target);

    opened.value().reset();
    fs::remove_all(repoDir);
    return r;
}

Args parseArgs(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) die(k + " needs a value");
            return argv[++i];
        };
        if (k == "--size-mb")
            a.sizeMb = std::stod(value());
        else if (k == "--runs")
            a.runs = std::stoi(value());
        else if (k == "--dir")
            a.dir = value();
        else if (k == "--json")
            a.json = value();
        else if (k == "--help" || k == "-h") {
            std::printf("usage: bench_backup_restore [--size-mb N] [--runs K] [--dir DIR] [--json FILE]\n");
            std::exit(0);
        } else
            die("unknown option " + k);
    }
    if (a.sizeMb <= 0 || a.runs < 1) die("--size-mb and --runs must be positive");
    return a;
}

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parseArgs(argc, argv);
    std::string base = args.dir.empty() ? "/tmp" : args.dir;
    std::error_code ec;
    fs::create_directories(base, ec);
    std::string tmpl = base + "/prescient-bench-XXXXXX";
    if (!::mkdtemp(tmpl.data())) die("cannot create a work folder under " + base + ": " + std::strerror(errno));
    const std::string work = absolutePath(tmpl);
    struct Cleanup {
        std::string dir;
        ~Cleanup() {
            std::error_code e;
            fs::remove_all(dir, e);
        }
    } cleanup{work};

    // Source: the demo shop scaled to the requested size (generation time is not measured).
    const double scale = args.sizeMb / kShopDefaultMb;
    demo::ShopOptions shop;
    shop.customers = std::max(100, static_cast<int>(shop.customers * scale));
    shop.products = std::max(50, static_cast<int>(shop.products * scale));
    shop.orders = std::max(100, static_cast<int>(shop.orders * scale));
    shop.pageSize = kPageSize;
    shop.wal = true;
    const std::string source = work + "/source.db";
    std::printf("generating a %.0f MB shop database in %s ...\n", args.sizeMb, work.c_str());
    std::fflush(stdout);
    double t0 = nowSeconds();
    check(demo::generateShop(source, shop), "generate " + source);
    std::printf("generated %s in %.1f s\n", demo::formatBytes(fs::file_size(source)).c_str(), nowSeconds() - t0);

    uint64_t totalPages = 0, tablePages = 0;
    const std::vector<TableMod> mods = measureTables(source, &totalPages, &tablePages);

    std::vector<Run> runs;
    for (int i = 0; i < args.runs; ++i) {
        std::printf("run %d/%d ...\n", i + 1, args.runs);
        std::fflush(stdout);
        runs.push_back(runOnce(work, source, mods, totalPages, tablePages, i));
    }
    auto med = [&](double Run::*field) {
        std::vector<double> v;
        for (const Run& r : runs) v.push_back(r.*field);
        return median(v);
    };
    std::vector<double> noCheck;
    for (const Run& r : runs) noCheck.push_back(r.restore - r.restoreCheck);

    const double mb = med(&Run::sourceBytes) / 1e6;
    const double cp = med(&Run::cp), api = med(&Run::backupApi), full = med(&Run::full);
    const double rest = med(&Run::restore), restNoCheck = median(noCheck);
    const double fullBytes = med(&Run::fullBytes);
    struct Row {
        std::string key, name;
        double seconds, ratio;
        std::string baseline, target;
        bool hasTarget;
        double goal;
    };
    const std::vector<Row> rows = {
        {"cp_sync", "cp+sync", cp, 1.0, "", "baseline for restore", false, 0},
        {"backup_api", "backup-api", api, 1.0, "", "baseline for backup", false, 0},
        {"full_backup", "prescient full backup", full, api / full, "backup-api", ">= 1.0x backup-api", true, 1.0},
        {"full_restore", "restore+integrity_check", rest, cp / rest, "cp+sync", ">= 0.8x cp+sync", true, 0.8},
        {"full_restore_quick", "restore+quick_check", med(&Run::restoreQuick), cp / med(&Run::restoreQuick), "cp+sync",
         ">= 0.8x cp+sync", true, 0.8},
        {"full_restore_no_check", "restore (pages hashed)", restNoCheck, cp / restNoCheck, "cp+sync", ">= 0.8x cp+sync",
         true, 0.8},
    };

    std::printf("\nsource %.1f MB, page size %u, WAL; %d run(s), medians; warm page cache (not dropped)\n", mb,
                kPageSize, args.runs);
    std::printf("%-24s %9s %9s %12s  %s\n", "operation", "seconds", "MB/s", "vs baseline", "target");
    for (const Row& r : rows) {
        const std::string status = r.hasTarget ? (r.ratio >= r.goal ? "  [met]" : "  [missed]") : "";
        std::printf("%-24s %9.3f %9.1f %11.2fx  %s%s\n", r.name.c_str(), r.seconds, mb / r.seconds, r.ratio,
                    r.target.c_str(), status.c_str());
    }

    struct Inc {
        std::string key, name;
        double seconds, bytes, pages;
    };
    const std::vector<Inc> incs = {
        {"incremental_1", "incremental 1%", med(&Run::inc1), med(&Run::inc1Bytes), med(&Run::inc1Pages)},
        {"incremental_10", "incremental 10%", med(&Run::inc10), med(&Run::inc10Bytes), med(&Run::inc10Pages)},
    };
    std::printf("\n%-24s %9s %9s %13s %11s %11s  %s\n", "operation", "seconds", "pages new", "bytes added", "% of full",
                "s vs full", "target: bytes % ~ pages %");
    for (const Inc& i : incs) {
        const double bytesPct = fullBytes > 0 ? 100 * i.bytes / fullBytes : 0;
        std::printf("%-24s %9.3f %8.2f%% %13s %10.2f%% %10.2fx  bytes/pages = %.2f\n", i.name.c_str(), i.seconds,
                    100 * i.pages, demo::formatBytes(static_cast<uint64_t>(i.bytes)).c_str(), bytesPct,
                    i.seconds / full, i.pages > 0 ? bytesPct / (100 * i.pages) : 0.0);
    }
    std::printf("\nfull backup added %s (%.2fx compression; %.0f%% of pages stored raw by adaptive compression)\n",
                demo::formatBytes(static_cast<uint64_t>(fullBytes)).c_str(),
                fullBytes > 0 ? med(&Run::sourceBytes) / fullBytes : 0.0, 100 * med(&Run::rawShare));

    std::ofstream js(args.json);
    js << "{\n  \"benchmark\": \"backup_restore\",\n  \"warm_cache\": true,\n";
    js << "  \"source_bytes\": " << fmt("%.0f", med(&Run::sourceBytes)) << ",\n";
    js << "  \"page_size\": " << kPageSize << ",\n  \"runs\": " << args.runs << ",\n";
    js << "  \"full_backup_bytes\": " << fmt("%.0f", fullBytes) << ",\n";
    js << "  \"full_backup_raw_share\": " << fmt("%.4f", med(&Run::rawShare)) << ",\n";
    for (const Row& r : rows) {
        js << "  \"" << r.key << "\": {\"seconds\": " << fmt("%.6f", r.seconds)
           << ", \"mb_per_s\": " << fmt("%.3f", mb / r.seconds) << ", \"ratio\": " << fmt("%.4f", r.ratio);
        if (r.hasTarget) js << ", \"baseline\": \"" << r.baseline << "\", \"target_ratio\": " << fmt("%.2f", r.goal);
        js << "},\n";
    }
    for (const Inc& i : incs) {
        js << "  \"" << i.key << "\": {\"seconds\": " << fmt("%.6f", i.seconds)
           << ", \"bytes_added\": " << fmt("%.0f", i.bytes) << ", \"pages_new_share\": " << fmt("%.6f", i.pages)
           << ", \"bytes_share_of_full\": " << fmt("%.6f", fullBytes > 0 ? i.bytes / fullBytes : 0.0)
           << ", \"seconds_vs_full\": " << fmt("%.4f", i.seconds / full) << "},\n";
    }
    js << "  \"samples\": [\n";
    for (size_t k = 0; k < runs.size(); ++k) {
        const Run& r = runs[k];
        js << "    {\"source_bytes\": " << fmt("%.0f", r.sourceBytes) << ", \"cp_sync\": " << fmt("%.6f", r.cp)
           << ", \"backup_api\": " << fmt("%.6f", r.backupApi) << ", \"full_backup\": " << fmt("%.6f", r.full)
           << ", \"full_bytes\": " << fmt("%.0f", r.fullBytes) << ", \"incremental_1\": " << fmt("%.6f", r.inc1)
           << ", \"incremental_1_bytes\": " << fmt("%.0f", r.inc1Bytes)
           << ", \"incremental_1_pages\": " << fmt("%.6f", r.inc1Pages)
           << ", \"incremental_10\": " << fmt("%.6f", r.inc10)
           << ", \"incremental_10_bytes\": " << fmt("%.0f", r.inc10Bytes)
           << ", \"incremental_10_pages\": " << fmt("%.6f", r.inc10Pages) << ", \"restore\": " << fmt("%.6f", r.restore)
           << ", \"restore_check\": " << fmt("%.6f", r.restoreCheck) << "}" << (k + 1 < runs.size() ? "," : "") << "\n";
    }
    js << "  ]\n}\n";
    js.close();
    if (!js) die("cannot write " + args.json);
    std::printf("wrote %s\n", args.json.c_str());
    return 0;
}
