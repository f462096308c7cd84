// The restore UI on real widgets (offscreen), a real repository and real instant restores: the dialog's
// defaults (target next to the source, best stored model, warnings), the manager and the monitor end to
// end (live chart points while a rate-limited restore runs, a query through the prescient VFS equal to the
// source's, the finished target equal to the source), cancel (state file kept, the same restore resumes),
// a start that fails, and a manager destroyed mid-restore. Screenshots: /tmp/restore-dialog.png and
// /tmp/restore-monitor.png.
#include <QAbstractButton>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <chrono>

#include "appcontext.h"
#include "predict/model.h"
#include "predict/pagecatalog.h"
#include "restore/restorevfs.h"
#include "restoredialog.h"
#include "restoremanager.h"
#include "restoremonitor.h"
#include "support/testdb.h"
#include "support/testutil.h"

using namespace prescient;
using namespace prescient::test;
using namespace prescient::ui;

namespace {

constexpr int kRows = 6600;  // about 4 MB with makeDatabase

// One query through SQLite (any VFS): its rows joined as text, or "error: ...".
QString queryText(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return "error: " + QString(sqlite3_errmsg(db));
    QStringList rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        QStringList cols;
        for (int c = 0; c < sqlite3_column_count(st); ++c)
            cols << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(st, c)));
        rows << cols.join('|');
    }
    QString out = rc == SQLITE_DONE ? rows.join('\n') : "error: " + QString(sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return out;
}

QString sourceQuery(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    QString out = queryText(db, sql);
    sqlite3_close(db);
    return out;
}

}  // namespace

class TestRestoreUi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void dialogDefaultsWithoutModel();
    void dialogPrefersBestModel();
    void dialogTargetChecks();
    void estimateFromHistory();
    void restoreEndToEnd();
    void cancelKeepsStateAndResumes();
    void startFailureIsReported();
    void destructorCancelsRunningRestores();

private:
    void openContext(AppContext& ctx);
    QTemporaryDir m_tmp;
    std::string m_source, m_repoDir;
    repo::SnapshotInfo m_snapshot;
};

void TestRestoreUi::initTestCase() {
    QVERIFY(m_tmp.isValid());
    qputenv("XDG_DATA_HOME", m_tmp.filePath("xdg").toUtf8());
    qputenv("XDG_CONFIG_HOME", m_tmp.filePath("xdg-config").toUtf8());
    m_source = str(m_tmp.filePath("shop.db"));
    m_repoDir = str(m_tmp.filePath("repo"));
    std::string error;
    QVERIFY2(makeDatabase(m_source, 4096, false, kRows, false, 1, &error), error.c_str());
    PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), m_repoDir));
    auto snap = backupOnce(Env::posix(), m_repoDir, m_source, "nightly");
    PRESCIENT_VERIFY_OK(snap.status());
    m_snapshot = snap.value();
    QVERIFY2(m_snapshot.bytesTotal > 3'000'000, qPrintable(QString::number(m_snapshot.bytesTotal)));
    restore::registerRestoreVfs();
}

void TestRestoreUi::openContext(AppContext& ctx) {
    QSignalSpy state(&ctx, &AppContext::stateChanged);
    ctx.openRepository(QString::fromStdString(m_repoDir));
    QTRY_VERIFY_WITH_TIMEOUT(state.count() >= 1, 20000);
    QCOMPARE(ctx.state().snapshots.size(), size_t(1));
}

void TestRestoreUi::dialogDefaultsWithoutModel() {
    AppContext ctx;
    openContext(ctx);
    RestoreDialog dialog(&ctx, m_snapshot);
    // Next to the source, named after it and the tag, not existing.
    const QString expected = m_tmp.filePath("shop-restored-nightly.db");
    QCOMPARE(dialog.targetEdit()->text(), expected);
    QVERIFY(!QFile::exists(expected));
    QVERIFY(dialog.targetWarning().isEmpty());
    // No model: None is the only choice and the default.
    QCOMPARE(dialog.strategyCombo()->count(), 1);
    QCOMPARE(dialog.strategyCombo()->currentData().toString(), QString("none"));
    QVERIFY(dialog.restoreButton()->isEnabled());
    const RestoreRequest r = dialog.request();
    QCOMPARE(r.target, expected);
    QCOMPARE(r.strategy, QString("none"));
    QVERIFY(!r.force);
    QCOMPARE(r.snapshot.id, m_snapshot.id);

    // A file already there: the default moves on to a free name.
    QFile taken(expected);
    QVERIFY(taken.open(QIODevice::WriteOnly));
    taken.close();
    QCOMPARE(RestoreDialog::defaultTarget(m_snapshot), m_tmp.filePath("shop-restored-nightly-2.db"));
    QVERIFY(QFile::remove(expected));
}

void TestRestoreUi::dialogPrefersBestModel() {
    {  // two trained models with their held-out coverage (the metricsJson predict's service writes)
        auto repo = repo::Repository::open(Env::posix(), m_repoDir, repo::Repository::Access::kWrite);
        PRESCIENT_VERIFY_OK(repo.status());
        auto pages = predict::describePages(m_source);
        PRESCIENT_VERIFY_OK(pages.status());
        std::vector<trace::Episode> episodes(3);
        for (size_t i = 0; i < episodes.size(); ++i) {
            episodes[i].startUs = i * 1000;
            for (uint32_t p = 1; p <= 40; ++p) episodes[i].reads.push_back(p * 3 % pages->pageCount() + 1);
        }
        const std::pair<const char*, const char*> models[] = {
            {"frequency", "{\"coverage\": 0.71, \"precision\": 0.4, \"brier\": 0.1}"},
            {"markov", "{\"coverage\": 0.52, \"precision\": 0.3, \"brier\": 0.2}"},
        };
        for (const auto& [name, metrics] : models) {
            auto model = predict::makeModel(name);
            PRESCIENT_VERIFY_OK(model.status());
            PRESCIENT_VERIFY_OK((*model)->train(episodes, pages.value(), {}));
            repo::ModelRecord rec;
            rec.sourcePath = m_snapshot.sourcePath;
            rec.strategy = name;
            rec.trainedUs = 1'700'000'000'000'000;
            rec.metricsJson = metrics;
            PRESCIENT_VERIFY_OK((*repo)->catalog().addModel(rec, (*model)->save()).status());
        }
    }
    AppContext ctx;
    openContext(ctx);
    QCOMPARE(ctx.state().models.size(), size_t(2));
    RestoreDialog dialog(&ctx, m_snapshot);
    QComboBox* combo = dialog.strategyCombo();
    QCOMPARE(combo->count(), 4);  // best, frequency, markov, none
    QCOMPARE(combo->currentIndex(), 0);
    QCOMPARE(combo->currentText(), QString("Best model (frequency, coverage 71%)"));
    QCOMPARE(combo->currentData().toString(), QString());
    QCOMPARE(combo->itemData(1).toString(), QString("frequency"));
    QVERIFY(combo->itemText(1).contains("71%"));
    QCOMPARE(combo->itemData(2).toString(), QString("markov"));
    QVERIFY(combo->itemText(2).contains("52%"));
    QCOMPARE(combo->itemData(3).toString(), QString("none"));
    QCOMPARE(dialog.request().strategy, QString());

    dialog.resize(1000, 650);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.grab().save("/tmp/restore-dialog.png"));
}

void TestRestoreUi::dialogTargetChecks() {
    AppContext ctx;
    openContext(ctx);
    RestoreDialog dialog(&ctx, m_snapshot);
    // An existing file: a warning, and force.
    const QString existing = m_tmp.filePath("existing.db");
    QFile f(existing);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    dialog.targetEdit()->setText(existing);
    QVERIFY(dialog.targetWarning().contains("will be replaced"));
    QVERIFY(dialog.restoreButton()->isEnabled());
    QVERIFY(dialog.request().force);
    // A folder that does not exist: said, and Restore disabled.
    dialog.targetEdit()->setText(m_tmp.filePath("no/such/folder/x.db"));
    QVERIFY(dialog.targetWarning().contains("does not exist"));
    QVERIFY(!dialog.restoreButton()->isEnabled());
    // The source itself is refused.
    dialog.targetEdit()->setText(QString::fromStdString(m_source));
    QVERIFY(dialog.targetWarning().contains("source"));
    QVERIFY(!dialog.restoreButton()->isEnabled());
    // A fresh path: no warning, no force.
    dialog.targetEdit()->setText(m_tmp.filePath("fresh.db"));
    QVERIFY(dialog.targetWarning().isEmpty());
    QVERIFY(dialog.restoreButton()->isEnabled());
    QVERIFY(!dialog.request().force);
}

void TestRestoreUi::estimateFromHistory() {
    RepoState state;
    repo::SnapshotInfo s;
    s.pageCount = 262144;  // 1 GiB of 4 KiB pages
    s.pageSize = 4096;
    s.bytesTotal = 1ull << 30;
    RestoreEstimate e = RestoreDialog::estimate(state, s);  // from the size
    QCOMPARE(e.pastRestores, 0);
    QVERIFY(qAbs(e.firstQuery - 0.4) < 1e-9);
    QVERIFY(qAbs(e.full - double(1ull << 30) / 250e6) < 1e-9);
    repo::RestoreRecord r;  // 1,000 pages: first query after 0.5 s, 4 MB in 2 s
    r.status = "complete";
    r.pages = 1000;
    r.bytes = 4'000'000;
    r.ttfqSeconds = 0.5;
    r.startedUs = 1'000'000;
    r.finishedUs = 3'000'000;
    state.restores.push_back(r);
    e = RestoreDialog::estimate(state, s);
    QCOMPARE(e.pastRestores, 1);
    QVERIFY(qAbs(e.firstQuery - 0.5 / 1000 * 262144) < 1e-6);
    QVERIFY(qAbs(e.full - double(1ull << 30) / 2e6) < 1e-6);
}

void TestRestoreUi::restoreEndToEnd() {
    AppContext ctx;
    openContext(ctx);
    const QString target = m_tmp.filePath("restored.db");
    RestoreDialog dialog(&ctx, m_snapshot);
    dialog.targetEdit()->setText(target);
    dialog.setRateLimit(0.75);  // MB/s: about 5 s for the background restore
    const RestoreRequest request = dialog.request();
    QCOMPARE(request.strategy, QString());  // the best model (frequency)
    QCOMPARE(request.rateMBps, 0.75);

    RestoreManager manager(&ctx);
    RestoreMonitor monitor(&manager);
    monitor.resize(1000, 650);
    monitor.show();
    QSignalSpy added(&manager, &RestoreManager::restoreAdded);
    QSignalSpy started(&manager, &RestoreManager::restoreStarted);
    QSignalSpy finished(&manager, &RestoreManager::restoreFinished);
    QElapsedTimer clock;
    clock.start();
    const int id = manager.start(request);
    QVERIFY2(clock.elapsed() < 200, "start() must return at once");
    QCOMPARE(added.count(), 1);
    QCOMPARE(manager.entry(id)->state, RestoreManager::State::Starting);
    QVERIFY(started.isEmpty());  // never from inside start()
    QCOMPARE(manager.activeTargets(), QStringList{target});
    QTRY_VERIFY_WITH_TIMEOUT(started.count() == 1, 30000);
    QCOMPARE(started.at(0).at(0).toInt(), id);
    QCOMPARE(manager.entry(id)->state, RestoreManager::State::Restoring);
    QCOMPARE(monitor.selectedId(), id);
    QTRY_VERIFY_WITH_TIMEOUT(monitor.pointCount(id) > 3, 10000);
    QCOMPARE(monitor.figureText("ttfq"), QString("—"));

    // Queries on the target through the prescient VFS, while it restores, answer as the source does.
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open_v2(target.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, restore::kRestoreVfsName),
             SQLITE_OK);
    for (int i = 0; i < 12; ++i) {
        const QByteArray sql = QString("SELECT count(*), total(qty), max(name) FROM items WHERE id BETWEEN %1 AND %2")
                                   .arg(i * 150)
                                   .arg(i * 150 + 120)
                                   .toUtf8();
        auto t0 = std::chrono::steady_clock::now();
        const QString got = queryText(db, sql.constData());
        restore::noteQueryServed(
            str(target),
            uint64_t(
                std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count()));
        QCOMPARE(got, sourceQuery(m_source, sql.constData()));
        QTest::qWait(120);
    }
    QVERIFY2(finished.isEmpty(), "the restore ended before the queries: the test proves nothing");
    QTRY_VERIFY(monitor.figureText("ttfq") != QString("—"));
    QVERIFY(monitor.figureText("ttfq").endsWith(" s"));
    QTest::qWait(400);  // a couple more chart points after the reads
    QVERIFY(monitor.grab().save("/tmp/restore-monitor.png"));
    const QString whole = "SELECT count(*), total(qty), total(length(data)) FROM items";
    QCOMPARE(queryText(db, whole.toUtf8().constData()), sourceQuery(m_source, whole.toUtf8().constData()));
    sqlite3_close(db);

    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    const RestoreManager::Entry* e = manager.entry(id);
    QCOMPARE(e->state, RestoreManager::State::Complete);
    QVERIFY(e->result.has_value());
    QCOMPARE(e->result->pages, m_snapshot.pageCount);
    QCOMPARE(e->strategyUsed, QString("frequency"));
    QVERIFY(manager.activeTargets().isEmpty());
    QCOMPARE(logicalHash(str(target)), logicalHash(m_source));
    QCOMPARE(firstPageDifference(str(target), m_source, 4096), std::string());
    QCOMPARE(integrityCheck(str(target)), std::string("ok"));
    QVERIFY(!QFile::exists(target + ".prescient"));
    // The monitor keeps the charts and shows the outcome.
    const int points = monitor.pointCount(id);
    QVERIFY(points > 3);
    QTest::qWait(500);
    QCOMPARE(monitor.pointCount(id), points);
    QVERIFY(monitor.outcomeText().contains("verified"));
    QVERIFY(!monitor.cancelButton()->isEnabled());
    QVERIFY(monitor.figureText("ttfq") != QString("—"));
    // The history was reloaded with the new row.
    QTRY_VERIFY(!ctx.state().restores.empty() && ctx.state().restores.back().status == "complete");
    QCOMPARE(QString::fromStdString(ctx.state().restores.back().target), target);
}

void TestRestoreUi::cancelKeepsStateAndResumes() {
    AppContext ctx;
    openContext(ctx);
    RestoreManager manager(&ctx);
    RestoreMonitor monitor(&manager);
    QSignalSpy started(&manager, &RestoreManager::restoreStarted);
    QSignalSpy finished(&manager, &RestoreManager::restoreFinished);
    RestoreRequest r;
    r.snapshot = m_snapshot;
    r.target = m_tmp.filePath("cancelled.db");
    r.strategy = "none";
    r.rateMBps = 0.2;  // about 20 s
    const int id = manager.start(r);
    QTRY_VERIFY_WITH_TIMEOUT(started.count() == 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(monitor.pointCount(id) > 1, 10000);
    QCOMPARE(monitor.selectedId(), id);
    QVERIFY(monitor.cancelButton()->isEnabled());
    monitor.cancelButton()->click();  // the real button, on the selected restore
    QVERIFY(!monitor.cancelButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    QCOMPARE(finished.at(0).at(0).toInt(), id);
    QVERIFY(!finished.at(0).at(1).toBool());
    QCOMPARE(manager.entry(id)->state, RestoreManager::State::Cancelled);
    QVERIFY(QFile::exists(r.target + ".prescient"));
    QVERIFY(monitor.outcomeText().contains("Cancelled"));
    QVERIFY(monitor.pointCount(id) > 1);

    // The same restore again resumes it, and completes.
    r.rateMBps = 0;
    r.force = true;  // what the dialog sets for an existing file: a same-snapshot restore still resumes
    const int again = manager.start(r);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 60000);
    QCOMPARE(finished.at(1).at(0).toInt(), again);
    QVERIFY2(finished.at(1).at(1).toBool(), qPrintable(finished.at(1).at(2).toString()));
    QVERIFY(manager.entry(again)->result->resumed);
    QCOMPARE(logicalHash(str(r.target)), logicalHash(m_source));
    QVERIFY(!QFile::exists(r.target + ".prescient"));
}

void TestRestoreUi::startFailureIsReported() {
    AppContext ctx;
    openContext(ctx);
    RestoreManager manager(&ctx);
    RestoreMonitor monitor(&manager);
    QSignalSpy finished(&manager, &RestoreManager::restoreFinished);
    RestoreRequest r;
    r.snapshot = m_snapshot;
    r.target = m_tmp.filePath("missing-folder/x.db");
    const int id = manager.start(r);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
    QVERIFY(!finished.at(0).at(1).toBool());
    const QString message = finished.at(0).at(2).toString();
    QVERIFY2(message.contains("does not exist") && message.contains("missing-folder"), qPrintable(message));
    QCOMPARE(manager.entry(id)->state, RestoreManager::State::Failed);
    QVERIFY(monitor.outcomeText().contains("does not exist"));
    QCOMPARE(monitor.pointCount(id), 0);
}

void TestRestoreUi::destructorCancelsRunningRestores() {
    AppContext ctx;
    openContext(ctx);
    const QString target = m_tmp.filePath("abandoned.db");
    auto manager = std::make_unique<RestoreManager>(&ctx);
    QSignalSpy started(manager.get(), &RestoreManager::restoreStarted);
    RestoreRequest r;
    r.snapshot = m_snapshot;
    r.target = target;
    r.strategy = "none";
    r.rateMBps = 0.2;
    manager->start(r);
    QTRY_VERIFY_WITH_TIMEOUT(started.count() == 1, 30000);
    QTest::qWait(300);
    QElapsedTimer clock;
    clock.start();
    manager.reset();
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString("the destructor took %1 ms").arg(clock.elapsed())));
    QVERIFY(QFile::exists(target + ".prescient"));  // resumable
}

QTEST_MAIN(TestRestoreUi)
#include "tst_restoreui.moc"
