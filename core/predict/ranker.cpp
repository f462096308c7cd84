// The "ranker" strategy: linear ridge regression (dlib's rr_trainer: least squares, i.e. the Brier score)
// of "read within the first N reads" on per-page features, its output turned into a probability by
// isotonic regression fitted on held-out folds (pool-adjacent-violators, interpolated between blocks).
// One of the two files of the project that include dlib headers (with partition/cpe.cpp: they are slow to compile).
#include <dlib/svm.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "predict/calibration.h"
#include "predict/markov.h"
#include "predict/modelcodec.h"
#include "predict/strategies.h"

namespace prescient::predict::detail {

namespace {

using Sample = dlib::matrix<double, 0, 1>;
using Kernel = dlib::linear_kernel<Sample>;
using Fn = dlib::decision_function<Kernel>;

// Feature layout (one float each, all roughly in [-1.5, 1.5]).
enum Feature : int {
    kFreq,                                 // share of history episodes that read the page within the first N
    kFreqLogit,                            // its smoothed logit / 8
    kRecency,                              // 1 / (1 + episodes since the last one that read it); 0 if never
    kReadByLast,                           // the most recent episode read it
    kMeanFirstPos,                         // mean first-read index / N (1 if never)
    kMinFirstPos,                          // smallest first-read index / N (1 if never)
    kTypeFirst,                            // kPageTypeCount one-hot slots for the page type
    kDepth = kTypeFirst + kPageTypeCount,  // B-tree depth / 10, at most 1
    kTreeShare,                            // share of history reads that fall in the page's B-tree
    kMarkov,                               // Markov visit probability (profile-conditioned)
    kMarkovLogit,                          // its smoothed logit / 8
    kProfileFreq,                          // kFreq over the history episodes of the same profile (kFreq when none)
    kProfileFreqLogit,                     // its smoothed logit / 8
    kProfileTrust,                         // n / (n + 5) for n history episodes of the profile
    kProfileRecency,                       // kRecency among the profile's episodes (kRecency when none)
    kFeatureCount
};

constexpr size_t kMaxExamples = 150000;
constexpr size_t kMinClassExamples = 10;  // fewer positives or negatives: fall back to profile frequency
constexpr int kCheckpoints = 4;           // Markov features are refitted this many times during training
constexpr size_t kFolds = 3;
constexpr double kLambda = 1.0;  // ridge penalty: features are O(1) and examples many, so it barely binds
constexpr int kFormatVersion = 1;
constexpr uint64_t kSeed = 0x52414e4b4552ULL;

float scaledLogit(double p) {
    double l = std::log(p / (1 - p)) / 8;
    return static_cast<float>(std::clamp(l, -1.5, 1.5));
}

Fn fitRidge(const std::vector<Sample>& x, const std::vector<double>& y) {
    dlib::rr_trainer<Kernel> trainer;
    trainer.set_lambda(kLambda);
    return trainer.train(x, y);
}

using Calibration = IsotonicCalibration;

// Per-page statistics of the episodes seen so far (the history), updated one episode at a time so that
// the features of a labelled episode only ever come from episodes before it.
class History {
public:
    History(const PageCatalog& catalog, uint32_t horizon, size_t profiles)
        : m_catalog(catalog),
          m_horizon(horizon),
          m_pages(catalog.pageCount()),
          m_count(m_pages + 1, 0),
          m_last(m_pages + 1, 0),
          m_posSum(m_pages + 1, 0),
          m_minPos(m_pages + 1, 0),
          m_profileEpisodes(profiles, 0),
          m_profileCount(profiles, std::vector<uint32_t>(m_pages + 1, 0)),
          m_profileLast(profiles, std::vector<uint32_t>(m_pages + 1, 0)),
          m_profilePosSum(profiles, std::vector<double>(m_pages + 1, 0)),
          m_treeReads(catalog.trees.size(), 0) {}

    // profile: index into the profile tables, or -1 for none.
    void add(const Prefix& p, long profile) {
        ++m_episodes;
        if (profile >= 0) ++m_profileEpisodes[profile];
        for (size_t k = 0; k < p.pages.size(); ++k) {
            uint32_t pg = p.pages[k];
            double pos = p.firstPos[k];
            m_minPos[pg] = m_count[pg] == 0 ? pos : std::min(m_minPos[pg], pos);
            ++m_count[pg];
            m_last[pg] = m_episodes;
            m_posSum[pg] += pos;
            if (profile >= 0) {
                ++m_profileCount[profile][pg];
                m_profileLast[profile][pg] = m_profileEpisodes[profile];
                m_profilePosSum[profile][pg] += pos;
            }
        }
        for (uint32_t pg : p.seq) {
            ++m_treeReads[m_catalog.pages[pg - 1].tree];
            ++m_totalReads;
        }
    }

    bool knows(long profile) const { return profile >= 0 && m_profileEpisodes[profile] > 0; }

    void features(uint32_t pg, long profile, const std::vector<double>& markov, uint32_t rollouts, float* f) const {
        const double n = m_episodes, horizon = m_horizon;
        const double k = m_count[pg];
        f[kFreq] = n > 0 ? static_cast<float>(k / n) : 0.f;
        f[kFreqLogit] = scaledLogit((k + 0.5) / (n + 1));
        f[kRecency] = m_last[pg] ? static_cast<float>(1.0 / (1 + m_episodes - m_last[pg])) : 0.f;
        f[kReadByLast] = m_last[pg] != 0 && m_last[pg] == m_episodes ? 1.f : 0.f;
        f[kMeanFirstPos] = k > 0 ? static_cast<float>(std::min(1.0, m_posSum[pg] / k / horizon)) : 1.f;
        f[kMinFirstPos] = k > 0 ? static_cast<float>(std::min(1.0, m_minPos[pg] / horizon)) : 1.f;
        const PageInfo& info = m_catalog.pages[pg - 1];
        for (int t = 0; t < kPageTypeCount; ++t) f[kTypeFirst + t] = static_cast<int>(info.type) == t ? 1.f : 0.f;
        f[kDepth] = static_cast<float>(std::min(1.0, info.depth / 10.0));
        f[kTreeShare] =
            info.tree != 0 && m_totalReads > 0 ? static_cast<float>(m_treeReads[info.tree] / m_totalReads) : 0.f;
        f[kMarkov] = static_cast<float>(markov[pg]);
        f[kMarkovLogit] = scaledLogit((markov[pg] * rollouts + 0.5) / (rollouts + 1.0));
        if (knows(profile)) {
            const double np = m_profileEpisodes[profile], kp = m_profileCount[profile][pg];
            const uint32_t last = m_profileLast[profile][pg];
            f[kProfileFreq] = static_cast<float>(kp / np);
            f[kProfileFreqLogit] = scaledLogit((kp + 0.5) / (np + 1));
            f[kProfileTrust] = static_cast<float>(np / (np + 5));
            f[kProfileRecency] = last ? static_cast<float>(1.0 / (1 + m_profileEpisodes[profile] - last)) : 0.f;
        } else {
            f[kProfileFreq] = f[kFreq];
            f[kProfileFreqLogit] = f[kFreqLogit];
            f[kProfileTrust] = 0.f;
            f[kProfileRecency] = f[kRecency];
        }
    }

    // Mean first-read index of the page in the profile's episodes, else in all, else kNeverRead.
    double expectedPosition(uint32_t pg, long profile) const {
        if (knows(profile) && m_profileCount[profile][pg] > 0) {
            return m_profilePosSum[profile][pg] / m_profileCount[profile][pg];
        }
        return m_count[pg] > 0 ? m_posSum[pg] / m_count[pg] : kNeverRead;
    }

private:
    const PageCatalog& m_catalog;
    uint32_t m_horizon;
    uint32_t m_pages;
    uint32_t m_episodes = 0;
    std::vector<uint32_t> m_count, m_last;  // m_last: 1-based index of the last episode that read the page
    std::vector<double> m_posSum, m_minPos;
    std::vector<uint32_t> m_profileEpisodes;
    std::vector<std::vector<uint32_t>> m_profileCount, m_profileLast;
    std::vector<std::vector<double>> m_profilePosSum;
    std::vector<double> m_treeReads;
    double m_totalReads = 0;
};

// Markov visit probabilities per profile for the chain fitted on prefixes[0, end), computed on demand.
class MarkovFeature {
public:
    MarkovFeature(const std::vector<Prefix>& prefixes, const std::vector<long>& profileOf, uint32_t pageCount,
                  uint32_t rollouts)
        : m_prefixes(prefixes), m_profileOf(profileOf), m_pageCount(pageCount), m_rollouts(rollouts) {}

    void reset(size_t end) {
        m_end = end;
        m_cache.clear();
    }
    uint32_t rollouts() const { return m_rollouts; }

    // The visits for `profile` when the history holds some of its episodes, else for all episodes.
    const std::vector<double>& visits(long profile) {
        std::vector<size_t> members;
        for (size_t i = 0; i < m_end; ++i) {
            if (profile < 0 || m_profileOf[i] == profile) members.push_back(i);
        }
        if (members.empty()) profile = -1;
        auto it = m_cache.find(profile);
        if (it != m_cache.end()) return it->second;
        if (profile < 0) {
            members.clear();
            for (size_t i = 0; i < m_end; ++i) members.push_back(i);
        }
        MarkovChain chain;
        chain.fit(m_prefixes, members, 1, m_pageCount);
        return m_cache[profile] = chain.rollout(m_rollouts, kSeed + static_cast<uint64_t>(profile + 1)).probability;
    }

private:
    const std::vector<Prefix>& m_prefixes;
    const std::vector<long>& m_profileOf;
    uint32_t m_pageCount;
    uint32_t m_rollouts;
    size_t m_end = 0;
    std::map<long, std::vector<double>> m_cache;
};

class RankerModel : public Model {
public:
    std::string strategy() const override { return "ranker"; }

    Status train(const std::vector<trace::Episode>& episodes, const PageCatalog& catalog,
                 const TrainOptions& options) override {
        if (episodes.empty()) return Status::invalidArgument("ranker: no episodes to train on");
        if (catalog.pages.empty()) return Status::invalidArgument("ranker: the page catalog is empty");
        try {
            trainModel(episodes, catalog, options);
        } catch (const std::exception& e) {
            m_features.clear();
            m_profiles.clear();
            m_expected.clear();
            return Status::ioError(std::string("ranker: training failed: ") + e.what());
        }
        return Status::ok();
    }

    std::vector<RankedPage> rank(const std::string& profile, size_t topN) const override {
        if (m_profiles.empty()) return {};
        size_t table = 0;
        for (size_t i = 1; i < m_profiles.size(); ++i) {
            if (m_profiles[i] == profile) table = i;
        }
        const std::vector<float>& features = m_features[table];
        std::vector<RankedPage> ranked(m_pageCount);
        Sample x(kFeatureCount);
        for (uint32_t pg = 1; pg <= m_pageCount; ++pg) {
            const float* f = &features[static_cast<size_t>(pg - 1) * kFeatureCount];
            double p;
            if (m_constant) {
                p = f[kProfileFreq];
            } else {
                for (long j = 0; j < kFeatureCount; ++j) x(j) = f[j];
                p = m_calibration.apply(m_fn(x), 0);
            }
            ranked[pg - 1] = RankedPage{pg, std::clamp(p, 0.0, 1.0), m_expected[table][pg - 1]};
        }
        sortRanked(&ranked);
        if (ranked.size() > topN) ranked.resize(topN);
        return ranked;
    }

    std::string save() const override {
        std::ostringstream out(std::ios::binary);
        dlib::serialize(kFormatVersion, out);
        dlib::serialize(m_pageCount, out);
        dlib::serialize(m_horizon, out);
        dlib::serialize(m_constant, out);
        dlib::serialize(m_fn, out);
        dlib::serialize(m_calibration.x, out);
        dlib::serialize(m_calibration.y, out);
        dlib::serialize(m_profiles, out);
        dlib::serialize(m_features, out);
        dlib::serialize(m_expected, out);
        return wrapModel(strategy(), out.str());
    }

    Status load(const std::string& payload) {
        auto bad = [](const std::string& why) { return Status::corruption("ranker model: " + why); };
        try {
            std::istringstream in(payload, std::ios::binary);
            int version = 0;
            dlib::deserialize(version, in);
            if (version != kFormatVersion) return bad("unsupported version " + std::to_string(version));
            dlib::deserialize(m_pageCount, in);
            dlib::deserialize(m_horizon, in);
            dlib::deserialize(m_constant, in);
            dlib::deserialize(m_fn, in);
            dlib::deserialize(m_calibration.x, in);
            dlib::deserialize(m_calibration.y, in);
            dlib::deserialize(m_profiles, in);
            dlib::deserialize(m_features, in);
            dlib::deserialize(m_expected, in);
            if (in.peek() != std::char_traits<char>::eof()) return bad("trailing bytes");
        } catch (const std::exception& e) {
            return bad(e.what());
        }
        if (m_pageCount == 0 || m_profiles.empty() || !m_profiles[0].empty() ||
            m_features.size() != m_profiles.size() || m_expected.size() != m_profiles.size()) {
            return bad("inconsistent profile tables");
        }
        for (size_t i = 0; i < m_profiles.size(); ++i) {
            if (m_features[i].size() != static_cast<size_t>(m_pageCount) * kFeatureCount ||
                m_expected[i].size() != m_pageCount) {
                return bad("feature table of the wrong size");
            }
        }
        const auto& basis = m_fn.basis_vectors;
        if (!m_constant && (basis.size() != m_fn.alpha.size() || basis.size() == 0 || !m_calibration.valid())) {
            return bad("malformed decision function");
        }
        for (long i = 0; i < basis.size(); ++i) {
            if (basis(i).size() != kFeatureCount) return bad("decision function of the wrong dimension");
        }
        return Status::ok();
    }

private:
    void trainModel(const std::vector<trace::Episode>& episodes, const PageCatalog& catalog,
                    const TrainOptions& options) {
        m_pageCount = catalog.pageCount();
        m_horizon = resolveHorizon(options.horizon, m_pageCount);
        std::vector<Prefix> prefixes = prefixesOf(episodes, m_horizon, m_pageCount);

        // Profiles: index 0 = "" (any); profile id p >= 0 is m_profiles[p + 1].
        m_profiles.assign(1, "");
        std::map<std::string, long> ids;
        std::vector<long> profileOf(prefixes.size(), -1);
        for (size_t i = 0; i < prefixes.size(); ++i) {
            if (prefixes[i].profile.empty()) continue;
            auto [it, added] = ids.try_emplace(prefixes[i].profile, static_cast<long>(ids.size()));
            if (added) m_profiles.push_back(prefixes[i].profile);
            profileOf[i] = it->second;
        }

        // Examples: (page, episode t) for t >= t0, features from episodes [0, t) only, label "read within N".
        const size_t total = prefixes.size();
        const size_t t0 = std::max<size_t>(1, total / 5);
        const size_t labelled = total > t0 ? total - t0 : 0;
        const size_t perEpisode =
            labelled == 0 ? 0 : std::min<size_t>(m_pageCount, std::max<size_t>(64, kMaxExamples / labelled));
        std::vector<size_t> checkpoints;
        for (int j = 0; j < kCheckpoints; ++j) checkpoints.push_back(t0 + j * labelled / kCheckpoints);

        History history(catalog, m_horizon, ids.size());
        MarkovFeature markov(prefixes, profileOf, m_pageCount, std::max<uint32_t>(64, rolloutCount(m_horizon) / 2));
        std::vector<Sample> samples;
        std::vector<double> labels;
        size_t positives = 0;
        std::vector<uint32_t> order(m_pageCount);
        for (uint32_t i = 0; i < m_pageCount; ++i) order[i] = i + 1;
        std::vector<uint32_t> stamp(static_cast<size_t>(m_pageCount) + 1, 0);
        SplitMix rng{kSeed};
        float f[kFeatureCount];
        for (size_t t = 0; t < total; ++t) {
            if (t >= t0) {
                if (std::find(checkpoints.begin(), checkpoints.end(), t) != checkpoints.end()) markov.reset(t);
                const std::vector<double>& visits = markov.visits(profileOf[t]);
                for (uint32_t pg : prefixes[t].pages) stamp[pg] = static_cast<uint32_t>(t + 1);
                // A uniform sample of the pages (all of them when few): the base rate stays unbiased.
                for (size_t i = 0; i < perEpisode; ++i) {
                    if (perEpisode < m_pageCount) std::swap(order[i], order[i + rng() % (m_pageCount - i)]);
                    uint32_t pg = order[i];
                    history.features(pg, profileOf[t], visits, markov.rollouts(), f);
                    Sample x(kFeatureCount);
                    for (long j = 0; j < kFeatureCount; ++j) x(j) = f[j];
                    samples.push_back(std::move(x));
                    bool read = stamp[pg] == t + 1;
                    labels.push_back(read ? +1.0 : -1.0);
                    positives += read ? 1 : 0;
                }
            }
            history.add(prefixes[t], profileOf[t]);
        }

        m_constant = positives < kMinClassExamples || samples.size() - positives < kMinClassExamples;
        m_fn = Fn();
        m_calibration = Calibration();
        if (!m_constant) {
            // Held-out scores for the calibration: each contiguous fold (a stretch of time) scored by a
            // model fitted on the other folds. Then the final model on everything.
            std::vector<std::pair<double, double>> heldOut;
            heldOut.reserve(samples.size());
            for (size_t k = 0; k < kFolds; ++k) {
                size_t lo = samples.size() * k / kFolds, hi = samples.size() * (k + 1) / kFolds;
                std::vector<Sample> x;
                std::vector<double> y;
                x.reserve(samples.size() - (hi - lo));
                y.reserve(samples.size() - (hi - lo));
                for (size_t i = 0; i < samples.size(); ++i) {
                    if (i >= lo && i < hi) continue;
                    x.push_back(samples[i]);
                    y.push_back(labels[i] > 0 ? 1.0 : 0.0);
                }
                Fn fold = fitRidge(x, y);
                for (size_t i = lo; i < hi; ++i) heldOut.emplace_back(fold(samples[i]), labels[i] > 0 ? 1.0 : 0.0);
            }
            m_calibration = Calibration::fit(std::move(heldOut));
            for (double& l : labels) l = l > 0 ? 1.0 : 0.0;
            m_fn = fitRidge(samples, labels);
        }
        samples.clear();

        // The features a fresh episode sees: the whole training history, per profile.
        MarkovFeature finalMarkov(prefixes, profileOf, m_pageCount, rolloutCount(m_horizon));
        finalMarkov.reset(total);
        m_features.assign(m_profiles.size(), std::vector<float>(static_cast<size_t>(m_pageCount) * kFeatureCount));
        m_expected.assign(m_profiles.size(), std::vector<double>(m_pageCount));
        for (size_t i = 0; i < m_profiles.size(); ++i) {
            long profile = static_cast<long>(i) - 1;
            const std::vector<double>& visits = finalMarkov.visits(profile);
            for (uint32_t pg = 1; pg <= m_pageCount; ++pg) {
                history.features(pg, profile, visits, finalMarkov.rollouts(),
                                 &m_features[i][static_cast<size_t>(pg - 1) * kFeatureCount]);
                m_expected[i][pg - 1] = history.expectedPosition(pg, profile);
            }
        }
    }

    uint32_t m_pageCount = 0;
    uint32_t m_horizon = 0;
    bool m_constant = false;                     // too few examples of a class: the confidence is the profile frequency
    Fn m_fn;                                     // ridge regression score
    Calibration m_calibration;                   // score -> probability
    std::vector<std::string> m_profiles;         // [0] = "" (any profile)
    std::vector<std::vector<float>> m_features;  // per profile: pageCount x kFeatureCount
    std::vector<std::vector<double>> m_expected;  // per profile: expected first-read index per page
};

}  // namespace

std::unique_ptr<Model> newRankerModel() { return std::make_unique<RankerModel>(); }

Result<std::unique_ptr<Model>> loadRankerModel(const std::string& payload) {
    auto model = std::make_unique<RankerModel>();
    PRESCIENT_RETURN_IF_ERROR(model->load(payload));
    return std::unique_ptr<Model>(std::move(model));
}

}  // namespace prescient::predict::detail
