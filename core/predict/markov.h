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
    // off to order 1 for unseen contexts, and both to the page frequencies at a dead end), and the
    // distribution of prefix lengths.
    void fit(const std::vector<Prefix>& prefixes, const std::vector<size_t>& members, int order);
    bool empty() const { return m_start.next.empty(); }

    struct Visits {
        std::vector<double> probability;   // index pgno (0 unused): share of rollouts that read the page
        std::vector<double> meanPosition;  // mean first-read index among those rollouts; kNeverRead if none
    };
    // `rollouts` walks from the start distribution, each as long as a training prefix drawn at random.
    // Deterministic for a given seed.
    Visits rollout(uint32_t pageCount, uint32_t rollouts, uint64_t seed) const;

private:
    struct Row {
        std::vector<uint32_t> next;
        std::vector<uint32_t> cum;  // cumulative counts, parallel to next
        uint32_t sample(uint64_t r) const;
    };
    static void build(std::vector<std::pair<uint64_t, uint32_t>>* pairs, std::unordered_map<uint64_t, Row>* rows);

    int m_order = 1;
    Row m_start;
    Row m_unigram;
    std::unordered_map<uint64_t, Row> m_rows1;  // key: previous page
    std::unordered_map<uint64_t, Row> m_rows2;  // key: page before previous << 32 | previous
    std::vector<uint32_t> m_lengths;            // prefix lengths seen in training
};

// How many rollouts to run for a horizon: fewer for long horizons, to bound the work.
uint32_t rolloutCount(uint32_t horizon);

}  // namespace prescient::predict::detail
