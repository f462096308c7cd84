#include "predict/model.h"

#include "predict/modelcodec.h"
#include "predict/strategies.h"

namespace prescient::predict {

namespace {

Status unknownStrategy(const std::string& strategy) {
    std::string known;
    for (const std::string& s : strategyNames()) known += (known.empty() ? "" : ", ") + s;
    return Status::invalidArgument("unknown prediction strategy '" + strategy + "' (known: " + known + ")");
}

}  // namespace

const std::vector<std::string>& strategyNames() {
    static const std::vector<std::string> kNames = {"sequential", "hotset", "frequency", "markov", "ranker"};
    return kNames;
}

Result<std::unique_ptr<Model>> makeModel(const std::string& strategy) {
    if (strategy == "sequential") return detail::newSequentialModel();
    if (strategy == "hotset") return detail::newHotsetModel();
    if (strategy == "frequency") return detail::newFrequencyModel();
    if (strategy == "markov") return detail::newMarkovModel();
    if (strategy == "ranker") return detail::newRankerModel();
    return unknownStrategy(strategy);
}

Result<std::unique_ptr<Model>> loadModel(const std::string& strategy, const std::string& bytes) {
    bool known = false;
    for (const std::string& s : strategyNames()) known = known || s == strategy;
    if (!known) return unknownStrategy(strategy);
    auto payload = detail::unwrapModel(strategy, bytes);
    if (!payload.isOk()) return payload.status();
    if (strategy == "ranker") return detail::loadRankerModel(payload.value());
    return detail::loadTableModel(strategy, payload.value());
}

}  // namespace prescient::predict
