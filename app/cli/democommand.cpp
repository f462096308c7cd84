// `prescient demo`: a guided tour on generated data. Makes a shop database, backs it up between rounds
// of shop traffic, restores the first and the last snapshot, verifies the repository, and prints what
// each step cost. Everything lands in one folder (default ./prescient-demo) marked as a demo folder so
// that a second run may safely replace it.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>

#include "capture/backup.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "demo/shopdemo.h"
#include "repo/repository.h"
#include "repo/verify.h"
#include "restore/plainrestore.h"
#include "util/sqlitedb.h"

namespace prescient::cli {

namespace {

constexpr const char* kMarker = ".prescient-demo";

// Empties a previous demo folder; refuses any other non-empty folder.
Status prepareFolder(Env* env, const std::string& dir) {
    auto st = env->stat(dir);
    if (!st.isOk()) {
        PRESCIENT_RETURN_IF_ERROR(env->createDir(dir));
    } else if (st->kind != FileInfo::Kind::kDir) {
        return Status::invalidArgument(dir + " exists and is not a folder");
    } else {
        auto names = env->listDir(dir);
        if (!names.isOk()) return names.status();
        if (!names->empty() && !env->stat(joinPath(dir, kMarker)).isOk())
            return Status::invalidArgument("folder " + dir + " is not empty and was not made by 'prescient demo'");
        // Remove the previous demo's files: the repository's packs and catalog, the databases.
        std::vector<std::string> stack = {dir};
        std::vector<std::string> folders;
        while (!stack.empty()) {
            std::string d = stack.back();
            stack.pop_back();
            folders.push_back(d);
            auto entries = env->listDir(d);
            if (!entries.isOk()) return entries.status();
            for (const auto& n : entries.value()) {
                std::string p = joinPath(d, n);
                auto s = env->stat(p);
                if (s.isOk() && s->kind == FileInfo::Kind::kDir)
                    stack.push_back(p);
                else
                    PRESCIENT_RETURN_IF_ERROR(env->remove(p));
            }
        }
        for (auto it = folders.rbegin(); it != folders.rend() && *it != dir; ++it)
            if (::rmdir(it->c_str()) != 0) return Status::fromErrno(errno, "remove folder " + *it);
    }
    auto marker = env->open(joinPath(dir, kMarker), OpenMode::kCreateTruncate);
    return marker.status();
}

Result<int64_t> countRows(const std::string& path, const std::string& table) {
    auto db = SqliteDb::open("file:" + path + "?mode=ro", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    if (!db.isOk()) return db.status();
    return db->queryInt("SELECT count(*) FROM " + table);
}

double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int cmdDemo(const Argv& argv) {
    Args args;
    std::string err;
    if (!args.parse(argv, {"dir"}, {}, &err)) {
        std::fprintf(stderr, "prescient demo: %s\n", err.c_str());
        return kExitUsage;
    }
    Env* env = Env::posix();
    std::string dir = absolutePath(args.value("dir", "prescient-demo"));
    Status s = prepareFolder(env, dir);
    if (!s.isOk()) return reportError(s);
    std::string shop = joinPath(dir, "shop.db");
    std::string repoDir = joinPath(dir, "repo");

    std::printf("Prescient demo in %s\n\n", dir.c_str());
    auto t = std::chrono::steady_clock::now();
    s = demo::generateShop(shop, demo::ShopOptions{});
    if (!s.isOk()) return reportError(s);
    auto shopSize = env->stat(shop);
    std::printf("1. generated shop database %s (%s) in %.1f s\n", shop.c_str(),
                humanBytes(shopSize.isOk() ? shopSize->size : 0).c_str(), since(t));

    s = repo::Repository::init(env, repoDir);
    if (!s.isOk()) return reportError(s);
    auto repo = repo::Repository::open(env, repoDir, repo::Repository::Access::kWrite);
    if (!repo.isOk()) return reportError(repo.status());
    std::printf("2. created repository %s\n", repoDir.c_str());

    std::printf("3. snapshots between rounds of shop traffic:\n");
    std::printf("   %-16s  %-8s  %8s  %10s  %10s  %8s  %7s\n", "SNAPSHOT", "TAG", "PAGES", "SIZE", "ADDED", "NEW PAGES",
                "TIME");
    const char* tags[] = {"monday", "tuesday", "wednesday", "thursday"};
    std::vector<repo::SnapshotInfo> snaps;
    for (int round = 0; round < 4; ++round) {
        if (round > 0) {
            auto w = demo::runShopWorkload(shop, 1500, 1000 + round);
            if (!w.isOk()) return reportError(w.status());
        }
        capture::BackupOptions opts;
        opts.tag = tags[round];
        opts.job.cancel = &interruptToken();
        auto snap = capture::backupDatabase(*repo.value(), shop, opts);
        if (!snap.isOk()) return reportError(snap.status());
        std::printf("   %-16s  %-8s  %8llu  %10s  %10s  %8llu  %6.2fs\n", snap->id.c_str(), snap->tag.c_str(),
                    static_cast<unsigned long long>(snap->pageCount), humanBytes(snap->bytesTotal).c_str(),
                    humanBytes(snap->bytesNew).c_str(), static_cast<unsigned long long>(snap->pagesNew), snap->seconds);
        snaps.push_back(snap.value());
    }
    uint64_t logical = 0, stored = 0;
    for (const auto& sn : snaps) {
        logical += sn.bytesTotal;
        stored += sn.bytesNew;
    }
    std::printf("   %zu snapshots hold %s of pages in %s of packs (%.1fx smaller)\n", snaps.size(),
                humanBytes(logical).c_str(), humanBytes(stored).c_str(), stored ? double(logical) / stored : 0.0);

    std::printf("4. restores (every page checked against its hash, then PRAGMA integrity_check):\n");
    struct Target {
        const repo::SnapshotInfo* snap;
        std::string path;
    };
    Target targets[] = {{&snaps.front(), joinPath(dir, "restored-monday.db")},
                        {&snaps.back(), joinPath(dir, "restored-thursday.db")}};
    for (const auto& tg : targets) {
        restore::RestoreOptions opts;
        opts.job.cancel = &interruptToken();
        auto r = restore::restoreSnapshot(*repo.value(), *tg.snap, tg.path, opts);
        if (!r.isOk()) return reportError(r.status());
        auto orders = countRows(tg.path, "orders");
        std::printf("   %s (%s) -> %s: %s in %.2f s, %lld orders\n", tg.snap->id.c_str(), tg.snap->tag.c_str(),
                    tg.path.c_str(), humanBytes(r->bytes).c_str(), r->seconds,
                    static_cast<long long>(orders.isOk() ? orders.value() : -1));
    }
    auto liveOrders = countRows(shop, "orders");
    std::printf("   live shop.db has %lld orders (equal to the thursday restore: no traffic since)\n",
                static_cast<long long>(liveOrders.isOk() ? liveOrders.value() : -1));

    auto v = repo::verifyRepository(*repo.value(), /*readData=*/true);
    if (!v.isOk()) return reportError(v.status());
    std::printf("5. verify --read-data: %s (%llu packs, %llu blobs, %s read)\n", v->ok() ? "ok" : "DAMAGED",
                static_cast<unsigned long long>(v->packs), static_cast<unsigned long long>(v->blobs),
                humanBytes(v->bytesRead).c_str());
    std::printf("\nTry: prescient snapshots --repo %s\n     prescient restore --repo %s latest /tmp/shop-copy.db\n",
                repoDir.c_str(), repoDir.c_str());
    return v->ok() ? kExitOk : kExitCorruption;
}

}  // namespace prescient::cli
