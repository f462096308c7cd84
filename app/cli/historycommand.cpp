// `prescient restores|alerts`: the restore history and the alerts raised while restoring, from the catalog.
#include <cstdio>
#include <cstdlib>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "repo/repository.h"

namespace prescient::cli {

namespace {


// parseWithRepo, and no positional arguments.
bool parseNoPositionals(const std::string& command, const Argv& argv, std::set<std::string> valueOptions,
                        const std::set<std::string>& flags, Args* args, std::string* repoDir, int* exitCode) {
    if (!cli::parseWithRepo(command, argv, std::move(valueOptions), flags, args, repoDir, exitCode)) return false;
    if (!args->positionals().empty()) {
        *exitCode = usageError(command, "unexpected argument " + args->positionals()[0]);
        return false;
    }
    return true;
}

// A JSON number, or null for the "unknown" value (negative).
std::string jsonOptional(double v) {
    if (v < 0) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// "42 ms" under a second (times to first query are often that short), "2.50 s" above, "-" unknown.
std::string secondsText(double s) {
    if (s < 0) return "-";
    char buf[32];
    if (s < 1)
        std::snprintf(buf, sizeof buf, "%.0f ms", s * 1000);
    else
        std::snprintf(buf, sizeof buf, "%.2f s", s);
    return buf;
}

std::string percentText(double share) {
    if (share < 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
    return buf;
}

double hitRate(const repo::RestoreRecord& r) {
    uint64_t reads = r.tier1 + r.tier2 + r.tier3;
    return reads ? static_cast<double>(r.tier1 + r.tier2) / static_cast<double>(reads) : -1;
}

double durationSeconds(const repo::RestoreRecord& r) {
    return r.finishedUs ? static_cast<double>(r.finishedUs - r.startedUs) / 1e6 : -1;
}

// value/threshold in the rule's unit: shares as percentages, stalls in seconds.
std::string valueText(const repo::AlertRecord& a) {
    char buf[64];
    if (a.rule == "hit-rate" || a.rule == "precision")
        std::snprintf(buf, sizeof buf, "%.0f%%/%.0f%%", a.value * 100, a.threshold * 100);
    else if (a.rule == "stalled")
        std::snprintf(buf, sizeof buf, "%.0f s/%.0f s", a.value, a.threshold);
    else
        return "-";
    return buf;
}

}  // namespace

int cmdRestores(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseNoPositionals("restores", argv, {}, {"json"}, &args, &dir, &code)) return code;
    auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
    if (!r.isOk()) return reportError(r.status());
    auto list = r.value()->catalog().listRestores();
    if (!list.isOk()) return reportError(list.status());
    if (args.has("json")) {
        std::printf("[");
        bool first = true;
        for (const auto& x : list.value()) {
            std::printf(
                "%s\n  {\"id\": %lld, \"snapshot\": %s, \"source\": %s, \"target\": %s, \"strategy\": %s, "
                "\"started\": %s, \"finished\": %s, \"status\": %s, \"ttfq_s\": %s, \"t90_s\": %s, \"tier1\": %llu, "
                "\"tier2\": %llu, \"tier3\": %llu, \"hit_rate\": %s, \"queries\": %llu, \"pages\": %llu, "
                "\"bytes\": %llu, \"precision\": %s, \"duration_s\": %s, \"message\": %s}",
                first ? "" : ",", static_cast<long long>(x.id), jsonString(x.snapshotId).c_str(),
                jsonString(x.sourcePath).c_str(), jsonString(x.target).c_str(), jsonString(x.strategy).c_str(),
                jsonString(isoTime(x.startedUs)).c_str(),
                x.finishedUs ? jsonString(isoTime(x.finishedUs)).c_str() : "null", jsonString(x.status).c_str(),
                jsonOptional(x.ttfqSeconds).c_str(), jsonOptional(x.t90Seconds).c_str(),
                static_cast<unsigned long long>(x.tier1), static_cast<unsigned long long>(x.tier2),
                static_cast<unsigned long long>(x.tier3), jsonOptional(hitRate(x)).c_str(),
                static_cast<unsigned long long>(x.queries), static_cast<unsigned long long>(x.pages),
                static_cast<unsigned long long>(x.bytes), jsonOptional(x.precision).c_str(),
                jsonOptional(durationSeconds(x)).c_str(), jsonString(x.message).c_str());
            first = false;
        }
        std::printf("%s]\n", first ? "" : "\n");
        return kExitOk;
    }
    if (list->empty()) {
        std::printf("no restores recorded in %s\n", r.value()->dir().c_str());
        return kExitOk;
    }
    std::printf("%5s  %-19s  %-12s  %-10s  %-9s  %9s  %9s  %6s  %10s  %s\n", "ID", "STARTED", "SNAPSHOT", "STRATEGY",
                "STATUS", "TTFQ", "TO 90%", "HIT", "DURATION", "TARGET");
    for (const auto& x : list.value())
        std::printf("%5lld  %-19s  %-12s  %-10s  %-9s  %9s  %9s  %6s  %10s  %s\n", static_cast<long long>(x.id),
                    localTime(x.startedUs).c_str(), x.snapshotId.substr(0, 12).c_str(), x.strategy.c_str(),
                    x.status.c_str(), secondsText(x.ttfqSeconds).c_str(), secondsText(x.t90Seconds).c_str(),
                    percentText(hitRate(x)).c_str(), secondsText(durationSeconds(x)).c_str(), x.target.c_str());
    return kExitOk;
}

int cmdAlerts(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseNoPositionals("alerts", argv, {"ack"}, {"json"}, &args, &dir, &code)) return code;
    int64_t ackId = 0;
    if (args.has("ack")) {
        char* end = nullptr;
        std::string v = args.value("ack");
        long long id = std::strtoll(v.c_str(), &end, 10);
        if (v.empty() || !end || *end || id <= 0) return usageError("alerts", "--ack takes an alert id (a number)");
        ackId = id;
    }
    auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
    if (!r.isOk()) return reportError(r.status());
    repo::Catalog& catalog = r.value()->catalog();
    if (ackId) {
        Status s = catalog.acknowledgeAlert(ackId);
        if (!s.isOk()) return reportError(s);
        if (args.has("json"))
            std::printf("{\"acknowledged\": %lld}\n", static_cast<long long>(ackId));
        else
            std::printf("acknowledged alert %lld\n", static_cast<long long>(ackId));
        return kExitOk;
    }
    auto list = catalog.listAlerts();
    if (!list.isOk()) return reportError(list.status());
    if (args.has("json")) {
        std::printf("[");
        bool first = true;
        for (const auto& a : list.value()) {
            std::printf(
                "%s\n  {\"id\": %lld, \"time\": %s, \"restore_id\": %s, \"rule\": %s, \"severity\": %s, "
                "\"value\": %.6g, \"threshold\": %.6g, \"message\": %s, \"target\": %s, \"snapshot\": %s, "
                "\"acknowledged\": %s}",
                first ? "" : ",", static_cast<long long>(a.id), jsonString(isoTime(a.timeUs)).c_str(),
                a.restoreId ? std::to_string(a.restoreId).c_str() : "null", jsonString(a.rule).c_str(),
                jsonString(a.severity).c_str(), a.value, a.threshold, jsonString(a.message).c_str(),
                jsonString(a.target).c_str(), jsonString(a.snapshotId).c_str(), a.acknowledged ? "true" : "false");
            first = false;
        }
        std::printf("%s]\n", first ? "" : "\n");
        return kExitOk;
    }
    if (list->empty()) {
        std::printf("no alerts in %s\n", r.value()->dir().c_str());
        return kExitOk;
    }
    std::printf("%5s  %-19s  %-8s  %-12s  %-13s  %-3s  %s\n", "ID", "TIME", "SEVERITY", "RULE", "VALUE/LIMIT", "ACK",
                "MESSAGE");
    for (const auto& a : list.value())
        std::printf("%5lld  %-19s  %-8s  %-12s  %-13s  %-3s  %s\n", static_cast<long long>(a.id),
                    localTime(a.timeUs).c_str(), a.severity.c_str(), a.rule.c_str(), valueText(a).c_str(),
                    a.acknowledged ? "yes" : "no", a.message.c_str());
    return kExitOk;
}

}  // namespace prescient::cli
