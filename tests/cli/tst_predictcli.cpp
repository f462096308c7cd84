// The prediction engine from the command line, end to end on the real Chinook database: traces recorded
// from the stock sqlite3 shell under the recorder, `train` (held-out evaluation + stored models),
// `evaluate --json`, `predict` on a snapshot with object names and calibrated confidences, and the
// errors: no traces, too few episodes, no model, unknown strategy.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "support/testdb.h"
#include "support/testutil.h"

using namespace prescient;
using namespace prescient::test;

class TestPredictCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void errorsBeforeTraining();
    void trainEvaluatePredict();

private:
    QTemporaryDir m_tmp;
    QString m_repo, m_db;
    void record(const QString& profile, const QString& sql) {
        CliRun r = runCli({"trace", "record", "--repo", m_repo, "--source", m_db, "--profile", profile, "--",
                           "sqlite3", m_db, sql});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }
};

void TestPredictCli::initTestCase() {
    if (QStandardPaths::findExecutable("sqlite3").isEmpty()) QSKIP("the sqlite3 shell is not installed");
    m_repo = m_tmp.filePath("repo");
    m_db = m_tmp.filePath("chinook.db");
    QVERIFY(copyFile(chinookPath(), str(m_db)));
    QCOMPARE(runCli({"init", "--repo", m_repo}).code, 0);
}

void TestPredictCli::errorsBeforeTraining() {
    CliRun noTraces = runCli({"train", "--repo", m_repo, "--source", m_db});
    QCOMPARE(noTraces.code, 4);
    QVERIFY2(noTraces.err.contains("no traces of"), qPrintable(noTraces.err));
    record("store", "SELECT * FROM Customer WHERE CustomerId = 3;");
    CliRun oneEpisode = runCli({"evaluate", "--repo", m_repo, "--source", m_db});
    QCOMPARE(oneEpisode.code, 7);
    QVERIFY2(oneEpisode.err.contains("need at least 2 episodes to evaluate, have 1"), qPrintable(oneEpisode.err));
    QCOMPARE(runCli({"evaluate", "--repo", m_repo, "--source", m_db, "--strategy", "crystal-ball"}).code, 2);
    QCOMPARE(runCli({"evaluate", "--repo", m_repo, "--source", m_db, "--budget", "2"}).code, 2);
    QCOMPARE(runCli({"backup", "--repo", m_repo, m_db}).code, 0);
    CliRun noModel = runCli({"predict", "--repo", m_repo, "latest"});
    QCOMPARE(noModel.code, 4);
    QVERIFY2(noModel.err.contains("no trained model"), qPrintable(noModel.err));
}

void TestPredictCli::trainEvaluatePredict() {
    // Two applications with different habits: a store front looking up customers and their invoices,
    // and a catalogue browser walking albums and tracks.
    for (int i = 0; i < 12; ++i) {
        record("store", QString("SELECT * FROM Customer WHERE CustomerId = %1; SELECT * FROM Invoice WHERE "
                                "CustomerId = %1;").arg(1 + i * 5 % 59));
        record("catalog", QString("SELECT * FROM Album WHERE AlbumId = %1; SELECT Name FROM Track WHERE AlbumId = %1;")
                              .arg(1 + i * 13 % 340));
    }
    CliRun train = runCli({"train", "--repo", m_repo, "--source", m_db, "--json"});
    QVERIFY2(train.code == 0, qPrintable(train.err));
    QJsonObject report = QJsonDocument::fromJson(train.out.toUtf8()).object();
    QCOMPARE(report.value("episodes").toInt(), 25);
    QJsonArray strategies = report.value("strategies").toArray();
    QCOMPARE(strategies.size(), 5);
    double sequential = -1, best = -1;
    for (const auto& v : strategies) {
        QJsonObject s = v.toObject();
        double c = s.value("coverage").toDouble();
        QVERIFY(c >= 0 && c <= 1);
        if (s.value("strategy").toString() == "sequential") sequential = c;
        if (s.value("strategy").toString() == report.value("best").toString()) best = c;
        if (s.value("strategy").toString() == "ranker") {
            QVERIFY(s.value("brier").isDouble());
            QCOMPARE(s.value("reliability").toArray().size(), 10);
        }
    }
    QVERIFY2(best > sequential, qPrintable(train.out));

    CliRun predict = runCli({"predict", "--repo", m_repo, "latest", "--profile", "store", "--top", "15", "--json"});
    QVERIFY2(predict.code == 0, qPrintable(predict.err));
    QJsonObject p = QJsonDocument::fromJson(predict.out.toUtf8()).object();
    QCOMPARE(p.value("strategy").toString(), report.value("best").toString());
    QJsonArray pages = p.value("pages").toArray();
    QCOMPARE(pages.size(), 15);
    bool sawCustomer = false;
    double last = 2;
    for (const auto& v : pages) {
        QJsonObject pg = v.toObject();
        double conf = pg.value("confidence").toDouble();
        QVERIFY(conf >= 0 && conf <= 1);
        QVERIFY(conf <= last + 1e-9);  // best first
        last = conf;
        sawCustomer |= pg.value("object").toString() == "Customer";
    }
    QVERIFY2(sawCustomer, qPrintable(predict.out));
    CliRun table = runCli({"predict", "--repo", m_repo, "latest", "--strategy", "markov", "--top", "5"});
    QCOMPARE(table.code, 0);
    QVERIFY(table.out.contains("strategy markov") && table.out.contains("sqlite_schema"));
}

QTEST_APPLESS_MAIN(TestPredictCli)
#include "tst_predictcli.moc"
