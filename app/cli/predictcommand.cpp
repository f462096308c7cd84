// `prescient train|evaluate|predict`: the prediction engine from the command line.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "predict/service.h"

namespace prescient::cli {

namespace {

int predictUsage(const std::string& command, const std::string& msg) {
    std::fprintf(stderr, "prescient %s: %s\nRun 'prescient help' for usage.\n", command.c_str(), msg.c_str());
    return kExitUsage;
}

std::string repoFrom(const Args& args) {
    const char* env = std::getenv("PRESCIENT_REPO");
    return args.value("repo", env ? env : "");
}

std::string num(double v, const char* fmt = "%.4f") {
    if (std::isnan(v)) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

bool knownStrategy(const Args& args, std::string* err) {
    if (!args.has("strategy")) return true;
    for (const auto& s : predict::strategyNames())
        if (s == args.value("strategy")) return true;
    *err = "unknown strategy '" + args.value("strategy") + "' (sequential, hotset, frequency, markov, ranker)";
    return false;
}

bool parseBudget(const Args& args, predict::EvalConfig* cfg, std::string* err) {
    if (!args.has("budget")) return true;
    char* end = nullptr;
    double b = std::strtod(args.value("budget").c_str(), &end);
    if (!end || *end || !(b > 0 && b < 1)) {
        *err = "--budget takes a share of the pages between 0 and 1, e.g. 0.1";
        return false;
    }
    cfg->budget = b;
    return true;
}

void printScores(const predict::TrainReport& r, const predict::EvalConfig& cfg, bool json, const std::string& source) {
    if (json) {
        std::printf(
            "{\"source\": %s, \"budget\": %s, \"horizon\": %u, \"episodes\": %zu, \"traces\": %zu, "
            "\"best\": %s, \"strategies\": [",
            jsonString(source).c_str(), num(cfg.budget).c_str(), r.horizon, r.episodes, r.traces,
            jsonString(r.best).c_str());
        for (size_t i = 0; i < r.scores.size(); ++i) {
            const auto& s = r.scores[i];
            std::printf(
                "%s\n  {\"strategy\": %s, \"coverage\": %s, \"precision\": %s, \"brier\": %s, "
                "\"train_seconds\": %s, \"rank_seconds\": %s, \"model_bytes\": %zu, \"train_episodes\": %zu, "
                "\"test_episodes\": %zu, \"reliability\": [",
                i ? "," : "", jsonString(s.strategy).c_str(), num(s.coverage).c_str(), num(s.precision).c_str(),
                num(s.brier).c_str(), num(s.trainSeconds).c_str(), num(s.rankSeconds).c_str(), s.modelBytes,
                s.trainEpisodes, s.testEpisodes);
            for (size_t b = 0; b < s.reliability.size(); ++b) {
                const auto& bin = s.reliability[b];
                std::printf("%s{\"lo\": %s, \"hi\": %s, \"count\": %llu, \"predicted\": %s, \"observed\": %s}",
                            b ? ", " : "", num(bin.lo, "%.2f").c_str(), num(bin.hi, "%.2f").c_str(),
                            static_cast<unsigned long long>(bin.count), num(bin.meanPredicted).c_str(),
                            num(bin.observed).c_str());
            }
            std::printf("]}");
        }
        std::printf("\n]}\n");
        return;
    }
    std::printf(
        "%s: %zu episodes from %zu trace(s); budget %.0f%% of pages, first %u reads; %zu train / %zu test "
        "episodes (temporal split)\n",
        source.c_str(), r.episodes, r.traces, 100 * cfg.budget, r.horizon,
        r.scores.empty() ? 0 : r.scores[0].trainEpisodes, r.scores.empty() ? 0 : r.scores[0].testEpisodes);
    std::printf("%-11s %9s %10s %8s %9s %9s %10s\n", "STRATEGY", "COVERAGE", "PRECISION", "BRIER", "TRAIN", "RANK",
                "MODEL");
    for (const auto& s : r.scores)
        std::printf("%-11s %8.1f%% %9.1f%% %8s %8.3fs %8.3fs %10s%s\n", s.strategy.c_str(), 100 * s.coverage,
                    100 * s.precision, std::isnan(s.brier) ? "-" : num(s.brier, "%.4f").c_str(), s.trainSeconds,
                    s.rankSeconds, humanBytes(s.modelBytes).c_str(), s.strategy == r.best ? "  <- best" : "");
}

}  // namespace

int cmdEvaluate(const Argv& argv) {
    Args args;
    std::string err;
    if (!args.parse(argv, {"repo", "source", "budget", "strategy"}, {"json"}, &err))
        return predictUsage("evaluate", err);
    std::string repoDir = repoFrom(args);
    if (repoDir.empty()) return predictUsage("evaluate", "no repository: give --repo DIR or set PRESCIENT_REPO");
    if (!knownStrategy(args, &err)) return predictUsage("evaluate", err);
    if (!args.has("source")) return predictUsage("evaluate", "needs --source DB");
    predict::EvalConfig cfg;
    if (!parseBudget(args, &cfg, &err)) return predictUsage("evaluate", err);
    auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
    if (!repo.isOk()) return reportError(repo.status());
    std::string source = absolutePath(args.value("source"));
    std::vector<std::string> strategies;
    if (args.has("strategy")) strategies.push_back(args.value("strategy"));
    auto report = predict::evaluateSource(*repo.value(), source, strategies, cfg);
    if (!report.isOk()) return reportError(report.status());
    printScores(report.value(), cfg, args.has("json"), source);
    return kExitOk;
}

int cmdTrain(const Argv& argv) {
    Args args;
    std::string err;
    if (!args.parse(argv, {"repo", "source", "budget", "strategy"}, {"json"}, &err)) return predictUsage("train", err);
    std::string repoDir = repoFrom(args);
    if (repoDir.empty()) return predictUsage("train", "no repository: give --repo DIR or set PRESCIENT_REPO");
    if (!knownStrategy(args, &err)) return predictUsage("train", err);
    if (!args.has("source")) return predictUsage("train", "needs --source DB");
    predict::EvalConfig cfg;
    if (!parseBudget(args, &cfg, &err)) return predictUsage("train", err);
    auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kWrite);
    if (!repo.isOk()) return reportError(repo.status());
    std::string source = absolutePath(args.value("source"));
    std::vector<std::string> strategies;
    if (args.has("strategy")) strategies.push_back(args.value("strategy"));
    JobControl job;
    job.cancel = &interruptToken();
    auto report = predict::trainSource(*repo.value(), source, strategies, cfg, job);
    if (!report.isOk()) return reportError(report.status());
    printScores(report.value(), cfg, args.has("json"), source);
    if (!args.has("json"))
        std::printf("stored %zu model(s); 'prescient predict' uses %s unless told otherwise\n", report->modelIds.size(),
                    report->best.c_str());
    return kExitOk;
}

int cmdPredict(const Argv& argv) {
    Args args;
    std::string err;
    if (!args.parse(argv, {"repo", "strategy", "profile", "top"}, {"json"}, &err)) return predictUsage("predict", err);
    std::string repoDir = repoFrom(args);
    if (repoDir.empty()) return predictUsage("predict", "no repository: give --repo DIR or set PRESCIENT_REPO");
    if (!knownStrategy(args, &err)) return predictUsage("predict", err);
    if (args.positionals().size() != 1) return predictUsage("predict", "expected one SNAPSHOT");
    size_t top = 20;
    if (args.has("top")) {
        char* end = nullptr;
        long n = std::strtol(args.value("top").c_str(), &end, 10);
        if (!end || *end || n <= 0) return predictUsage("predict", "--top takes a positive number");
        top = static_cast<size_t>(n);
    }
    auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
    if (!repo.isOk()) return reportError(repo.status());
    auto snap = repo.value()->resolveSnapshot(args.positionals()[0]);
    if (!snap.isOk()) return reportError(snap.status());
    std::string used;
    auto preds = predict::predictSnapshot(*repo.value(), snap.value(), args.value("strategy"), args.value("profile"),
                                          top, &used);
    if (!preds.isOk()) return reportError(preds.status());
    if (args.has("json")) {
        std::printf("{\"snapshot\": %s, \"strategy\": %s, \"profile\": %s, \"pages\": [", jsonString(snap->id).c_str(),
                    jsonString(used).c_str(), jsonString(args.value("profile")).c_str());
        for (size_t i = 0; i < preds->size(); ++i) {
            const auto& p = preds->at(i);
            std::printf(
                "%s\n  {\"page\": %u, \"confidence\": %s, \"expected_position\": %s, \"type\": %s, \"object\": %s}",
                i ? "," : "", p.page.pgno, num(p.page.confidence).c_str(),
                p.page.expectedPosition >= predict::kNeverRead ? "null" : num(p.page.expectedPosition, "%.1f").c_str(),
                jsonString(predict::pageTypeName(p.type)).c_str(), jsonString(p.object).c_str());
        }
        std::printf("\n]}\n");
        return kExitOk;
    }
    std::printf("snapshot %s of %s, strategy %s%s\n", snap->id.c_str(), snap->sourcePath.c_str(), used.c_str(),
                args.has("profile") ? (", profile " + args.value("profile")).c_str() : "");
    std::printf("%5s  %8s  %10s  %9s  %-15s  %s\n", "RANK", "PAGE", "CONFIDENCE", "FIRST READ", "TYPE", "OBJECT");
    for (size_t i = 0; i < preds->size(); ++i) {
        const auto& p = preds->at(i);
        std::string pos = p.page.expectedPosition >= predict::kNeverRead ? "-" : num(p.page.expectedPosition, "%.0f");
        std::printf("%5zu  %8u  %9.1f%%  %9s  %-15s  %s\n", i + 1, p.page.pgno, 100 * p.page.confidence, pos.c_str(),
                    predict::pageTypeName(p.type), p.object.c_str());
    }
    return kExitOk;
}

}  // namespace prescient::cli
