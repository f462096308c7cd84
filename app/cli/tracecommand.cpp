// `prescient trace record|list`: run a program under the LD_PRELOAD recorder and keep its page-access
// trace in the repository; list stored traces.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "repo/repository.h"
#include "trace/tracestore.h"
#include "util/sqlitedb.h"

namespace prescient::cli {

namespace {

int traceUsage(const std::string& msg) {
    std::fprintf(stderr, "prescient trace: %s\nRun 'prescient help' for usage.\n", msg.c_str());
    return kExitUsage;
}

std::string exeDir() {
    char buf[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return ".";
    buf[n] = 0;
    return dirName(buf);
}

// The recorder library: $PRESCIENT_RECORDER, beside this executable (build tree), or ../lib/prescient
// (installed: /usr/bin/prescient finds /usr/lib/prescient/libprescient_recorder.so).
Result<std::string> findRecorder() {
    if (const char* env = std::getenv("PRESCIENT_RECORDER"); env && *env) {
        if (::access(env, R_OK) == 0) return std::string(env);
        return Status::notFound("recorder library " + std::string(env) + " (PRESCIENT_RECORDER) does not exist");
    }
    std::string dir = exeDir();
    for (const std::string& p : {dir + "/libprescient_recorder.so", dir + "/../lib/prescient/libprescient_recorder.so"})
        if (::access(p.c_str(), R_OK) == 0) return absolutePath(p);
    return Status::notFound("recorder library libprescient_recorder.so not found beside " + dir + " nor in " + dir +
                            "/../lib/prescient (set PRESCIENT_RECORDER)");
}

std::string baseName(const std::string& path) {
    auto pos = path.find_last_of('/');
    return pos == std::string::npos ? path : path.substr(pos + 1);
}

Result<uint32_t> sourcePageSize(const std::string& source) {
    auto db = SqliteDb::open(source, SQLITE_OPEN_READONLY);
    if (!db.isOk()) return db.status();
    auto ps = db->queryInt("PRAGMA page_size");
    if (!ps.isOk()) return ps.status().withContext("source " + source);
    return static_cast<uint32_t>(ps.value());
}

int traceRecord(const Argv& argv) {
    Args args;
    std::string err;
    if (!args.parse(argv, {"repo", "source", "profile"}, {}, &err)) return traceUsage(err);
    const char* envRepo = std::getenv("PRESCIENT_REPO");
    std::string repoDir = args.value("repo", envRepo ? envRepo : "");
    if (repoDir.empty()) return traceUsage("no repository: give --repo DIR or set PRESCIENT_REPO");
    if (!args.has("source")) return traceUsage("record needs --source DB");
    if (args.positionals().empty()) return traceUsage("record needs a command after --");
    std::string source = absolutePath(args.value("source"));
    Env* env = Env::posix();
    auto st = env->stat(source);
    if (!st.isOk()) return reportError(Status::notFound("source database " + source + " does not exist"));
    if (st->kind != FileInfo::Kind::kFile)
        return reportError(Status::invalidArgument("source " + source + " is not a file"));
    auto pageSize = sourcePageSize(source);
    if (!pageSize.isOk())
        return reportError(pageSize.status().code() == Status::Code::kInvalidArgument
                               ? Status::invalidArgument("source " + source + " is not an SQLite database")
                               : pageSize.status());
    {
        auto probe = repo::Repository::open(env, repoDir, repo::Repository::Access::kRead);  // fail before running
        if (!probe.isOk()) return reportError(probe.status());
    }
    auto recorder = findRecorder();
    if (!recorder.isOk()) return reportError(recorder.status());

    const char* tmpdir = std::getenv("TMPDIR");
    // Absolute: the traced program may change directory before it opens the database.
    std::string tmpl = absolutePath(std::string(tmpdir && *tmpdir ? tmpdir : "/tmp")) + "/prescient-trace-XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return reportError(Status::fromErrno(errno, "create temp trace file in " + dirName(tmpl)));
    // The magic goes in now, once: the recorders in the command's processes only append records.
    bool magicOk = ::write(fd, "PRSCRAW1", 8) == 8;
    ::close(fd);
    struct TmpFile {
        std::string path;
        bool keep = false;
        ~TmpFile() {
            if (!keep) ::unlink(path.c_str());
        }
    } tmp{tmpl};
    if (!magicOk) return reportError(Status::fromErrno(errno, "write " + tmpl));

    const std::vector<std::string>& cmd = args.positionals();
    pid_t child = ::fork();
    if (child < 0) return reportError(Status::fromErrno(errno, "fork"));
    if (child == 0) {
        const char* old = std::getenv("LD_PRELOAD");
        std::string preload = recorder.value() + (old && *old ? ":" + std::string(old) : "");
        ::setenv("LD_PRELOAD", preload.c_str(), 1);
        ::setenv("PRESCIENT_TRACE_FILE", tmp.path.c_str(), 1);
        ::setenv("PRESCIENT_TRACE_SOURCE", source.c_str(), 1);
        std::vector<char*> cargv;
        for (const auto& a : cmd) cargv.push_back(const_cast<char*>(a.c_str()));
        cargv.push_back(nullptr);
        ::execvp(cargv[0], cargv.data());
        std::fprintf(stderr, "prescient: error: cannot run %s: %s\n", cmd[0].c_str(), std::strerror(errno));
        ::_exit(127);
    }
    // Ctrl-C reaches the command through the terminal; a signal sent to us alone is passed on. Either
    // way the command is reaped and nothing is stored.
    int wstatus = 0;
    bool forwarded = false;
    while (::waitpid(child, &wstatus, 0) < 0 && errno == EINTR) {
        if (interruptToken().isCancelled() && !forwarded) {
            ::kill(child, SIGTERM);
            forwarded = true;
        }
    }
    if (interruptToken().isCancelled())
        return reportError(Status::cancelled("interrupted: the trace of '" + cmd[0] + "' was not stored"));
    int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);

    auto trace = trace::readRecorderFile(tmp.path);
    if (!trace.isOk()) return reportError(trace.status());
    if (trace->events.empty()) {
        if (code == 127) return reportError(Status::notFound("command " + cmd[0] + " could not be run"));
        return reportError(Status::invalidArgument(
            "no page of " + source + " was read by '" + cmd[0] +
            "': check that it opens this database file and uses the system libsqlite3 (exit status " +
            std::to_string(code) + ")"));
    }
    trace->profile = args.value("profile", baseName(cmd[0]));
    trace->pageSize = pageSize.value();
    auto repo = repo::Repository::open(env, repoDir, repo::Repository::Access::kWrite);
    Result<int64_t> id = repo.isOk() ? trace::storeTrace(repo.value()->catalog(), source, trace.value())
                                     : Result<int64_t>(repo.status());
    if (!id.isOk()) {
        // A recording can be long: keep it rather than lose it to a busy or full repository.
        tmp.keep = true;
        std::fprintf(stderr, "prescient: note: the recorded trace is kept in %s\n", tmp.path.c_str());
        return reportError(id.status());
    }
    size_t episodes = trace::episodesOf(trace.value()).size();
    std::fprintf(stderr, "trace %lld of %s: profile %s, %zu page accesses in %zu episode(s)%s\n",
                 static_cast<long long>(id.value()), source.c_str(), trace->profile.c_str(), trace->events.size(),
                 episodes, code ? (", command exited with status " + std::to_string(code)).c_str() : "");
    std::printf("%lld\n", static_cast<long long>(id.value()));
    return kExitOk;
}

int traceList(const Argv& argv) {
    Args args;
    std::string err;
    if (!args.parse(argv, {"repo", "source"}, {"json"}, &err)) return traceUsage(err);
    const char* envRepo = std::getenv("PRESCIENT_REPO");
    std::string repoDir = args.value("repo", envRepo ? envRepo : "");
    if (repoDir.empty()) return traceUsage("no repository: give --repo DIR or set PRESCIENT_REPO");
    auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
    if (!repo.isOk()) return reportError(repo.status());
    std::string source = args.has("source") ? absolutePath(args.value("source")) : "";
    auto list = repo.value()->catalog().listTraces(source);
    if (!list.isOk()) return reportError(list.status());
    if (args.has("json")) {
        std::printf("[");
        for (size_t i = 0; i < list->size(); ++i) {
            const auto& t = list->at(i);
            std::printf(
                "%s\n  {\"id\": %lld, \"source\": %s, \"profile\": %s, \"recorded\": %s, \"events\": %llu, "
                "\"episodes\": %llu, \"page_size\": %u, \"bytes\": %llu}",
                i ? "," : "", static_cast<long long>(t.id), jsonString(t.sourcePath).c_str(),
                jsonString(t.profile).c_str(), jsonString(isoTime(t.recordedUs)).c_str(),
                static_cast<unsigned long long>(t.events), static_cast<unsigned long long>(t.episodes), t.pageSize,
                static_cast<unsigned long long>(t.bytes));
        }
        std::printf("%s]\n", list->empty() ? "" : "\n");
        return kExitOk;
    }
    if (list->empty()) {
        std::printf("no traces%s\n", source.empty() ? "" : (" of " + source).c_str());
        return kExitOk;
    }
    std::printf("%6s  %-19s  %-14s  %9s  %8s  %9s  %s\n", "ID", "RECORDED", "PROFILE", "ACCESSES", "EPISODES", "SIZE",
                "SOURCE");
    for (const auto& t : list.value())
        std::printf("%6lld  %-19s  %-14s  %9llu  %8llu  %9s  %s\n", static_cast<long long>(t.id),
                    localTime(t.recordedUs).c_str(), t.profile.c_str(), static_cast<unsigned long long>(t.events),
                    static_cast<unsigned long long>(t.episodes), humanBytes(t.bytes).c_str(), t.sourcePath.c_str());
    return kExitOk;
}

}  // namespace

int cmdTrace(const Argv& argv) {
    if (argv.empty()) return traceUsage("expected 'record' or 'list'");
    Argv rest(argv.begin() + 1, argv.end());
    if (argv[0] == "record") return traceRecord(rest);
    if (argv[0] == "list") return traceList(rest);
    return traceUsage("unknown subcommand '" + argv[0] + "' (expected 'record' or 'list')");
}

}  // namespace prescient::cli
