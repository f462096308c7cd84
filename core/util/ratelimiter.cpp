#include "util/ratelimiter.h"

#include <algorithm>
#include <thread>

namespace prescient {

RateLimiter::RateLimiter(uint64_t bytesPerSecond) : m_rate(bytesPerSecond), m_next(std::chrono::steady_clock::now()) {}

void RateLimiter::setRate(uint64_t bytesPerSecond) { m_rate.store(bytesPerSecond); }

void RateLimiter::acquire(uint64_t n, const CancelToken* cancel) {
    uint64_t rate = m_rate.load();
    if (rate == 0) return;
    std::chrono::steady_clock::time_point wakeAt;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto now = std::chrono::steady_clock::now();
        // Allow a burst of at most 100 ms worth of bytes after an idle period.
        auto burst = std::chrono::milliseconds(100);
        if (m_next < now - burst) m_next = now - burst;
        m_next += std::chrono::nanoseconds(static_cast<int64_t>(n * 1e9 / rate));
        wakeAt = m_next;
    }
    // In slices, so that a cancelled job stops waiting at once even at a very low rate.
    while (std::chrono::steady_clock::now() < wakeAt) {
        if (cancel && cancel->isCancelled()) return;
        std::this_thread::sleep_until(std::min(wakeAt, std::chrono::steady_clock::now() + std::chrono::milliseconds(50)));
    }
}

}  // namespace prescient
