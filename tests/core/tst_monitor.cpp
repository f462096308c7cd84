// core/monitor: the metrics series (windows, shares, thinning, summary), counters bumped from many threads
// while sampled and polled, the alert rules, the alert hook, and the catalog's schema v3 (migration from v2,
// restore history, alerts).
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

#include "monitor/alerthook.h"
#include "monitor/alerts.h"
#include "monitor/metrics.h"
#include "repo/repository.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::monitor;
using namespace prescient::test;

class TestMonitor : public QObject {
    Q_OBJECT
private slots:
    void seriesWindows();
    void thinningKeepsMemoryBounded();
    void summaryTimeTo90();
    void countersUnderConcurrency();
    void hitRateAlert();
    void stallAlert();
    void precisionAlert();
    void verificationAlert();
    void catalogMigratesToV3();
    void alertHookEnvironment();
    void alertHookDoesNotBlock();
};

namespace {

MetricsPoint readsPoint(double t, double hitRate, uint64_t reads = 100, uint64_t pages = 0) {
    MetricsPoint p;
    p.t = t;
    p.reads = reads;
    p.hitRate = reads ? hitRate : -1;
    p.pagesRestored = pages;
    return p;
}

}  // namespace

void TestMonitor::seriesWindows() {
    RestoreCounters c;
    c.pagesTotal = 100;
    MetricsSeries s(&c, 1.0);
    QVERIFY(!s.latest());
    s.sample(0.1);
    MetricsPoint p = *s.latest();
    QCOMPARE(p.reads, uint64_t(0));
    QCOMPARE(p.hitRate, -1.0);
    QCOMPARE(p.tier1Share, -1.0);
    QCOMPARE(p.tier2Share, -1.0);
    QCOMPARE(p.tier3Share, -1.0);
    QCOMPARE(p.fetchLatencyMs, 0.0);
    QCOMPARE(p.predictedProgress, 1.0);  // nothing predicted

    c.tier1 += 6;
    c.tier2 += 2;
    c.tier3 += 2;
    c.tier3Origin += 1;
    c.waitNanos += 6'000'000;  // 3 ms per tier-3 read
    c.bytesRestored += 1'000'000;
    c.pagesRestored += 25;
    c.predictedTotal = 10;
    c.predictedDone += 5;
    s.sample(0.5);  // window: the start (t = 0) to 0.5
    p = *s.latest();
    QCOMPARE(p.reads, uint64_t(10));
    QCOMPARE(p.hitRate, 0.8);
    QCOMPARE(p.tier1Share, 0.6);
    QCOMPARE(p.tier2Share, 0.2);
    QCOMPARE(p.tier3Share, 0.2);
    QCOMPARE(p.fetchLatencyMs, 3.0);
    QCOMPARE(p.throughputMBps, 2.0);
    QCOMPARE(p.restoredShare, 0.25);
    QCOMPARE(p.predictedProgress, 0.5);
    QCOMPARE(p.tier1, uint64_t(6));
    QCOMPARE(p.tier3Origin, uint64_t(1));

    s.sample(1.0);  // still from the start: no sample at or before 0.0 but the start itself
    QCOMPARE(s.latest()->reads, uint64_t(10));
    s.sample(1.5);  // from the 0.5 sample: nothing new
    p = *s.latest();
    QCOMPARE(p.reads, uint64_t(0));
    QCOMPARE(p.hitRate, -1.0);
    QCOMPARE(p.throughputMBps, 0.0);
    QCOMPARE(p.tier1, uint64_t(6));  // cumulative stays
    QCOMPARE(s.size(), size_t(4));
    QCOMPARE(s.points(2).size(), size_t(2));
    QCOMPARE(s.points(2).front().t, 1.0);
    QVERIFY(s.points(9).empty());

    // Accumulated sampling times (0.1 + 0.1 + ...) must still find the sample exactly one window back.
    RestoreCounters c2;
    MetricsSeries s2(&c2, 1.0);
    double t = 0;
    for (int i = 1; i <= 30; ++i) {
        t += 0.1;
        c2.tier1 += 1;
        s2.sample(t);
        if (i >= 10) QCOMPARE(s2.latest()->reads, uint64_t(10));
    }
}

void TestMonitor::thinningKeepsMemoryBounded() {
    RestoreCounters c;
    MetricsSeries s(&c, 1.0, 100);
    uint64_t gen0 = 0, gen = 0;
    (void)s.points(0, &gen0);
    for (int i = 1; i <= 10000; ++i) {
        c.tier1 += 1;
        s.sample(i * 0.1);
        QVERIFY(s.size() <= 100);
    }
    auto pts = s.points(0, &gen);
    QVERIFY(gen > gen0);
    QVERIFY(pts.size() >= 50);
    QCOMPARE(pts.front().t, 0.1);
    QCOMPARE(pts.back().t, 10000 * 0.1);
    QCOMPARE(pts.back().tier1, uint64_t(10000));
    for (size_t i = 1; i < pts.size(); ++i) QVERIFY(pts[i].t > pts[i - 1].t);
    // The newest points are kept densely (the newer half is never thinned).
    QCOMPARE(pts[pts.size() - 2].t, 9999 * 0.1);
}

void TestMonitor::summaryTimeTo90() {
    RestoreCounters c;
    c.pagesTotal = 100;
    MetricsSeries s(&c, 1.0, 8);  // thinned many times: timeTo90 must not move
    // 10 reads per 0.1 s step: steps 1-20 at 50% hits, then 100%. The window at step k holds steps k-9..k,
    // so it first reaches 90% at step 28 (2 half steps + 8 full ones).
    for (int i = 1; i <= 50; ++i) {
        if (i <= 20) {
            c.tier1 += 5;
            c.tier3 += 5;
            c.waitNanos += 5 * 2'000'000;
        } else {
            c.tier1 += 8;
            c.tier2 += 2;
        }
        c.pagesRestored += 2;
        s.sample(i / 10.0);
    }
    c.noteQuery(1000, 1'500'000);
    c.noteQuery(1000, 1'200'000);  // an earlier finish reported later still wins
    c.noteQuery(1000, 1'700'000);
    MetricsSummary m = s.summary();
    QCOMPARE(m.timeTo90, 2.8);
    QCOMPARE(m.restoredAt90, 0.56);
    QCOMPARE(m.timeToFirstQuery, 1.2);
    QCOMPARE(m.queries, uint64_t(3));
    QCOMPARE(m.tier1, uint64_t(20 * 5 + 30 * 8));
    QCOMPARE(m.tier3, uint64_t(100));
    QCOMPARE(m.hitRate, 400.0 / 500.0);
    QCOMPARE(m.meanFetchMs, 2.0);
    QVERIFY(s.size() <= 8);

    repo::RestoreRecord rec;
    rec.status = "complete";
    c.bytesRestored += 4096 * 100;
    fillRestoreRecord(m, c, &rec);
    QCOMPARE(rec.t90Seconds, 2.8);
    QCOMPARE(rec.ttfqSeconds, 1.2);
    QCOMPARE(rec.pages, uint64_t(100));
    QCOMPARE(rec.bytes, uint64_t(409600));
    QCOMPARE(rec.status, std::string("complete"));

    // Windows with fewer than kMinReads reads never count, however good their hit rate.
    RestoreCounters few;
    MetricsSeries sf(&few, 1.0);
    for (int i = 1; i <= 30; ++i) {
        few.tier1 += 1;
        sf.sample(i);
    }
    QCOMPARE(sf.latest()->hitRate, 1.0);
    QCOMPARE(sf.summary().timeTo90, -1.0);
    QCOMPARE(sf.summary().timeToFirstQuery, -1.0);
    RestoreCounters none;
    QCOMPARE(MetricsSeries(&none).summary().hitRate, -1.0);
}

void TestMonitor::countersUnderConcurrency() {
    RestoreCounters c;
    c.pagesTotal = 1000;
    MetricsSeries s(&c, 0.05, 64);
    constexpr int kThreads = 4, kIters = 200000;
    std::atomic<bool> stop{false};
    std::atomic<int> polls{0};
    bool pollerOk = true;
    std::thread sampler([&] {
        double t = 0;
        while (!stop.load()) {
            t += 0.001;
            s.sample(t);
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    std::thread poller([&] {
        uint64_t lastTier1 = 0, gen = 0, lastGen = 0;
        size_t have = 0;
        while (!stop.load()) {
            auto pts = s.points(have, &gen);
            if (gen != lastGen) {  // thinned: start over
                pts = s.points(0, &gen);
                lastGen = gen;
                have = 0;
                lastTier1 = 0;
            }
            for (const auto& p : pts) {
                if (p.tier1 < lastTier1 || (p.hitRate != -1 && (p.hitRate < 0 || p.hitRate > 1))) pollerOk = false;
                lastTier1 = p.tier1;
            }
            have += pts.size();
            (void)s.latest();
            (void)s.summary();
            polls.fetch_add(1);
        }
    });
    std::vector<std::thread> workers;
    for (int w = 0; w < kThreads; ++w)
        workers.emplace_back([&, w] {
            for (int i = 0; i < kIters; ++i) {
                switch (i % 3) {
                    case 0:
                        c.tier1.fetch_add(1, std::memory_order_relaxed);
                        break;
                    case 1:
                        c.tier2.fetch_add(1, std::memory_order_relaxed);
                        break;
                    default:
                        c.tier3.fetch_add(1, std::memory_order_relaxed);
                        c.waitNanos.fetch_add(10, std::memory_order_relaxed);
                }
                c.pagesRestored.fetch_add(1, std::memory_order_relaxed);
                if (i % 1000 == 0) c.noteQuery(5, 1000 + w * 10 + i);
            }
        });
    for (auto& w : workers) w.join();
    stop = true;
    sampler.join();
    poller.join();
    QVERIFY(pollerOk);
    QVERIFY(polls.load() > 0);
    s.sample(1e6);
    MetricsPoint last = *s.latest();
    const uint64_t perTier = kThreads * ((kIters + 2) / 3);
    QCOMPARE(last.tier1, perTier);
    QCOMPARE(last.tier1 + last.tier2 + last.tier3, uint64_t(kThreads) * kIters);
    QCOMPARE(last.pagesRestored, uint64_t(kThreads) * kIters);
    MetricsSummary m = s.summary();
    QCOMPARE(m.queries, uint64_t(kThreads * (kIters / 1000)));
    QCOMPARE(c.queryNanos.load(), m.queries * 5);
    QCOMPARE(m.timeToFirstQuery, 1000 / 1e6);
    QVERIFY(s.size() <= 64);
}

void TestMonitor::hitRateAlert() {
    AlertMonitor mon(AlertRules{}, "/data/shop.db", "1a2b3c4d5e6f7a8b", 7);
    std::vector<Alert> fired;
    auto feed = [&](double from, double to, double hit, uint64_t reads = 100) {
        for (double t = from; t <= to + 1e-9; t += 0.5)
            for (Alert& a : mon.onSample(readsPoint(t, hit, reads, static_cast<uint64_t>(t * 10)), true))
                fired.push_back(a);
    };
    feed(0.5, 0.5, 0.9);
    feed(1, 10.5, 0.41);  // low since t = 1: 9.5 s, not yet
    QVERIFY(fired.empty());
    feed(11, 11, 0.41);  // 10 s
    QCOMPARE(fired.size(), size_t(1));
    const Alert& a = fired[0];
    QCOMPARE(a.rule, std::string("hit-rate"));
    QCOMPARE(a.severity, std::string("warning"));
    QCOMPARE(a.value, 0.41);
    QCOMPARE(a.threshold, 0.5);
    QCOMPARE(a.restoreId, int64_t(7));
    QCOMPARE(a.target, std::string("/data/shop.db"));
    QCOMPARE(a.snapshotId, std::string("1a2b3c4d5e6f7a8b"));
    QVERIFY(a.timeUs > 0);
    QVERIFY2(a.message ==
                 "tier-1/2 hit rate 41% below 50% for 10 s while restoring snapshot 1a2b3c4d5e6f to "
                 "/data/shop.db",
             a.message.c_str());
    feed(11.5, 30, 0.3);  // still low: fired once
    QCOMPARE(fired.size(), size_t(1));
    feed(30.5, 30.5, 0.1, 0);  // no reads: neither a recovery nor a re-arm
    feed(31, 45, 0.3);
    QCOMPARE(fired.size(), size_t(1));
    feed(45.5, 45.5, 0.6);  // recovered: re-armed
    feed(46, 55.5, 0.2);
    QCOMPARE(fired.size(), size_t(1));
    feed(56, 56, 0.2);
    QCOMPARE(fired.size(), size_t(2));
    QCOMPARE(fired[1].value, 0.2);

    // A window without reads interrupts a streak: the 10 s start again after it.
    AlertMonitor mon2(AlertRules{}, "/t.db", "ffff", 0);
    size_t n = 0;
    for (double t = 1; t <= 8; t += 1) n += mon2.onSample(readsPoint(t, 0.1), true).size();
    n += mon2.onSample(readsPoint(9, -1, 0), true).size();
    for (double t = 10; t <= 19; t += 1) n += mon2.onSample(readsPoint(t, 0.1), true).size();
    QCOMPARE(n, size_t(0));
    QCOMPARE(mon2.onSample(readsPoint(20, 0.1), true).size(), size_t(1));
}

void TestMonitor::stallAlert() {
    AlertRules rules;
    rules.stallSeconds = 30;
    AlertMonitor mon(rules, "/x/y.db", "abcdef0123456789", 1);
    std::vector<Alert> fired;
    auto step = [&](double t, uint64_t pages, bool remain) {
        MetricsPoint p = readsPoint(t, 1.0, 0, pages);
        p.restoredShare = pages / 200.0;
        for (Alert& a : mon.onSample(p, remain)) fired.push_back(a);
    };
    for (int t = 1; t <= 5; ++t) step(t, t * 10, true);
    for (int t = 6; t <= 34; ++t) step(t, 50, true);
    QVERIFY(fired.empty());  // 29 s without progress
    step(35, 50, true);
    QCOMPARE(fired.size(), size_t(1));
    QCOMPARE(fired[0].rule, std::string("stalled"));
    QCOMPARE(fired[0].severity, std::string("warning"));
    QCOMPARE(fired[0].value, 30.0);
    QCOMPARE(fired[0].threshold, 30.0);
    QVERIFY2(fired[0].message.find("no page restored for 30 s (25% restored)") == 0, fired[0].message.c_str());
    QVERIFY(fired[0].message.find("abcdef012345 to /x/y.db") != std::string::npos);
    for (int t = 36; t <= 60; ++t) step(t, 50, true);
    QCOMPARE(fired.size(), size_t(1));
    step(61, 51, true);  // progress re-arms
    for (int t = 62; t <= 91; ++t) step(t, 51, true);
    QCOMPARE(fired.size(), size_t(2));
    // Nothing left to restore: no stall, however long it stays still.
    AlertMonitor done(rules, "/x/y.db", "abcdef0123456789", 1);
    size_t n = 0;
    for (int t = 1; t <= 200; ++t) n += done.onSample(readsPoint(t, 1.0, 10, 200), false).size();
    QCOMPARE(n, size_t(0));
}

void TestMonitor::precisionAlert() {
    AlertMonitor mon(AlertRules{}, "/x/y.db", "abcdef0123456789", 3);
    QVERIFY(mon.onFinish(0.1, 99, "").empty());    // too few reads to judge
    QVERIFY(mon.onFinish(-1, 5000, "").empty());   // unknown
    QVERIFY(mon.onFinish(0.3, 5000, "").empty());  // at the threshold
    auto a = mon.onFinish(0.12, 100, "");
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].rule, std::string("precision"));
    QCOMPARE(a[0].severity, std::string("warning"));
    QCOMPARE(a[0].value, 0.12);
    QCOMPARE(a[0].threshold, 0.3);
    QVERIFY2(a[0].message.find("prediction precision 12% below 30%") == 0, a[0].message.c_str());
}

void TestMonitor::verificationAlert() {
    AlertMonitor mon(AlertRules{}, "/x/y.db", "abcdef0123456789", 3);
    auto a = mon.onFinish(0.9, 1000, "page 3 of /x/y.db: hash mismatch");
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].rule, std::string("verification"));
    QCOMPARE(a[0].severity, std::string("critical"));
    QVERIFY(a[0].message.find("page 3 of /x/y.db: hash mismatch") != std::string::npos);
    QVERIFY(a[0].message.find("snapshot abcdef012345 to /x/y.db") != std::string::npos);
    // Both at once: precision and verification.
    QCOMPARE(mon.onFinish(0.01, 1000, "integrity_check: row 3 missing").size(), size_t(2));

    Alert x = a[0];
    x.id = 42;
    x.acknowledged = true;
    Alert y = fromRecord(toRecord(x));
    QCOMPARE(y.id, x.id);
    QCOMPARE(y.timeUs, x.timeUs);
    QCOMPARE(y.rule, x.rule);
    QCOMPARE(y.severity, x.severity);
    QCOMPARE(y.message, x.message);
    QCOMPARE(y.target, x.target);
    QCOMPARE(y.snapshotId, x.snapshotId);
    QCOMPARE(y.restoreId, x.restoreId);
    QCOMPARE(y.acknowledged, true);
}

void TestMonitor::catalogMigratesToV3() {
    QTemporaryDir tmp;
    std::string dir = str(tmp.filePath("repo"));
    PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), dir));
    {  // Make it a v2 catalog, as written by the previous release.
        auto db = SqliteDb::open(dir + "/catalog.db", SQLITE_OPEN_READWRITE);
        PRESCIENT_VERIFY_OK(db.status());
        PRESCIENT_VERIFY_OK(db->exec("DROP TABLE alerts; DROP TABLE restores; PRAGMA user_version=2"));
    }
    auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
    PRESCIENT_VERIFY_OK(r.status());
    repo::Catalog& cat = r.value()->catalog();
    QCOMPARE(cat.schemaVersion(), repo::kCatalogSchemaVersion);

    auto empty = cat.listRestores();
    PRESCIENT_VERIFY_OK(empty.status());
    QVERIFY(empty->empty());
    repo::RestoreRecord rec;
    rec.snapshotId = "00112233445566778899";
    rec.sourcePath = "/src/shop.db";
    rec.target = "/dst/shop.db";
    rec.strategy = "markov";
    rec.startedUs = 1'700'000'000'000'000;
    rec.status = "running";
    auto id = cat.addRestore(rec);
    PRESCIENT_VERIFY_OK(id.status());
    QVERIFY(id.value() > 0);
    auto listed = cat.listRestores();
    PRESCIENT_VERIFY_OK(listed.status());
    QCOMPARE(listed->size(), size_t(1));
    QCOMPARE(listed->at(0).finishedUs, int64_t(0));  // NULL while running
    QCOMPARE(listed->at(0).ttfqSeconds, -1.0);
    QCOMPARE(listed->at(0).precision, -1.0);

    rec.id = id.value();
    rec.finishedUs = rec.startedUs + 4'500'000;
    rec.status = "complete";
    rec.ttfqSeconds = 0.25;
    rec.t90Seconds = 3.5;
    rec.tier1 = 900;
    rec.tier2 = 50;
    rec.tier3 = 50;
    rec.queries = 12;
    rec.pages = 4000;
    rec.bytes = 4000 * 4096;
    rec.precision = 0.7;
    rec.message = "ok";
    PRESCIENT_VERIFY_OK(cat.updateRestore(rec));
    repo::RestoreRecord second = rec;
    second.startedUs += 10'000'000;
    second.status = "failed";
    second.message = "pack abc: checksum mismatch";
    PRESCIENT_VERIFY_OK(cat.addRestore(second).status());
    listed = cat.listRestores();
    PRESCIENT_VERIFY_OK(listed.status());
    QCOMPARE(listed->size(), size_t(2));
    const repo::RestoreRecord& got = listed->at(0);  // oldest first
    QCOMPARE(got.id, rec.id);
    QCOMPARE(got.snapshotId, rec.snapshotId);
    QCOMPARE(got.sourcePath, rec.sourcePath);
    QCOMPARE(got.target, rec.target);
    QCOMPARE(got.strategy, rec.strategy);
    QCOMPARE(got.startedUs, rec.startedUs);
    QCOMPARE(got.finishedUs, rec.finishedUs);
    QCOMPARE(got.status, std::string("complete"));
    QCOMPARE(got.ttfqSeconds, 0.25);
    QCOMPARE(got.t90Seconds, 3.5);
    QCOMPARE(got.tier1, uint64_t(900));
    QCOMPARE(got.tier2, uint64_t(50));
    QCOMPARE(got.tier3, uint64_t(50));
    QCOMPARE(got.queries, uint64_t(12));
    QCOMPARE(got.pages, uint64_t(4000));
    QCOMPARE(got.bytes, uint64_t(4000 * 4096));
    QCOMPARE(got.precision, 0.7);
    QCOMPARE(got.message, std::string("ok"));
    QCOMPARE(listed->at(1).status, std::string("failed"));

    repo::RestoreRecord missing = rec;
    missing.id = 999;
    Status s = cat.updateRestore(missing);
    QCOMPARE(s.code(), Status::Code::kNotFound);
    QCOMPARE(s.detail(), std::string("restore 999 not found"));
    rec.status = "finished";
    QCOMPARE(cat.updateRestore(rec).code(), Status::Code::kInvalidArgument);
    QCOMPARE(cat.addRestore(rec).status().code(), Status::Code::kInvalidArgument);

    // Alerts, converted from the monitor's.
    AlertMonitor mon(AlertRules{}, rec.target, rec.snapshotId, rec.id);
    auto fired = mon.onFinish(0.1, 500, "integrity_check failed");
    QCOMPARE(fired.size(), size_t(2));
    fired[0].timeUs = 1000;
    fired[1].timeUs = 2000;
    std::vector<int64_t> ids;
    for (const Alert& a : fired) {
        auto aid = cat.addAlert(toRecord(a));
        PRESCIENT_VERIFY_OK(aid.status());
        ids.push_back(aid.value());
    }
    repo::AlertRecord loose;  // no restore behind it
    loose.timeUs = 500;
    loose.rule = "stalled";
    loose.severity = "warning";
    loose.value = 31;
    loose.threshold = 30;
    PRESCIENT_VERIFY_OK(cat.addAlert(loose).status());
    auto alerts = cat.listAlerts();
    PRESCIENT_VERIFY_OK(alerts.status());
    QCOMPARE(alerts->size(), size_t(3));
    QCOMPARE(alerts->at(0).id, ids[1]);  // newest first
    QCOMPARE(alerts->at(0).rule, std::string("verification"));
    QCOMPARE(alerts->at(0).severity, std::string("critical"));
    QCOMPARE(alerts->at(0).restoreId, rec.id);
    QCOMPARE(alerts->at(0).target, rec.target);
    QCOMPARE(alerts->at(0).snapshotId, rec.snapshotId);
    QCOMPARE(alerts->at(1).value, 0.1);
    QCOMPARE(alerts->at(1).threshold, 0.3);
    QCOMPARE(alerts->at(1).message, fired[0].message);
    QCOMPARE(alerts->at(2).restoreId, int64_t(0));
    QVERIFY(!alerts->at(0).acknowledged);

    PRESCIENT_VERIFY_OK(cat.acknowledgeAlert(ids[1]));
    PRESCIENT_VERIFY_OK(cat.acknowledgeAlert(ids[1]));  // again: still fine
    s = cat.acknowledgeAlert(999);
    QCOMPARE(s.code(), Status::Code::kNotFound);
    QCOMPARE(s.detail(), std::string("alert 999 not found"));
    auto unacked = cat.listAlerts(true);
    PRESCIENT_VERIFY_OK(unacked.status());
    QCOMPARE(unacked->size(), size_t(2));
    QCOMPARE(unacked->at(0).id, ids[0]);
    auto all = cat.listAlerts();
    QVERIFY(all->at(0).acknowledged);

    // The migrated catalog is still sound, and a fresh reopen keeps version 3 and the rows.
    auto check = cat.quickCheck();
    PRESCIENT_VERIFY_OK(check.status());
    QCOMPARE(check.value(), std::string("ok"));
    r.value().reset();
    auto again = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
    PRESCIENT_VERIFY_OK(again.status());
    QCOMPARE(again.value()->catalog().schemaVersion(), repo::kCatalogSchemaVersion);
    QCOMPARE(again.value()->catalog().listRestores()->size(), size_t(2));
}

void TestMonitor::alertHookEnvironment() {
    QTemporaryDir tmp;
    QString out = tmp.filePath("env.txt");
    qputenv("PRESCIENT_ALERT_RULE", "stale-from-parent");  // replaced, not duplicated
    Alert a;
    a.rule = "hit-rate";
    a.severity = "warning";
    a.value = 0.41;
    a.threshold = 0.5;
    a.message = "tier-1/2 hit rate 41% below 50% for 10 s while restoring snapshot 1a2b3c4d5e6f to /x/y.db";
    a.target = "/x/y.db";
    a.snapshotId = "1a2b3c4d5e6f7a8b";
    PRESCIENT_VERIFY_OK(runAlertCommand("env | grep PRESCIENT_ALERT > '" + str(out) + "'", a));
    PRESCIENT_VERIFY_OK(waitForAlertCommands(30));
    qunsetenv("PRESCIENT_ALERT_RULE");
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    lines.sort();
    QStringList expected = {
        "PRESCIENT_ALERT_MESSAGE=" + QString::fromStdString(a.message),
        "PRESCIENT_ALERT_RULE=hit-rate",
        "PRESCIENT_ALERT_SEVERITY=warning",
        "PRESCIENT_ALERT_SNAPSHOT=1a2b3c4d5e6f7a8b",
        "PRESCIENT_ALERT_TARGET=/x/y.db",
        "PRESCIENT_ALERT_THRESHOLD=0.5",
        "PRESCIENT_ALERT_VALUE=0.41",
    };
    QCOMPARE(lines, expected);
}

void TestMonitor::alertHookDoesNotBlock() {
    Alert a;
    a.rule = "stalled";
    auto start = std::chrono::steady_clock::now();
    PRESCIENT_VERIFY_OK(runAlertCommand("sleep 1", a));
    double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QVERIFY2(took < 0.5, qPrintable(QString::number(took)));
    Status busy = waitForAlertCommands(0.05);
    QCOMPARE(busy.code(), Status::Code::kBusy);
    QVERIFY2(busy.detail().find("1 alert command(s) still running") == 0, busy.detail().c_str());
    PRESCIENT_VERIFY_OK(waitForAlertCommands(30));
    PRESCIENT_VERIFY_OK(runAlertCommand("exit 3", a));  // a failing hook is the hook's business
    PRESCIENT_VERIFY_OK(waitForAlertCommands(30));
}

QTEST_APPLESS_MAIN(TestMonitor)
#include "tst_monitor.moc"
