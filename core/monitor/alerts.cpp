#include "monitor/alerts.h"

#include <chrono>
#include <cstdio>
#include <utility>

namespace prescient::monitor {

namespace {

int64_t wallClockUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
    return buf;
}

std::string seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f s", s);
    return buf;
}

}  // namespace

repo::AlertRecord toRecord(const Alert& a) {
    repo::AlertRecord r;
    r.id = a.id;
    r.timeUs = a.timeUs;
    r.rule = a.rule;
    r.severity = a.severity;
    r.value = a.value;
    r.threshold = a.threshold;
    r.message = a.message;
    r.target = a.target;
    r.snapshotId = a.snapshotId;
    r.restoreId = a.restoreId;
    r.acknowledged = a.acknowledged;
    return r;
}

Alert fromRecord(const repo::AlertRecord& r) {
    Alert a;
    a.id = r.id;
    a.timeUs = r.timeUs;
    a.rule = r.rule;
    a.severity = r.severity;
    a.value = r.value;
    a.threshold = r.threshold;
    a.message = r.message;
    a.target = r.target;
    a.snapshotId = r.snapshotId;
    a.restoreId = r.restoreId;
    a.acknowledged = r.acknowledged;
    return a;
}

AlertMonitor::AlertMonitor(AlertRules rules, std::string target, std::string snapshotId, int64_t restoreId)
    : m_rules(rules), m_target(std::move(target)), m_snapshotId(std::move(snapshotId)), m_restoreId(restoreId) {}

Alert AlertMonitor::make(const std::string& rule, const std::string& severity, double value, double threshold,
                         const std::string& what) const {
    Alert a;
    a.timeUs = wallClockUs();
    a.rule = rule;
    a.severity = severity;
    a.value = value;
    a.threshold = threshold;
    a.message = what + " snapshot " + m_snapshotId.substr(0, 12) + " to " + m_target;
    a.target = m_target;
    a.snapshotId = m_snapshotId;
    a.restoreId = m_restoreId;
    return a;
}

std::vector<Alert> AlertMonitor::onSample(const MetricsPoint& p, bool pagesRemain) {
    std::vector<Alert> out;

    if (p.reads == 0) {
        m_lowSince = -1;  // no reads: the streak is interrupted, the rule stays as it was
    } else if (p.hitRate >= m_rules.minHitRate) {
        m_lowSince = -1;
        m_hitRateFired = false;
    } else {
        if (m_lowSince < 0) m_lowSince = p.t;
        double lowFor = p.t - m_lowSince;
        if (!m_hitRateFired && lowFor >= m_rules.hitRateSeconds) {
            m_hitRateFired = true;
            out.push_back(make("hit-rate", "warning", p.hitRate, m_rules.minHitRate,
                               "tier-1/2 hit rate " + percent(p.hitRate) + " below " + percent(m_rules.minHitRate) +
                                   " for " + seconds(lowFor) + " while restoring"));
        }
    }

    if (!pagesRemain || p.pagesRestored != m_lastPages) {
        m_lastPages = p.pagesRestored;
        m_lastProgressT = p.t;
        m_stallFired = false;
    } else {
        double stalledFor = p.t - m_lastProgressT;
        if (!m_stallFired && stalledFor >= m_rules.stallSeconds) {
            m_stallFired = true;
            out.push_back(make("stalled", "warning", stalledFor, m_rules.stallSeconds,
                               "no page restored for " + seconds(stalledFor) + " (" + percent(p.restoredShare) +
                                   " restored) while restoring"));
        }
    }
    return out;
}

std::vector<Alert> AlertMonitor::onFinish(double precision, uint64_t appReads, const std::string& verifyError) {
    std::vector<Alert> out;
    if (precision >= 0 && appReads >= kMinPrecisionReads && precision < m_rules.minPrecision)
        out.push_back(make("precision", "warning", precision, m_rules.minPrecision,
                           "prediction precision " + percent(precision) + " below " + percent(m_rules.minPrecision) +
                               " (the application read " + std::to_string(appReads) + " pages) after restoring"));
    if (!verifyError.empty())
        out.push_back(
            make("verification", "critical", 0, 0, "verification failed (" + verifyError + ") after restoring"));
    return out;
}

}  // namespace prescient::monitor
