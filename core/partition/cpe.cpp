// Change Prediction Engine: history replay, the three predictors and their evaluation (see cpe.h).
// The only file of core/partition that includes dlib headers (they are slow to compile); dlib types never
// leave training: the fitted regressions are kept as plain weight vectors.
#include "partition/cpe.h"

#include <dlib/svm.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <tuple>
#include <unordered_map>

#include "predict/calibration.h"

namespace prescient::partition {

namespace {

constexpr double kUsPerSecond = 1e6;
constexpr size_t kNone = static_cast<size_t>(-1);

// Time windows are counted in ticks, a tick being the width of a statistics bucket (1 s by default): a set
// whose workload runs faster keeps finer statistics and gets proportionally shorter windows.
// Rate windows of a partition's write statistics (never reaching back before its last change):
constexpr int kWindows = 4;
constexpr std::array<double, kWindows> kWindowTicks = {5, 15, 60, 240};
constexpr int kW60 = 2, kW240 = 3;
// Speeds of the highest key over these windows; keys older than kKeyMaxAgeTicks are not used.
constexpr int kKeyWindows = 3;
constexpr std::array<double, kKeyWindows> kKeyWindowTicks = {15, 60, 240};
constexpr double kKeyMaxAgeTicks = 300;
constexpr double kMedianSpeedMinTicks = 5;

double seconds(int64_t us) { return static_cast<double>(us) / kUsPerSecond; }
int64_t micros(double s) { return static_cast<int64_t>(std::llround(s * kUsPerSecond)); }

struct Scale {
    double tick = 1;  // seconds
    static Scale of(const History& h) { return Scale{std::max(1e-6, seconds(h.bucketUs))}; }
    double window(int j) const { return kWindowTicks[j] * tick; }
    int64_t windowUs(int j) const { return micros(window(j)); }
    int64_t lookbackUs() const { return windowUs(kWindows - 1); }
    double keyWindow(int j) const { return kKeyWindowTicks[j] * tick; }
    int64_t keyMaxAgeUs() const { return micros(kKeyMaxAgeTicks * tick); }
};
double normalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }
double nan() { return std::numeric_limits<double>::quiet_NaN(); }

int kindIndex(EventKind k) {
    switch (k) {
        case EventKind::kSplit:
            return 0;
        case EventKind::kMerge:
            return 1;
        case EventKind::kCreate:
            return 2;
        default:
            return -1;
    }
}

// ---------------------------------------------------------------------------------------------------------
// Replay: the map at any time from the nearest snapshot, the events and the statistics.

struct Part {
    PartitionInfo info;  // info.rows is stale during a replay: `rows` is current
    double rows = 0;
    int64_t changedUs = 0;  // last change of its range that matters for rates (creation, split, merge)
};

struct Replay {
    uint64_t epoch = 0;
    std::vector<Part> parts;  // by lo
};

Replay replayOf(const TimedMap& m) {
    Replay r;
    r.epoch = m.map.epoch;
    for (const PartitionInfo& p : m.map.partitions)
        r.parts.push_back(Part{p, static_cast<double>(p.rows), p.createdUs});
    return r;
}

TimedMap snapshotOf(int64_t timeUs, const Replay& r) {
    TimedMap m;
    m.timeUs = timeUs;
    m.map.epoch = r.epoch;
    for (const Part& p : r.parts) {
        PartitionInfo info = p.info;
        info.rows = static_cast<uint64_t>(std::llround(std::max(0.0, p.rows)));
        m.map.partitions.push_back(std::move(info));
    }
    return m;
}

size_t findPart(const std::vector<Part>& parts, int64_t id) {
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].info.id == id) return i;
    }
    return kNone;
}

size_t holding(const std::vector<Part>& parts, int64_t key) {
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].info.holds(key)) return i;
    }
    return kNone;
}

void applyEvent(Replay& r, const PartitionEvent& e) {
    std::vector<Part>& p = r.parts;
    r.epoch = std::max(r.epoch, e.epochAfter);
    switch (e.kind) {
        case EventKind::kSplit: {  // the median split leaves half the rows on each side
            size_t i = findPart(p, e.partition);
            if (i == kNone || findPart(p, e.other) != kNone || !p[i].info.holds(e.key) || p[i].info.lo == e.key) {
                return;
            }
            Part y = p[i];
            y.info.id = e.other;
            y.info.file.clear();
            y.info.lo = e.key;
            y.info.createdUs = e.timeUs;
            y.rows = p[i].rows / 2;
            y.info.bytes = p[i].info.bytes / 2;
            y.changedUs = e.timeUs;
            p[i].rows -= y.rows;
            p[i].info.bytes -= y.info.bytes;
            p[i].info.hi = e.key;
            p[i].changedUs = e.timeUs;
            p.insert(p.begin() + static_cast<long>(i) + 1, std::move(y));
            return;
        }
        case EventKind::kMerge: {
            size_t a = findPart(p, e.partition), b = findPart(p, e.other);
            if (a == kNone || b == kNone || a == b) return;
            p[a].rows += p[b].rows;
            p[a].info.bytes += p[b].info.bytes;
            p[a].info.lo = std::min(p[a].info.lo, p[b].info.lo);
            p[a].info.hi = std::max(p[a].info.hi, p[b].info.hi);
            p[a].changedUs = e.timeUs;
            p.erase(p.begin() + static_cast<long>(b));
            return;
        }
        case EventKind::kCreate: {  // carved out of the top of the partition holding its lo, empty
            size_t t = holding(p, e.key);
            if (findPart(p, e.partition) != kNone || t == kNone || p[t].info.lo == e.key) return;
            Part n;
            n.info.id = e.partition;
            n.info.lo = e.key;
            n.info.hi = p[t].info.hi;
            n.info.createdUs = e.timeUs;
            n.changedUs = e.timeUs;
            p[t].info.hi = e.key;
            p.insert(p.begin() + static_cast<long>(t) + 1, std::move(n));
            return;
        }
        case EventKind::kDrop: {
            size_t i = findPart(p, e.partition);
            if (i != kNone) p.erase(p.begin() + static_cast<long>(i));
            return;
        }
    }
}

// The inverse of applyEvent, where it can be undone (a merge gives each side half the rows, the merged-away
// partition taken to be the right one as PartitionSet::merge does; a drop cannot be undone).
void undoEvent(Replay& r, const PartitionEvent& e) {
    std::vector<Part>& p = r.parts;
    if (e.epochAfter > 0) r.epoch = std::min(r.epoch, e.epochAfter - 1);
    switch (e.kind) {
        case EventKind::kSplit: {
            size_t x = findPart(p, e.partition), y = findPart(p, e.other);
            if (x == kNone || y == kNone || x == y) return;
            p[x].rows += p[y].rows;
            p[x].info.bytes += p[y].info.bytes;
            p[x].info.lo = std::min(p[x].info.lo, p[y].info.lo);
            p[x].info.hi = std::max(p[x].info.hi, p[y].info.hi);
            p.erase(p.begin() + static_cast<long>(y));
            return;
        }
        case EventKind::kMerge: {
            size_t a = findPart(p, e.partition);
            if (a == kNone || findPart(p, e.other) != kNone || !p[a].info.holds(e.key) || p[a].info.lo == e.key) {
                return;
            }
            Part b = p[a];
            b.info.id = e.other;
            b.info.file.clear();
            b.info.lo = e.key;
            b.rows = p[a].rows / 2;
            b.info.bytes = p[a].info.bytes / 2;
            p[a].rows -= b.rows;
            p[a].info.bytes -= b.info.bytes;
            p[a].info.hi = e.key;
            p.insert(p.begin() + static_cast<long>(a) + 1, std::move(b));
            return;
        }
        case EventKind::kCreate: {
            size_t n = findPart(p, e.partition);
            if (n == kNone || n == 0 || p[n - 1].info.hi != p[n].info.lo) return;
            p[n - 1].info.hi = p[n].info.hi;
            p[n - 1].rows += p[n].rows;
            p.erase(p.begin() + static_cast<long>(n));
            return;
        }
        case EventKind::kDrop:
            return;
    }
}

void applyStats(Replay& r, const WriteStats& s, double share) {
    size_t i = findPart(r.parts, s.partition);
    if (i != kNone) r.parts[i].rows += share * (static_cast<double>(s.inserts) - static_cast<double>(s.deletes));
}

size_t firstSnapshotAfter(const History& h, int64_t t) {
    return static_cast<size_t>(
        std::upper_bound(h.maps.begin(), h.maps.end(), t, [](int64_t v, const TimedMap& m) { return v < m.timeUs; }) -
        h.maps.begin());
}
size_t firstEventAfter(const History& h, int64_t t) {
    return static_cast<size_t>(std::upper_bound(h.events.begin(), h.events.end(), t,
                                                [](int64_t v, const PartitionEvent& e) { return v < e.timeUs; }) -
                               h.events.begin());
}
size_t firstBucketFrom(const History& h, int64_t t) {
    return static_cast<size_t>(std::lower_bound(h.stats.begin(), h.stats.end(), t,
                                                [](const WriteStats& s, int64_t v) { return s.bucketUs < v; }) -
                               h.stats.begin());
}

// The statistics buckets overlapping (fromUs, toUs] — with completeOnly, those that also end by toUs — are
// stats[first, last). Writes are taken to be spread evenly over a bucket: each counts with the share of its
// width inside (fromUs, toUs] (a snapshot taken inside a bucket already holds the part before it).
struct BucketRange {
    size_t first = 0, last = 0;
};
BucketRange bucketsOver(const History& h, int64_t fromUs, int64_t toUs, bool completeOnly) {
    BucketRange b;
    b.first = firstBucketFrom(h, fromUs - h.bucketUs + 1);
    b.last = b.first;
    while (b.last < h.stats.size() && h.stats[b.last].bucketUs < toUs &&
           (!completeOnly || h.stats[b.last].bucketUs + h.bucketUs <= toUs)) {
        ++b.last;
    }
    return b;
}
double shareIn(const History& h, const WriteStats& w, int64_t fromUs, int64_t toUs) {
    int64_t lo = std::max(w.bucketUs, fromUs), hi = std::min(w.bucketUs + h.bucketUs, toUs);
    return hi <= lo ? 0 : hi - lo >= h.bucketUs ? 1 : static_cast<double>(hi - lo) / static_cast<double>(h.bucketUs);
}

// Events in (fromUs, toUs] and the buckets over it, in time order: a bucket counts at its end (at toUs when
// it ends later), before an event at the same time.
void replayForward(const History& h, Replay& r, int64_t fromUs, int64_t toUs, bool completeOnly) {
    const BucketRange b = bucketsOver(h, fromUs, toUs, completeOnly);
    size_t e = firstEventAfter(h, fromUs), s = b.first;
    auto statsUntil = [&](int64_t endUs) {
        for (; s < b.last && std::min(h.stats[s].bucketUs + h.bucketUs, toUs) <= endUs; ++s) {
            applyStats(r, h.stats[s], shareIn(h, h.stats[s], fromUs, toUs));
        }
    };
    for (; e < h.events.size() && h.events[e].timeUs <= toUs; ++e) {
        statsUntil(h.events[e].timeUs);
        applyEvent(r, h.events[e]);
    }
    statsUntil(toUs);
}

// The exact mirror of replayForward(h, r, fromUs, toUs, false).
void replayBackward(const History& h, Replay& r, int64_t fromUs, int64_t toUs) {
    const BucketRange b = bucketsOver(h, fromUs, toUs, false);
    size_t s = b.last;
    size_t e0 = firstEventAfter(h, fromUs), e = firstEventAfter(h, toUs);
    auto statsAfter = [&](int64_t timeUs) {
        for (; s > b.first && std::min(h.stats[s - 1].bucketUs + h.bucketUs, toUs) > timeUs; --s) {
            applyStats(r, h.stats[s - 1], -shareIn(h, h.stats[s - 1], fromUs, toUs));
        }
    };
    for (; e > e0; --e) {
        statsAfter(h.events[e - 1].timeUs);
        undoEvent(r, h.events[e - 1]);
    }
    statsAfter(std::numeric_limits<int64_t>::min());
}

// ---------------------------------------------------------------------------------------------------------
// The state of a set at one time, as every predictor sees it.

struct PartView {
    Part part;
    std::array<double, kWindows> net{}, ins{}, del{};
    std::array<double, kWindows> span{};  // seconds each window covers (since the last change, within the data)
    bool keysKnown = false;
    KeyStats keys;  // at keysUs
    bool medianSpeedKnown = false;
    double medianSpeed = 0;  // keys per second the median moved lately
    double rate(int w) const { return span[w] > 0 ? net[w] / span[w] : 0; }
    double insertRate(int w) const { return span[w] > 0 ? ins[w] / span[w] : 0; }
    double deleteRate(int w) const { return span[w] > 0 ? del[w] / span[w] : 0; }
};

struct SetState {
    bool valid = false;
    int64_t nowUs = 0;
    Scale scale;
    std::vector<PartView> parts;  // by lo
    size_t top = 0;               // the partition holding the highest key (else the highest non-empty one)
    size_t mergeEnd = 0;          // merge candidates: parts[0, mergeEnd)
    double setInsertRate = 0;     // rows per second into the whole set over the last minute
    bool highestKnown = false;
    int64_t highestKey = 0;
    int64_t highestUs = 0;  // time of the snapshot the highest key comes from
    int64_t keysUs = 0;     // time of the snapshot the partitions' KeyStats come from
    std::array<double, kKeyWindows> keySpeed{};
    std::array<bool, kKeyWindows> keySpeedKnown{};
    int64_t lastBoundary = kMaxKey;  // the highest finite boundary; kMaxKey when none
    double highestAgeSeconds() const { return seconds(nowUs - highestUs); }
    double keysAgeSeconds() const { return seconds(nowUs - keysUs); }
};

bool splitEnabled(const MaintenancePolicy& p) { return p.splitRows > 0 || p.splitBytes > 0; }
bool mergeEnabled(const MaintenancePolicy& p) { return p.mergeRows > 0; }
bool createEnabled(const MaintenancePolicy& p) { return p.createAheadSpan > 0; }

// The latest snapshot in [notBeforeUs, atOrBeforeUs] with KeyStats (or, unless needKeys, with the highest
// key alone), or kNone.
size_t keyedSnapshot(const History& h, int64_t atOrBeforeUs, int64_t notBeforeUs, bool needKeys) {
    for (size_t i = firstSnapshotAfter(h, atOrBeforeUs); i > 0; --i) {
        const TimedMap& m = h.maps[i - 1];
        if (m.timeUs < notBeforeUs) break;
        if (!m.keys.empty() || (!needKeys && m.highestKey)) return i - 1;
    }
    return kNone;
}

bool highestOf(const TimedMap& m, int64_t* key) {
    if (m.highestKey) {
        *key = *m.highestKey;
        return true;
    }
    bool any = false;
    for (const KeyStats& k : m.keys) {
        if (k.known && (!any || k.highest > *key)) *key = k.highest;
        any = any || k.known;
    }
    return any;
}

const KeyStats* keysOf(const TimedMap& m, const PartitionInfo& p) {
    for (size_t i = 0; i < m.keys.size(); ++i) {
        const PartitionInfo& q = m.map.partitions[i];
        if (q.id == p.id && q.lo == p.lo && q.hi == p.hi) return m.keys[i].known ? &m.keys[i] : nullptr;
    }
    return nullptr;
}

SetState stateAt(const History& h, int64_t nowUs, const Scale& scale) {
    SetState s;
    s.nowUs = nowUs;
    s.scale = scale;
    size_t si = firstSnapshotAfter(h, nowUs);
    if (si == 0) return s;
    const TimedMap& snap = h.maps[si - 1];
    Replay r = replayOf(snap);
    replayForward(h, r, snap.timeUs, nowUs, true);
    for (size_t e = firstEventAfter(h, nowUs - scale.lookbackUs()); e < h.events.size() && h.events[e].timeUs <= nowUs;
         ++e) {
        const PartitionEvent& ev = h.events[e];
        for (int64_t id : {ev.partition, ev.kind == EventKind::kSplit ? ev.other : ev.partition}) {
            size_t i = findPart(r.parts, id);
            if (i != kNone && ev.kind != EventKind::kDrop)
                r.parts[i].changedUs = std::max(r.parts[i].changedUs, ev.timeUs);
        }
    }
    s.valid = true;
    std::unordered_map<int64_t, size_t> index;
    for (Part& p : r.parts) {
        index[p.info.id] = s.parts.size();
        PartView v;
        v.part = std::move(p);
        s.parts.push_back(std::move(v));
    }

    // Write rates.
    const int64_t dataStartUs = h.stats.empty() ? nowUs : h.stats.front().bucketUs;
    double setInserts = 0;
    for (size_t k = firstBucketFrom(h, nowUs - scale.lookbackUs()); k < h.stats.size(); ++k) {
        const WriteStats& w = h.stats[k];
        if (w.bucketUs + h.bucketUs > nowUs) break;
        if (w.bucketUs >= nowUs - scale.windowUs(kW60)) setInserts += static_cast<double>(w.inserts);
        auto it = index.find(w.partition);
        if (it == index.end()) continue;
        PartView& v = s.parts[it->second];
        for (int j = 0; j < kWindows; ++j) {
            if (w.bucketUs < std::max(nowUs - scale.windowUs(j), v.part.changedUs)) continue;
            v.net[j] += static_cast<double>(w.inserts) - static_cast<double>(w.deletes);
            v.ins[j] += static_cast<double>(w.inserts);
            v.del[j] += static_cast<double>(w.deletes);
        }
    }
    for (PartView& v : s.parts) {
        for (int j = 0; j < kWindows; ++j) {
            int64_t from = std::max({nowUs - scale.windowUs(j), v.part.changedUs, dataStartUs});
            v.span[j] = std::max(0.0, seconds(nowUs - from));
        }
    }
    double setSpan = std::min(scale.window(kW60), seconds(nowUs - dataStartUs));
    s.setInsertRate = setSpan > 0 ? setInserts / setSpan : 0;

    // The highest key and its speed.
    size_t hs = keyedSnapshot(h, nowUs, nowUs - scale.keyMaxAgeUs(), false);
    if (hs != kNone && highestOf(h.maps[hs], &s.highestKey)) {
        s.highestKnown = true;
        s.highestUs = h.maps[hs].timeUs;
        for (int j = 0; j < kKeyWindows; ++j) {
            int64_t at = s.highestUs - micros(scale.keyWindow(j));
            size_t old = keyedSnapshot(h, at, at - scale.keyMaxAgeUs(), false);
            int64_t oldKey = 0;
            if (old == kNone || !highestOf(h.maps[old], &oldKey)) continue;
            double dt = seconds(s.highestUs - h.maps[old].timeUs);
            if (dt < scale.keyWindow(j) / 2) continue;
            s.keySpeed[j] = (static_cast<double>(s.highestKey) - static_cast<double>(oldKey)) / dt;
            s.keySpeedKnown[j] = true;
        }
    }
    // Each partition's keys and its median's speed.
    size_t ks = keyedSnapshot(h, nowUs, nowUs - scale.keyMaxAgeUs(), true);
    if (ks != kNone) {
        const TimedMap& km = h.maps[ks];
        s.keysUs = km.timeUs;
        for (PartView& v : s.parts) {
            const KeyStats* k = keysOf(km, v.part.info);
            if (!k) continue;
            v.keysKnown = true;
            v.keys = *k;
            // The oldest keyed snapshot of the same range within the last minute.
            int64_t from = std::max(km.timeUs - scale.windowUs(kW60), v.part.changedUs);
            for (size_t i = firstSnapshotAfter(h, from - 1); i < ks; ++i) {
                const KeyStats* o = h.maps[i].keys.empty() ? nullptr : keysOf(h.maps[i], v.part.info);
                if (!o) continue;
                double dt = seconds(km.timeUs - h.maps[i].timeUs);
                if (dt >= kMedianSpeedMinTicks * scale.tick) {
                    v.medianSpeed = (static_cast<double>(k->median) - static_cast<double>(o->median)) / dt;
                    v.medianSpeedKnown = true;
                }
                break;
            }
        }
    }

    s.top = 0;
    size_t holder = kNone;
    for (size_t i = 0; i < s.parts.size(); ++i) {
        if (s.highestKnown && s.parts[i].part.info.holds(s.highestKey)) holder = i;
        if (!s.highestKnown && s.parts[i].part.rows > 0.5) holder = i;
    }
    s.top = holder == kNone ? (s.parts.empty() ? 0 : s.parts.size() - 1) : holder;
    s.mergeEnd = createEnabled(h.policy) && holder != kNone ? s.top + 1 : s.parts.size();
    for (const PartView& v : s.parts) {
        if (v.part.info.hi != kMaxKey && (s.lastBoundary == kMaxKey || v.part.info.hi > s.lastBoundary)) {
            s.lastBoundary = v.part.info.hi;
        }
    }
    return s;
}

// ---------------------------------------------------------------------------------------------------------
// Units, their outcomes, and the shared step from "rows / highest key at now + h" to forecasts.

struct Unit {
    EventKind kind;
    size_t i;  // split, create: parts[i]; merge: parts[i] and parts[i + 1]
};

std::vector<Unit> unitsOf(const SetState& s, const MaintenancePolicy& p) {
    std::vector<Unit> units;
    if (!s.valid || s.parts.empty()) return units;
    if (splitEnabled(p)) {
        for (size_t i = 0; i < s.parts.size(); ++i) units.push_back(Unit{EventKind::kSplit, i});
    }
    if (mergeEnabled(p)) {
        for (size_t i = 0; i + 1 < s.mergeEnd; ++i) units.push_back(Unit{EventKind::kMerge, i});
    }
    if (createEnabled(p) && s.lastBoundary != kMaxKey) units.push_back(Unit{EventKind::kCreate, s.parts.size() - 1});
    return units;
}

// Does a unit's event happen in (t, t + h]? Calls fn(event index) for each match, in time order.
template <typename Fn>
void forEachMatch(const History& h, EventKind kind, int64_t a, int64_t b, int64_t t, int64_t hUs, Fn fn) {
    for (size_t e = firstEventAfter(h, t); e < h.events.size() && h.events[e].timeUs <= t + hUs; ++e) {
        const PartitionEvent& ev = h.events[e];
        if (ev.kind != kind) continue;
        bool match = kind == EventKind::kCreate || (kind == EventKind::kSplit && ev.partition == a) ||
                     (kind == EventKind::kMerge &&
                      ((ev.partition == a && ev.other == b) || (ev.partition == b && ev.other == a)));
        if (match) fn(e);
    }
}

double splitThreshold(const PartView& v, const MaintenancePolicy& p) {
    double s = p.splitRows > 0 ? static_cast<double>(p.splitRows) : std::numeric_limits<double>::infinity();
    if (p.splitBytes > 0 && v.part.info.bytes > 0 && v.part.rows > 0) {
        s = std::min(s, static_cast<double>(p.splitBytes) * v.part.rows / static_cast<double>(v.part.info.bytes));
    }
    return s;
}

// As PartitionSet::maintain(): the distance is createAheadWhen (at most the span), or half the span when 0.
int64_t createTrigger(const SetState& s, const MaintenancePolicy& p) {
    const int64_t when = p.createAheadWhen > 0 ? std::min(p.createAheadWhen, p.createAheadSpan) : p.createAheadSpan / 2;
    long double t = static_cast<long double>(s.lastBoundary) - static_cast<long double>(when);
    return static_cast<int64_t>(std::max<long double>(t, static_cast<long double>(kMinKey)));
}

int64_t midpoint(int64_t lo, int64_t hi) { return lo / 2 + hi / 2 + (lo % 2 + hi % 2) / 2; }

// The median key expected after `aheadSeconds` (from the keys' snapshot), inside the partition's range.
int64_t splitKeyOf(const SetState& s, const PartView& v, double aheadSeconds, bool drift) {
    const PartitionInfo& p = v.part.info;
    long double m;
    if (v.keysKnown) {
        m = static_cast<long double>(v.keys.median);
        if (drift && v.medianSpeedKnown) m += static_cast<long double>(v.medianSpeed) * aheadSeconds;
    } else if (p.hi != kMaxKey && p.lo != kMinKey) {
        m = static_cast<long double>(midpoint(p.lo, p.hi));
    } else if (s.highestKnown && p.holds(s.highestKey) && p.lo != kMinKey) {
        m = static_cast<long double>(midpoint(p.lo, s.highestKey));
    } else {
        m = p.lo == kMinKey ? (p.hi == kMaxKey ? 0.0L : static_cast<long double>(p.hi) - 1) : p.lo;
    }
    long double lo = static_cast<long double>(p.lo) + 1, hi = static_cast<long double>(p.hi) - 1;
    if (p.hi == kMaxKey) hi = static_cast<long double>(kMaxKey) - 1;
    if (lo <= hi) m = std::clamp(m, lo, hi);
    return static_cast<int64_t>(m);
}

// A distribution of a quantity at now + h: Normal(mean, sd) (sd = 0: a point) and the speed it moves at.
struct Outlook {
    double now = 0, mean = 0, sd = 0, speed = 0;
};

double probAbove(const Outlook& o, double threshold, bool strict) {
    if (strict ? o.now > threshold : o.now >= threshold) return 1;
    if (o.sd <= 0) return (strict ? o.mean > threshold : o.mean >= threshold) ? 1 : 0;
    return normalCdf((o.mean - threshold) / o.sd);
}
double probBelow(const Outlook& o, double threshold) {
    if (o.now < threshold) return 1;
    if (o.sd <= 0) return o.mean < threshold ? 1 : 0;
    return normalCdf((threshold - o.mean) / o.sd);
}
// Seconds until the quantity reaches the threshold moving at its speed, within [0, h].
double secondsTo(const Outlook& o, double threshold, bool up, double h) {
    double gap = up ? threshold - o.now : o.now - threshold;
    if (gap <= 0) return 0;
    double v = up ? o.speed : -o.speed;
    return v > 0 ? std::min(h, gap / v) : h;
}

struct Outlooks {
    std::vector<Outlook> rows;  // per partition
    Outlook key;                // the highest key (when s.highestKnown)
    bool drift = true;          // split keys move with the median's recent speed
};

std::vector<Forecast> forecastsOf(const SetState& s, const MaintenancePolicy& p, double h, const Outlooks& o) {
    std::vector<Forecast> out;
    for (const Unit& u : unitsOf(s, p)) {
        const PartView& v = s.parts[u.i];
        Forecast f;
        f.kind = u.kind;
        f.partition = v.part.info.id;
        if (u.kind == EventKind::kSplit) {
            double threshold = splitThreshold(v, p);
            if (std::isfinite(threshold)) {
                f.probability = probAbove(o.rows[u.i], threshold, true);
                f.expectedSeconds = secondsTo(o.rows[u.i], threshold, true, h);
            } else {
                f.expectedSeconds = h;
            }
            f.key = splitKeyOf(s, v, s.keysAgeSeconds() + f.expectedSeconds, o.drift);
        } else if (u.kind == EventKind::kMerge) {
            const double m = static_cast<double>(p.mergeRows);
            const Outlook &a = o.rows[u.i], &b = o.rows[u.i + 1];
            f.other = s.parts[u.i + 1].part.info.id;
            f.key = s.parts[u.i + 1].part.info.lo;
            f.probability = probBelow(a, m) * probBelow(b, m);
            f.expectedSeconds = std::max(secondsTo(a, m, false, h), secondsTo(b, m, false, h));
        } else {
            f.key = s.lastBoundary;
            if (s.highestKnown) {
                double trigger = static_cast<double>(createTrigger(s, p));
                f.probability = probAbove(o.key, trigger, false);
                f.expectedSeconds = secondsTo(o.key, trigger, true, h);
            } else {
                f.expectedSeconds = h;
            }
        }
        f.probability = std::clamp(f.probability, 0.0, 1.0);
        out.push_back(f);
    }
    return out;
}

void sortForecasts(std::vector<Forecast>& f) {
    std::stable_sort(f.begin(), f.end(),
                     [](const Forecast& a, const Forecast& b) { return a.probability > b.probability; });
}

// ---------------------------------------------------------------------------------------------------------
// Baselines.

class ReactivePredictor : public ChangePredictor {
public:
    std::string name() const override { return "reactive"; }
    Status train(const History& history) override { return history.validate(); }
    std::vector<Forecast> forecast(const History& history, int64_t nowUs, double horizonSeconds) const override {
        SetState s = stateAt(history, nowUs, Scale::of(history));
        if (!s.valid) return {};
        Outlooks o;
        o.drift = false;
        for (const PartView& v : s.parts) o.rows.push_back(Outlook{v.part.rows, v.part.rows, 0, 0});
        double key = static_cast<double>(s.highestKey);
        o.key = Outlook{key, key, 0, 0};
        std::vector<Forecast> f = forecastsOf(s, history.policy, horizonSeconds, o);
        for (Forecast& x : f) x.expectedSeconds = x.probability > 0 ? 0 : horizonSeconds;
        sortForecasts(f);
        return f;
    }
};

class LinearPredictor : public ChangePredictor {
public:
    std::string name() const override { return "linear"; }
    Status train(const History& history) override { return history.validate(); }
    std::vector<Forecast> forecast(const History& history, int64_t nowUs, double horizonSeconds) const override {
        SetState s = stateAt(history, nowUs, Scale::of(history));
        if (!s.valid) return {};
        Outlooks o;
        for (const PartView& v : s.parts) {
            double rate = v.rate(kW60);
            o.rows.push_back(Outlook{v.part.rows, v.part.rows + rate * horizonSeconds, 0, rate});
        }
        double speed = s.keySpeedKnown[1] ? s.keySpeed[1] : 0;
        double key = static_cast<double>(s.highestKey) + speed * s.highestAgeSeconds();
        o.key = Outlook{key, key + speed * horizonSeconds, 0, speed};
        std::vector<Forecast> f = forecastsOf(s, history.policy, horizonSeconds, o);
        sortForecasts(f);
        return f;
    }
};

// ---------------------------------------------------------------------------------------------------------
// The learned predictor.

// Forecast horizons (ticks) the regressions and calibrations are fitted for; others interpolate (log h).
constexpr int kGrid = 5;
constexpr std::array<double, kGrid> kGridTicks = {10, 30, 60, 120, 300};
constexpr double kLambda = 1.0;     // ridge penalty on standardized features: barely binds
constexpr size_t kMinSamples = 50;  // fewer labelled partition-samples: history too short
constexpr size_t kMinOutcomes = 5;  // calibrate a kind only with this many positives and negatives
constexpr size_t kMaxSampleTimes = 4000;
constexpr double kValidationShare = 0.3;

void bracket(double hSeconds, const Scale& scale, int* lo, int* hi, double* a) {
    const double h = hSeconds / scale.tick;
    *lo = *hi = 0;
    *a = 0;
    if (h <= kGridTicks.front()) return;
    if (h >= kGridTicks.back()) {
        *lo = *hi = kGrid - 1;
        return;
    }
    int i = 0;
    while (h >= kGridTicks[i + 1]) ++i;
    *lo = i;
    *hi = i + 1;
    *a = std::log(h / kGridTicks[i]) / std::log(kGridTicks[i + 1] / kGridTicks[i]);
}

// Per-partition features (rates in rows per second).
enum RowFeature : int {
    kNet5,
    kNet15,
    kNet60,
    kNet240,
    kIns60,
    kDel60,
    kIns240,
    kDel240,
    kSetRate,  // the set's insert rate per partition
    kIsTop,    // holds the highest key
    kIsBottom,
    kFill,      // rows / split threshold
    kLogAge,    // log(1 + ticks since its last change)
    kCoverage,  // share of the 240 s window since its last change
    kPosition,  // index / (count - 1)
    kRowFeatureCount
};

void rowFeatures(const SetState& s, size_t i, const MaintenancePolicy& p, double* f) {
    const PartView& v = s.parts[i];
    f[kNet5] = v.rate(0);
    f[kNet15] = v.rate(1);
    f[kNet60] = v.rate(kW60);
    f[kNet240] = v.rate(kW240);
    f[kIns60] = v.insertRate(kW60);
    f[kDel60] = v.deleteRate(kW60);
    f[kIns240] = v.insertRate(kW240);
    f[kDel240] = v.deleteRate(kW240);
    f[kSetRate] = s.setInsertRate / static_cast<double>(s.parts.size());
    f[kIsTop] = i == s.top ? 1 : 0;
    f[kIsBottom] = i == 0 ? 1 : 0;
    double threshold = splitThreshold(v, p);
    f[kFill] = std::isfinite(threshold) && threshold > 0 ? v.part.rows / threshold : 0;
    f[kLogAge] = std::log1p(std::max(0.0, seconds(s.nowUs - v.part.changedUs) / s.scale.tick));
    f[kCoverage] = v.span[kW240] / s.scale.window(kW240);
    f[kPosition] = s.parts.size() > 1 ? static_cast<double>(i) / static_cast<double>(s.parts.size() - 1) : 0;
}

// Features of the highest key's speed (keys per second).
enum KeyFeature : int { kSpeed15, kSpeed60, kSpeed240, kTopIns60, kTopIns240, kSetIns, kKeyFeatureCount };

void keyFeatures(const SetState& s, double* f) {
    for (int j = 0; j < kKeyWindows; ++j) f[kSpeed15 + j] = s.keySpeedKnown[j] ? s.keySpeed[j] : 0;
    // A speed unknown over a window takes the next shorter known one.
    for (int j = 1; j < kKeyWindows; ++j) {
        if (!s.keySpeedKnown[j]) f[kSpeed15 + j] = f[kSpeed15 + j - 1];
    }
    const PartView& top = s.parts[s.top];
    f[kTopIns60] = top.insertRate(kW60);
    f[kTopIns240] = top.insertRate(kW240);
    f[kSetIns] = s.setInsertRate;
}

struct LinearFn {
    std::vector<double> w;
    double b = 0;
    double operator()(const std::vector<double>& x) const {
        double y = b;
        for (size_t j = 0; j < w.size(); ++j) y += w[j] * x[j];
        return y;
    }
};

struct Standardizer {
    std::vector<double> mean, scale;
    void fit(const std::vector<std::vector<double>>& xs, size_t dims) {
        mean.assign(dims, 0);
        scale.assign(dims, 1);
        if (xs.empty()) return;
        for (const auto& x : xs) {
            for (size_t j = 0; j < dims; ++j) mean[j] += x[j];
        }
        for (double& m : mean) m /= static_cast<double>(xs.size());
        std::vector<double> var(dims, 0);
        for (const auto& x : xs) {
            for (size_t j = 0; j < dims; ++j) var[j] += (x[j] - mean[j]) * (x[j] - mean[j]);
        }
        for (size_t j = 0; j < dims; ++j) {
            double sd = std::sqrt(var[j] / static_cast<double>(xs.size()));
            scale[j] = sd > 1e-9 ? 1 / sd : 0;  // a constant feature contributes nothing
        }
    }
    std::vector<double> operator()(const double* raw) const {
        std::vector<double> x(mean.size());
        for (size_t j = 0; j < x.size(); ++j) x[j] = (raw[j] - mean[j]) * scale[j];
        return x;
    }
};

using Sample = dlib::matrix<double, 0, 1>;
using Kernel = dlib::linear_kernel<Sample>;

LinearFn fitRidge(const std::vector<std::vector<double>>& xs, const std::vector<double>& ys) {
    std::vector<Sample> samples;
    samples.reserve(xs.size());
    for (const auto& x : xs) {
        Sample s(static_cast<long>(x.size()));
        for (size_t j = 0; j < x.size(); ++j) s(static_cast<long>(j)) = x[j];
        samples.push_back(std::move(s));
    }
    dlib::rr_trainer<Kernel> trainer;
    trainer.set_lambda(kLambda);
    dlib::decision_function<Kernel> df = trainer.train(samples, ys);
    LinearFn fn;
    fn.w.assign(xs.empty() ? 0 : xs[0].size(), 0);
    for (long i = 0; i < df.basis_vectors.size(); ++i) {
        for (size_t j = 0; j < fn.w.size(); ++j) fn.w[j] += df.alpha(i) * df.basis_vectors(i)(static_cast<long>(j));
    }
    fn.b = -df.b;
    return fn;
}

// A rate regression with a regression of its absolute error: rate ~ Normal(mean(x), (sqrt(pi/2) spread(x))^2).
struct Gaussian {
    bool trained = false;
    LinearFn mean, spread;
    double floor = 0;  // least spread (a quarter of the mean absolute error)

    static Gaussian fit(const std::vector<std::vector<double>>& xs, const std::vector<double>& ys) {
        Gaussian g;
        if (xs.size() < kMinSamples) return g;
        // Out-of-sample errors: each contiguous half (a stretch of time) predicted by the other half.
        const size_t half = xs.size() / 2;
        std::vector<double> err(xs.size());
        for (int k = 0; k < 2; ++k) {
            std::vector<std::vector<double>> x;
            std::vector<double> y;
            for (size_t i = 0; i < xs.size(); ++i) {
                if ((i < half) == (k == 0)) continue;
                x.push_back(xs[i]);
                y.push_back(ys[i]);
            }
            LinearFn fn = fitRidge(x, y);
            for (size_t i = 0; i < xs.size(); ++i) {
                if ((i < half) == (k == 0)) err[i] = std::abs(ys[i] - fn(xs[i]));
            }
        }
        double meanErr = 0;
        for (double e : err) meanErr += e;
        meanErr /= static_cast<double>(err.size());
        g.mean = fitRidge(xs, ys);
        g.spread = fitRidge(xs, err);
        g.floor = std::max(0.25 * meanErr, 1e-6);
        g.trained = true;
        return g;
    }
    double sd(const std::vector<double>& x) const {
        return std::max(spread(x), floor) * std::sqrt(std::numbers::pi / 2);
    }
};

using Calibration = predict::IsotonicCalibration;  // empty: the identity (apply(p, p))

// Prefix sums of each partition's net writes over bucket ends, for training labels.
class NetIndex {
public:
    explicit NetIndex(const History& h) {
        for (const WriteStats& s : h.stats) {
            auto& v = m_cum[s.partition];
            double prev = v.empty() ? 0 : v.back().second;
            v.emplace_back(s.bucketUs + h.bucketUs,
                           prev + static_cast<double>(s.inserts) - static_cast<double>(s.deletes));
        }
    }
    // Net rows written to the partition by buckets ending in (fromUs, toUs].
    double net(int64_t id, int64_t fromUs, int64_t toUs) const {
        auto it = m_cum.find(id);
        if (it == m_cum.end()) return 0;
        return at(it->second, toUs) - at(it->second, fromUs);
    }

private:
    static double at(const std::vector<std::pair<int64_t, double>>& v, int64_t t) {
        auto it = std::upper_bound(v.begin(), v.end(), t,
                                   [](int64_t x, const std::pair<int64_t, double>& p) { return x < p.first; });
        return it == v.begin() ? 0 : std::prev(it)->second;
    }
    std::unordered_map<int64_t, std::vector<std::pair<int64_t, double>>> m_cum;
};

// The net rows written over (t, t + h] to the range a partition held at t, following it through its splits
// (the partitions split off join it); cut short at a merge or drop touching it. Returns the rate (rows per
// second) or NaN when less than a third of the horizon could be followed.
double familyRate(const History& h, const NetIndex& index, int64_t id, int64_t t, double hSeconds) {
    const int64_t end = t + micros(hSeconds);
    std::vector<int64_t> family = {id};
    int64_t cut = end;
    for (size_t e = firstEventAfter(h, t); e < h.events.size() && h.events[e].timeUs <= end; ++e) {
        const PartitionEvent& ev = h.events[e];
        bool inA = std::find(family.begin(), family.end(), ev.partition) != family.end();
        bool inB = std::find(family.begin(), family.end(), ev.other) != family.end();
        if (ev.kind == EventKind::kSplit && inA) {
            family.push_back(ev.other);
        } else if ((ev.kind == EventKind::kMerge && (inA || inB)) || (ev.kind == EventKind::kDrop && inA)) {
            cut = ev.timeUs;
            break;
        }
    }
    double covered = seconds(cut - t);
    if (covered < hSeconds / 3 || covered <= 0) return nan();
    double net = 0;
    for (int64_t f : family) net += index.net(f, t, cut);
    return net / covered;
}

class LearnedPredictor : public ChangePredictor {
public:
    std::string name() const override { return "learned"; }

    Status train(const History& history) override {
        PRESCIENT_RETURN_IF_ERROR(history.validate());
        try {
            return trainModel(history);
        } catch (const std::exception& e) {
            m_trained = false;
            return Status::ioError(std::string("learned: training failed: ") + e.what());
        }
    }

    std::vector<Forecast> forecast(const History& history, int64_t nowUs, double horizonSeconds) const override {
        if (!m_trained || !(horizonSeconds > 0)) return {};
        try {
            return forecastImpl(history, nowUs, horizonSeconds, true);
        } catch (const std::exception&) {
            return {};
        }
    }

private:
    struct Models {
        Standardizer rowsStd, keyStd;
        std::array<Gaussian, kGrid> rows, key;
    };
    struct Samples {
        std::vector<int64_t> rowTime, keyTime;
        std::vector<std::array<double, kRowFeatureCount>> rowX;
        std::vector<std::array<double, kKeyFeatureCount>> keyX;
        std::vector<std::array<double, kGrid>> rowY, keyY;  // NaN: no label
    };

    Status trainModel(const History& h) {
        m_trained = false;
        const int64_t begin = h.beginUs(), end = h.endUs();
        m_scale = Scale::of(h);
        const int64_t first = begin + m_scale.windowUs(1);
        if (end - first < micros(grid(0)) * 3) {
            return Status::invalidArgument("learned: history too short: " + std::to_string((end - begin) / 1000) +
                                           " ms of snapshots and statistics");
        }
        const int64_t step =
            std::max<int64_t>(micros(2 * m_scale.tick), (end - first) / static_cast<int64_t>(kMaxSampleTimes));
        Samples samples = collect(h, first, end, step);
        size_t labelled = 0;
        for (const auto& y : samples.rowY) labelled += std::isnan(y[0]) ? 0 : 1;
        if (labelled < kMinSamples) {
            return Status::invalidArgument("learned: history too short: " + std::to_string(labelled) +
                                           " labelled partition samples, need " + std::to_string(kMinSamples));
        }

        // Fit on the earlier part, calibrate on the later part, then refit on everything.
        const int64_t split = first + static_cast<int64_t>((1 - kValidationShare) * static_cast<double>(end - first));
        m_models = fitModels(samples, split);
        for (auto& perKind : m_calibration) perKind.fill(Calibration());
        m_trained = true;
        calibrate(h, split, end, step);
        m_models = fitModels(samples, end);
        return Status::ok();
    }

    Samples collect(const History& h, int64_t first, int64_t end, int64_t step) const {
        Samples out;
        NetIndex index(h);
        for (int64_t t = first; t < end; t += step) {
            SetState s = stateAt(h, t, m_scale);
            if (!s.valid || s.parts.empty()) continue;
            for (size_t i = 0; i < s.parts.size(); ++i) {
                std::array<double, kRowFeatureCount> x;
                rowFeatures(s, i, h.policy, x.data());
                std::array<double, kGrid> y;
                for (int g = 0; g < kGrid; ++g) {
                    y[g] =
                        t + micros(grid(g)) <= end ? familyRate(h, index, s.parts[i].part.info.id, t, grid(g)) : nan();
                }
                out.rowTime.push_back(t);
                out.rowX.push_back(x);
                out.rowY.push_back(y);
            }
            if (!s.highestKnown) continue;
            std::array<double, kKeyFeatureCount> x;
            keyFeatures(s, x.data());
            std::array<double, kGrid> y;
            for (int g = 0; g < kGrid; ++g) {
                y[g] = nan();
                int64_t at = t + micros(grid(g));
                if (at > end) continue;
                size_t later = keyedSnapshot(h, at, at - m_scale.keyMaxAgeUs(), false);
                int64_t key = 0;
                if (later == kNone || !highestOf(h.maps[later], &key)) continue;
                double dt = seconds(h.maps[later].timeUs - s.highestUs);
                if (dt >= grid(g) / 2) {
                    y[g] = (static_cast<double>(key) - static_cast<double>(s.highestKey)) / dt;
                }
            }
            out.keyTime.push_back(t);
            out.keyX.push_back(x);
            out.keyY.push_back(y);
        }
        return out;
    }

    // Models from the samples whose label window ends by untilUs.
    Models fitModels(const Samples& s, int64_t untilUs) const {
        Models m;
        auto fitAll = [this, untilUs](const auto& times, const auto& xs, const auto& ys, size_t dims,
                                      Standardizer* standardizer, std::array<Gaussian, kGrid>* models) {
            std::vector<std::vector<double>> raw;
            for (size_t i = 0; i < xs.size(); ++i) {
                if (times[i] + micros(grid(0)) <= untilUs) raw.emplace_back(xs[i].begin(), xs[i].end());
            }
            standardizer->fit(raw, dims);
            for (int g = 0; g < kGrid; ++g) {
                std::vector<std::vector<double>> x;
                std::vector<double> y;
                for (size_t i = 0; i < xs.size(); ++i) {
                    if (std::isnan(ys[i][g]) || times[i] + micros(grid(g)) > untilUs) continue;
                    x.push_back((*standardizer)(xs[i].data()));
                    y.push_back(ys[i][g]);
                }
                (*models)[g] = Gaussian::fit(x, y);
            }
        };
        fitAll(s.rowTime, s.rowX, s.rowY, kRowFeatureCount, &m.rowsStd, &m.rows);
        fitAll(s.keyTime, s.keyX, s.keyY, kKeyFeatureCount, &m.keyStd, &m.key);
        return m;
    }

    // Isotonic calibration per kind and grid horizon from raw forecasts rolled over [fromUs, endUs).
    void calibrate(const History& h, int64_t fromUs, int64_t endUs, int64_t step) {
        std::array<std::array<Calibration, kGrid>, 3> fitted;
        for (int g = 0; g < kGrid; ++g) {
            const int64_t hUs = micros(grid(g));
            std::array<std::vector<std::pair<double, double>>, 3> points;
            for (int64_t t = fromUs; t + hUs <= endUs; t += step) {
                for (const Forecast& f : forecastImpl(h, t, grid(g), false)) {
                    int k = kindIndex(f.kind);
                    bool happened = false;
                    forEachMatch(h, f.kind, f.partition, f.other, t, hUs, [&](size_t) { happened = true; });
                    points[k].emplace_back(f.probability, happened ? 1.0 : 0.0);
                }
            }
            for (int k = 0; k < 3; ++k) {
                size_t positives = 0;
                for (const auto& p : points[k]) positives += p.second > 0 ? 1 : 0;
                if (positives >= kMinOutcomes && points[k].size() - positives >= kMinOutcomes) {
                    fitted[k][g] = Calibration::fit(std::move(points[k]));
                }
            }
        }
        m_calibration = fitted;
    }

    std::vector<Forecast> forecastImpl(const History& h, int64_t nowUs, double horizon, bool calibrated) const {
        SetState s = stateAt(h, nowUs, m_scale);
        if (!s.valid || s.parts.empty()) return {};
        int lo, hi;
        double a;
        bracket(horizon, m_scale, &lo, &hi, &a);
        auto blend = [&](const std::array<Gaussian, kGrid>& models, const std::vector<double>& x, double fallback,
                         double* mean, double* sd) {
            if (!models[lo].trained || !models[hi].trained) {
                *mean = fallback;
                *sd = 0.5 * std::abs(fallback) + 1.0 / horizon;
                return;
            }
            *mean = (1 - a) * models[lo].mean(x) + a * models[hi].mean(x);
            *sd = (1 - a) * models[lo].sd(x) + a * models[hi].sd(x);
        };
        Outlooks o;
        double raw[kRowFeatureCount];
        for (size_t i = 0; i < s.parts.size(); ++i) {
            rowFeatures(s, i, h.policy, raw);
            double rate, sd;
            blend(m_models.rows, m_models.rowsStd(raw), raw[kNet60], &rate, &sd);
            const double rows = s.parts[i].part.rows;
            o.rows.push_back(Outlook{rows, rows + rate * horizon, std::max(1.0, sd * horizon), rate});
        }
        if (s.highestKnown) {
            double rawKey[kKeyFeatureCount];
            keyFeatures(s, rawKey);
            double speed, sd;
            blend(m_models.key, m_models.keyStd(rawKey), rawKey[kSpeed60], &speed, &sd);
            const double ahead = horizon + s.highestAgeSeconds();
            const double key = static_cast<double>(s.highestKey);
            o.key = Outlook{key, key + speed * ahead, std::max(1.0, sd * ahead), speed};
        }
        std::vector<Forecast> f = forecastsOf(s, h.policy, horizon, o);
        if (calibrated) {
            for (Forecast& x : f) {
                const auto& c = m_calibration[kindIndex(x.kind)];
                x.probability = std::clamp((1 - a) * c[lo].apply(x.probability, x.probability) +
                                                a * c[hi].apply(x.probability, x.probability),
                                            0.0, 1.0);
            }
            sortForecasts(f);
        }
        return f;
    }

    double grid(int g) const { return kGridTicks[g] * m_scale.tick; }

    bool m_trained = false;
    Scale m_scale;  // of the training history
    Models m_models;
    std::array<std::array<Calibration, kGrid>, 3> m_calibration;  // [kind][grid horizon]
};

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// History.

void History::addMap(int64_t timeUs, PartitionMap map, std::vector<KeyStats> keys, std::optional<int64_t> highestKey) {
    maps.push_back(TimedMap{timeUs, std::move(map), std::move(keys), highestKey});
}

void History::sort() {
    std::stable_sort(maps.begin(), maps.end(),
                     [](const TimedMap& a, const TimedMap& b) { return a.timeUs < b.timeUs; });
    std::stable_sort(events.begin(), events.end(), [](const PartitionEvent& a, const PartitionEvent& b) {
        return std::tie(a.timeUs, a.id) < std::tie(b.timeUs, b.id);
    });
    std::stable_sort(stats.begin(), stats.end(),
                     [](const WriteStats& a, const WriteStats& b) { return a.bucketUs < b.bucketUs; });
}

Status History::validate() const {
    if (maps.empty()) return Status::invalidArgument("history: no map snapshot");
    if (bucketUs <= 0) return Status::invalidArgument("history: statistics bucket width " + std::to_string(bucketUs));
    for (size_t i = 0; i < maps.size(); ++i) {
        if (i > 0 && maps[i].timeUs < maps[i - 1].timeUs) {
            return Status::invalidArgument("history: snapshot " + std::to_string(i) + " out of time order");
        }
        if (!maps[i].keys.empty() && maps[i].keys.size() != maps[i].map.partitions.size()) {
            return Status::invalidArgument("history: snapshot " + std::to_string(i) + " has " +
                                           std::to_string(maps[i].keys.size()) + " key entries for " +
                                           std::to_string(maps[i].map.partitions.size()) + " partitions");
        }
        const auto& p = maps[i].map.partitions;
        for (size_t j = 1; j < p.size(); ++j) {
            if (p[j].lo < p[j - 1].lo) {
                return Status::invalidArgument("history: snapshot " + std::to_string(i) +
                                               ": partitions not ordered by range");
            }
        }
    }
    for (size_t i = 1; i < events.size(); ++i) {
        if (events[i].timeUs < events[i - 1].timeUs) {
            return Status::invalidArgument("history: event " + std::to_string(events[i].id) + " out of time order");
        }
    }
    for (size_t i = 1; i < stats.size(); ++i) {
        if (stats[i].bucketUs < stats[i - 1].bucketUs) {
            return Status::invalidArgument("history: statistics bucket of partition " +
                                           std::to_string(stats[i].partition) + " out of time order");
        }
    }
    return Status::ok();
}

Status History::fill(int64_t everyUs) {
    PRESCIENT_RETURN_IF_ERROR(validate());
    if (everyUs <= 0) return Status::invalidArgument("history: fill interval " + std::to_string(everyUs));
    std::vector<TimedMap> added;
    int64_t start = maps.front().timeUs;
    if (!events.empty()) start = std::min(start, events.front().timeUs);
    if (!stats.empty()) start = std::min(start, stats.front().bucketUs);
    {
        Replay r = replayOf(maps.front());
        for (int64_t t = maps.front().timeUs; t > start; t -= everyUs) {
            replayBackward(*this, r, t - everyUs, t);
            added.push_back(snapshotOf(t - everyUs, r));
        }
    }
    const int64_t end = endUs();
    for (size_t i = 0; i < maps.size(); ++i) {
        const bool last = i + 1 == maps.size();
        const int64_t next = last ? end : maps[i + 1].timeUs;
        Replay r = replayOf(maps[i]);
        for (int64_t t = maps[i].timeUs; last ? t + everyUs <= next : t + everyUs < next; t += everyUs) {
            replayForward(*this, r, t, t + everyUs, false);
            added.push_back(snapshotOf(t + everyUs, r));
        }
    }
    maps.insert(maps.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
    std::stable_sort(maps.begin(), maps.end(),
                     [](const TimedMap& a, const TimedMap& b) { return a.timeUs < b.timeUs; });
    return Status::ok();
}

History History::upTo(int64_t nowUs) const {
    History h;
    h.policy = policy;
    h.bucketUs = bucketUs;
    h.maps.assign(maps.begin(), maps.begin() + static_cast<long>(firstSnapshotAfter(*this, nowUs)));
    h.events.assign(events.begin(), events.begin() + static_cast<long>(firstEventAfter(*this, nowUs)));
    for (const WriteStats& s : stats) {
        if (s.bucketUs + bucketUs <= nowUs) h.stats.push_back(s);
    }
    return h;
}

History History::slice(int64_t fromUs, int64_t toUs) const {
    History h;
    h.policy = policy;
    h.bucketUs = bucketUs;
    size_t first = firstSnapshotAfter(*this, fromUs);
    if (first > 0) --first;  // the last snapshot at or before fromUs: the state to start from
    for (size_t i = first; i < maps.size() && maps[i].timeUs <= toUs; ++i) h.maps.push_back(maps[i]);
    const int64_t from = h.maps.empty() ? fromUs : std::min(fromUs, h.maps.front().timeUs);
    for (const PartitionEvent& e : events) {
        if (e.timeUs > from && e.timeUs <= toUs) h.events.push_back(e);
    }
    for (const WriteStats& s : stats) {
        if (s.bucketUs >= from && s.bucketUs + bucketUs <= toUs) h.stats.push_back(s);
    }
    return h;
}

int64_t History::beginUs() const { return maps.empty() ? 0 : maps.front().timeUs; }

int64_t History::endUs() const {
    int64_t end = 0;
    if (!maps.empty()) end = std::max(end, maps.back().timeUs);
    if (!events.empty()) end = std::max(end, events.back().timeUs);
    if (!stats.empty()) end = std::max(end, stats.back().bucketUs + bucketUs);
    return end;
}

// ---------------------------------------------------------------------------------------------------------
// Predictors and evaluation.

const std::vector<std::string>& predictorNames() {
    static const std::vector<std::string> names = {"reactive", "linear", "learned"};
    return names;
}

Result<std::unique_ptr<ChangePredictor>> makePredictor(const std::string& name) {
    if (name == "reactive") return std::unique_ptr<ChangePredictor>(std::make_unique<ReactivePredictor>());
    if (name == "linear") return std::unique_ptr<ChangePredictor>(std::make_unique<LinearPredictor>());
    if (name == "learned") return std::unique_ptr<ChangePredictor>(std::make_unique<LearnedPredictor>());
    return Status::invalidArgument("unknown change predictor '" + name + "' (known: reactive, linear, learned)");
}

Result<ForecastScore> evaluate(const ChangePredictor& predictor, const History& heldOut, double horizonSeconds,
                               double stepSeconds, double threshold, int64_t fromUs) {
    PRESCIENT_RETURN_IF_ERROR(heldOut.validate());
    if (!(horizonSeconds > 0) || !(stepSeconds > 0)) {
        return Status::invalidArgument("evaluate: horizon and step must be positive");
    }
    if (!(threshold > 0 && threshold <= 1)) return Status::invalidArgument("evaluate: threshold outside (0, 1]");
    const int64_t hUs = micros(horizonSeconds), stepUs = std::max<int64_t>(1, micros(stepSeconds));
    const int64_t start = std::max(fromUs, heldOut.beginUs()), end = heldOut.endUs();
    if (start + hUs > end) return Status::invalidArgument("evaluate: the held-out span is shorter than the horizon");

    ForecastScore score;
    score.predictor = predictor.name();
    std::array<KindScore*, 3> kinds = {&score.split, &score.merge, &score.create};
    std::vector<int64_t> firstPositive(heldOut.events.size(), std::numeric_limits<int64_t>::min());
    std::array<double, 10> binSum{}, binHits{};
    std::array<uint64_t, 10> binCount{};
    double brierSum = 0, timeErr = 0, keyErr = 0;
    uint64_t keyErrCount = 0;
    int64_t lastStep = start;
    for (int64_t t = start; t + hUs <= end; t += stepUs) {
        lastStep = t;
        ++score.steps;
        std::map<std::tuple<int, int64_t, int64_t>, const Forecast*> byUnit;
        std::vector<Forecast> forecasts = predictor.forecast(heldOut, t, horizonSeconds);
        for (const Forecast& f : forecasts) byUnit[{kindIndex(f.kind), f.partition, f.other}] = &f;
        SetState s = stateAt(heldOut, t, Scale::of(heldOut));
        for (const Unit& u : unitsOf(s, heldOut.policy)) {
            const int k = kindIndex(u.kind);
            const int64_t a = s.parts[u.i].part.info.id;
            const int64_t b = u.kind == EventKind::kMerge ? s.parts[u.i + 1].part.info.id : 0;
            auto it = byUnit.find({k, a, b});
            const Forecast* f = it == byUnit.end() ? nullptr : it->second;
            const double p = f ? std::clamp(f->probability, 0.0, 1.0) : 0.0;
            size_t firstMatch = kNone;
            forEachMatch(heldOut, u.kind, a, b, t, hUs, [&](size_t e) {
                if (firstMatch == kNone) firstMatch = e;
            });
            // A positive is credited to the unit's next event only (a second split of the partition, or the
            // creation after next, within the same horizon is not its lead).
            if (p >= threshold && firstMatch != kNone &&
                firstPositive[firstMatch] == std::numeric_limits<int64_t>::min()) {
                firstPositive[firstMatch] = t;
            }
            const double outcome = firstMatch != kNone ? 1 : 0;
            ++score.units;
            brierSum += (p - outcome) * (p - outcome);
            size_t bin = std::min<size_t>(9, static_cast<size_t>(p * 10));
            ++binCount[bin];
            binSum[bin] += p;
            binHits[bin] += outcome;
            if (p < threshold) continue;
            ++kinds[k]->predicted;
            if (firstMatch == kNone) continue;
            ++kinds[k]->hits;
            const PartitionEvent& e = heldOut.events[firstMatch];
            timeErr += std::abs(seconds(t - e.timeUs) + f->expectedSeconds);
            if (u.kind == EventKind::kSplit) {
                keyErr += std::abs(static_cast<double>(f->key) - static_cast<double>(e.key));
                ++keyErrCount;
            }
        }
    }

    std::array<double, 3> leadSum{};
    for (size_t e = 0; e < heldOut.events.size(); ++e) {
        const PartitionEvent& ev = heldOut.events[e];
        const int k = kindIndex(ev.kind);
        if (k < 0 || ev.timeUs <= start + hUs || ev.timeUs > lastStep + hUs) continue;
        ++kinds[k]->actual;
        if (firstPositive[e] == std::numeric_limits<int64_t>::min()) continue;
        ++kinds[k]->caught;
        leadSum[k] += seconds(ev.timeUs - firstPositive[e]);
    }
    double totalLead = 0;
    for (int k = 0; k < 3; ++k) {
        KindScore& ks = *kinds[k];
        ks.precision = ks.predicted ? static_cast<double>(ks.hits) / static_cast<double>(ks.predicted) : nan();
        ks.recall = ks.actual ? static_cast<double>(ks.caught) / static_cast<double>(ks.actual) : nan();
        ks.meanLeadSeconds = ks.caught ? leadSum[k] / static_cast<double>(ks.caught) : 0;
        score.predicted += ks.predicted;
        score.hits += ks.hits;
        score.actual += ks.actual;
        score.caught += ks.caught;
        totalLead += leadSum[k];
    }
    score.precision = score.predicted ? static_cast<double>(score.hits) / static_cast<double>(score.predicted) : nan();
    score.recall = score.actual ? static_cast<double>(score.caught) / static_cast<double>(score.actual) : nan();
    score.meanLeadSeconds = score.caught ? totalLead / static_cast<double>(score.caught) : 0;
    score.brier = score.units ? brierSum / static_cast<double>(score.units) : nan();
    score.meanTimeErrorSeconds = score.hits ? timeErr / static_cast<double>(score.hits) : nan();
    score.meanSplitKeyError = keyErrCount ? keyErr / static_cast<double>(keyErrCount) : nan();
    for (size_t b = 0; b < 10; ++b) {
        ReliabilityBin bin;
        bin.lo = static_cast<double>(b) / 10;
        bin.hi = static_cast<double>(b + 1) / 10;
        bin.count = binCount[b];
        bin.meanPredicted = binCount[b] ? binSum[b] / static_cast<double>(binCount[b]) : nan();
        bin.observed = binCount[b] ? binHits[b] / static_cast<double>(binCount[b]) : nan();
        score.reliability.push_back(bin);
    }
    return score;
}

}  // namespace prescient::partition
