// `prescient partitions forecast|backup|restore`: placeholder until the change predictor and the
// partition backup land (their engineers own this file).
#include "cli/commands.h"

namespace prescient::cli {

int cmdPartitionsMore(const std::string& sub, const Argv& argv) {
    (void)argv;
    return usageError("partitions", "unknown sub-command " + sub);
}

}  // namespace prescient::cli
