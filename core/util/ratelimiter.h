// RateLimiter: a token bucket in bytes per second that a job calls before each unit of I/O.
// The rate may change while the job runs (the hook adaptive rescheduling will drive).
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

#include "util/job.h"

namespace prescient {

class RateLimiter {
public:
    // bytesPerSecond == 0 means unlimited.
    explicit RateLimiter(uint64_t bytesPerSecond = 0);
    void setRate(uint64_t bytesPerSecond);
    uint64_t rate() const { return m_rate.load(); }
    // Blocks until n more bytes may pass. Returns at once when unlimited, and early once cancel fires.
    void acquire(uint64_t n, const CancelToken* cancel = nullptr);

private:
    std::atomic<uint64_t> m_rate;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_next;  // GUARDED_BY(m_mutex): when the bucket is empty again
};

}  // namespace prescient
