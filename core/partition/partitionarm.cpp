#include "partition/partitionarm.h"

#include <algorithm>
#include <cstdio>

namespace prescient::partition {

namespace {
uint64_t bytesPerSecond(double mbps) { return static_cast<uint64_t>(mbps * 1e6); }
}  // namespace

AdaptiveRate::AdaptiveRate(const ArmOptions& options) : m_o(options), m_mbps(std::max(0.0, options.startMbps)) {
    if (m_o.minMbps <= 0) m_o.minMbps = m_mbps / 4;
    if (m_o.maxMbps <= 0) m_o.maxMbps = m_mbps * 4;
    m_o.maxMbps = std::max(m_o.maxMbps, m_o.minMbps);
    m_limiter.setRate(bytesPerSecond(m_mbps));
}

ArmDecision AdaptiveRate::decide(int64_t nowUs, double expected, double remainingSeconds, double writesPerSecond) {
    ArmDecision d;
    d.timeUs = nowUs;
    d.oldMbps = d.newMbps = m_mbps;
    char why[256];
    if (!adaptive()) {
        d.reason = "unlimited rate: nothing to adapt";
        return d;
    }
    if (expected >= m_o.expectedChanges) {
        d.newMbps = std::min(m_o.maxMbps, m_mbps * m_o.up);
        std::snprintf(why, sizeof why,
                      "%.2f change(s) predicted within the remaining %.1f s on partitions not copied yet: %s", expected,
                      remainingSeconds, d.newMbps > m_mbps ? "speed up to finish first" : "at the ceiling");
    } else if (writesPerSecond >= m_o.busyWritesPerSecond) {
        d.newMbps = std::max(m_o.minMbps, m_mbps * m_o.down);
        std::snprintf(why, sizeof why, "%.2f change(s) predicted in the window, foreground busy (%.0f writes/s): %s",
                      expected, writesPerSecond, d.newMbps < m_mbps ? "slow down" : "at the floor");
    } else {
        std::snprintf(why, sizeof why, "%.2f change(s) predicted in the window, foreground quiet (%.0f writes/s): hold",
                      expected, writesPerSecond);
    }
    d.reason = why;
    m_mbps = d.newMbps;
    m_limiter.setRate(bytesPerSecond(m_mbps));
    return d;
}

}  // namespace prescient::partition
