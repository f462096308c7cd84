// ui/report: the report's human-readable renderings (HTML, PDF) with their charts, and the one call that
// writes any of the four formats. Qt Gui only (no widgets), so `prescient report` uses it under a
// QGuiApplication on the offscreen platform, and the GUI's Report tab uses it for preview and export.
// Headings and labels are translated (context "Report"); numbers, dates and sizes use the default QLocale.
// CSV and JSON come from core (report/reportdata.h) and are locale-independent.
//
// Thread safety: pure functions of their arguments; any thread, once a QGuiApplication exists (fonts for
// the charts; csv and json need none).
#pragma once

#include <QString>

#include "report/reportdata.h"
#include "util/status.h"

class QTextDocument;

namespace prescient::report {

// The report as HTML. forPdf false: a standalone page (CSS, charts as data: URIs). forPdf true: for
// QTextDocument (the rich-text subset; charts referenced as resources "chart:restores", "chart:accuracy",
// "chart:backups" that fillDocument adds).
QString reportHtml(const ReportData& data, bool forPdf);
// Fills doc with reportHtml(data, true) and the chart images (for a preview or the PDF).
void fillDocument(QTextDocument* doc, const ReportData& data);

// Writes the report in format "pdf" (A4), "html", "csv" or "json" to file, atomically (a temporary file
// renamed over it). InvalidArgument for another format; IoError naming the file when it cannot be
// written ("cannot write FILE: reason"); NoSpace when the disk is full.
Status writeReport(const ReportData& data, const QString& format, const QString& file);

// The formats writeReport knows, in menu order.
inline const char* const kReportFormats[] = {"pdf", "html", "csv", "json"};

}  // namespace prescient::report
