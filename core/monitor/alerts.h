// Alert rules over a restore's metrics: which conditions raise an alert, and when.
//
// Thread safety: an AlertMonitor belongs to the one thread that samples the restore's metrics (and
// then calls onFinish). Alerts are plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "monitor/metrics.h"
#include "repo/catalog.h"

namespace prescient::monitor {

struct AlertRules {
    double minHitRate = 0.5;     // "hit-rate": window hit rate below this ...
    double hitRateSeconds = 10;  // ... continuously for this long (only while there are reads)
    double minPrecision = 0.3;   // "precision": at the end, predicted pages read / predicted pages
                                 // (skipped when the application read fewer than kMinPrecisionReads pages)
    double stallSeconds = 30;    // "stalled": no page restored for this long while pages remain
    // "verification": the final check failed (always on)
};

inline constexpr uint64_t kMinPrecisionReads = 100;

struct Alert {
    int64_t id = 0;        // catalog row id (0 before stored)
    int64_t timeUs = 0;    // wall clock, microseconds since the epoch
    std::string rule;      // "hit-rate" | "precision" | "stalled" | "verification"
    std::string severity;  // "warning" | "critical" (verification is critical, the others warnings)
    double value = 0;      // hit-rate and precision: a share 0..1; stalled: seconds; verification: 0
    double threshold = 0;  // in the unit of value
    std::string message;   // English; names the target and the snapshot
    std::string target, snapshotId;
    int64_t restoreId = 0;  // 0 when none
    bool acknowledged = false;
};

repo::AlertRecord toRecord(const Alert& a);
Alert fromRecord(const repo::AlertRecord& r);

class AlertMonitor {
public:
    // target: the restored file; snapshotId: the snapshot being restored; restoreId: its `restores` row
    // (0 when not recorded). They go into every alert.
    AlertMonitor(AlertRules rules, std::string target, std::string snapshotId, int64_t restoreId);

    // Called after each sample with the new point; pagesRemain: the restore still has pages to fetch.
    // Returns the alerts that fire now (id 0, timeUs now). A rule fires once, and may fire again only
    // after its condition cleared: the hit rate back at or above minHitRate in a window with reads, a page
    // restored (or none remaining). A window without reads interrupts a low hit-rate streak.
    std::vector<Alert> onSample(const MetricsPoint& p, bool pagesRemain);

    // At the end. precision < 0 = unknown (skipped); appReads: pages the application read;
    // verifyError: the final verification's status message, "" when it passed.
    std::vector<Alert> onFinish(double precision, uint64_t appReads, const std::string& verifyError);

private:
    Alert make(const std::string& rule, const std::string& severity, double value, double threshold,
               const std::string& what) const;

    AlertRules m_rules;
    std::string m_target, m_snapshotId;
    int64_t m_restoreId;
    double m_lowSince = -1;  // start of the current low hit-rate streak, -1 when none
    bool m_hitRateFired = false;
    double m_lastProgressT = 0;  // when pagesRestored last moved (the start: 0)
    uint64_t m_lastPages = 0;
    bool m_stallFired = false;
};

}  // namespace prescient::monitor
