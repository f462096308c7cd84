// Isotonic calibration (pool-adjacent-violators): a non-decreasing map from a raw score to a probability,
// fitted on (score, 0/1 outcome) pairs. Each block of the fit becomes a knot at its mean score; between
// knots the map is linearly interpolated, beyond them flat. Used by the page ranker (predict/ranker.cpp)
// and the change predictor (partition/cpe.cpp). A plain value: thread-safe once fitted.
#pragma once

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace prescient::predict {

struct IsotonicCalibration {
    std::vector<double> x, y;  // knot scores (ascending) and their probabilities

    static IsotonicCalibration fit(std::vector<std::pair<double, double>> points) {
        std::sort(points.begin(), points.end());
        struct Block {
            double sumX, sumY, n;
        };
        std::vector<Block> blocks;
        for (const auto& [score, label] : points) {
            blocks.push_back(Block{score, label, 1});
            while (blocks.size() >= 2) {
                Block& a = blocks[blocks.size() - 2];
                const Block& b = blocks.back();
                if (a.sumY / a.n < b.sumY / b.n) break;
                a.sumX += b.sumX;
                a.sumY += b.sumY;
                a.n += b.n;
                blocks.pop_back();
            }
        }
        IsotonicCalibration c;
        for (const Block& b : blocks) {
            c.x.push_back(b.sumX / b.n);
            c.y.push_back(b.sumY / b.n);
        }
        return c;
    }

    // The calibrated probability of score; whenEmpty when nothing was fitted.
    double apply(double score, double whenEmpty) const {
        if (x.empty()) return whenEmpty;
        if (score <= x.front()) return y.front();
        if (score >= x.back()) return y.back();
        size_t i = static_cast<size_t>(std::upper_bound(x.begin(), x.end(), score) - x.begin());
        if (x[i] <= x[i - 1]) return y[i];  // two knots at one score
        double t = (score - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + t * (y[i] - y[i - 1]);
    }

    // Knots well-formed (for a model read back from bytes).
    bool valid() const {
        if (x.empty() || x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); ++i) {
            if (!(y[i] >= 0 && y[i] <= 1) || !std::isfinite(x[i])) return false;
            if (i > 0 && !(x[i] > x[i - 1] && y[i] >= y[i - 1])) return false;
        }
        return true;
    }
};

}  // namespace prescient::predict
