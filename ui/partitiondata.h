// What the Partitions view shows, as immutable values loaded on the pool (STYLE.md "Threading"):
//   SetPicture      one partition set read without its lock (SetReader, so another process may be writing
//                   it): the map with sizes and recent write rates, each partition's row count over time
//                   (the CPE's History), and the Change Prediction Engine's forecast;
//   BackupsPicture  the repository's partition backups (catalog schema v4) with their copies,
//                   predictions and rate decisions.
// Both loaders are plain functions for a pool thread; no Qt object is touched there.
#pragma once

#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "partition/cpe.h"
#include "partition/partitionset.h"
#include "repo/catalog.h"
#include "util/status.h"

namespace prescient::repo {
class Repository;
}

namespace prescient::ui {

struct PartitionRow {
    int64_t id = 0;
    QString file;  // absolute path
    int64_t lo = partition::kMinKey, hi = partition::kMaxKey;
    quint64 rows = 0, bytes = 0;
    double writesPerSecond = 0;  // inserts + updates + deletes over the last 10 s of activity (or its life, >= 1 s)
    int64_t createdUs = 0;
};

struct SetPicture {
    Status status;  // not ok: nothing else is filled
    QString dir, table, keyColumn;
    quint64 epoch = 0;
    bool keysAreTimes = false;                      // every finite boundary is a plausible µs timestamp (2000–2100)
    std::vector<PartitionRow> partitions;           // by lo
    double writesPerSecond = 0;                     // the whole set's, over the last 10 s of activity
    std::vector<partition::PartitionEvent> events;  // of the history window, oldest first
    // Rows of each partition over time, from the CPE's History (a point every second of it).
    std::map<int64_t, std::vector<std::pair<int64_t, double>>> rowHistory;
    partition::MaintenancePolicy policy;
    int64_t asOfUs = 0;          // the forecast's "now"
    int64_t lastActivityUs = 0;  // the last write or map change seen (0: none)
    bool idle = false;           // no activity for a while: the forecast is made as of the last activity
    double horizonSeconds = 0;
    QString predictor;                           // the predictor used ("learned", "linear")
    QString note;                                // why the predictor fell back, in core's English; "" when it did not
    Status forecastStatus;                       // the forecast's own failure (the map is still shown)
    std::vector<partition::Forecast> forecasts;  // every unit, most probable first
};

// Reads the set in dir and forecasts its changes within horizonSeconds with `predictor` ("learned" falls back
// to "linear" when the history is too short). policy: the thresholds its maintenance applies.
SetPicture loadSetPicture(const std::string& dir, const partition::MaintenancePolicy& policy,
                          const std::string& predictor, double horizonSeconds);

struct BackupsPicture {
    Status status;
    std::vector<repo::PartitionBackupRecord> backups;                             // oldest first
    std::map<int64_t, std::vector<repo::PartitionCopyRecord>> copies;             // by backup id
    std::map<int64_t, std::vector<repo::PartitionPredictionRecord>> predictions;  // by backup id
    std::map<int64_t, std::vector<repo::PartitionRateRecord>> rates;              // by backup id
};

BackupsPicture loadBackupsPicture(repo::Repository& repo);

int64_t wallClockUs();

}  // namespace prescient::ui
