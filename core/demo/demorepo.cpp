#include "demo/demorepo.h"

#include <chrono>
#include <filesystem>

#include "capture/backup.h"
#include "demo/demopartitions.h"
#include "demo/demorestores.h"
#include "demo/workloads.h"
#include "predict/service.h"
#include "repo/repository.h"
#include "trace/tracestore.h"
#include "util/sqlitedb.h"

namespace prescient::demo {

namespace {

namespace fs = std::filesystem;
constexpr const char* kMarker = ".prescient-demo";
constexpr const char* kComplete = ".prescient-demo-complete-v2";  // v2: restores, alerts, partitions
constexpr int64_t kDayUs = 86400ll * 1000000;

// A day of shop traffic: new orders with lines, status changes, price and stock changes, sign-ups.
Status shopDay(const std::string& path, int day) {
    auto db = SqliteDb::open(path, SQLITE_OPEN_READWRITE);
    if (!db.isOk()) return db.status();
    sqlite3_busy_timeout(db->handle(), 5000);
    const std::string d = std::to_string(day);
    return db->exec(
        "BEGIN;"
        "INSERT INTO customers(email, name, city, created, notes) SELECT 'day" + d + ".' || id || '@example.com', "
        "name, city, created + " + d + " * 86400, notes FROM customers ORDER BY random() LIMIT 60;"
        "INSERT INTO orders(customer_id, created, status, total) SELECT customer_id, created + " + d +
        " * 86400, 'new', total FROM orders ORDER BY random() LIMIT 400;"
        "INSERT INTO order_lines(order_id, product_id, qty, price) SELECT o.id, abs(random()) % "
        "(SELECT max(id) FROM products) + 1, 1 + abs(random()) % 4, 100 + abs(random()) % 9000 FROM orders o "
        "WHERE o.status = 'new';"
        "UPDATE orders SET status = 'shipped' WHERE status = 'new';"
        "UPDATE products SET price = price + 1, stock = max(stock - 3, 0) WHERE id IN "
        "(SELECT id FROM products ORDER BY random() LIMIT 80);"
        "COMMIT;",
        "demo shop traffic on " + path);
}

// The recorded episodes as one trace (one connection per episode).
trace::Trace traceOf(const std::vector<trace::Episode>& episodes, uint32_t pageSize) {
    trace::Trace t;
    t.profile = "web";
    t.pageSize = pageSize;
    uint32_t conn = 0;
    for (const auto& e : episodes) {
        ++conn;
        uint64_t time = e.startUs;
        for (uint32_t p : e.reads) t.events.push_back({time++, conn, p, false});
    }
    std::stable_sort(t.events.begin(), t.events.end(),
                     [](const trace::PageAccess& a, const trace::PageAccess& b) { return a.timeUs < b.timeUs; });
    return t;
}

Status prepareFolder(const std::string& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec)) return Status::invalidArgument(dir + " exists and is not a folder");
        if (!fs::is_empty(dir, ec) && !fs::exists(fs::path(dir) / kMarker, ec))
            return Status::invalidArgument("folder " + dir + " is not empty and holds no Prescient demo");
        fs::remove_all(dir, ec);
        if (ec) return Status::ioError("cannot remove the previous demo in " + dir + ": " + ec.message());
    }
    fs::create_directories(dir, ec);
    if (ec) return Status::ioError("cannot create " + dir + ": " + ec.message());
    auto marker = Env::posix()->open((fs::path(dir) / kMarker).string(), OpenMode::kCreateTruncate);
    return marker.status();
}

}  // namespace

Result<DemoRepository> findDemoRepository(const std::string& dir) {
    std::error_code ec;
    if (!fs::exists(fs::path(dir) / kComplete, ec)) return Status::notFound("no demo repository in " + dir);
    DemoRepository d;
    d.dir = absolutePath(dir);
    d.repoDir = joinPath(d.dir, "repo");
    d.database = joinPath(d.dir, "shop.db");
    d.partitionSet = joinPath(d.dir, "partitions");
    return d;
}

Result<DemoRepository> buildDemoRepository(const std::string& dirIn, const JobControl& job,
                                           const DemoOptions& options) {
    DemoRepository d;
    d.dir = absolutePath(dirIn);
    d.repoDir = joinPath(d.dir, "repo");
    d.database = joinPath(d.dir, "shop.db");
    PRESCIENT_RETURN_IF_ERROR(prepareFolder(d.dir));
    job.report({"database", 0, 1, 0});
    WorkloadOptions wo;
    wo.sessions = 60;
    wo.scale = 3;
    auto episodes = runWorkload("oltp", d.database, wo);
    if (!episodes.isOk()) return episodes.status();
    if (job.cancelled()) return Status::cancelled("demo cancelled");
    PRESCIENT_RETURN_IF_ERROR(repo::Repository::init(Env::posix(), d.repoDir));
    auto repo = repo::Repository::open(Env::posix(), d.repoDir, repo::Repository::Access::kWrite);
    if (!repo.isOk()) return repo.status();
    auto stored = trace::storeTrace((*repo)->catalog(), d.database, traceOf(episodes.value(), 4096));
    if (!stored.isOk()) return stored.status();

    // The last seven days at about 02:00 (simulated), tagged with their weekday; the fourth day has no
    // snapshot (the gap).
    const char* weekdays[] = {"thursday", "friday", "saturday", "sunday", "monday", "tuesday", "wednesday"};
    const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    const int64_t firstDay = now / kDayUs - 7;  // days since the epoch (1970-01-01 was a Thursday)
    for (int day = 0; day < 7; ++day) {
        if (job.cancelled()) return Status::cancelled("demo cancelled");
        if (day > 0) PRESCIENT_RETURN_IF_ERROR(shopDay(d.database, day));
        if (day == 3) continue;
        capture::BackupOptions bo;
        bo.tag = weekdays[(firstDay + day) % 7];
        bo.timeUs = (firstDay + day) * kDayUs + 2 * 3600ll * 1000000 + (day * 7919 % 3600) * 1000000ll;
        auto snap = capture::backupDatabase(**repo, d.database, bo);
        if (!snap.isOk()) return snap.status();
        ++d.snapshots;
        job.report({"snapshots", static_cast<uint64_t>(d.snapshots), 6, 0});
    }
    job.report({"train", 0, 1, 0});
    predict::EvalConfig cfg;
    auto trained = predict::trainSource(**repo, d.database, {}, cfg, job);
    if (!trained.isOk()) return trained.status();
    repo->reset();  // the restores and the partition backup open their own handles

    if (!options.restores || !options.partitions) return d;  // a bare demo for tests: not marked complete

    // Restore history: one restore with the best strategy and one with a poor one that raises alerts.
    job.report({"restores", 0, 1, 0});
    PRESCIENT_RETURN_IF_ERROR(recordDemoRestores(d.repoDir, d.database, joinPath(d.dir, "scratch"), job));
    // A partition set with a churned history and a partitioned backup with shadows.
    job.report({"partitions", 0, 1, 0});
    auto set = buildDemoPartitions(joinPath(d.dir, "partitions"), d.repoDir, job);
    if (!set.isOk()) return set.status();
    d.partitionSet = set.value();
    auto done = Env::posix()->open(joinPath(d.dir, kComplete), OpenMode::kCreateTruncate);
    if (!done.isOk()) return done.status();
    return d;
}

}  // namespace prescient::demo
