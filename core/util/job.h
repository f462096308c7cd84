// Job plumbing shared by every long operation in core (backup, restore, verify): a progress callback
// and a cancellation token. The callback runs on the job's thread; it must be cheap and must not block.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace prescient {

struct Progress {
    std::string phase;   // "copy", "verify", "commit"...: what the job is doing now
    uint64_t done = 0;   // units done in this phase (pages, blobs, packs)
    uint64_t total = 0;  // 0 when unknown
    uint64_t bytes = 0;  // bytes processed so far in this phase
};

using ProgressFn = std::function<void(const Progress&)>;

// Set from any thread (a signal handler included: it is a lock-free atomic); jobs poll it.
class CancelToken {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

// What every job takes. All fields optional.
struct JobControl {
    ProgressFn progress;
    const CancelToken* cancel = nullptr;
    bool cancelled() const { return cancel && cancel->isCancelled(); }
    void report(const Progress& p) const {
        if (progress) progress(p);
    }
};

}  // namespace prescient
