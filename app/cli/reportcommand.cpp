// `prescient report`: the repository's report — backup history, restore runs (time to first query, time to
// 90 % hits), prediction accuracy over time, partition forecasts against outcomes, alerts — as PDF, HTML
// (with charts), CSV or JSON. Gathering is core (report/reportdata.h); the renderings are ui/report, drawn
// under a QGuiApplication on the offscreen platform for PDF and HTML only.
#include <QDate>
#include <QDateTime>
#include <QGuiApplication>
#include <QString>

#include <cctype>
#include <cstdio>
#include <memory>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "report/reportdata.h"
#include "reportwriter.h"
#include "repo/repository.h"

namespace prescient::cli {

namespace {

// The format named by --format, else by the output file's extension; "" when neither names one we know.
std::string reportFormat(const Args& args, const std::string& out) {
    std::string f = args.value("format");
    if (f.empty()) {
        const auto dot = out.rfind('.');
        if (dot != std::string::npos) f = out.substr(dot + 1);
    }
    for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (f == "htm") f = "html";
    for (const char* known : report::kReportFormats)
        if (f == known) return f;
    return {};
}

// --since DATE: "2024-03-04" (local midnight) or "2024-03-04T12:00[:00]" (local, or with Z / an offset).
bool parseSince(const std::string& text, int64_t* us) {
    const QString s = QString::fromStdString(text);
    QDateTime t;
    const QDate date = s.size() == 10 ? QDate::fromString(s, Qt::ISODate) : QDate();  // fromString takes a prefix
    if (date.isValid())
        t = date.startOfDay();
    else
        t = QDateTime::fromString(s, Qt::ISODate);
    if (!t.isValid()) return false;
    *us = t.toMSecsSinceEpoch() * 1000;
    return true;
}

}  // namespace

int cmdReport(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseWithRepo("report", argv, {"format", "out", "since"}, {}, &args, &dir, &code)) return code;
    if (!args.positionals().empty()) return usageError("report", "unexpected argument " + args.positionals()[0]);
    const std::string out = args.value("out");
    if (out.empty()) return usageError("report", "give the output file: --out FILE");
    const std::string format = reportFormat(args, out);
    if (format.empty())
        return usageError("report", args.has("format") ? "--format takes pdf, html, csv or json"
                                                       : "give --format pdf|html|csv|json (the file name has none)");
    report::ReportOptions options;
    if (args.has("since") && !parseSince(args.value("since"), &options.sinceUs))
        return usageError("report", "--since takes a date: 2024-03-04 or 2024-03-04T12:00");

    // Fonts for the charts and the PDF need a QGuiApplication; a CLI never needs a display, so always offscreen
    // (a desktop session's QT_QPA_PLATFORM=wayland would abort under cron or ssh).
    std::unique_ptr<QGuiApplication> app;
    if (format == "pdf" || format == "html") {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Qt's own chatter (e.g. "XDG_RUNTIME_DIR not set" under cron) is no business of a CLI's stderr;
        // its critical and fatal messages still get through.
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
            if (type == QtCriticalMsg || type == QtFatalMsg)
                std::fprintf(stderr, "prescient: Qt: %s\n", qPrintable(message));
        });
        static int qtArgc = 1;
        static char qtName[] = "prescient";
        static char* qtArgv[] = {qtName, nullptr};
        app = std::make_unique<QGuiApplication>(qtArgc, qtArgv);
    }

    auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kRead);
    if (!r.isOk()) return reportError(r.status());
    auto data = report::gatherReport(*r.value(), options);
    if (!data.isOk()) return reportError(data.status());
    Status s = report::writeReport(data.value(), QString::fromStdString(format), QString::fromStdString(out));
    if (!s.isOk()) return reportError(s);
    const auto& d = data.value();
    std::printf("wrote %s report %s: %zu snapshots, %zu restores, %zu accuracy points, %zu partition backups, "
                "%zu alerts\n",
                format.c_str(), out.c_str(), d.backups.size(), d.restores.size(), d.accuracy.size(),
                d.partitionBackups.size(), d.alerts.size());
    return kExitOk;
}

}  // namespace prescient::cli
