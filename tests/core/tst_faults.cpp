// Fault injection through the Env: during a backup, an I/O error once and for good, ENOSPC, and a crash
// before each fsync (every point, in a loop). After each fault the repository must pass verify (warnings
// for unreferenced packs allowed), the old snapshot must restore to the old content, and a new snapshot
// exists only if it restores to the new content. A restore hitting ENOSPC leaves nothing behind.
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

#include "repo/verify.h"
#include "support/faultenv.h"
#include "support/testdb.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;
using Fault = FaultEnv::Fault;

class TestFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void crashBeforeEachSync();
    void ioErrorOnceAtEachWrite();
    void ioErrorPersistentAtEachWrite();
    void noSpaceDuringBackup();
    void noSpaceDuringRestore();
    void sameRepositoryAfterFailure();

private:
    // Copies the pristine repository (one snapshot of v1) to a fresh folder.
    std::string freshRepo();
    // Runs one backup of v2 through env with the fault armed; returns its status.
    Status faultyBackup(FaultEnv& env, const std::string& repoDir, Fault fault, int n);
    // Checks the repository after a fault: verify clean, v1 restores, a v2 snapshot (if any) restores.
    void checkAfterFault(const std::string& repoDir, const std::string& label);
    int countFaultPoints(bool syncs);
    void loopOverWrites(Fault fault);

    QTemporaryDir m_tmp;
    std::string m_pristine, m_v1, m_v2, m_hashV1, m_hashV2, m_snapV1;
    int m_runs = 0;
    std::string path(const std::string& n) { return str(m_tmp.filePath(QString::fromStdString(n))); }
};

void TestFaults::initTestCase() {
    m_v1 = path("v1.db");
    m_v2 = path("v2.db");
    std::string err;
    // Big enough for pages of every kind, small enough to loop over every fault point.
    QVERIFY2(makeDatabase(m_v1, 4096, false, 300, false, 21, &err), err.c_str());
    QVERIFY(copyFile(m_v1, m_v2));
    {
        auto db = SqliteDb::open(m_v2, SQLITE_OPEN_READWRITE);
        QVERIFY(db.isOk());
        PRESCIENT_VERIFY_OK(
            db->exec("CREATE TABLE extra(x); INSERT INTO extra SELECT randomblob(300) FROM "
                     "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<60) SELECT i FROM n)"));
    }
    m_hashV1 = logicalHash(m_v1);
    m_hashV2 = logicalHash(m_v2);
    QVERIFY(m_hashV1 != m_hashV2);
    m_pristine = path("pristine");
    PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), m_pristine));
    auto snap = backupOnce(Env::posix(), m_pristine, m_v1, "v1");
    QVERIFY2(snap.isOk(), snap.status().toString().c_str());
    m_snapV1 = snap->id;
}

std::string TestFaults::freshRepo() {
    std::string dir = path("run" + std::to_string(++m_runs));
    std::filesystem::copy(m_pristine, dir, std::filesystem::copy_options::recursive);
    return dir;
}

Status TestFaults::faultyBackup(FaultEnv& env, const std::string& repoDir, Fault fault, int n) {
    env.arm(fault, n);
    auto r = repo::Repository::open(&env, repoDir, repo::Repository::Access::kWrite);
    if (!r.isOk()) return r.status();
    capture::BackupOptions opts;
    opts.tag = "v2";
    return capture::backupDatabase(*r.value(), m_v2, opts).status();
}

void TestFaults::checkAfterFault(const std::string& repoDir, const std::string& label) {
    Env* env = Env::posix();
    auto r = repo::Repository::open(env, repoDir, repo::Repository::Access::kRead);
    QVERIFY2(r.isOk(), (label + ": " + r.status().toString()).c_str());
    auto report = repo::verifyRepository(*r.value(), /*readData=*/true);
    QVERIFY2(report.isOk(), (label + ": " + report.status().toString()).c_str());
    for (const auto& p : report->problems) QVERIFY2(!p.error, (label + ": " + p.object + ": " + p.message).c_str());
    auto snaps = r.value()->catalog().listSnapshots();
    QVERIFY(snaps.isOk());
    QVERIFY2(snaps->size() == 1 || snaps->size() == 2, label.c_str());
    std::string t1 = repoDir + "-v1.db";
    PRESCIENT_VERIFY_OK(restoreOnce(env, repoDir, m_snapV1, t1));
    QCOMPARE(logicalHash(t1), m_hashV1);
    if (snaps->size() == 2) {
        std::string t2 = repoDir + "-v2.db";
        PRESCIENT_VERIFY_OK(restoreOnce(env, repoDir, snaps->back().id, t2));
        QCOMPARE(logicalHash(t2), m_hashV2);
    }
}

int TestFaults::countFaultPoints(bool syncs) {
    FaultEnv env(Env::posix());
    std::string dir = freshRepo();
    Status s = faultyBackup(env, dir, Fault::kNone, 0);
    if (!s.isOk()) qFatal("backup without faults failed: %s", s.toString().c_str());
    return syncs ? env.syncs() : env.writes();
}

void TestFaults::crashBeforeEachSync() {
    int points = countFaultPoints(/*syncs=*/true);
    qInfo("a backup makes %d fsyncs (files, folders, catalog)", points);
    QVERIFY(points >= 4);
    int committed = 0;
    for (int k = 0; k < points; ++k) {
        std::string dir = freshRepo();
        bool reportedOk = false;
        {
            FaultEnv env(Env::posix());
            Status s = faultyBackup(env, dir, Fault::kCrash, k);
            QVERIFY2(env.crashed(), ("crash point " + std::to_string(k) + " was not reached").c_str());
            // Crash points after the commit (the catalog's checkpoint on close) come after success.
            reportedOk = s.isOk();
            env.dropUnsyncedData();
        }
        std::string label = "crash before fsync " + std::to_string(k);
        checkAfterFault(dir, label);
        if (QTest::currentTestFailed()) return;
        auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
        bool hasNew = r.value()->catalog().listSnapshots()->size() == 2;
        // A backup that reported success must survive the crash.
        QVERIFY2(!reportedOk || hasNew, (label + ": a committed snapshot was lost").c_str());
        committed += hasNew;
    }
    qInfo("%d of %d crash points left the new snapshot committed", committed, points);
    QVERIFY(committed > 0 && committed < points);
}

void TestFaults::loopOverWrites(Fault fault) {
    int points = countFaultPoints(/*syncs=*/false);
    qInfo("a backup makes %d writes", points);
    QVERIFY(points >= 4);
    for (int k = 0; k < points; ++k) {
        std::string dir = freshRepo();
        Status s;
        {
            FaultEnv env(Env::posix());
            s = faultyBackup(env, dir, fault, k);
        }
        if (!s.isOk()) {
            QVERIFY2(s.code() == Status::Code::kIoError || s.code() == Status::Code::kNoSpace, s.toString().c_str());
        }
        checkAfterFault(dir, "fault at write " + std::to_string(k) + " (" + s.toString() + ")");
        if (QTest::currentTestFailed()) return;
        // After a transient error the next backup succeeds.
        auto again = backupOnce(Env::posix(), dir, m_v2);
        QVERIFY2(again.isOk(), again.status().toString().c_str());
    }
}

void TestFaults::ioErrorOnceAtEachWrite() { loopOverWrites(Fault::kIoErrorOnce); }
void TestFaults::ioErrorPersistentAtEachWrite() { loopOverWrites(Fault::kIoErrorPersistent); }

void TestFaults::noSpaceDuringBackup() {
    std::string dir = freshRepo();
    FaultEnv env(Env::posix());
    Status s = faultyBackup(env, dir, Fault::kNoSpace, 0);
    QCOMPARE(s.code(), Status::Code::kNoSpace);
    QVERIFY2(s.detail().find("No space left on device") != std::string::npos, s.detail().c_str());
    QVERIFY2(s.detail().find(dir) != std::string::npos, s.detail().c_str());  // names the file
    checkAfterFault(dir, "ENOSPC");
}

void TestFaults::noSpaceDuringRestore() {
    std::string dir = freshRepo();
    QDir(m_tmp.path()).mkdir("restore-target");
    std::string target = path("restore-target/db.sqlite");
    for (int k = 0; k < 3; ++k) {
        FaultEnv env(Env::posix());
        env.arm(Fault::kNoSpace, k);
        Status s = restoreOnce(&env, dir, m_snapV1, target);
        QCOMPARE(s.code(), Status::Code::kNoSpace);
        QVERIFY2(s.detail().find("restore-target") != std::string::npos, s.detail().c_str());
        QVERIFY(QDir(m_tmp.filePath("restore-target")).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
}

void TestFaults::sameRepositoryAfterFailure() {
    // A backup that fails midway is abandoned cleanly: the same open repository then backs up again,
    // and the result names exactly its own pages, with no leftover temp or unreferenced pack.
    std::string dir = freshRepo();
    FaultEnv env(Env::posix());
    auto r = repo::Repository::open(&env, dir, repo::Repository::Access::kWrite);
    QVERIFY(r.isOk());
    env.arm(Fault::kNoSpace, 0);
    capture::BackupOptions opts;
    QCOMPARE(capture::backupDatabase(*r.value(), m_v2, opts).status().code(), Status::Code::kNoSpace);
    env.arm(Fault::kNone, 0);
    auto snap = capture::backupDatabase(*r.value(), m_v2, opts);
    QVERIFY2(snap.isOk(), snap.status().toString().c_str());
    QVERIFY(snap->pagesNew > 0);
    r.value().reset();
    auto ro = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
    auto report = repo::verifyRepository(*ro.value(), true);
    QVERIFY(report.isOk());
    for (const auto& p : report->problems) QVERIFY2(false, (p.object + ": " + p.message).c_str());
    std::string target = dir + "-after.db";
    PRESCIENT_VERIFY_OK(restoreOnce(Env::posix(), dir, snap->id, target));
    QCOMPARE(logicalHash(target), m_hashV2);
}

QTEST_APPLESS_MAIN(TestFaults)
#include "tst_faults.moc"
