// Report export (core/report, ui/report, ui/reportview, `prescient report`) over the demo repository with
// restore runs, alerts and a partition backup added through the catalog: the PDF holds every section
// heading and a snapshot id (pdftotext), the CSV parses as RFC 4180 with one backups row per snapshot and
// every line as wide as the header, the JSON parses with its arrays, the HTML embeds its charts; written
// both by the Report tab's exportTo and by the CLI, whose errors have their distinct exit codes. Saves the
// Report tab at 1280x800 to /tmp/report.png. Skips the PDF text checks only when pdftotext is missing.
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <map>

#include "appcontext.h"
#include "demo/demorepo.h"
#include "report/reportdata.h"
#include "repo/repository.h"
#include "reportview.h"
#include "reportwriter.h"
#include "support/testutil.h"

using namespace prescient;

namespace {

const QStringList kHeadings = {"Backup history", "Restore runs", "Prediction accuracy", "Partition forecasts",
                               "Alerts"};
const char* kTrickyMessage = "hit rate 12% below 50%, \"cold\" cache\nsecond line";

// RFC 4180: fields separated by commas, records by CRLF (a bare LF accepted), quoted fields may hold
// commas, CR/LF and doubled quotes. Returns false on a malformed file (a quote inside an unquoted field,
// an unterminated quoted field, text after a closing quote).
bool parseCsv(const QByteArray& bytes, std::vector<QStringList>* rows) {
    const QString text = QString::fromUtf8(bytes);
    QStringList row;
    QString field;
    bool quoted = false, wasQuoted = false;
    int i = 0;
    const int n = int(text.size());
    auto endField = [&] {
        row << field;
        field.clear();
        wasQuoted = false;
    };
    while (i < n) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < n && text[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                quoted = false;
                wasQuoted = true;
                ++i;
                continue;
            }
            field += c;
            ++i;
            continue;
        }
        if (c == '"') {
            if (!field.isEmpty() || wasQuoted) return false;
            quoted = true;
            ++i;
        } else if (c == ',') {
            endField();
            ++i;
        } else if (c == '\r' || c == '\n') {
            endField();
            rows->push_back(row);
            row.clear();
            i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
        } else {
            if (wasQuoted) return false;
            field += c;
            ++i;
        }
    }
    if (quoted) return false;
    if (!field.isEmpty() || !row.isEmpty()) {
        endField();
        rows->push_back(row);
    }
    return true;
}

QString pdfText(const QString& pdf) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});  // reading order: a cell's lines together
    if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
    // NFKC: the ligatures the PDF's fonts use ("ﬁ") back to letters; line breaks inside cells to spaces.
    return QString::fromUtf8(p.readAllStandardOutput()).normalized(QString::NormalizationForm_KC).simplified();
}

}  // namespace

// Runs a check helper and stops the test when it failed (a QVERIFY in a helper only returns from it).
#define CHECKED(call)                                  \
    do {                                               \
        call;                                          \
        if (QTest::currentTestFailed()) return;        \
    } while (0)

class TestReport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void csvAndJsonFromCore();
    void viewPreviewAndScreenshot();
    void viewExports();
    void cliExports();
    void cliErrors();

private:
    void checkPdf(const QString& file);
    void checkCsv(const QString& file);
    void checkJson(const QString& file);
    void checkHtml(const QString& file);

    QTemporaryDir m_dir;
    QString m_repoDir;
    std::vector<repo::SnapshotInfo> m_snapshots;
    bool m_pdftotext = false;
};

void TestReport::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_pdftotext = !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty();
    QVERIFY(m_dir.isValid());
    auto demo = demo::buildDemoRepository(m_dir.filePath("demo").toStdString(), {}, demo::DemoOptions{false, false});
    PRESCIENT_VERIFY_OK(demo.status());
    m_repoDir = QString::fromStdString(demo->repoDir);

    auto r = repo::Repository::open(Env::posix(), demo->repoDir, repo::Repository::Access::kRead);
    PRESCIENT_VERIFY_OK(r.status());
    repo::Catalog& catalog = r.value()->catalog();
    auto snaps = catalog.listSnapshots();
    PRESCIENT_VERIFY_OK(snaps.status());
    m_snapshots = snaps.value();
    QVERIFY(m_snapshots.size() >= 2);
    QCOMPARE(int(m_snapshots.size()), demo->snapshots);

    // Restore runs (one per strategy, one failed) and alerts, as instant restores record them.
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    const char* strategies[] = {"hotset", "markov", "ranker", "none"};
    auto existing = catalog.listRestores();
    PRESCIENT_VERIFY_OK(existing.status());
    for (int i = 0; i < 4; ++i) {
        repo::RestoreRecord rec;
        rec.snapshotId = m_snapshots[size_t(i) % m_snapshots.size()].id;
        rec.sourcePath = demo->database;
        rec.target = m_dir.filePath(QStringLiteral("restored-%1.db").arg(i)).toStdString();
        rec.strategy = strategies[i];
        rec.startedUs = now - (5 - i) * 3600ll * 1000000;
        rec.finishedUs = rec.startedUs + (8 + i) * 1000000ll;
        rec.status = i == 3 ? "failed" : "complete";
        rec.ttfqSeconds = 0.03 + 0.01 * i;
        rec.t90Seconds = i == 3 ? -1 : 0.8 + 0.9 * i;
        rec.tier1 = 900 - 100 * i;
        rec.tier2 = 50;
        rec.tier3 = 50 + 100 * i;
        rec.queries = 120;
        rec.pages = 400;
        rec.bytes = 400 * 4096;
        rec.precision = i == 3 ? -1 : 0.5 + 0.1 * i;
        rec.message = i == 3 ? "target disk full, restore stopped" : "";
        auto id = catalog.addRestore(rec);
        PRESCIENT_VERIFY_OK(id.status());
        if (i == 1 || i == 3) {
            repo::AlertRecord a;
            a.timeUs = rec.startedUs + 2000000;
            a.rule = i == 1 ? "hit-rate" : "stalled";
            a.severity = i == 1 ? "warning" : "critical";
            a.value = i == 1 ? 0.12 : 45;
            a.threshold = i == 1 ? 0.5 : 30;
            a.message = i == 1 ? kTrickyMessage : "no page restored for 45 s";
            a.target = rec.target;
            a.snapshotId = rec.snapshotId;
            a.restoreId = id.value();
            PRESCIENT_VERIFY_OK(catalog.addAlert(a).status());
        }
    }
    // A partition backup with two forecasts: a split that came true (its shadow kept), a merge that did not.
    repo::PartitionBackupRecord b;
    b.setDir = m_dir.filePath("gone-set").toStdString();
    b.strategy = "predictive";
    b.startedUs = now - 2 * 3600ll * 1000000;
    b.finishedUs = b.startedUs + 30 * 1000000ll;
    b.startEpoch = 4;
    b.endEpoch = 6;
    b.status = "complete";
    b.figuresJson = "{\"changes\": 2, \"unpredicted_changes\": 1, \"shadows_kept\": 1}";
    auto backupId = catalog.addPartitionBackup(b);
    PRESCIENT_VERIFY_OK(backupId.status());
    repo::PartitionPredictionRecord split;
    split.backupId = backupId.value();
    split.madeUs = b.startedUs + 1000000;
    split.partition = 3;
    split.kind = "split";
    split.probability = 0.82;
    split.expectedUs = b.startedUs + 12 * 1000000ll;
    split.splitKey = 150000;
    split.materialized = true;
    auto splitId = catalog.addPartitionPrediction(split);
    PRESCIENT_VERIFY_OK(splitId.status());
    repo::PartitionPredictionRecord merge = split;
    merge.kind = "merge";
    merge.partition = 1;
    merge.other = 2;
    merge.probability = 0.55;
    merge.splitKey = 0;
    merge.materialized = false;
    PRESCIENT_VERIFY_OK(catalog.addPartitionPrediction(merge).status());
    repo::PartitionCopyRecord shadow;
    shadow.backupId = backupId.value();
    shadow.partition = 3;
    shadow.role = "shadow";
    shadow.snapshotId = "5ad0c0b1e5ad0c0b";  // its own snapshot in a real backup; not one of the database's
    shadow.takenUs = split.madeUs + 500000;
    shadow.epoch = 4;
    shadow.lo = 100000;
    shadow.hi = 200000;
    shadow.predictionId = splitId.value();
    shadow.kept = true;
    shadow.bytes = 65536;
    PRESCIENT_VERIFY_OK(catalog.addPartitionCopy(shadow).status());
}

void TestReport::checkPdf(const QString& file) {
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
    QVERIFY(f.read(5) == "%PDF-");
    const QString text = pdfText(file);
    QVERIFY2(!text.isEmpty(), qPrintable("pdftotext read nothing from " + file));
    QVERIFY(text.contains("Prescient report"));
    for (const QString& h : kHeadings) QVERIFY2(text.contains(h), qPrintable("PDF lacks the heading " + h));
    QVERIFY2(text.contains(QString::fromStdString(m_snapshots.front().id)), "PDF lacks the first snapshot id");
    QVERIFY2(text.contains(QString::fromStdString(m_snapshots.back().id)), "PDF lacks the last snapshot id");
    QVERIFY(text.contains("median time to first query"));  // the summary's RTO
    QVERIFY(text.contains("target disk full, restore stopped"));  // a failed restore says why
}

void TestReport::checkCsv(const QString& file) {
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
    std::vector<QStringList> rows;
    QVERIFY2(parseCsv(f.readAll(), &rows), "the CSV is not RFC 4180");
    QVERIFY(rows.size() > 1);
    QCOMPARE(rows[0].value(0), QStringLiteral("section"));
    QCOMPARE(rows[0].value(1), QStringLiteral("record"));
    std::map<QString, int> dataRows;
    std::map<QString, QStringList> columns;
    QStringList alertMessages;
    for (size_t i = 0; i < rows.size(); ++i) {
        QCOMPARE(rows[i].size(), rows[0].size());  // every line as wide as the header
        if (i == 0) continue;
        const QString section = rows[i][0];
        if (rows[i][1] == "columns") {
            QVERIFY2(!columns.count(section), qPrintable("two column lines for " + section));
            columns[section] = rows[i].mid(2);
        } else {
            QCOMPARE(rows[i][1], QStringLiteral("row"));
            QVERIFY2(columns.count(section), qPrintable("a row before the column names of " + section));
            ++dataRows[section];
            if (section == "alerts") alertMessages << rows[i][2 + int(columns[section].indexOf("message"))];
        }
    }
    for (const char* s : {"backups", "restores", "accuracy", "partition_backups", "forecasts", "alerts"})
        QVERIFY2(columns.count(s), s);
    QCOMPARE(dataRows["backups"], int(m_snapshots.size()));
    QCOMPARE(dataRows["restores"], 4);
    QCOMPARE(dataRows["alerts"], 2);
    QCOMPARE(dataRows["partition_backups"], 1);
    QCOMPARE(dataRows["forecasts"], 2);
    QVERIFY(dataRows["accuracy"] >= 3);  // the demo's models and the restores' precision
    QVERIFY2(alertMessages.contains(QString::fromUtf8(kTrickyMessage)), "commas, quotes and a newline round-trip");
    // The backups rows name the snapshots, oldest first.
    const int idColumn = 2 + int(columns["backups"].indexOf("snapshot"));
    QVERIFY(idColumn >= 2);
    QStringList ids;
    for (const auto& row : rows)
        if (row[0] == "backups" && row[1] == "row") ids << row[idColumn];
    QCOMPARE(ids.first(), QString::fromStdString(m_snapshots.front().id));
    QCOMPARE(ids.last(), QString::fromStdString(m_snapshots.back().id));
}

void TestReport::checkJson(const QString& file) {
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject o = doc.object();
    QCOMPARE(o.value("repository").toString(), m_repoDir);
    for (const char* s : {"backups", "restores", "accuracy", "partition_backups", "forecasts", "alerts"})
        QVERIFY2(o.value(s).isArray(), s);
    QCOMPARE(o.value("backups").toArray().size(), qsizetype(m_snapshots.size()));
    QCOMPARE(o.value("backups").toArray().first().toObject().value("snapshot").toString(),
             QString::fromStdString(m_snapshots.front().id));
    const QJsonArray restores = o.value("restores").toArray();
    QCOMPARE(restores.size(), 4);
    QCOMPARE(restores.at(1).toObject().value("ttfq_s").toDouble(), 0.04);
    QVERIFY(restores.at(3).toObject().value("t90_s").isNull());  // never reached 90 %
    const QJsonArray forecasts = o.value("forecasts").toArray();
    QCOMPARE(forecasts.size(), 2);
    QCOMPARE(forecasts.at(0).toObject().value("shadow").toString(), QStringLiteral("kept"));
    QCOMPARE(forecasts.at(0).toObject().value("materialized").toBool(), true);
    QCOMPARE(o.value("alerts").toArray().at(0).toObject().value("message").toString(),
             QString::fromUtf8(kTrickyMessage));
}

void TestReport::checkHtml(const QString& file) {
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
    const QString html = QString::fromUtf8(f.readAll());
    for (const QString& h : kHeadings) QVERIFY2(html.contains(h), qPrintable("HTML lacks the heading " + h));
    QVERIFY(html.contains(QString::fromStdString(m_snapshots.front().id)));
    QCOMPARE(html.count("src=\"data:image/png;base64,"), 3);  // the three charts, self-contained
}

void TestReport::csvAndJsonFromCore() {
    auto r = repo::Repository::open(Env::posix(), m_repoDir.toStdString(), repo::Repository::Access::kRead);
    PRESCIENT_VERIFY_OK(r.status());
    auto data = report::gatherReport(*r.value());
    PRESCIENT_VERIFY_OK(data.status());
    QCOMPARE(data->backups.size(), m_snapshots.size());
    QVERIFY(data->backups.front().full);
    QVERIFY(!data->backups.back().full);
    QCOMPARE(data->restores.size(), size_t(4));
    QCOMPARE(data->restores[0].hitRate, 950.0 / 1000.0);
    QCOMPARE(data->forecasts.size(), size_t(2));
    QCOMPARE(data->partitionBackups[0].materialized, int64_t(1));
    QCOMPARE(data->partitionBackups[0].changes, int64_t(2));
    // --since drops what came before.
    report::ReportOptions since;
    since.sinceUs = data->restores[2].record.startedUs;
    auto recent = report::gatherReport(*r.value(), since);
    PRESCIENT_VERIFY_OK(recent.status());
    QCOMPARE(recent->restores.size(), size_t(2));
    QCOMPARE(report::jsonNumber("{\"changes\": 2, \"unpredicted_changes\": 7}", "changes"), 2.0);
    QCOMPARE(report::jsonNumber("{\"brier\": null}", "brier"), -1.0);

    QTemporaryDir out;
    PRESCIENT_VERIFY_OK(report::writeReport(data.value(), "csv", out.filePath("r.csv")));
    CHECKED(checkCsv(out.filePath("r.csv")));
    PRESCIENT_VERIFY_OK(report::writeReport(data.value(), "json", out.filePath("r.json")));
    CHECKED(checkJson(out.filePath("r.json")));
    const Status bad = report::writeReport(data.value(), "docx", out.filePath("r.docx"));
    QCOMPARE(bad.code(), Status::Code::kInvalidArgument);
}

void TestReport::viewPreviewAndScreenshot() {
    ui::AppContext ctx;
    ui::ReportView view(&ctx);
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy ready(&view, &ui::ReportView::contentReady);
    ctx.openRepository(m_repoDir);
    QTRY_VERIFY_WITH_TIMEOUT(view.preview()->toPlainText().contains("Partition forecasts"), 30000);
    const QString text = view.preview()->toPlainText();
    for (const QString& h : kHeadings) QVERIFY2(text.contains(h), qPrintable("preview lacks " + h));
    QVERIFY(text.contains(QString::fromStdString(m_snapshots.front().id)));
    QVERIFY(ready.count() >= 1);
    QVERIFY(view.defaultFileName("pdf").endsWith(
        "prescient-report-" + QDate::currentDate().toString("yyyy-MM-dd") + ".pdf"));
    QTest::qWait(100);
    QVERIFY(view.grab().save("/tmp/report.png"));
    // Scrolled to the restore runs, as a DBA reading the RTO would be.
    view.preview()->scrollToAnchor(QString());
    view.preview()->find("Restore runs");
    view.preview()->ensureCursorVisible();
    QVERIFY(view.grab().save("/tmp/report-restores.png"));
}

void TestReport::viewExports() {
    ui::AppContext ctx;
    ui::ReportView view(&ctx);
    QSignalSpy state(&ctx, &ui::AppContext::stateChanged);
    ctx.openRepository(m_repoDir);
    QTRY_VERIFY_WITH_TIMEOUT(state.count() >= 1, 30000);
    QTemporaryDir out;
    for (const QString format : {"pdf", "html", "csv", "json"}) {
        QSignalSpy done(&view, &ui::ReportView::exportFinished);
        const QString file = out.filePath("view." + format);
        view.exportTo(format, file);
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 60000);
        QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
        QVERIFY(done.at(0).at(1).toString().contains(QDir::toNativeSeparators(file)));
    }
    CHECKED(checkCsv(out.filePath("view.csv")));
    CHECKED(checkJson(out.filePath("view.json")));
    CHECKED(checkHtml(out.filePath("view.html")));
    QFile::remove("/tmp/report-view.pdf");  // for a look: pdftoppm -png -r 60 /tmp/report-view.pdf
    QFile::copy(out.filePath("view.pdf"), "/tmp/report-view.pdf");
    // A failed export says which file.
    QSignalSpy failed(&view, &ui::ReportView::exportFinished);
    view.exportTo("pdf", out.filePath("missing-folder/report.pdf"));
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 60000);
    QVERIFY(!failed.at(0).at(0).toBool());
    QVERIFY(failed.at(0).at(1).toString().contains("missing-folder"));
    if (!m_pdftotext) QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text is not checked");
    CHECKED(checkPdf(out.filePath("view.pdf")));
}

void TestReport::cliExports() {
    QTemporaryDir out;
    for (const QString format : {"pdf", "html", "csv", "json"}) {
        const QString file = out.filePath("cli." + format);
        auto run = test::runCli({"report", "--repo", m_repoDir, "--format", format, "--out", file});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(file));
    }
    CHECKED(checkCsv(out.filePath("cli.csv")));
    CHECKED(checkJson(out.filePath("cli.json")));
    CHECKED(checkHtml(out.filePath("cli.html")));
    // The format from the extension; the CLI picks the offscreen platform when none is set; --since.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("QT_QPA_PLATFORM");
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    auto run = test::runCli({"report", "--repo", m_repoDir, "--out", out.filePath("bare.pdf"), "--since",
                             QDate::currentDate().addDays(-400).toString(Qt::ISODate)},
                            env);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY(QFileInfo(out.filePath("bare.pdf")).size() > 1000);
    run = test::runCli({"report", "--repo", m_repoDir, "--out", out.filePath("future.csv"), "--since",
                        QDate::currentDate().addDays(2).toString(Qt::ISODate)});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QFile future(out.filePath("future.csv"));
    QVERIFY(future.open(QIODevice::ReadOnly));
    std::vector<QStringList> rows;
    QVERIFY(parseCsv(future.readAll(), &rows));
    QCOMPARE(rows.size(), size_t(7));  // the header and six column lines, no records
    QFile::remove("/tmp/report-cli.pdf");  // for a look: pdftoppm -png -r 60 /tmp/report-cli.pdf
    QFile::copy(out.filePath("cli.pdf"), "/tmp/report-cli.pdf");
    if (!m_pdftotext) QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text is not checked");
    CHECKED(checkPdf(out.filePath("cli.pdf")));
    CHECKED(checkPdf(out.filePath("bare.pdf")));
}

void TestReport::cliErrors() {
    QTemporaryDir out;
    const QString missing = out.filePath("no-such-repo");
    auto run = test::runCli({"report", "--repo", missing, "--format", "csv", "--out", out.filePath("x.csv")});
    QCOMPARE(run.code, 4);  // not found
    QVERIFY2(run.err.contains(missing), qPrintable(run.err));

    const QString unwritable = out.filePath("no-folder/report.pdf");
    run = test::runCli({"report", "--repo", m_repoDir, "--format", "pdf", "--out", unwritable});
    QCOMPARE(run.code, 1);  // I/O
    QVERIFY2(run.err.contains(unwritable), qPrintable(run.err));
    run = test::runCli({"report", "--repo", m_repoDir, "--format", "csv", "--out", out.path()});  // a folder
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.contains(out.path()), qPrintable(run.err));

    run = test::runCli({"report", "--repo", m_repoDir, "--format", "docx", "--out", out.filePath("x.docx")});
    QCOMPARE(run.code, 2);  // usage
    QVERIFY2(run.err.contains("--format"), qPrintable(run.err));
    run = test::runCli({"report", "--repo", m_repoDir, "--format", "pdf"});
    QCOMPARE(run.code, 2);
    run = test::runCli({"report", "--repo", m_repoDir, "--out", out.filePath("x.pdf"), "--since", "yesterday"});
    QCOMPARE(run.code, 2);
    QVERIFY(!QFile::exists(out.filePath("x.pdf")));
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
