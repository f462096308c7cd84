// UI suite for the query console and the "Back up now" dialog: drives the real widgets (offscreen) against
// databases and a repository made in temporary folders.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include "appcontext.h"
#include "backupdialog.h"
#include "capture/backup.h"
#include "queryconsole.h"
#include "repo/repository.h"
#include "restore/instantrestore.h"
#include "support/testdb.h"

using namespace prescient;
using namespace prescient::ui;

namespace {

// Runs sql on a new database at path; "" on success, else SQLite's message.
QString makePlainDb(const QString& path, const char* sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        QString m = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return m;
    }
    char* err = nullptr;
    QString m;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) m = QString::fromUtf8(err);
    sqlite3_free(err);
    sqlite3_close(db);
    return m;
}

// count(*) of table on a plain connection; -1 on error.
qlonglong countRows(const QString& path, const char* table) {
    sqlite3* db = nullptr;
    qlonglong n = -1;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        const QByteArray sql = QByteArray("SELECT count(*) FROM ") + table;
        if (sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

bool hasSnapshotTagged(const AppContext& ctx, const std::string& tag) {
    for (const auto& s : ctx.state().snapshots)
        if (s.tag == tag) return true;
    return false;
}

}  // namespace

class TestConsoleUi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();

    void queryCount();
    void syntaxError();
    void missingFile();
    void modelTester();
    void generationDropsOlderRun();
    void multipleStatementsShowLast();
    void truncatesAtMaxRows();
    void ctrlEnterRuns();
    void knownTargetsMarked();
    void queryDuringRestore();
    void consoleScreenshot();

    void backupEndToEnd();
    void backupNotADatabase();
    void backupRepositoryLocked();
    void backupCancelAndScreenshot();

private:
    // A repository with the context opened on it.
    bool openRepo(AppContext& ctx, const QString& dir);

    QTemporaryDir m_tmp;
    QString m_db;  // table t with 42 rows
};

void TestConsoleUi::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    m_db = m_tmp.filePath("plain.db");
    QString err = makePlainDb(m_db,
                              "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB);"
                              "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 42) "
                              "INSERT INTO t SELECT x, 'row ' || x, x / 4.0, CASE WHEN x % 3 = 0 THEN NULL "
                              "ELSE randomblob(20) END FROM c;");
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

bool TestConsoleUi::openRepo(AppContext& ctx, const QString& dir) {
    if (!repo::Repository::init(Env::posix(), dir.toStdString()).isOk()) return false;
    QSignalSpy state(&ctx, &AppContext::stateChanged);
    ctx.openRepository(dir);
    return QTest::qWaitFor([&] { return state.count() > 0; }, 10000) && ctx.state().repoDir == dir;
}

void TestConsoleUi::queryCount() {
    AppContext ctx;
    QueryConsole console(&ctx);
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    console.setTarget(m_db);
    console.setSql("SELECT count(*) FROM t");
    console.runQuery();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(finished.at(0).at(1).toInt(), 1);
    QAbstractItemModel* model = console.resultModel();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->columnCount(), 1);
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QString("count(*)"));
    QCOMPARE(model->data(model->index(0, 0), Qt::EditRole).toLongLong(), 42LL);
    QVERIFY2(console.statusText().startsWith("1 row in "), qPrintable(console.statusText()));
    QVERIFY2(console.statusText().contains(" ms"), qPrintable(console.statusText()));
    QVERIFY(!console.statusText().contains("restoring"));
}

void TestConsoleUi::syntaxError() {
    AppContext ctx;
    QueryConsole console(&ctx);
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    console.setTarget(m_db);
    console.setSql("SELECT count(*) FROM t");
    console.runQuery();
    QTRY_COMPARE(finished.count(), 1);
    console.setSql("SELEC count(*) FROM t");
    console.runQuery();
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(finished.at(1).at(0).toBool(), false);
    QCOMPARE(console.resultModel()->rowCount(), 0);  // the old result is not left standing
    QVERIFY2(console.statusText().contains("syntax error"), qPrintable(console.statusText()));
    QVERIFY2(console.statusText().contains("SELEC"), qPrintable(console.statusText()));
    console.resize(1000, 600);
    console.show();
    QVERIFY(console.grab().save("/tmp/query-console-error.png"));
}

void TestConsoleUi::missingFile() {
    AppContext ctx;
    QueryConsole console(&ctx);
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    const QString missing = m_tmp.filePath("missing.db");
    console.setTarget(missing);
    console.setSql("SELECT 1");
    console.runQuery();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(console.statusText().contains("does not exist"), qPrintable(console.statusText()));
    QVERIFY2(console.statusText().contains(missing), qPrintable(console.statusText()));
    QVERIFY(!QFile::exists(missing));  // never created by the query
}

void TestConsoleUi::modelTester() {
    AppContext ctx;
    QueryConsole console(&ctx);
    QAbstractItemModelTester tester(console.resultModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    console.setTarget(m_db);
    console.setSql("SELECT * FROM t ORDER BY id");
    console.runQuery();
    QTRY_COMPARE(finished.count(), 1);
    QAbstractItemModel* model = console.resultModel();
    QCOMPARE(model->rowCount(), 42);
    QCOMPARE(model->columnCount(), 4);
    QCOMPARE(model->data(model->index(0, 1)).toString(), QString("row 1"));
    QCOMPARE(model->data(model->index(2, 3)).toString(), QString("NULL"));     // x % 3 == 0
    QVERIFY(!model->data(model->index(2, 3), Qt::EditRole).isValid());         // a real NULL
    QVERIFY(model->data(model->index(0, 3)).toString().contains("20 bytes"));  // a BLOB
    QCOMPARE(model->data(model->index(5, 2), Qt::EditRole).toDouble(), 1.5);
    console.setSql("SELECT 1 WHERE 0");  // no rows, one column
    console.runQuery();
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(model->columnCount(), 1);
    console.setSql("nonsense");  // an error empties the model
    console.runQuery();
    QTRY_COMPARE(finished.count(), 3);
    QCOMPARE(model->columnCount(), 0);
}

void TestConsoleUi::generationDropsOlderRun() {
    AppContext ctx;
    QueryConsole console(&ctx);
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    console.setTarget(m_db);
    // A slow first run (interrupted once superseded) and a quick second one.
    console.setSql(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000) "
        "SELECT count(*) AS first FROM c");
    console.runQuery();
    console.setSql("SELECT 2 AS second");
    console.runQuery();
    QTRY_COMPARE(finished.count(), 1);
    QTest::qWait(300);
    QCOMPARE(finished.count(), 1);  // the first run's answer never arrives
    QCOMPARE(console.resultModel()->headerData(0, Qt::Horizontal).toString(), QString("second"));
    QCOMPARE(console.resultModel()->data(console.resultModel()->index(0, 0)).toInt(), 2);

    // Same with two quick runs: still only the latest is shown.
    console.setSql("SELECT 'a' AS one");
    console.runQuery();
    console.setSql("SELECT 'b' AS two");
    console.runQuery();
    QTRY_COMPARE(finished.count(), 2);
    QTest::qWait(200);
    QCOMPARE(finished.count(), 2);
    QCOMPARE(console.resultModel()->headerData(0, Qt::Horizontal).toString(), QString("two"));
}

void TestConsoleUi::multipleStatementsShowLast() {
    AppContext ctx;
    QueryConsole console(&ctx);
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    const QString path = m_tmp.filePath("multi.db");
    QVERIFY(makePlainDb(path, "CREATE TABLE u(a)").isEmpty());
    console.setTarget(path);
    console.setSql(
        "SELECT 'ignored';\nINSERT INTO u VALUES (1), (2), (3);\n-- a comment\nSELECT a FROM u ORDER BY a;\n");
    console.runQuery();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(console.statusText()));
    QCOMPARE(console.resultModel()->rowCount(), 3);
    QCOMPARE(console.resultModel()->headerData(0, Qt::Horizontal).toString(), QString("a"));
    QVERIFY2(console.statusText().contains("3 statements"), qPrintable(console.statusText()));

    console.setSql("DELETE FROM u WHERE a > 1");  // no rows: the change count is shown
    console.runQuery();
    QTRY_COMPARE(finished.count(), 2);
    QVERIFY2(console.statusText().contains("2 rows changed"), qPrintable(console.statusText()));

    console.setSql("SELECT 1;\nSELECT * FROM nowhere;");  // the failing statement is named with its line
    console.runQuery();
    QTRY_COMPARE(finished.count(), 3);
    QVERIFY2(console.statusText().contains("no such table: nowhere"), qPrintable(console.statusText()));
    QVERIFY2(console.statusText().contains("statement 2"), qPrintable(console.statusText()));
}

void TestConsoleUi::truncatesAtMaxRows() {
    AppContext ctx;
    QueryConsole console(&ctx);
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    console.setTarget(m_db);
    console.setSql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10050) SELECT x FROM c");
    console.runQuery();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(1).toInt(), QueryResult::kMaxRows);
    QCOMPARE(console.resultModel()->rowCount(), QueryResult::kMaxRows);
    QVERIFY2(console.statusText().contains("first"), qPrintable(console.statusText()));
}

void TestConsoleUi::ctrlEnterRuns() {
    AppContext ctx;
    QueryConsole console(&ctx);
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    console.setTarget(m_db);
    auto* editor = console.findChild<QPlainTextEdit*>();
    QVERIFY(editor);
    QTest::keyClicks(editor, "SELECT max(id) FROM t");
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(console.resultModel()->data(console.resultModel()->index(0, 0)).toInt(), 42);
    QCOMPARE(editor->toPlainText(), QString("SELECT max(id) FROM t"));  // no newline typed
}

void TestConsoleUi::knownTargetsMarked() {
    AppContext ctx;
    QueryConsole console(&ctx);
    console.setTarget(m_db);
    const QString restoring = m_tmp.filePath("restoring.db");
    console.setKnownTargets({restoring});
    QCOMPARE(console.target(), m_db);  // the current text is kept
    auto* combo = console.findChild<QComboBox*>();
    QVERIFY(combo);
    QCOMPARE(combo->itemText(0), restoring);
    QVERIFY(!combo->itemIcon(0).isNull());  // marked
    console.setTarget(restoring);
    QCOMPARE(console.target(), restoring);
}

void TestConsoleUi::queryDuringRestore() {
    // A snapshot restored (slowly) in this process: the console reads it through the prescient VFS.
    const QString dir = m_tmp.filePath("repo-instant");
    const QString source = m_tmp.filePath("instant-source.db");
    const QString target = m_tmp.filePath("instant-target.db");
    std::string err;
    QVERIFY2(test::makeDatabase(source.toStdString(), 4096, false, 3000, false, 3, &err), err.c_str());
    QVERIFY(repo::Repository::init(Env::posix(), dir.toStdString()).isOk());
    repo::SnapshotInfo snapshot;
    {
        auto w = repo::Repository::open(Env::posix(), dir.toStdString(), repo::Repository::Access::kWrite);
        QVERIFY2(w.isOk(), w.status().toString().c_str());
        auto snap = capture::backupDatabase(*w.value(), source.toStdString(), capture::BackupOptions());
        QVERIFY2(snap.isOk(), snap.status().toString().c_str());
        snapshot = snap.value();
    }
    auto r = repo::Repository::open(Env::posix(), dir.toStdString(), repo::Repository::Access::kRead);
    QVERIFY2(r.isOk(), r.status().toString().c_str());
    restore::InstantOptions options;
    options.strategy = "none";
    options.rateMBps = 0.5;
    auto session = restore::InstantRestore::start(*r.value(), snapshot, target.toStdString(), options);
    QVERIFY2(session.isOk(), session.status().toString().c_str());

    AppContext ctx;
    QueryConsole console(&ctx);
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    console.setKnownTargets({target});
    console.setTarget(target);
    console.setSql("SELECT count(*), max(id), avg(length(name)) FROM items");
    console.runQuery();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(console.statusText()));
    QVERIFY2(!session.value()->done(), "the restore ended before the query: the test proves nothing");
    QVERIFY2(console.statusText().contains("still restoring"), qPrintable(console.statusText()));
    QCOMPARE(console.resultModel()->data(console.resultModel()->index(0, 0), Qt::EditRole).toLongLong(),
             countRows(source, "items"));
    QVERIFY(session.value()->counters().queries.load() >= 1);  // noteQueryServed reached the restore
    console.resize(1000, 600);
    console.show();
    QVERIFY(console.grab().save("/tmp/query-console-restoring.png"));
    session.value()->cancel();
    (void)session.value()->wait();
}

void TestConsoleUi::consoleScreenshot() {
    AppContext ctx;
    QueryConsole console(&ctx);
    const QString chinook = m_tmp.filePath("chinook.sqlite");
    QVERIFY(test::copyFile(test::chinookPath(), chinook.toStdString()));
    console.setKnownTargets({m_tmp.filePath("restore/orders.db")});
    console.setTarget(chinook);
    console.setSql(
        "-- Top tracks by length\nSELECT t.TrackId, t.Name, a.Title AS Album, t.Composer, t.Milliseconds,\n"
        "       t.UnitPrice\nFROM Track t JOIN Album a USING (AlbumId)\nORDER BY t.Milliseconds DESC;");
    QSignalSpy finished(&console, &QueryConsole::queryFinished);
    console.resize(1000, 600);
    console.show();
    console.runQuery();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(console.statusText()));
    QVERIFY(console.grab().save("/tmp/query-console.png"));
}

void TestConsoleUi::backupEndToEnd() {
    AppContext ctx;
    const QString dir = m_tmp.filePath("repo-e2e");
    QVERIFY(openRepo(ctx, dir));
    const QString source = m_tmp.filePath("source.db");
    std::string err;
    QVERIFY2(test::makeDatabase(source.toStdString(), 4096, true, 500, false, 1, &err), err.c_str());

    BackupDialog dialog(&ctx);
    QSignalSpy committed(&dialog, &BackupDialog::snapshotCommitted);
    QSignalSpy failed(&dialog, &BackupDialog::backupFailed);
    dialog.setSource(source);
    dialog.setTag("ui-test");
    dialog.show();
    dialog.start();
    QVERIFY(dialog.running());
    QTRY_COMPARE_WITH_TIMEOUT(committed.count(), 1, 30000);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!dialog.running());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(committed.at(0).at(0).toString().size(), 16);
    QTRY_VERIFY_WITH_TIMEOUT(hasSnapshotTagged(ctx, "ui-test"), 10000);
    const auto& snaps = ctx.state().snapshots;
    QCOMPARE(QString::fromStdString(snaps.back().id), committed.at(0).at(0).toString());
    QCOMPARE(QString::fromStdString(snaps.back().sourcePath), source);

    // A new dialog offers the source that is now in the repository.
    BackupDialog again(&ctx);
    auto* combo = again.findChild<QComboBox*>();
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), source);
}

void TestConsoleUi::backupNotADatabase() {
    AppContext ctx;
    QVERIFY(openRepo(ctx, m_tmp.filePath("repo-notdb")));
    const QString text = m_tmp.filePath("notes.txt");
    {
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("these are not the pages you are looking for\n").repeated(200));
    }
    BackupDialog dialog(&ctx);
    QSignalSpy committed(&dialog, &BackupDialog::snapshotCommitted);
    QSignalSpy failed(&dialog, &BackupDialog::backupFailed);
    dialog.setSource(text);
    dialog.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(!dialog.running());
    QCOMPARE(committed.count(), 0);
    QVERIFY2(dialog.statusText().contains("not an SQLite database"), qPrintable(dialog.statusText()));
    QVERIFY2(dialog.statusText().startsWith("Backing up"), qPrintable(dialog.statusText()));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));  // still open, nothing accepted
    QTest::qWait(100);
    QVERIFY(ctx.state().snapshots.empty());

    // A missing source is named too.
    dialog.setSource(m_tmp.filePath("nowhere.db"));
    dialog.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10000);
    QVERIFY2(dialog.statusText().contains("does not exist"), qPrintable(dialog.statusText()));
    QCOMPARE(committed.count(), 0);
}

void TestConsoleUi::backupRepositoryLocked() {
    AppContext ctx;
    const QString dir = m_tmp.filePath("repo-locked");
    QVERIFY(openRepo(ctx, dir));
    auto holder = repo::Repository::open(Env::posix(), dir.toStdString(), repo::Repository::Access::kWrite);
    QVERIFY2(holder.isOk(), holder.status().toString().c_str());

    BackupDialog dialog(&ctx);
    QSignalSpy committed(&dialog, &BackupDialog::snapshotCommitted);
    QSignalSpy failed(&dialog, &BackupDialog::backupFailed);
    dialog.setSource(m_db);
    dialog.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QCOMPARE(committed.count(), 0);
    QVERIFY2(dialog.statusText().contains("locked"), qPrintable(dialog.statusText()));
    QVERIFY2(dialog.statusText().contains("another process"), qPrintable(dialog.statusText()));
    dialog.show();
    QVERIFY(dialog.grab().save("/tmp/backup-dialog-locked.png"));

    // Once the holder lets go, the same dialog succeeds.
    holder.value().reset();
    dialog.start();
    QTRY_COMPARE_WITH_TIMEOUT(committed.count(), 1, 30000);
}

void TestConsoleUi::backupCancelAndScreenshot() {
    AppContext ctx;
    const QString dir = m_tmp.filePath("repo-cancel");
    QVERIFY(openRepo(ctx, dir));
    const QString source = m_tmp.filePath("big.db");
    std::string err;
    QVERIFY2(test::makeDatabase(source.toStdString(), 4096, false, 20000, false, 7, &err), err.c_str());
    const qint64 size = QFileInfo(source).size();
    QVERIFY(size > 1000000);

    BackupDialog dialog(&ctx);
    QSignalSpy committed(&dialog, &BackupDialog::snapshotCommitted);
    QSignalSpy failed(&dialog, &BackupDialog::backupFailed);
    dialog.setSource(source);
    dialog.setTag("nightly");
    dialog.setRateLimit(static_cast<double>(size) / 1e6 / 4);  // about 4 s
    dialog.resize(1000, 600);
    dialog.show();
    dialog.start();
    auto* bar = dialog.findChild<QProgressBar*>();
    QVERIFY(bar);
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0 && bar->value() >= 350, 10000);
    QVERIFY(dialog.running());
    QVERIFY2(dialog.statusText().startsWith("Copying pages"), qPrintable(dialog.statusText()));
    QVERIFY(dialog.grab().save("/tmp/backup-dialog.png"));

    dialog.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(!dialog.running());
    QCOMPARE(committed.count(), 0);
    QVERIFY2(dialog.statusText().contains("cancelled"), qPrintable(dialog.statusText()));
    QVERIFY(dialog.isVisible());  // Cancel stops the backup, not the dialog

    // Closing while a backup runs cancels it and closes once it has stopped.
    dialog.setRateLimit(static_cast<double>(size) / 1e6 / 10);
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0 && bar->value() > 0, 10000);
    dialog.reject();
    QVERIFY(dialog.isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 10000);
    QCOMPARE(committed.count(), 0);
    QTest::qWait(100);
    QVERIFY(!hasSnapshotTagged(ctx, "nightly"));
}

QTEST_MAIN(TestConsoleUi)
#include "tst_consoleui.moc"
