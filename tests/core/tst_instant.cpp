// Instant restore end to end, on real files, the real VFS and real threads: queries answered while the
// restore runs equal the source's; the application writes during the restore and those writes survive;
// a killed restore resumes; a damaged blob is an I/O error for its page only; the stock sqlite3 shell
// reads a restoring target through the loadable extension (and without it sees "not a database").
// Restores are slowed with the rate limit so that queries really run before the end.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include "demo/workloads.h"
#include "predict/model.h"
#include "predict/pagecatalog.h"
#include "restore/instantrestore.h"
#include "restore/restorestate.h"
#include "restore/restorevfs.h"
#include "support/testdb.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;

namespace {

constexpr int kRows = 3000;  // about 5 MB with makeDatabase

// A repository holding one snapshot of a makeDatabase() source.
struct Setup {
    QTemporaryDir tmp;
    std::string repoDir, source, target;
    repo::SnapshotInfo snapshot;
    std::unique_ptr<repo::Repository> repo;
    bool ok = false;
    explicit Setup(bool wal, int rows = kRows) {
        repoDir = str(tmp.filePath("repo"));
        source = str(tmp.filePath("source.db"));
        target = str(tmp.filePath("target.db"));
        if (!makeDatabase(source, 4096, wal, rows) || !repo::Repository::init(Env::posix(), repoDir).isOk()) return;
        auto snap = backupOnce(Env::posix(), repoDir, source);
        if (!snap.isOk()) return;
        snapshot = snap.value();
        auto r = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
        if (!r.isOk()) return;
        repo = std::move(r.value());
        ok = true;
    }
    Result<std::unique_ptr<restore::InstantRestore>> start(double rateMBps, const std::string& strategy = "none") {
        restore::InstantOptions o;
        o.strategy = strategy;
        o.rateMBps = rateMBps;
        return restore::InstantRestore::start(*repo, snapshot, target, o);
    }
};

// The result code of running sql on path through the given VFS (null: SQLite's default).
int runSql(const std::string& path, const char* sql, const char* vfs, int flags = SQLITE_OPEN_READONLY) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, 10000);
        rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    }
    sqlite3_close(db);
    return rc;
}

bool exists(const std::string& path) { return QFile::exists(QString::fromStdString(path)); }

// The writer's changes: inserts and updates, some on pages not restored yet.
void writerOps(sqlite3* db, int i, bool checkpoint) {
    std::string sql = "BEGIN IMMEDIATE; INSERT INTO items(id, name, qty, score, note) VALUES(" +
                      std::to_string(100000 + i) + ", 'writer " + std::to_string(i) + "', " + std::to_string(i) +
                      ", " + std::to_string(i) + ".5, 'new'); UPDATE items SET note = 'updated " + std::to_string(i) +
                      "' WHERE id = " + std::to_string((i * 37) % kRows + 1) + "; COMMIT;";
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        qWarning("writer: %s", sqlite3_errmsg(db));
    if (checkpoint) sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
}

}  // namespace

class TestInstant : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { restore::registerRestoreVfs(); }
    void queriesDuringRestore_data();
    void queriesDuringRestore();
    void workloadsDuringRestore_data();
    void workloadsDuringRestore();
    void readersAndWriterDuringRestore_data();
    void readersAndWriterDuringRestore();
    void cancelResumeKeepsWrites();
    void killAndResumeFromCli();
    void corruptBlobIsIoErrorForItsPage();
    void stockShellWithExtension();
    void badInputs();
};

void TestInstant::queriesDuringRestore_data() {
    QTest::addColumn<bool>("wal");
    QTest::newRow("wal") << true;
    QTest::newRow("rollback") << false;
}

void TestInstant::queriesDuringRestore() {
    QFETCH(bool, wal);
    Setup s(wal);
    QVERIFY(s.ok);
    const std::string expected = logicalHash(s.source);
    auto session = s.start(2.0);
    PRESCIENT_VERIFY_OK(session.status());
    restore::InstantRestore& r = *session.value();
    QVERIFY(exists(restore::RestoreState::pathFor(s.target)));
    // An ordinary SQLite never reads half a file.
    QCOMPARE(runSql(s.target, "SELECT count(*) FROM items", nullptr), SQLITE_NOTADB);
    // Through the VFS: the whole database, equal to the source, long before the restore ends.
    QCOMPARE(logicalHashVia(s.target, restore::kRestoreVfsName), expected);
    QVERIFY2(!r.done(), "the restore ended before the query: the test proves nothing");
    QVERIFY(r.counters().pagesRestored.load() < r.counters().pagesTotal);
    QVERIFY(r.counters().tier3.load() > 0);
    auto res = r.wait();
    PRESCIENT_VERIFY_OK(res.status());
    QCOMPARE(res->pagesWritten, uint64_t{0});
    QVERIFY(!exists(restore::RestoreState::pathFor(s.target)));
    QCOMPARE(firstPageDifference(s.target, s.source, 4096), std::string());
    QCOMPARE(integrityCheck(s.target), std::string("ok"));
    // Recorded in the history.
    auto history = s.repo->catalog().listRestores();
    PRESCIENT_VERIFY_OK(history.status());
    QCOMPARE(history->size(), size_t{1});
    QCOMPARE(history->front().status, std::string("complete"));
    QVERIFY(history->front().ttfqSeconds < 0);  // no query was noted through the session
}

void TestInstant::workloadsDuringRestore_data() {
    QTest::addColumn<QString>("workload");
    for (const auto& name : demo::workloadNames()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
}

// Every workload of the prediction engine: its read sessions replayed against the target during a restore
// ordered by a trained Markov model give exactly the source's results.
void TestInstant::workloadsDuringRestore() {
    QFETCH(QString, workload);
    const std::string name = str(workload);
    if (name == "chinook" && QStandardPaths::findExecutable("sqlite3").isEmpty())
        QSKIP("the chinook workload needs the sqlite3 shell");
    QTemporaryDir tmp;
    const std::string source = str(tmp.filePath("source.db")), repoDir = str(tmp.filePath("repo")),
                      target = str(tmp.filePath("target.db"));
    demo::WorkloadOptions wo;
    wo.sessions = 8;
    wo.scale = 0.5;
    wo.recorderPath = PRESCIENT_RECORDER_PATH;
    wo.chinookPath = chinookPath();
    auto episodes = demo::runWorkload(name, source, wo);
    PRESCIENT_VERIFY_OK(episodes.status());
    PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), repoDir));
    auto snap = backupOnce(Env::posix(), repoDir, source);
    PRESCIENT_VERIFY_OK(snap.status());
    auto repo = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
    PRESCIENT_VERIFY_OK(repo.status());
    {
        auto pages = predict::describePages(source);
        PRESCIENT_VERIFY_OK(pages.status());
        auto model = predict::makeModel("markov");
        PRESCIENT_VERIFY_OK(model.status());
        PRESCIENT_VERIFY_OK((*model)->train(episodes.value(), pages.value(), {}));
        repo::ModelRecord rec;
        rec.sourcePath = snap->sourcePath;
        rec.strategy = "markov";
        rec.metricsJson = "{}";
        PRESCIENT_VERIFY_OK((*repo)->catalog().addModel(rec, (*model)->save()).status());
    }
    demo::ReplayOptions ro;
    ro.sessions = 12;
    ro.seed = 42;
    auto expected = demo::replayReads(name, source, ro);
    PRESCIENT_VERIFY_OK(expected.status());

    restore::InstantOptions o;
    o.strategy = "markov";
    o.rateMBps = 0.5;
    auto session = restore::InstantRestore::start(**repo, *snap, target, o);
    PRESCIENT_VERIFY_OK(session.status());
    ro.vfs = restore::kRestoreVfsName;
    auto during = demo::replayReads(name, target, ro);
    PRESCIENT_VERIFY_OK(during.status());
    const bool stillRestoring = !session.value()->done();
    QCOMPARE(during->digest, expected->digest);
    QCOMPARE(during->rows, expected->rows);
    QVERIFY2(stillRestoring, "the restore ended before the replay: the test proves nothing");
    auto res = session.value()->wait();
    PRESCIENT_VERIFY_OK(res.status());
    QCOMPARE(res->strategy, std::string("markov"));
    QVERIFY(res->queue.predicted > 0);
    QCOMPARE(logicalHash(target), logicalHash(source));
}

void TestInstant::readersAndWriterDuringRestore_data() { queriesDuringRestore_data(); }

void TestInstant::readersAndWriterDuringRestore() {
    QFETCH(bool, wal);
    Setup s(wal);
    QVERIFY(s.ok);
    const std::string expectedDb = str(s.tmp.filePath("expected.db"));
    QVERIFY(copyFile(s.source, expectedDb));
    auto session = s.start(1.0);
    PRESCIENT_VERIFY_OK(session.status());
    restore::InstantRestore& r = *session.value();

    constexpr int kWrites = 120;
    std::atomic<bool> writerDone{false};
    std::atomic<int> readerErrors{0}, readerQueries{0}, badCounts{0};
    // Readers run point and short range queries (a full scan by 16 threads would pull in every page on
    // demand at once), and check what they see: never more new rows than the writer made.
    std::vector<std::thread> readers;
    for (int t = 0; t < 16; ++t)
        readers.emplace_back([&, t] {
            uint64_t x = 0x9e3779b97f4a7c15ull * (t + 1);
            while (!writerDone.load()) {
                sqlite3* db = nullptr;
                if (sqlite3_open_v2(s.target.c_str(), &db, SQLITE_OPEN_READONLY, restore::kRestoreVfsName) != SQLITE_OK) {
                    ++readerErrors;
                    sqlite3_close(db);
                    return;
                }
                sqlite3_busy_timeout(db, 20000);
                for (int q = 0; q < 5; ++q) {
                    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                    int64_t id = static_cast<int64_t>(x % kRows) + 1;
                    std::string sql = q % 2 ? "SELECT count(*) FROM items WHERE id >= 100000"
                                            : "SELECT count(*) FROM items WHERE id BETWEEN " + std::to_string(id) +
                                                  " AND " + std::to_string(id + 20);
                    sqlite3_stmt* st = nullptr;
                    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
                        sqlite3_step(st) == SQLITE_ROW) {
                        int64_t n = sqlite3_column_int64(st, 0);
                        if (n < 0 || n > (q % 2 ? kWrites : 21)) ++badCounts;
                        ++readerQueries;
                    } else {
                        qWarning("reader: %s", sqlite3_errmsg(db));
                        ++readerErrors;
                    }
                    sqlite3_finalize(st);
                }
                sqlite3_close(db);
            }
        });
    bool opened = false, doneTooEarly = false;
    {
        sqlite3* db = nullptr;
        sqlite3* expected = nullptr;
        opened = sqlite3_open_v2(s.target.c_str(), &db, SQLITE_OPEN_READWRITE, restore::kRestoreVfsName) == SQLITE_OK &&
                 sqlite3_open_v2(expectedDb.c_str(), &expected, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
        if (opened) {
            sqlite3_busy_timeout(db, 20000);
            for (int i = 0; i < kWrites; ++i) {
                bool checkpoint = wal && i % 20 == 19;  // WAL: the checkpoints write the main file mid-restore
                writerOps(db, i, checkpoint);
                writerOps(expected, i, false);
            }
        }
        sqlite3_close(expected);
        sqlite3_close(db);
        doneTooEarly = r.done();
    }
    writerDone = true;
    for (auto& t : readers) t.join();
    QVERIFY(opened);
    if (doneTooEarly) qWarning("the restore finished before the writer (a slow machine): pagesWritten still proves it wrote during the restore");
    QCOMPARE(readerErrors.load(), 0);
    QCOMPARE(badCounts.load(), 0);
    QVERIFY(readerQueries.load() >= 16);
    auto res = r.wait();
    PRESCIENT_VERIFY_OK(res.status());
    QVERIFY2(res->pagesWritten > 0, "no write reached the target during the restore: the test proves nothing");
    QVERIFY(!exists(restore::RestoreState::pathFor(s.target)));
    QCOMPARE(integrityCheck(s.target), std::string("ok"));
    QCOMPARE(logicalHash(s.target), logicalHash(expectedDb));
}

void TestInstant::cancelResumeKeepsWrites() {
    Setup s(false);
    QVERIFY(s.ok);
    const std::string expectedDb = str(s.tmp.filePath("expected.db"));
    QVERIFY(copyFile(s.source, expectedDb));
    {
        auto session = s.start(1.0);
        PRESCIENT_VERIFY_OK(session.status());
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open_v2(s.target.c_str(), &db, SQLITE_OPEN_READWRITE, restore::kRestoreVfsName), SQLITE_OK);
        sqlite3* expected = nullptr;
        QCOMPARE(sqlite3_open_v2(expectedDb.c_str(), &expected, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        for (int i = 0; i < 30; ++i) {
            writerOps(db, i, false);
            writerOps(expected, i, false);
        }
        sqlite3_close(expected);
        sqlite3_close(db);
        session.value()->cancel();
        auto res = session.value()->wait();
        QCOMPARE(res.status().code(), Status::Code::kCancelled);
    }
    QVERIFY(exists(restore::RestoreState::pathFor(s.target)));
    QCOMPARE(runSql(s.target, "SELECT 1 FROM items", nullptr), SQLITE_NOTADB);
    auto again = s.start(0);
    PRESCIENT_VERIFY_OK(again.status());
    auto res = again.value()->wait();
    PRESCIENT_VERIFY_OK(res.status());
    QVERIFY(res->resumed);
    QVERIFY(res->pagesFetched < res->pages);
    QCOMPARE(logicalHash(s.target), logicalHash(expectedDb));
    QCOMPARE(integrityCheck(s.target), std::string("ok"));
}

void TestInstant::killAndResumeFromCli() {
    Setup s(true);
    QVERIFY(s.ok);
    s.repo.reset();
    const QString repoDir = QString::fromStdString(s.repoDir), target = QString::fromStdString(s.target);
    QProcess p;
    p.start(QStringLiteral(PRESCIENT_CLI_PATH),
            {"restore", "--repo", repoDir, "latest", target, "--instant", "--rate", "0.3", "--strategy", "none"});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(exists(restore::RestoreState::pathFor(s.target)), 20000);
    QTest::qWait(1500);
    QCOMPARE(p.state(), QProcess::Running);
    p.kill();  // SIGKILL: no chance to clean up
    QVERIFY(p.waitForFinished());

    // A reader without the restoring process: served from the state and the repository.
    auto src = SqliteDb::open(s.source, SQLITE_OPEN_READONLY);
    QVERIFY(src.isOk());
    auto count = src->queryInt("SELECT count(*) FROM items");
    PRESCIENT_VERIFY_OK(count.status());
    CliRun q = runCli({"sql", target, "SELECT count(*) FROM items"});
    QCOMPARE(q.code, 0);
    QCOMPARE(q.out.trimmed(), QString::number(count.value()));
    QVERIFY2(q.err.contains("still restoring"), qPrintable(q.err));
    CliRun w = runCli({"sql", target, "DELETE FROM items"});
    QVERIFY(w.code != 0);
    QVERIFY2(w.err.contains("readonly"), qPrintable(w.err));

    CliRun res = runCli({"restore", "--repo", repoDir, "latest", target, "--instant", "--json-progress"});
    QVERIFY2(res.code == 0, qPrintable(res.err));
    QStringList lines = res.out.trimmed().split('\n');
    QJsonObject done = QJsonDocument::fromJson(lines.last().toUtf8()).object();
    QCOMPARE(done.value("phase").toString(), QString("done"));
    QVERIFY(done.value("resumed").toBool());
    QVERIFY(done.value("pages_fetched").toDouble() < done.value("pages").toDouble());
    QVERIFY(lines.size() >= 2);  // progress objects before it
    QCOMPARE(firstPageDifference(s.target, s.source, 4096), std::string());
    QVERIFY(!exists(restore::RestoreState::pathFor(s.target)));

    CliRun hist = runCli({"restores", "--repo", repoDir, "--json"});
    QCOMPARE(hist.code, 0);
    QVERIFY2(hist.out.contains("\"complete\""), qPrintable(hist.out));
}

void TestInstant::corruptBlobIsIoErrorForItsPage() {
    Setup s(false);
    QVERIFY(s.ok);
    int64_t root = 0;
    {
        auto db = SqliteDb::open(s.source, SQLITE_OPEN_READONLY);
        QVERIFY(db.isOk());
        auto v = db->queryInt("SELECT rootpage FROM sqlite_schema WHERE name = 'items'");
        PRESCIENT_VERIFY_OK(v.status());
        root = v.value();
    }
    auto map = s.repo->loadPageMap(s.snapshot.id);
    PRESCIENT_VERIFY_OK(map.status());
    auto loc = s.repo->catalog().findBlob(map->pages[root - 1]);
    PRESCIENT_VERIFY_OK(loc.status());
    QVERIFY(loc.value().has_value());
    {
        QFile pack(QString::fromStdString(repo::packPath(s.repoDir, loc.value()->packName)));
        QVERIFY(pack.open(QIODevice::ReadWrite));
        qint64 at = static_cast<qint64>(loc.value()->entry.offset + loc.value()->entry.storedLen / 2);
        QVERIFY(pack.seek(at));
        char c = 0;
        QVERIFY(pack.getChar(&c));
        QVERIFY(pack.seek(at));
        QVERIFY(pack.putChar(static_cast<char>(c ^ 0x40)));
    }
    auto session = s.start(1.0);
    PRESCIENT_VERIFY_OK(session.status());
    int rc = runSql(s.target, "SELECT name FROM items WHERE id = 1", restore::kRestoreVfsName);  // the table's root
    QCOMPARE(rc & 0xff, SQLITE_IOERR);
    Status served = restore::lastServeError();
    QCOMPARE(served.code(), Status::Code::kCorruption);
    QVERIFY2(served.detail().find("page " + std::to_string(root)) != std::string::npos, served.detail().c_str());
    // Other trees still answer.
    QCOMPARE(runSql(s.target, "SELECT count(*) FROM kv", restore::kRestoreVfsName), SQLITE_OK);
    auto res = session.value()->wait();
    QCOMPARE(res.status().code(), Status::Code::kCorruption);
    QVERIFY2(res.status().detail().find("page " + std::to_string(root)) != std::string::npos,
             res.status().detail().c_str());
    // Not completed: still not a database for plain SQLite.
    QVERIFY(exists(restore::RestoreState::pathFor(s.target)));
    QCOMPARE(runSql(s.target, "SELECT 1 FROM kv", nullptr), SQLITE_NOTADB);
    auto alerts = s.repo->catalog().listAlerts();
    PRESCIENT_VERIFY_OK(alerts.status());
    QVERIFY(!alerts->empty());
    QCOMPARE(alerts->front().rule, std::string("verification"));
}

void TestInstant::stockShellWithExtension() {
    const QString shell = QStandardPaths::findExecutable("sqlite3");
    if (shell.isEmpty()) QSKIP("the sqlite3 shell is not installed");
    Setup s(true);
    QVERIFY(s.ok);
    const QString sql = "SELECT count(*), total(qty), max(name) FROM items; SELECT count(*) FROM kv;";
    QProcess original;
    original.start(shell, {QString::fromStdString(s.source), sql});
    QVERIFY(original.waitForFinished());
    const QByteArray expected = original.readAllStandardOutput();
    QVERIFY(!expected.isEmpty());

    auto session = s.start(1.0);
    PRESCIENT_VERIFY_OK(session.status());
    QProcess with;
    with.start(shell, {"-cmd", ".load " PRESCIENT_VFS_EXTENSION, "-cmd", ".open " + QString::fromStdString(s.target),
                       ":memory:", sql});
    QVERIFY(with.waitForFinished());
    QCOMPARE(with.readAllStandardOutput(), expected);
    QProcess without;
    without.start(shell, {QString::fromStdString(s.target), sql});
    QVERIFY(without.waitForFinished());
    QVERIFY(without.exitCode() != 0);
    QVERIFY(QString::fromUtf8(without.readAllStandardError()).contains("file is not a database"));
    QVERIFY2(!session.value()->done(), "the restore ended before the shell ran: the test proves nothing");

    const QString python = QStandardPaths::findExecutable("python3");
    if (!python.isEmpty()) {
        QProcess py;
        py.start(python, {"-c",
                          "import sqlite3, sys\n"
                          "c = sqlite3.connect(':memory:')\n"
                          "c.enable_load_extension(True)\n"
                          "c.load_extension(sys.argv[1])\n"
                          "d = sqlite3.connect(sys.argv[2])\n"
                          "print(d.execute('SELECT count(*) FROM items').fetchone()[0])\n",
                          PRESCIENT_VFS_EXTENSION, QString::fromStdString(s.target)});
        QVERIFY(py.waitForFinished());
        const QString err = QString::fromUtf8(py.readAllStandardError());
        if (!err.contains("enable_load_extension"))  // some Python builds leave extensions out
            QVERIFY2(QString::fromUtf8(py.readAllStandardOutput()).trimmed().toInt() > 0, qPrintable(err));
    }
    PRESCIENT_VERIFY_OK(session.value()->wait().status());
}

void TestInstant::badInputs() {
    Setup s(false, 500);
    QVERIFY(s.ok);
    // A folder that does not exist.
    restore::InstantOptions o;
    o.strategy = "none";
    auto missing = restore::InstantRestore::start(*s.repo, s.snapshot, str(s.tmp.filePath("no/such/t.db")), o);
    QCOMPARE(missing.status().code(), Status::Code::kNotFound);
    // A strategy without a model.
    o.strategy = "markov";
    auto noModel = restore::InstantRestore::start(*s.repo, s.snapshot, s.target, o);
    QCOMPARE(noModel.status().code(), Status::Code::kNotFound);
    QVERIFY(noModel.status().detail().find("no trained markov model") != std::string::npos);
    QVERIFY(!exists(s.target));
    // The target exists.
    QVERIFY(copyFile(s.source, s.target));
    o.strategy = "none";
    auto existing = restore::InstantRestore::start(*s.repo, s.snapshot, s.target, o);
    QCOMPARE(existing.status().code(), Status::Code::kInvalidArgument);
    QVERIFY(existing.status().detail().find("already exists") != std::string::npos);
    // Two restores of one target: the second is refused while the first runs.
    o.force = true;
    o.rateMBps = 0.2;
    auto first = restore::InstantRestore::start(*s.repo, s.snapshot, s.target, o);
    PRESCIENT_VERIFY_OK(first.status());
    auto second = restore::InstantRestore::start(*s.repo, s.snapshot, s.target, o);
    QCOMPARE(second.status().code(), Status::Code::kBusy);
    first.value()->cancel();
    QCOMPARE(first.value()->wait().status().code(), Status::Code::kCancelled);
    first.value().reset();
    // An unfinished restore of another snapshot is not silently replaced.
    auto other = backupOnce(Env::posix(), s.repoDir, s.source, "other");
    PRESCIENT_VERIFY_OK(other.status());
    repo::SnapshotInfo otherSnap = other.value();
    o.force = false;
    o.rateMBps = 0;
    auto wrong = restore::InstantRestore::start(*s.repo, otherSnap, s.target, o);
    QCOMPARE(wrong.status().code(), Status::Code::kInvalidArgument);
    QVERIFY2(wrong.status().detail().find("unfinished restore of snapshot " + s.snapshot.id) != std::string::npos,
             wrong.status().detail().c_str());
    o.force = true;
    auto over = restore::InstantRestore::start(*s.repo, otherSnap, s.target, o);
    PRESCIENT_VERIFY_OK(over.status());
    PRESCIENT_VERIFY_OK(over.value()->wait().status());
    QCOMPARE(logicalHash(s.target), logicalHash(s.source));
}

QTEST_APPLESS_MAIN(TestInstant)
#include "tst_instant.moc"
