// Alert hooks: a user's shell command run for each alert (e.g. to page someone or post to a chat).
//
// Thread safety: both functions may be called from any thread. Hooks run as child processes; the caller
// never waits for one unless it calls waitForAlertCommands().
#pragma once

#include <string>

#include "monitor/alerts.h"
#include "util/status.h"

namespace prescient::monitor {

// Starts `/bin/sh -c command` without waiting for it (posix_spawn; a detached reaper thread waitpid()s it),
// with the current environment plus PRESCIENT_ALERT_RULE, _SEVERITY, _VALUE, _THRESHOLD, _MESSAGE, _TARGET
// and _SNAPSHOT describing a. Its stdin is /dev/null; stdout and stderr are the caller's.
// Returns ok once the shell is started (whatever the command's exit status), IoError when it cannot be.
Status runAlertCommand(const std::string& command, const Alert& a);

// Waits until every command started by runAlertCommand has exited, at most timeoutSeconds.
// Returns ok when all finished, Busy ("N alert command(s) still running") otherwise.
Status waitForAlertCommands(double timeoutSeconds);

}  // namespace prescient::monitor
