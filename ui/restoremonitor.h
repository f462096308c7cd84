// RestoreMonitor: the live view of the instant restores of a RestoreManager. Left, every restore (target,
// strategy, state, progress); right, the selected one: time to first query and to a 90% hit rate, pages
// restored and the predicted set's progress, and two charts fed from the session's MetricsSeries by a
// 200 ms timer: the share of reads served by each tier, and the restore's throughput and progress.
//
// The timer copies only the points it has not seen (MetricsSeries::points(from), which takes the series'
// own mutex and never waits on the restorer) and starts over when the series was thinned (its generation
// changed). A finished restore keeps its charts (the manager keeps its final series) and shows its outcome.
//
// Thread safety: GUI thread only.
#pragma once

#include <QList>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <map>
#include <optional>

#include "monitor/metrics.h"

class QAbstractButton;
class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QValueAxis;

namespace prescient::ui {

class RestoreManager;

class RestoreMonitor : public QWidget {
    Q_OBJECT
public:
    explicit RestoreMonitor(RestoreManager* manager, QWidget* parent = nullptr);

    void select(int id);  // shows restore id on the right (the newest restore is selected when added)
    int selectedId() const { return m_selected; }  // 0 when none

    // For tests.
    int pointCount(int id) const;  // metrics points appended to the charts for restore id
    // The figure now shown for the selected restore: "ttfq" (time to first query) or "t90" (time to a
    // 90% hit rate); "—" until known.
    QString figureText(const QString& which) const;
    QAbstractButton* cancelButton() const;
    QTableWidget* table() const { return m_table; }
    QString outcomeText() const;

private:
    struct Track {                // what the charts hold for one restore
        size_t from = 0;          // next point index to fetch from the series
        uint64_t generation = 0;  // of the series when `from` was counted
        bool finalRead = false;   // the manager's final copy of the series was consumed
        int points = 0;
        double lastT = 0, maxMBps = 0;
        std::optional<monitor::MetricsPoint> last;  // the newest point (for the legends' current values)
        QList<QPointF> tier[3], mbps, restored, predicted;
    };

    void onAdded(int id);
    void onFinished(int id);
    void tick();
    // Appends the restore's new points to its track; true when the track changed. *reloaded: it was
    // rebuilt from the start (the series was thinned).
    bool pull(int id, Track& t, bool* reloaded);
    void loadCharts(const Track& t);
    void appendCharts(const Track& t, const qsizetype before[6]);  // the lists' sizes before the pull
    void updateAxes(const Track& t);                               // and the legends' current values
    void updateRows();
    void updateDetails();

    RestoreManager* m_manager;
    std::map<int, Track> m_tracks;
    int m_selected = 0;
    QTimer m_timer;

    QTableWidget* m_table = nullptr;
    QPushButton* m_cancel = nullptr;
    QWidget* m_details = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_ttfq = nullptr;
    QLabel* m_t90 = nullptr;
    QLabel* m_t90Note = nullptr;
    QLabel* m_hitRate = nullptr;
    QLabel* m_elapsed = nullptr;
    QProgressBar* m_pages = nullptr;
    QProgressBar* m_predicted = nullptr;
    QLabel* m_outcome = nullptr;
    QChartView* m_chartViews[2] = {};
    QChart* m_tierChart = nullptr;
    QChart* m_restoreChart = nullptr;
    QLineSeries* m_tierSeries[3] = {};
    QLineSeries* m_mbps = nullptr;
    QLineSeries* m_restoredSeries = nullptr;
    QLineSeries* m_predictedSeries = nullptr;
    QValueAxis* m_tierX = nullptr;
    QValueAxis* m_restoreX = nullptr;
    QValueAxis* m_mbpsAxis = nullptr;
};

}  // namespace prescient::ui
