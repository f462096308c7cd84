#include "predict/episodestats.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "predict/modelcodec.h"

namespace prescient::predict::detail {

uint32_t resolveHorizon(uint32_t requested, size_t pageCount) {
    if (requested > 0) return requested;
    return std::max<uint32_t>(1, static_cast<uint32_t>((pageCount + 9) / 10));
}

std::vector<Prefix> prefixesOf(const std::vector<trace::Episode>& episodes, uint32_t horizon, uint32_t pageCount) {
    std::vector<Prefix> out;
    out.reserve(episodes.size());
    std::vector<uint32_t> seen(static_cast<size_t>(pageCount) + 1, 0);
    uint32_t stamp = 0;
    for (const trace::Episode& e : episodes) {
        ++stamp;
        Prefix p;
        p.profile = e.profile;
        size_t n = std::min<size_t>(horizon, e.reads.size());
        for (size_t i = 0; i < n; ++i) {
            uint32_t pg = e.reads[i];
            if (pg == 0 || pg > pageCount) continue;
            p.seq.push_back(pg);
            if (seen[pg] != stamp) {
                seen[pg] = stamp;
                p.pages.push_back(pg);
                p.firstPos.push_back(static_cast<uint32_t>(i));
            }
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::map<std::string, std::vector<size_t>> profileGroups(const std::vector<Prefix>& prefixes) {
    std::map<std::string, std::vector<size_t>> groups;
    auto& all = groups[""];
    for (size_t i = 0; i < prefixes.size(); ++i) {
        all.push_back(i);
        if (!prefixes[i].profile.empty()) groups[prefixes[i].profile].push_back(i);
    }
    return groups;
}

void sortRanked(std::vector<RankedPage>* pages) {
    std::sort(pages->begin(), pages->end(), [](const RankedPage& a, const RankedPage& b) {
        if (a.confidence != b.confidence) return a.confidence > b.confidence;
        if (a.expectedPosition != b.expectedPosition) return a.expectedPosition < b.expectedPosition;
        return a.pgno < b.pgno;
    });
}

std::vector<RankedPage> RankingTableModel::rank(const std::string& profile, size_t topN) const {
    auto it = m_tables.find(profile);
    if (it == m_tables.end()) it = m_tables.find("");
    if (it == m_tables.end()) return {};
    const auto& table = it->second;
    return std::vector<RankedPage>(table.begin(), table.begin() + static_cast<long>(std::min(topN, table.size())));
}

std::string RankingTableModel::save() const {
    ByteWriter w;
    w.u32(m_pageCount);
    w.u32(m_horizon);
    w.u8(m_parameter);
    w.u32(static_cast<uint32_t>(m_tables.size()));
    for (const auto& [profile, table] : m_tables) {
        w.str(profile);
        w.u32(static_cast<uint32_t>(table.size()));
        for (const RankedPage& p : table) {
            w.u32(p.pgno);
            w.f64(p.confidence);
            w.f64(p.expectedPosition);
        }
    }
    return wrapModel(strategy(), w.bytes());
}

Status RankingTableModel::load(const std::string& payload) {
    auto bad = [&](const std::string& why) { return Status::corruption(strategy() + " model: " + why); };
    ByteReader r(payload);
    m_pageCount = r.u32();
    m_horizon = r.u32();
    m_parameter = r.u8();
    uint32_t tables = r.u32();
    m_tables.clear();
    for (uint32_t t = 0; t < tables && r.ok(); ++t) {
        std::string profile = r.str();
        uint32_t n = r.u32();
        if (!r.ok() || n > m_pageCount || r.remaining() < static_cast<size_t>(n) * 20) return bad("truncated table");
        std::vector<RankedPage> table(n);
        for (RankedPage& p : table) {
            p.pgno = r.u32();
            p.confidence = r.f64();
            p.expectedPosition = r.f64();
            if (p.pgno == 0 || p.pgno > m_pageCount || !(p.confidence >= 0 && p.confidence <= 1)) {
                return bad("page entry out of range");
            }
        }
        m_tables[profile] = std::move(table);
    }
    if (!r.ok() || !r.atEnd()) return bad("malformed table section");
    if (m_horizon == 0 || m_tables.find("") == m_tables.end()) return bad("no table for all profiles");
    return Status::ok();
}

Status RankingTableModel::train(const std::vector<trace::Episode>& episodes, const PageCatalog& catalog,
                                const TrainOptions& options) {
    if (episodes.empty()) return Status::invalidArgument(strategy() + ": no episodes to train on");
    if (catalog.pages.empty()) return Status::invalidArgument(strategy() + ": the page catalog is empty");
    m_tables.clear();
    m_pageCount = catalog.pageCount();
    m_horizon = resolveHorizon(options.horizon, m_pageCount);
    m_parameter = 0;
    try {
        buildTables(episodes, prefixesOf(episodes, m_horizon, m_pageCount));
    } catch (const std::exception& e) {
        m_tables.clear();
        return Status::ioError(strategy() + ": training failed: " + e.what());
    }
    return Status::ok();
}

}  // namespace prescient::predict::detail
