// Traces: the binary format, episodes, the tracing VFS in-process, and the LD_PRELOAD recorder under
// real programs (the stock sqlite3 shell, Python's sqlite3 module). A full scan of one table must read
// exactly the pages DBSTAT says the table and the schema occupy: the trace is checked against SQLite's
// own account of its pages, in rollback mode and with the table's pages still in an uncheckpointed WAL.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

#include <set>

#include "support/testdb.h"
#include "support/testutil.h"
#include "trace/tracestore.h"
#include "trace/tracingvfs.h"
#include "util/compress.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;

namespace {

// Pages of `table` and of sqlite_schema, plus page 1, per DBSTAT.
std::set<uint32_t> expectedScanPages(const std::string& db, const std::string& table) {
    std::set<uint32_t> pages = {1};
    auto conn = SqliteDb::open(db, SQLITE_OPEN_READONLY);
    Stmt st(conn->handle(), "SELECT pageno FROM dbstat WHERE name IN (?, 'sqlite_schema')");
    st.bind(1, table);
    for (;;) {
        auto r = st.step();
        if (!r.isOk() || !r.value()) break;
        pages.insert(static_cast<uint32_t>(st.colInt(0)));
    }
    return pages;
}

std::set<uint32_t> readPages(const trace::Trace& t, size_t* reads) {
    std::set<uint32_t> out;
    *reads = 0;
    for (const auto& e : t.events)
        if (!e.write) {
            out.insert(e.pgno);
            ++*reads;
        }
    return out;
}

}  // namespace

class TestTrace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void formatRoundTripAndDamage();
    void episodesPerConnection();
    void inProcessVfsMatchesDbstat();
    void sqliteShellUnderRecorder_data();
    void sqliteShellUnderRecorder();
    void pythonUnderRecorderAndProfiles();
    void badInputs();
    void interruptedRecordingStoresNothing();

private:
    QTemporaryDir m_tmp;
    QString m_repo;
    std::string path(const std::string& n) { return str(m_tmp.filePath(QString::fromStdString(n))); }
};

void TestTrace::initTestCase() {
    m_repo = m_tmp.filePath("repo");
    QCOMPARE(runCli({"init", "--repo", m_repo}).code, 0);
}

void TestTrace::formatRoundTripAndDamage() {
    trace::Trace t;
    t.profile = "billing";
    t.pageSize = 4096;
    for (uint32_t i = 0; i < 1000; ++i)
        t.events.push_back({1700000000000000ull + i * 37, 1 + i % 3, 1 + (i * 7919) % 5000, i % 11 == 0});
    std::string bytes = trace::encodeTrace(t);
    auto back = trace::decodeTrace(bytes, "trace x");
    QVERIFY2(back.isOk(), back.status().toString().c_str());
    QCOMPARE(back->profile, t.profile);
    QCOMPARE(back->pageSize, 4096u);
    QCOMPARE(back->events.size(), t.events.size());
    for (size_t i = 0; i < t.events.size(); ++i) {
        QCOMPARE(back->events[i].timeUs, t.events[i].timeUs);
        QCOMPARE(back->events[i].pgno, t.events[i].pgno);
        QCOMPARE(back->events[i].conn, t.events[i].conn);
        QCOMPARE(back->events[i].write, t.events[i].write);
    }
    std::string bad = bytes;
    bad[bad.size() / 2] ^= 1;
    auto damaged = trace::decodeTrace(bad, "trace 7");
    QCOMPARE(damaged.status().code(), Status::Code::kCorruption);
    QVERIFY(damaged.status().detail().find("trace 7") != std::string::npos);
    QCOMPARE(trace::decodeTrace("garbage", "trace 8").status().code(), Status::Code::kCorruption);
}

void TestTrace::episodesPerConnection() {
    trace::Trace t;
    t.profile = "app";
    t.events = {{10, 2, 5, false}, {11, 1, 1, false}, {12, 2, 6, false},
                {13, 1, 2, true},  {14, 1, 3, false}, {15, 3, 9, true}};
    auto eps = trace::episodesOf(t);
    QCOMPARE(eps.size(), size_t(2));  // connection 3 only wrote
    QCOMPARE(eps[0].startUs, uint64_t(10));
    QCOMPARE(eps[0].reads, (std::vector<uint32_t>{5, 6}));
    QCOMPARE(eps[1].reads, (std::vector<uint32_t>{1, 3}));
    QCOMPARE(eps[1].profile, std::string("app"));
}

void TestTrace::inProcessVfsMatchesDbstat() {
    std::string db = path("inproc.db");
    QVERIFY(copyFile(chinookPath(), db));
    std::set<uint32_t> expected = expectedScanPages(db, "InvoiceLine");
    trace::MemoryTraceSink sink;
    {
        trace::TracingVfs vfs(&sink, db, /*makeDefault=*/false, "test-trace");
        auto conn = SqliteDb::open(db, SQLITE_OPEN_READONLY, vfs.name());
        QVERIFY(conn.isOk());
        auto n = conn->queryInt("SELECT sum(length(UnitPrice) + Quantity) FROM InvoiceLine NOT INDEXED");
        QVERIFY2(n.isOk(), n.status().toString().c_str());
        conn->close();
        QCOMPARE(vfs.pageSize(), 4096u);
    }
    trace::Trace t = sink.take();
    size_t reads = 0;
    std::set<uint32_t> got = readPages(t, &reads);
    QCOMPARE(got, expected);
    QCOMPARE(reads, expected.size());  // each page once: the pager cache holds the rest
}

void TestTrace::sqliteShellUnderRecorder_data() {
    QTest::addColumn<bool>("walWithUncheckpointedPages");
    QTest::addColumn<bool>("shellCheckpointsOnClose");
    QTest::newRow("rollback") << false << false;
    QTest::newRow("wal") << true << false;
    // The shell is the last connection: closing, it copies the WAL into the file. Those reads are copies.
    QTest::newRow("wal, checkpoint on close") << true << true;
}

void TestTrace::sqliteShellUnderRecorder() {
    QFETCH(bool, walWithUncheckpointedPages);
    QFETCH(bool, shellCheckpointsOnClose);
    if (QStandardPaths::findExecutable("sqlite3").isEmpty()) QSKIP("the sqlite3 shell is not installed");
    std::string db =
        path(std::string(QTest::currentDataTag()).substr(0, 3) + (shellCheckpointsOnClose ? "-ckpt" : "") + ".db");
    QVERIFY(copyFile(chinookPath(), db));
    // Keeps the WAL (and its pages) after this connection closes.
    std::unique_ptr<SqliteDb> keeper;
    if (walWithUncheckpointedPages) {
        auto conn = SqliteDb::open(db, SQLITE_OPEN_READWRITE);
        PRESCIENT_VERIFY_OK(
            conn->exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                       "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT);"
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 3000) "
                       "INSERT INTO notes SELECT i, printf('%.200c', 'n') FROM n;"));
        keeper = std::make_unique<SqliteDb>(std::move(conn.value()));
        QVERIFY(QFileInfo(QString::fromStdString(db + "-wal")).size() > 100000);
        if (shellCheckpointsOnClose) {
            sqlite3_db_config(keeper->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
            keeper.reset();
            QVERIFY(QFileInfo(QString::fromStdString(db + "-wal")).size() > 100000);
        }
    }
    std::string table = walWithUncheckpointedPages ? "notes" : "Track";
    std::set<uint32_t> expected = expectedScanPages(db, table);
    CliRun r = runCli({"trace", "record", "--repo", m_repo, "--source", QString::fromStdString(db), "--", "sqlite3",
                       QString::fromStdString(db),
                       QString::fromStdString("SELECT count(*), sum(length(" +
                                              std::string(walWithUncheckpointedPages ? "body" : "Name") + ")) FROM " +
                                              table + " NOT INDEXED;")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // The traced program's own output comes first; the trace id is the last line.
    int64_t id = r.out.trimmed().split('\n').last().toLongLong();
    auto repo = repo::Repository::open(Env::posix(), str(m_repo), repo::Repository::Access::kRead);
    auto data = repo.value()->catalog().traceData(id);
    QVERIFY(data.isOk());
    auto t = trace::decodeTrace(decompressBuffer(data.value(), 1 << 30, "t").value(), "t");
    QVERIFY(t.isOk());
    QCOMPARE(t->profile, std::string("sqlite3"));
    QCOMPARE(t->pageSize, 4096u);
    size_t reads = 0;
    std::set<uint32_t> got = readPages(t.value(), &reads);
    std::string diff;
    for (uint32_t p : got)
        if (!expected.count(p)) diff += " +" + std::to_string(p);
    for (uint32_t p : expected)
        if (!got.count(p)) diff += " -" + std::to_string(p);
    QVERIFY2(diff.empty(), ("recorded vs DBSTAT:" + diff).c_str());
    QCOMPARE(reads, expected.size());
    QCOMPARE(trace::episodesOf(t.value()).size(), size_t(1));
    if (shellCheckpointsOnClose) QVERIFY(QFileInfo(QString::fromStdString(db + "-wal")).size() < 100000);
}

void TestTrace::pythonUnderRecorderAndProfiles() {
    if (QStandardPaths::findExecutable("python3").isEmpty()) QSKIP("python3 is not installed");
    std::string db = path("py.db");
    QVERIFY(copyFile(chinookPath(), db));
    QString script =
        "import sqlite3\n"
        "for i in range(3):\n"
        "    c = sqlite3.connect(r'" +
        QString::fromStdString(db) +
        "')\n"
        "    c.execute('select * from customer where customerid = ?', (i + 1,)).fetchall()\n"
        "    c.close()\n";
    CliRun r = runCli({"trace", "record", "--repo", m_repo, "--source", QString::fromStdString(db), "--profile", "crm",
                       "--", "python3", "-c", script});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.err.contains("profile crm") && r.err.contains("in 3 episode(s)"));
    auto repo = repo::Repository::open(Env::posix(), str(m_repo), repo::Repository::Access::kRead);
    auto eps = trace::loadEpisodes(repo.value()->catalog(), db);
    QVERIFY2(eps.isOk(), eps.status().toString().c_str());
    QCOMPARE(eps->size(), size_t(3));
    for (const auto& e : eps.value()) {
        QCOMPARE(e.profile, std::string("crm"));
        QCOMPARE(e.reads.front(), 1u);  // every cold start reads the header page first
    }
    CliRun list = runCli({"trace", "list", "--repo", m_repo, "--source", QString::fromStdString(db), "--json"});
    QCOMPARE(list.code, 0);
    QJsonArray arr = QJsonDocument::fromJson(list.out.toUtf8()).array();
    QCOMPARE(arr.size(), 1);
    QCOMPARE(arr.at(0).toObject().value("episodes").toInt(), 3);
}

void TestTrace::badInputs() {
    std::string db = path("bad.db");
    QVERIFY(copyFile(chinookPath(), db));
    QString qdb = QString::fromStdString(db);
    // A program that never opens the source: an empty trace is refused, nothing stored.
    CliRun none = runCli({"trace", "record", "--repo", m_repo, "--source", qdb, "--", "true"});
    QCOMPARE(none.code, 7);
    QVERIFY2(none.err.contains("no page of " + qdb + " was read"), qPrintable(none.err));
    // A trace of another database is not a trace of this one.
    std::string other = path("other.db");
    QVERIFY(copyFile(chinookPath(), other));
    CliRun wrong = runCli({"trace", "record", "--repo", m_repo, "--source", qdb, "--", "sqlite3",
                           QString::fromStdString(other), "select count(*) from album"});
    QCOMPARE(wrong.code, 7);
    CliRun missing = runCli({"trace", "record", "--repo", m_repo, "--source", qdb, "--", "no-such-program-xyz"});
    QCOMPARE(missing.code, 4);
    QVERIFY(missing.err.contains("no-such-program-xyz"));
    CliRun noSource =
        runCli({"trace", "record", "--repo", m_repo, "--source", m_tmp.filePath("nope.db"), "--", "true"});
    QCOMPARE(noSource.code, 4);
    CliRun usage = runCli({"trace", "record", "--repo", m_repo, "--source", qdb});
    QCOMPARE(usage.code, 2);
    auto repo = repo::Repository::open(Env::posix(), str(m_repo), repo::Repository::Access::kWrite);
    QCOMPARE(trace::loadEpisodes(repo.value()->catalog(), db).status().code(), Status::Code::kNotFound);
    // A damaged stored trace is named.
    trace::Trace t;
    t.profile = "x";
    t.pageSize = 4096;
    t.events = {{1, 1, 1, false}};
    auto id = trace::storeTrace(repo.value()->catalog(), db, t);
    QVERIFY(id.isOk());
    std::string raw = trace::encodeTrace(t);
    raw[10] ^= 0x20;
    repo.value().reset();
    {
        auto conn = SqliteDb::open(str(m_repo) + "/catalog.db", SQLITE_OPEN_READWRITE);
        Stmt up(conn->handle(), "UPDATE traces SET data = ? WHERE id = ?");
        std::string c = compressBuffer(raw);
        up.bindBlob(1, c.data(), c.size()).bind(2, id.value());
        PRESCIENT_VERIFY_OK(up.run());
    }
    auto ro = repo::Repository::open(Env::posix(), str(m_repo), repo::Repository::Access::kRead);
    auto eps = trace::loadEpisodes(ro.value()->catalog(), db);
    QCOMPARE(eps.status().code(), Status::Code::kCorruption);
    QVERIFY2(eps.status().detail().find("trace " + std::to_string(id.value())) != std::string::npos,
             eps.status().detail().c_str());
}

void TestTrace::interruptedRecordingStoresNothing() {
    std::string db = path("int.db");
    QVERIFY(copyFile(chinookPath(), db));
    QProcess p;
    p.start(QStringLiteral(PRESCIENT_CLI_PATH),
            {"trace", "record", "--repo", m_repo, "--source", QString::fromStdString(db), "--", "sleep", "30"});
    QVERIFY(p.waitForStarted());
    QTest::qWait(500);
    ::kill(static_cast<pid_t>(p.processId()), SIGTERM);  // to prescient alone: it must pass it on
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 8);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("was not stored"));
    CliRun list = runCli({"trace", "list", "--repo", m_repo, "--source", QString::fromStdString(db), "--json"});
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 0);
}

QTEST_APPLESS_MAIN(TestTrace)
#include "tst_trace.moc"
