// The Markov chain and the "markov" strategy (order 1 or 2, chosen on a validation split).
#include "predict/markov.h"

#include <algorithm>

#include "predict/strategies.h"

namespace prescient::predict::detail {

namespace {

constexpr uint64_t kSeed = 0x5052455343494e54ULL;  // "PRESCINT"

}  // namespace

uint32_t MarkovChain::Rows::sample(size_t r, uint64_t random) const {
    const uint32_t* begin = cum.data() + off[r];
    const uint32_t* end = cum.data() + off[r + 1];
    uint32_t x = static_cast<uint32_t>(random % end[-1]);
    return next[static_cast<size_t>(std::upper_bound(begin, end, x) - cum.data())];
}

MarkovChain::Rows MarkovChain::build(std::vector<std::pair<uint64_t, uint32_t>>* pairs, std::vector<uint64_t>* keys,
                                     uint32_t minCount) {
    std::sort(pairs->begin(), pairs->end());
    Rows rows;
    keys->clear();
    const auto& p = *pairs;
    for (size_t i = 0; i < p.size();) {
        size_t end = i;
        while (end < p.size() && p[end].first == p[i].first) ++end;
        if (end - i >= minCount) {
            keys->push_back(p[i].first);
            uint32_t total = 0;
            for (size_t j = i; j < end;) {
                size_t k = j;
                while (k < end && p[k].second == p[j].second) ++k;
                total += static_cast<uint32_t>(k - j);
                rows.next.push_back(p[j].second);
                rows.cum.push_back(total);
                j = k;
            }
            rows.off.push_back(static_cast<uint32_t>(rows.next.size()));
        }
        i = end;
    }
    return rows;
}

void MarkovChain::fit(const std::vector<Prefix>& prefixes, const std::vector<size_t>& members, int order,
                      uint32_t pageCount) {
    m_order = order == 2 ? 2 : 1;
    m_pageCount = pageCount;
    std::vector<std::pair<uint64_t, uint32_t>> starts, unigram, t1, t2;
    m_lengths.clear();
    for (size_t i : members) {
        const std::vector<uint32_t>& s = prefixes[i].seq;
        if (s.empty()) continue;
        m_lengths.push_back(static_cast<uint32_t>(s.size()));
        starts.emplace_back(0, s[0]);
        for (size_t k = 0; k < s.size(); ++k) {
            unigram.emplace_back(0, s[k]);
            if (k >= 1) t1.emplace_back(s[k - 1], s[k]);
            if (k >= 2 && m_order == 2) t2.emplace_back(uint64_t{s[k - 2]} << 32 | s[k - 1], s[k]);
        }
    }
    std::vector<uint64_t> keys;
    m_start = build(&starts, &keys, 1);
    m_unigram = build(&unigram, &keys, 1);
    // Order 1, dense: an empty row for every page without successors.
    Rows sparse = build(&t1, &keys, 1);
    m_rows1 = Rows();
    m_rows1.off.assign(static_cast<size_t>(pageCount) + 2, 0);
    m_rows1.next = std::move(sparse.next);
    m_rows1.cum = std::move(sparse.cum);
    for (size_t r = 0; r < keys.size(); ++r) m_rows1.off[keys[r] + 1] = sparse.off[r + 1];
    for (size_t pg = 1; pg < m_rows1.off.size(); ++pg) m_rows1.off[pg] = std::max(m_rows1.off[pg], m_rows1.off[pg - 1]);
    // Order 2: only contexts seen at least twice (a single observation says no more than order 1).
    m_rows2 = build(&t2, &keys, 2);
    m_context2.clear();
    m_context2.reserve(keys.size());
    for (size_t r = 0; r < keys.size(); ++r) m_context2.emplace(keys[r], static_cast<uint32_t>(r));
}

MarkovChain::Visits MarkovChain::rollout(uint32_t rollouts, uint64_t seed) const {
    const size_t slots = static_cast<size_t>(m_pageCount) + 1;
    Visits v;
    v.probability.assign(slots, 0.0);
    v.meanPosition.assign(slots, kNeverRead);
    if (empty() || rollouts == 0) return v;
    std::vector<uint32_t> hits(slots, 0);
    std::vector<double> posSum(slots, 0.0);
    std::vector<uint32_t> stamp(slots, 0);
    SplitMix rng{seed};
    for (uint32_t r = 1; r <= rollouts; ++r) {
        uint32_t length = m_lengths[rng() % m_lengths.size()];
        uint32_t before = 0, last = 0;
        for (uint32_t step = 0; step < length; ++step) {
            uint32_t pg = 0;
            if (step == 0) {
                pg = m_start.sample(0, rng());
            } else {
                bool done = false;
                if (m_order == 2 && step >= 2 && !m_context2.empty()) {
                    auto it = m_context2.find(uint64_t{before} << 32 | last);
                    if (it != m_context2.end()) {
                        pg = m_rows2.sample(it->second, rng());
                        done = true;
                    }
                }
                if (!done) pg = m_rows1.has(last) ? m_rows1.sample(last, rng()) : m_unigram.sample(0, rng());
            }
            if (stamp[pg] != r) {
                stamp[pg] = r;
                ++hits[pg];
                posSum[pg] += step;
            }
            before = last;
            last = pg;
        }
    }
    for (size_t pg = 1; pg < slots; ++pg) {
        if (hits[pg] == 0) continue;
        v.probability[pg] = static_cast<double>(hits[pg]) / rollouts;
        v.meanPosition[pg] = posSum[pg] / hits[pg];
    }
    return v;
}

uint32_t rolloutCount(uint32_t horizon) {
    return std::clamp<uint32_t>(4'000'000 / std::max<uint32_t>(horizon, 1), 128, 512);
}

namespace {

class MarkovModel : public RankingTableModel {
public:
    std::string strategy() const override { return "markov"; }

    void buildTables(const std::vector<trace::Episode>& /*episodes*/, const std::vector<Prefix>& prefixes) override {
        m_parameter = static_cast<uint8_t>(chooseOrder(prefixes));
        m_tables = tablesFor(prefixes, profileGroups(prefixes), m_parameter, rolloutCount(m_horizon));
    }

private:
    std::map<std::string, std::vector<RankedPage>> tablesFor(const std::vector<Prefix>& prefixes,
                                                             const std::map<std::string, std::vector<size_t>>& groups,
                                                             int order, uint32_t rollouts) const {
        std::map<std::string, std::vector<RankedPage>> tables;
        uint64_t seed = kSeed;
        for (const auto& [profile, members] : groups) {
            MarkovChain chain;
            chain.fit(prefixes, members, order, m_pageCount);
            MarkovChain::Visits v = chain.rollout(rollouts, seed++);
            std::vector<RankedPage> table;
            for (uint32_t pg = 1; pg <= m_pageCount; ++pg) {
                if (v.probability[pg] > 0) table.push_back(RankedPage{pg, v.probability[pg], v.meanPosition[pg]});
            }
            sortRanked(&table);
            tables[profile] = std::move(table);
        }
        return tables;
    }

    // Order 1 or 2, whichever covers more of the first N reads of the last quarter of the episodes when
    // fitted on the rest (order 1 on a tie, or with fewer than 4 episodes).
    int chooseOrder(const std::vector<Prefix>& prefixes) const {
        if (prefixes.size() < 4) return 1;
        size_t split = prefixes.size() - std::max<size_t>(1, prefixes.size() / 4);
        std::vector<Prefix> fitPart(prefixes.begin(), prefixes.begin() + static_cast<long>(split));
        auto groups = profileGroups(fitPart);
        double best = -1;
        int bestOrder = 1;
        for (int order = 1; order <= 2; ++order) {
            auto tables = tablesFor(fitPart, groups, order, rolloutCount(m_horizon) / 2);
            double covered = 0, reads = 0;
            std::vector<uint32_t> inTop(static_cast<size_t>(m_pageCount) + 1, 0);
            uint32_t stamp = 0;
            for (size_t i = split; i < prefixes.size(); ++i) {
                auto it = tables.find(prefixes[i].profile);
                if (it == tables.end()) it = tables.find("");
                ++stamp;
                const auto& table = it->second;
                for (size_t k = 0; k < table.size() && k < m_horizon; ++k) inTop[table[k].pgno] = stamp;
                for (uint32_t pg : prefixes[i].seq) covered += inTop[pg] == stamp ? 1 : 0;
                reads += static_cast<double>(prefixes[i].seq.size());
            }
            double coverage = reads > 0 ? covered / reads : 0;
            if (coverage > best + 1e-9) {
                best = coverage;
                bestOrder = order;
            }
        }
        return bestOrder;
    }
};

}  // namespace

std::unique_ptr<Model> newMarkovModel() { return std::make_unique<MarkovModel>(); }

}  // namespace prescient::predict::detail
