#include "reliabilitychart.h"

#include <QChart>
#include <QCoreApplication>
#include <QCursor>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

#include "predictionmodels.h"  // percentText

namespace prescient::ui {

namespace {

QColor strategyColor(const std::string& name) {
    if (name == "sequential") return QColor("#757575");
    if (name == "hotset") return QColor("#ef6c00");
    if (name == "frequency") return QColor("#2e7d32");
    if (name == "markov") return QColor("#1565c0");
    if (name == "ranker") return QColor("#6a1b9a");
    return QColor("#00838f");
}

bool plotted(const predict::ReliabilityBin& b) {
    return b.count > 0 && !std::isnan(b.meanPredicted) && !std::isnan(b.observed);
}

QString binText(const std::string& strategy, const predict::ReliabilityBin& b) {
    const QLocale loc;
    return QCoreApplication::translate("Predictions", "%1, confidence %2 to %3\n%4 page predictions, mean confidence %5\nread early: %6")
        .arg(QString::fromStdString(strategy), percentText(b.lo, 0), percentText(b.hi, 0),
             loc.toString(static_cast<qulonglong>(b.count)), percentText(b.meanPredicted), percentText(b.observed));
}

// Shows the figures of the bin nearest to `point` (in chart values) as a tooltip.
void connectHover(QXYSeries* series, const predict::StrategyScore& score) {
    QObject::connect(series, &QXYSeries::hovered, series,
                     [strategy = score.strategy, bins = score.reliability](const QPointF& point, bool state) {
                         if (!state) return QToolTip::hideText();
                         const predict::ReliabilityBin* best = nullptr;
                         double bestDistance = 0;
                         for (const auto& b : bins) {
                             if (!plotted(b)) continue;
                             const double d = std::hypot(b.meanPredicted - point.x(), b.observed - point.y());
                             if (!best || d < bestDistance) {
                                 best = &b;
                                 bestDistance = d;
                             }
                         }
                         if (best) QToolTip::showText(QCursor::pos(), binText(strategy, *best));
                     });
}

}  // namespace

ReliabilityChart::ReliabilityChart(QWidget* parent) : QChartView(parent) {
    auto* c = new QChart;
    c->setTitle(QCoreApplication::translate("Predictions", "Reliability: predicted confidence against observed reads"));
    QFont f = c->titleFont();
    f.setBold(true);
    c->setTitleFont(f);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(2, 2, 2, 2));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    m_x = new QValueAxis;
    m_x->setTitleText(QCoreApplication::translate("Predictions", "Predicted confidence"));
    m_y = new QValueAxis;
    m_y->setTitleText(QCoreApplication::translate("Predictions", "Observed share read early"));
    for (QValueAxis* a : {m_x, m_y}) {
        a->setRange(0, 1);
        a->setTickCount(6);
        a->setLabelFormat(QStringLiteral("%.1f"));
    }
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    setChart(c);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);

    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setAutoFillBackground(true);
    m_message->setMargin(10);
    m_message->setFrameShape(QFrame::StyledPanel);
    m_message->hide();
    rebuild();
}

void ReliabilityChart::setScores(std::vector<predict::StrategyScore> scores, const QString& emphasized) {
    m_scores = std::move(scores);
    m_emphasized = emphasized;
    m_message->hide();
    rebuild();
}

void ReliabilityChart::setEmphasized(const QString& strategy) {
    if (strategy == m_emphasized) return;
    m_emphasized = strategy;
    rebuild();
}

void ReliabilityChart::showMessage(const QString& text) {
    if (text.isEmpty()) {
        m_message->hide();
        return;
    }
    m_scores.clear();
    rebuild();
    m_message->setText(text);
    m_message->show();
    m_message->raise();
    resizeEvent(nullptr);
}

QString ReliabilityChart::message() const { return m_message->isVisible() ? m_message->text() : QString(); }

void ReliabilityChart::resizeEvent(QResizeEvent* event) {
    if (event) QChartView::resizeEvent(event);
    const int w = std::min(width() - 40, 420);
    const int h = m_message->heightForWidth(w) > 0 ? m_message->heightForWidth(w) : m_message->sizeHint().height();
    m_message->setGeometry((width() - w) / 2, (height() - h) / 2, w, h);
}

void ReliabilityChart::rebuild() {
    QChart* c = chart();
    c->removeAllSeries();
    m_points = 0;

    auto* diagonal = new QLineSeries;
    diagonal->setName(QCoreApplication::translate("Predictions", "Perfect calibration"));
    QPen dashed(palette().color(QPalette::Mid));
    dashed.setStyle(Qt::DashLine);
    dashed.setWidthF(1.5);
    diagonal->setPen(dashed);
    diagonal->append(0, 0);
    diagonal->append(1, 1);
    c->addSeries(diagonal);
    diagonal->attachAxis(m_x);
    diagonal->attachAxis(m_y);

    // The emphasized strategy last, so it is drawn on top.
    std::vector<const predict::StrategyScore*> order;
    for (const auto& s : m_scores)
        if (QString::fromStdString(s.strategy) != m_emphasized) order.push_back(&s);
    for (const auto& s : m_scores)
        if (QString::fromStdString(s.strategy) == m_emphasized) order.push_back(&s);

    for (const predict::StrategyScore* s : order) {
        const bool emphasized = QString::fromStdString(s->strategy) == m_emphasized;
        const QColor color = strategyColor(s->strategy);
        auto* line = new QLineSeries;
        line->setName(QString::fromStdString(s->strategy));
        QPen pen(color);
        pen.setWidthF(emphasized ? 3 : 1.5);
        if (!emphasized && !m_emphasized.isEmpty()) {
            QColor faded = color;
            faded.setAlphaF(0.55);
            pen.setColor(faded);
        }
        line->setPen(pen);
        line->setPointsVisible(!emphasized);
        int n = 0;
        for (const auto& b : s->reliability)
            if (plotted(b)) {
                line->append(b.meanPredicted, b.observed);
                ++n;
            }
        if (n == 0) {
            delete line;
            continue;
        }
        m_points += n;
        c->addSeries(line);
        line->attachAxis(m_x);
        line->attachAxis(m_y);
        connectHover(line, *s);
        if (!emphasized) continue;

        // The bins of the emphasized strategy: the marker grows with the decimal magnitude of the bin's
        // count, one scatter series per size (per-point sizes misplace markers in Qt 6.4).
        std::map<int, QScatterSeries*> bySize;
        for (const auto& b : s->reliability) {
            if (!plotted(b)) continue;
            const int size = std::clamp(7 + 3 * static_cast<int>(std::log10(static_cast<double>(b.count))), 7, 25);
            QScatterSeries*& bins = bySize[size];
            if (!bins) {
                bins = new QScatterSeries;
                bins->setName(QCoreApplication::translate("Predictions", "%1 bins").arg(QString::fromStdString(s->strategy)));
                bins->setColor(color);
                bins->setBorderColor(palette().color(QPalette::Base));
                bins->setMarkerSize(size);
            }
            bins->append(b.meanPredicted, b.observed);
        }
        for (auto& [size, bins] : bySize) {
            c->addSeries(bins);
            bins->attachAxis(m_x);
            bins->attachAxis(m_y);
            connectHover(bins, *s);
            for (QLegendMarker* marker : c->legend()->markers(bins)) marker->setVisible(false);
        }
    }
}

}  // namespace prescient::ui
