// A backup while another thread writes continuously (WAL mode). The writer runs with busy_timeout 0, so
// any moment the backup blocked it would surface as SQLITE_BUSY. The restored database must pass
// integrity_check and hold exactly a prefix of the committed writes: ids 1..K with no gap, each row's
// payload intact, K between what was committed before and after the backup.
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include "support/testdb.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;

class TestConcurrent : public QObject {
    Q_OBJECT
private slots:
    void backupWhileWriting_data();
    void backupWhileWriting();
};

void TestConcurrent::backupWhileWriting_data() {
    QTest::addColumn<int>("pageSize");
    QTest::newRow("4096") << 4096;
    QTest::newRow("1024") << 1024;
}

void TestConcurrent::backupWhileWriting() {
    QFETCH(int, pageSize);
    QTemporaryDir tmp;
    Env* env = Env::posix();
    std::string db = str(tmp.filePath("live.db")), repoDir = str(tmp.filePath("repo")),
                target = str(tmp.filePath("restored.db"));
    {
        auto conn = SqliteDb::open(db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QVERIFY(conn.isOk());
        PRESCIENT_VERIFY_OK(conn->exec("PRAGMA page_size=" + std::to_string(pageSize) +
                                       "; PRAGMA journal_mode=WAL; CREATE TABLE log(id INTEGER PRIMARY KEY, "
                                       "payload TEXT NOT NULL, check_sum INTEGER NOT NULL);"
                                       "CREATE INDEX log_by_sum ON log(check_sum);"));
        // Some bulk so the copy takes a while under the rate limit.
        PRESCIENT_VERIFY_OK(
            conn->exec("CREATE TABLE bulk(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 "
                       "FROM n WHERE i < 6000) INSERT INTO bulk SELECT randomblob(500) FROM n;"));
    }
    PRESCIENT_VERIFY_OK(repo::Repository::init(env, repoDir));

    std::atomic<bool> stop{false};
    std::atomic<int64_t> committed{0};
    std::atomic<int> busy{0}, otherErrors{0};
    std::thread writer([&] {
        auto conn = SqliteDb::open(db, SQLITE_OPEN_READWRITE);
        if (!conn.isOk()) {
            ++otherErrors;
            return;
        }
        sqlite3_busy_timeout(conn->handle(), 0);
        Stmt ins(conn->handle(), "INSERT INTO log(id, payload, check_sum) VALUES(?, ?, ?)");
        for (int64_t id = 1; !stop.load(); ++id) {
            std::string payload = "order " + std::to_string(id) + std::string(static_cast<size_t>(id % 300), 'x');
            ins.bind(1, id).bind(2, payload).bind(3, static_cast<int64_t>(payload.size() * 31 + id));
            Status s = ins.run();
            if (s.code() == Status::Code::kBusy) {
                ++busy;
                --id;  // retry the same id
            } else if (!s.isOk()) {
                ++otherErrors;
                return;
            } else {
                committed.store(id);
            }
            ins.reset();
        }
    });
    while (committed.load() < 200) std::this_thread::yield();
    int64_t before = committed.load();
    RateLimiter rate(3'000'000);  // ~1 s for the ~3.5 MB database
    auto snap = backupOnce(env, repoDir, db, "live", &rate);
    int64_t after = committed.load();
    stop = true;
    writer.join();
    QVERIFY2(snap.isOk(), snap.status().toString().c_str());
    QCOMPARE(otherErrors.load(), 0);
    QCOMPARE(busy.load(), 0);
    QVERIFY2(after - before > 50, "the writer made no progress during the backup");
    qInfo("writer committed %lld rows during the %.2f s backup", static_cast<long long>(after - before), snap->seconds);

    PRESCIENT_VERIFY_OK(restoreOnce(env, repoDir, snap->id, target));
    QCOMPARE(integrityCheck(target), std::string("ok"));
    auto conn = SqliteDb::open(target, SQLITE_OPEN_READONLY);
    QVERIFY(conn.isOk());
    auto count = conn->queryInt("SELECT count(*) FROM log");
    auto maxId = conn->queryInt("SELECT coalesce(max(id), 0) FROM log");
    auto badRows = conn->queryInt(
        "SELECT count(*) FROM log WHERE check_sum != length(payload) * 31 + id OR payload NOT LIKE 'order ' || id || "
        "'%'");
    QVERIFY(count.isOk() && maxId.isOk() && badRows.isOk());
    QCOMPARE(count.value(), maxId.value());  // 1..K without a gap
    QCOMPARE(badRows.value(), int64_t(0));
    QVERIFY2(maxId.value() >= before && maxId.value() <= after,
             qPrintable(
                 QString("restored %1 rows; committed %2 before, %3 after").arg(maxId.value()).arg(before).arg(after)));
}

QTEST_APPLESS_MAIN(TestConcurrent)
#include "tst_concurrent.moc"
