// Internal to predict/: an order-1 or order-2 Markov chain over page transitions in episode starts (the
// first N reads), and Monte Carlo rollouts that turn it into, per page, the probability of a read within
// the first N reads and the expected position of the first read. Used by the "markov" strategy and as a
// feature of the "ranker". A fitted chain is immutable: rollout() may run on several threads at once.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "predict/episodestats.h"

namespace prescient::predict::detail {

class MarkovChain {
public:
    // Learns from prefixes[members]: start pages, transitions of the given order (1 or 2; order 2 backs
    // off to order 1 for contexts seen fewer than twice, and both to the page frequencies at a dead end),
    // and the distribution of prefix lengths. Pages are 1..pageCount.
    void fit(const std::vector<Prefix>& prefixes, const std::vector<size_t>& members, int order, uint32_t pageCount);
    bool empty() const { return m_start.next.empty(); }

    struct Visits {
        std::vector<double> probability;   // index pgno (0 unused): share of rollouts that read the page
        std::vector<double> meanPosition;  // mean first-read index among those rollouts; kNeverRead if none
    };
    // `rollouts` walks from the start distribution, each as long as a training prefix drawn at random.
    // Deterministic for a given seed.
    Visits rollout(uint32_t rollouts, uint64_t seed) const;

private:
    // Successor lists in compressed rows: row r holds next[off[r] .. off[r + 1]) with cumulative counts.
    struct Rows {
        std::vector<uint32_t> off{0};
        std::vector<uint32_t> next;
        std::vector<uint32_t> cum;
        bool has(size_t r) const { return r + 1 < off.size() && off[r + 1] > off[r]; }
        uint32_t sample(size_t r, uint64_t random) const;
    };
    // Sorted (key, next) pairs -> rows; keys[i] receives the key of row i.
    static Rows build(std::vector<std::pair<uint64_t, uint32_t>>* pairs, std::vector<uint64_t>* keys,
                      uint32_t minCount);

    int m_order = 1;
    uint32_t m_pageCount = 0;
    Rows m_start;    // one row
    Rows m_unigram;  // one row
    Rows m_rows1;    // row = previous page (dense: 0..pageCount)
    Rows m_rows2;    // row = m_context2[page before previous << 32 | previous]
    std::unordered_map<uint64_t, uint32_t> m_context2;
    std::vector<uint32_t> m_lengths;  // prefix lengths seen in training
};

// How many rollouts to run for a horizon: fewer for long horizons, to bound the work.
uint32_t rolloutCount(uint32_t horizon);

}  // namespace prescient::predict::detail
