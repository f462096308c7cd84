// ReliabilityChart: the calibration of the prediction strategies as a reliability diagram (Qt Charts):
// predicted confidence (x) against the observed frequency of an early read (y), one curve per strategy,
// the diagonal as perfect calibration. The emphasized strategy (the one whose ranking is shown) is drawn
// thick, with a marker per bin whose area grows with the number of (page, session) pairs in the bin; a
// hover shows the bin's figures. Bins come from the held-out evaluation (predict::StrategyScore).
// Instead of curves it can show a message (computing, unavailable).
// Thread safety: GUI thread only.
#pragma once

#include <QChartView>
#include <QString>

#include <vector>

#include "predict/evaluate.h"

class QLabel;
class QValueAxis;

namespace prescient::ui {

class ReliabilityChart : public QChartView {
    Q_OBJECT
public:
    explicit ReliabilityChart(QWidget* parent = nullptr);

    // Replaces the curves (and hides the message). Strategies without a non-empty bin are left out.
    void setScores(std::vector<predict::StrategyScore> scores, const QString& emphasized);
    // Redraws with another strategy emphasized ("" = none).
    void setEmphasized(const QString& strategy);
    // Clears the curves and shows text over the empty plot ("" hides the message).
    void showMessage(const QString& text);
    QString message() const;

    // Plotted bins over every strategy (the diagonal not counted), for tests.
    int pointCount() const { return m_points; }
    const std::vector<predict::StrategyScore>& scores() const { return m_scores; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();

    std::vector<predict::StrategyScore> m_scores;
    QString m_emphasized;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QLabel* m_message;
    int m_points = 0;
};

}  // namespace prescient::ui
