#include "reportwriter.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "formatting.h"
#include "reportcharts.h"

namespace prescient::report {

namespace {

const QString kNone = QStringLiteral("—");

QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }
QString esc(const QString& s) { return s.toHtmlEscaped(); }

// The locale's short date and time (minutes are precise enough for a report).
QString when(int64_t us) { return us == 0 ? kNone : ui::dateTimeTextUs(us); }
// The time of day with seconds (forecasts within one backup are seconds apart), for a table cell.
QString timeCell(int64_t us) {
    if (us == 0) return kNone;
    return ui::timeText(QDateTime::fromMSecsSinceEpoch(us / 1000).time(), true)
        .toHtmlEscaped()
        .replace(QLatin1Char(' '), QLatin1String("&nbsp;"));
}
// The same for a table cell: on one line (non-breaking spaces), escaped.
QString whenCell(int64_t us) { return when(us).toHtmlEscaped().replace(QLatin1Char(' '), QLatin1String("&nbsp;")); }

QString secondsText(double s) {
    if (s < 0 || !std::isfinite(s)) return kNone;
    const QLocale l;
    if (s < 1) return QCoreApplication::translate("Report", "%1 ms").arg(l.toString(s * 1000, 'f', 0));
    if (s < 100) return QCoreApplication::translate("Report", "%1 s").arg(l.toString(s, 'f', s < 10 ? 2 : 1));
    const int total = int(std::lround(s));
    if (total < 3600)
        return QCoreApplication::translate("Report", "%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("Report", "%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString percentText(double share) {
    if (share < 0 || !std::isfinite(share)) return kNone;
    return QCoreApplication::translate("Report", "%1 %").arg(QLocale().toString(share * 100, 'f', 1));
}

QString fileName(const std::string& path) {
    const QString name = QFileInfo(QString::fromStdString(path)).fileName();
    return name.isEmpty() ? QString::fromStdString(path) : name;
}

QString statusText(const std::string& s) {
    if (s == "complete") return QCoreApplication::translate("Report", "complete");
    if (s == "failed") return QCoreApplication::translate("Report", "failed");
    if (s == "cancelled") return QCoreApplication::translate("Report", "cancelled");
    if (s == "running") return QCoreApplication::translate("Report", "running");
    return QString::fromStdString(s);
}

QString changeText(const std::string& kind) {
    if (kind == "split") return QCoreApplication::translate("Report", "split");
    if (kind == "merge") return QCoreApplication::translate("Report", "merge");
    if (kind == "create") return QCoreApplication::translate("Report", "create");
    return QString::fromStdString(kind);
}

QString ruleText(const std::string& rule) {
    if (rule == "hit-rate") return QCoreApplication::translate("Report", "Hit rate");
    if (rule == "precision") return QCoreApplication::translate("Report", "Precision");
    if (rule == "stalled") return QCoreApplication::translate("Report", "Stalled");
    if (rule == "verification") return QCoreApplication::translate("Report", "Verification");
    return QString::fromStdString(rule);
}

QString yesNo(bool b) {
    return b ? QCoreApplication::translate("Report", "yes") : QCoreApplication::translate("Report", "no");
}

// An alert's value or threshold in its rule's unit.
QString alertValue(const std::string& rule, double v) {
    if (rule == "hit-rate" || rule == "precision") return percentText(v);
    if (rule == "stalled") return secondsText(v);
    return QLocale().toString(v);
}

// A table with a header row and striped body rows; cells are HTML already. Columns whose index is in
// `numeric` are right-aligned; widths are percentages of the page (QTextDocument's own column widths give
// the space to long text and break dates and ids).
class Table {
public:
    Table(const QStringList& headers, std::vector<int> numeric, std::vector<int> widths)
        : m_numeric(std::move(numeric)) {
        m_html = QStringLiteral(
            "<table class=\"grid\" width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n<thead><tr>");
        for (int i = 0; i < headers.size(); ++i)
            m_html += QStringLiteral("<th bgcolor=\"#e9edf2\" align=\"%1\"%2>%3</th>")
                          .arg(isNumeric(i) ? QStringLiteral("right") : QStringLiteral("left"),
                               size_t(i) < widths.size() && widths[size_t(i)] > 0
                                   ? QStringLiteral(" width=\"%1%\"").arg(widths[size_t(i)])
                                   : QString(),
                               esc(headers[i]));
        m_html += QStringLiteral("</tr></thead>\n<tbody>\n");
    }
    void row(const QStringList& cells) {
        const QString bg = (m_rows++ % 2) ? QStringLiteral(" bgcolor=\"#f6f8fa\"") : QString();
        m_html += QStringLiteral("<tr>");
        for (int i = 0; i < cells.size(); ++i)
            m_html += QStringLiteral("<td%1%2>%3</td>")
                          .arg(bg, isNumeric(i) ? QStringLiteral(" align=\"right\"") : QString(), cells[i]);
        m_html += QStringLiteral("</tr>\n");
    }
    QString html() const { return m_html + QStringLiteral("</tbody></table>\n"); }

private:
    bool isNumeric(int i) const { return std::find(m_numeric.begin(), m_numeric.end(), i) != m_numeric.end(); }
    QString m_html;
    std::vector<int> m_numeric;
    int m_rows = 0;
};

QString imageTag(const QImage& image, const QString& name, bool forPdf) {
    if (image.isNull()) return {};
    // QTextDocument::print lays out A4 with 2 cm margins at 96 px per inch: 170 mm is about 640 px.
    const int width = forPdf ? 640 : kChartWidth;
    if (forPdf)
        return QStringLiteral("<p align=\"center\"><img src=\"chart:%1\" width=\"%2\"></p>\n").arg(name).arg(width);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("<p class=\"chart\"><img alt=\"%1\" src=\"data:image/png;base64,%2\" width=\"%3\"></p>\n")
        .arg(name, QString::fromLatin1(png.toBase64()))
        .arg(width);
}

QString note(const QString& text) { return QStringLiteral("<p class=\"note\">%1</p>\n").arg(text); }

double median(std::vector<double> v) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

QString summary(const ReportData& d) {
    Table t({QCoreApplication::translate("Report", "Area"), QCoreApplication::translate("Report", "In this report")},
            {}, {22, 78});
    // Backups
    {
        uint64_t stored = 0, logical = 0;
        int full = 0;
        for (const auto& b : d.backups) {
            stored += b.snapshot.bytesNew;
            logical += b.snapshot.bytesTotal;
            full += b.full ? 1 : 0;
        }
        const int n = int(d.backups.size());
        QString text;
        if (n == 0)
            text = QCoreApplication::translate("Report", "No snapshots");
        else if (n == 1)
            text = QCoreApplication::translate("Report", "1 snapshot (%1), %2 stored")
                       .arg(full ? QCoreApplication::translate("Report", "full")
                                 : QCoreApplication::translate("Report", "incremental"),
                            ui::sizeText(stored));
        else
            text = QCoreApplication::translate("Report", "%1 snapshots (%2 full, %3 incremental), %4 stored for %5 of data")
                       .arg(n)
                       .arg(full)
                       .arg(n - full)
                       .arg(ui::sizeText(stored), ui::sizeText(logical));
        t.row({esc(QCoreApplication::translate("Report", "Backup history")), esc(text)});
    }
    // Restores
    {
        std::vector<double> ttfq, t90;
        int complete = 0, failed = 0;
        for (const auto& r : d.restores) {
            if (r.record.ttfqSeconds >= 0) ttfq.push_back(r.record.ttfqSeconds);
            if (r.record.t90Seconds >= 0) t90.push_back(r.record.t90Seconds);
            complete += r.record.status == "complete";
            failed += r.record.status == "failed";
        }
        const int n = int(d.restores.size());
        QString text;
        if (n == 0) {
            text = QCoreApplication::translate("Report", "No restores");
        } else {
            text = n == 1 ? QCoreApplication::translate("Report", "1 restore (%1 complete, %2 failed)")
                                .arg(complete)
                                .arg(failed)
                          : QCoreApplication::translate("Report", "%1 restores (%2 complete, %3 failed)")
                                .arg(n)
                                .arg(complete)
                                .arg(failed);
            text += QStringLiteral("; ") +
                    QCoreApplication::translate("Report", "median time to first query %1, median time to 90 % hits %2")
                        .arg(secondsText(median(ttfq)), secondsText(median(t90)));
        }
        t.row({esc(QCoreApplication::translate("Report", "Restore runs")), esc(text)});
    }
    // Prediction
    {
        int models = 0;
        std::map<std::string, const AccuracyPoint*> latest;  // strategy -> its newest model (accuracy is by time)
        for (const auto& p : d.accuracy)
            if (p.kind == "model") {
                ++models;
                if (p.coverage >= 0) latest[p.strategy] = &p;
            }
        const AccuracyPoint* best = nullptr;
        for (const auto& [strategy, p] : latest)
            if (!best || p->coverage > best->coverage) best = p;
        QString text;
        if (models == 0)
            text = QCoreApplication::translate("Report", "No trained models");
        else if (models == 1)
            text = QCoreApplication::translate("Report", "1 trained model");
        else
            text = QCoreApplication::translate("Report", "%1 trained models").arg(models);
        if (best)
            text += QStringLiteral("; ") + QCoreApplication::translate("Report", "best held-out coverage of the current models: %1 (%2)")
                                               .arg(percentText(best->coverage), QString::fromStdString(best->strategy));
        t.row({esc(QCoreApplication::translate("Report", "Prediction accuracy")), esc(text)});
    }
    // Partitions
    {
        int64_t made = 0, came = 0;
        for (const auto& b : d.partitionBackups) {
            made += b.predictions;
            came += b.materialized;
        }
        const int n = int(d.partitionBackups.size());
        QString text;
        if (n == 0)
            text = QCoreApplication::translate("Report", "No partition backups");
        else
            text = (n == 1 ? QCoreApplication::translate("Report", "1 partition backup")
                           : QCoreApplication::translate("Report", "%1 partition backups").arg(n)) +
                   QStringLiteral("; ") +
                   QCoreApplication::translate("Report", "%1 of %2 forecasts came true").arg(came).arg(made);
        t.row({esc(QCoreApplication::translate("Report", "Partition forecasts")), esc(text)});
    }
    // Alerts
    {
        int open = 0, critical = 0;
        for (const auto& a : d.alerts) {
            open += !a.acknowledged;
            critical += a.severity == "critical";
        }
        const int n = int(d.alerts.size());
        QString text = n == 0   ? QCoreApplication::translate("Report", "No alerts")
                       : n == 1 ? QCoreApplication::translate("Report", "1 alert (%1 critical, %2 not acknowledged)")
                                      .arg(critical)
                                      .arg(open)
                                : QCoreApplication::translate("Report", "%1 alerts (%2 critical, %3 not acknowledged)")
                                      .arg(n)
                                      .arg(critical)
                                      .arg(open);
        t.row({esc(QCoreApplication::translate("Report", "Alerts")), esc(text)});
    }
    return t.html();
}

QString backupSection(const ReportData& d, bool forPdf) {
    QString h = QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("Report", "Backup history")));
    if (d.backups.empty()) return h + note(esc(QCoreApplication::translate("Report", "No snapshots in this period.")));
    h += note(esc(QCoreApplication::translate(
        "Report", "Database size at each snapshot and the new data each one added to the repository (compressed).")));
    h += imageTag(backupChart(d), QStringLiteral("backups"), forPdf);
    Table t({QCoreApplication::translate("Report", "Time"), QCoreApplication::translate("Report", "Snapshot"),
             QCoreApplication::translate("Report", "Source"), QCoreApplication::translate("Report", "Type"),
             QCoreApplication::translate("Report", "Size"), QCoreApplication::translate("Report", "New pages"),
             QCoreApplication::translate("Report", "Stored"), QCoreApplication::translate("Report", "Duration"),
             QCoreApplication::translate("Report", "Tag")},
            {4, 5, 6, 7}, {19, 20, 0, 12, 0, 0, 0, 9});
    const QLocale l;
    for (const auto& b : d.backups) {
        const auto& s = b.snapshot;
        t.row({whenCell(s.timeUs), QStringLiteral("<tt>%1</tt>").arg(esc(s.id)), esc(fileName(s.sourcePath)),
               esc(b.full ? QCoreApplication::translate("Report", "full")
                          : QCoreApplication::translate("Report", "incremental")),
               esc(ui::sizeText(s.bytesTotal)), esc(l.toString(qulonglong(s.pagesNew))), esc(ui::sizeText(s.bytesNew)),
               esc(secondsText(s.seconds)), esc(s.tag)});
    }
    return h + t.html();
}

QString restoreSection(const ReportData& d, bool forPdf) {
    // Sections with a chart start a page in print, so a heading never stays behind at a page's foot.
    QString h = QStringLiteral("<h2%1>%2</h2>\n")
                    .arg(d.restores.empty() ? QString() : QStringLiteral(" style=\"page-break-before: always\""),
                         esc(QCoreApplication::translate("Report", "Restore runs")));
    if (d.restores.empty()) return h + note(esc(QCoreApplication::translate("Report", "No restores in this period.")));
    h += note(esc(QCoreApplication::translate(
        "Report",
        "Recovery time: the time to first query is how long after the start the restored database answered its "
        "first query; the warm-up ends at the time to 90 % hits, when nine reads in ten were served without "
        "waiting for the repository.")));
    h += imageTag(restoreChart(d), QStringLiteral("restores"), forPdf);
    Table t({QCoreApplication::translate("Report", "Run"), QCoreApplication::translate("Report", "Started"),
             QCoreApplication::translate("Report", "Snapshot"), QCoreApplication::translate("Report", "Strategy"),
             QCoreApplication::translate("Report", "Status"), QCoreApplication::translate("Report", "Time to first query"),
             QCoreApplication::translate("Report", "Time to 90 % hits"), QCoreApplication::translate("Report", "Hit rate"),
             QCoreApplication::translate("Report", "Precision"), QCoreApplication::translate("Report", "Duration")},
            {0, 5, 6, 7, 8, 9}, {0, 19, 10});
    for (const auto& row : d.restores) {
        const auto& r = row.record;
        QString status = esc(statusText(r.status));
        if (!r.message.empty()) status += QStringLiteral("<br><small>%1</small>").arg(esc(r.message));
        t.row({QString::number(r.id), whenCell(r.startedUs), QStringLiteral("<tt>%1</tt>").arg(esc(r.snapshotId.substr(0, 8))),
               esc(r.strategy), status, esc(secondsText(r.ttfqSeconds)), esc(secondsText(r.t90Seconds)),
               esc(percentText(row.hitRate)), esc(percentText(r.precision)), esc(secondsText(row.elapsedSeconds))});
    }
    return h + t.html();
}

QString accuracySection(const ReportData& d, bool forPdf) {
    QString h = QStringLiteral("<h2%1>%2</h2>\n")
                    .arg(d.accuracy.empty() ? QString() : QStringLiteral(" style=\"page-break-before: always\""),
                         esc(QCoreApplication::translate("Report", "Prediction accuracy")));
    if (d.accuracy.empty())
        return h + note(esc(QCoreApplication::translate("Report", "No trained models or measured restores in this period.")));
    h += note(esc(QCoreApplication::translate(
        "Report",
        "Coverage: share of a fresh start's first reads that the model predicted. Precision: share of the predicted "
        "pages that were read. Brier score: error of the stated confidences (0 is perfect). Models are measured on "
        "held-out sessions when trained; restores measure precision on the real workload.")));
    h += imageTag(accuracyChart(d), QStringLiteral("accuracy"), forPdf);
    Table t({QCoreApplication::translate("Report", "Time"), QCoreApplication::translate("Report", "Measured by"),
             QCoreApplication::translate("Report", "Source"), QCoreApplication::translate("Report", "Strategy"),
             QCoreApplication::translate("Report", "Coverage"), QCoreApplication::translate("Report", "Precision"),
             QCoreApplication::translate("Report", "Brier score")},
            {4, 5, 6}, {19});
    const QLocale l;
    for (const auto& p : d.accuracy) {
        const QString by = p.kind == "model"
                               ? QCoreApplication::translate("Report", "Training (model %1)").arg(p.recordId)
                               : QCoreApplication::translate("Report", "Restore run %1").arg(p.recordId);
        t.row({whenCell(p.timeUs), esc(by), esc(fileName(p.sourcePath)), esc(p.strategy), esc(percentText(p.coverage)),
               esc(percentText(p.precision)), p.brier >= 0 ? esc(l.toString(p.brier, 'f', 3)) : kNone});
    }
    return h + t.html();
}

QString partitionSection(const ReportData& d) {
    QString h = QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("Report", "Partition forecasts")));
    if (d.partitionBackups.empty())
        return h + note(esc(QCoreApplication::translate("Report", "No partition-set backups in this period.")));
    h += note(esc(QCoreApplication::translate(
        "Report",
        "Splits, merges and creations forecast during each partition-set backup, and whether they happened within "
        "the backup; a shadow copy is kept when its forecast came true.")));
    const QLocale l;
    Table b({QCoreApplication::translate("Report", "Backup"), QCoreApplication::translate("Report", "Partition set"),
             QCoreApplication::translate("Report", "Strategy"), QCoreApplication::translate("Report", "Started"),
             QCoreApplication::translate("Report", "Duration"), QCoreApplication::translate("Report", "Forecasts"),
             QCoreApplication::translate("Report", "Map changes"), QCoreApplication::translate("Report", "Shadows kept")},
            {0, 4, 7}, {0, 0, 0, 19});
    auto count = [&](int64_t v) { return v < 0 ? kNone : l.toString(qlonglong(v)); };
    for (const auto& row : d.partitionBackups) {
        const auto& r = row.record;
        // A backup that did not complete shows its status where the duration would be.
        const QString duration = r.status != "complete" ? statusText(r.status)
                                 : r.finishedUs        ? secondsText(double(r.finishedUs - r.startedUs) / 1e6)
                                                       : kNone;
        const QString forecasts = QCoreApplication::translate("Report", "%1 of %2 came true")
                                      .arg(count(row.materialized), count(row.predictions));
        QString changes = count(row.changes);
        if (row.changes >= 0 && row.unpredictedChanges >= 0)
            changes = QCoreApplication::translate("Report", "%1 (%2 unpredicted)")
                          .arg(count(row.changes), count(row.unpredictedChanges));
        b.row({QString::number(r.id), esc(fileName(r.setDir)), esc(r.strategy), whenCell(r.startedUs), esc(duration),
               esc(forecasts), esc(changes), count(row.shadowsKept)});
    }
    h += b.html();
    if (d.forecasts.empty()) return h + note(esc(QCoreApplication::translate("Report", "No forecasts were made.")));
    h += QStringLiteral("<p></p>\n");
    Table f({QCoreApplication::translate("Report", "Backup"), QCoreApplication::translate("Report", "Forecast at"),
             QCoreApplication::translate("Report", "Partition"), QCoreApplication::translate("Report", "Change"),
             QCoreApplication::translate("Report", "Probability"), QCoreApplication::translate("Report", "Expected"),
             QCoreApplication::translate("Report", "Came true"), QCoreApplication::translate("Report", "Off by"),
             QCoreApplication::translate("Report", "Shadow")},
            {0, 2, 4, 7}, {0, 10, 0, 0, 0, 10, 10});
    for (const auto& row : d.forecasts) {
        const auto& p = row.prediction;
        QString part = QString::number(p.partition);
        if (p.kind == "merge") part = QCoreApplication::translate("Report", "%1 + %2").arg(p.partition).arg(p.other);
        QString change = changeText(p.kind);
        if (p.kind == "split")
            change = QCoreApplication::translate("Report", "split at %1").arg(l.toString(qlonglong(p.splitKey)));
        QString off = kNone;
        if (row.actualUs && p.expectedUs) {
            const double s = double(row.actualUs - p.expectedUs) / 1e6;
            off = (s < 0 ? QCoreApplication::translate("Report", "%1 early") : QCoreApplication::translate("Report", "%1 late"))
                      .arg(secondsText(std::abs(s)));
        }
        QString shadow = kNone;
        if (row.shadow == "kept") shadow = QCoreApplication::translate("Report", "kept");
        if (row.shadow == "discarded") shadow = QCoreApplication::translate("Report", "discarded");
        // Came true: when (the set's event log still there), else yes or no.
        const QString cameTrue = p.materialized && row.actualUs ? timeCell(row.actualUs) : esc(yesNo(p.materialized));
        f.row({QString::number(p.backupId), timeCell(p.madeUs), esc(part), esc(change), esc(percentText(p.probability)),
               timeCell(p.expectedUs), cameTrue, esc(off), esc(shadow)});
    }
    return h + f.html();
}

QString alertSection(const ReportData& d) {
    QString h = QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("Report", "Alerts")));
    if (d.alerts.empty()) return h + note(esc(QCoreApplication::translate("Report", "No alerts in this period.")));
    Table t({QCoreApplication::translate("Report", "Time"), QCoreApplication::translate("Report", "Severity"),
             QCoreApplication::translate("Report", "Rule"), QCoreApplication::translate("Report", "Value"),
             QCoreApplication::translate("Report", "Threshold"), QCoreApplication::translate("Report", "Restore run"),
             QCoreApplication::translate("Report", "Message"), QCoreApplication::translate("Report", "Acknowledged")},
            {3, 4, 5}, {19});
    for (const auto& a : d.alerts) {
        const bool critical = a.severity == "critical";
        QString severity = critical ? QCoreApplication::translate("Report", "critical")
                                    : QCoreApplication::translate("Report", "warning");
        severity = QStringLiteral("<font color=\"%1\">%2</font>")
                       .arg(critical ? QStringLiteral("#b00020") : QStringLiteral("#a15c00"), esc(severity));
        t.row({whenCell(a.timeUs), severity, esc(ruleText(a.rule)), esc(alertValue(a.rule, a.value)),
               esc(alertValue(a.rule, a.threshold)), a.restoreId ? QString::number(a.restoreId) : kNone, esc(a.message),
               esc(yesNo(a.acknowledged))});
    }
    return h + t.html();
}

const char* kScreenCss = R"(
body { font-family: "Noto Sans", "DejaVu Sans", Helvetica, Arial, sans-serif; color: #202124; font-size: 14px;
       max-width: 1060px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 18px; margin-top: 30px; padding-bottom: 3px; border-bottom: 1px solid #c8ccd2; }
p.meta { color: #5f6368; margin-top: 0; }
p.note { color: #5f6368; }
p.chart img { max-width: 100%; height: auto; border: 1px solid #e4e7eb; }
table.grid { border-collapse: collapse; width: 100%; font-size: 12.5px; }
table.grid th, table.grid td { border: 1px solid #d3d7dc; padding: 3px 6px; vertical-align: top; }
table.grid th { background: #e9edf2; font-weight: 600; }
tt { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
)";

const char* kPrintCss = R"(
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 18px; margin-bottom: 4px; color: #1f3b5a; }
p.meta { color: #5f6368; font-size: 9pt; }
p.note { color: #5f6368; font-size: 8pt; }
table.grid { border-collapse: collapse; border-color: #c8ccd2; }
th { font-weight: bold; }
)";

}  // namespace

QString reportHtml(const ReportData& d, bool forPdf) {
    const QString title = QCoreApplication::translate("Report", "Prescient report");
    QString h = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n<style>%2</style>"
                               "</head><body>\n")
                    .arg(esc(title), QString::fromLatin1(forPdf ? kPrintCss : kScreenCss));
    h += QStringLiteral("<h1>%1</h1>\n").arg(esc(title));
    const QString period =
        d.sinceUs ? QCoreApplication::translate("Report", "Records since %1").arg(when(d.sinceUs))
                  : QCoreApplication::translate("Report", "All records");
    h += QStringLiteral("<p class=\"meta\">%1<br>%2<br>%3</p>\n")
             .arg(esc(QCoreApplication::translate("Report", "Repository: %1").arg(QString::fromStdString(d.repoDir))),
                  esc(QCoreApplication::translate("Report", "Generated: %1").arg(when(d.generatedUs))), esc(period));
    h += QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("Report", "Summary")));
    h += summary(d);
    h += backupSection(d, forPdf);
    h += restoreSection(d, forPdf);
    h += accuracySection(d, forPdf);
    h += partitionSection(d);
    h += alertSection(d);
    h += QStringLiteral("</body></html>\n");
    return h;
}

void fillDocument(QTextDocument* doc, const ReportData& d) {
    doc->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:backups")), backupChart(d));
    doc->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:restores")), restoreChart(d));
    doc->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:accuracy")), accuracyChart(d));
    doc->setHtml(reportHtml(d, true));
}

namespace {

Status saveError(const QSaveFile& f, const QString& file) {
    const std::string detail = "cannot write " + file.toStdString() + ": " + f.errorString().toStdString();
    // Qt reports ENOSPC as ResourceError; the message itself is translated strerror text.
    if (f.error() == QFileDevice::ResourceError) return Status::noSpace(detail);
    return Status::ioError(detail);
}

Status writeBytes(const QByteArray& bytes, const QString& file) {
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly)) return saveError(f, file);
    if (f.write(bytes) != bytes.size() || !f.commit()) return saveError(f, file);
    return Status::ok();
}

}  // namespace

Status writeReport(const ReportData& d, const QString& format, const QString& file) {
    if (format == QLatin1String("csv")) return writeBytes(QByteArray::fromStdString(toCsv(d)), file);
    if (format == QLatin1String("json")) return writeBytes(QByteArray::fromStdString(toJson(d)), file);
    if (format == QLatin1String("html")) return writeBytes(reportHtml(d, false).toUtf8(), file);
    if (format != QLatin1String("pdf"))
        return Status::invalidArgument("unknown report format '" + format.toStdString() + "' (pdf, html, csv or json)");
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly)) return saveError(f, file);
    {
        QPdfWriter pdf(&f);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));  // QTextDocument::print adds 2 cm and the page numbers
        pdf.setTitle(QCoreApplication::translate("Report", "Prescient report"));
        pdf.setCreator(QStringLiteral("Prescient"));
        QTextDocument doc;
        QFont font = doc.defaultFont();
        font.setPointSizeF(7.5);  // the tables' size (QTextDocument applies no font-size to cells); text sets its own
        doc.setDefaultFont(font);
        fillDocument(&doc, d);
        doc.print(&pdf);
    }
    if (!f.commit()) return saveError(f, file);
    return Status::ok();
}

}  // namespace prescient::report
