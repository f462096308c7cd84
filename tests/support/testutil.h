// Shared helpers of the Qt Test suites: Status checks and one-call backup/restore through the real
// repository code. Header-only; include after <QTest>.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

#include "capture/backup.h"
#include "repo/repository.h"
#include "restore/plainrestore.h"

#define PRESCIENT_VERIFY_OK(expr)                     \
    do {                                              \
        const ::prescient::Status _st = (expr);       \
        QVERIFY2(_st.isOk(), _st.toString().c_str()); \
    } while (0)

namespace prescient::test {

// Opens the repository for writing, backs up source, closes. The repository's lock is released after.
inline Result<repo::SnapshotInfo> backupOnce(Env* env, const std::string& repoDir, const std::string& source,
                                             const std::string& tag = "", RateLimiter* rate = nullptr) {
    auto r = repo::Repository::open(env, repoDir, repo::Repository::Access::kWrite);
    if (!r.isOk()) return r.status();
    capture::BackupOptions opts;
    opts.tag = tag;
    opts.rate = rate;
    return capture::backupDatabase(*r.value(), source, opts);
}

// Restores snapshot `spec` (id, prefix or "latest") to target.
inline Status restoreOnce(Env* env, const std::string& repoDir, const std::string& spec, const std::string& target,
                          bool force = false) {
    auto r = repo::Repository::open(env, repoDir, repo::Repository::Access::kRead);
    if (!r.isOk()) return r.status();
    auto snap = r.value()->resolveSnapshot(spec);
    if (!snap.isOk()) return snap.status();
    restore::RestoreOptions opts;
    opts.force = force;
    return restore::restoreSnapshot(*r.value(), snap.value(), target, opts).status();
}

inline std::string str(const QString& s) { return s.toStdString(); }

// Runs the real `prescient` executable (built beside the tests) and collects its exit code and output.
struct CliRun {
    int code = -1;
    QString out;
    QString err;
};
inline CliRun runCli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                     int timeoutMs = 120000) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PRESCIENT_CLI_PATH), args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

}  // namespace prescient::test
