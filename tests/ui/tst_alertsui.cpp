// The Alerts UI on real widgets (offscreen), the demo repository and real instant restores: the demo's
// recorded restores (one best, one deliberately poor raising an alert); a restore started through the
// RestoreManager with a poor strategy under strict thresholds from the preferences raises an alert that
// appears in the Alerts view (rule, severity, the preferences' limit), is announced once through newAlert,
// and is acknowledged in the catalog and the model; the preferences round-trip through QSettings; the
// notifier records what it did for a window in the background. Screenshots: /tmp/alerts.png and
// /tmp/prefs.png.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBrush>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include "alertnotifier.h"
#include "alertsettings.h"
#include "alertsview.h"
#include "alerttablemodel.h"
#include "appcontext.h"
#include "demo/demorepo.h"
#include "demo/demorestores.h"
#include "demo/workloads.h"
#include "preferencesdialog.h"
#include "restore/restorevfs.h"
#include "restoremanager.h"
#include "support/testutil.h"

using namespace prescient;
using namespace prescient::test;
using namespace prescient::ui;

class TestAlertsUi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void preferencesRoundTrip();
    void notifierInBackground();
    void demoRestoresRecordHistoryAndAlert();
    void poorRestoreRaisesAlertInView();

private:
    void openContext(AppContext& ctx);
    std::vector<repo::AlertRecord> catalogAlerts(bool unackOnly);

    QTemporaryDir m_tmp;
    demo::DemoRepository m_demo;
};

void TestAlertsUi::initTestCase() {
    QVERIFY(m_tmp.isValid());
    qputenv("XDG_DATA_HOME", m_tmp.filePath("xdg").toUtf8());
    qputenv("XDG_CONFIG_HOME", m_tmp.filePath("xdg-config").toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("prescient-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_alertsui"));
    QSettings().clear();
    auto built = demo::buildDemoRepository(str(m_tmp.filePath("demo")), {}, demo::DemoOptions{false, false});
    PRESCIENT_VERIFY_OK(built.status());
    m_demo = built.value();
    restore::registerRestoreVfs();
}

void TestAlertsUi::openContext(AppContext& ctx) {
    QSignalSpy state(&ctx, &AppContext::stateChanged);
    ctx.openRepository(QString::fromStdString(m_demo.repoDir));
    QTRY_VERIFY_WITH_TIMEOUT(state.count() >= 1, 20000);
    QVERIFY(!ctx.state().snapshots.empty());
}

std::vector<repo::AlertRecord> TestAlertsUi::catalogAlerts(bool unackOnly) {
    auto r = repo::Repository::open(Env::posix(), m_demo.repoDir, repo::Repository::Access::kRead);
    if (!r.isOk()) return {};
    auto list = r.value()->catalog().listAlerts(unackOnly);
    return list.isOk() ? list.value() : std::vector<repo::AlertRecord>{};
}

void TestAlertsUi::preferencesRoundTrip() {
    QSettings().clear();
    {
        PreferencesDialog dialog;  // nothing stored: the core defaults
        const monitor::AlertRules defaults;
        QCOMPARE(dialog.minHitRateSpin()->value(), defaults.minHitRate * 100);
        QCOMPARE(dialog.hitRateSecondsSpin()->value(), defaults.hitRateSeconds);
        QCOMPARE(dialog.minPrecisionSpin()->value(), defaults.minPrecision * 100);
        QCOMPARE(dialog.stallSecondsSpin()->value(), defaults.stallSeconds);
        QVERIFY(dialog.notificationsCheck()->isChecked());
        dialog.minHitRateSpin()->setValue(72);
        dialog.hitRateSecondsSpin()->setValue(4.5);
        dialog.minPrecisionSpin()->setValue(15);
        dialog.stallSecondsSpin()->setValue(90);
        dialog.notificationsCheck()->setChecked(false);
        dialog.resize(dialog.sizeHint());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save("/tmp/prefs.png"));
        dialog.accept();
    }
    const AlertSettings stored = AlertSettings::load();
    QCOMPARE(stored.rules.minHitRate, 0.72);
    QCOMPARE(stored.rules.hitRateSeconds, 4.5);
    QCOMPARE(stored.rules.minPrecision, 0.15);
    QCOMPARE(stored.rules.stallSeconds, 90.0);
    QVERIFY(!stored.trayNotifications);
    {
        PreferencesDialog dialog;  // opens with what was stored
        QCOMPARE(dialog.minHitRateSpin()->value(), 72.0);
        QCOMPARE(dialog.hitRateSecondsSpin()->value(), 4.5);
        QCOMPARE(dialog.minPrecisionSpin()->value(), 15.0);
        QCOMPARE(dialog.stallSecondsSpin()->value(), 90.0);
        QVERIFY(!dialog.notificationsCheck()->isChecked());
        dialog.minHitRateSpin()->setValue(10);
        dialog.reject();  // Cancel keeps what was stored
    }
    QCOMPARE(AlertSettings::load().rules.minHitRate, 0.72);
    // A hand-edited value out of range falls back to the default.
    QSettings().setValue("alerts/minPrecision", 7.5);
    QSettings().setValue("alerts/stallSeconds", "soon");
    QCOMPARE(AlertSettings::load().rules.minPrecision, monitor::AlertRules{}.minPrecision);
    QCOMPARE(AlertSettings::load().rules.stallSeconds, monitor::AlertRules{}.stallSeconds);
    QSettings().clear();
}

void TestAlertsUi::notifierInBackground() {
    QSettings().clear();
    QWidget window;
    window.setWindowTitle("main");
    window.resize(300, 200);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTRY_VERIFY(window.isActiveWindow());
    AlertNotifier notifier(&window);
    notifier.notify("active", "the window is active", false);
    QCOMPARE(notifier.lastMethod(), AlertNotifier::Method::None);  // the view's badge says it

    QWidget other;  // takes the focus: the main window is in the background now
    other.resize(200, 100);
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    other.activateWindow();
    QTRY_VERIFY(other.isActiveWindow());
    QVERIFY(notifier.windowInBackground());
    notifier.notify("Restore alert", "hit rate 12 % against 50 %", true);
    QVERIFY(notifier.lastShown());
    QCOMPARE(notifier.lastTitle(), QString("Restore alert"));
    QVERIFY(notifier.lastCritical());
    QCOMPARE(notifier.trayCount() + notifier.attentionCount(), 1);
    // The offscreen platform has no tray: the taskbar entry asks for attention.
    if (!QSystemTrayIcon::isSystemTrayAvailable()) QCOMPARE(notifier.lastMethod(), AlertNotifier::Method::Attention);

    AlertSettings off;
    off.trayNotifications = false;
    off.save();
    notifier.notify("second", "switched off", false);
    QCOMPARE(notifier.lastMethod(), AlertNotifier::Method::None);
    QCOMPARE(notifier.trayCount() + notifier.attentionCount(), 1);
    QSettings().clear();
}

// The demo's restore runs: two history rows with their figures, and the poor one's alert in the catalog.
void TestAlertsUi::demoRestoresRecordHistoryAndAlert() {
    const std::string scratch = str(m_tmp.filePath("demo-scratch"));
    std::vector<std::string> phases;
    JobControl job;
    job.progress = [&](const Progress& p) { phases.push_back(p.phase); };
    const size_t alertsBefore = catalogAlerts(false).size();
    size_t restoresBefore = 0;
    {
        auto before = repo::Repository::open(Env::posix(), m_demo.repoDir, repo::Repository::Access::kRead);
        PRESCIENT_VERIFY_OK(before.status());
        auto listed = before.value()->catalog().listRestores();
        PRESCIENT_VERIFY_OK(listed.status());
        restoresBefore = listed->size();  // the demo itself records two
    }
    PRESCIENT_VERIFY_OK(demo::recordDemoRestores(m_demo.repoDir, m_demo.database, scratch, job));
    QVERIFY(!QFileInfo::exists(QString::fromStdString(scratch)));  // created here, so removed
    QVERIFY(!phases.empty() && phases.back() == "restores");

    auto r = repo::Repository::open(Env::posix(), m_demo.repoDir, repo::Repository::Access::kRead);
    PRESCIENT_VERIFY_OK(r.status());
    auto restores = r.value()->catalog().listRestores();
    PRESCIENT_VERIFY_OK(restores.status());
    QCOMPARE(restores->size(), restoresBefore + 2);
    const repo::RestoreRecord& best = restores->at(restoresBefore);
    const repo::RestoreRecord& poor = restores->at(restoresBefore + 1);
    QCOMPARE(poor.strategy, std::string("sequential"));
    QVERIFY2(best.strategy != "none" && best.strategy != "sequential", best.strategy.c_str());
    for (const auto& x : {best, poor}) {
        QCOMPARE(x.status, std::string("complete"));
        QVERIFY2(x.ttfqSeconds >= 0, x.strategy.c_str());
        QVERIFY(x.queries > 0);
        QVERIFY(x.tier1 + x.tier2 + x.tier3 > 0);
    }
    QVERIFY2(best.t90Seconds >= 0, "the best model's run reaches a 90% hit rate");
    const auto alerts = catalogAlerts(false);
    QVERIFY(alerts.size() > alertsBefore);
    bool poorAlert = false;
    for (const auto& a : alerts)
        poorAlert = poorAlert || (a.restoreId == poor.id && (a.rule == "hit-rate" || a.rule == "precision"));
    QVERIFY2(poorAlert, "the sequential run under strict thresholds raised a hit-rate or precision alert");
}

void TestAlertsUi::poorRestoreRaisesAlertInView() {
    // Strict thresholds, set the way the preferences set them.
    AlertSettings strict;
    strict.rules.minHitRate = 0.99;
    strict.rules.hitRateSeconds = 0.5;
    strict.rules.minPrecision = 0.99;
    strict.save();

    // A critical alert as another process's restore records it (a failed verification), for the severity's
    // rendering.
    {
        auto r = repo::Repository::open(Env::posix(), m_demo.repoDir, repo::Repository::Access::kRead);
        PRESCIENT_VERIFY_OK(r.status());
        auto snap = r.value()->resolveSnapshot("latest");
        PRESCIENT_VERIFY_OK(snap.status());
        monitor::AlertMonitor monitor({}, str(m_tmp.filePath("elsewhere.db")), snap->id, 0);
        const auto critical = monitor.onFinish(-1, 0, "page 17: hash mismatch in pack 3f2a");
        QCOMPARE(critical.size(), size_t(1));
        PRESCIENT_VERIFY_OK(r.value()->catalog().addAlert(monitor::toRecord(critical.front())).status());
    }

    AppContext ctx;
    openContext(ctx);
    RestoreManager manager(&ctx);
    AlertsView view(&ctx, &manager);
    QAbstractItemModelTester tester(view.alertModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy ready(&view, &AlertsView::contentReady);
    QSignalSpy fired(&view, &AlertsView::newAlert);
    QSignalSpy unackChanged(&view, &AlertsView::unacknowledgedCountChanged);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    const int baselineRows = view.alertModel()->rowCount();
    QCOMPARE(size_t(baselineRows), catalogAlerts(false).size());  // the demo run's alerts
    QCOMPARE(fired.count(), 0);                                   // present at the first load: not announced
    const QModelIndex newest = view.alertModel()->index(0, AlertTableModel::kSeverity);
    QCOMPARE(newest.data(AlertTableModel::kRuleRole).toString(), QString("verification"));
    QCOMPARE(newest.data().toString(), QString("Critical"));
    QCOMPARE(newest.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xc6, 0x28, 0x28));
    QVERIFY(!newest.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(view.alertModel()->index(0, AlertTableModel::kValue).data().toString(), QString("—"));

    RestoreRequest request;
    request.snapshot = *newestDatabaseSnapshot(ctx.state());
    request.target = m_tmp.filePath("poor.db");
    request.strategy = "sequential";
    request.rateMBps = 4;
    QSignalSpy started(&manager, &RestoreManager::restoreStarted);
    QSignalSpy finished(&manager, &RestoreManager::restoreFinished);
    manager.start(request);
    QTRY_VERIFY_WITH_TIMEOUT(started.count() == 1 || finished.count() == 1, 30000);
    QVERIFY2(started.count() == 1, finished.isEmpty() ? "" : qPrintable(finished.first().at(2).toString()));

    // The shop's read sessions against the restoring target (what an application would do).
    std::atomic<bool> readsDone{false};
    Status readStatus;
    std::thread reader([&] {
        demo::ReplayOptions ro;
        ro.sessions = 1000000;
        ro.seed = 4242;
        ro.vfs = restore::kRestoreVfsName;
        ro.maxSeconds = 2.5;
        readStatus = demo::replayReads("oltp", str(request.target), ro).status();
        readsDone = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(readsDone.load(), 30000);
    reader.join();
    PRESCIENT_VERIFY_OK(readStatus);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));

    // The alert reaches the view (the restore's end triggers a reload) and is announced once.
    const int expectedRows = int(catalogAlerts(false).size());  // the restore has ended: all of its alerts
    QVERIFY(expectedRows > baselineRows);
    QTRY_COMPARE_WITH_TIMEOUT(view.alertModel()->rowCount(), expectedRows, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(fired.count() >= 1, 5000);
    const QAbstractItemModel* model = view.alertModel();
    const QString target = QFileInfo(request.target).absoluteFilePath();
    std::vector<qint64> mine;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex i = model->index(row, AlertTableModel::kRule);
        if (model->index(row, AlertTableModel::kTarget).data(Qt::ToolTipRole).toString() != target) continue;
        const QString rule = i.data(AlertTableModel::kRuleRole).toString();
        QVERIFY2(rule == "hit-rate" || rule == "precision", qPrintable(rule));
        QCOMPARE(i.data(AlertTableModel::kSeverityRole).toString(), QString("warning"));
        QCOMPARE(model->index(row, AlertTableModel::kSeverity).data().toString(), QString("Warning"));
        QCOMPARE(i.data().toString(), AlertTableModel::ruleName(rule.toStdString()));
        QCOMPARE(model->index(row, AlertTableModel::kThreshold).data().toString(), QString("99 %"));  // strict limit
        QVERIFY(!i.data(AlertTableModel::kAcknowledgedRole).toBool());
        mine.push_back(i.data(AlertTableModel::kIdRole).toLongLong());
    }
    QVERIFY(!mine.empty());
    QCOMPARE(fired.count(), int(mine.size()));
    QVERIFY2(fired.first().at(0).toString().startsWith("Restore alert: "), qPrintable(fired.first().at(0).toString()));
    QVERIFY(fired.first().at(1).toString().contains("poor.db"));
    QCOMPARE(fired.first().at(2).toBool(), false);
    QCOMPARE(view.unacknowledgedCount(), baselineRows + int(mine.size()));
    QVERIFY(!unackChanged.isEmpty());
    QCOMPARE(unackChanged.last().at(0).toInt(), view.unacknowledgedCount());

    // A second view opened now announces nothing: these alerts were there at its first load.
    {
        AlertsView later(&ctx, &manager);
        QSignalSpy laterReady(&later, &AlertsView::contentReady);
        QSignalSpy laterFired(&later, &AlertsView::newAlert);
        QTRY_VERIFY_WITH_TIMEOUT(laterReady.count() >= 1, 10000);
        QCOMPARE(later.alertModel()->rowCount(), model->rowCount());
        QCOMPARE(laterFired.count(), 0);
    }

    // Details of the selected alert; the screenshot.
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.selectAlert(mine.front()));
    QVERIFY(view.detailsText().contains(QFileInfo(request.target).absoluteFilePath()));
    QVERIFY(view.acknowledgeButton()->isEnabled());
    QVERIFY(view.grab().save("/tmp/alerts.png"));

    // Acknowledge the selected one: the catalog and the model say so.
    QTest::mouseClick(view.acknowledgeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(model->index(static_cast<AlertTableModel*>(view.alertModel())->rowOf(mine.front()), 0)
                                 .data(AlertTableModel::kAcknowledgedRole)
                                 .toBool(),
                             10000);
    bool ackedInCatalog = false;
    for (const auto& a : catalogAlerts(false))
        if (a.id == mine.front()) ackedInCatalog = a.acknowledged;
    QVERIFY(ackedInCatalog);
    QCOMPARE(view.unacknowledgedCount(), baselineRows + int(mine.size()) - 1);

    // The filter hides acknowledged rows.
    view.unacknowledgedOnlyCheck()->setChecked(true);
    QCOMPARE(view.table()->model()->rowCount(), view.unacknowledgedCount());

    // Acknowledge all: nothing unacknowledged left in the catalog or the model, and the badge count is 0.
    QVERIFY(view.acknowledgeAllButton()->isEnabled());
    QTest::mouseClick(view.acknowledgeAllButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(view.unacknowledgedCount(), 0, 10000);
    QVERIFY(catalogAlerts(true).empty());
    QCOMPARE(unackChanged.last().at(0).toInt(), 0);
    QCOMPARE(view.table()->model()->rowCount(), 0);
    QVERIFY(!view.acknowledgeAllButton()->isEnabled());
    QSettings().clear();
}

QTEST_MAIN(TestAlertsUi)
#include "tst_alertsui.moc"
