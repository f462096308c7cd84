#include "monitor/alerthook.h"

#include <charconv>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

extern char** environ;

namespace prescient::monitor {

namespace {

// Never destroyed: reaper threads are detached and may outlive static destruction at exit.
struct Running {
    std::mutex mutex;
    std::condition_variable done;
    int count = 0;  // GUARDED_BY(mutex): hooks started and not yet reaped
};
Running& running() {
    static Running* r = new Running;
    return *r;
}

void reap(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    Running& r = running();
    std::lock_guard<std::mutex> lock(r.mutex);
    --r.count;
    r.done.notify_all();
}

std::string number(double v) {
    char buf[32];  // to_chars: never the process locale's decimal comma
    auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6).ptr;
    return std::string(buf, end);
}

}  // namespace

Status runAlertCommand(const std::string& command, const Alert& a) {
    const std::pair<const char*, std::string> vars[] = {
        {"PRESCIENT_ALERT_RULE", a.rule},           {"PRESCIENT_ALERT_SEVERITY", a.severity},
        {"PRESCIENT_ALERT_VALUE", number(a.value)}, {"PRESCIENT_ALERT_THRESHOLD", number(a.threshold)},
        {"PRESCIENT_ALERT_MESSAGE", a.message},     {"PRESCIENT_ALERT_TARGET", a.target},
        {"PRESCIENT_ALERT_SNAPSHOT", a.snapshotId},
    };
    // The caller's environment without any stale copy of our variables, then ours.
    std::vector<std::string> owned;
    for (char** e = environ; e && *e; ++e) {
        bool ours = false;
        for (const auto& v : vars) {
            size_t n = std::strlen(v.first);
            if (std::strncmp(*e, v.first, n) == 0 && (*e)[n] == '=') ours = true;
        }
        if (!ours) owned.emplace_back(*e);
    }
    for (const auto& v : vars) owned.push_back(std::string(v.first) + "=" + v.second);
    std::vector<char*> envp;
    for (auto& s : owned) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string shell = "/bin/sh", dashC = "-c", cmd = command;
    char* argv[] = {shell.data(), dashC.data(), cmd.data(), nullptr};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);  // the caller's thread may block signals: the hook must not
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    Running& r = running();
    {
        // Counted before the spawn so that a waiter never sees zero while a hook is starting.
        std::lock_guard<std::mutex> lock(r.mutex);
        ++r.count;
    }
    int rc = ::posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        {
            std::lock_guard<std::mutex> lock(r.mutex);
            --r.count;
            r.done.notify_all();
        }
        return Status::ioError("alert command for " + a.rule + " alert: cannot start /bin/sh: " + std::strerror(rc));
    }
    try {
        std::thread(reap, pid).detach();
    } catch (const std::exception&) {
        reap(pid);  // no thread to spare: wait here rather than leave a zombie
    }
    return Status::ok();
}

Status waitForAlertCommands(double timeoutSeconds) {
    Running& r = running();
    std::unique_lock<std::mutex> lock(r.mutex);
    auto limit = std::chrono::duration<double>(timeoutSeconds < 0 ? 0 : timeoutSeconds);
    if (r.done.wait_for(lock, limit, [&] { return r.count == 0; })) return Status::ok();
    return Status::busy(std::to_string(r.count) + " alert command(s) still running after " + number(timeoutSeconds) +
                        " s");
}

}  // namespace prescient::monitor
