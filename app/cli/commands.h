// The `prescient` subcommands. Each takes the arguments after its name and returns the exit code.
// They print results on stdout, errors and progress on stderr.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "restore/plainrestore.h"
#include "util/job.h"

namespace prescient::cli {

using Argv = std::vector<std::string>;

// Cancelled by SIGINT/SIGTERM (installed by main).
CancelToken& interruptToken();

int cmdInit(const Argv& argv);
int cmdBackup(const Argv& argv);
int cmdSnapshots(const Argv& argv);
int cmdRestore(const Argv& argv);
int cmdVerify(const Argv& argv);
int cmdDemo(const Argv& argv);
int cmdTrace(const Argv& argv);
int cmdTrain(const Argv& argv);
int cmdEvaluate(const Argv& argv);
int cmdPredict(const Argv& argv);
int cmdSql(const Argv& argv);
int cmdRestores(const Argv& argv);
int cmdAlerts(const Argv& argv);
// `report` (reportcommand.cpp): PDF, HTML, CSV or JSON of the repository's history.
int cmdReport(const Argv& argv);
// `partitions create|status|check|churn` (partitioncommand.cpp); other sub-commands go to
// cmdPartitionsMore (partitionmore.cpp) with the arguments after the sub-command.
int cmdPartitions(const Argv& argv);
int cmdPartitionsMore(const std::string& sub, const Argv& argv);

class Args;
// Shared by the subcommands. usageError prints "prescient COMMAND: MESSAGE" and returns kExitUsage.
int usageError(const std::string& command, const std::string& message);
// Parses argv and resolves --repo (default $PRESCIENT_REPO). Returns false after printing a usage error
// (*exitCode set).
bool parseWithRepo(const std::string& command, const Argv& argv, std::set<std::string> valueOptions,
                   const std::set<std::string>& flags, Args* args, std::string* repoDir, int* exitCode);
// --check full|quick|none (default full).
bool parseCheck(const std::string& command, const Args& args, restore::StructureCheck* check, int* exitCode);

// `restore --instant` (instantcommand.cpp), after cmdRestore parsed the arguments.
int cmdInstantRestore(const Args& args, const std::string& repoDir);

// The text of `prescient help`.
const char* usageText();

}  // namespace prescient::cli
