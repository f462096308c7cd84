#include "partitiondata.h"

#include <algorithm>
#include <chrono>

#include "partition/partitionbackup.h"
#include "partition/setreader.h"
#include "repo/repository.h"
#include "util/env.h"
#include "util/sqlitedb.h"

namespace prescient::ui {

namespace {

using namespace prescient::partition;

constexpr int64_t kIdleUs = 5'000'000;               // no write for this long: the set is idle
constexpr int64_t kRateWindowUs = 10'000'000;        // writes/s over the last 10 s of activity
constexpr int64_t kHistoryUs = 600'000'000;          // the history the predictor learns from (as backups do)
constexpr int64_t kChartPoints = 400;                // points of a partition's row history, at most about
constexpr int64_t kTimeKeyLow = 946684800'000000;    // 2000-01-01 in µs
constexpr int64_t kTimeKeyHigh = 4102444800'000000;  // 2100-01-01 in µs

// The time of the newest statistics bucket's end or event in partmap.db; 0 when there is none.
Result<int64_t> lastActivity(const std::string& dir, int64_t bucketUs) {
    auto db = SqliteDb::open(joinPath(dir, "partmap.db"), SQLITE_OPEN_READONLY);
    if (!db.isOk()) return db.status();
    sqlite3_busy_timeout(db->handle(), 2000);
    auto bucket = db->queryInt("SELECT coalesce(max(bucket_us), 0) FROM stats");
    if (!bucket.isOk()) return bucket.status();
    auto event = db->queryInt("SELECT coalesce(max(time_us), 0) FROM events");
    if (!event.isOk()) return event.status();
    return std::max(bucket.value() ? bucket.value() + bucketUs : 0, event.value());
}

}  // namespace

int64_t wallClockUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

SetPicture loadSetPicture(const std::string& dir, const MaintenancePolicy& policy, const std::string& predictor,
                          double horizonSeconds) {
    SetPicture p;
    p.policy = policy;
    p.horizonSeconds = horizonSeconds;
    auto opened = SetReader::open(dir);
    if (!opened.isOk()) {
        p.status = opened.status();
        return p;
    }
    SetReader& reader = *opened.value();
    p.dir = QString::fromStdString(reader.dir());
    p.table = QString::fromStdString(reader.table());
    p.keyColumn = QString::fromStdString(reader.keyColumn());

    auto last = lastActivity(reader.dir(), reader.statsBucketUs());
    if (!last.isOk()) {
        p.status = last.status();
        return p;
    }
    const int64_t now = wallClockUs();
    p.lastActivityUs = last.value();
    p.idle = p.lastActivityUs > 0 && now - p.lastActivityUs > kIdleUs;
    p.asOfUs = p.idle ? p.lastActivityUs : now;

    // The History as the backup's predictor sees it: events and statistics of the last 10 minutes (before the
    // set went idle), the current map measured, snapshots filled every 10 buckets.
    HistoryFeed feed;
    p.status = feed.init(reader, policy, p.asOfUs, kHistoryUs);
    if (!p.status.isOk()) return p;
    const History& h = feed.history();
    const TimedMap& current = h.maps.back();  // the measured map at asOfUs
    p.epoch = current.map.epoch;
    p.events = h.events;

    std::map<int64_t, uint64_t> writes;
    uint64_t total = 0;
    for (const WriteStats& w : h.stats)
        if (w.bucketUs >= p.asOfUs - kRateWindowUs && w.bucketUs < p.asOfUs) {
            writes[w.partition] += w.inserts + w.updates + w.deletes;
            total += w.inserts + w.updates + w.deletes;
        }
    p.writesPerSecond = static_cast<double>(total) / (kRateWindowUs / 1e6);
    bool anyFinite = false, allTimes = true;
    for (const PartitionInfo& part : current.map.partitions) {
        PartitionRow row;
        row.id = part.id;
        row.file = QString::fromStdString(part.file);
        row.lo = part.lo;
        row.hi = part.hi;
        row.rows = part.rows;
        row.bytes = part.bytes;
        row.createdUs = part.createdUs;
        // Over the last 10 s, or the partition's life when it is younger (at least a second).
        const int64_t window = std::clamp<int64_t>(p.asOfUs - part.createdUs, 1'000'000, kRateWindowUs);
        row.writesPerSecond = static_cast<double>(writes[part.id]) / (static_cast<double>(window) / 1e6);
        p.partitions.push_back(row);
        for (int64_t k : {part.lo, part.hi}) {
            if (k == kMinKey || k == kMaxKey) continue;
            anyFinite = true;
            allTimes = allTimes && k >= kTimeKeyLow && k <= kTimeKeyHigh;
        }
    }
    p.keysAreTimes = anyFinite && allTimes;
    // The chart's history: finer than the predictor's (a snapshot every 10 buckets), at most ~kChartPoints.
    History fine = h;
    const int64_t span = std::max<int64_t>(0, fine.endUs() - fine.beginUs());
    const int64_t every = std::max(fine.bucketUs, span / kChartPoints);
    if (!fine.fill(every).isOk()) fine = h;
    for (const TimedMap& m : fine.maps)
        for (const PartitionInfo& part : m.map.partitions)
            p.rowHistory[part.id].emplace_back(m.timeUs, static_cast<double>(part.rows));

    std::string used, note;
    auto trained = trainedPredictor(predictor, h, &used, &note);
    if (!trained.isOk()) {
        p.forecastStatus = trained.status();
        return p;
    }
    p.predictor = QString::fromStdString(used);
    p.note = QString::fromStdString(note);
    p.forecasts = trained.value()->forecast(h, p.asOfUs, horizonSeconds);
    return p;
}

BackupsPicture loadBackupsPicture(repo::Repository& repo) {
    BackupsPicture b;
    repo::Catalog& cat = repo.catalog();
    auto backups = cat.listPartitionBackups();
    auto copies = cat.listPartitionCopies(0);
    auto predictions = cat.listPartitionPredictions(0);
    auto rates = cat.listPartitionRateLog(0);
    for (const Status& s : {backups.status(), copies.status(), predictions.status(), rates.status()})
        if (!s.isOk()) {
            b.status = s;
            return b;
        }
    b.backups = std::move(backups.value());
    for (auto& c : copies.value()) b.copies[c.backupId].push_back(std::move(c));
    for (auto& p : predictions.value()) b.predictions[p.backupId].push_back(std::move(p));
    for (auto& r : rates.value()) b.rates[r.backupId].push_back(std::move(r));
    return b;
}

}  // namespace prescient::ui
