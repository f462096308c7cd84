// `prescient restores` and `prescient alerts` end to end, over a repository whose history the test writes
// through the Catalog: table and JSON output, acknowledging an alert, a missing alert (exit 4), bad --ack.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "support/testutil.h"

using namespace prescient;
using namespace prescient::test;

class TestHistoryCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void emptyHistory();
    void restoresJson();
    void restoresTable();
    void alertsList();
    void acknowledge();
    void usage();

private:
    QJsonArray jsonOf(const QStringList& args);
    QTemporaryDir m_tmp;
    QString m_repo, m_empty;
    int64_t m_restoreId = 0, m_criticalId = 0, m_warningId = 0;
};

QJsonArray TestHistoryCli::jsonOf(const QStringList& args) {
    CliRun r = runCli(args);
    if (r.code != 0) qWarning("%s", qPrintable(r.err));
    QJsonParseError err;
    QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError) qWarning("%s: %s", qPrintable(err.errorString()), qPrintable(r.out));
    return doc.array();
}

void TestHistoryCli::initTestCase() {
    m_repo = m_tmp.filePath("repo");
    m_empty = m_tmp.filePath("empty");
    QCOMPARE(runCli({"init", "--repo", m_repo}).code, 0);
    QCOMPARE(runCli({"init", "--repo", m_empty}).code, 0);
    auto r = repo::Repository::open(Env::posix(), str(m_repo), repo::Repository::Access::kRead);
    PRESCIENT_VERIFY_OK(r.status());
    repo::Catalog& cat = r.value()->catalog();

    repo::RestoreRecord done;
    done.snapshotId = "0123456789abcdef";
    done.sourcePath = "/data/shop.db";
    done.target = "/restore/shop \"copy\".db";  // quotes must survive the JSON
    done.strategy = "markov";
    done.startedUs = 1'700'000'000'000'000;
    done.finishedUs = done.startedUs + 12'500'000;
    done.status = "complete";
    done.ttfqSeconds = 0.042;
    done.t90Seconds = 2.5;
    done.tier1 = 900;
    done.tier2 = 50;
    done.tier3 = 50;
    done.queries = 31;
    done.pages = 3000;
    done.bytes = 3000 * 4096;
    done.precision = 0.62;
    auto id = cat.addRestore(done);
    PRESCIENT_VERIFY_OK(id.status());
    m_restoreId = id.value();

    repo::RestoreRecord running;
    running.snapshotId = "fedcba9876543210";
    running.sourcePath = "/data/shop.db";
    running.target = "/restore/live.db";
    running.strategy = "none";
    running.startedUs = done.startedUs + 60'000'000;
    running.status = "running";
    PRESCIENT_VERIFY_OK(cat.addRestore(running).status());

    repo::AlertRecord warn;
    warn.timeUs = done.startedUs + 1'000'000;
    warn.rule = "hit-rate";
    warn.severity = "warning";
    warn.value = 0.41;
    warn.threshold = 0.5;
    warn.message = "tier-1/2 hit rate 41% below 50% for 10 s while restoring snapshot 0123456789ab to /restore/x.db";
    warn.target = done.target;
    warn.snapshotId = done.snapshotId;
    warn.restoreId = m_restoreId;
    auto w = cat.addAlert(warn);
    PRESCIENT_VERIFY_OK(w.status());
    m_warningId = w.value();
    repo::AlertRecord crit = warn;
    crit.timeUs = done.startedUs + 13'000'000;
    crit.rule = "verification";
    crit.severity = "critical";
    crit.value = crit.threshold = 0;
    crit.message = "verification failed (page 7: hash mismatch) after restoring snapshot 0123456789ab to /restore/x.db";
    auto c = cat.addAlert(crit);
    PRESCIENT_VERIFY_OK(c.status());
    m_criticalId = c.value();
}

void TestHistoryCli::emptyHistory() {
    CliRun r = runCli({"restores", "--repo", m_empty});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("no restores recorded"));
    CliRun a = runCli({"alerts", "--repo", m_empty});
    QCOMPARE(a.code, 0);
    QVERIFY(a.out.contains("no alerts"));
    QCOMPARE(jsonOf({"restores", "--repo", m_empty, "--json"}).size(), 0);
    QCOMPARE(jsonOf({"alerts", "--repo", m_empty, "--json"}).size(), 0);
    CliRun missing = runCli({"restores", "--repo", m_tmp.filePath("nowhere")});
    QCOMPARE(missing.code, 4);
}

void TestHistoryCli::restoresJson() {
    QJsonArray list = jsonOf({"restores", "--repo", m_repo, "--json"});
    QCOMPARE(list.size(), 2);
    QJsonObject d = list.at(0).toObject();  // oldest first
    QCOMPARE(d.value("id").toInteger(), m_restoreId);
    QCOMPARE(d.value("snapshot").toString(), QString("0123456789abcdef"));
    QCOMPARE(d.value("source").toString(), QString("/data/shop.db"));
    QCOMPARE(d.value("target").toString(), QString("/restore/shop \"copy\".db"));
    QCOMPARE(d.value("strategy").toString(), QString("markov"));
    QCOMPARE(d.value("status").toString(), QString("complete"));
    QCOMPARE(d.value("started").toString(), QString("2023-11-14T22:13:20.000000Z"));
    QCOMPARE(d.value("finished").toString(), QString("2023-11-14T22:13:32.500000Z"));
    QCOMPARE(d.value("ttfq_s").toDouble(), 0.042);
    QCOMPARE(d.value("t90_s").toDouble(), 2.5);
    QCOMPARE(d.value("tier1").toInteger(), 900);
    QCOMPARE(d.value("tier2").toInteger(), 50);
    QCOMPARE(d.value("tier3").toInteger(), 50);
    QCOMPARE(d.value("hit_rate").toDouble(), 0.95);
    QCOMPARE(d.value("queries").toInteger(), 31);
    QCOMPARE(d.value("pages").toInteger(), 3000);
    QCOMPARE(d.value("bytes").toInteger(), 3000 * 4096);
    QCOMPARE(d.value("precision").toDouble(), 0.62);
    QCOMPARE(d.value("duration_s").toDouble(), 12.5);
    QCOMPARE(d.value("message").toString(), QString());

    QJsonObject run = list.at(1).toObject();
    QCOMPARE(run.value("status").toString(), QString("running"));
    for (const char* k : {"finished", "ttfq_s", "t90_s", "hit_rate", "precision", "duration_s"})
        QVERIFY2(run.value(k).isNull(), k);
}

void TestHistoryCli::restoresTable() {
    CliRun r = runCli({"restores", "--repo", m_repo});
    QCOMPARE(r.code, 0);
    QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].contains("STARTED") && lines[0].contains("TTFQ") && lines[0].contains("HIT"));
    QVERIFY2(lines[1].contains("0123456789ab ") && !lines[1].contains("0123456789abc") &&
                 lines[1].contains("complete") && lines[1].contains("42 ms") && lines[1].contains("2.50 s") &&
                 lines[1].contains("95.0%") && lines[1].contains("12.50 s") && lines[1].contains("shop \"copy\".db"),
             qPrintable(lines[1]));
    QVERIFY(lines[2].contains("running") && lines[2].contains("/restore/live.db"));
}

void TestHistoryCli::alertsList() {
    QJsonArray list = jsonOf({"alerts", "--repo", m_repo, "--json"});
    QCOMPARE(list.size(), 2);
    QJsonObject first = list.at(0).toObject();  // newest first
    QCOMPARE(first.value("id").toInteger(), m_criticalId);
    QCOMPARE(first.value("rule").toString(), QString("verification"));
    QCOMPARE(first.value("severity").toString(), QString("critical"));
    QCOMPARE(first.value("restore_id").toInteger(), m_restoreId);
    QCOMPARE(first.value("acknowledged").toBool(), false);
    QVERIFY(first.value("message").toString().contains("page 7: hash mismatch"));
    QJsonObject second = list.at(1).toObject();
    QCOMPARE(second.value("rule").toString(), QString("hit-rate"));
    QCOMPARE(second.value("value").toDouble(), 0.41);
    QCOMPARE(second.value("threshold").toDouble(), 0.5);
    QCOMPARE(second.value("snapshot").toString(), QString("0123456789abcdef"));

    CliRun r = runCli({"alerts", "--repo", m_repo});
    QCOMPARE(r.code, 0);
    QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[1].contains("critical") && lines[1].contains("verification"));
    QVERIFY2(lines[2].contains("warning") && lines[2].contains("hit-rate") && lines[2].contains("41%/50%") &&
                 lines[2].contains("below 50% for 10 s"),
             qPrintable(lines[2]));
}

void TestHistoryCli::acknowledge() {
    QString id = QString::number(m_warningId);
    CliRun ack = runCli({"alerts", "--repo", m_repo, "--ack", id});
    QCOMPARE(ack.code, 0);
    QCOMPARE(ack.out.trimmed(), "acknowledged alert " + id);
    QJsonArray list = jsonOf({"alerts", "--repo", m_repo, "--json"});
    QCOMPARE(list.at(1).toObject().value("acknowledged").toBool(), true);
    QCOMPARE(list.at(0).toObject().value("acknowledged").toBool(), false);
    QVERIFY(runCli({"alerts", "--repo", m_repo}).out.split('\n')[2].contains(" yes "));

    CliRun missing = runCli({"alerts", "--repo", m_repo, "--ack", "999"});
    QCOMPARE(missing.code, 4);
    QVERIFY2(missing.err.contains("alert 999 not found"), qPrintable(missing.err));
}

void TestHistoryCli::usage() {
    QCOMPARE(runCli({"alerts", "--repo", m_repo, "--ack", "abc"}).code, 2);
    QCOMPARE(runCli({"alerts", "--repo", m_repo, "--ack", "0"}).code, 2);
    QCOMPARE(runCli({"alerts", "--repo", m_repo, "--ack"}).code, 2);
    QCOMPARE(runCli({"restores", "--repo", m_repo, "extra"}).code, 2);
    QCOMPARE(runCli({"restores", "--repo", m_repo, "--colour"}).code, 2);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("PRESCIENT_REPO");
    CliRun noRepo = runCli({"alerts"}, env);
    QCOMPARE(noRepo.code, 2);
    QVERIFY(noRepo.err.contains("PRESCIENT_REPO"));
    CliRun help = runCli({"help"});
    QVERIFY(help.out.contains("prescient restores") && help.out.contains("prescient alerts"));
}

QTEST_APPLESS_MAIN(TestHistoryCli)
#include "tst_historycli.moc"
