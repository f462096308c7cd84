// Change Prediction Engine (DESIGN.md §2 "Partitions"): for each partition of a set, the probability that
// maintenance splits it, merges it with its right neighbour, or creates the next time partition above it
// within a horizon, with the expected time and key.
//
// Input is a History of one partition set: map snapshots over time, the event log and the write statistics
// (PartitionSet::map(), events(), stats()) and the MaintenancePolicy maintenance applies. Predictors:
//   "reactive"  the rule of TiKV, CockroachDB and HBase: a change is predicted (probability 1) only once its
//               condition holds already — a partition over the threshold, two neighbours under it, the
//               highest key at the create-ahead trigger — so it has (almost) no lead time;
//   "linear"    extrapolates each partition's row count (and the highest key) along its last 60 ticks (see
//               below: a minute with 1 s statistics buckets);
//               probability 1 when the threshold is crossed within the horizon, else 0;
//   "learned"   dlib ridge regressions of each partition's growth rate over the next horizon (and of the
//               highest key's speed), with a second regression for the spread of their errors, give a
//               Gaussian forecast of the rows (key) at now + h, hence P(split), P(merge), P(create); isotonic
//               regression on a validation slice of the training history calibrates them.
// evaluate() rolls a predictor through a held-out history and scores it (precision, recall, lead, Brier).
//
// How a History is read (all predictors and evaluate() agree):
//   - the state at time t is the latest snapshot at or before t, replayed forward: the write statistics of
//     the buckets that ended by t (rows += inserts - deletes; a bucket the snapshot was taken inside counts
//     with the share of it after the snapshot) and the events up to t (a split halves the rows, a merge
//     adds them, a creation starts empty);
//   - split unit: partition P splits when its rows exceed policy.splitRows (or its file policy.splitBytes);
//   - merge unit: adjacent P (left) and Q (right) merge when both hold fewer than policy.mergeRows rows;
//     with create-ahead on, the empty partitions above the highest non-empty one (kept ahead on purpose)
//     are not merge candidates;
//   - create unit: with policy.createAheadSpan > 0, the next partition is created once the highest key of
//     the set reaches (highest finite boundary of the map) - createAheadWhen (at most the span; half the
//     span when 0). The highest key comes from the snapshots (TimedMap::highestKey, from
//     PartitionSet::highestKey(), or their KeyStats); without it no creation is forecast;
//   - split key: the partition's median (KeyStats) moved along its recent drift until the expected split;
//     without KeyStats, the middle of its range (or of [lo, highest key] for the top partition);
//   - time windows scale with the statistics bucket width (a "tick"): rates over the last 5, 15, 60 and 240
//     ticks, the learned model's horizons 10 to 300 ticks (others are interpolated, longer ones clamped).
//
// Thread safety: History, Forecast and ForecastScore are plain values. After train() a predictor is
// immutable: forecast() may be called from several threads at once; train() must not run concurrently
// with anything else on the same predictor. No exception crosses this API (dlib's become a Status).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "partition/partitionset.h"
#include "util/status.h"

namespace prescient::partition {

// The keys present in one partition at a snapshot's time.
struct KeyStats {
    bool known = false;  // false: not measured (or the partition was empty)
    int64_t lowest = 0, median = 0, highest = 0;
};

struct TimedMap {
    int64_t timeUs = 0;
    PartitionMap map;
    std::vector<KeyStats> keys;         // optional: empty, or one per map.partitions entry, in the same order
    std::optional<int64_t> highestKey;  // optional: the set's highest key (else the highest of `keys`)
};

// What the engine learns from and forecasts on. To build one from a live set:
//   History h;
//   h.policy = policy;  h.bucketUs = options.statsBucketUs;
//   auto top = set.highestKey();            // every snapshot kept (at least the current one):
//   h.addMap(nowUs, set.map(), {}, top.isOk() ? std::optional<int64_t>(*top) : std::nullopt);
//   h.events = set.events().value();  h.stats = set.stats().value();
//   h.sort();  h.fill(10'000'000);          // snapshots every 10 s where none were taken
struct History {
    std::vector<TimedMap> maps;          // by timeUs
    std::vector<PartitionEvent> events;  // by timeUs; kDrop events are replayed but never forecast
    std::vector<WriteStats> stats;       // by bucketUs
    MaintenancePolicy policy;            // the thresholds maintenance applies
    int64_t bucketUs = 1000000;          // width of a statistics bucket (SetOptions::statsBucketUs)

    void addMap(int64_t timeUs, PartitionMap map, std::vector<KeyStats> keys = {},
                std::optional<int64_t> highestKey = std::nullopt);
    // Sorts snapshots, events and statistics by time (stable). Call after filling from unsorted sources.
    void sort();
    // ok, or InvalidArgument naming the first problem: no snapshot, bucketUs <= 0, a list out of time
    // order, a keys vector of the wrong size.
    Status validate() const;
    // Synthesizes snapshots (without keys) every `everyUs` where none exists: backwards from the first
    // snapshot to the first event or bucket (undoing events and statistics: an undone merge gives each side
    // half the rows), and forwards after every snapshot up to endUs(). Makes forecasts over long histories
    // cheap and lets a history whose only snapshot is the current map be used for training.
    // InvalidArgument when validate() fails or everyUs <= 0.
    Status fill(int64_t everyUs);
    // What was known at nowUs: snapshots and events at or before it, buckets that ended by it.
    History upTo(int64_t nowUs) const;
    // The part in [fromUs, toUs], plus the last snapshot before fromUs (the state to start from).
    History slice(int64_t fromUs, int64_t toUs) const;
    int64_t beginUs() const;  // the first snapshot's time (0 when none)
    int64_t endUs() const;    // the latest time covered: last snapshot, event or bucket end (0 when empty)
};

struct Forecast {
    int64_t partition = 0;               // split: the partition; merge: the left one; create: the current top partition
    EventKind kind = EventKind::kSplit;  // kSplit, kMerge or kCreate
    double probability = 0;              // P(the event happens within the horizon)
    double expectedSeconds = 0;          // from now until the event, should it happen within the horizon (<= horizon)
    int64_t key = 0;    // split: predicted split key (median at split time); merge: the boundary between the
                        // two; create: the highest finite boundary (the new partition starts at or above it)
    int64_t other = 0;  // merge: the right neighbour it merges with; else 0
};

class ChangePredictor {
public:
    virtual ~ChangePredictor() = default;
    virtual std::string name() const = 0;
    // Learns from a history (the baselines only validate it). InvalidArgument when the history is invalid
    // or, for "learned", too short (fewer than ~50 partition-samples); a dlib failure comes back naming the
    // predictor. Training again replaces the previous model (a failed training leaves none).
    virtual Status train(const History& history) = 0;
    // One forecast per unit at nowUs — each partition (split), each adjacent pair (merge), the top partition
    // (create) — for the kinds the policy enables, most probable first. Uses only what `history` knew at
    // nowUs (the rest is ignored), so passing a whole held-out history is the same as passing upTo(nowUs).
    // The history must be sorted (validate()). Empty when no snapshot precedes nowUs, or for "learned"
    // before a successful train().
    virtual std::vector<Forecast> forecast(const History& history, int64_t nowUs, double horizonSeconds) const = 0;
};

// {"reactive", "linear", "learned"}.
const std::vector<std::string>& predictorNames();
// A fresh predictor. InvalidArgument naming the predictor when the name is unknown.
Result<std::unique_ptr<ChangePredictor>> makePredictor(const std::string& name);

struct ReliabilityBin {
    double lo = 0, hi = 0;     // probability range [lo, hi) (the last bin includes 1)
    uint64_t count = 0;        // (step, unit) pairs whose probability fell in the bin
    double meanPredicted = 0;  // NaN when empty
    double observed = 0;       // share that happened within the horizon; NaN when empty
};

struct KindScore {
    double precision = 0;        // hits / predicted; NaN when nothing was predicted
    double recall = 0;           // caught / actual; NaN when nothing happened
    double meanLeadSeconds = 0;  // mean over caught events of event time - first positive forecast time
    uint64_t predicted = 0;      // positive forecasts (step, unit) with probability >= threshold
    uint64_t hits = 0;           // positive forecasts whose event happened within the horizon
    uint64_t actual = 0;         // events of the kind in the scored span
    uint64_t caught = 0;         // events with a positive forecast for their unit during the horizon before
};

struct ForecastScore {
    std::string predictor;
    double precision = 0, recall = 0, meanLeadSeconds = 0;  // over all kinds, as in KindScore
    double brier = 0;  // mean squared error of every unit's probability (no forecast = 0) at every step
    uint64_t predicted = 0, actual = 0, hits = 0, caught = 0;
    KindScore split, merge, create;
    double meanTimeErrorSeconds = 0;          // hits: |now + expectedSeconds - event time|, mean; NaN without hits
    double meanSplitKeyError = 0;             // split hits: |key - actual split key|, mean (in keys); NaN without any
    std::vector<ReliabilityBin> reliability;  // 10 equal bins over [0, 1]
    uint64_t steps = 0, units = 0;            // forecast times, and (step, unit) pairs scored
};

// Rolls predictor.forecast() through `heldOut` every stepSeconds, from max(fromUs, heldOut.beginUs()) while
// now + horizon <= heldOut.endUs() (the history before fromUs is context only). A forecast with probability
// >= threshold is a positive; it is a hit when that kind of event happens to its unit within the horizon
// (a split of the partition; a merge of the two partitions; any creation). Events count as actual when they
// fall in (first step + horizon, last step + horizon], so each had a full horizon of chances to be caught.
// An event is caught by the positives of its unit made while it was the unit's next event within the
// horizon; lead time = event time - the first of them.
// InvalidArgument for an invalid history, horizon or step <= 0, a threshold outside (0, 1], or a span
// shorter than one horizon.
Result<ForecastScore> evaluate(const ChangePredictor& predictor, const History& heldOut, double horizonSeconds,
                               double stepSeconds, double threshold = 0.5, int64_t fromUs = 0);

}  // namespace prescient::partition
