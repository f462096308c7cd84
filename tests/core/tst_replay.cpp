// Replaying a workload's reads (demo::replayReads): the same seed on the same bytes gives the same queries
// and results (digest), wherever the file is and whichever VFS serves it; the digest covers the results;
// maxSeconds and onQuery work; errors name the database.
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <map>
#include <thread>

#include "demo/workloads.h"
#include "restore/restorevfs.h"
#include "support/testdb.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;

namespace {

// Serves the main file from disk but fails every read at or beyond byte `failFrom`.
class FailingServer : public restore::PageServer {
public:
    explicit FailingServer(sqlite3_int64 failFrom) : m_failFrom(failFrom) {}
    int read(sqlite3_file* real, void* buf, int n, sqlite3_int64 off) override {
        if (off + n > m_failFrom) return SQLITE_IOERR_READ;
        return real->pMethods->xRead(real, buf, n, off);
    }
    int write(sqlite3_file*, const void*, int, sqlite3_int64) override { return SQLITE_READONLY; }
    int truncate(sqlite3_file*, sqlite3_int64) override { return SQLITE_READONLY; }
    int sync(sqlite3_file*, int) override { return SQLITE_OK; }
    bool readOnly() const override { return true; }

private:
    sqlite3_int64 m_failFrom;
};

Status execOn(const std::string& path, const std::string& sql) {
    auto db = SqliteDb::open(path, SQLITE_OPEN_READWRITE);
    if (!db.isOk()) return db.status();
    return db->exec(sql);
}

}  // namespace

class TestReplay : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void sameSeedSameDigest_data();
    void sameSeedSameDigest();
    void throughOtherVfs();
    void maxSecondsAndOnQuery();
    void unreadablePage();
    void badInputs();

private:
    QTemporaryDir m_tmp;
    std::map<std::string, std::string> m_db;  // workload -> its database, made once
    std::string path(const std::string& n) { return str(m_tmp.filePath(QString::fromStdString(n))); }
    Result<demo::ReplayResult> replay(const std::string& w, const std::string& db, uint64_t seed) {
        demo::ReplayOptions o;
        o.sessions = 6;
        o.seed = seed;
        return demo::replayReads(w, db, o);
    }
};

void TestReplay::initTestCase() {
    QVERIFY(m_tmp.isValid());
    for (const std::string& w : demo::workloadNames()) {
        if (w == "chinook" && QStandardPaths::findExecutable("sqlite3").isEmpty()) continue;
        demo::WorkloadOptions o;
        o.sessions = 6;
        o.scale = 0.3;
        o.seed = 11;
        o.recorderPath = PRESCIENT_RECORDER_PATH;
        o.chinookPath = chinookPath();
        const std::string db = path(w + ".db");
        auto eps = demo::runWorkload(w, db, o);
        QVERIFY2(eps.isOk(), eps.status().toString().c_str());
        m_db[w] = db;
    }
}

void TestReplay::sameSeedSameDigest_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("change");  // an UPDATE of rows every replay of seed 1 reads, keys unchanged
    QTest::newRow("oltp") << "oltp"
                          << "UPDATE products SET name = name || '!'";
    QTest::newRow("reporting") << "reporting"
                               << "UPDATE sales SET amount = amount + 1 WHERE id = (SELECT max(id) FROM sales)";
    QTest::newRow("timeseries") << "timeseries"
                                << "UPDATE readings SET value = value + 0.5 WHERE ts = (SELECT max(ts) FROM readings)";
    QTest::newRow("chinook") << "chinook"
                             << "UPDATE Genre SET Name = Name || '!' WHERE GenreId = 1";
}

void TestReplay::sameSeedSameDigest() {
    QFETCH(QString, name);
    QFETCH(QString, change);
    const std::string w = str(name);
    if (!m_db.count(w)) QSKIP("the sqlite3 shell is not installed");
    const std::string db = m_db[w];

    auto a = replay(w, db, 1), b = replay(w, db, 1);
    QVERIFY2(a.isOk(), a.status().toString().c_str());
    QVERIFY2(b.isOk(), b.status().toString().c_str());
    QVERIFY(!a->queries.empty());
    QVERIFY(a->rows > 0);
    QCOMPARE(a->digest.size(), size_t(32));
    QCOMPARE(b->digest, a->digest);
    QCOMPARE(b->queries.size(), a->queries.size());
    uint64_t rows = 0;
    for (const demo::ReplayQuery& q : a->queries) {
        rows += q.rows;
        QVERIFY(q.seconds >= 0);
    }
    QCOMPARE(rows, a->rows);

    const std::string copy = path(w + "-copy.db");
    QVERIFY(copyFile(db, copy));
    auto c = replay(w, copy, 1);
    QVERIFY2(c.isOk(), c.status().toString().c_str());
    QCOMPARE(c->digest, a->digest);

    auto other = replay(w, db, 2);
    QVERIFY2(other.isOk(), other.status().toString().c_str());
    QVERIFY(other->digest != a->digest);

    const std::string changed = path(w + "-changed.db");
    QVERIFY(copyFile(db, changed));
    PRESCIENT_VERIFY_OK(execOn(changed, str(change)));
    auto d = replay(w, changed, 1);
    QVERIFY2(d.isOk(), d.status().toString().c_str());
    QCOMPARE(d->queries.size(), a->queries.size());  // the same queries...
    QVERIFY(d->digest != a->digest);                 // ...with other results
}

void TestReplay::throughOtherVfs() {
    const std::string db = m_db["reporting"];
    auto plain = replay("reporting", db, 4);
    QVERIFY2(plain.isOk(), plain.status().toString().c_str());
    // The prescient VFS passes through a database it does not restore.
    demo::ReplayOptions o;
    o.sessions = 6;
    o.seed = 4;
    o.vfs = restore::registerRestoreVfs();
    auto viaRestoreVfs = demo::replayReads("reporting", db, o);
    QVERIFY2(viaRestoreVfs.isOk(), viaRestoreVfs.status().toString().c_str());
    QCOMPARE(viaRestoreVfs->digest, plain->digest);
    o.vfs = "no-such-vfs";
    auto none = demo::replayReads("reporting", db, o);
    QVERIFY(!none.isOk());
    QVERIFY2(none.status().detail().find(db) != std::string::npos, none.status().toString().c_str());
}

void TestReplay::maxSecondsAndOnQuery() {
    const std::string db = m_db["oltp"];
    demo::ReplayOptions o;
    o.sessions = 6;
    size_t calls = 0;
    uint64_t rows = 0;
    o.onQuery = [&](const demo::ReplayQuery& q) {
        ++calls;
        rows += q.rows;
    };
    auto all = demo::replayReads("oltp", db, o);
    QVERIFY2(all.isOk(), all.status().toString().c_str());
    QCOMPARE(calls, all->queries.size());
    QCOMPARE(rows, all->rows);

    calls = 0;
    o.maxSeconds = 0.05;
    o.onQuery = [&](const demo::ReplayQuery&) {
        ++calls;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    };
    auto early = demo::replayReads("oltp", db, o);
    QVERIFY2(early.isOk(), early.status().toString().c_str());
    QCOMPARE(calls, early->queries.size());
    QVERIFY(!early->queries.empty());
    QVERIFY2(early->queries.size() <= 6, qPrintable(QString::number(early->queries.size())));
    QVERIFY(early->queries.size() < all->queries.size());
    QCOMPARE(early->digest.size(), size_t(32));
}

void TestReplay::unreadablePage() {
    const std::string db = path("unreadable.db");
    QVERIFY(copyFile(m_db["timeseries"], db));
    restore::registerRestoreVfs();
    restore::registerPageServer(db, std::make_shared<FailingServer>(8 * 4096));
    demo::ReplayOptions o;
    o.sessions = 2;
    o.vfs = restore::kRestoreVfsName;
    auto r = demo::replayReads("timeseries", db, o);
    restore::registerPageServer(db, nullptr);
    QVERIFY(!r.isOk());
    QCOMPARE(r.status().code(), Status::Code::kIoError);
    QVERIFY2(r.status().detail().find(db) != std::string::npos, r.status().toString().c_str());
}

void TestReplay::badInputs() {
    demo::ReplayOptions o;
    auto unknown = demo::replayReads("nosuch", m_db["oltp"], o);
    QCOMPARE(unknown.status().code(), Status::Code::kInvalidArgument);
    QVERIFY(unknown.status().detail().find("nosuch") != std::string::npos);

    const std::string missing = path("missing.db");
    auto gone = demo::replayReads("oltp", missing, o);
    QVERIFY(!gone.isOk());
    QVERIFY2(gone.status().detail().find(missing) != std::string::npos, gone.status().toString().c_str());

    auto wrong = demo::replayReads("reporting", m_db["oltp"], o);  // an oltp database has no sales
    QVERIFY(!wrong.isOk());
    QVERIFY2(wrong.status().detail().find(m_db["oltp"]) != std::string::npos, wrong.status().toString().c_str());

    o.sessions = 0;
    QCOMPARE(demo::replayReads("oltp", m_db["oltp"], o).status().code(), Status::Code::kInvalidArgument);
}

QTEST_APPLESS_MAIN(TestReplay)
#include "tst_replay.moc"
