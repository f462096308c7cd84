// Internal to predict/: constructors of the strategies, for model.cpp's factories.
#pragma once

#include <cstdint>

#include <memory>
#include <string>

#include "predict/model.h"

namespace prescient::predict::detail {

// SplitMix64: a small, portable generator (the same sequence on every platform), shared by the
// Markov rollouts and the ranker's fold assignment.
struct SplitMix {
    uint64_t state;
    uint64_t operator()() {
        uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
};

std::unique_ptr<Model> newSequentialModel();
std::unique_ptr<Model> newHotsetModel();
std::unique_ptr<Model> newFrequencyModel();
std::unique_ptr<Model> newMarkovModel();
std::unique_ptr<Model> newRankerModel();
// Loads save()'s payload (the envelope already removed) into a fresh model of that strategy.
Result<std::unique_ptr<Model>> loadTableModel(const std::string& strategy, const std::string& payload);
Result<std::unique_ptr<Model>> loadRankerModel(const std::string& payload);

}  // namespace prescient::predict::detail
