// Held-out evaluation of prediction strategies: a temporal split of the episodes (train on the earliest,
// test on the latest), then for each test episode the strategy's ranking for that episode's profile is
// scored on its first N reads — coverage and precision at a page budget, and the calibration of the
// confidences (Brier score and a reliability table).
// Pure function: thread-safe; it trains its own models.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "predict/model.h"

namespace prescient::predict {

struct EvalConfig {
    double budget = 0.10;    // share of the pages that may be restored first (the top set)
    double testShare = 0.3;  // share of the episodes, the latest, held out for testing
    uint32_t horizon = 0;    // N; 0: budget * page count (rounded up, at least 1)
};

struct ReliabilityBin {
    double lo = 0, hi = 0;     // confidence range [lo, hi) (the last bin includes 1)
    uint64_t count = 0;        // (page, test episode) pairs whose confidence fell in the bin
    double meanPredicted = 0;  // mean confidence in the bin (NaN when empty)
    double observed = 0;       // share of those pairs whose page was read within N (NaN when empty)
};

struct StrategyScore {
    std::string strategy;
    double coverage = 0;   // share of the first N reads whose page is in the top set, mean over test episodes
    double precision = 0;  // share of the top set read within the first N reads, mean over test episodes
    double brier = 0;      // mean squared error of every page's confidence (unranked = 0); NaN without them
    std::vector<ReliabilityBin> reliability;  // 10 equal bins over [0, 1]
    double trainSeconds = 0;
    double rankSeconds = 0;  // total of the rank() calls (one per distinct test profile)
    size_t modelBytes = 0;   // size of save()
    size_t trainEpisodes = 0, testEpisodes = 0;
};

// Scores each named strategy. Episodes need not be sorted: the split is by start time. The top set is
// the ceil(budget * page count) best pages. InvalidArgument for fewer than 2 episodes ("need at least 2
// episodes to evaluate, have N"), an empty catalog, a budget or test share outside (0, 1), or an unknown
// strategy; a training failure comes back naming the strategy.
Result<std::vector<StrategyScore>> evaluate(const std::vector<trace::Episode>& episodes, const PageCatalog& catalog,
                                            const EvalConfig& cfg, const std::vector<std::string>& strategies);

}  // namespace prescient::predict
