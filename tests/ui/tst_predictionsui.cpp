// ui/predictions: the Predictions view over the demo repository (a shop database with a trace and a stored
// model of every strategy): the item models under QAbstractItemModelTester; the ranking names the shop's
// real tables and indexes with confidences in [0, 1], best first; the evaluation equals the stored
// metrics; the reliability chart has points; switching strategy and snapshot re-ranks; train() stores new
// models and the view shows them; empty states without a repository, a snapshot or a model, and a
// training without traces fails in the view. Saves /tmp/predictions.png (1280x800).
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <cmath>
#include <map>

#include "appcontext.h"
#include "demo/demorepo.h"
#include "predict/model.h"
#include "predictionmodels.h"
#include "predictionsview.h"
#include "reliabilitychart.h"
#include "repo/repository.h"
#include "support/testutil.h"

using namespace prescient;
using namespace prescient::ui;

namespace {

// The names of the tables and indexes of a SQLite database.
QSet<QString> schemaObjects(const std::string& path) {
    QSet<QString> names;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')", -1, &st,
                               nullptr) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW)
                names.insert(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))));
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    names.insert(QStringLiteral("sqlite_schema"));  // DBSTAT's name for page 1's tree
    names.insert(QStringLiteral("sqlite_master"));
    return names;
}

// The stored models of a repository (read from the catalog, not through the GUI).
std::vector<repo::ModelRecord> storedModels(const std::string& repoDir) {
    auto r = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kRead);
    if (!r.isOk()) return {};
    auto models = r.value()->catalog().listModels("");
    return models.isOk() ? models.value() : std::vector<repo::ModelRecord>{};
}

void openContext(AppContext& ctx, const std::string& dir) {
    QSignalSpy state(&ctx, &AppContext::stateChanged);
    ctx.openRepository(QString::fromStdString(dir));
    QTRY_VERIFY_WITH_TIMEOUT(state.count() >= 1, 20000);
}

// Waits until the view has shown everything it asked for (ranking and reliability).
bool settle(PredictionsView& view, QSignalSpy& ready, int timeoutMs = 60000) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (ready.count() > 0 && !view.isLoading()) return true;
        QTest::qWait(20);
    }
    return false;
}

predict::PagePrediction prediction(uint32_t pgno, double confidence, predict::PageType type,
                                   const std::string& object) {
    predict::PagePrediction p;
    p.page.pgno = pgno;
    p.page.confidence = confidence;
    p.page.expectedPosition = confidence > 0 ? pgno * 2.0 : predict::kNeverRead;
    p.type = type;
    p.object = object;
    return p;
}

double jsonNumber(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : std::nan("");
}

}  // namespace

class TestPredictionsUi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void modelsUnderTester();
    void rankingNamesShopObjects();
    void evaluationEqualsStoredMetrics();
    void reliabilityChartHasPoints();
    void strategyAndSnapshotSwitch();
    void emptyStates();
    void trainWithoutTracesFails();
    void screenshot();
    void trainRetrains();  // last: it adds models to the demo repository

private:
    QTemporaryDir m_dir;
    demo::DemoRepository m_demo;
};

void TestPredictionsUi::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", m_dir.filePath("xdg").toUtf8());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath("xdg-config").toUtf8());
    auto d = demo::buildDemoRepository(m_dir.filePath("demo").toStdString(), {}, demo::DemoOptions{false, false});
    PRESCIENT_VERIFY_OK(d.status());
    m_demo = d.value();
    QVERIFY(m_demo.snapshots >= 2);
}

void TestPredictionsUi::modelsUnderTester() {
    using predict::PageType;
    std::vector<predict::PagePrediction> pages = {
        prediction(7, 0.9, PageType::kTableLeaf, "orders"),
        prediction(3, 0.6, PageType::kIndexLeaf, "orders_by_customer"),
        prediction(2, 0.5, PageType::kTableInterior, "orders"),
        prediction(9, 0.0, PageType::kFreelist, ""),
    };
    RankedPagesModel ranked;
    QAbstractItemModelTester t1(&ranked, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ranked.resetData(pages, 2);
    QCOMPARE(ranked.rowCount(), 4);
    QCOMPARE(ranked.columnCount(), int(RankedPagesModel::kColumnCount));
    QCOMPARE(ranked.index(0, RankedPagesModel::kObject).data().toString(), QString("orders"));
    QCOMPARE(ranked.index(1, RankedPagesModel::kType).data().toString(), QString("index leaf"));
    QCOMPARE(ranked.index(3, RankedPagesModel::kObject).data().toString(), QString("—"));
    QCOMPARE(ranked.index(0, RankedPagesModel::kConfidence).data(kValueRole).toDouble(), 0.9);
    QCOMPARE(ranked.index(1, RankedPagesModel::kRank).data(RankedPagesModel::kInBatchRole).toBool(), true);
    QCOMPARE(ranked.index(2, RankedPagesModel::kRank).data(RankedPagesModel::kInBatchRole).toBool(), false);
    // Cumulative expected coverage: 0.9 / 2.0, ..., 1 at the end.
    QCOMPARE(ranked.index(0, RankedPagesModel::kCoverage).data(kValueRole).toDouble(), 0.45);
    QCOMPARE(ranked.index(3, RankedPagesModel::kCoverage).data(kValueRole).toDouble(), 1.0);
    QCOMPARE(ranked.index(3, RankedPagesModel::kFirstRead).data().toString(), QString("—"));
    QCOMPARE(ranked.index(0, RankedPagesModel::kConfidence).data().toString(), percentText(0.9));
    ranked.resetData({}, 0);
    QCOMPARE(ranked.rowCount(), 0);

    ObjectSummaryModel objects;
    QAbstractItemModelTester t2(&objects, QAbstractItemModelTester::FailureReportingMode::QtTest);
    objects.resetData(pages, 2);
    QCOMPARE(objects.rowCount(), 3);
    QCOMPARE(objects.rows()[0].object, QString("orders"));  // most expected reads first
    QCOMPARE(objects.rows()[0].pages, 2);
    QCOMPARE(objects.rows()[0].inBatch, 1);
    QCOMPARE(objects.index(0, ObjectSummaryModel::kMeanConfidence).data(kValueRole).toDouble(), 0.7);
    QCOMPARE(objects.index(1, ObjectSummaryModel::kKind).data().toString(), QString("index"));
    QCOMPARE(objects.index(2, ObjectSummaryModel::kObject).data().toString(), QString("(no table or index)"));
    objects.resetData({}, 0);
    QCOMPARE(objects.rowCount(), 0);

    repo::ModelRecord a, b, old, other;
    a.id = 5, a.sourcePath = "/db", a.strategy = "markov", a.trainedUs = 20;
    a.metricsJson = R"({"coverage": 0.8, "precision": 0.5, "brier": 0.02, "budget": 0.1, "horizon": 40, )"
                    R"("train_episodes": 7, "test_episodes": 3, "episodes": 10, "train_seconds": 0.5, "foo": 3})";
    b = a, b.id = 6, b.strategy = "sequential", b.metricsJson = R"({"coverage": 0.3, "precision": 0.6, "brier": null})";
    old = a, old.id = 1, old.trainedUs = 10, old.metricsJson = R"({"coverage": 0.99})";
    other = a, other.id = 9, other.sourcePath = "/other";
    const auto evaluations = latestEvaluations({old, a, b, other}, "/db");
    QCOMPARE(evaluations.size(), size_t(2));
    QCOMPARE(evaluations[0].strategy, QString("sequential"));  // strategyNames() order
    QCOMPARE(evaluations[1].modelId, qint64(5));               // the newest markov model
    QVERIFY(std::isnan(evaluations[0].brier));
    QVERIFY(evaluations[1].extra.contains("foo"));
    QCOMPARE(bestStrategy(evaluations), QString("markov"));

    EvaluationModel eval;
    QAbstractItemModelTester t3(&eval, QAbstractItemModelTester::FailureReportingMode::QtTest);
    eval.resetData(evaluations, "sequential");
    QCOMPARE(eval.rowCount(), 2);
    QCOMPARE(eval.rowOf("markov"), 1);
    QCOMPARE(eval.index(1, EvaluationModel::kCoverage).data(kValueRole).toDouble(), 0.8);
    QVERIFY(eval.index(1, EvaluationModel::kCoverage).data(EvaluationModel::kBestRole).toBool());
    QVERIFY(eval.index(0, EvaluationModel::kPrecision).data(EvaluationModel::kBestRole).toBool());
    QVERIFY(!eval.index(0, EvaluationModel::kBrier).data(kValueRole).isValid());  // null: unknown, not best
    QVERIFY(eval.index(1, EvaluationModel::kBrier).data(EvaluationModel::kBestRole).toBool());
    QCOMPARE(eval.index(1, EvaluationModel::kStrategy).data().toString(), QString("markov (best)"));
    QVERIFY(eval.index(0, EvaluationModel::kStrategy).data(Qt::BackgroundRole).isValid());  // in use
    eval.setInUse("markov");
    QVERIFY(!eval.index(0, EvaluationModel::kStrategy).data(Qt::BackgroundRole).isValid());
    eval.resetData({}, QString());
    QCOMPARE(eval.rowCount(), 0);
}

void TestPredictionsUi::rankingNamesShopObjects() {
    AppContext ctx;
    PredictionsView view(&ctx);
    QSignalSpy ready(&view, &PredictionsView::contentReady);
    QAbstractItemModelTester tester(view.rankedModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester objectTester(view.objectModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    openContext(ctx, m_demo.repoDir);
    QVERIFY(settle(view, ready));
    QCOMPARE(view.selectedSnapshot(), QString::fromStdString(newestDatabaseSnapshot(ctx.state())->id));  // the newest
    QVERIFY2(view.emptyStateText().isEmpty(), qPrintable(view.emptyStateText()));

    QAbstractItemModel* m = view.rankedModel();
    QVERIFY(m->rowCount() > 10);
    const QSet<QString> schema = schemaObjects(m_demo.database);
    QSet<QString> seen;
    double previous = 1.0;
    for (int r = 0; r < m->rowCount(); ++r) {
        const QString object = m->index(r, RankedPagesModel::kObject).data(kValueRole).toString();
        if (!object.isEmpty()) {
            QVERIFY2(schema.contains(object), qPrintable(object));
            seen.insert(object);
        }
        const double c = m->index(r, RankedPagesModel::kConfidence).data(kValueRole).toDouble();
        QVERIFY(c >= 0 && c <= 1);
        QVERIFY2(c <= previous + 1e-12, qPrintable(QString("row %1: %2 after %3").arg(r).arg(c).arg(previous)));
        previous = c;
        QVERIFY(!m->index(r, RankedPagesModel::kType).data().toString().isEmpty());
    }
    QVERIFY2(seen.contains("customers") && seen.contains("orders"), qPrintable(QStringList(seen.values()).join(",")));
    QVERIFY(m->index(0, RankedPagesModel::kConfidence).data(kValueRole).toDouble() > 0);
    // The per-object summary covers the same pages.
    int pages = 0;
    for (int r = 0; r < view.objectModel()->rowCount(); ++r)
        pages += view.objectModel()->index(r, ObjectSummaryModel::kPages).data(kValueRole).toInt();
    QCOMPARE(pages, m->rowCount());
    // The strategy shown is the stored best, marked in the evaluation.
    QVERIFY(!view.shownStrategy().isEmpty());
    auto* eval = static_cast<EvaluationModel*>(view.evaluationModel());
    QCOMPARE(view.shownStrategy(), bestStrategy(eval->evaluations()));
}

void TestPredictionsUi::evaluationEqualsStoredMetrics() {
    AppContext ctx;
    PredictionsView view(&ctx);
    QSignalSpy ready(&view, &PredictionsView::contentReady);
    QAbstractItemModelTester tester(view.evaluationModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    openContext(ctx, m_demo.repoDir);
    QVERIFY(settle(view, ready));

    std::map<std::string, repo::ModelRecord> newest;
    for (const auto& rec : storedModels(m_demo.repoDir)) newest[rec.strategy] = rec;  // oldest first
    QCOMPARE(newest.size(), predict::strategyNames().size());
    auto* eval = static_cast<EvaluationModel*>(view.evaluationModel());
    QCOMPARE(eval->rowCount(), int(newest.size()));
    for (const auto& [strategy, rec] : newest) {
        const int row = eval->rowOf(QString::fromStdString(strategy));
        QVERIFY2(row >= 0, strategy.c_str());
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(rec.metricsJson)).object();
        QVERIFY(!o.isEmpty());
        const std::pair<int, const char*> columns[] = {{EvaluationModel::kCoverage, "coverage"},
                                                       {EvaluationModel::kPrecision, "precision"},
                                                       {EvaluationModel::kBrier, "brier"},
                                                       {EvaluationModel::kBudget, "budget"}};
        for (const auto& [column, key] : columns) {
            const QVariant shown = eval->index(row, column).data(kValueRole);
            const double stored = jsonNumber(o, key);
            if (std::isnan(stored))
                QVERIFY(!shown.isValid());
            else
                QCOMPARE(shown.toDouble(), stored);
        }
        QCOMPARE(eval->index(row, EvaluationModel::kHorizon).data(kValueRole).toLongLong(),
                 qint64(o.value("horizon").toDouble()));
        QCOMPARE(eval->evaluations()[size_t(row)].modelId, qint64(rec.id));
    }
    // Exactly one cell per metric column is the best, and it holds the extreme value.
    int bestCoverage = 0;
    double top = -1;
    for (int r = 0; r < eval->rowCount(); ++r) {
        top = std::max(top, eval->index(r, EvaluationModel::kCoverage).data(kValueRole).toDouble());
        bestCoverage += eval->index(r, EvaluationModel::kCoverage).data(EvaluationModel::kBestRole).toBool();
    }
    QVERIFY(bestCoverage >= 1);
    const int bestRow = eval->rowOf(bestStrategy(eval->evaluations()));
    QCOMPARE(eval->index(bestRow, EvaluationModel::kCoverage).data(kValueRole).toDouble(), top);
}

void TestPredictionsUi::reliabilityChartHasPoints() {
    AppContext ctx;
    PredictionsView view(&ctx);
    QSignalSpy ready(&view, &PredictionsView::contentReady);
    openContext(ctx, m_demo.repoDir);
    QVERIFY(settle(view, ready));
    ReliabilityChart* chart = view.reliabilityChart();
    QVERIFY2(chart->message().isEmpty(), qPrintable(chart->message()));
    QVERIFY(chart->pointCount() > 0);
    QCOMPARE(chart->scores().size(), predict::strategyNames().size());
    for (const auto& s : chart->scores()) {
        QCOMPARE(s.reliability.size(), size_t(10));
        uint64_t count = 0;
        for (const auto& b : s.reliability) {
            count += b.count;
            if (b.count) QVERIFY(b.observed >= 0 && b.observed <= 1);
        }
        QVERIFY(count > 0);
    }
    // Diagonal + one curve per strategy + the bins of the emphasized one.
    QVERIFY(chart->chart()->series().size() >= 3);
}

void TestPredictionsUi::strategyAndSnapshotSwitch() {
    AppContext ctx;
    PredictionsView view(&ctx);
    QSignalSpy ready(&view, &PredictionsView::contentReady);
    openContext(ctx, m_demo.repoDir);
    QVERIFY(settle(view, ready));

    ready.clear();
    view.setStrategy("frequency");
    QVERIFY(settle(view, ready));
    QCOMPARE(view.shownStrategy(), QString("frequency"));
    QCOMPARE(view.strategyPicker()->currentData().toString(), QString("frequency"));
    auto* eval = static_cast<EvaluationModel*>(view.evaluationModel());
    QVERIFY(eval->index(eval->rowOf("frequency"), 0).data(Qt::BackgroundRole).isValid());  // marked in use
    QVERIFY(view.rankedModel()->rowCount() > 0);

    // An older snapshot: the view stops following the newest, also across a reload.
    const auto& snaps = ctx.state().snapshots;
    const QString older = QString::fromStdString(snaps.front().id);
    ready.clear();
    view.selectSnapshot(older);
    QVERIFY(settle(view, ready));
    QCOMPARE(view.selectedSnapshot(), older);
    QCOMPARE(view.snapshotPicker()->currentData().toString(), older);
    QVERIFY(view.rankedModel()->rowCount() > 0);
    for (int r = 0; r < view.rankedModel()->rowCount(); ++r)
        QVERIFY(view.rankedModel()->index(r, RankedPagesModel::kPage).data(kValueRole).toLongLong() <=
                qint64(snaps.front().pageCount));
    ready.clear();
    ctx.reload();
    QVERIFY(settle(view, ready));
    QCOMPARE(view.selectedSnapshot(), older);
    view.selectSnapshot("no-such-snapshot");
    QCOMPARE(view.selectedSnapshot(), older);

    // Back to the best stored model.
    ready.clear();
    view.setStrategy("");
    QVERIFY(settle(view, ready));
    QCOMPARE(view.shownStrategy(), bestStrategy(eval->evaluations()));
}

void TestPredictionsUi::emptyStates() {
    {  // no repository
        AppContext ctx;
        PredictionsView view(&ctx);
        QVERIFY(view.emptyStateText().contains("No repository"));
        QVERIFY(!view.trainButton()->isEnabled());
    }
    {  // a repository without snapshots
        const std::string dir = m_dir.filePath("empty-repo").toStdString();
        PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), dir));
        AppContext ctx;
        PredictionsView view(&ctx);
        QSignalSpy ready(&view, &PredictionsView::contentReady);
        openContext(ctx, dir);
        QVERIFY(settle(view, ready));
        QVERIFY2(view.emptyStateText().contains("no snapshot"), qPrintable(view.emptyStateText()));
        QCOMPARE(view.rankedModel()->rowCount(), 0);
        QCOMPARE(view.evaluationModel()->rowCount(), 0);
        QCOMPARE(view.snapshotPicker()->count(), 0);
    }
    {  // a snapshot but no model: how to get one, with a Train button
        const std::string dir = m_dir.filePath("untrained-repo").toStdString();
        PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), dir));
        PRESCIENT_VERIFY_OK(test::backupOnce(Env::posix(), dir, m_demo.database, "untrained").status());
        AppContext ctx;
        PredictionsView view(&ctx);
        QSignalSpy ready(&view, &PredictionsView::contentReady);
        openContext(ctx, dir);
        QVERIFY(settle(view, ready));
        const QString text = view.emptyStateText();
        QVERIFY2(text.contains("No prediction model") && text.contains("trace record"), qPrintable(text));
        QCOMPARE(view.rankedModel()->rowCount(), 0);
        QVERIFY(view.trainButton()->isEnabled());
        QCOMPARE(view.trainButton()->text(), QString("&Train models…"));
        view.resize(1280, 800);
        QVERIFY(view.grab().save("/tmp/predictions-empty.png"));
    }
}

void TestPredictionsUi::trainWithoutTracesFails() {
    const std::string dir = m_dir.filePath("untrained-repo").toStdString();  // from emptyStates
    AppContext ctx;
    PredictionsView view(&ctx);
    view.resize(900, 600);
    view.show();
    QSignalSpy ready(&view, &PredictionsView::contentReady);
    openContext(ctx, dir);
    QVERIFY(settle(view, ready));
    view.train();
    QTRY_VERIFY_WITH_TIMEOUT(view.trainButton()->isEnabled(), 30000);
    // The failure shows in the view's banner, naming the action.
    bool shown = false;
    for (QLabel* l : view.findChildren<QLabel*>())
        if (l->isVisible() && l->text().contains("Training the prediction models failed")) shown = true;
    QVERIFY(shown);
    QVERIFY(storedModels(dir).empty());
}

void TestPredictionsUi::screenshot() {
    AppContext ctx;
    PredictionsView view(&ctx);
    view.resize(1280, 800);
    view.show();
    QSignalSpy ready(&view, &PredictionsView::contentReady);
    openContext(ctx, m_demo.repoDir);
    QVERIFY(settle(view, ready));
    QTRY_VERIFY_WITH_TIMEOUT(view.reliabilityChart()->pointCount() > 0, 30000);
    QTest::qWait(100);
    QVERIFY(view.grab().save("/tmp/predictions.png"));
}

void TestPredictionsUi::trainRetrains() {
    AppContext ctx;
    PredictionsView view(&ctx);
    view.resize(1000, 700);
    view.show();
    QSignalSpy ready(&view, &PredictionsView::contentReady);
    openContext(ctx, m_demo.repoDir);
    QVERIFY(settle(view, ready));
    QCOMPARE(view.trainButton()->text(), QString("&Retrain models…"));
    int64_t before = 0;
    for (const auto& m : storedModels(m_demo.repoDir)) before = std::max(before, m.id);

    ready.clear();
    QTest::mouseClick(view.trainButton(), Qt::LeftButton);
    QVERIFY(!view.trainButton()->isEnabled());  // one training at a time
    // New models stored, the state reloaded, the view re-ranked with them.
    QTRY_VERIFY_WITH_TIMEOUT(view.trainButton()->isEnabled(), 60000);
    int64_t after = 0;
    for (const auto& m : storedModels(m_demo.repoDir)) after = std::max(after, m.id);
    QVERIFY2(after > before, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0 && !view.isLoading(), 60000);
    auto* eval = static_cast<EvaluationModel*>(view.evaluationModel());
    QTRY_VERIFY_WITH_TIMEOUT(!eval->evaluations().empty() && eval->evaluations().front().modelId > before, 30000);
    for (const auto& e : eval->evaluations()) QVERIFY(e.modelId > before);
    QVERIFY(view.rankedModel()->rowCount() > 0);
    // The training's report feeds the chart: no second evaluation is needed.
    QVERIFY(view.reliabilityChart()->pointCount() > 0);
}

QTEST_MAIN(TestPredictionsUi)
#include "tst_predictionsui.moc"
