// The GUI end to end, on real widgets (offscreen), a real repository and real restores: click a snapshot on
// the timeline, click Restore, accept; the query console answers with the source's result while the
// restore monitor's charts have points; the restore completes and the file equals the source. An
// event-loop stall probe while a restore runs at full speed. The --screenshot mode of prescient-gui.
#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "appcontext.h"
#include "mainwindow.h"
#include "queryconsole.h"
#include "restoredialog.h"
#include "restoremanager.h"
#include "restoremonitor.h"
#include "snapshotsview.h"
#include "support/testdb.h"
#include "support/testutil.h"
#include "timelinewidget.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;
using namespace prescient::ui;

class TestGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void oneClickRestoreEndToEnd();
    void eventLoopStaysResponsive();
    void screenshots_data();
    void screenshots();

private:
    QTemporaryDir m_tmp;
    std::string m_source, m_repoDir;
    repo::SnapshotInfo m_snapshot;
};

void TestGui::initTestCase() {
    QVERIFY(m_tmp.isValid());
    qputenv("XDG_DATA_HOME", m_tmp.filePath("xdg").toUtf8());
    qputenv("XDG_CONFIG_HOME", m_tmp.filePath("xdg-config").toUtf8());
    m_source = str(m_tmp.filePath("shop.db"));
    m_repoDir = str(m_tmp.filePath("repo"));
    QVERIFY(makeDatabase(m_source, 4096, true, 20000));  // about 30 MB
    PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), m_repoDir));
    auto snap = backupOnce(Env::posix(), m_repoDir, m_source, "before");
    PRESCIENT_VERIFY_OK(snap.status());
    m_snapshot = snap.value();
}

void TestGui::oneClickRestoreEndToEnd() {
    AppContext ctx;
    MainWindow w(&ctx);
    w.setOfferDemo(false);
    w.show();
    QSignalSpy state(&ctx, &AppContext::stateChanged);
    ctx.openRepository(QString::fromStdString(m_repoDir));
    QTRY_VERIFY_WITH_TIMEOUT(!ctx.state().snapshots.empty(), 20000);
    const QString id = QString::fromStdString(m_snapshot.id);

    // Click the snapshot on the timeline, then Restore.
    TimelineWidget* timeline = w.snapshotsView()->timeline();
    QTRY_VERIFY(!timeline->markerCenter(id).isNull());
    QTest::mouseClick(timeline, Qt::LeftButton, {}, timeline->markerCenter(id));
    QCOMPARE(w.snapshotsView()->selectedId(), id);
    QVERIFY(w.snapshotsView()->restoreButton()->isEnabled());
    w.snapshotsView()->restoreButton()->click();
    QTRY_VERIFY(w.restoreDialog() != nullptr);
    RestoreDialog* dialog = w.restoreDialog();
    const QString target = m_tmp.filePath("restored.db");
    dialog->targetEdit()->setText(target);
    dialog->setRateLimit(3.0);  // MB/s: keeps the restore running while the test looks at it
    QSignalSpy started(w.restoreManager(), &RestoreManager::restoreStarted);
    QSignalSpy finished(w.restoreManager(), &RestoreManager::restoreFinished);
    dialog->restoreButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(started.count() == 1, 20000);
    const int rid = started.at(0).at(0).toInt();

    // The console answers with the source's result while the restore runs and the monitor has points.
    int64_t expected = 0;
    {
        auto db = SqliteDb::open(m_source, SQLITE_OPEN_READONLY);
        QVERIFY(db.isOk());
        auto n = db->queryInt("SELECT count(*) FROM items");
        PRESCIENT_VERIFY_OK(n.status());
        expected = n.value();
    }
    w.showView("console");
    QueryConsole* console = w.queryConsole();
    console->setTarget(target);
    console->setSql("SELECT count(*) FROM items");
    QSignalSpy answered(console, &QueryConsole::queryFinished);
    console->runQuery();
    QTRY_VERIFY_WITH_TIMEOUT(answered.count() == 1, 20000);
    QVERIFY2(answered.at(0).at(0).toBool(), qPrintable(console->statusText()));
    QCOMPARE(console->resultModel()->data(console->resultModel()->index(0, 0), Qt::EditRole).toLongLong(), expected);
    QVERIFY2(finished.isEmpty(), "the restore ended before the query: the test proves nothing");
    QTRY_VERIFY_WITH_TIMEOUT(w.restoreMonitor()->pointCount(rid) > 2, 10000);

    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    QCOMPARE(firstPageDifference(str(target), m_source, 4096), std::string());
    QVERIFY(!QFile::exists(target + ".prescient"));
}

// While a restore runs at full speed, the GUI thread keeps ticking: the longest gap between 5 ms timer
// ticks stays far below a user-visible freeze.
void TestGui::eventLoopStaysResponsive() {
    // A 300 MB database, so that the restore at full speed lasts a while.
    const std::string big = str(m_tmp.filePath("big.db")), bigRepo = str(m_tmp.filePath("bigrepo"));
    {
        auto db = SqliteDb::open(big, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QVERIFY(db.isOk());
        PRESCIENT_VERIFY_OK(db->exec("PRAGMA journal_mode=WAL; CREATE TABLE a(id INTEGER PRIMARY KEY, p BLOB);"
                                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 280000) "
                                     "INSERT INTO a SELECT i, randomblob(1000) FROM n;"));
    }
    PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), bigRepo));
    auto snap = backupOnce(Env::posix(), bigRepo, big);
    PRESCIENT_VERIFY_OK(snap.status());
    AppContext ctx;
    MainWindow w(&ctx);
    w.setOfferDemo(false);
    w.show();
    ctx.openRepository(QString::fromStdString(bigRepo));
    QTRY_VERIFY_WITH_TIMEOUT(!ctx.state().snapshots.empty(), 20000);
    w.showView("restore");
    RestoreRequest r;
    r.snapshot = snap.value();
    r.target = m_tmp.filePath("stall.db");
    r.strategy = "none";
    QSignalSpy finished(w.restoreManager(), &RestoreManager::restoreFinished);
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, worst = 0;
    int ticks = 0;
    QTimer probe;
    probe.setInterval(5);
    connect(&probe, &QTimer::timeout, this, [&] {
        qint64 now = clock.elapsed();
        if (ticks++ > 0) worst = std::max(worst, now - last);
        last = now;
    });
    probe.start();
    w.restoreManager()->start(r);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    probe.stop();
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    qInfo("event-loop stall probe: longest gap %lld ms over %d ticks during a %lld ms restore", worst, ticks,
          clock.elapsed());
    QVERIFY(ticks > 20);
    QVERIFY2(worst < 250, qPrintable(QString("longest GUI gap %1 ms").arg(worst)));
}

void TestGui::screenshots_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("lang");
    for (const QString& view : MainWindow::viewNames()) QTest::newRow(qPrintable(view)) << view << "en";
    QTest::newRow("partitions-de") << "partitions"
                                   << "de";
}

void TestGui::screenshots() {
    QFETCH(QString, view);
    QFETCH(QString, lang);
    const QString file = m_tmp.filePath(view + "-" + lang + ".png");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", m_tmp.filePath("xdg"));
    env.insert("XDG_CONFIG_HOME", m_tmp.filePath("xdg-config"));
    env.insert("QT_QPA_PLATFORM", "offscreen");
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PRESCIENT_GUI_PATH), {"--screenshot", file, "--view", view, "--lang", lang});
    QVERIFY(p.waitForFinished(240000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QImage image(file);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 1000 && image.height() >= 600);
}

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
