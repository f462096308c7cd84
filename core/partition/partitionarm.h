// Adaptive Rescheduling Module (DESIGN.md §2 "Partitions"): the rate limit of a partition backup's primary
// copy, moved every tick by what the change predictor expects. Speed up (x up, to the ceiling) when changes
// are predicted on partitions not copied yet within the remaining window, to finish before they happen;
// slow down (x down, to the floor) when none are and the foreground is busy, to leave it the I/O; else hold.
// Every decision is returned with its reason for the backup to log (catalog partition_rate_log).
//
// Thread safety: decide() from one thread at a time; limiter() may be used by any thread (RateLimiter is
// thread-safe).
#pragma once

#include <cstdint>
#include <string>

#include "util/ratelimiter.h"

namespace prescient::partition {

struct ArmOptions {
    double startMbps = 0;  // MB/s (10^6 bytes/s); 0 = unlimited (nothing to adapt)
    double minMbps = 0;    // floor; 0 = startMbps / 4
    double maxMbps = 0;    // ceiling; 0 = startMbps * 4
    double up = 1.5, down = 0.7;
    double expectedChanges = 0.5;      // speed up when at least this many changes are expected
    double busyWritesPerSecond = 200;  // the foreground is busy at or above this write rate
};

struct ArmDecision {
    int64_t timeUs = 0;
    double oldMbps = 0, newMbps = 0;
    std::string reason;
};

class AdaptiveRate {
public:
    explicit AdaptiveRate(const ArmOptions& options);
    RateLimiter* limiter() { return &m_limiter; }
    double mbps() const { return m_mbps; }
    bool adaptive() const { return m_mbps > 0; }
    // One tick: expected = predicted changes (sum of probabilities) touching partitions the primary copy
    // has not reached, due within remainingSeconds; writesPerSecond = the foreground's recent write rate.
    ArmDecision decide(int64_t nowUs, double expected, double remainingSeconds, double writesPerSecond);

private:
    ArmOptions m_o;
    double m_mbps = 0;
    RateLimiter m_limiter;
};

}  // namespace prescient::partition
