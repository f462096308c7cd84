#include "restore/prefetchqueue.h"

#include <algorithm>
#include <limits>

namespace prescient::restore {

namespace {

// Per-page state bits (PrefetchQueue::m_state).
constexpr uint8_t kInStream = 1;    // in the stream order: to be fetched
constexpr uint8_t kHanded = 2;      // handed out by popBatch
constexpr uint8_t kDone = 4;        // marked done
constexpr uint8_t kRead = 8;        // read by the application at least once
constexpr uint8_t kPredicted = 16;  // in the ranking with confidence > 0

// Demotion starts after this many reads beyond twice a page's expected position.
constexpr double kDemotionSlack = 16.0;
// Compaction of the lazy heap when it holds more than twice the live entries plus this.
constexpr size_t kHeapSlack = 1024;

}  // namespace

// --- SuccessorTable ---

SuccessorTable SuccessorTable::fromEpisodes(const std::vector<trace::Episode>& episodes, uint32_t pageCount,
                                            size_t perPage) {
    SuccessorTable t;
    if (perPage == 0) return t;
    std::vector<uint64_t> pairs;  // a << 32 | b
    for (const trace::Episode& e : episodes) {
        for (size_t i = 1; i < e.reads.size(); ++i) {
            const uint32_t a = e.reads[i - 1], b = e.reads[i];
            if (a == b || a == 0 || b == 0 || a > pageCount || b > pageCount) continue;
            pairs.push_back(uint64_t{a} << 32 | b);
        }
    }
    std::sort(pairs.begin(), pairs.end());

    struct Count {
        uint32_t b;
        uint64_t n;
    };
    std::vector<Count> counts;
    t.m_offsets.push_back(0);
    for (size_t i = 0; i < pairs.size();) {
        const uint32_t a = static_cast<uint32_t>(pairs[i] >> 32);
        counts.clear();
        uint64_t total = 0;
        for (; i < pairs.size() && static_cast<uint32_t>(pairs[i] >> 32) == a; ++i) {
            const uint32_t b = static_cast<uint32_t>(pairs[i]);
            if (!counts.empty() && counts.back().b == b) {
                ++counts.back().n;
            } else {
                counts.push_back({b, 1});
            }
            ++total;
        }
        // counts is in ascending b: a stable sort by count keeps lower b first among equals.
        std::stable_sort(counts.begin(), counts.end(), [](const Count& x, const Count& y) { return x.n > y.n; });
        const size_t keep = std::min(perPage, counts.size());
        for (size_t k = 0; k < keep; ++k) {
            t.m_next.push_back({counts[k].b, static_cast<float>(static_cast<double>(counts[k].n) / total)});
        }
        t.m_keys.push_back(a);
        t.m_offsets.push_back(static_cast<uint32_t>(t.m_next.size()));
    }
    if (t.m_keys.empty()) t.m_offsets.clear();
    return t;
}

std::span<const SuccessorTable::Next> SuccessorTable::of(uint32_t pgno) const {
    auto it = std::lower_bound(m_keys.begin(), m_keys.end(), pgno);
    if (it == m_keys.end() || *it != pgno) return {};
    const size_t i = static_cast<size_t>(it - m_keys.begin());
    return std::span<const Next>(m_next.data() + m_offsets[i], m_offsets[i + 1] - m_offsets[i]);
}

// --- PrefetchQueue ---

namespace {

std::vector<float> normalisedLatency(std::vector<float> latency, uint32_t pageCount) {
    if (latency.empty()) return latency;
    latency.resize(pageCount, 1.0f);
    for (float& l : latency) {
        if (!(l >= 0)) l = 1.0f;  // negative or NaN
    }
    return latency;
}

}  // namespace

PrefetchQueue::PrefetchQueue(uint32_t pageCount, const std::vector<predict::RankedPage>& ranking,
                             std::vector<uint32_t> streamOrder, std::vector<float> latencyUs, SuccessorTable successors)
    : m_pageCount(pageCount),
      m_latency(normalisedLatency(std::move(latencyUs), pageCount)),
      m_successors(std::move(successors)),
      m_stream(std::move(streamOrder)),
      m_state(pageCount, 0),
      m_priority(pageCount, 0.0f) {
    for (uint32_t pg : m_stream) {
        if (pg == 0 || pg > m_pageCount || (m_state[pg - 1] & kInStream)) continue;
        m_state[pg - 1] |= kInStream;
        ++m_stats.remaining;
    }
    for (const predict::RankedPage& r : ranking) {
        if (r.pgno == 0 || r.pgno > m_pageCount || !(r.confidence > 0)) continue;
        uint8_t& state = m_state[r.pgno - 1];
        if (state & kPredicted) continue;  // the first entry of a page counts
        state |= kPredicted;
        ++m_stats.predicted;
        m_rankedByPgno.push_back({r.pgno, r.expectedPosition});
        const float priority = static_cast<float>(r.confidence * (m_latency.empty() ? 1.0 : m_latency[r.pgno - 1]));
        if ((state & kInStream) && priority > 0) {
            m_priority[r.pgno - 1] = priority;
            m_heap.push_back({r.expectedPosition, priority, r.pgno});
            ++m_live;
        }
    }
    m_rankedByPosition = m_rankedByPgno;
    std::sort(m_rankedByPgno.begin(), m_rankedByPgno.end(),
              [](const Ranked& x, const Ranked& y) { return x.pgno < y.pgno; });
    std::stable_sort(m_rankedByPosition.begin(), m_rankedByPosition.end(),
                     [](const Ranked& x, const Ranked& y) { return x.expectedPosition < y.expectedPosition; });
    m_heap.reserve(m_heap.size() + kHeapSlack * 4);
    std::make_heap(m_heap.begin(), m_heap.end(), heapLess);
}

bool PrefetchQueue::heapLess(const Entry& x, const Entry& y) {
    if (x.priority != y.priority) return x.priority < y.priority;
    if (x.expectedPosition != y.expectedPosition) return x.expectedPosition > y.expectedPosition;
    return x.pgno > y.pgno;
}

bool PrefetchQueue::pendingLocked(uint32_t pgno) const {
    return (m_state[pgno - 1] & (kInStream | kHanded | kDone)) == kInStream;
}

double PrefetchQueue::expectedPositionLocked(uint32_t pgno) const {
    if (!(m_state[pgno - 1] & kPredicted)) return predict::kNeverRead;
    auto it = std::lower_bound(m_rankedByPgno.begin(), m_rankedByPgno.end(), pgno,
                               [](const Ranked& r, uint32_t pg) { return r.pgno < pg; });
    return it->expectedPosition;
}

void PrefetchQueue::pushLocked(uint32_t pgno, float priority) {
    m_priority[pgno - 1] = priority;
    if (m_heap.size() >= 2 * m_live + kHeapSlack) {
        // Drop stale entries (pages handed out, done, or re-prioritised since), in place.
        std::erase_if(
            m_heap, [this](const Entry& e) { return !pendingLocked(e.pgno) || e.priority != m_priority[e.pgno - 1]; });
        std::make_heap(m_heap.begin(), m_heap.end(), heapLess);
    }
    m_heap.push_back({expectedPositionLocked(pgno), priority, pgno});
    std::push_heap(m_heap.begin(), m_heap.end(), heapLess);
}

std::vector<uint32_t> PrefetchQueue::popBatch(size_t n) {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<uint32_t> out;
    out.reserve(static_cast<size_t>(std::min<uint64_t>(n, m_stats.remaining)));
    while (out.size() < n && !m_heap.empty()) {
        const Entry e = m_heap.front();
        std::pop_heap(m_heap.begin(), m_heap.end(), heapLess);
        m_heap.pop_back();
        if (!pendingLocked(e.pgno) || e.priority != m_priority[e.pgno - 1]) continue;  // stale
        m_state[e.pgno - 1] |= kHanded;
        --m_live;
        --m_stats.remaining;
        out.push_back(e.pgno);
    }
    // The heap is empty when this runs: every pending page left has priority 0.
    while (out.size() < n && m_streamCursor < m_stream.size()) {
        const uint32_t pg = m_stream[m_streamCursor++];
        if (pg == 0 || pg > m_pageCount || !pendingLocked(pg)) continue;
        m_state[pg - 1] |= kHanded;
        --m_stats.remaining;
        out.push_back(pg);
    }
    return out;
}

void PrefetchQueue::markDone(uint32_t pgno) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (pgno == 0 || pgno > m_pageCount) return;
    uint8_t& state = m_state[pgno - 1];
    if (state & kDone) return;
    if (pendingLocked(pgno)) {
        --m_stats.remaining;
        if (m_priority[pgno - 1] > 0) --m_live;
    }
    state |= kDone;
    if (state & kPredicted) ++m_stats.predictedDone;
}

void PrefetchQueue::boostLocked(uint32_t pgno, double probability) {
    if (pgno == 0 || pgno > m_pageCount || !pendingLocked(pgno)) return;
    const double latency = m_latency.empty() ? 1.0 : m_latency[pgno - 1];
    const float priority = static_cast<float>(probability * latency * kLiveBoost);
    float& current = m_priority[pgno - 1];
    if (!(priority > current)) return;  // also NaN
    if (current == 0) ++m_live;
    ++m_stats.boosts;
    pushLocked(pgno, priority);
}

void PrefetchQueue::boost(uint32_t pgno, double probability) {
    std::lock_guard<std::mutex> lock(m_mutex);
    boostLocked(pgno, probability);
}

void PrefetchQueue::observeRead(uint32_t pgno) {
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_stats.reads;
    if (pgno != 0 && pgno <= m_pageCount) {
        uint8_t& state = m_state[pgno - 1];
        if (!(state & kRead)) {
            state |= kRead;
            if (state & kPredicted) ++m_stats.predictedRead;
        }
        for (const SuccessorTable::Next& s : m_successors.of(pgno)) boostLocked(s.pgno, s.probability);
    }
    // The read clock: predicted pages the application should have read by now and has not.
    const double clock = static_cast<double>(m_stats.reads) / 2 - kDemotionSlack;
    while (m_demotionCursor < m_rankedByPosition.size() &&
           m_rankedByPosition[m_demotionCursor].expectedPosition < clock) {
        const uint32_t pg = m_rankedByPosition[m_demotionCursor++].pgno;
        const float current = m_priority[pg - 1];
        if (!pendingLocked(pg) || (m_state[pg - 1] & kRead) || current <= 0) continue;
        // Stays positive (served by the heap, before the stream) however small the priority.
        const float demoted =
            std::max(static_cast<float>(current * kDemotion), std::numeric_limits<float>::denorm_min());
        ++m_stats.demotions;
        pushLocked(pg, demoted);
    }
}

QueueStats PrefetchQueue::stats() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_stats;
}

}  // namespace prescient::restore
