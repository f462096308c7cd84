// The adaptive prefetch queue of an instant restore: in which order background workers fetch pages.
//
// An instant restore makes a database usable before all its pages are restored. Workers take batches of
// pages from this queue; the application's live page reads feed back into it. The queue owns only the
// order: which pages are still to be fetched, which were handed out, which need no fetching any more. It
// promises that each page of the stream order is handed out at most once, never after markDone(), and that
// every such page is handed out eventually unless marked done first. Ranked pages come first, by
// priority = confidence x latency saved; live reads raise the priority of their likely successors
// (SuccessorTable) above any static ranking, and predicted pages the application passes by sink.
//
// Memory: 5 bytes per page, plus the stream order, the latencies, and a heap of the ranked and boosted
// pages. observeRead() is O(successors + log n) and does not allocate in the common path.
//
// Thread safety: SuccessorTable is immutable after construction (any number of readers). Every method of
// PrefetchQueue may be called from any thread at any time (one internal mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

#include "predict/model.h"
#include "trace/trace.h"

namespace prescient::restore {

// First-order page transitions learned from recorded episodes: for each page, its most likely next pages.
class SuccessorTable {
public:
    struct Next {
        uint32_t pgno = 0;
        float probability = 0;  // count(a->pgno) / count(a->*), over all successors of a (kept or not)
    };

    SuccessorTable() = default;
    // From each episode's reads: consecutive pairs a->b with a != b; a pair with a page outside
    // 1..pageCount is dropped (not bridged). For every page a, the `perPage` most frequent b, most frequent
    // first (ties by lower b).
    static SuccessorTable fromEpisodes(const std::vector<trace::Episode>& episodes, uint32_t pageCount,
                                       size_t perPage = 4);
    // The successors of pgno, most likely first; empty when it has none (or is out of range). O(log pages
    // with successors); the span stays valid as long as the table.
    std::span<const Next> of(uint32_t pgno) const;
    bool empty() const { return m_keys.empty(); }

private:
    std::vector<uint32_t> m_keys;     // pages with successors, ascending
    std::vector<uint32_t> m_offsets;  // m_keys.size() + 1 entries: m_keys[i]'s successors are
                                      // m_next[m_offsets[i] .. m_offsets[i + 1])
    std::vector<Next> m_next;
};

struct QueueStats {
    uint64_t predicted = 0;      // pages in the ranking with confidence > 0 (the predicted set)
    uint64_t predictedDone = 0;  // of those, pages marked done
    uint64_t predictedRead = 0;  // of those, pages the application read (observeRead) at least once
    uint64_t reads = 0;          // observeRead calls
    uint64_t boosts = 0;         // priority raises from feedback (successors, boost())
    uint64_t demotions = 0;      // predicted pages sunk because the application passed them by
    uint64_t remaining = 0;      // pages of the stream order not yet handed out and not done
};

class PrefetchQueue {
public:
    // Live evidence outranks the static ranking: a boost is worth probability x latency x kLiveBoost.
    static constexpr double kLiveBoost = 4.0;
    // A demoted page keeps this fraction of its priority.
    static constexpr double kDemotion = 0.1;

    // Pages are 1..pageCount. `ranking`: the model's ranked pages; entries with confidence <= 0 or out of
    // range are ignored, and of a page listed twice the first entry counts. `streamOrder`: every page the
    // restore must still fetch, in the order that keeps the store streaming (sorted by pack and offset);
    // pages not in it are never handed out, out-of-range entries and repeats are skipped. `latencyUs`: per
    // page index (pgno - 1) the expected cost of fetching it on demand; empty (or a missing or negative
    // entry) = 1.0. `successors` drives the feedback of observeRead().
    PrefetchQueue(uint32_t pageCount, const std::vector<predict::RankedPage>& ranking,
                  std::vector<uint32_t> streamOrder, std::vector<float> latencyUs = {}, SuccessorTable successors = {});
    PrefetchQueue(const PrefetchQueue&) = delete;
    PrefetchQueue& operator=(const PrefetchQueue&) = delete;

    // Up to n pages to fetch next, best first: pages with a positive priority by priority (ties: lower
    // expectedPosition, then lower pgno), then the rest in stream order. Each page is handed out at most
    // once and never after markDone(). Empty when nothing is left.
    std::vector<uint32_t> popBatch(size_t n);
    // The page needs no fetching any more (restored by a worker, fetched on demand, or written by the
    // application). Idempotent; out-of-range pages are ignored.
    void markDone(uint32_t pgno);
    // The application read pgno. Counts it; raises each successor's priority to at least
    // probability x latency x kLiveBoost; and advances the read clock: a predicted page whose
    // expectedPosition < reads / 2 - 16, not read, not done and not handed out, is demoted once
    // (priority x kDemotion). Does not mark pgno done.
    void observeRead(uint32_t pgno);
    // Raises pgno's priority to at least probability x latency x kLiveBoost (structural hints: the
    // children of a B-tree interior page just read). No effect on pages handed out, done or not in the
    // stream order.
    void boost(uint32_t pgno, double probability);
    QueueStats stats() const;

private:
    struct Entry {
        double expectedPosition;  // tiebreak: lower first
        float priority;           // stale when it differs from m_priority[pgno - 1]
        uint32_t pgno;
    };
    struct Ranked {
        uint32_t pgno;
        double expectedPosition;
    };

    static bool heapLess(const Entry& x, const Entry& y);  // x comes out after y
    bool pendingLocked(uint32_t pgno) const;
    double expectedPositionLocked(uint32_t pgno) const;
    void boostLocked(uint32_t pgno, double probability);
    void pushLocked(uint32_t pgno, float priority);

    const uint32_t m_pageCount;
    const std::vector<float> m_latency;
    const SuccessorTable m_successors;
    const std::vector<uint32_t> m_stream;
    std::vector<Ranked> m_rankedByPgno;      // the predicted set, ascending pgno
    std::vector<Ranked> m_rankedByPosition;  // the predicted set, ascending expectedPosition (demotion clock)

    mutable std::mutex m_mutex;
    std::vector<uint8_t> m_state;   // GUARDED_BY(m_mutex): per page index, k* flags of the .cpp
    std::vector<float> m_priority;  // GUARDED_BY(m_mutex): per page index; > 0 = served by the heap
    std::vector<Entry> m_heap;      // GUARDED_BY(m_mutex): lazy max-heap, stale entries skipped
    uint64_t m_live = 0;            // GUARDED_BY(m_mutex): pending pages with priority > 0
    size_t m_streamCursor = 0;      // GUARDED_BY(m_mutex): m_stream's pages before it are handed out,
                                    // done, or served by the heap
    size_t m_demotionCursor = 0;    // GUARDED_BY(m_mutex): into m_rankedByPosition
    QueueStats m_stats;             // GUARDED_BY(m_mutex)
};

}  // namespace prescient::restore
