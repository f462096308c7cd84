#include "predict/evaluate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include "predict/episodestats.h"

namespace prescient::predict {

namespace {

constexpr int kBins = 10;

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Result<std::vector<StrategyScore>> evaluateOrThrow(const std::vector<trace::Episode>& episodes,
                                                   const PageCatalog& catalog, const EvalConfig& cfg,
                                                   const std::vector<std::string>& strategies);

}  // namespace

Result<std::vector<StrategyScore>> evaluate(const std::vector<trace::Episode>& episodes, const PageCatalog& catalog,
                                            const EvalConfig& cfg, const std::vector<std::string>& strategies) {
    try {
        return evaluateOrThrow(episodes, catalog, cfg, strategies);
    } catch (const std::exception& e) {
        return Status::ioError(std::string("evaluate: ") + e.what());
    }
}

namespace {

Result<std::vector<StrategyScore>> evaluateOrThrow(const std::vector<trace::Episode>& episodes,
                                                   const PageCatalog& catalog, const EvalConfig& cfg,
                                                   const std::vector<std::string>& strategies) {
    if (episodes.size() < 2) {
        return Status::invalidArgument("need at least 2 episodes to evaluate, have " + std::to_string(episodes.size()));
    }
    if (catalog.pages.empty()) return Status::invalidArgument("cannot evaluate on an empty page catalog");
    if (!(cfg.budget > 0 && cfg.budget <= 1)) {
        return Status::invalidArgument("budget must be in (0, 1], is " + std::to_string(cfg.budget));
    }
    if (!(cfg.testShare > 0 && cfg.testShare < 1)) {
        return Status::invalidArgument("test share must be in (0, 1), is " + std::to_string(cfg.testShare));
    }
    const uint32_t pageCount = catalog.pageCount();
    const size_t topSize = std::max<size_t>(1, static_cast<size_t>(std::ceil(cfg.budget * pageCount - 1e-9)));
    const uint32_t horizon = cfg.horizon > 0 ? cfg.horizon : static_cast<uint32_t>(topSize);

    std::vector<trace::Episode> sorted = episodes;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const trace::Episode& a, const trace::Episode& b) { return a.startUs < b.startUs; });
    size_t trainCount = static_cast<size_t>(std::floor((1 - cfg.testShare) * sorted.size()));
    trainCount = std::clamp<size_t>(trainCount, 1, sorted.size() - 1);
    std::vector<trace::Episode> train(sorted.begin(), sorted.begin() + static_cast<long>(trainCount));
    std::vector<trace::Episode> test(sorted.begin() + static_cast<long>(trainCount), sorted.end());
    std::vector<detail::Prefix> testPrefixes = detail::prefixesOf(test, horizon, pageCount);

    std::vector<StrategyScore> scores;
    for (const std::string& name : strategies) {
        auto made = makeModel(name);
        if (!made.isOk()) return made.status();
        std::unique_ptr<Model> model = std::move(made).value();
        StrategyScore s;
        s.strategy = name;
        s.trainEpisodes = train.size();
        s.testEpisodes = test.size();

        auto start = std::chrono::steady_clock::now();
        TrainOptions options;
        options.horizon = horizon;
        Status st = model->train(train, catalog, options);
        if (!st.isOk()) return st.withContext("evaluate " + name);
        s.trainSeconds = secondsSince(start);
        s.modelBytes = model->save().size();

        // Confidence of every page (0 when unranked) and the top set, per distinct test profile.
        struct Ranking {
            std::vector<double> confidence;  // index pgno
            std::vector<bool> top;           // index pgno
        };
        std::map<std::string, Ranking> rankings;
        start = std::chrono::steady_clock::now();
        for (const detail::Prefix& p : testPrefixes) {
            if (rankings.count(p.profile)) continue;
            std::vector<RankedPage> ranked = model->rank(p.profile, pageCount);
            Ranking& r = rankings[p.profile];
            r.confidence.assign(static_cast<size_t>(pageCount) + 1, 0.0);
            r.top.assign(static_cast<size_t>(pageCount) + 1, false);
            for (size_t i = 0; i < ranked.size(); ++i) {
                if (ranked[i].pgno == 0 || ranked[i].pgno > pageCount) continue;
                r.confidence[ranked[i].pgno] = ranked[i].confidence;
                if (i < topSize) r.top[ranked[i].pgno] = true;
            }
        }
        s.rankSeconds = secondsSince(start);

        std::vector<double> binSum(kBins, 0), binHits(kBins, 0);
        std::vector<uint64_t> binCount(kBins, 0);
        double coverageSum = 0, precisionSum = 0, brierSum = 0;
        bool probabilistic = true;
        std::vector<bool> readWithin(static_cast<size_t>(pageCount) + 1, false);
        for (size_t e = 0; e < test.size(); ++e) {
            const detail::Prefix& p = testPrefixes[e];
            const Ranking& r = rankings[p.profile];
            std::fill(readWithin.begin(), readWithin.end(), false);
            for (uint32_t pg : p.pages) readWithin[pg] = true;
            // Coverage counts every one of the first N reads, including any of pages the catalog lacks.
            size_t firstReads = std::min<size_t>(horizon, test[e].reads.size());
            size_t covered = 0;
            for (uint32_t pg : p.seq) covered += r.top[pg] ? 1 : 0;
            coverageSum += firstReads > 0 ? static_cast<double>(covered) / firstReads : 0.0;
            size_t topRead = 0, topTotal = 0;
            double brier = 0;
            for (uint32_t pg = 1; pg <= pageCount; ++pg) {
                if (r.top[pg]) {
                    ++topTotal;
                    topRead += readWithin[pg] ? 1 : 0;
                }
                double c = r.confidence[pg];
                if (std::isnan(c)) {
                    probabilistic = false;
                    continue;
                }
                double y = readWithin[pg] ? 1.0 : 0.0;
                brier += (c - y) * (c - y);
                int b = std::clamp(static_cast<int>(c * kBins), 0, kBins - 1);
                ++binCount[b];
                binSum[b] += c;
                binHits[b] += y;
            }
            precisionSum += topTotal > 0 ? static_cast<double>(topRead) / topTotal : 0.0;
            brierSum += brier / pageCount;
        }
        const double n = static_cast<double>(test.size());
        const double nan = std::numeric_limits<double>::quiet_NaN();
        s.coverage = coverageSum / n;
        s.precision = precisionSum / n;
        s.brier = probabilistic ? brierSum / n : nan;
        for (int b = 0; b < kBins; ++b) {
            ReliabilityBin bin;
            bin.lo = static_cast<double>(b) / kBins;
            bin.hi = static_cast<double>(b + 1) / kBins;
            bin.count = binCount[b];
            bin.meanPredicted = binCount[b] ? binSum[b] / binCount[b] : nan;
            bin.observed = binCount[b] ? binHits[b] / binCount[b] : nan;
            s.reliability.push_back(bin);
        }
        scores.push_back(std::move(s));
    }
    return scores;
}

}  // namespace

}  // namespace prescient::predict
