// Charts of the Partitions view (Qt Charts):
//   PartitionSizeChart  one partition's rows over time, its trend continued over the forecast horizon with a
//                       shaded uncertainty band, the split and merge thresholds, and the CPE's predicted
//                       changes of the partition (marker at the expected time, confidence in the legend);
//   RateChart           a partition backup's adaptive rate limit over its window (the ARM's decisions, their
//                       reasons on hover).
// The band: the partition's growth since its range last changed (at most the last 60 statistics ticks) as a
// random walk: mean rate μ and variance σ² per second give rows(now + h) ≈ rows(now) + μh ± 2σ√h. It shows how
// steady the growth is; the probabilities are the CPE's own.
// Thread safety: GUI thread only.
#pragma once

#include <QChartView>

#include "partitiondata.h"

class QAreaSeries;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace prescient::ui {

class PartitionSizeChart : public QChartView {
    Q_OBJECT
public:
    explicit PartitionSizeChart(QWidget* parent = nullptr);
    // Shows partition id of the picture (cleared when it has no history of it).
    void showPartition(const SetPicture& picture, int64_t id);
    void clear(const QString& message);
    // For tests: points of the history, the forecast and the band's upper line.
    int historyPoints() const;
    int forecastPoints() const;
    int bandPoints() const;

private:
    QChart* m_chart;
    QLineSeries* m_history;
    QLineSeries* m_forecast;
    QLineSeries* m_upper;
    QLineSeries* m_lower;
    QAreaSeries* m_band;
    QLineSeries* m_split;
    QLineSeries* m_merge;
    QScatterSeries* m_predicted;
    QDateTimeAxis* m_x;
    QValueAxis* m_y;
    QString m_trendText, m_predictionText;  // the title's details
};

class RateChart : public QChartView {
    Q_OBJECT
public:
    explicit RateChart(QWidget* parent = nullptr);
    void showBackup(const repo::PartitionBackupRecord& backup, const std::vector<repo::PartitionRateRecord>& rates);
    void clear(const QString& message);
    int decisionPoints() const;

private:
    double secondsOf(int64_t us) const;  // since m_startUs

    QChart* m_chart;
    QLineSeries* m_rate;
    QScatterSeries* m_decisions;
    QValueAxis* m_x;  // seconds since the backup started
    QValueAxis* m_y;
    std::vector<repo::PartitionRateRecord> m_rates;
    int64_t m_startUs = 0;
};

}  // namespace prescient::ui
