// The baseline strategies: sequential (page order), hotset (reload the last resident set in block order,
// as pg_prewarm's autoprewarm and InnoDB's buffer-pool dump do) and frequency.
#include <algorithm>
#include <cmath>

#include "predict/episodestats.h"
#include "predict/strategies.h"

namespace prescient::predict::detail {

namespace {

constexpr uint32_t kSequentialBlocks = 20;  // sequential's confidence: the base rate per page-number block
constexpr size_t kHotsetCalibrationPairs = 16;

class SequentialModel : public RankingTableModel {
public:
    std::string strategy() const override { return "sequential"; }
    void buildTables(const std::vector<trace::Episode>& /*episodes*/, const std::vector<Prefix>& prefixes) override {
        uint32_t blockSize = (m_pageCount + kSequentialBlocks - 1) / kSequentialBlocks;
        for (const auto& [profile, members] : profileGroups(prefixes)) {
            std::vector<double> hits(kSequentialBlocks, 0), posSum(kSequentialBlocks, 0);
            for (size_t i : members) {
                const Prefix& p = prefixes[i];
                for (size_t k = 0; k < p.pages.size(); ++k) {
                    uint32_t b = (p.pages[k] - 1) / blockSize;
                    hits[b] += 1;
                    posSum[b] += p.firstPos[k];
                }
            }
            std::vector<RankedPage> table(m_pageCount);
            for (uint32_t pg = 1; pg <= m_pageCount; ++pg) {
                uint32_t b = (pg - 1) / blockSize;
                uint32_t size = std::min(m_pageCount, (b + 1) * blockSize) - b * blockSize;
                table[pg - 1] = RankedPage{pg, hits[b] / (static_cast<double>(size) * members.size()),
                                           hits[b] > 0 ? posSum[b] / hits[b] : kNeverRead};
            }
            m_tables[profile] = std::move(table);
        }
    }
};

class HotsetModel : public RankingTableModel {
public:
    std::string strategy() const override { return "hotset"; }
    void buildTables(const std::vector<trace::Episode>& episodes, const std::vector<Prefix>& prefixes) override {
        std::vector<uint32_t> stamp(static_cast<size_t>(m_pageCount) + 1, 0);
        uint32_t round = 0;
        for (const auto& [profile, members] : profileGroups(prefixes)) {
            // The confidence: how many of the resident set's pages the next episode read within the
            // first N, over the last few consecutive pairs of the training episodes.
            double hits = 0, offered = 0;
            size_t firstPair =
                members.size() > kHotsetCalibrationPairs + 1 ? members.size() - kHotsetCalibrationPairs : 1;
            for (size_t t = firstPair; t < members.size(); ++t) {
                std::vector<RankedPage> set = residentSet(episodes, members, t);
                ++round;
                for (uint32_t pg : prefixes[members[t]].pages) stamp[pg] = round;
                for (const RankedPage& p : set) hits += stamp[p.pgno] == round ? 1 : 0;
                offered += static_cast<double>(set.size());
            }
            double confidence = 0;
            if (offered > 0) {
                confidence = hits / offered;
            } else {
                double distinct = 0;
                for (size_t i : members) distinct += static_cast<double>(prefixes[i].pages.size());
                confidence = distinct / (static_cast<double>(members.size()) * m_pageCount);
            }
            std::vector<RankedPage> set = residentSet(episodes, members, members.size());
            for (RankedPage& p : set) p.confidence = confidence;
            m_tables[profile] = std::move(set);
        }
    }

private:
    // The last m_horizon distinct pages read by members[0..end) (most recently used first when walking
    // back), in page-number order. expectedPosition: the page's first read index in its episode.
    std::vector<RankedPage> residentSet(const std::vector<trace::Episode>& episodes, const std::vector<size_t>& members,
                                        size_t end) const {
        std::vector<RankedPage> set;
        std::vector<bool> taken(static_cast<size_t>(m_pageCount) + 1, false);
        std::vector<uint32_t> firstRead(static_cast<size_t>(m_pageCount) + 1, 0);
        for (size_t m = end; m-- > 0 && set.size() < m_horizon;) {
            const std::vector<uint32_t>& reads = episodes[members[m]].reads;
            for (size_t i = reads.size(); i-- > 0;) {  // backwards: firstRead ends at the first read
                if (reads[i] > 0 && reads[i] <= m_pageCount) firstRead[reads[i]] = static_cast<uint32_t>(i);
            }
            for (size_t i = reads.size(); i-- > 0 && set.size() < m_horizon;) {
                uint32_t pg = reads[i];
                if (pg == 0 || pg > m_pageCount || taken[pg]) continue;
                taken[pg] = true;
                set.push_back(RankedPage{pg, 0, static_cast<double>(firstRead[pg])});
            }
        }
        std::sort(set.begin(), set.end(), [](const RankedPage& a, const RankedPage& b) { return a.pgno < b.pgno; });
        return set;
    }
};

class FrequencyModel : public RankingTableModel {
public:
    std::string strategy() const override { return "frequency"; }
    void buildTables(const std::vector<trace::Episode>& /*episodes*/, const std::vector<Prefix>& prefixes) override {
        for (const auto& [profile, members] : profileGroups(prefixes)) {
            std::vector<uint32_t> count(static_cast<size_t>(m_pageCount) + 1, 0);
            std::vector<double> posSum(static_cast<size_t>(m_pageCount) + 1, 0);
            for (size_t i : members) {
                const Prefix& p = prefixes[i];
                for (size_t k = 0; k < p.pages.size(); ++k) {
                    ++count[p.pages[k]];
                    posSum[p.pages[k]] += p.firstPos[k];
                }
            }
            std::vector<RankedPage> table;
            for (uint32_t pg = 1; pg <= m_pageCount; ++pg) {
                if (count[pg] == 0) continue;
                table.push_back(
                    RankedPage{pg, static_cast<double>(count[pg]) / members.size(), posSum[pg] / count[pg]});
            }
            sortRanked(&table);
            m_tables[profile] = std::move(table);
        }
    }
};

}  // namespace

std::unique_ptr<Model> newSequentialModel() { return std::make_unique<SequentialModel>(); }
std::unique_ptr<Model> newHotsetModel() { return std::make_unique<HotsetModel>(); }
std::unique_ptr<Model> newFrequencyModel() { return std::make_unique<FrequencyModel>(); }

Result<std::unique_ptr<Model>> loadTableModel(const std::string& strategy, const std::string& payload) {
    std::unique_ptr<Model> model;
    if (strategy == "sequential") {
        model = newSequentialModel();
    } else if (strategy == "hotset") {
        model = newHotsetModel();
    } else if (strategy == "frequency") {
        model = newFrequencyModel();
    } else if (strategy == "markov") {
        model = newMarkovModel();
    } else {
        return Status::invalidArgument("unknown prediction strategy '" + strategy + "'");
    }
    PRESCIENT_RETURN_IF_ERROR(static_cast<RankingTableModel*>(model.get())->load(payload));
    return model;
}

}  // namespace prescient::predict::detail
