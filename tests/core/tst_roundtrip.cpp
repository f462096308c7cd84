// Backup -> restore round trips: every page size, WAL and rollback journal, auto-vacuum, the real
// Chinook database, and a database over 1 GiB (the lock-byte page). Each restore must equal the
// source by logical content hash, pass integrity_check, match byte for byte (but for the page-1 header
// fields SQLite's backup API rewrites), and leave no -journal/-wal/-shm behind.
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "support/testdb.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;

class TestRoundTrip : public QObject {
    Q_OBJECT
private slots:
    void pageSizesAndJournalModes_data();
    void pageSizesAndJournalModes();
    void chinook();
    void overOneGiBWithLockBytePage();
    void forceReplacesTargetAndItsJournals();
    void oddTargetNameAndStaleTempFile();

private:
    void roundTrip(const std::string& source, uint32_t pageSize);
    QTemporaryDir m_tmp;
    int m_counter = 0;
    std::string path(const std::string& name) { return str(m_tmp.filePath(QString::fromStdString(name))); }
};

void TestRoundTrip::roundTrip(const std::string& source, uint32_t pageSize) {
    Env* env = Env::posix();
    std::string n = std::to_string(++m_counter);
    std::string repoDir = path("repo" + n), target = path("restored" + n + ".db");
    std::string expected = logicalHash(source);
    QVERIFY2(expected.rfind("error", 0) != 0, expected.c_str());
    PRESCIENT_VERIFY_OK(repo::Repository::init(env, repoDir));
    auto snap = backupOnce(env, repoDir, source);
    QVERIFY2(snap.isOk(), snap.status().toString().c_str());
    QCOMPARE(snap->pageSize, pageSize);
    PRESCIENT_VERIFY_OK(restoreOnce(env, repoDir, snap->id, target));
    QCOMPARE(logicalHash(target), expected);
    QCOMPARE(integrityCheck(target), std::string("ok"));
    for (const char* suffix : {"-journal", "-wal", "-shm"})
        QVERIFY2(!QFile::exists(QString::fromStdString(target + suffix)), suffix);
    // No temp file beside the target either.
    const QStringList left =
        QDir(m_tmp.path()).entryList(QStringList() << "*prescient-restore*", QDir::Files | QDir::Hidden);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(",")));
}

void TestRoundTrip::pageSizesAndJournalModes_data() {
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<bool>("wal");
    QTest::addColumn<bool>("autoVacuum");
    for (int ps : {512, 1024, 2048, 4096, 8192, 16384, 32768, 65536})
        for (bool wal : {false, true}) {
            QByteArray name = QByteArray::number(ps) + (wal ? "/wal" : "/rollback");
            QTest::newRow(name.constData()) << ps << wal << false;
        }
    QTest::newRow("4096/rollback/auto_vacuum") << 4096 << false << true;
    QTest::newRow("1024/wal/auto_vacuum") << 1024 << true << true;
}

void TestRoundTrip::pageSizesAndJournalModes() {
    QFETCH(int, pageSize);
    QFETCH(bool, wal);
    QFETCH(bool, autoVacuum);
    std::string source = path("src-" + std::to_string(++m_counter) + ".db");
    std::string err;
    QVERIFY2(makeDatabase(source, pageSize, wal, 3000, autoVacuum, pageSize, &err), err.c_str());
    roundTrip(source, static_cast<uint32_t>(pageSize));
    if (QTest::currentTestFailed()) return;
    // Byte equality with the source (a closed WAL database has everything in its main file).
    std::string target = path("restored" + std::to_string(m_counter) + ".db");
    QCOMPARE(firstPageDifference(source, target, pageSize), std::string());
}

void TestRoundTrip::chinook() {
    std::string source = path("chinook.db");
    QVERIFY2(copyFile(chinookPath(), source), chinookPath().c_str());
    roundTrip(source, 4096);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(firstPageDifference(source, path("restored" + std::to_string(m_counter) + ".db"), 4096), std::string());
}

void TestRoundTrip::overOneGiBWithLockBytePage() {
    // 64 KiB pages keep the page count low; zeroblobs make the file pass 1 GiB quickly. SQLite never
    // uses the page at byte 2^30 (the lock-byte page): it must come back as a hole of zeros.
    std::string source = path("big.db");
    {
        auto db = SqliteDb::open(source, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QVERIFY(db.isOk());
        PRESCIENT_VERIFY_OK(
            db->exec("PRAGMA page_size=65536; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                     "CREATE TABLE blobs(id INTEGER PRIMARY KEY, note TEXT, b BLOB);"
                     "INSERT INTO blobs VALUES(1, 'first', zeroblob(600000000));"
                     "INSERT INTO blobs VALUES(2, 'second', zeroblob(550000000));"
                     "CREATE TABLE after(id INTEGER PRIMARY KEY, v TEXT);"
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 20000) "
                     "INSERT INTO after SELECT i, printf('row %d past the lock-byte page', i) FROM n;"
                     "PRAGMA journal_mode=DELETE;"));
    }
    auto size = Env::posix()->stat(source);
    QVERIFY(size.isOk() && size->size > (1ull << 30) + 65536);
    roundTrip(source, 65536);
    if (QTest::currentTestFailed()) return;
    std::string target = path("restored" + std::to_string(m_counter) + ".db");
    QCOMPARE(firstPageDifference(source, target, 65536), std::string());
    QFile::remove(QString::fromStdString(source));
    QFile::remove(QString::fromStdString(target));
}

void TestRoundTrip::forceReplacesTargetAndItsJournals() {
    Env* env = Env::posix();
    std::string source = path("force-src.db"), repoDir = path("force-repo"), target = path("force-target.db");
    std::string err;
    QVERIFY2(makeDatabase(source, 4096, true, 500, false, 11, &err), err.c_str());
    PRESCIENT_VERIFY_OK(repo::Repository::init(env, repoDir));
    auto snap = backupOnce(env, repoDir, source);
    QVERIFY(snap.isOk());
    // An existing target with a stale WAL: without --force it is refused and left alone.
    QVERIFY(makeDatabase(target, 4096, false, 50, false, 12, &err));
    std::string before = logicalHash(target);
    QFile wal(QString::fromStdString(target + "-wal"));
    QVERIFY(wal.open(QIODevice::WriteOnly));
    wal.write(QByteArray(4096, 'w'));
    wal.close();
    Status refused = restoreOnce(env, repoDir, "latest", target);
    QCOMPARE(refused.code(), Status::Code::kInvalidArgument);
    QVERIFY(refused.detail().find("--force") != std::string::npos);
    QCOMPARE(logicalHash(target), before);
    // With force, the target is replaced and the stale WAL is gone (it would be replayed otherwise).
    PRESCIENT_VERIFY_OK(restoreOnce(env, repoDir, "latest", target, /*force=*/true));
    QVERIFY(!QFile::exists(QString::fromStdString(target + "-wal")));
    QCOMPARE(logicalHash(target), logicalHash(source));
}

void TestRoundTrip::oddTargetNameAndStaleTempFile() {
    Env* env = Env::posix();
    std::string source = path("odd-src.db"), repoDir = path("odd-repo");
    std::string err;
    QVERIFY2(makeDatabase(source, 4096, true, 300, false, 13, &err), err.c_str());
    PRESCIENT_VERIFY_OK(repo::Repository::init(env, repoDir));
    QVERIFY(backupOnce(env, repoDir, source).isOk());
    // Characters that mean something in SQLite URIs.
    std::string target = path("shop #1 ?50% off.db");
    // A temp file left by a restore that was killed (its pid is gone) is cleaned up.
    std::string stale = path(".shop #1 ?50% off.db.prescient-restore-999999");
    QVERIFY(copyFile(source, stale));
    PRESCIENT_VERIFY_OK(restoreOnce(env, repoDir, "latest", target));
    QCOMPARE(logicalHash(target), logicalHash(source));
    QVERIFY(!QFile::exists(QString::fromStdString(stale)));
}

QTEST_APPLESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"
