// Report data: what `prescient report` and the GUI's Report tab export, gathered from a repository's
// catalog into plain values — backup history, restore runs (RTO and warm-up), prediction accuracy over
// time, partition-backup forecasts against what happened, and alerts — plus the two machine-readable
// renderings (CSV and JSON). The PDF and HTML renderings, with charts, live in ui/report (Qt Gui).
//
// CSV layout (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote, CR or LF quoted,
// quotes doubled; UTF-8): ONE table in which every line has the same number of fields.
//   line 1:            section,record,c1,c2,...,cN                      (the file's header)
//   per section:       <section>,columns,<column names...>              (that section's column names)
//                      <section>,row,<values...>                        (one per record)
// Sections, in order: backups, restores, accuracy, partition_backups, forecasts, alerts. Unused trailing
// fields are empty. Times are ISO 8601 UTC ("2024-03-04T02:00:00Z"), durations in seconds, shares in
// [0, 1], numbers with a '.' decimal point; an unknown value is an empty field. To read one section:
// keep the lines whose first field is the section, take the names from its `columns` line.
// The JSON is one object with the same sections as arrays of objects (unknown values null).
//
// Thread safety: gatherReport uses the repository as any reader does (Repository's rules); the rest are
// pure functions of their arguments, callable from any thread. No locale dependence.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "repo/catalog.h"
#include "repo/repository.h"
#include "util/status.h"

namespace prescient::report {

struct ReportOptions {
    int64_t sinceUs = 0;     // only records at or after this time (µs since the epoch); 0 = everything
    int64_t nowUs = 0;       // the report's generation time; 0 = the current time
    bool readPartitionSets = true;  // look up forecast outcomes' times in the sets' partmap.db when present
};

struct BackupRow {
    repo::SnapshotInfo snapshot;
    bool full = false;  // the first snapshot of its source (no parent): every page stored; else incremental
};

struct RestoreRow {
    repo::RestoreRecord record;
    double hitRate = -1;         // reads served without waiting (tier 1 + 2) / all reads; -1 without reads
    double elapsedSeconds = -1;  // finished - started; -1 while running
};

// One measurement of prediction accuracy: a model's held-out evaluation when it was trained, or the
// precision an instant restore observed.
struct AccuracyPoint {
    int64_t timeUs = 0;
    std::string kind;  // "model" or "restore"
    std::string sourcePath;
    std::string strategy;
    int64_t recordId = 0;  // model id or restore id
    double coverage = -1;  // share of the first reads predicted (models); -1 unknown
    double precision = -1; // share of the predicted pages read; -1 unknown
    double brier = -1;     // calibration error of the confidences (models; lower is better); -1 unknown
};

struct PartitionBackupRow {
    repo::PartitionBackupRecord record;
    int64_t predictions = 0, materialized = 0;  // forecasts made during the backup, and those that came true
    int64_t changes = -1, unpredictedChanges = -1;  // map changes in the window (figures); -1 unknown
    int64_t shadowsKept = -1;                       // -1 unknown
};

// A change forecast of a partition backup beside what happened.
struct ForecastRow {
    repo::PartitionPredictionRecord prediction;
    std::string setDir;
    std::string backupStrategy;
    int64_t actualUs = 0;     // when the materializing event happened; 0 when it did not or is unknown
    std::string shadow;       // "kept", "discarded" or "" (no shadow copy taken for it)
};

struct ReportData {
    std::string repoDir;
    int64_t generatedUs = 0;
    int64_t sinceUs = 0;  // 0 = everything
    std::vector<BackupRow> backups;                   // oldest first; databases only (no partition copies)
    std::vector<RestoreRow> restores;                 // oldest first
    std::vector<AccuracyPoint> accuracy;              // oldest first
    std::vector<PartitionBackupRow> partitionBackups; // oldest first
    std::vector<ForecastRow> forecasts;               // by backup, then time made
    std::vector<repo::AlertRecord> alerts;            // oldest first
};

// Reads the catalog of repo (read access is enough). Returns the catalog's error (IoError, Corruption,
// Busy) when a listing fails; a partition set that cannot be read only leaves outcome times unknown.
Result<ReportData> gatherReport(repo::Repository& repo, const ReportOptions& options = {});

// The data as CSV (layout above) and as JSON (UTF-8).
std::string toCsv(const ReportData& data);
std::string toJson(const ReportData& data);

// Helpers shared with the renderings: "2024-03-04T02:00:00Z" (UTC; "" for 0), and a value of a flat JSON
// object such as ModelRecord::metricsJson ("coverage" -> 0.42); -1 when absent, null or not a number.
std::string isoUtc(int64_t us);
double jsonNumber(const std::string& json, const std::string& key);

}  // namespace prescient::report
