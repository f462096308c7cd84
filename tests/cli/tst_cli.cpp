// The `prescient` executable end to end: every command's output and exit code, bad inputs (non-SQLite
// file, empty file, folder, missing path, truncated database, existing target), the repository lock,
// $PRESCIENT_REPO, and the demo.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <unistd.h>

#include "support/testdb.h"
#include "support/testutil.h"

using namespace prescient;
using namespace prescient::test;

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fullCycle();
    void usageErrors();
    void notFound();
    void invalidInputs();
    void truncatedSource();
    void lockedRepository();
    void repoFromEnvironment();
    void interruptCancelsCleanly();
    void demo();

private:
    QString path(const QString& n) { return m_tmp.filePath(n); }
    QTemporaryDir m_tmp;
    QString m_repo, m_db;
};

void TestCli::initTestCase() {
    m_repo = path("repo");
    m_db = path("chinook.db");
    QVERIFY(copyFile(chinookPath(), str(m_db)));
    CliRun init = runCli({"init", "--repo", m_repo});
    QCOMPARE(init.code, 0);
    QVERIFY(init.out.contains("created repository"));
}

void TestCli::fullCycle() {
    CliRun b1 = runCli({"backup", "--repo", m_repo, "--tag", "nightly", m_db});
    QCOMPARE(b1.code, 0);
    QString id1 = b1.out.trimmed();
    QCOMPARE(id1.size(), 16);
    CliRun b2 = runCli({"backup", "--repo", m_repo, "--rate", "50", m_db});
    QCOMPARE(b2.code, 0);
    QString id2 = b2.out.trimmed();
    QVERIFY(b2.err.contains("0 new pages"));

    CliRun list = runCli({"snapshots", "--repo", m_repo});
    QCOMPARE(list.code, 0);
    QVERIFY(list.out.contains(id1) && list.out.contains(id2) && list.out.contains("nightly"));
    CliRun json = runCli({"snapshots", "--repo", m_repo, "--json"});
    QCOMPARE(json.code, 0);
    QJsonParseError perr;
    QJsonDocument doc = QJsonDocument::fromJson(json.out.toUtf8(), &perr);
    QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable(perr.errorString() + json.out));
    QCOMPARE(doc.array().size(), 2);
    QJsonObject first = doc.array().at(0).toObject();
    QCOMPARE(first.value("id").toString(), id1);
    QCOMPARE(first.value("tag").toString(), QString("nightly"));
    QCOMPARE(first.value("page_size").toInt(), 4096);
    QCOMPARE(first.value("source").toString(), QFileInfo(m_db).absoluteFilePath());
    QCOMPARE(doc.array().at(1).toObject().value("parent").toString(), id1);

    // Restore by prefix and by 'latest'.
    QString t1 = path("by-prefix.db"), t2 = path("latest.db");
    CliRun r1 = runCli({"restore", "--repo", m_repo, id1.left(6), t1});
    QCOMPARE(r1.code, 0);
    QVERIFY(r1.out.contains("integrity_check ok"));
    CliRun r2 = runCli({"restore", "--repo", m_repo, "latest", t2});
    QCOMPARE(r2.code, 0);
    QCOMPARE(logicalHash(str(t1)), logicalHash(str(m_db)));
    QCOMPARE(logicalHash(str(t2)), logicalHash(str(m_db)));
    QCOMPARE(firstPageDifference(str(m_db), str(t2), 4096), std::string());
    for (const char* s : {"-journal", "-wal", "-shm"}) QVERIFY(!QFile::exists(t2 + s));

    // Existing target: refused (7) unless --force.
    CliRun again = runCli({"restore", "--repo", m_repo, "latest", t2});
    QCOMPARE(again.code, 7);
    QVERIFY(again.err.contains("already exists") && again.err.contains("--force"));
    QCOMPARE(runCli({"restore", "--repo", m_repo, "latest", t2, "--force"}).code, 0);

    CliRun verify = runCli({"verify", "--repo", m_repo, "--read-data", "--json"});
    QCOMPARE(verify.code, 0);
    QJsonObject v = QJsonDocument::fromJson(verify.out.toUtf8()).object();
    QCOMPARE(v.value("ok").toBool(), true);
    QCOMPARE(v.value("snapshots").toInt(), 2);
    QVERIFY(v.value("bytes_read").toDouble() > 0);
}

void TestCli::usageErrors() {
    QCOMPARE(runCli({}).code, 2);
    CliRun unknown = runCli({"frobnicate"});
    QCOMPARE(unknown.code, 2);
    QVERIFY(unknown.err.contains("unknown command 'frobnicate'"));
    CliRun badOpt = runCli({"snapshots", "--repo", m_repo, "--colour"});
    QCOMPARE(badOpt.code, 2);
    QVERIFY(badOpt.err.contains("unknown option --colour"));
    QCOMPARE(runCli({"backup", "--repo", m_repo}).code, 2);
    QCOMPARE(runCli({"backup", "--repo", m_repo, "--rate", "fast", m_db}).code, 2);
    QCOMPARE(runCli({"restore", "--repo", m_repo, "latest"}).code, 2);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("PRESCIENT_REPO");
    CliRun noRepo = runCli({"snapshots"}, env);
    QCOMPARE(noRepo.code, 2);
    QVERIFY(noRepo.err.contains("PRESCIENT_REPO"));
    CliRun help = runCli({"help"});
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains("Exit codes"));
}

void TestCli::notFound() {
    CliRun src = runCli({"backup", "--repo", m_repo, path("no-such.db")});
    QCOMPARE(src.code, 4);
    QVERIFY2(src.err.contains(path("no-such.db")) && src.err.contains("does not exist"), qPrintable(src.err));
    CliRun repo = runCli({"snapshots", "--repo", path("no-repo")});
    QCOMPARE(repo.code, 4);
    QVERIFY(repo.err.contains(path("no-repo")));
    CliRun snap = runCli({"restore", "--repo", m_repo, "ffffffffffff", path("x.db")});
    QCOMPARE(snap.code, 4);
    QVERIFY(snap.err.contains("snapshot ffffffffffff not found"));
    CliRun folder = runCli({"restore", "--repo", m_repo, "latest", path("no-folder/x.db")});
    QCOMPARE(folder.code, 4);
    QVERIFY(folder.err.contains("target folder"));
    CliRun parent = runCli({"init", "--repo", path("a/b/c")});
    QCOMPARE(parent.code, 4);
}

void TestCli::invalidInputs() {
    QString text = path("notes.txt");
    {
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("These are meeting notes, not a database.\n").repeated(200));
    }
    CliRun notDb = runCli({"backup", "--repo", m_repo, text});
    QCOMPARE(notDb.code, 7);
    QVERIFY2(notDb.err.contains(text + " is not an SQLite database"), qPrintable(notDb.err));
    QString empty = path("empty.db");
    QFile(empty).open(QIODevice::WriteOnly);
    CliRun emptyRun = runCli({"backup", "--repo", m_repo, empty});
    QCOMPARE(emptyRun.code, 7);
    QVERIFY(emptyRun.err.contains("is empty"));
    CliRun dir = runCli({"backup", "--repo", m_repo, m_tmp.path()});
    QCOMPARE(dir.code, 7);
    QVERIFY(dir.err.contains("is a folder"));
    CliRun repoIsFile = runCli({"snapshots", "--repo", text});
    QCOMPARE(repoIsFile.code, 7);
    CliRun initNonEmpty = runCli({"init", "--repo", m_tmp.path()});
    QCOMPARE(initNonEmpty.code, 7);
    // The failed backups left the repository as it was.
    QCOMPARE(runCli({"verify", "--repo", m_repo}).code, 0);
}

void TestCli::truncatedSource() {
    QString db = path("trunc.db");
    std::string err;
    QVERIFY2(makeDatabase(str(db), 4096, false, 2000, false, 41, &err), err.c_str());
    QVERIFY(QFile::resize(db, QFileInfo(db).size() / 2));
    CliRun r = runCli({"backup", "--repo", m_repo, db});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains(db) && r.err.contains("truncated"), qPrintable(r.err));
    QCOMPARE(runCli({"verify", "--repo", m_repo}).code, 0);
}

void TestCli::lockedRepository() {
    auto held = repo::Repository::open(Env::posix(), str(m_repo), repo::Repository::Access::kWrite);
    QVERIFY(held.isOk());
    CliRun r = runCli({"backup", "--repo", m_repo, m_db});
    QCOMPARE(r.code, 5);
    QVERIFY2(r.err.contains("is locked by pid " + QString::number(::getpid())), qPrintable(r.err));
    // Readers still work while a writer holds the lock.
    QCOMPARE(runCli({"snapshots", "--repo", m_repo}).code, 0);
    held.value().reset();
    QCOMPARE(runCli({"backup", "--repo", m_repo, m_db}).code, 0);
}

void TestCli::repoFromEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("PRESCIENT_REPO", m_repo);
    CliRun r = runCli({"snapshots", "--json"}, env);
    QCOMPARE(r.code, 0);
    QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).array().size() >= 2);
}

void TestCli::interruptCancelsCleanly() {
    QString db = path("slow.db");
    std::string err;
    QVERIFY2(makeDatabase(str(db), 4096, true, 4000, false, 51, &err), err.c_str());
    QString repoDir = path("repo-int");
    QCOMPARE(runCli({"init", "--repo", repoDir}).code, 0);
    QProcess p;
    p.start(QStringLiteral(PRESCIENT_CLI_PATH), {"backup", "--repo", repoDir, "--rate", "0.5", db});
    QVERIFY(p.waitForStarted());
    QTest::qWait(700);
    QCOMPARE(p.state(), QProcess::Running);
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 8);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("cancelled"));
    CliRun list = runCli({"snapshots", "--repo", repoDir, "--json"});
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 0);
    QCOMPARE(runCli({"verify", "--repo", repoDir, "--read-data"}).code, 0);
    QVERIFY(!QFile::exists(repoDir + "/lock"));
}

void TestCli::demo() {
    QString dir = path("demo");
    CliRun r = runCli({"demo", "--dir", dir}, QProcessEnvironment::systemEnvironment(), 300000);
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY(r.out.contains("verify --read-data: ok"));
    QVERIFY(QFile::exists(dir + "/repo/catalog.db"));
    QCOMPARE(logicalHash(str(dir + "/restored-thursday.db")), logicalHash(str(dir + "/shop.db")));
    // A second run replaces its own folder; a foreign folder is refused.
    QCOMPARE(runCli({"demo", "--dir", dir}, QProcessEnvironment::systemEnvironment(), 300000).code, 0);
    QCOMPARE(runCli({"demo", "--dir", path("repo")}).code, 7);
}

QTEST_APPLESS_MAIN(TestCli)
#include "tst_cli.moc"
