// ui/partitions: the Partitions view over a real churned partition set (demo::buildDemoPartitions: a churn
// with splits, merges and creations, and a predictive backup made while it churned) and a fresh repository:
// every model under QAbstractItemModelTester; the map equals partmap.db; the CPE's forecast names partitions
// of the map with probabilities in (0, 1]; the demo backup shows its copies (shadows among them), predictions
// and rate decisions; "Back up now" adds a partition backup to the catalog. Saves /tmp/partitions.png.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <map>
#include <memory>
#include <set>

#include "appcontext.h"
#include "demo/demopartitions.h"
#include "partition/churn.h"
#include "partition/partitionset.h"
#include "partitioncharts.h"
#include "partitionmodels.h"
#include "partitionsview.h"
#include "repo/repository.h"
#include "support/testutil.h"

using namespace prescient;
using namespace prescient::ui;

namespace {

struct MapRow {
    int64_t id, lo, hi;
};

// The partitions table of partmap.db, by lo.
std::vector<MapRow> readPartmap(const QString& setDir) {
    std::vector<MapRow> out;
    sqlite3* db = nullptr;
    const std::string path = QDir(setDir).filePath("partmap.db").toStdString();
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return out;
    }
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT id, lo, hi FROM partitions ORDER BY lo", -1, &st, nullptr);
    while (st && sqlite3_step(st) == SQLITE_ROW)
        out.push_back({sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                       sqlite3_column_type(st, 2) == SQLITE_NULL ? partition::kMaxKey : sqlite3_column_int64(st, 2)});
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

size_t catalogBackups(const QString& repoDir) {
    auto r = repo::Repository::open(Env::posix(), repoDir.toStdString(), repo::Repository::Access::kRead);
    if (!r.isOk()) return 0;
    auto list = r.value()->catalog().listPartitionBackups();
    return list.isOk() ? list->size() : 0;
}

}  // namespace

class TestPartitionsUi : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repoDir, m_setDir;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<PartitionsView> m_view;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    QElapsedTimer m_sinceBuilt;  // since the demo's churn stopped

    PartitionMapModel* mapModel() { return static_cast<PartitionMapModel*>(m_view->mapModel()); }
    PartitionForecastModel* forecastModel() { return static_cast<PartitionForecastModel*>(m_view->predictionModel()); }
    PartitionBackupModel* backupModel() { return static_cast<PartitionBackupModel*>(m_view->backupModel()); }
    PartitionCopyModel* copyModel() { return static_cast<PartitionCopyModel*>(m_view->copyModel()); }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // AppContext's recent list goes to a test location
        QVERIFY(m_dir.isValid());
        m_repoDir = m_dir.filePath("repo");
        PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), m_repoDir.toStdString()));
        QElapsedTimer t;
        t.start();
        auto built = demo::buildDemoPartitions(m_dir.filePath("partitions").toStdString(), m_repoDir.toStdString());
        PRESCIENT_VERIFY_OK(built.status());
        m_setDir = QString::fromStdString(built.value());
        m_sinceBuilt.start();
        qInfo("demo partition set built in %.1f s", t.elapsed() / 1000.0);
        QVERIFY2(t.elapsed() < 15000, "the demo partition set should take about 8 s");

        m_ctx = std::make_unique<AppContext>();
        m_view = std::make_unique<PartitionsView>(m_ctx.get());
        for (QAbstractItemModel* m : {m_view->mapModel(), m_view->predictionModel(), m_view->backupModel(),
                                      m_view->copyModel(), m_view->backupPredictionModel()})
            m_testers.push_back(
                std::make_unique<QAbstractItemModelTester>(m, QAbstractItemModelTester::FailureReportingMode::QtTest));
        m_view->resize(1280, 800);
        m_view->show();
        m_ctx->openRepository(m_repoDir);
    }

    void cleanupTestCase() {
        m_testers.clear();
        m_view.reset();
        m_ctx.reset();
    }

    // With no set opened, the view shows the set of the newest partition backup.
    void opensTheNewestBackupsSet() {
        QTRY_COMPARE_WITH_TIMEOUT(m_view->setDir(), QFileInfo(m_setDir).absoluteFilePath(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(mapModel()->rowCount() > 0 && backupModel()->rowCount() > 0, 30000);
    }

    void mapEqualsPartmap() {
        const std::vector<MapRow> expected = readPartmap(m_setDir);
        QVERIFY(expected.size() >= 3);
        QCOMPARE(mapModel()->rowCount(), int(expected.size()));
        for (int i = 0; i < mapModel()->rowCount(); ++i) {
            const PartitionRow& p = mapModel()->partitions()[i];
            QCOMPARE(p.id, expected[i].id);
            QCOMPARE(p.lo, expected[i].lo);
            QCOMPARE(p.hi, expected[i].hi);
            QCOMPARE(mapModel()->index(i, PartitionMapModel::kId).data(kIdRole).toLongLong(), expected[i].id);
            QVERIFY(!mapModel()->index(i, PartitionMapModel::kRange).data().toString().isEmpty());
        }
        // The demo keys are timestamps: ranges read as times, the first from −∞ and the last to +∞.
        QVERIFY(mapModel()->index(0, PartitionMapModel::kRange).data().toString().contains(QStringLiteral("−∞")));
        uint64_t rows = 0;
        for (const auto& p : mapModel()->partitions()) rows += p.rows;
        QVERIFY(rows > 0);
    }

    // The CPE forecast of the churned set: at least one change, for a partition of the map.
    void forecastShowsCpePredictions() {
        QTRY_VERIFY_WITH_TIMEOUT(forecastModel()->rowCount() > 0, 30000);
        std::set<int64_t> ids;
        for (const auto& p : mapModel()->partitions()) ids.insert(p.id);
        for (int i = 0; i < forecastModel()->rowCount(); ++i) {
            const QModelIndex conf = forecastModel()->index(i, PartitionForecastModel::kConfidence);
            const double prob = conf.data(kValueRole).toDouble();
            QVERIFY2(prob > 0 && prob <= 1, qPrintable(QString::number(prob)));
            QVERIFY(conf.data().toString().contains(QLatin1Char('%')));
            QVERIFY(ids.count(forecastModel()->index(i, 0).data(kIdRole).toLongLong()));
            QVERIFY(!forecastModel()->index(i, PartitionForecastModel::kExpected).data().toString().isEmpty());
        }
        const QString note = m_view->forecastNote();
        qInfo("forecast: %d change(s) shown; %s", forecastModel()->rowCount(), qPrintable(note));
        QVERIFY(note.contains(QStringLiteral("predictor")) || note.contains(QStringLiteral("extrapolation")));
        // The chart shows the selected partition's history, its trend and the band.
        QVERIFY(m_view->selectedPartition() >= 0);
        QVERIFY(m_view->sizeChart()->historyPoints() > 0);
        // Selecting another partition redraws the chart for it: the oldest has seconds of history, a trend
        // and its band.
        const int64_t oldest = mapModel()->partitions().front().id;
        m_view->selectPartition(oldest);
        QCOMPARE(m_view->selectedPartition(), oldest);
        QVERIFY(m_view->sizeChart()->historyPoints() > 10);
        QVERIFY(m_view->sizeChart()->forecastPoints() > 1);
        QVERIFY(m_view->sizeChart()->bandPoints() > 1);
        m_view->selectPartition(forecastModel()->forecasts().front().partition);
    }

    // The demo's predictive backup: copies by role (at least one shadow), predictions, rate decisions.
    void backupShowsCopiesPredictionsAndRate() {
        QVERIFY(backupModel()->rowCount() >= 1);  // a second when the first had no materialized prediction
        const repo::PartitionBackupRecord& b = backupModel()->backups().front();
        QCOMPARE(b.strategy, std::string("predictive"));
        QCOMPARE(b.status, std::string("complete"));
        QCOMPARE(m_view->selectedBackup(), b.id);
        QVERIFY(copyModel()->rowCount() > 0);
        std::map<std::string, int> roles;
        for (const auto& c : copyModel()->copies()) ++roles[c.role];
        qInfo("copies: %d primary, %d shadow, %d final; %d prediction(s), %d rate decision(s)", roles["primary"],
              roles["shadow"], roles["final"], m_view->backupPredictionModel()->rowCount(),
              m_view->rateChart()->decisionPoints());
        QVERIFY(roles["primary"] > 0);
        QVERIFY2(roles["shadow"] > 0, "the predictive backup of a churning set should take shadow copies");
        QVERIFY(m_view->backupPredictionModel()->rowCount() > 0);
        QVERIFY(m_view->rateChart()->decisionPoints() > 0);
        // The outcome column says what became of each copy.
        for (int i = 0; i < copyModel()->rowCount(); ++i)
            QVERIFY(!copyModel()->index(i, PartitionCopyModel::kOutcome).data().toString().isEmpty());
    }

    // "Back up now" with a chosen strategy adds a partition backup to the catalog, and the view shows it.
    void backupNowAddsABackup() {
        const size_t before = catalogBackups(m_repoDir);
        QCOMPARE(before, size_t(backupModel()->rowCount()));
        const int index = m_view->strategyBox()->findData(QStringLiteral("shadow-all"));
        QVERIFY(index >= 0);
        QVERIFY(!m_view->strategyBox()->itemData(index, Qt::ToolTipRole).toString().isEmpty());
        m_view->strategyBox()->setCurrentIndex(index);
        QVERIFY(m_view->backupButton()->isEnabled());
        QTest::mouseClick(m_view->backupButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(backupModel()->rowCount(), int(before) + 1, 60000);
        QCOMPARE(catalogBackups(m_repoDir), before + 1);
        QCOMPARE(backupModel()->backups().front().strategy, std::string("shadow-all"));  // newest first
        QTRY_COMPARE_WITH_TIMEOUT(m_view->selectedBackup(), backupModel()->backups().front().id, 10000);
        QVERIFY(m_view->backupButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(copyModel()->rowCount() > 0, 10000);
    }

    // Seconds after the churn stopped, the set is idle: the forecast is made as of its last write and still
    // names changes (the CPE's view of the set as it was churning).
    void idleSetIsForecastAsOfItsLastWrite() {
        const qint64 wait = 6500 - m_sinceBuilt.elapsed();
        if (wait > 0) QTest::qWait(int(wait));
        QSignalSpy ready(m_view.get(), &PartitionsView::contentReady);
        QTest::mouseClick(m_view->forecastButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0 && !m_view->forecastNote().contains(QStringLiteral("…")), 30000);
        qInfo("idle forecast: %d change(s); %s", forecastModel()->rowCount(), qPrintable(m_view->forecastNote()));
        QVERIFY(m_view->forecastNote().contains(QStringLiteral("has not been written since")));
        QVERIFY(forecastModel()->rowCount() > 0);
        QVERIFY(forecastModel()
                    ->index(0, PartitionForecastModel::kExpected)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("after the last write")));
    }

    void screenshot() {
        QTest::qWait(200);
        QVERIFY(m_view->grab().save(QStringLiteral("/tmp/partitions.png")));
        auto* tabs = m_view->findChild<QTabWidget*>();
        QVERIFY(tabs);
        tabs->setCurrentIndex(1);
        QVERIFY(m_view->grab().save(QStringLiteral("/tmp/partitions-predictions.png")));
        tabs->setCurrentIndex(2);
        QVERIFY(m_view->grab().save(QStringLiteral("/tmp/partitions-rate.png")));
        tabs->setCurrentIndex(0);
    }

    // A set with half a second of history: the learned predictor cannot train; the linear one forecasts
    // and the note says so.
    void shortHistoryFallsBackToLinear() {
        const QString dir = m_dir.filePath("young");
        {
            auto set = partition::PartitionSet::create(dir.toStdString(), partition::demoSetOptions());
            PRESCIENT_VERIFY_OK(set.status());
            partition::ChurnOptions o;
            o.seconds = 0.5;
            PRESCIENT_VERIFY_OK(partition::runChurn(*set.value(), o).status());
        }
        AppContext ctx;
        PartitionsView view(&ctx);
        QAbstractItemModelTester tester(view.predictionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy ready(&view, &PartitionsView::contentReady);
        view.openSet(dir);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0, 20000);
        qInfo("young set: %s", qPrintable(view.forecastNote()));
        QVERIFY(view.mapModel()->rowCount() > 0);
        QVERIFY(view.forecastNote().contains(QStringLiteral("Linear extrapolation")));
        QVERIFY(view.forecastNote().contains(QStringLiteral("learned")));
    }

    // Without a repository and set: the empty state; a folder that is no set: a specific error.
    void emptyStateAndBadFolder() {
        AppContext ctx;
        PartitionsView view(&ctx);
        QAbstractItemModelTester tester(view.mapModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!view.backupButton()->isEnabled());
        QCOMPARE(view.mapModel()->rowCount(), 0);
        QSignalSpy ready(&view, &PartitionsView::contentReady);
        view.openSet(m_dir.filePath("repo"));  // a folder, but no partition set
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0, 10000);
        QCOMPARE(view.mapModel()->rowCount(), 0);
        QVERIFY(!view.backupButton()->isEnabled());  // no repository open
    }
};

QTEST_MAIN(TestPartitionsUi)
#include "tst_partitionsui.moc"
