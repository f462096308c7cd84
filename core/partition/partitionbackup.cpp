// Backup Orchestrator (BO) of a partition set: the primary walk, the reconciliation that makes the end map,
// the end (kept shadows stored, the end map and figures recorded), and the public entry points. The monitor
// thread (SBS, CPE, ARM) is partitionmonitor.cpp; the shared state partitionorchestrator.h. Contract:
// partitionbackup.h. Restore: partitionrestore.cpp.
#include "partition/partitionbackup.h"

#include <algorithm>
#include <cstdio>

#include "capture/backup.h"
#include "partition/partitionorchestrator.h"

namespace prescient::partition {

namespace {

std::string jsonStr(const std::string& s) {
    std::string o = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
            o += static_cast<char>(c);
        } else if (c < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04x", c);
            o += b;
        } else {
            o += static_cast<char>(c);
        }
    }
    return o + "\"";
}
std::string jsonKey(int64_t k, bool upper) {
    if ((!upper && k == kMinKey) || (upper && k == kMaxKey)) return "null";
    return std::to_string(k);
}

}  // namespace

namespace detail {

// --- setup and the walk ---

Status Orchestrator::begin() {
    m_t0 = Clock::now();
    auto reader = SetReader::open(m_dir);
    if (!reader.isOk()) return reader.status();
    m_reader = std::move(reader.value());
    repo::Catalog& cat = m_repo.catalog();
    // Whatever a backup that died left: its staging folder and its "running" row (we hold the write lock).
    std::vector<std::string> stale;
    PRESCIENT_RETURN_IF_ERROR(ShadowStore::cleanStale(m_repo.env(), m_repo.dir(), &stale));
    for (const auto& n : stale) m_r.notes.push_back("removed the staging folder of interrupted partition backup " + n);
    auto all = cat.listPartitionBackups();
    if (!all.isOk()) return all.status();
    for (repo::PartitionBackupRecord b : all.value()) {
        if (b.status != "running") continue;
        b.status = "failed";
        b.figuresJson = "{\"message\": \"interrupted (found running by partition backup that followed)\"}";
        PRESCIENT_RETURN_IF_ERROR(cat.updatePartitionBackup(b));
        m_r.notes.push_back("partition backup " + std::to_string(b.id) + " was interrupted: marked failed");
    }
    if (predictive()) {  // learn from the set's own history before the window opens
        PRESCIENT_RETURN_IF_ERROR(
            m_feed.init(*m_reader, m_o.policy, wallUs(), static_cast<int64_t>(m_o.historySeconds * 1e6)));
        std::string note;
        auto p = trainedPredictor(m_o.predictor, m_feed.history(), &m_r.predictor, &note);
        if (!p.isOk()) return p.status();
        m_predictor = std::move(p.value());
        if (!note.empty()) m_r.notes.push_back(note);
    }
    if (m_o.strategy == BackupStrategy::kStopTheWorld) {
        m_frozenAt = Clock::now();
        m_freeze = m_set->freezeMap();
    }
    m_r.startedUs = wallUs();
    int64_t lastId = 0;
    auto map = m_reader->map(&lastId);
    if (!map.isOk()) return map.status();
    m_startMap = map.value();
    PRESCIENT_RETURN_IF_ERROR(m_reader->measure(&m_startMap, nullptr));
    m_r.startEpoch = m_startMap.epoch;
    {
        std::lock_guard<std::mutex> g(m_mu);
        m_timeline = MapTimeline(m_startMap);
        m_lastEventId = lastId;
        for (const auto& p : m_startMap.partitions) m_remainingBytes += p.bytes;
    }
    m_rec.setDir = m_reader->dir();
    m_rec.strategy = strategyName(m_o.strategy);
    m_rec.startedUs = m_r.startedUs;
    m_rec.startEpoch = m_r.startEpoch;
    m_rec.status = "running";
    auto id = cat.addPartitionBackup(m_rec);
    if (!id.isOk()) return id.status();
    m_rec.id = m_r.backupId = id.value();
    if (!naive()) PRESCIENT_RETURN_IF_ERROR(m_sbs.create(m_repo.env(), m_repo.dir(), m_r.backupId));
    return Status::ok();
}

Status Orchestrator::sync(SetReader& reader) {
    int64_t after;
    {
        std::lock_guard<std::mutex> g(m_mu);
        after = m_lastEventId;
    }
    uint64_t epoch = 0;
    std::vector<PartitionEvent> fresh;
    PRESCIENT_RETURN_IF_ERROR(reader.poll(after, &epoch, &fresh));
    std::vector<repo::PartitionPredictionRecord> materialized;
    bool rebase = false;
    {
        std::lock_guard<std::mutex> g(m_mu);
        for (const PartitionEvent& ev : fresh) {
            if (ev.id <= m_lastEventId) continue;
            m_lastEventId = ev.id;
            std::vector<int64_t> changed = m_timeline.apply(ev);
            if (m_timeline.broken()) {
                rebase = true;
                break;
            }
            m_events.push_back(ev);
            Prediction* hit = nullptr;
            for (Prediction& p : m_predictions) {
                if (p.rec.materialized || p.kind != ev.kind || ev.timeUs < p.rec.madeUs) continue;
                bool same =
                    ev.kind == EventKind::kCreate ||
                    (p.rec.partition == ev.partition && (ev.kind != EventKind::kMerge || p.rec.other == ev.other));
                if (!same) continue;
                p.rec.materialized = true;
                p.rec.eventId = ev.id;
                materialized.push_back(p.rec);
                if (!hit) hit = &p;
            }
            if (hit) m_predictedEvents.insert(ev.id);
            if (m_monitoring && (shadowAll() || hit))
                for (int64_t id : changed)
                    m_toShadow.push_back({id, hit ? hit->rec.madeUs : ev.timeUs, hit ? hit->rec.id : 0});
        }
        if (!rebase && m_timeline.epoch() != epoch) rebase = true;  // cannot happen: same read transaction
    }
    if (rebase) {
        int64_t lastId = 0;
        auto m = reader.map(&lastId);
        if (!m.isOk()) return m.status();
        std::lock_guard<std::mutex> g(m_mu);
        m_timeline.rebase(m.value());
        m_lastEventId = lastId;
        m_r.notes.push_back("the event log did not replay onto the map at epoch " + std::to_string(m->epoch) +
                            ": every partition needs a copy from then on");
    }
    for (const auto& rec : materialized) PRESCIENT_RETURN_IF_ERROR(m_repo.catalog().updatePartitionPrediction(rec));
    return Status::ok();
}

Status Orchestrator::copyToRepo(SetReader& reader, int64_t id, const char* role, bool limited, bool* gone) {
    *gone = false;
    PRESCIENT_RETURN_IF_ERROR(sync(reader));
    uint64_t epoch;
    std::pair<int64_t, int64_t> range;
    {
        std::lock_guard<std::mutex> g(m_mu);
        if (!m_timeline.exists(id)) {
            *gone = true;
            return Status::ok();
        }
        epoch = m_timeline.epoch();
        range = m_timeline.range(id);
    }
    std::string file = joinPath(m_reader->dir(), "p" + std::to_string(id) + ".db");
    capture::BackupOptions bo;
    bo.tag =
        "partition " + std::to_string(id) + " (partition backup " + std::to_string(m_r.backupId) + ", " + role + ")";
    bo.rate = limited ? m_arm.limiter() : nullptr;
    bo.job.cancel = m_o.job.cancel;
    int64_t takenUs = wallUs();
    auto snap = capture::backupDatabase(m_repo, file, bo);
    if (!snap.isOk()) {
        if (snap.status().code() == Status::Code::kCancelled) return snap.status();
        PRESCIENT_RETURN_IF_ERROR(sync(reader));
        std::lock_guard<std::mutex> g(m_mu);
        if (!m_timeline.exists(id)) {  // merged away while we copied it
            *gone = true;
            return Status::ok();
        }
        return snap.status().withContext("copy of partition " + std::to_string(id));
    }
    repo::PartitionCopyRecord rec;
    rec.backupId = m_r.backupId;
    rec.partition = id;
    rec.role = role;
    rec.snapshotId = snap->id;
    rec.takenUs = takenUs;
    rec.epoch = epoch;
    rec.lo = range.first;
    rec.hi = range.second;
    rec.bytes = snap->bytesTotal;
    auto row = m_repo.catalog().addPartitionCopy(rec);
    if (!row.isOk()) return row.status();
    CopyRef c;
    c.role = role;
    c.copyId = row.value();
    c.partition = id;
    c.epoch = epoch;
    c.lo = range.first;
    c.hi = range.second;
    c.takenUs = takenUs;
    c.bytes = snap->bytesTotal;
    c.snapshotId = snap->id;
    std::lock_guard<std::mutex> g(m_mu);
    m_copies.push_back(c);
    m_r.bytesCopied += snap->bytesTotal;
    return Status::ok();
}

Status Orchestrator::walkStartMap() {
    uint64_t done = 0;
    for (const PartitionInfo& p : m_startMap.partitions) {
        if (cancelled()) return Status::cancelled("partition backup cancelled");
        bool gone = false;
        PRESCIENT_RETURN_IF_ERROR(copyToRepo(*m_reader, p.id, "primary", true, &gone));
        {
            std::lock_guard<std::mutex> g(m_mu);
            m_walked.insert(p.id);
            m_remainingBytes -= std::min(m_remainingBytes, p.bytes);
        }
        m_o.job.report({"primary", ++done, m_startMap.partitions.size(), m_r.bytesCopied});
        if (gone) continue;
        ++m_r.primaryCopies;
        if (m_o.afterPrimaryCopy) m_o.afterPrimaryCopy(p.id, static_cast<int>(m_r.primaryCopies - 1));
        if (crash("primary")) return Status::ioError("partition backup stopped by the crash hook after a primary copy");
    }
    return Status::ok();
}

// The map as it goes: the next partition (by lo) above the last one copied that was not copied yet, up to
// the start map's top partition (partitions created above it since hold only keys written in the window:
// without the bound a walk slower than the churn would chase them for ever).
Status Orchestrator::walkNaive() {
    std::set<int64_t> copied;
    std::optional<int64_t> pos;
    const int64_t topLo = m_startMap.partitions.back().lo;
    while (true) {
        if (cancelled()) return Status::cancelled("partition backup cancelled");
        PRESCIENT_RETURN_IF_ERROR(sync(*m_reader));
        std::optional<PartitionInfo> next;
        {
            std::lock_guard<std::mutex> g(m_mu);
            for (const PartitionInfo& p : m_timeline.map().partitions)
                if ((!pos || p.lo > *pos) && p.lo <= topLo && !copied.count(p.id)) {
                    next = p;
                    break;
                }
        }
        if (!next) return Status::ok();
        copied.insert(next->id);
        pos = next->lo;
        bool gone = false;
        PRESCIENT_RETURN_IF_ERROR(copyToRepo(*m_reader, next->id, "primary", true, &gone));
        m_o.job.report({"primary", copied.size(), 0, m_r.bytesCopied});
        if (gone) continue;
        ++m_r.primaryCopies;
        if (m_o.afterPrimaryCopy) m_o.afterPrimaryCopy(next->id, static_cast<int>(m_r.primaryCopies - 1));
        if (crash("primary")) return Status::ioError("partition backup stopped by the crash hook after a primary copy");
    }
}

std::optional<CopyRef> Orchestrator::chooseLocked(int64_t id) const {
    const CopyRef* best = nullptr;
    auto rank = [](const CopyRef& c) { return c.role == "primary" ? 0 : c.role == "final" ? 1 : 2; };
    for (const CopyRef& c : m_copies) {
        if (c.partition != id || !m_timeline.valid(id, c.epoch)) continue;
        if (!best || rank(c) < rank(*best) || (rank(c) == rank(*best) && c.takenUs > best->takenUs)) best = &c;
    }
    if (!best) return std::nullopt;
    return *best;
}

bool Orchestrator::hasValidCopyLocked(int64_t id) const {
    return std::any_of(m_copies.begin(), m_copies.end(),
                       [&](const CopyRef& c) { return c.partition == id && m_timeline.valid(id, c.epoch); });
}

// Until the epoch holds across a pass: every partition of the current map without a valid copy is copied
// now ("final": a change nobody predicted, or whose shadow came too early). After maxPasses the map is frozen
// (in this process) for the last pass.
Status Orchestrator::reconcile() {
    const int hardLimit = m_set ? m_o.maxPasses : m_o.maxPasses * 4;
    for (int pass = 1;; ++pass) {
        if (cancelled()) return Status::cancelled("partition backup cancelled");
        m_r.passes = pass;
        if (pass >= m_o.maxPasses && m_set && !m_freeze) {
            m_frozenAt = Clock::now();
            m_freeze = m_set->freezeMap();
            m_r.notes.push_back("the map kept changing for " + std::to_string(pass - 1) +
                                " reconciliation passes: frozen for the last one");
        }
        PRESCIENT_RETURN_IF_ERROR(sync(*m_reader));
        uint64_t epoch;
        std::vector<int64_t> missing;
        {
            std::lock_guard<std::mutex> g(m_mu);
            epoch = m_timeline.epoch();
            for (const PartitionInfo& p : m_timeline.map().partitions)
                if (!chooseLocked(p.id)) missing.push_back(p.id);
        }
        m_o.job.report({"reconcile", static_cast<uint64_t>(pass), 0, m_r.bytesCopied});
        for (int64_t id : missing) {
            bool gone = false;
            PRESCIENT_RETURN_IF_ERROR(copyToRepo(*m_reader, id, "final", false, &gone));
            if (!gone) ++m_r.finalCopies;
        }
        PRESCIENT_RETURN_IF_ERROR(sync(*m_reader));
        bool stable;
        {
            std::lock_guard<std::mutex> g(m_mu);
            stable = m_timeline.epoch() == epoch;
            for (const PartitionInfo& p : m_timeline.map().partitions)
                if (!chooseLocked(p.id)) stable = false;
        }
        if (stable) return Status::ok();
        if (pass >= hardLimit)
            return Status::busy("partition set " + m_reader->dir() + ": the map kept changing for " +
                                std::to_string(pass) + " reconciliation passes (another process changes it and " +
                                "cannot be frozen from here)");
    }
}

// --- the monitor thread: SBS, CPE, ARM ---

void Orchestrator::fail(const Status& s) {
    stopMonitor();
    if (m_freeze) {
        m_freeze.reset();
        m_r.blockedSeconds += secondsSince(m_frozenAt);
    }
    (void)m_sbs.removeAll();
    if (m_rec.id == 0) return;
    m_rec.status = s.code() == Status::Code::kCancelled ? "cancelled" : "failed";
    m_rec.finishedUs = wallUs();
    m_rec.figuresJson = "{\"message\": " + jsonStr(s.toString()) + "}";
    (void)m_repo.catalog().updatePartitionBackup(m_rec);
}

Status Orchestrator::storeAndFinish() {
    // The window ends here: the end map is the timeline's, every partition of it has its copy.
    struct Entry {
        PartitionInfo p;
        std::optional<CopyRef> copy;
    };
    std::vector<Entry> entries;
    {
        std::lock_guard<std::mutex> g(m_mu);
        PartitionMap end = m_timeline.map();
        m_r.endEpoch = end.epoch;
        for (const PartitionInfo& p : end.partitions) {
            Entry e{p, std::nullopt};
            if (naive()) {  // its own last copy, whatever happened to it since
                for (const CopyRef& c : m_copies)
                    if (c.partition == p.id && (!e.copy || c.takenUs > e.copy->takenUs)) e.copy = c;
            } else {
                e.copy = chooseLocked(p.id);
            }
            entries.push_back(e);
        }
        m_r.changes = m_events.size();
        for (const PartitionEvent& ev : m_events)
            if (!m_predictedEvents.count(ev.id)) ++m_r.unpredictedChanges;
        for (const Prediction& p : m_predictions)
            if (p.rec.materialized) ++m_r.predictionsMaterialized;
    }
    m_r.finishedUs = wallUs();
    m_r.endPartitions = entries.size();
    if (m_freeze) {
        m_freeze.reset();
        m_r.blockedSeconds += secondsSince(m_frozenAt);
    }
    if (crash("reconcile")) return Status::ioError("partition backup stopped by the crash hook before its end map");
    // Keep the shadows restore uses (stored as snapshots: dedup makes the moved pages cheap), discard the rest.
    std::set<size_t> keptShadows;
    for (Entry& e : entries) {
        if (!e.copy || e.copy->role != "shadow") continue;
        Shadow& sh = m_sbs.shadows()[e.copy->shadow];
        capture::BackupOptions bo;
        bo.tag = "partition " + std::to_string(sh.partition) + " (partition backup " + std::to_string(m_r.backupId) +
                 ", shadow)";
        bo.timeUs = sh.takenUs;  // the shadow's instant, not the storing one
        bo.job.cancel = m_o.job.cancel;
        m_o.job.report({"store", keptShadows.size(), 0, m_r.shadowBytesKept});
        auto snap = capture::backupDatabase(m_repo, sh.path, bo);
        if (!snap.isOk()) return snap.status().withContext("store shadow of partition " + std::to_string(sh.partition));
        e.copy->snapshotId = snap->id;
        keptShadows.insert(e.copy->shadow);
        if (crash("store")) return Status::ioError("partition backup stopped by the crash hook while storing shadows");
    }
    for (size_t i = 0; i < m_sbs.shadows().size(); ++i) {
        if (keptShadows.count(i)) {
            ++m_r.shadowsKept;
            m_r.shadowBytesKept += m_sbs.shadows()[i].bytes;
        } else {
            m_r.shadowBytesDiscarded += m_sbs.shadows()[i].bytes;
        }
    }
    std::vector<repo::PartitionCopyRecord> rows;
    {
        auto all = m_repo.catalog().listPartitionCopies(m_r.backupId);
        if (!all.isOk()) return all.status();
        rows = std::move(all.value());
    }
    for (const Entry& e : entries) {
        if (!e.copy) continue;
        for (repo::PartitionCopyRecord& r : rows) {
            if (r.id != e.copy->copyId) continue;
            r.kept = true;
            r.snapshotId = e.copy->snapshotId;
            PRESCIENT_RETURN_IF_ERROR(m_repo.catalog().updatePartitionCopy(r));
        }
    }
    PRESCIENT_RETURN_IF_ERROR(m_sbs.removeAll());
    // The end map, with the copy each partition restores from.
    std::string json = "{\"format\": 1, \"epoch\": " + std::to_string(m_r.endEpoch) +
                       ", \"table\": " + jsonStr(m_reader->table()) + ", \"key\": " + jsonStr(m_reader->keyColumn()) +
                       ", \"schema\": " + jsonStr(m_reader->schema()) +
                       ", \"stats_bucket_us\": " + std::to_string(m_reader->statsBucketUs()) +
                       ", \"filter\": " + (naive() ? "false" : "true") + ", \"partitions\": [";
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        json += std::string(i ? ", " : "") + "{\"id\": " + std::to_string(e.p.id) +
                ", \"lo\": " + jsonKey(e.p.lo, false) + ", \"hi\": " + jsonKey(e.p.hi, true) +
                ", \"snapshot\": " + jsonStr(e.copy ? e.copy->snapshotId : "") +
                ", \"role\": " + jsonStr(e.copy ? e.copy->role : "") +
                ", \"copy\": " + std::to_string(e.copy ? e.copy->copyId : 0) + "}";
    }
    json += "]}";
    m_r.finalRateMbps = m_arm.mbps();
    m_r.seconds = secondsSince(m_t0);
    if (m_o.strategy == BackupStrategy::kStopTheWorld) m_r.blockedSeconds = std::max(m_r.blockedSeconds, 0.0);
    m_rec.finishedUs = m_r.finishedUs;
    m_rec.endEpoch = m_r.endEpoch;
    m_rec.endMap = json;
    m_rec.status = "complete";
    m_rec.figuresJson = m_r.figuresJson();
    return m_repo.catalog().updatePartitionBackup(m_rec);
}

Result<PartitionBackupResult> Orchestrator::run() {
    m_r.strategy = m_o.strategy;
    if (!m_repo.writable()) return Status::invalidArgument("repository " + m_repo.dir() + " is open read-only");
    if (m_o.strategy == BackupStrategy::kStopTheWorld && !m_set)
        return Status::invalidArgument("stop-the-world needs the set open in this process");
    auto body = [&]() -> Status {
        PRESCIENT_RETURN_IF_ERROR(begin());
        startMonitor();
        PRESCIENT_RETURN_IF_ERROR(naive() ? walkNaive() : walkStartMap());
        stopMonitor();
        PRESCIENT_RETURN_IF_ERROR(m_monitorStatus);
        if (naive()) return sync(*m_reader);
        return reconcile();
    };
    Status s;
    try {
        s = body();
        if (s.isOk()) s = storeAndFinish();
    } catch (const std::exception& e) {
        s = Status::ioError(std::string("partition backup: ") + e.what());
    }
    if (!s.isOk()) {
        if (m_crashed) {  // "died": leave the staging folder and the "running" row
            stopMonitor();
            if (m_freeze) m_freeze.reset();
            return s;
        }
        fail(s);
        return s;
    }
    return m_r;
}

}  // namespace detail

using detail::Orchestrator;
using detail::wallUs;

const char* strategyName(BackupStrategy s) {
    switch (s) {
        case BackupStrategy::kPredictive:
            return "predictive";
        case BackupStrategy::kNaive:
            return "naive";
        case BackupStrategy::kStopTheWorld:
            return "stop-the-world";
        case BackupStrategy::kShadowAll:
            return "shadow-all";
    }
    return "?";
}

Result<BackupStrategy> strategyFromName(const std::string& name) {
    for (BackupStrategy s : {BackupStrategy::kPredictive, BackupStrategy::kNaive, BackupStrategy::kStopTheWorld,
                             BackupStrategy::kShadowAll})
        if (name == strategyName(s)) return s;
    return Status::invalidArgument("unknown partition backup strategy '" + name +
                                   "' (known: predictive, naive, stop-the-world, shadow-all)");
}

std::string PartitionBackupResult::figuresJson() const {
    char buf[2048];
    std::snprintf(
        buf, sizeof buf,
        "{\"strategy\": \"%s\", \"predictor\": %s, \"duration_s\": %.3f, \"window_s\": %.3f, "
        "\"blocked_s\": %.3f, \"start_epoch\": %llu, \"end_epoch\": %llu, \"end_partitions\": %zu, "
        "\"primary_copies\": %llu, \"final_copies\": %llu, \"shadows_taken\": %llu, "
        "\"shadows_kept\": %llu, \"shadow_bytes_kept\": %llu, \"shadow_bytes_discarded\": %llu, "
        "\"predictions_made\": %llu, \"predictions_materialized\": %llu, \"changes\": %llu, "
        "\"unpredicted_changes\": %llu, \"bytes_copied\": %llu, \"passes\": %d, "
        "\"rate_decisions\": %llu, \"final_rate_mbps\": %.3f}",
        strategyName(strategy), jsonStr(predictor).c_str(), seconds, static_cast<double>(finishedUs - startedUs) / 1e6,
        blockedSeconds, static_cast<unsigned long long>(startEpoch), static_cast<unsigned long long>(endEpoch),
        endPartitions, static_cast<unsigned long long>(primaryCopies), static_cast<unsigned long long>(finalCopies),
        static_cast<unsigned long long>(shadowsTaken), static_cast<unsigned long long>(shadowsKept),
        static_cast<unsigned long long>(shadowBytesKept), static_cast<unsigned long long>(shadowBytesDiscarded),
        static_cast<unsigned long long>(predictionsMade), static_cast<unsigned long long>(predictionsMaterialized),
        static_cast<unsigned long long>(changes), static_cast<unsigned long long>(unpredictedChanges),
        static_cast<unsigned long long>(bytesCopied), passes, static_cast<unsigned long long>(rateDecisions),
        finalRateMbps);
    return buf;
}

Result<PartitionBackupResult> backupPartitionSet(repo::Repository& repo, PartitionSet& set,
                                                 const PartitionBackupOptions& options) {
    Orchestrator o(repo, set.dir(), &set, options);
    return o.run();
}

Result<PartitionBackupResult> backupPartitionSet(repo::Repository& repo, const std::string& setDir,
                                                 const PartitionBackupOptions& options) {
    if (options.strategy == BackupStrategy::kStopTheWorld) {
        // Nothing can be frozen in another process: hold the set's write lock instead (no one else may change
        // it, or write to it) and freeze our own open.
        auto set = PartitionSet::open(setDir, PartitionSet::Access::kWrite);
        if (!set.isOk()) {
            if (set.status().code() == Status::Code::kBusy)
                return Status::busy("stop-the-world cannot freeze a set another process writes: " +
                                    set.status().detail());
            return set.status();
        }
        return backupPartitionSet(repo, *set.value(), options);
    }
    Orchestrator o(repo, absolutePath(setDir), nullptr, options);
    return o.run();
}

Result<History> setHistory(const std::string& dir, const MaintenancePolicy& policy, double historySeconds) {
    auto reader = SetReader::open(dir);
    if (!reader.isOk()) return reader.status();
    HistoryFeed feed;
    PRESCIENT_RETURN_IF_ERROR(feed.init(*reader.value(), policy, wallUs(), static_cast<int64_t>(historySeconds * 1e6)));
    return feed.history();
}

Result<std::unique_ptr<ChangePredictor>> trainedPredictor(const std::string& name, const History& h, std::string* used,
                                                          std::string* note) {
    auto p = makePredictor(name);
    if (!p.isOk()) return p.status();
    Status s = p.value()->train(h);
    if (s.isOk()) {
        if (used) *used = name;
        return std::move(p.value());
    }
    if (name != "learned" || s.code() != Status::Code::kInvalidArgument) return s;
    auto linear = makePredictor("linear");
    if (!linear.isOk()) return linear.status();
    PRESCIENT_RETURN_IF_ERROR(linear.value()->train(h));
    if (used) *used = "linear";
    if (note) *note = "the learned predictor could not train (" + s.detail() + "): using linear extrapolation";
    return std::move(linear.value());
}

}  // namespace prescient::partition
