// Internal to predict/: what every strategy needs from episodes — the horizon, the first N reads of each
// episode as distinct pages with their first positions, profile groups — and the ranking-table model
// that the table strategies (sequential, hotset, frequency, markov) share.
// Pure functions; a RankingTableModel is immutable after train/load (see model.h for thread safety).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "predict/model.h"

namespace prescient::predict::detail {

// requested, or 10% of pageCount (rounded up); at least 1.
uint32_t resolveHorizon(uint32_t requested, size_t pageCount);

// The first `horizon` reads of one episode. Reads of page 0 or beyond the catalog are skipped as pages
// (they still take a position).
struct Prefix {
    std::string profile;
    std::vector<uint32_t> seq;       // valid page numbers in read order (repeats kept)
    std::vector<uint32_t> pages;     // distinct pages, in order of first read
    std::vector<uint32_t> firstPos;  // parallel to pages: index of the first read
};
std::vector<Prefix> prefixesOf(const std::vector<trace::Episode>& episodes, uint32_t horizon, uint32_t pageCount);

// Indexes of the prefixes of each non-empty profile, plus "" -> all of them.
std::map<std::string, std::vector<size_t>> profileGroups(const std::vector<Prefix>& prefixes);

// Best first: confidence descending, expected position ascending, page number ascending.
void sortRanked(std::vector<RankedPage>* pages);

// A model that precomputes, per profile ("" = any), a ranked list of pages. Serialized as
// u32 page count, u32 horizon, u8 strategy parameter, u32 table count, then per table: str profile,
// u32 n, n x (u32 pgno, f64 confidence, f64 expected position).
class RankingTableModel : public Model {
public:
    std::vector<RankedPage> rank(const std::string& profile, size_t topN) const override;
    std::string save() const override;
    // Parses save()'s payload (without the envelope). Corruption naming the strategy.
    Status load(const std::string& payload);

    // Checks the inputs, sets m_pageCount and m_horizon, cuts the prefixes and calls buildTables(); an
    // exception from it becomes a Status and leaves the model untrained.
    Status train(const std::vector<trace::Episode>& episodes, const PageCatalog& catalog,
                 const TrainOptions& options) final;

protected:
    // Fills m_tables (and m_parameter) from the episodes (time order) and their first N reads.
    virtual void buildTables(const std::vector<trace::Episode>& episodes, const std::vector<Prefix>& prefixes) = 0;
    uint32_t m_pageCount = 0;
    uint32_t m_horizon = 0;
    uint8_t m_parameter = 0;                                  // strategy-specific (markov: its order)
    std::map<std::string, std::vector<RankedPage>> m_tables;  // in rank order, best first
};

}  // namespace prescient::predict::detail
