#include "partition/churn.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace prescient::partition {

std::string churnSchema() {
    return "CREATE TABLE readings(ts INTEGER PRIMARY KEY, sensor INTEGER NOT NULL, value REAL, note TEXT)";
}

SetOptions demoSetOptions() {
    SetOptions o;
    o.schema = churnSchema();
    o.keyColumn = "ts";
    o.statsBucketUs = 100000;
    return o;
}

MaintenancePolicy demoPolicy() {
    MaintenancePolicy p;
    p.splitRows = 700;
    p.mergeRows = 250;
    p.createAheadSpan = int64_t{30} * 60 * 1000000;  // 30 simulated minutes: ~1000 rows at the default rate
    p.createAheadWhen = int64_t{10} * 60 * 1000000;
    return p;
}

namespace {

using Clock = std::chrono::steady_clock;
using Value = PartitionSet::Value;

int64_t wallUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string squeezed(const std::string& s) {
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// What the threads of one run share.
struct Run {
    Run(PartitionSet& s, const ChurnOptions& opts, const CancelToken* c) : set(s), o(opts), cancel(c) {}
    PartitionSet& set;
    const ChurnOptions& o;
    const CancelToken* cancel;
    Clock::time_point start = Clock::now();
    int64_t baseUs = 0;  // simulated time at start
    std::atomic<bool> stop{false};
    std::atomic<double> burstUntil{-1};  // seconds since start
    std::atomic<uint64_t> inserted{0}, updated{0}, deleted{0}, collisions{0}, bursts{0};
    std::atomic<uint64_t> splits{0}, merges{0}, creations{0}, drops{0};
    std::mutex mu;
    Status error;                                            // GUARDED_BY(mu)
    int64_t firstKey = std::numeric_limits<int64_t>::max();  // GUARDED_BY(mu)
    int64_t lastKey = std::numeric_limits<int64_t>::min();   // GUARDED_BY(mu)

    double elapsed() const { return std::chrono::duration<double>(Clock::now() - start).count(); }
    int64_t simNowUs() const { return baseUs + static_cast<int64_t>(elapsed() * 1e6 * o.timeScale); }
    bool running() {
        if (stop) return false;
        if ((cancel && cancel->isCancelled()) || elapsed() >= o.seconds) stop = true;
        return !stop;
    }
    void fail(const Status& s) {
        std::lock_guard<std::mutex> g(mu);
        if (error.isOk()) error = s;
        stop = true;
    }
    // Sleeps until `at` seconds after start, or less when the run stops.
    void sleepUntil(double at) {
        while (running()) {
            double left = at - elapsed();
            if (left <= 0) return;
            std::this_thread::sleep_for(std::chrono::duration<double>(std::min(left, 0.01)));
        }
    }
    template <typename Fn>
    void guarded(const char* what, Fn fn) {
        try {
            fn();
        } catch (const std::exception& e) {
            fail(Status::ioError(std::string("churn ") + what + ": " + e.what()));
        } catch (...) {
            fail(Status::ioError(std::string("churn ") + what + ": unknown exception"));
        }
    }
};

void writer(Run& run, int index) {
    const ChurnOptions& o = run.o;
    std::mt19937_64 rng(o.seed * 7919 + static_cast<uint64_t>(index));
    std::vector<double> weights;
    for (int s = 0; s < std::max(1, o.sensors); ++s) weights.push_back(1.0 / std::pow(s + 1, o.sensorSkew));
    std::discrete_distribution<int> pickSensor(weights.begin(), weights.end());
    std::uniform_real_distribution<double> uniform(0, 1);
    std::exponential_distribution<double> lateness(1.0 / std::max(1.0, o.lateMeanUs));
    std::normal_distribution<double> step(0, 0.5);
    std::vector<double> level(weights.size(), 20.0);
    std::vector<int64_t> recent;  // ring of recently inserted keys, for updates
    size_t nextRecent = 0;
    int64_t firstKey = std::numeric_limits<int64_t>::max(), lastKey = std::numeric_limits<int64_t>::min();
    const double rate = o.insertsPerSecond / std::max(1, o.writers);
    double credit = 0, last = run.elapsed();
    while (run.running()) {
        double now = run.elapsed();
        bool burst = now < run.burstUntil.load();
        credit = std::min(credit + (now - last) * rate * (burst ? o.burstFactor : 1.0), rate * 0.2 + 1);
        last = now;
        if (credit < 1) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            continue;
        }
        for (; credit >= 1 && !run.stop; credit -= 1) {
            if (!recent.empty() && uniform(rng) < o.updateFraction) {
                int64_t key = recent[rng() % recent.size()];
                PartitionSet::Row changes{{"value", Value::real(level[0] + step(rng))},
                                          {"note", Value::text("corrected")}};
                int64_t before = o.onWrite ? wallUs() : 0;
                Status s = run.set.update(key, changes);
                if (s.isOk()) {
                    ++run.updated;
                    if (o.onWrite) o.onWrite({ChurnWrite::kUpdate, key, std::move(changes), before, wallUs(), 0});
                } else if (s.code() != Status::Code::kNotFound)  // deleted by retention meanwhile
                    return run.fail(s);
                continue;
            }
            int sensor = pickSensor(rng);
            level[sensor] += step(rng);
            int64_t key = run.simNowUs();
            if (uniform(rng) < o.lateFraction) key -= static_cast<int64_t>(lateness(rng));
            Value note = burst                 ? Value::text("burst")
                         : uniform(rng) < 0.02 ? Value::text("calibrating sensor " + std::to_string(sensor))
                                               : Value::null();
            PartitionSet::Row row{{"ts", Value::integer(key)},
                                  {"sensor", Value::integer(sensor)},
                                  {"value", Value::real(level[sensor])},
                                  {"note", note}};
            Status s;
            int64_t before = 0;
            for (int attempt = 0; attempt < 64; ++attempt) {
                row[0].second.i = key;
                if (o.onWrite) before = wallUs();
                s = run.set.insert(row);
                if (s.code() != Status::Code::kInvalidArgument || s.detail().find(" exists ") == std::string::npos)
                    break;
                ++run.collisions;
                ++key;
            }
            if (!s.isOk()) return run.fail(s);
            ++run.inserted;
            if (o.onWrite) o.onWrite({ChurnWrite::kInsert, key, row, before, wallUs(), 0});
            firstKey = std::min(firstKey, key);
            lastKey = std::max(lastKey, key);
            if (recent.size() < 256)
                recent.push_back(key);
            else
                recent[nextRecent++ % recent.size()] = key;
        }
    }
    std::lock_guard<std::mutex> g(run.mu);
    run.firstKey = std::min(run.firstKey, firstKey);
    run.lastKey = std::max(run.lastKey, lastKey);
}

// Bursts (every 100 ms, by chance) and retention.
void housekeeper(Run& run) {
    const ChurnOptions& o = run.o;
    std::mt19937_64 rng(o.seed * 104729 + 17);
    std::uniform_real_distribution<double> uniform(0, 1);
    double nextBurstTick = 0.1, nextRetention = o.retentionEverySeconds;
    while (run.running()) {
        run.sleepUntil(std::min(nextBurstTick, nextRetention));
        if (!run.running()) break;
        double now = run.elapsed();
        if (now >= nextBurstTick) {
            nextBurstTick += 0.1;
            if (now >= run.burstUntil.load() && uniform(rng) < o.burstChance) {
                run.burstUntil = now + o.burstSeconds;
                ++run.bursts;
            }
        }
        if (now >= nextRetention && o.retentionUs > 0) {
            nextRetention += std::max(0.01, o.retentionEverySeconds);
            const int64_t bound = run.simNowUs() - o.retentionUs;
            int64_t before = o.onWrite ? wallUs() : 0;
            auto n = run.set.removeBelow(bound);
            if (!n.isOk()) return run.fail(n.status());
            run.deleted += n.value();
            if (o.onWrite) o.onWrite({ChurnWrite::kRemoveBelow, bound, {}, before, wallUs(), n.value()});
        }
    }
}

void maintainer(Run& run) {
    const ChurnOptions& o = run.o;
    for (double next = o.maintainEverySeconds; run.running(); next += o.maintainEverySeconds) {
        run.sleepUntil(next);
        for (int i = 0; i < 8 && run.running(); ++i) {  // catch up: a few changes per tick at most
            auto ev = run.set.maintain(o.policy);
            if (!ev.isOk()) return run.fail(ev.status());
            if (ev->id == 0) break;
            switch (ev->kind) {
                case EventKind::kSplit:
                    ++run.splits;
                    break;
                case EventKind::kMerge:
                    ++run.merges;
                    break;
                case EventKind::kCreate:
                    ++run.creations;
                    break;
                case EventKind::kDrop:
                    ++run.drops;
                    break;
            }
        }
    }
}

}  // namespace

Result<ChurnStats> runChurn(PartitionSet& set, const ChurnOptions& options, const CancelToken* cancel) {
    if (squeezed(set.schema()) != squeezed(churnSchema()) || set.keyColumn() != "ts")
        return Status::invalidArgument("churn needs a partition set of the churn schema (" + churnSchema() +
                                       ", key ts); " + set.dir() + " has " + set.schema());
    if (options.seconds < 0 || options.insertsPerSecond <= 0 || options.timeScale <= 0)
        return Status::invalidArgument("churn: seconds, insertsPerSecond and timeScale must be positive");
    Run run(set, options, cancel);
    auto highest = set.highestKey();
    if (highest.isOk())
        run.baseUs = std::max(options.startUs, highest.value() + 1);
    else if (highest.status().code() == Status::Code::kNotFound)
        run.baseUs = options.startUs;
    else
        return highest.status();
    run.start = Clock::now();
    std::vector<std::thread> threads;
    for (int w = 0; w < std::max(1, options.writers); ++w)
        threads.emplace_back([&run, w] { run.guarded("writer", [&] { writer(run, w); }); });
    threads.emplace_back([&run] { run.guarded("housekeeper", [&] { housekeeper(run); }); });
    if (options.maintainEverySeconds > 0)
        threads.emplace_back([&run] { run.guarded("maintenance", [&] { maintainer(run); }); });
    for (auto& t : threads) t.join();
    if (!run.error.isOk()) return run.error;
    if (cancel && cancel->isCancelled()) return Status::cancelled("churn cancelled");
    ChurnStats s;
    s.inserted = run.inserted;
    s.updated = run.updated;
    s.deleted = run.deleted;
    s.collisions = run.collisions;
    s.bursts = run.bursts;
    s.splits = run.splits;
    s.merges = run.merges;
    s.creations = run.creations;
    s.drops = run.drops;
    s.firstKeyUs = s.inserted ? run.firstKey : 0;
    s.lastKeyUs = s.inserted ? run.lastKey : 0;
    s.seconds = run.elapsed();
    return s;
}

}  // namespace prescient::partition
