// Internal to predict/: constructors of the strategies, for model.cpp's factories.
#pragma once

#include <memory>
#include <string>

#include "predict/model.h"

namespace prescient::predict::detail {

std::unique_ptr<Model> newSequentialModel();
std::unique_ptr<Model> newHotsetModel();
std::unique_ptr<Model> newFrequencyModel();
std::unique_ptr<Model> newMarkovModel();
std::unique_ptr<Model> newRankerModel();
// Loads save()'s payload (the envelope already removed) into a fresh model of that strategy.
Result<std::unique_ptr<Model>> loadTableModel(const std::string& strategy, const std::string& payload);
Result<std::unique_ptr<Model>> loadRankerModel(const std::string& payload);

}  // namespace prescient::predict::detail
