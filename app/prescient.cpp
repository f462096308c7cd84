// prescient: command-line entry point. Dispatches to the subcommands in cli/.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"
#include "cli/output.h"

using namespace prescient::cli;

namespace {
void onInterrupt(int) { interruptToken().cancel(); }
}  // namespace

int main(int argc, char** argv) {
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    if (argc < 2) {
        std::fputs(usageText(), stderr);
        return kExitUsage;
    }
    std::string command = argv[1];
    Argv rest(argv + 2, argv + argc);
    for (const auto& a : rest) {
        if (a == "--") break;  // what follows belongs to a traced command
        if (a == "--help" || a == "-h") command = "help";
    }
    if (command == "help" || command == "--help" || command == "-h") {
        std::fputs(usageText(), stdout);
        return kExitOk;
    }
    if (command == "init") return cmdInit(rest);
    if (command == "backup") return cmdBackup(rest);
    if (command == "snapshots") return cmdSnapshots(rest);
    if (command == "restore") return cmdRestore(rest);
    if (command == "verify") return cmdVerify(rest);
    if (command == "demo") return cmdDemo(rest);
    if (command == "trace") return cmdTrace(rest);
    if (command == "train") return cmdTrain(rest);
    if (command == "evaluate") return cmdEvaluate(rest);
    if (command == "predict") return cmdPredict(rest);
    if (command == "sql") return cmdSql(rest);
    if (command == "restores") return cmdRestores(rest);
    if (command == "alerts") return cmdAlerts(rest);
    if (command == "report") return cmdReport(rest);
    if (command == "partitions") return cmdPartitions(rest);
    std::fprintf(stderr, "prescient: unknown command '%s'\nRun 'prescient help' for usage.\n", command.c_str());
    return kExitUsage;
}
