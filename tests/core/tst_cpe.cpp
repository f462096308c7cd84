// Change Prediction Engine on synthetic histories: a small simulator of a range-partitioned store (tenants
// with drifting insert rates at the top of their key ranges, late arrivals, retention deletes of old
// ranges, a time-series tenant with create-ahead partitions) applies the maintenance policy every 2 s and
// records what a PartitionSet would: map snapshots with key statistics, events and write statistics.
// The learned predictor is trained on the first two hours and scored on the third against the reactive
// and linear baselines; then forecasts' well-formedness, no peeking, a quiet history, replay/fill, and
// argument errors.
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <numbers>
#include <random>

#include "partition/cpe.h"

using namespace prescient;
using namespace prescient::partition;

namespace {

constexpr int64_t kUs = 1000000;
constexpr int64_t kTenantSpan = int64_t(1) << 40;
constexpr int64_t kStride = 2;  // keys at the head advance by 2; late arrivals take the odd keys between

struct Tenant {
    double baseRate = 0;   // inserts per second around which the rate drifts
    double amplitude = 0;  // seasonal swing (share of the rate)
    double period = 600;   // seconds
    uint64_t retain = 0;   // rows kept; older keys are deleted every 10 s, between maintenance passes (0 = keep all)
    double lateShare = 0;  // share of inserts landing among the last 2000 keys instead of the head
    int64_t base = 0;
    int64_t head = 0;  // next key at the head
    double drift = 0;  // log-rate, mean reverting
    std::deque<int64_t> keys;
};

class Simulator {
public:
    // quiet: slow tenants far from every threshold (no event at all).
    Simulator(uint64_t seed, bool quiet) : m_rng(seed) {
        MaintenancePolicy& p = m_history.policy;
        p.splitRows = 5000;
        p.mergeRows = 600;
        p.createAheadSpan = 8000;
        p.createAheadWhen = 2400;
        m_history.bucketUs = kUs;
        struct Spec {
            double baseRate, amplitude, period;
            uint64_t retain;
            double lateShare;
        };
        const std::vector<Spec> specs = {{18, 0.2, 700, 0, 0.15},
                                         {30, 0.3, 500, 12000, 0.1},
                                         {9, 0.5, 400, 7000, 0.0},
                                         {45, 0.6, 900, 16000, 0.05},
                                         {40, 0.25, 800, 14000, 0.0}};  // the time-series tenant, on top
        for (size_t i = 0; i < specs.size(); ++i) {
            Tenant t;
            t.baseRate = specs[i].baseRate;
            t.amplitude = specs[i].amplitude;
            t.period = specs[i].period;
            t.retain = specs[i].retain;
            t.lateShare = specs[i].lateShare;
            if (quiet) {
                t.baseRate = 0.2;
                t.retain = 0;
            }
            t.base = static_cast<int64_t>(i) * kTenantSpan;
            t.head = t.base;
            for (int k = 0; k < (quiet ? 1500 : 2000); ++k) t.keys.push_back(t.head), t.head += kStride;
            m_tenants.push_back(std::move(t));
        }
        std::vector<int64_t> bounds = {kMinKey};
        for (size_t i = 1; i < m_tenants.size(); ++i) bounds.push_back(m_tenants[i].base);
        bounds.push_back(m_tenants.back().base + p.createAheadSpan);
        for (size_t i = 0; i < bounds.size(); ++i) {
            PartitionInfo info;
            info.id = m_nextId++;
            info.lo = bounds[i];
            info.hi = i + 1 < bounds.size() ? bounds[i + 1] : kMaxKey;
            info.createdUs = m_now * kUs;
            m_parts.push_back(info);
        }
        snapshot();
    }

    void run(int seconds) {
        for (int s = 0; s < seconds; ++s) tick();
    }
    const History& history() const { return m_history; }
    int64_t nowUs() const { return m_now * kUs; }

private:
    size_t count(const Tenant& t, int64_t lo, int64_t hi) const {
        auto a = std::lower_bound(t.keys.begin(), t.keys.end(), lo);
        auto b = hi == kMaxKey ? t.keys.end() : std::lower_bound(t.keys.begin(), t.keys.end(), hi);
        return static_cast<size_t>(b - a);
    }
    uint64_t rowsIn(const PartitionInfo& p) const {
        uint64_t n = 0;
        for (const Tenant& t : m_tenants) n += count(t, p.lo, p.hi);
        return n;
    }
    int64_t keyAtRank(const PartitionInfo& p, uint64_t k) const {
        for (const Tenant& t : m_tenants) {
            uint64_t c = count(t, p.lo, p.hi);
            if (k < c) return *(std::lower_bound(t.keys.begin(), t.keys.end(), p.lo) + static_cast<long>(k));
            k -= c;
        }
        return p.lo;
    }
    size_t partOf(int64_t key) const {
        auto it = std::upper_bound(m_parts.begin(), m_parts.end(), key,
                                   [](int64_t k, const PartitionInfo& p) { return k < p.lo; });
        return static_cast<size_t>(it - m_parts.begin()) - 1;
    }
    WriteStats& bucket(int64_t partition) {
        WriteStats& w = m_bucket[partition];
        w.partition = partition;
        w.bucketUs = m_now * kUs;
        return w;
    }

    void tick() {
        std::normal_distribution<double> gauss(0, 1);
        std::uniform_real_distribution<double> uni(0, 1);
        for (Tenant& t : m_tenants) {
            t.drift += -t.drift / 300.0 + 0.0245 * gauss(m_rng);
            double rate =
                t.baseRate * std::exp(t.drift) *
                (1 + t.amplitude * std::sin(2 * std::numbers::pi * static_cast<double>(m_now) / t.period + t.base % 7));
            int n = std::poisson_distribution<int>(std::max(0.0, rate))(m_rng);
            for (int i = 0; i < n; ++i) {
                int64_t key = t.head;
                if (uni(m_rng) < t.lateShare && t.head - t.base > 4000) {
                    key = t.head - kStride * (1 + static_cast<int64_t>(uni(m_rng) * 2000)) + 1;
                    auto at = std::lower_bound(t.keys.begin(), t.keys.end(), key);
                    if ((at != t.keys.end() && *at == key) || (!t.keys.empty() && key < t.keys.front())) continue;
                    t.keys.insert(at, key);
                } else {
                    t.keys.push_back(key);
                    t.head += kStride;
                }
                ++bucket(m_parts[partOf(key)].id).inserts;
            }
            if (t.retain > 0 && m_now % 10 == 4 && t.keys.size() > t.retain) {
                int64_t bound = t.keys[t.keys.size() - t.retain];
                for (const PartitionInfo& p : m_parts) {
                    if (p.hi != kMaxKey && p.hi <= t.keys.front()) continue;
                    if (p.lo >= bound) break;
                    size_t c = count(t, p.lo, std::min(p.hi, bound));
                    if (c) bucket(p.id).deletes += c;
                }
                t.keys.erase(t.keys.begin(), std::lower_bound(t.keys.begin(), t.keys.end(), bound));
            }
        }
        for (auto& [id, w] : m_bucket) m_history.stats.push_back(w);
        m_bucket.clear();
        ++m_now;
        if (m_now % 2 == 0) maintain();
        snapshot();
    }

    void event(EventKind kind, int64_t partition, int64_t other, int64_t key) {
        PartitionEvent e;
        e.id = static_cast<int64_t>(m_history.events.size()) + 1;
        e.timeUs = m_now * kUs;
        e.kind = kind;
        e.partition = partition;
        e.other = other;
        e.key = key;
        e.epochAfter = ++m_epoch;
        m_history.events.push_back(e);
    }

    int64_t highestKey() const {
        int64_t h = kMinKey;
        for (const Tenant& t : m_tenants) {
            if (!t.keys.empty()) h = std::max(h, t.keys.back());
        }
        return h;
    }

    void maintain() {
        const MaintenancePolicy& p = m_history.policy;
        for (int round = 0; round < 20; ++round) {
            size_t fullest = m_parts.size();
            uint64_t most = p.splitRows;
            for (size_t i = 0; i < m_parts.size(); ++i) {
                uint64_t r = rowsIn(m_parts[i]);
                if (r > most) most = r, fullest = i;
            }
            if (fullest < m_parts.size()) {
                PartitionInfo& old = m_parts[fullest];
                int64_t key = keyAtRank(old, most / 2);
                PartitionInfo fresh = old;
                fresh.id = m_nextId++;
                fresh.lo = key;
                fresh.createdUs = m_now * kUs;
                old.hi = key;
                event(EventKind::kSplit, old.id, fresh.id, key);
                m_parts.insert(m_parts.begin() + static_cast<long>(fullest) + 1, fresh);
                continue;
            }
            const int64_t lastBoundary = m_parts[m_parts.size() - 2].hi;
            if (highestKey() >= lastBoundary - p.createAheadWhen) {
                PartitionInfo fresh;
                fresh.id = m_nextId++;
                fresh.lo = lastBoundary + p.createAheadSpan;
                fresh.hi = kMaxKey;
                fresh.createdUs = m_now * kUs;
                m_parts.back().hi = fresh.lo;
                event(EventKind::kCreate, fresh.id, 0, fresh.lo);
                m_parts.push_back(fresh);
                continue;
            }
            const size_t top = partOf(highestKey());  // partitions above it are kept ahead, never merged
            bool merged = false;
            for (size_t i = 0; i + 1 <= top && !merged; ++i) {
                if (rowsIn(m_parts[i]) < p.mergeRows && rowsIn(m_parts[i + 1]) < p.mergeRows) {
                    event(EventKind::kMerge, m_parts[i].id, m_parts[i + 1].id, m_parts[i + 1].lo);
                    m_parts[i].hi = m_parts[i + 1].hi;
                    m_parts.erase(m_parts.begin() + static_cast<long>(i) + 1);
                    merged = true;
                }
            }
            if (!merged) break;
        }
    }

    void snapshot() {
        TimedMap m;
        m.timeUs = m_now * kUs;
        m.map.epoch = m_epoch;
        for (PartitionInfo p : m_parts) {
            p.rows = rowsIn(p);
            p.bytes = p.rows * 100;
            KeyStats k;
            if (p.rows > 0) {
                k.known = true;
                k.lowest = keyAtRank(p, 0);
                k.median = keyAtRank(p, p.rows / 2);
                k.highest = keyAtRank(p, p.rows - 1);
            }
            m.map.partitions.push_back(p);
            m.keys.push_back(k);
        }
        m_history.maps.push_back(std::move(m));
    }

    std::mt19937_64 m_rng;
    History m_history;
    std::vector<Tenant> m_tenants;
    std::vector<PartitionInfo> m_parts;  // by lo
    std::map<int64_t, WriteStats> m_bucket;
    int64_t m_now = 1000;  // seconds
    int64_t m_nextId = 1;
    uint64_t m_epoch = 1;
};

constexpr int kTrainSeconds = 7200;
constexpr int kTestSeconds = 3600;
constexpr double kHorizon = 60;

void printScore(const ForecastScore& s) {
    std::printf(
        "  %-9s precision %.3f  recall %.3f  lead %5.1f s  Brier %.5f  | split P/R %.2f/%.2f lead %4.1f"
        "  merge P/R %.2f/%.2f lead %4.1f  create P/R %.2f/%.2f lead %4.1f | time err %.1f s  key err %.0f"
        "  (%llu predicted, %llu hits, %llu of %llu events caught)\n",
        s.predictor.c_str(), s.precision, s.recall, s.meanLeadSeconds, s.brier, s.split.precision, s.split.recall,
        s.split.meanLeadSeconds, s.merge.precision, s.merge.recall, s.merge.meanLeadSeconds, s.create.precision,
        s.create.recall, s.create.meanLeadSeconds, s.meanTimeErrorSeconds, s.meanSplitKeyError,
        static_cast<unsigned long long>(s.predicted), static_cast<unsigned long long>(s.hits),
        static_cast<unsigned long long>(s.caught), static_cast<unsigned long long>(s.actual));
}

bool sameForecasts(const std::vector<Forecast>& a, const std::vector<Forecast>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].partition != b[i].partition || a[i].kind != b[i].kind || a[i].other != b[i].other ||
            a[i].key != b[i].key || a[i].probability != b[i].probability ||
            a[i].expectedSeconds != b[i].expectedSeconds) {
            return false;
        }
    }
    return true;
}

}  // namespace

class TestCpe : public QObject {
    Q_OBJECT

private:
    Simulator m_sim{20240611, false};
    int64_t m_trainEndUs = 0;
    std::unique_ptr<ChangePredictor> m_learned;

private slots:
    void initTestCase() {
        m_sim.run(kTrainSeconds);
        m_trainEndUs = m_sim.nowUs();
        m_sim.run(kTestSeconds);
        const History& h = m_sim.history();
        QVERIFY(h.validate().isOk());
        std::map<EventKind, int> kinds;
        for (const PartitionEvent& e : h.events) ++kinds[e.kind];
        std::printf("simulated %d s: %zu events (%d splits, %d merges, %d creations), %zu snapshots, %zu buckets\n",
                    kTrainSeconds + kTestSeconds, h.events.size(), kinds[EventKind::kSplit], kinds[EventKind::kMerge],
                    kinds[EventKind::kCreate], h.maps.size(), h.stats.size());
        QVERIFY(kinds[EventKind::kSplit] > 100 && kinds[EventKind::kMerge] > 50 && kinds[EventKind::kCreate] > 50);

        auto p = makePredictor("learned");
        QVERIFY(p.isOk());
        m_learned = std::move(p.value());
        Status st = m_learned->train(h.upTo(m_trainEndUs));
        QVERIFY2(st.isOk(), st.toString().c_str());
    }

    void makePredictorRejectsUnknownNames() {
        auto bad = makePredictor("oracle");
        QVERIFY(!bad.isOk());
        QCOMPARE(bad.status().code(), Status::Code::kInvalidArgument);
        QVERIFY(bad.status().detail().find("'oracle'") != std::string::npos);
        QCOMPARE(predictorNames().size(), size_t(3));
        for (const std::string& name : predictorNames()) {
            auto p = makePredictor(name);
            QVERIFY(p.isOk());
            QCOMPARE((*p)->name(), name);
        }
    }

    // The acceptance figures: held-out third hour, 60 s horizon, a forecast every second, threshold 0.5.
    void learnedBeatsBaselinesOnHeldOutHistory() {
        const History& h = m_sim.history();
        std::map<std::string, ForecastScore> scores;
        std::printf("held-out %d s, horizon %.0f s, step 1 s, threshold 0.5:\n", kTestSeconds, kHorizon);
        for (const std::string name : {"reactive", "linear", "learned"}) {
            std::unique_ptr<ChangePredictor> owned;
            const ChangePredictor* p = m_learned.get();
            if (name != "learned") {
                owned = std::move(makePredictor(name).value());
                QVERIFY(owned->train(h.upTo(m_trainEndUs)).isOk());
                p = owned.get();
            }
            auto s = evaluate(*p, h, kHorizon, 1, 0.5, m_trainEndUs);
            QVERIFY2(s.isOk(), s.status().toString().c_str());
            printScore(*s);
            scores[name] = *s;
        }
        const ForecastScore &learned = scores["learned"], &reactive = scores["reactive"], &linear = scores["linear"];
        std::printf("  learned reliability (bin: count, mean predicted -> observed):");
        for (const ReliabilityBin& b : learned.reliability) {
            if (b.count)
                std::printf(" [%.1f: %llu, %.2f->%.2f]", b.lo, static_cast<unsigned long long>(b.count),
                            b.meanPredicted, b.observed);
        }
        std::printf("\n");

        QVERIFY(learned.actual > 150);
        QCOMPARE(learned.actual, reactive.actual);
        QVERIFY2(learned.recall > reactive.recall, "learned recall must beat the reactive rule");
        QVERIFY2(learned.meanLeadSeconds > reactive.meanLeadSeconds + 10, "learned must warn well ahead");
        QVERIFY(reactive.meanLeadSeconds < 2.5);  // it acts at the threshold: the next maintenance pass
        QVERIFY2(learned.precision >= 0.8, "learned precision at threshold 0.5");
        QVERIFY2(learned.recall >= 0.8, "learned recall");
        QVERIFY2(learned.brier < linear.brier, "learned must be better calibrated than linear extrapolation");
        for (const KindScore* k : {&learned.split, &learned.merge, &learned.create}) {
            QVERIFY(k->actual > 0);
            QVERIFY(k->recall > 0.6);
        }
        // The split key: the median expected at split time, within a tenth of a partition's key extent
        // (~10,000 keys at the split threshold).
        QVERIFY2(learned.meanSplitKeyError < 1000, std::to_string(learned.meanSplitKeyError).c_str());
        QVERIFY(learned.meanTimeErrorSeconds < 20);
    }

    void forecastsNameExistingPartitions() {
        const History& h = m_sim.history();
        int creates = 0, merges = 0;
        for (int64_t t = m_trainEndUs + 7 * kUs; t < h.endUs() - 60 * kUs; t += 97 * kUs) {
            const TimedMap& at =
                *std::find_if(h.maps.begin(), h.maps.end(), [t](const TimedMap& m) { return m.timeUs == t; });
            const auto& parts = at.map.partitions;
            auto index = [&](int64_t id) {
                for (size_t i = 0; i < parts.size(); ++i) {
                    if (parts[i].id == id) return static_cast<long>(i);
                }
                return -1L;
            };
            std::vector<Forecast> f = m_learned->forecast(h, t, kHorizon);
            // One split per partition, one creation, one merge per adjacent pair below the partitions kept ahead.
            QCOMPARE(std::count_if(f.begin(), f.end(), [](const Forecast& x) { return x.kind == EventKind::kSplit; }),
                     static_cast<long>(parts.size()));
            QCOMPARE(std::count_if(f.begin(), f.end(), [](const Forecast& x) { return x.kind == EventKind::kCreate; }),
                     1L);
            for (size_t i = 0; i < f.size(); ++i) {
                long p = index(f[i].partition);
                QVERIFY2(p >= 0, "a forecast names a partition that does not exist");
                QVERIFY(f[i].probability >= 0 && f[i].probability <= 1);
                QVERIFY(f[i].expectedSeconds >= 0 && f[i].expectedSeconds <= kHorizon);
                if (i > 0) QVERIFY(f[i - 1].probability >= f[i].probability);
                if (f[i].kind == EventKind::kMerge) {
                    ++merges;
                    QCOMPARE(index(f[i].other), p + 1);
                    QCOMPARE(f[i].key, parts[p + 1].lo);
                } else if (f[i].kind == EventKind::kCreate) {
                    ++creates;
                    QCOMPARE(p, static_cast<long>(parts.size()) - 1);
                    QCOMPARE(f[i].key, parts[parts.size() - 2].hi);
                } else {
                    QCOMPARE(f[i].kind, EventKind::kSplit);
                    QVERIFY(parts[p].holds(f[i].key));
                }
            }
        }
        QVERIFY(creates > 10 && merges > 10);
    }

    // forecast() on the whole history equals forecast() on what was known then.
    void forecastsDoNotPeek() {
        const History& h = m_sim.history();
        for (int64_t t : {m_trainEndUs + 30 * kUs, m_trainEndUs + 1234 * kUs + kUs / 2, h.endUs() - 100 * kUs}) {
            History known = h.upTo(t);
            for (const std::string name : {"reactive", "linear"}) {
                auto p = makePredictor(name);
                QVERIFY(sameForecasts((*p)->forecast(h, t, kHorizon), (*p)->forecast(known, t, kHorizon)));
            }
            std::vector<Forecast> full = m_learned->forecast(h, t, kHorizon);
            QVERIFY(!full.empty());
            QVERIFY(sameForecasts(full, m_learned->forecast(known, t, kHorizon)));
        }
    }

    void quietHistoryStillForecasts() {
        Simulator quiet(7, true);
        quiet.run(1200);
        const History& h = quiet.history();
        QCOMPARE(h.events.size(), size_t(0));
        auto fresh = makePredictor("learned");
        QVERIFY(fresh.isOk());
        Status st = (*fresh)->train(h);
        QVERIFY2(st.isOk(), st.toString().c_str());
        for (const ChangePredictor* p : {fresh->get(), m_learned.get()}) {
            std::vector<Forecast> f = p->forecast(h, quiet.nowUs(), kHorizon);
            QVERIFY(f.size() >= h.maps.back().map.partitions.size());
            for (const Forecast& x : f) QVERIFY2(x.probability < 0.05, std::to_string(x.probability).c_str());
        }
        auto s = evaluate(**fresh, h, kHorizon, 5, 0.5, h.beginUs() + 600 * kUs);
        QVERIFY(s.isOk());
        QCOMPARE(s->actual, uint64_t(0));
        QCOMPARE(s->predicted, uint64_t(0));
        QVERIFY(s->brier < 1e-3);
    }

    // A history whose only snapshot is the last (what a set's events() and stats() plus map() give):
    // fill() reconstructs the maps before it — the same ranges, the same total rows.
    void fillReconstructsEarlierMaps() {
        const History& full = m_sim.history();
        History h = full.slice(m_trainEndUs, full.endUs());
        const TimedMap last = h.maps.back();
        h.maps = {last};
        h.maps[0].keys.clear();
        QVERIFY(h.fill(10 * kUs).isOk());
        QVERIFY(h.validate().isOk());
        int compared = 0;
        for (const TimedMap& m : h.maps) {
            if (m.timeUs < m_trainEndUs || m.timeUs == last.timeUs) continue;
            const TimedMap& truth = full.maps[static_cast<size_t>((m.timeUs - full.beginUs()) / kUs)];
            QCOMPARE(truth.timeUs, m.timeUs);
            QCOMPARE(m.map.partitions.size(), truth.map.partitions.size());
            uint64_t rows = 0, truthRows = 0;
            for (size_t i = 0; i < m.map.partitions.size(); ++i) {
                QCOMPARE(m.map.partitions[i].id, truth.map.partitions[i].id);
                QCOMPARE(m.map.partitions[i].lo, truth.map.partitions[i].lo);
                QCOMPARE(m.map.partitions[i].hi, truth.map.partitions[i].hi);
                rows += m.map.partitions[i].rows;
                truthRows += truth.map.partitions[i].rows;
            }
            // Undone merges split the rows evenly; a side that then goes negative is shown as 0 rows.
            QVERIFY2(std::llabs(static_cast<long long>(rows) - static_cast<long long>(truthRows)) <= truthRows / 100,
                     (std::to_string(rows) + " vs " + std::to_string(truthRows)).c_str());
            ++compared;
        }
        QVERIFY(compared > 300);

        // Forwards from the first snapshot only, in steps of 2.5 s (inside the 1 s buckets, which then count
        // in shares): at whole seconds, rows per partition within a few rows (median splits of odd counts
        // round).
        History forward = full.slice(m_trainEndUs, full.endUs());
        forward.maps.resize(1);
        QVERIFY(forward.fill(2500000).isOk());
        QVERIFY(forward.maps.size() > 1000);
        for (const TimedMap& m : forward.maps) {
            if (m.timeUs % kUs != 0) continue;
            const TimedMap& truth = full.maps[static_cast<size_t>((m.timeUs - full.beginUs()) / kUs)];
            QCOMPARE(m.map.partitions.size(), truth.map.partitions.size());
            for (size_t i = 0; i < m.map.partitions.size(); ++i) {
                QCOMPARE(m.map.partitions[i].id, truth.map.partitions[i].id);
                long long d = static_cast<long long>(m.map.partitions[i].rows) -
                              static_cast<long long>(truth.map.partitions[i].rows);
                QVERIFY2(std::llabs(d) <= 5, std::to_string(d).c_str());
            }
        }
    }

    // Windows and horizons count in statistics buckets: the same history run ten times faster (100 ms
    // buckets) gives the same probabilities at a tenth of the horizon, and expected times a tenth as long.
    void timeScalesWithTheBucketWidth() {
        const History& h = m_sim.history();
        History fast = h.upTo(m_trainEndUs);
        fast.bucketUs = h.bucketUs / 10;
        for (TimedMap& m : fast.maps) {
            m.timeUs /= 10;
            for (PartitionInfo& p : m.map.partitions) p.createdUs /= 10;
        }
        for (PartitionEvent& e : fast.events) e.timeUs /= 10;
        for (WriteStats& w : fast.stats) w.bucketUs /= 10;
        auto learned = makePredictor("learned");
        Status st = (*learned)->train(fast);
        QVERIFY2(st.isOk(), st.toString().c_str());
        int compared = 0;
        for (int64_t t = m_trainEndUs - 3000 * kUs; t < m_trainEndUs; t += 250 * kUs) {
            std::vector<Forecast> slow = m_learned->forecast(h, t, kHorizon);
            std::vector<Forecast> quick = (*learned)->forecast(fast, t / 10, kHorizon / 10);
            QCOMPARE(quick.size(), slow.size());
            for (size_t i = 0; i < slow.size(); ++i) {
                QCOMPARE(quick[i].partition, slow[i].partition);
                QVERIFY(std::abs(quick[i].probability - slow[i].probability) < 1e-4);  // rounding only
                QVERIFY(std::abs(quick[i].expectedSeconds * 10 - slow[i].expectedSeconds) < 1e-6);
                QVERIFY(std::llabs(quick[i].key - slow[i].key) <= 1);  // the drifted median, rounded
                ++compared;
            }
        }
        QVERIFY(compared > 100);
    }

    void badArguments() {
        History empty;
        for (const std::string& name : predictorNames()) {
            auto p = makePredictor(name);
            Status st = (*p)->train(empty);
            QCOMPARE(st.code(), Status::Code::kInvalidArgument);
            QVERIFY((*p)->forecast(empty, 0, kHorizon).empty());
        }
        const History& h = m_sim.history();
        History shuffled = h.slice(m_trainEndUs, m_trainEndUs + 100 * kUs);
        std::swap(shuffled.events.front(), shuffled.events.back());
        QCOMPARE(shuffled.validate().code(), Status::Code::kInvalidArgument);
        shuffled.sort();
        QVERIFY(shuffled.validate().isOk());
        History shortOne = h.slice(m_trainEndUs, m_trainEndUs + 20 * kUs);
        auto learned = makePredictor("learned");
        QCOMPARE((*learned)->train(shortOne).code(), Status::Code::kInvalidArgument);
        QVERIFY((*learned)->forecast(h, m_trainEndUs, kHorizon).empty());  // untrained
        QCOMPARE(evaluate(*m_learned, h, 0, 1).status().code(), Status::Code::kInvalidArgument);
        QCOMPARE(evaluate(*m_learned, h, kHorizon, -1).status().code(), Status::Code::kInvalidArgument);
        QCOMPARE(evaluate(*m_learned, h, kHorizon, 1, 1.5).status().code(), Status::Code::kInvalidArgument);
        QCOMPARE(evaluate(*m_learned, shortOne, kHorizon, 1).status().code(), Status::Code::kInvalidArgument);
        History badKeys = shortOne;
        badKeys.maps[0].keys.pop_back();
        QCOMPARE(badKeys.validate().code(), Status::Code::kInvalidArgument);
    }
};

QTEST_APPLESS_MAIN(TestCpe)
#include "tst_cpe.moc"
