#include "report/reportdata.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <set>

#include "partition/setreader.h"
#include "util/jsontext.h"

namespace prescient::report {

namespace {

int64_t nowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Locale-independent: to_chars never uses the C locale's decimal separator (a Qt application sets it).
std::string num(double v) {
    if (!std::isfinite(v)) return {};
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}
std::string num(int64_t v) { return std::to_string(v); }
std::string num(uint64_t v) { return std::to_string(v); }
// Empty (CSV) for an unknown (negative) value.
std::string opt(double v) { return v < 0 ? std::string() : num(v); }
std::string optInt(int64_t v) { return v < 0 ? std::string() : num(v); }

// ---------------------------------------------------------------------------------------------- gather

// Outcome times of a set's events by event id, read from its partmap.db; empty when the set is gone.
std::map<int64_t, int64_t> eventTimes(const std::string& setDir, int64_t sinceUs) {
    std::map<int64_t, int64_t> out;
    auto reader = partition::SetReader::open(setDir);
    if (!reader.isOk()) return out;
    auto events = reader.value()->events(sinceUs);
    if (!events.isOk()) return out;
    for (const auto& e : events.value()) out[e.id] = e.timeUs;
    return out;
}

}  // namespace

std::string isoUtc(int64_t us) {
    if (us == 0) return {};
    std::time_t t = static_cast<std::time_t>(us / 1000000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[48];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

double jsonNumber(const std::string& json, const std::string& key) {
    const std::string quoted = "\"" + key + "\"";
    size_t pos = json.find(quoted);
    if (pos == std::string::npos) return -1;
    pos += quoted.size();
    while (pos < json.size() && (json[pos] == ' ' || json[pos] == ':' || json[pos] == '\t')) ++pos;
    double v = 0;
    auto r = std::from_chars(json.data() + pos, json.data() + json.size(), v);
    if (r.ec != std::errc()) return -1;
    return v;
}

Result<ReportData> gatherReport(repo::Repository& repo, const ReportOptions& options) {
    ReportData d;
    d.repoDir = repo.dir();
    d.generatedUs = options.nowUs ? options.nowUs : nowUs();
    d.sinceUs = options.sinceUs;
    const int64_t since = options.sinceUs;
    repo::Catalog& catalog = repo.catalog();

    // Backup history lists the databases' snapshots; a partition backup's copies are its own section.
    std::set<std::string> partitionCopies;
    auto partitionBackups = catalog.listPartitionBackups();
    if (!partitionBackups.isOk()) return partitionBackups.status();
    for (const auto& b : partitionBackups.value()) {
        auto copies = catalog.listPartitionCopies(b.id);
        if (!copies.isOk()) return copies.status();
        for (const auto& c : copies.value())
            if (!c.snapshotId.empty()) partitionCopies.insert(c.snapshotId);
    }
    auto snapshots = catalog.listSnapshots();
    if (!snapshots.isOk()) return snapshots.status();
    for (const auto& s : snapshots.value())
        if (s.timeUs >= since && !partitionCopies.count(s.id)) d.backups.push_back({s, s.parent.empty()});

    auto restores = catalog.listRestores();
    if (!restores.isOk()) return restores.status();
    for (const auto& r : restores.value()) {
        if (r.startedUs < since) continue;
        RestoreRow row;
        row.record = r;
        const uint64_t reads = r.tier1 + r.tier2 + r.tier3;
        if (reads) row.hitRate = static_cast<double>(r.tier1 + r.tier2) / static_cast<double>(reads);
        if (r.finishedUs) row.elapsedSeconds = static_cast<double>(r.finishedUs - r.startedUs) / 1e6;
        d.restores.push_back(row);
        if (r.precision >= 0) {
            AccuracyPoint p;
            p.timeUs = r.startedUs;
            p.kind = "restore";
            p.sourcePath = r.sourcePath;
            p.strategy = r.strategy;
            p.recordId = r.id;
            p.precision = r.precision;
            d.accuracy.push_back(p);
        }
    }

    auto models = catalog.listModels("");
    if (!models.isOk()) return models.status();
    for (const auto& m : models.value()) {
        if (m.trainedUs < since) continue;
        AccuracyPoint p;
        p.timeUs = m.trainedUs;
        p.kind = "model";
        p.sourcePath = m.sourcePath;
        p.strategy = m.strategy;
        p.recordId = m.id;
        p.coverage = jsonNumber(m.metricsJson, "coverage");
        p.precision = jsonNumber(m.metricsJson, "precision");
        p.brier = jsonNumber(m.metricsJson, "brier");
        d.accuracy.push_back(p);
    }
    std::stable_sort(d.accuracy.begin(), d.accuracy.end(),
                     [](const AccuracyPoint& a, const AccuracyPoint& b) { return a.timeUs < b.timeUs; });

    auto backups = catalog.listPartitionBackups();
    if (!backups.isOk()) return backups.status();
    std::map<std::string, std::map<int64_t, int64_t>> eventsBySet;
    for (const auto& b : backups.value()) {
        if (b.startedUs < since) continue;
        PartitionBackupRow row;
        row.record = b;
        row.changes = static_cast<int64_t>(jsonNumber(b.figuresJson, "changes"));
        row.unpredictedChanges = static_cast<int64_t>(jsonNumber(b.figuresJson, "unpredicted_changes"));
        row.shadowsKept = static_cast<int64_t>(jsonNumber(b.figuresJson, "shadows_kept"));

        auto predictions = catalog.listPartitionPredictions(b.id);
        if (!predictions.isOk()) return predictions.status();
        auto copies = catalog.listPartitionCopies(b.id);
        if (!copies.isOk()) return copies.status();
        std::map<int64_t, std::string> shadowOf;  // prediction id -> kept / discarded
        for (const auto& c : copies.value())
            if (c.role == "shadow" && c.predictionId && shadowOf[c.predictionId] != "kept")
                shadowOf[c.predictionId] = c.kept ? "kept" : "discarded";

        const std::map<int64_t, int64_t>* times = nullptr;
        if (options.readPartitionSets) {
            auto it = eventsBySet.find(b.setDir);
            if (it == eventsBySet.end()) it = eventsBySet.emplace(b.setDir, eventTimes(b.setDir, since)).first;
            times = &it->second;
        }
        for (const auto& p : predictions.value()) {
            ForecastRow f;
            f.prediction = p;
            f.setDir = b.setDir;
            f.backupStrategy = b.strategy;
            if (p.materialized && p.eventId && times) {
                auto t = times->find(p.eventId);
                if (t != times->end()) f.actualUs = t->second;
            }
            auto s = shadowOf.find(p.id);
            if (s != shadowOf.end()) f.shadow = s->second;
            ++row.predictions;
            if (p.materialized) ++row.materialized;
            d.forecasts.push_back(std::move(f));
        }
        d.partitionBackups.push_back(std::move(row));
    }

    auto alerts = catalog.listAlerts();
    if (!alerts.isOk()) return alerts.status();
    for (const auto& a : alerts.value())
        if (a.timeUs >= since) d.alerts.push_back(a);
    std::stable_sort(d.alerts.begin(), d.alerts.end(), [](const repo::AlertRecord& a, const repo::AlertRecord& b) {
        return a.timeUs != b.timeUs ? a.timeUs < b.timeUs : a.id < b.id;
    });
    return d;
}

// ------------------------------------------------------------------------------------------------- CSV

namespace {

constexpr size_t kCsvColumns = 20;  // the widest section (restores)

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void csvLine(std::string* out, const std::string& section, const std::string& record,
             const std::vector<std::string>& fields) {
    *out += csvField(section) + "," + csvField(record);
    for (size_t i = 0; i < kCsvColumns; ++i) *out += "," + (i < fields.size() ? csvField(fields[i]) : std::string());
    *out += "\r\n";
}

}  // namespace

std::string toCsv(const ReportData& d) {
    std::string out;
    std::vector<std::string> header;
    for (size_t i = 1; i <= kCsvColumns; ++i) header.push_back("c" + std::to_string(i));
    csvLine(&out, "section", "record", header);

    csvLine(&out, "backups", "columns",
            {"time", "snapshot", "source", "type", "journal", "page_size", "pages", "size_bytes", "new_pages",
             "stored_bytes", "duration_s", "tag"});
    for (const auto& b : d.backups) {
        const auto& s = b.snapshot;
        csvLine(&out, "backups", "row",
                {isoUtc(s.timeUs), s.id, s.sourcePath, b.full ? "full" : "incremental", s.journalMode,
                 num(uint64_t{s.pageSize}), num(s.pageCount), num(s.bytesTotal), num(s.pagesNew), num(s.bytesNew),
                 num(s.seconds), s.tag});
    }

    csvLine(&out, "restores", "columns",
            {"id", "started", "finished", "snapshot", "source", "target", "strategy", "status", "ttfq_s", "t90_s",
             "hit_rate", "precision", "elapsed_s", "queries", "pages", "bytes", "tier1", "tier2", "tier3",
             "message"});
    for (const auto& row : d.restores) {
        const auto& r = row.record;
        csvLine(&out, "restores", "row",
                {num(r.id), isoUtc(r.startedUs), isoUtc(r.finishedUs), r.snapshotId, r.sourcePath, r.target,
                 r.strategy, r.status, opt(r.ttfqSeconds), opt(r.t90Seconds), opt(row.hitRate), opt(r.precision),
                 opt(row.elapsedSeconds), num(r.queries), num(r.pages), num(r.bytes), num(r.tier1), num(r.tier2),
                 num(r.tier3), r.message});
    }

    csvLine(&out, "accuracy", "columns",
            {"time", "kind", "source", "strategy", "record_id", "coverage", "precision", "brier"});
    for (const auto& p : d.accuracy)
        csvLine(&out, "accuracy", "row",
                {isoUtc(p.timeUs), p.kind, p.sourcePath, p.strategy, num(p.recordId), opt(p.coverage),
                 opt(p.precision), opt(p.brier)});

    csvLine(&out, "partition_backups", "columns",
            {"id", "set", "strategy", "status", "started", "finished", "start_epoch", "end_epoch", "predictions",
             "materialized", "changes", "unpredicted_changes", "shadows_kept"});
    for (const auto& row : d.partitionBackups) {
        const auto& b = row.record;
        csvLine(&out, "partition_backups", "row",
                {num(b.id), b.setDir, b.strategy, b.status, isoUtc(b.startedUs), isoUtc(b.finishedUs),
                 num(b.startEpoch), b.endEpoch ? num(b.endEpoch) : std::string(), num(row.predictions),
                 num(row.materialized), optInt(row.changes), optInt(row.unpredictedChanges), optInt(row.shadowsKept)});
    }

    csvLine(&out, "forecasts", "columns",
            {"backup_id", "set", "backup_strategy", "prediction_id", "made", "kind", "partition", "other",
             "probability", "expected", "split_key", "materialized", "actual", "error_s", "shadow"});
    for (const auto& f : d.forecasts) {
        const auto& p = f.prediction;
        csvLine(&out, "forecasts", "row",
                {num(p.backupId), f.setDir, f.backupStrategy, num(p.id), isoUtc(p.madeUs), p.kind, num(p.partition),
                 p.kind == "merge" ? num(p.other) : std::string(), num(p.probability), isoUtc(p.expectedUs),
                 p.kind == "split" ? num(p.splitKey) : std::string(), p.materialized ? "yes" : "no",
                 isoUtc(f.actualUs),
                 f.actualUs && p.expectedUs ? num(static_cast<double>(f.actualUs - p.expectedUs) / 1e6) : std::string(),
                 f.shadow});
    }

    csvLine(&out, "alerts", "columns",
            {"id", "time", "rule", "severity", "value", "threshold", "acknowledged", "restore_id", "snapshot",
             "target", "message"});
    for (const auto& a : d.alerts)
        csvLine(&out, "alerts", "row",
                {num(a.id), isoUtc(a.timeUs), a.rule, a.severity, num(a.value), num(a.threshold),
                 a.acknowledged ? "yes" : "no", a.restoreId ? num(a.restoreId) : std::string(), a.snapshotId, a.target,
                 a.message});
    return out;
}

// ------------------------------------------------------------------------------------------------ JSON

namespace {

std::string jstr(const std::string& s) { return jsonQuote(s); }
std::string jtime(int64_t us) { return us ? jstr(isoUtc(us)) : "null"; }
std::string jnum(double v) { return std::isfinite(v) ? num(v) : "null"; }
std::string jopt(double v) { return v < 0 ? "null" : jnum(v); }
std::string jbool(bool b) { return b ? "true" : "false"; }

// One object from (key, already-encoded value) pairs.
std::string jobject(const std::vector<std::pair<const char*, std::string>>& fields) {
    std::string out = "{";
    for (size_t i = 0; i < fields.size(); ++i)
        out += (i ? ", " : "") + jstr(fields[i].first) + ": " + fields[i].second;
    return out + "}";
}

template <typename T, typename F>
std::string jarray(const std::vector<T>& rows, F encode) {
    if (rows.empty()) return "[]";
    std::string out = "[";
    for (size_t i = 0; i < rows.size(); ++i) out += std::string(i ? "," : "") + "\n    " + encode(rows[i]);
    return out + "\n  ]";
}

}  // namespace

std::string toJson(const ReportData& d) {
    std::string out = "{\n";
    out += "  \"repository\": " + jstr(d.repoDir) + ",\n";
    out += "  \"generated\": " + jtime(d.generatedUs) + ",\n";
    out += "  \"since\": " + jtime(d.sinceUs) + ",\n";
    out += "  \"backups\": " + jarray(d.backups, [](const BackupRow& b) {
        const auto& s = b.snapshot;
        return jobject({{"time", jtime(s.timeUs)}, {"snapshot", jstr(s.id)}, {"source", jstr(s.sourcePath)},
                        {"type", jstr(b.full ? "full" : "incremental")}, {"journal", jstr(s.journalMode)},
                        {"page_size", num(uint64_t{s.pageSize})}, {"pages", num(s.pageCount)},
                        {"size_bytes", num(s.bytesTotal)}, {"new_pages", num(s.pagesNew)},
                        {"stored_bytes", num(s.bytesNew)}, {"duration_s", jnum(s.seconds)}, {"tag", jstr(s.tag)}});
    }) + ",\n";
    out += "  \"restores\": " + jarray(d.restores, [](const RestoreRow& row) {
        const auto& r = row.record;
        return jobject({{"id", num(r.id)}, {"started", jtime(r.startedUs)}, {"finished", jtime(r.finishedUs)},
                        {"snapshot", jstr(r.snapshotId)}, {"source", jstr(r.sourcePath)}, {"target", jstr(r.target)},
                        {"strategy", jstr(r.strategy)}, {"status", jstr(r.status)}, {"ttfq_s", jopt(r.ttfqSeconds)},
                        {"t90_s", jopt(r.t90Seconds)}, {"hit_rate", jopt(row.hitRate)},
                        {"precision", jopt(r.precision)}, {"elapsed_s", jopt(row.elapsedSeconds)},
                        {"queries", num(r.queries)}, {"pages", num(r.pages)}, {"bytes", num(r.bytes)},
                        {"tier1", num(r.tier1)}, {"tier2", num(r.tier2)}, {"tier3", num(r.tier3)},
                        {"message", jstr(r.message)}});
    }) + ",\n";
    out += "  \"accuracy\": " + jarray(d.accuracy, [](const AccuracyPoint& p) {
        return jobject({{"time", jtime(p.timeUs)}, {"kind", jstr(p.kind)}, {"source", jstr(p.sourcePath)},
                        {"strategy", jstr(p.strategy)}, {"record_id", num(p.recordId)},
                        {"coverage", jopt(p.coverage)}, {"precision", jopt(p.precision)}, {"brier", jopt(p.brier)}});
    }) + ",\n";
    out += "  \"partition_backups\": " + jarray(d.partitionBackups, [](const PartitionBackupRow& row) {
        const auto& b = row.record;
        return jobject({{"id", num(b.id)}, {"set", jstr(b.setDir)}, {"strategy", jstr(b.strategy)},
                        {"status", jstr(b.status)}, {"started", jtime(b.startedUs)}, {"finished", jtime(b.finishedUs)},
                        {"start_epoch", num(b.startEpoch)}, {"end_epoch", b.endEpoch ? num(b.endEpoch) : "null"},
                        {"predictions", num(row.predictions)}, {"materialized", num(row.materialized)},
                        {"changes", row.changes < 0 ? "null" : num(row.changes)},
                        {"unpredicted_changes", row.unpredictedChanges < 0 ? "null" : num(row.unpredictedChanges)},
                        {"shadows_kept", row.shadowsKept < 0 ? "null" : num(row.shadowsKept)}});
    }) + ",\n";
    out += "  \"forecasts\": " + jarray(d.forecasts, [](const ForecastRow& f) {
        const auto& p = f.prediction;
        return jobject(
            {{"backup_id", num(p.backupId)}, {"set", jstr(f.setDir)}, {"backup_strategy", jstr(f.backupStrategy)},
             {"prediction_id", num(p.id)}, {"made", jtime(p.madeUs)}, {"kind", jstr(p.kind)},
             {"partition", num(p.partition)}, {"other", p.kind == "merge" ? num(p.other) : "null"},
             {"probability", jnum(p.probability)}, {"expected", jtime(p.expectedUs)},
             {"split_key", p.kind == "split" ? num(p.splitKey) : "null"}, {"materialized", jbool(p.materialized)},
             {"actual", jtime(f.actualUs)},
             {"error_s", f.actualUs && p.expectedUs ? jnum(static_cast<double>(f.actualUs - p.expectedUs) / 1e6)
                                                    : "null"},
             {"shadow", f.shadow.empty() ? "null" : jstr(f.shadow)}});
    }) + ",\n";
    out += "  \"alerts\": " + jarray(d.alerts, [](const repo::AlertRecord& a) {
        return jobject({{"id", num(a.id)}, {"time", jtime(a.timeUs)}, {"rule", jstr(a.rule)},
                        {"severity", jstr(a.severity)}, {"value", jnum(a.value)}, {"threshold", jnum(a.threshold)},
                        {"acknowledged", jbool(a.acknowledged)},
                        {"restore_id", a.restoreId ? num(a.restoreId) : "null"}, {"snapshot", jstr(a.snapshotId)},
                        {"target", jstr(a.target)}, {"message", jstr(a.message)}});
    }) + "\n";
    return out + "}\n";
}

}  // namespace prescient::report
