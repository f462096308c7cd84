#include "predict/service.h"

#include <charconv>
#include <atomic>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "restore/plainrestore.h"
#include "trace/tracestore.h"

namespace prescient::predict {

namespace {

int64_t nowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string number(double v) {
    if (std::isnan(v)) return "null";
    char buf[32];  // to_chars: never the process locale's decimal comma (the GUI runs under setlocale)
    auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6).ptr;
    return std::string(buf, end);
}

std::string metricsJson(const StrategyScore& s, const EvalConfig& cfg, uint32_t horizon, size_t episodes) {
    return "{\"coverage\": " + number(s.coverage) + ", \"precision\": " + number(s.precision) +
           ", \"brier\": " + number(s.brier) + ", \"budget\": " + number(cfg.budget) +
           ", \"horizon\": " + std::to_string(horizon) + ", \"train_episodes\": " + std::to_string(s.trainEpisodes) +
           ", \"test_episodes\": " + std::to_string(s.testEpisodes) + ", \"episodes\": " + std::to_string(episodes) +
           ", \"train_seconds\": " + number(s.trainSeconds) + "}";
}

// "coverage" of a stored metrics object, or -1.
double storedCoverage(const std::string& json) {
    auto pos = json.find("\"coverage\": ");
    if (pos == std::string::npos) return -1;
    double v = -1;
    std::from_chars(json.data() + pos + 12, json.data() + json.size(), v);
    return v;
}

uint32_t horizonFor(const EvalConfig& cfg, const PageCatalog& catalog) {
    if (cfg.horizon) return cfg.horizon;
    return std::max<uint32_t>(1, static_cast<uint32_t>(std::ceil(cfg.budget * catalog.pages.size())));
}

}  // namespace

const char* pageTypeName(PageType t) {
    switch (t) {
        case PageType::kTableInterior:
            return "table-interior";
        case PageType::kTableLeaf:
            return "table-leaf";
        case PageType::kIndexInterior:
            return "index-interior";
        case PageType::kIndexLeaf:
            return "index-leaf";
        case PageType::kOverflow:
            return "overflow";
        case PageType::kFreelist:
            return "freelist";
        case PageType::kPointerMap:
            return "pointer-map";
        case PageType::kLockByte:
            return "lock-byte";
        case PageType::kUnknown:
            break;
    }
    return "unknown";
}

// Distinguishes concurrent page catalogs of the same snapshot in one process (two views, a training job).
static std::atomic<uint64_t> tempCounter{0};

Result<PageCatalog> catalogForSnapshot(repo::Repository& repo, const repo::SnapshotInfo& snapshot) {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string tmp = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/prescient-pages-" +
                      std::to_string(::getpid()) + "-" + std::to_string(tempCounter.fetch_add(1)) + "-" + snapshot.id + ".db";
    restore::RestoreOptions opts;
    opts.force = true;
    opts.check = restore::StructureCheck::kNone;  // page hashes are checked; DBSTAT reads the structure anyway
    auto restored = restore::restoreSnapshot(repo, snapshot, tmp, opts);
    if (!restored.isOk()) return restored.status();
    auto catalog = describePages(tmp);
    (void)repo.env()->remove(tmp);
    return catalog;
}

Result<PageCatalog> catalogForSource(repo::Repository& repo, const std::string& sourcePath) {
    auto latest = repo.catalog().latestSnapshotOf(sourcePath);
    if (!latest.isOk()) return latest.status();
    if (latest.value()) return catalogForSnapshot(repo, *latest.value());
    if (!repo.env()->stat(sourcePath).isOk())
        return Status::notFound("source " + sourcePath + " has no snapshot and does not exist");
    return describePages(sourcePath);
}

namespace {
// Everything training needs, loaded once.
struct SourceData {
    std::vector<trace::Episode> episodes;
    PageCatalog catalog;
    size_t traces = 0;
};

Result<SourceData> loadSource(repo::Repository& repo, const std::string& source) {
    SourceData d;
    auto episodes = trace::loadEpisodes(repo.catalog(), source, nullptr, &d.traces);
    if (!episodes.isOk()) return episodes.status();
    d.episodes = std::move(episodes.value());
    auto catalog = catalogForSource(repo, source);
    if (!catalog.isOk()) return catalog.status();
    d.catalog = std::move(catalog.value());
    return d;
}

Result<TrainReport> evaluateLoaded(const SourceData& d, const std::vector<std::string>& strategies,
                                   const EvalConfig& cfg) {
    TrainReport report;
    auto scores = evaluate(d.episodes, d.catalog, cfg, strategies);
    if (!scores.isOk()) return scores.status();
    report.scores = std::move(scores.value());
    report.episodes = d.episodes.size();
    report.traces = d.traces;
    report.horizon = horizonFor(cfg, d.catalog);
    double best = -1;
    for (const auto& s : report.scores)
        if (s.coverage > best) {
            best = s.coverage;
            report.best = s.strategy;
        }
    return report;
}
}  // namespace

Result<TrainReport> evaluateSource(repo::Repository& repo, const std::string& sourceIn,
                                   std::vector<std::string> strategies, const EvalConfig& cfg) {
    if (strategies.empty()) strategies = strategyNames();
    auto data = loadSource(repo, absolutePath(sourceIn));
    if (!data.isOk()) return data.status();
    return evaluateLoaded(data.value(), strategies, cfg);
}

Result<TrainReport> trainSource(repo::Repository& repo, const std::string& sourceIn,
                                std::vector<std::string> strategies, const EvalConfig& cfg, const JobControl& job) {
    std::string source = absolutePath(sourceIn);
    if (strategies.empty()) strategies = strategyNames();
    job.report({"evaluate", 0, strategies.size(), 0});
    auto data = loadSource(repo, source);
    if (!data.isOk()) return data.status();
    auto report = evaluateLoaded(data.value(), strategies, cfg);
    if (!report.isOk()) return report.status();
    TrainOptions opts;
    opts.horizon = report->horizon;
    for (size_t i = 0; i < report->scores.size(); ++i) {
        if (job.cancelled()) return Status::cancelled("training cancelled");
        const StrategyScore& score = report->scores[i];
        auto model = makeModel(score.strategy);
        if (!model.isOk()) return model.status();
        PRESCIENT_RETURN_IF_ERROR((*model)->train(data->episodes, data->catalog, opts));
        repo::ModelRecord rec;
        rec.sourcePath = source;
        rec.strategy = score.strategy;
        rec.trainedUs = nowUs();
        rec.tracesUsed = report->traces;
        rec.metricsJson = metricsJson(score, cfg, report->horizon, report->episodes);
        auto id = repo.catalog().addModel(rec, (*model)->save());
        if (!id.isOk()) return id.status();
        report->modelIds.push_back(id.value());
        job.report({"train", i + 1, report->scores.size(), 0});
    }
    return report;
}

Result<std::vector<RankedPage>> rankForRestore(repo::Repository& repo, const repo::SnapshotInfo& snapshot,
                                               const std::string& strategy, const std::string& profile, size_t topN,
                                               std::string* usedStrategy) {
    std::string chosen = strategy;
    if (chosen.empty()) {
        auto models = repo.catalog().listModels(snapshot.sourcePath);
        if (!models.isOk()) return models.status();
        std::map<std::string, double> coverage;  // oldest first, so the newest model of a strategy wins
        for (const auto& m : models.value()) coverage[m.strategy] = storedCoverage(m.metricsJson);
        double best = -1;
        for (const auto& name : strategyNames()) {  // ties go to the simpler strategy, as in evaluateSource
            auto it = coverage.find(name);
            if (it != coverage.end() && it->second > best) {
                best = it->second;
                chosen = name;
            }
        }
    }
    if (chosen.empty())
        return Status::notFound("no trained model for " + snapshot.sourcePath + " (run 'prescient train --source " +
                                snapshot.sourcePath + "')");
    std::string data;
    auto rec = repo.catalog().latestModel(snapshot.sourcePath, chosen, &data);
    if (!rec.isOk()) return rec.status();
    if (!rec.value())
        return Status::notFound("no trained " + chosen + " model for " + snapshot.sourcePath +
                                " (run 'prescient train')");
    auto model = loadModel(chosen, data);
    if (!model.isOk()) return model.status();
    if (usedStrategy) *usedStrategy = chosen;
    std::vector<RankedPage> ranked = (*model)->rank(profile, topN);
    std::erase_if(ranked, [&](const RankedPage& r) { return r.pgno == 0 || r.pgno > snapshot.pageCount; });
    return ranked;
}

Result<std::vector<PagePrediction>> predictSnapshot(repo::Repository& repo, const repo::SnapshotInfo& snapshot,
                                                    const std::string& strategy, const std::string& profile,
                                                    size_t topN, std::string* usedStrategy) {
    std::string chosen;
    auto ranked = rankForRestore(repo, snapshot, strategy, profile, topN, &chosen);
    if (!ranked.isOk()) return ranked.status();
    auto catalog = catalogForSnapshot(repo, snapshot);
    if (!catalog.isOk()) return catalog.status();
    std::vector<PagePrediction> out;
    for (const RankedPage& r : ranked.value()) {
        if (r.pgno > catalog->pages.size()) continue;  // the database shrank since training
        PagePrediction p;
        p.page = r;
        const PageInfo& info = catalog->pages[r.pgno - 1];
        p.type = info.type;
        if (info.tree < catalog->trees.size()) p.object = catalog->trees[info.tree];
        out.push_back(std::move(p));
    }
    if (usedStrategy) *usedStrategy = chosen;
    return out;
}

}  // namespace prescient::predict
