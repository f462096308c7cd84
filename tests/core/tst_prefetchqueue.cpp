// The prefetch queue of the instant restore: static ranking by confidence x latency then the stream order,
// markDone, live feedback through successors and boost(), demotion of pages passed by, the successor table
// learned from episodes, concurrent poppers and a reader, and a 4 M-page queue.
#include <QTest>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>

#include "restore/prefetchqueue.h"

using namespace prescient;
using namespace prescient::restore;
using predict::RankedPage;

namespace {

// Pops batches of `batch` until the queue is empty.
std::vector<uint32_t> drain(PrefetchQueue& q, size_t batch) {
    std::vector<uint32_t> all;
    for (;;) {
        std::vector<uint32_t> b = q.popBatch(batch);
        if (b.empty()) return all;
        if (b.size() > batch) return {};  // caught by the caller's comparison
        all.insert(all.end(), b.begin(), b.end());
    }
}

// 20 pages, streamed from 20 down to 1 without 7 and 13; five pages ranked (7 not in the stream),
// three ignored (out of range, confidence 0, negative).
struct Fixture {
    uint32_t pageCount = 20;
    std::vector<uint32_t> stream;
    std::vector<RankedPage> ranking = {
        {3, 0.9, 0}, {7, 0.95, 0}, {15, 0.5, 1}, {12, 0.5, 0.5}, {4, 0.5, 0.5}, {25, 0.9, 0}, {6, 0.0, 0}, {9, -1, 0},
    };
    Fixture() {
        for (uint32_t pg = 20; pg >= 1; --pg) {
            if (pg != 7 && pg != 13) stream.push_back(pg);
        }
    }
};

}  // namespace

class TestPrefetchQueue : public QObject {
    Q_OBJECT
private slots:
    void rankingThenStream();
    void latencyChangesOrder();
    void markDoneBeforePop();
    void successorFeedback();
    void boostStreamPages();
    void manyBoostsKeepOrder();
    void demotion();
    void successorTableFromEpisodes();
    void concurrentPoppers();
    void largeQueue();
};

void TestPrefetchQueue::rankingThenStream() {
    Fixture f;
    PrefetchQueue q(f.pageCount, f.ranking, f.stream);
    QueueStats s = q.stats();
    QCOMPARE(s.predicted, uint64_t{5});  // 3, 7, 15, 12, 4
    QCOMPARE(s.remaining, uint64_t{18});

    // By priority; 12 and 4 tie on priority and position (lower pgno first), 15 ties on priority only.
    const std::vector<uint32_t> expected = {3, 4, 12, 15, 20, 19, 18, 17, 16, 14, 11, 10, 9, 8, 6, 5, 2, 1};
    QCOMPARE(q.popBatch(3), (std::vector<uint32_t>{3, 4, 12}));
    QCOMPARE(q.stats().remaining, uint64_t{15});
    std::vector<uint32_t> all = {3, 4, 12};
    std::vector<uint32_t> rest = drain(q, 3);
    all.insert(all.end(), rest.begin(), rest.end());
    QCOMPARE(all, expected);
    QVERIFY(q.popBatch(10).empty());
    QCOMPARE(q.stats().remaining, uint64_t{0});
    QCOMPARE(q.popBatch(0), std::vector<uint32_t>{});
}

void TestPrefetchQueue::latencyChangesOrder() {
    Fixture f;
    std::vector<float> latency(f.pageCount, 1.0f);
    latency[15 - 1] = 10.0f;  // 0.5 x 10 > 0.9 x 1
    latency[4 - 1] = 0.0f;    // priority 0: streamed in its place
    PrefetchQueue q(f.pageCount, f.ranking, f.stream, latency);
    QCOMPARE(drain(q, 4), (std::vector<uint32_t>{15, 3, 12, 20, 19, 18, 17, 16, 14, 11, 10, 9, 8, 6, 5, 4, 2, 1}));
}

void TestPrefetchQueue::markDoneBeforePop() {
    Fixture f;
    PrefetchQueue q(f.pageCount, f.ranking, f.stream);
    q.markDone(3);   // ranked
    q.markDone(18);  // streamed
    q.markDone(18);  // idempotent
    q.markDone(7);   // ranked, not in the stream
    q.markDone(0);
    q.markDone(99);
    QueueStats s = q.stats();
    QCOMPARE(s.predictedDone, uint64_t{2});
    QCOMPARE(s.remaining, uint64_t{16});
    QCOMPARE(drain(q, 5), (std::vector<uint32_t>{4, 12, 15, 20, 19, 17, 16, 14, 11, 10, 9, 8, 6, 5, 2, 1}));
    q.markDone(4);  // after handing out: counts, changes nothing else
    s = q.stats();
    QCOMPARE(s.predictedDone, uint64_t{3});
    QCOMPARE(s.remaining, uint64_t{0});
}

void TestPrefetchQueue::successorFeedback() {
    std::vector<trace::Episode> episodes(3);
    for (auto& e : episodes) e.reads = {1, 5, 9, 13, 17};
    SuccessorTable table = SuccessorTable::fromEpisodes(episodes, 40);
    std::vector<uint32_t> stream;
    for (uint32_t pg = 1; pg <= 40; ++pg) stream.push_back(pg);
    // Page 20 is ranked 0.9; 9 is ranked low (0.1); 13 not at all.
    const std::vector<RankedPage> ranking = {{20, 0.9, 0}, {9, 0.1, 3}};

    {  // Control: without reads, the static order.
        PrefetchQueue q(40, ranking, stream, {}, table);
        QCOMPARE(q.popBatch(3), (std::vector<uint32_t>{20, 9, 1}));
    }
    PrefetchQueue q(40, ranking, stream, {}, table);
    q.observeRead(5);  // 9 gets 1.0 x 1 x kLiveBoost = 4 > 0.9
    q.observeRead(9);  // 13 gets 4 as well; 9's position breaks the tie
    QueueStats s = q.stats();
    QCOMPARE(s.reads, uint64_t{2});
    QCOMPARE(s.boosts, uint64_t{2});
    QCOMPARE(s.predictedRead, uint64_t{1});  // 9
    QCOMPARE(q.popBatch(4), (std::vector<uint32_t>{9, 13, 20, 1}));
    q.observeRead(5);   // 9 handed out, 13 handed out: no boosts
    q.observeRead(13);  // 17 boosted
    QCOMPARE(q.stats().boosts, uint64_t{3});
    QCOMPARE(q.popBatch(2), (std::vector<uint32_t>{17, 2}));
    q.observeRead(9);  // 13 already handed out
    QCOMPARE(q.stats().boosts, uint64_t{3});
    QCOMPARE(q.stats().predictedRead, uint64_t{1});
}

void TestPrefetchQueue::boostStreamPages() {
    Fixture f;
    std::vector<float> latency(f.pageCount, 1.0f);
    latency[11 - 1] = 2.0f;
    PrefetchQueue q(f.pageCount, f.ranking, f.stream, latency);
    q.boost(10, 0.2);  // 0.8 < 0.9 of page 3, > 0.5
    q.boost(11, 0.2);  // 0.2 x 2 x 4 = 1.6: first
    q.boost(10, 0.1);  // lower: no effect
    q.boost(7, 1.0);   // not in the stream: never handed out
    q.boost(13, 1.0);
    q.boost(99, 1.0);
    q.markDone(16);
    q.boost(16, 1.0);  // done: no effect
    QCOMPARE(q.stats().boosts, uint64_t{2});
    QCOMPARE(q.popBatch(4), (std::vector<uint32_t>{11, 3, 10, 4}));
    q.boost(11, 1.0);   // handed out: no effect
    q.boost(20, 0.01);  // 0.04 < 0.5 of the rest of the ranking, but before the stream
    QCOMPARE(q.stats().boosts, uint64_t{3});
    QCOMPARE(drain(q, 100), (std::vector<uint32_t>{12, 15, 20, 19, 18, 17, 14, 9, 8, 6, 5, 2, 1}));
}

void TestPrefetchQueue::manyBoostsKeepOrder() {
    // Thousands of raises leave stale heap entries behind (and compact them): the order stays exact.
    std::vector<uint32_t> stream;
    for (uint32_t pg = 1; pg <= 100; ++pg) stream.push_back(pg);
    PrefetchQueue q(100, {{70, 0.9, 0}, {80, 0.8, 0}}, stream);
    for (int k = 1; k <= 3000; ++k) {
        q.boost(50, k / 3000.0);        // ends at 4
        q.boost(60, k / 6000.0);        // ends at 2
        q.boost(90, k / 12000.0);       // ends at 1: done below
        q.boost(10 + k % 20, k / 1e6);  // 10..29, ends near 0.012
        if (k == 2000) q.markDone(90);
    }
    QCOMPARE(q.stats().boosts, uint64_t{3000 + 3000 + 2000 + 3000});
    const std::vector<uint32_t> head = q.popBatch(4);
    QCOMPARE(head, (std::vector<uint32_t>{50, 60, 70, 80}));
    std::vector<uint32_t> boosted = q.popBatch(20);  // 10..29 by their last boost: k = 2981..3000
    std::vector<uint32_t> expected;
    for (int k = 3000; k > 2980; --k) expected.push_back(static_cast<uint32_t>(10 + k % 20));
    QCOMPARE(boosted, expected);
    QCOMPARE(q.popBatch(3), (std::vector<uint32_t>{1, 2, 3}));
    QCOMPARE(q.stats().remaining, uint64_t{100 - 27 - 1});  // 90 is done
}

void TestPrefetchQueue::demotion() {
    const uint32_t pageCount = 1000;
    std::vector<uint32_t> stream;
    for (uint32_t pg = 1; pg <= pageCount; ++pg) stream.push_back(pg);
    // 100 is expected first but never read; 150 is expected second and read; 200 is expected late.
    const std::vector<RankedPage> ranking = {{100, 0.9, 0}, {150, 0.8, 1}, {200, 0.5, 500}, {300, 0.05, 2}};
    PrefetchQueue q(pageCount, ranking, stream);
    q.observeRead(150);
    for (uint32_t i = 0; i < 32; ++i) q.observeRead(500 + i);  // 33 reads: clock 0.5
    QCOMPARE(q.stats().demotions, uint64_t{1});                // 100 (position 0 < 0.5); 150 was read
    for (uint32_t i = 0; i < 2; ++i) q.observeRead(600 + i);   // clock 1.5: 150 passed, but read
    QCOMPARE(q.stats().demotions, uint64_t{1});
    QCOMPARE(q.stats().reads, uint64_t{35});
    // 100 now has 0.09: after the fresh 200 (0.5), before 300 (0.05) and the stream.
    QCOMPARE(q.popBatch(5), (std::vector<uint32_t>{150, 200, 100, 300, 1}));
    for (uint32_t i = 0; i < 20; ++i) q.observeRead(700 + i);  // clock 11.5: 300 passed, but handed out
    QCOMPARE(q.stats().demotions, uint64_t{1});
    QCOMPARE(q.stats().predictedRead, uint64_t{1});

    // A live boost lifts a demoted page again.
    PrefetchQueue q2(pageCount, ranking, stream);
    for (uint32_t i = 0; i < 40; ++i) q2.observeRead(500 + i);  // clock 4: 100, 150 and 300 demoted
    QCOMPARE(q2.stats().demotions, uint64_t{3});
    q2.boost(100, 0.5);
    QCOMPARE(q2.popBatch(4), (std::vector<uint32_t>{100, 200, 150, 300}));
}

void TestPrefetchQueue::successorTableFromEpisodes() {
    std::vector<trace::Episode> episodes(2);
    // 1->2 x3, 1->3 x2, 1->4 x2, 1->5, 1->6, 1->7: 10 transitions from 1.
    episodes[0].reads = {1, 2, 1, 2, 1, 2, 1, 3, 1, 3, 1, 4, 1, 4, 1, 5, 1, 6, 1, 7};
    // Ignored: self transitions and pairs with pages out of 1..100.
    episodes[1].reads = {1, 1, 0, 1, 101, 1, 1};

    SuccessorTable t3 = SuccessorTable::fromEpisodes(episodes, 100, 3);
    QVERIFY(!t3.empty());
    auto of1 = t3.of(1);
    QCOMPARE(of1.size(), size_t{3});
    QCOMPARE(of1[0].pgno, 2u);
    QCOMPARE(of1[0].probability, 0.3f);
    QCOMPARE(of1[1].pgno, 3u);  // ties with 4: lower first
    QCOMPARE(of1[1].probability, 0.2f);
    QCOMPARE(of1[2].pgno, 4u);
    QCOMPARE(of1[2].probability, 0.2f);

    SuccessorTable t4 = SuccessorTable::fromEpisodes(episodes, 100, 4);
    QCOMPARE(t4.of(1).size(), size_t{4});
    QCOMPARE(t4.of(1)[3].pgno, 5u);  // 5, 6 and 7 tie
    QCOMPARE(t4.of(1)[3].probability, 0.1f);

    // 2->1 x3, nothing else from 2; 7 is last: no successors.
    QCOMPARE(t4.of(2).size(), size_t{1});
    QCOMPARE(t4.of(2)[0].pgno, 1u);
    QCOMPARE(t4.of(2)[0].probability, 1.0f);
    QVERIFY(t4.of(7).empty());
    QVERIFY(t4.of(0).empty());
    QVERIFY(t4.of(101).empty());
    QVERIFY(t4.of(50).empty());

    QVERIFY(SuccessorTable().empty());
    QVERIFY(SuccessorTable().of(1).empty());
    QVERIFY(SuccessorTable::fromEpisodes(episodes, 100, 0).empty());
    QVERIFY(SuccessorTable::fromEpisodes({}, 100).empty());
}

void TestPrefetchQueue::concurrentPoppers() {
    const uint32_t pageCount = 50000;
    std::mt19937_64 rng(7);
    std::vector<uint32_t> stream;
    for (uint32_t pg = 1; pg <= pageCount; ++pg) {
        if (pg % 10 != 0) stream.push_back(pg);  // every tenth page is never to be fetched
    }
    std::shuffle(stream.begin(), stream.end(), rng);
    std::vector<RankedPage> ranking;
    for (int i = 0; i < 5000; ++i) {
        ranking.push_back({static_cast<uint32_t>(rng() % pageCount + 1), (rng() % 1000 + 1) / 1000.0,
                           static_cast<double>(rng() % 20000)});
    }
    std::vector<trace::Episode> episodes(20);
    for (auto& e : episodes) {
        for (int i = 0; i < 500; ++i) e.reads.push_back(static_cast<uint32_t>(rng() % pageCount + 1));
    }
    PrefetchQueue q(pageCount, ranking, stream, {}, SuccessorTable::fromEpisodes(episodes, pageCount));

    // Marked done before any popper starts: never handed out.
    std::vector<uint32_t> doneFirst(stream.begin(), stream.begin() + 1000);
    for (uint32_t pg : doneFirst) q.markDone(pg);

    std::vector<std::atomic<uint8_t>> handed(pageCount + 1);
    std::vector<std::atomic<uint8_t>> done(pageCount + 1);
    for (uint32_t pg : doneFirst) done[pg] = 1;
    std::atomic<bool> stop{false};
    std::atomic<int> readerOps{0};
    std::thread reader([&] {
        std::mt19937_64 r(11);
        while (!stop.load()) {
            const uint32_t pg = static_cast<uint32_t>(r() % (pageCount + 2));  // 0 and pageCount + 1 too
            if (r() % 4 == 0) {
                q.markDone(pg);
                if (pg >= 1 && pg <= pageCount) done[pg] = 1;
            } else {
                q.observeRead(pg);
            }
            readerOps.fetch_add(1);
        }
    });
    while (readerOps.load() < 1000) std::this_thread::yield();  // the poppers start while it runs
    std::vector<std::thread> poppers;
    for (int t = 0; t < 4; ++t) {
        poppers.emplace_back([&] {
            for (;;) {
                std::vector<uint32_t> b = q.popBatch(16);
                if (b.empty()) return;
                for (uint32_t pg : b) {
                    if (pg >= 1 && pg <= pageCount) handed[pg].fetch_add(1);
                }
            }
        });
    }
    for (auto& t : poppers) t.join();
    stop = true;
    reader.join();

    std::vector<uint8_t> inStream(pageCount + 1, 0);
    for (uint32_t pg : stream) inStream[pg] = 1;
    size_t handedCount = 0;
    for (uint32_t pg = 1; pg <= pageCount; ++pg) {
        QVERIFY2(handed[pg] <= 1,
                 qPrintable(QString("page %1 handed out %2 times").arg(pg).arg(int(handed[pg].load()))));
        if (!inStream[pg]) QCOMPARE(int(handed[pg]), 0);
        if (inStream[pg] && !handed[pg]) QVERIFY2(done[pg], qPrintable(QString("page %1 lost").arg(pg)));
        handedCount += handed[pg];
    }
    for (uint32_t pg : doneFirst) QCOMPARE(int(handed[pg]), 0);
    QVERIFY(handedCount <= stream.size() - doneFirst.size());
    QVERIFY(handedCount > 0);
    QCOMPARE(q.stats().remaining, uint64_t{0});
    QVERIFY(q.popBatch(16).empty());
}

void TestPrefetchQueue::largeQueue() {
    const uint32_t pageCount = 4'000'000;
    std::vector<uint32_t> stream(pageCount);
    for (uint32_t i = 0; i < pageCount; ++i) stream[i] = i + 1;
    std::mt19937_64 rng(3);
    std::vector<RankedPage> ranking;
    std::vector<uint8_t> ranked(pageCount + 1, 0);
    while (ranking.size() < 10000) {
        const uint32_t pg = static_cast<uint32_t>(rng() % pageCount + 1);
        if (ranked[pg]) continue;
        ranked[pg] = 1;
        ranking.push_back({pg, 1.0 - ranking.size() / 20000.0, static_cast<double>(ranking.size())});
    }
    PrefetchQueue q(pageCount, ranking, std::move(stream));
    QCOMPARE(q.stats().predicted, uint64_t{10000});
    for (uint32_t i = 0; i < 100000; ++i) q.observeRead(static_cast<uint32_t>(rng() % pageCount + 1));

    std::vector<uint8_t> seen(pageCount + 1, 0);
    size_t count = 0, rankedFirst = 0;
    bool ok = true;
    for (;;) {
        std::vector<uint32_t> b = q.popBatch(4096);
        if (b.empty()) break;
        for (uint32_t pg : b) {
            if (pg == 0 || pg > pageCount || seen[pg]) ok = false;
            if (ok) seen[pg] = 1;
            if (count < 10000 && ranked[pg]) ++rankedFirst;
            ++count;
        }
    }
    QVERIFY(ok);
    QCOMPARE(count, size_t{pageCount});
    QCOMPARE(rankedFirst, size_t{10000});  // all ranked pages before the stream
    QVERIFY(q.stats().demotions > 0);
}

QTEST_APPLESS_MAIN(TestPrefetchQueue)
#include "tst_prefetchqueue.moc"
