// The prediction engine's jobs on a repository: train the models of a source from its stored traces
// (evaluated on a temporal split first, then retrained on every episode and stored with their metrics),
// evaluate without storing, and rank a snapshot's pages with the best stored model. Used by the CLI and
// the GUI. Long-running calls take a JobControl. Thread safety: as the Repository's.
#pragma once

#include <string>
#include <vector>

#include "predict/evaluate.h"
#include "predict/model.h"
#include "repo/repository.h"
#include "util/job.h"

namespace prescient::predict {

struct TrainReport {
    std::vector<StrategyScore> scores;  // held-out evaluation, one per strategy
    std::vector<int64_t> modelIds;      // stored models, same order
    size_t episodes = 0;
    size_t traces = 0;
    uint32_t horizon = 0;
    std::string best;  // strategy with the highest held-out coverage
};

// Page types and owning trees for a source: from its latest snapshot when it has one (restored to a temp
// file), else from the live file. NotFound when neither exists.
Result<PageCatalog> catalogForSource(repo::Repository& repo, const std::string& sourcePath);
Result<PageCatalog> catalogForSnapshot(repo::Repository& repo, const repo::SnapshotInfo& snapshot);

// Evaluates `strategies` (all when empty) on the source's stored episodes.
Result<TrainReport> evaluateSource(repo::Repository& repo, const std::string& sourcePath,
                                   std::vector<std::string> strategies, const EvalConfig& cfg);
// evaluateSource, then trains each strategy on every episode and stores it with its metrics.
// The repository must be open for writing.
Result<TrainReport> trainSource(repo::Repository& repo, const std::string& sourcePath,
                                std::vector<std::string> strategies, const EvalConfig& cfg, const JobControl& job = {});

struct PagePrediction {
    RankedPage page;
    PageType type = PageType::kUnknown;
    std::string object;  // owning table or index ("" for freelist and other pages)
};

// Ranks the snapshot's pages with the stored model of `strategy` for its source ("" = the stored model
// with the best held-out coverage). NotFound when the source has no stored model (train it first).
Result<std::vector<PagePrediction>> predictSnapshot(repo::Repository& repo, const repo::SnapshotInfo& snapshot,
                                                    const std::string& strategy, const std::string& profile,
                                                    size_t topN, std::string* usedStrategy);

// The ranking alone (pages of the snapshot only), without describing the snapshot's pages: cheap enough
// to run when an instant restore starts. Same strategy choice and errors as predictSnapshot.
Result<std::vector<RankedPage>> rankForRestore(repo::Repository& repo, const repo::SnapshotInfo& snapshot,
                                               const std::string& strategy, const std::string& profile, size_t topN,
                                               std::string* usedStrategy);

// "table-leaf", "index-interior", "overflow", ...
const char* pageTypeName(PageType t);

}  // namespace prescient::predict
