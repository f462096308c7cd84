// Internal to core/demo: the seeded random draws the workload generators share (not for other modules).
// Draws are mapped to ranges by hand (as in shopdemo.cpp), so a seed gives the same workload everywhere.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "demo/workloads.h"

namespace prescient::demo::detail {

class Rng {
public:
    explicit Rng(uint64_t seed) : m_gen(seed) {}
    uint64_t below(uint64_t n) { return m_gen() % n; }  // uniform in [0, n), n > 0
    int64_t range(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1)));
    }
    bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
    double unit() { return static_cast<double>(m_gen() >> 11) * 0x1.0p-53; }  // [0, 1)
    // In [0, n), skewed toward 0 (density ~ 1/sqrt(x)): the newest rows when counted back from the end.
    uint64_t skewed(uint64_t n) {
        uint64_t u = below(n);
        return u * u / n;
    }

private:
    std::mt19937_64 m_gen;
};

// Ranks in [0, n) with P(r) proportional to 1 / (r + 1)^s.
class Zipf {
public:
    Zipf(size_t n, double s) : m_cdf(n) {
        double sum = 0;
        for (size_t r = 0; r < n; ++r) m_cdf[r] = sum += 1.0 / std::pow(static_cast<double>(r + 1), s);
    }
    size_t draw(Rng& rng) const {
        double u = rng.unit() * m_cdf.back();
        return std::min<size_t>(std::upper_bound(m_cdf.begin(), m_cdf.end(), u) - m_cdf.begin(), m_cdf.size() - 1);
    }

private:
    std::vector<double> m_cdf;
};

// 1..n in a random order: rank -> key, so that popular keys are scattered over the file.
inline std::vector<int64_t> shuffledKeys(int64_t n, Rng& rng) {
    std::vector<int64_t> keys(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) keys[static_cast<size_t>(i)] = i + 1;
    for (size_t i = keys.size(); i > 1; --i) std::swap(keys[i - 1], keys[rng.below(i)]);
    return keys;
}

// The key of Zipf rank r among `keys` when popularity has drifted by `drift` ranks: keys fade slowly
// down the ranking while new ones enter at the top.
inline int64_t driftedKey(const std::vector<int64_t>& keys, size_t rank, uint64_t drift) {
    const size_t n = keys.size();
    return keys[(rank + n - drift % n) % n];
}

// The Chinook workload (shellworkload.cpp): the real sample database through the sqlite3 shell.
Result<std::vector<trace::Episode>> runChinook(const std::string& path, const WorkloadOptions& o);

}  // namespace prescient::demo::detail
