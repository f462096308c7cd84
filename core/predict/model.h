// Prediction models: which pages a freshly restored database will read first, and how sure we are.
//
// A model is trained on episodes (the page reads of one connection from its open onward, with a profile
// label; see trace/trace.h) and ranks pages for a fresh episode of a given profile. A RankedPage's
// confidence is a probability — that the page is read within the first N reads (the horizon) — and is
// checked for calibration (Brier score, reliability), not only for order. Strategies: "sequential",
// "hotset" (the pg_prewarm / InnoDB buffer-pool dump baseline), "frequency", "markov" and "ranker" (a dlib
// model over per-page features). Ranking conditions on the profile when training saw it, and falls back to
// all episodes otherwise. The byte formats of save() are described in predict/README.md.
//
// Thread safety: train() must not run concurrently with anything else on the same model. After training
// (or loading) a model is immutable: rank() and save() may be called from several threads at once.
// Exceptions from dlib or the standard library never cross this API: they become a Status.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "predict/pagecatalog.h"
#include "trace/trace.h"
#include "util/status.h"

namespace prescient::predict {

// expectedPosition of a page that the model never expects to be read.
inline constexpr double kNeverRead = 1e12;

struct RankedPage {
    uint32_t pgno = 0;
    double confidence = 0;        // calibrated probability of a read within the first N reads
    double expectedPosition = 0;  // expected index (0-based) of its first read; kNeverRead when unknown
};

struct TrainOptions {
    uint32_t horizon = 0;  // N; 0 = 10% of the page count (at least 1)
};

class Model {
public:
    virtual ~Model() = default;
    virtual std::string strategy() const = 0;
    // Learns from episodes in time order. InvalidArgument when there are no episodes or the catalog is
    // empty; other failures (a dlib exception) come back as a Status naming the strategy. A model may be
    // trained again: the new training replaces the old.
    virtual Status train(const std::vector<trace::Episode>& episodes, const PageCatalog& catalog,
                         const TrainOptions& options) = 0;
    // The topN most likely pages for a fresh episode of `profile` ("" = any profile), best first (ties by
    // expected position, then page number). Fewer when the model ranks fewer pages; pages left out have
    // confidence 0. Empty before training.
    virtual std::vector<RankedPage> rank(const std::string& profile, size_t topN) const = 0;
    // The trained model as bytes for loadModel().
    virtual std::string save() const = 0;
};

// The strategy names, in the order of increasing sophistication:
// {"sequential", "hotset", "frequency", "markov", "ranker"}.
const std::vector<std::string>& strategyNames();

// A fresh, untrained model. InvalidArgument naming the strategy when it is unknown.
Result<std::unique_ptr<Model>> makeModel(const std::string& strategy);

// A model from save()'s bytes. InvalidArgument for an unknown strategy; Corruption naming the strategy
// when the bytes are not a well-formed model of that strategy.
Result<std::unique_ptr<Model>> loadModel(const std::string& strategy, const std::string& bytes);

}  // namespace prescient::predict
