// The report's charts, drawn with QPainter into images (no widgets, no Qt Charts: the CLI renders them
// offscreen): restore times per run, prediction accuracy over time, backup sizes over time. Labels are
// translated (context "Report") and numbers and dates use the default QLocale.
// Thread safety: pure functions; any thread, once a QGuiApplication exists (fonts).
#pragma once

#include <QImage>

#include "report/reportdata.h"

namespace prescient::report {

// Size of a chart in logical pixels; the images are drawn at twice that (device pixel ratio 2).
inline constexpr int kChartWidth = 760;
inline constexpr int kChartHeight = 270;

// Time to first query and time to 90 % hits of the last runs, as grouped bars. Null image without restores.
QImage restoreChart(const ReportData& data);
// Models' held-out coverage per strategy over training time (lines), restores' observed precision (dots);
// with a single training time, bars of coverage and precision per strategy. Null image without points.
QImage accuracyChart(const ReportData& data);
// Database size per source (lines) and new data stored per snapshot (bars) over time. Null without backups.
QImage backupChart(const ReportData& data);

}  // namespace prescient::report
