// Damaged repositories: a flipped bit inside a pack, a truncated pack, a missing pack, a damaged catalog.
// `verify` must exit 3 and name the pack; restoring an affected snapshot must fail with Corruption and
// write nothing (no target, no temp file); unaffected snapshots still restore.
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "repo/catalog.h"
#include "support/testdb.h"
#include "support/testutil.h"

using namespace prescient;
using namespace prescient::test;

class TestCorruption : public QObject {
    Q_OBJECT
private slots:
    void init();
    void bitFlipInPack();
    void truncatedPack();
    void missingPack();
    void damagedCatalog();

private:
    std::string onlyPackPath();
    void expectRestoreFails(Status::Code code);
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::string m_repo, m_db, m_snap;
    std::string path(const std::string& n) { return str(m_tmp->filePath(QString::fromStdString(n))); }
};

void TestCorruption::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    m_repo = path("repo");
    m_db = path("src.db");
    std::string err;
    QVERIFY2(makeDatabase(m_db, 4096, true, 1500, false, 31, &err), err.c_str());
    PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), m_repo));
    auto snap = backupOnce(Env::posix(), m_repo, m_db);
    QVERIFY2(snap.isOk(), snap.status().toString().c_str());
    m_snap = snap->id;
    CliRun clean = runCli({"verify", "--repo", QString::fromStdString(m_repo), "--read-data"});
    QCOMPARE(clean.code, 0);
}

std::string TestCorruption::onlyPackPath() {
    auto r = repo::Repository::open(Env::posix(), m_repo, repo::Repository::Access::kRead);
    auto packs = r.value()->catalog().listPacks();
    if (!packs.isOk() || packs->size() != 1) return "";
    return repo::packPath(m_repo, packs->front().name);
}

void TestCorruption::expectRestoreFails(Status::Code code) {
    std::string target = path("restored.db");
    Status s = restoreOnce(Env::posix(), m_repo, m_snap, target);
    QCOMPARE(s.code(), code);
    QVERIFY(!QFile::exists(QString::fromStdString(target)));
    QVERIFY(
        QDir(m_tmp->path()).entryList(QStringList() << "*prescient-restore*", QDir::Files | QDir::Hidden).isEmpty());
    CliRun cli = runCli({"restore", "--repo", QString::fromStdString(m_repo), QString::fromStdString(m_snap),
                         QString::fromStdString(target)});
    QCOMPARE(cli.code, code == Status::Code::kCorruption ? 3 : 1);
    QVERIFY(!QFile::exists(QString::fromStdString(target)));
}

void TestCorruption::bitFlipInPack() {
    std::string pack = onlyPackPath();
    QVERIFY(!pack.empty());
    QString name = QFileInfo(QString::fromStdString(pack)).completeBaseName();
    {
        QFile f(QString::fromStdString(pack));
        QVERIFY(f.open(QIODevice::ReadWrite));
        qint64 at = f.size() / 3;  // inside the blob area
        f.seek(at);
        char c;
        QVERIFY(f.getChar(&c));
        f.seek(at);
        QVERIFY(f.putChar(static_cast<char>(c ^ 0x04)));
    }
    // Structure alone cannot see it; reading the data does.
    CliRun structure = runCli({"verify", "--repo", QString::fromStdString(m_repo)});
    QCOMPARE(structure.code, 0);
    CliRun data = runCli({"verify", "--repo", QString::fromStdString(m_repo), "--read-data"});
    QCOMPARE(data.code, 3);
    QVERIFY2(data.out.contains("error: pack " + name), qPrintable(data.out));
    QVERIFY2(data.out.contains("snapshot " + QString::fromStdString(m_snap)), qPrintable(data.out));
    CliRun json = runCli({"verify", "--repo", QString::fromStdString(m_repo), "--read-data", "--json"});
    QCOMPARE(json.code, 3);
    QVERIFY(json.out.contains("\"ok\": false"));
    expectRestoreFails(Status::Code::kCorruption);
}

void TestCorruption::truncatedPack() {
    std::string pack = onlyPackPath();
    QVERIFY(!pack.empty());
    QString name = QFileInfo(QString::fromStdString(pack)).completeBaseName();
    // Cut into the blob area: the tail's pages are gone, not just the pack's own index.
    QVERIFY(QFile::resize(QString::fromStdString(pack), QFileInfo(QString::fromStdString(pack)).size() / 2));
    CliRun structure = runCli({"verify", "--repo", QString::fromStdString(m_repo)});
    QCOMPARE(structure.code, 3);
    QVERIFY2(structure.out.contains("pack " + name) && structure.out.contains("truncated"), qPrintable(structure.out));
    expectRestoreFails(Status::Code::kCorruption);
}

void TestCorruption::missingPack() {
    std::string pack = onlyPackPath();
    QVERIFY(QFile::remove(QString::fromStdString(pack)));
    CliRun structure = runCli({"verify", "--repo", QString::fromStdString(m_repo)});
    QCOMPARE(structure.code, 3);
    QVERIFY2(structure.out.contains("missing"), qPrintable(structure.out));
    expectRestoreFails(Status::Code::kCorruption);
}

void TestCorruption::damagedCatalog() {
    QString catalog = QString::fromStdString(m_repo + "/catalog.db");
    {
        QFile f(catalog);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(0);
        f.write("this is no longer an SQLite file");
    }
    QFile::remove(catalog + "-wal");
    QFile::remove(catalog + "-shm");
    CliRun cli = runCli({"snapshots", "--repo", QString::fromStdString(m_repo)});
    QCOMPARE(cli.code, 3);
    QVERIFY2(cli.err.contains("catalog") && cli.err.contains(QString::fromStdString(m_repo)), qPrintable(cli.err));
}

QTEST_APPLESS_MAIN(TestCorruption)
#include "tst_corruption.moc"
