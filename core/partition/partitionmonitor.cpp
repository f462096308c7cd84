// The Backup Orchestrator's monitor thread: polls the map (woken at once by the change observer when the set
// is in this process), shadows the successors of changes (SBS), forecasts changes and acts on the confident
// ones (CPE), and moves the rate limit (ARM). State and locking: partitionorchestrator.h.
#include <algorithm>

#include "partition/partitionorchestrator.h"

namespace prescient::partition::detail {

namespace {
const char* kindText(EventKind k) { return eventName(k); }
}  // namespace

void Orchestrator::wake() {
    {
        std::lock_guard<std::mutex> g(m_wakeMu);
        m_woken = true;
    }
    m_wakeCv.notify_one();
}

void Orchestrator::startMonitor() {
    if (!predictive() && !shadowAll()) return;
    m_stop = false;
    m_monitoring = true;
    if (m_set) m_set->setChangeObserver([this](const PartitionEvent&) { wake(); });
    m_monitor = std::thread([this] {
        try {
            monitorLoop();
        } catch (const std::exception& e) {
            m_monitorStatus = Status::ioError(std::string("partition backup monitor: ") + e.what());
        } catch (...) {
            m_monitorStatus = Status::ioError("partition backup monitor: unknown exception");
        }
    });
}

void Orchestrator::stopMonitor() {
    if (!m_monitor.joinable()) return;
    m_stop = true;
    wake();
    m_monitor.join();
    m_monitoring = false;
    if (m_set) m_set->setChangeObserver(nullptr);
    std::lock_guard<std::mutex> g(m_mu);
    m_toShadow.clear();
}

void Orchestrator::monitorLoop() {
    auto reader = SetReader::open(m_dir);
    if (!reader.isOk()) {
        m_monitorStatus = reader.status();
        return;
    }
    Clock::time_point nextTick = Clock::now();
    if (shadowAll()) {  // every partition, ahead of any change
        int64_t now = wallUs();
        for (const PartitionInfo& p : m_startMap.partitions) {
            Status s = takeShadow(p.id, now, 0, false);
            if (!s.isOk()) {
                m_monitorStatus = s;
                return;
            }
        }
    }
    while (!m_stop) {
        Status s = monitorStep(*reader.value(), nextTick);
        if (!s.isOk()) {
            m_monitorStatus = s;
            return;
        }
        std::unique_lock<std::mutex> lk(m_wakeMu);
        m_wakeCv.wait_for(lk, std::chrono::duration<double>(m_o.pollSeconds), [&] { return m_woken || m_stop; });
        m_woken = false;
    }
}

Status Orchestrator::monitorStep(SetReader& reader, Clock::time_point& nextTick) {
    PRESCIENT_RETURN_IF_ERROR(sync(reader));
    std::vector<Pending> todo;
    {
        std::lock_guard<std::mutex> g(m_mu);
        todo.swap(m_toShadow);
    }
    for (const Pending& p : todo) {
        if (m_stop) break;
        PRESCIENT_RETURN_IF_ERROR(takeShadow(p.partition, p.indexUs, p.predictionId, true));
    }
    if (predictive() && Clock::now() >= nextTick && !m_stop) {
        nextTick =
            Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(m_o.tickSeconds));
        PRESCIENT_RETURN_IF_ERROR(tick(reader));
    }
    return Status::ok();
}

// Shadows partition id unless it is gone, a valid copy of it exists already, or (predictive, successor)
// the primary walk has still to reach it, which will copy it after the change anyway.
Status Orchestrator::takeShadow(int64_t id, int64_t indexUs, int64_t predictionId, bool successor) {
    PartitionInfo p;
    uint64_t epoch;
    {
        std::lock_guard<std::mutex> g(m_mu);
        if (!m_timeline.exists(id) || hasValidCopyLocked(id)) return Status::ok();
        bool ahead = std::any_of(m_startMap.partitions.begin(), m_startMap.partitions.end(),
                                 [&](const PartitionInfo& s) { return s.id == id; }) &&
                     !m_walked.count(id);
        if (predictive() && successor && ahead) return Status::ok();
        if (predictive() && !successor && !ahead) return Status::ok();  // the primary has these rows already
        epoch = m_timeline.epoch();
        auto r = m_timeline.range(id);
        p.id = id;
        p.lo = r.first;
        p.hi = r.second;
        p.file = joinPath(m_reader->dir(), "p" + std::to_string(id) + ".db");
    }
    auto sh = m_sbs.take(p, epoch, indexUs, predictionId, successor);
    if (!sh.isOk()) {
        // A shadow only saves the reconciliation a copy: without it the BO copies the partition at the end.
        // (Most failures are a partition merged away, its files removed, while we read it.)
        std::lock_guard<std::mutex> g(m_mu);
        if (m_timeline.exists(id) && sh.status().code() != Status::Code::kNotFound && ++m_shadowFailures <= 3)
            m_r.notes.push_back("shadow of partition " + std::to_string(id) +
                                " failed (the end copies it instead): " + sh.status().toString());
        return Status::ok();
    }
    repo::PartitionCopyRecord rec;
    rec.backupId = m_r.backupId;
    rec.partition = id;
    rec.role = "shadow";
    rec.takenUs = sh->takenUs;
    rec.epoch = epoch;
    rec.lo = p.lo;
    rec.hi = p.hi;
    rec.predictionId = predictionId;
    rec.bytes = sh->bytes;
    auto row = m_repo.catalog().addPartitionCopy(rec);
    if (!row.isOk()) return row.status();
    m_sbs.shadows().back().copyId = row.value();
    CopyRef c;
    c.role = "shadow";
    c.copyId = row.value();
    c.partition = id;
    c.epoch = epoch;
    c.lo = p.lo;
    c.hi = p.hi;
    c.takenUs = sh->takenUs;
    c.bytes = sh->bytes;
    c.shadow = m_sbs.shadows().size() - 1;
    std::lock_guard<std::mutex> g(m_mu);
    m_copies.push_back(c);
    ++m_r.shadowsTaken;
    return Status::ok();
}

// Every tick (predictive): forecast over the estimated remaining time, act on the confident forecasts, and
// let the ARM move the rate.
Status Orchestrator::tick(SetReader& reader) {
    const int64_t now = wallUs();
    auto map = reader.map();
    if (!map.isOk()) return map.status();
    PRESCIENT_RETURN_IF_ERROR(m_feed.update(reader, map.value(), now));
    uint64_t remainingBytes;
    std::set<int64_t> notWalked;
    {
        std::lock_guard<std::mutex> g(m_mu);
        remainingBytes = m_remainingBytes;
        for (const PartitionInfo& p : m_startMap.partitions)
            if (!m_walked.count(p.id)) notWalked.insert(p.id);
    }
    const double rate = m_arm.mbps() > 0 ? m_arm.mbps() * 1e6 : 200e6;
    const double remaining = static_cast<double>(remainingBytes) / rate + 2 * m_o.tickSeconds;
    std::vector<Forecast> forecasts = m_predictor->forecast(m_feed.history(), now, remaining);
    double expected = 0;
    for (const Forecast& f : forecasts) {
        bool touchesAhead = notWalked.count(f.partition) || (f.other && notWalked.count(f.other));
        if (touchesAhead && f.expectedSeconds <= remaining) expected += f.probability;
        if (f.probability < m_o.confidence) continue;
        std::vector<int64_t> parts = {f.partition};
        if (f.kind == EventKind::kMerge && f.other) parts.push_back(f.other);
        bool known;
        {
            std::lock_guard<std::mutex> g(m_mu);
            known = std::any_of(m_predictions.begin(), m_predictions.end(), [&](const Prediction& p) {
                return !p.rec.materialized && p.kind == f.kind && p.rec.partition == f.partition &&
                       p.rec.other == f.other;
            });
        }
        if (known) continue;  // one open prediction per unit
        Prediction p;
        p.kind = f.kind;
        p.rec.backupId = m_r.backupId;
        p.rec.madeUs = now;
        p.rec.partition = f.partition;
        p.rec.other = f.kind == EventKind::kMerge ? f.other : 0;
        p.rec.kind = kindText(f.kind);
        p.rec.probability = f.probability;
        p.rec.expectedUs = now + static_cast<int64_t>(f.expectedSeconds * 1e6);
        p.rec.splitKey = f.kind == EventKind::kSplit ? f.key : 0;
        auto id = m_repo.catalog().addPartitionPrediction(p.rec);
        if (!id.isOk()) return id.status();
        p.rec.id = id.value();
        {
            std::lock_guard<std::mutex> g(m_mu);
            m_predictions.push_back(p);
            ++m_r.predictionsMade;
        }
        for (int64_t part : parts) PRESCIENT_RETURN_IF_ERROR(takeShadow(part, now, p.rec.id, false));
    }
    // The foreground's write rate over the last second of flushed statistics.
    const History& h = m_feed.history();
    int64_t newest = 0;
    for (const WriteStats& w : h.stats) newest = std::max(newest, w.bucketUs);
    uint64_t writes = 0;  // per second: the buckets of the last second
    for (const WriteStats& w : h.stats)
        if (w.bucketUs > newest - 1000000) writes += w.inserts + w.updates + w.deletes;
    if (m_arm.adaptive()) {
        ArmDecision d = m_arm.decide(now, expected, remaining, static_cast<double>(writes));
        repo::PartitionRateRecord rr{m_r.backupId, d.timeUs, d.oldMbps, d.newMbps, d.reason};
        PRESCIENT_RETURN_IF_ERROR(m_repo.catalog().addPartitionRateLog(rr));
        ++m_r.rateDecisions;
    }
    return Status::ok();
}

// --- the end ---

}  // namespace prescient::partition::detail
