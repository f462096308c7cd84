// Output helpers for the CLI: exit codes, error printing, sizes, times, JSON strings, progress line.
#pragma once

#include <cstdint>
#include <string>

#include "util/job.h"
#include "util/status.h"

namespace prescient::cli {

// Documented in the README and in `prescient help`.
enum ExitCode {
    kExitOk = 0,
    kExitFailure = 1,     // I/O error or other failure
    kExitUsage = 2,       // bad command line
    kExitCorruption = 3,  // corruption found (repository, pack, source database)
    kExitNotFound = 4,    // repository, snapshot, source or folder not found
    kExitLocked = 5,      // repository locked by another process (or source busy)
    kExitNoSpace = 6,     // file system full
    kExitInvalid = 7,     // wrong kind of input: not an SQLite database, a folder, target exists
    kExitCancelled = 8,   // interrupted (Ctrl-C)
};

int exitCodeFor(const Status& s);
// Prints "prescient: error: <detail>" to stderr and returns the exit code for s.
int reportError(const Status& s);
std::string humanBytes(uint64_t n);
std::string localTime(int64_t us);  // "2026-11-21 10:42:07"
std::string isoTime(int64_t us);    // "2026-11-21T10:42:07.123456Z"
std::string jsonString(const std::string& s);
// A progress callback drawing "\r<phase> 42% 120.0 MiB" on stderr when it is a terminal.
ProgressFn terminalProgress(const std::string& label);
void endProgressLine();

}  // namespace prescient::cli
