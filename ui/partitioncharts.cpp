#include "partitioncharts.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "partitionmodels.h"

namespace prescient::ui {

namespace {

using partition::EventKind;

constexpr int kForecastSteps = 24;
constexpr int kTrendTicks = 60;  // statistics ticks of growth the trend and band are fitted on
constexpr size_t kMinTrendPoints = 5;
constexpr double kMinTrendSeconds = 0.5;

qreal msOf(int64_t us) { return static_cast<qreal>(us / 1000); }

QChart* makeChart() {
    auto* c = new QChart;
    QFont f = c->titleFont();
    f.setBold(true);
    c->setTitleFont(f);
    c->legend()->setAlignment(Qt::AlignBottom);
    QFont legendFont = c->legend()->font();  // six entries share one line: smaller, so German ones fit
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    c->legend()->setFont(legendFont);
    c->legend()->setShowToolTips(true);  // a label that is still cut shows whole on hover
    c->setMargins(QMargins(2, 2, 2, 2));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    return c;
}

QLineSeries* makeLine(const QColor& color, qreal width, Qt::PenStyle style) {
    auto* s = new QLineSeries;
    QPen pen(color);
    pen.setWidthF(width);
    pen.setStyle(style);
    s->setPen(pen);
    return s;
}

QDateTimeAxis* makeTimeAxis() {
    auto* a = new QDateTimeAxis;
    a->setFormat(QStringLiteral("HH:mm:ss"));
    a->setTickCount(6);
    return a;
}

QValueAxis* makeValueAxis(const QString& title) {
    auto* a = new QValueAxis;
    a->setTitleText(title);
    a->setLabelFormat(QStringLiteral("%.0f"));
    a->setTickCount(6);
    return a;
}

// Upper bound rounded to 1, 2 or 5 × 10^n.
double niceCeil(double v) {
    if (v <= 0) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= v) return m * p;
    return 10 * p;
}

}  // namespace

// ---- PartitionSizeChart

PartitionSizeChart::PartitionSizeChart(QWidget* parent) : QChartView(parent) {
    m_chart = makeChart();
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    m_history = makeLine(QColor(0x15, 0x65, 0xc0), 2, Qt::SolidLine);
    m_history->setName(tr("Rows"));
    m_forecast = makeLine(QColor(0x15, 0x65, 0xc0), 2, Qt::DashLine);
    m_forecast->setName(tr("Trend"));
    m_upper = new QLineSeries(this);
    m_lower = new QLineSeries(this);
    m_band = new QAreaSeries(m_upper, m_lower);
    m_band->setName(tr("±2σ"));
    m_band->setColor(QColor(0x15, 0x65, 0xc0, 50));
    m_band->setBorderColor(QColor(0x15, 0x65, 0xc0, 90));
    m_split = makeLine(QColor(0xc6, 0x28, 0x28), 1.5, Qt::DashLine);
    m_merge = makeLine(QColor(0x75, 0x75, 0x75), 1.5, Qt::DotLine);
    m_predicted = new QScatterSeries;
    m_predicted->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_predicted->setMarkerSize(11);
    m_predicted->setColor(QColor(0xef, 0x6c, 0x00));
    m_predicted->setBorderColor(QColor(0x8d, 0x3e, 0x00));
    m_x = makeTimeAxis();
    m_y = makeValueAxis(tr("rows"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s :
         std::initializer_list<QAbstractSeries*>{m_band, m_history, m_forecast, m_split, m_merge, m_predicted}) {
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    connect(m_predicted, &QScatterSeries::hovered, this, [this](const QPointF&, bool state) {
        if (state) QToolTip::showText(QCursor::pos(), m_predictionText, this);
    });
    clear(tr("Select a partition"));
}

void PartitionSizeChart::clear(const QString& message) {
    m_trendText.clear();
    m_predictionText.clear();
    for (QLineSeries* s : {m_history, m_forecast, m_upper, m_lower, m_split, m_merge}) s->clear();
    m_predicted->clear();
    m_chart->setTitle(message);
    for (QLegendMarker* m : m_chart->legend()->markers()) m->setVisible(false);
    m_x->setRange(QDateTime::currentDateTime().addSecs(-60), QDateTime::currentDateTime());
    m_y->setRange(0, 1);
}

int PartitionSizeChart::historyPoints() const { return m_history->count(); }
int PartitionSizeChart::forecastPoints() const { return m_forecast->count(); }
int PartitionSizeChart::bandPoints() const { return m_upper->count(); }

void PartitionSizeChart::showPartition(const SetPicture& picture, int64_t id) {
    auto found = picture.rowHistory.find(id);
    if (found == picture.rowHistory.end() || found->second.empty())
        return clear(tr("No history of partition %1").arg(QLocale().toString(qlonglong(id))));
    const auto& points = found->second;
    clear(tr("Rows of partition %1 over time").arg(QLocale().toString(qlonglong(id))));

    QList<QPointF> history;
    double top = 0;
    for (const auto& [t, rows] : points) {
        history.append(QPointF(msOf(t), rows));
        top = std::max(top, rows);
    }
    m_history->replace(history);

    // The trend since the partition's range last changed (a split halves it, a merge adds a neighbour).
    int64_t lastChange = 0;
    for (const auto& e : picture.events)
        if (e.partition == id || e.other == id ||
            (e.kind == EventKind::kCreate && e.timeUs > lastChange && !picture.partitions.empty() &&
             picture.partitions.back().id == id))
            lastChange = std::max(lastChange, e.timeUs);
    const int64_t tickUs = points.size() > 1 ? std::max<int64_t>(1, (points.back().first - points.front().first) /
                                                                        static_cast<int64_t>(points.size() - 1))
                                             : 1000000;
    const int64_t from = std::max(lastChange, picture.asOfUs - kTrendTicks * std::min<int64_t>(tickUs, 100000));
    std::vector<std::pair<int64_t, double>> recent;
    for (const auto& p : points)
        if (p.first >= from && p.first < picture.asOfUs) recent.push_back(p);
    // The fit leaves out the snapshot at asOfUs: the others are replayed from the statistics (a split is taken
    // to halve the rows), that one is measured, and the step between them is no growth. The forecast starts
    // from the measured rows.
    const double now = points.back().second;
    const int64_t endUs = picture.asOfUs + static_cast<int64_t>(picture.horizonSeconds * 1e6);
    const double fitSeconds =
        recent.size() > 1 ? static_cast<double>(recent.back().first - recent.front().first) / 1e6 : 0;
    const double historyTop = top;
    double bandTop = 0;
    if (recent.size() >= kMinTrendPoints && fitSeconds >= kMinTrendSeconds) {
        const double span = static_cast<double>(recent.back().first - recent.front().first) / 1e6;
        const double mu = (recent.back().second - recent.front().second) / span;
        double sq = 0;
        for (size_t i = 1; i < recent.size(); ++i) {
            const double dt = static_cast<double>(recent[i].first - recent[i - 1].first) / 1e6;
            const double d = recent[i].second - recent[i - 1].second - mu * dt;
            sq += d * d;
        }
        const double variance = sq / span;  // per second
        QList<QPointF> forecast, upper, lower;
        for (int i = 0; i <= kForecastSteps; ++i) {
            const double h = picture.horizonSeconds * i / kForecastSteps;
            const qreal x = msOf(picture.asOfUs) + h * 1000;
            const double mean = std::max(0.0, now + mu * h);
            const double spread = 2 * std::sqrt(variance * h);
            forecast.append(QPointF(x, mean));
            upper.append(QPointF(x, mean + spread));
            lower.append(QPointF(x, std::max(0.0, mean - spread)));
            bandTop = std::max(bandTop, mean + spread);
        }
        m_forecast->replace(forecast);
        m_upper->replace(upper);
        m_lower->replace(lower);
        m_trendText = tr("trend %1 rows/s").arg(QLocale().toString(mu, 'f', 1));
    } else {
        m_trendText = tr("too little history since its last change for a trend");
    }

    const qreal x0 = history.front().x(), x1 = msOf(endUs);
    const QLocale l;
    if (picture.policy.splitRows) {
        const double s = static_cast<double>(picture.policy.splitRows);
        m_split->replace({QPointF(x0, s), QPointF(x1, s)});
        m_split->setName(tr("Split at %1").arg(l.toString(qulonglong(picture.policy.splitRows))));
        top = std::max(top, s);
    }
    if (picture.policy.mergeRows) {
        const double m = static_cast<double>(picture.policy.mergeRows);
        m_merge->replace({QPointF(x0, m), QPointF(x1, m)});
        m_merge->setName(tr("Merge below %1").arg(l.toString(qulonglong(picture.policy.mergeRows))));
    }

    // The CPE's most probable change of this partition.
    const partition::Forecast* best = nullptr;
    for (const auto& f : picture.forecasts)
        if ((f.partition == id || (f.kind == EventKind::kMerge && f.other == id)) && f.probability > 0 &&
            (!best || f.probability > best->probability))
            best = &f;
    if (best) {
        const double y = best->kind == EventKind::kSplit   ? static_cast<double>(picture.policy.splitRows)
                         : best->kind == EventKind::kMerge ? static_cast<double>(picture.policy.mergeRows)
                                                           : now;
        m_predicted->append(msOf(picture.asOfUs) + best->expectedSeconds * 1000, y);
        m_predicted->setName(tr("Predicted %1").arg(changeKindText(best->kind)));
        m_predictionText = tr("%1 %2 %, expected in %3")
                               .arg(changeKindText(best->kind), l.toString(best->probability * 100, 'f', 0),
                                    durationText(best->expectedSeconds));
    }

    for (QLegendMarker* marker : m_chart->legend()->markers()) {
        QAbstractSeries* s = marker->series();
        const bool used = (s == m_history) || (s == m_forecast && m_forecast->count()) ||
                          (s == m_band && m_upper->count()) || (s == m_split && m_split->count()) ||
                          (s == m_merge && m_merge->count()) || (s == m_predicted && m_predicted->count());
        marker->setVisible(used);
    }
    QStringList details;
    if (!m_trendText.isEmpty()) details << m_trendText;
    if (!m_predictionText.isEmpty()) details << m_predictionText;
    if (!details.isEmpty())
        m_chart->setTitle(tr("Rows of partition %1 over time (%2)")
                              .arg(QLocale().toString(qlonglong(id)), details.join(QStringLiteral("; "))));
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(x0)),
                  QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(x1)));
    // The history and the thresholds stay readable: a wide band may leave the chart.
    m_y->setRange(0, niceCeil(std::max(top * 1.1, std::min(bandTop, 2 * std::max(top, historyTop)))));
}

// ---- RateChart

RateChart::RateChart(QWidget* parent) : QChartView(parent) {
    m_chart = makeChart();
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    m_rate = makeLine(QColor(0x6a, 0x1b, 0x9a), 2, Qt::SolidLine);
    m_rate->setName(tr("Rate limit of the primary copy"));
    m_decisions = new QScatterSeries;
    m_decisions->setName(tr("Decisions (hover for the reason)"));
    m_decisions->setMarkerSize(8);
    m_decisions->setColor(QColor(0x6a, 0x1b, 0x9a));
    m_x = makeValueAxis(tr("seconds since the backup started"));
    m_x->setLabelFormat(QStringLiteral("%.1f"));
    m_y = makeValueAxis(tr("MB/s"));
    m_y->setLabelFormat(QStringLiteral("%.2f"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{m_rate, m_decisions}) {
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    connect(m_decisions, &QScatterSeries::hovered, this, [this](const QPointF& point, bool state) {
        if (!state) return QToolTip::hideText();
        // The decision nearest in time.
        const repo::PartitionRateRecord* nearest = nullptr;
        auto distance = [&](const repo::PartitionRateRecord& r) { return std::abs(secondsOf(r.timeUs) - point.x()); };
        for (const auto& r : m_rates)
            if (!nearest || distance(r) < distance(*nearest)) nearest = &r;
        if (!nearest) return;
        const QLocale l;
        QToolTip::showText(QCursor::pos(),
                           tr("%1: %2 → %3 MB/s\n%4")
                               .arg(eventTimeText(nearest->timeUs), l.toString(nearest->oldRateMbps, 'f', 2),
                                    l.toString(nearest->rateMbps, 'f', 2), QString::fromStdString(nearest->reason)),
                           this);
    });
    clear(tr("Adaptive rate"));
}

int RateChart::decisionPoints() const { return m_decisions->count(); }

double RateChart::secondsOf(int64_t us) const { return static_cast<double>(us - m_startUs) / 1e6; }

void RateChart::clear(const QString& message) {
    m_rate->clear();
    m_decisions->clear();
    m_rates.clear();
    m_chart->setTitle(message);
    m_x->setRange(0, 1);
    m_y->setRange(0, 1);
    for (QLegendMarker* m : m_chart->legend()->markers()) m->setVisible(false);
}

void RateChart::showBackup(const repo::PartitionBackupRecord& backup,
                           const std::vector<repo::PartitionRateRecord>& rates) {
    if (rates.empty())
        return clear(tr("No rate decisions: the backup ran without a rate limit or without the adaptive module"));
    clear(tr("Adaptive rate of backup %1").arg(QLocale().toString(qlonglong(backup.id))));
    m_rates = rates;
    m_startUs = std::min(backup.startedUs, rates.front().timeUs);
    QList<QPointF> line;
    double top = 0;
    line.append(QPointF(0, rates.front().oldRateMbps));
    for (const auto& r : rates) {
        line.append(QPointF(secondsOf(r.timeUs), r.oldRateMbps));
        line.append(QPointF(secondsOf(r.timeUs), r.rateMbps));
        m_decisions->append(secondsOf(r.timeUs), r.rateMbps);
        top = std::max({top, r.oldRateMbps, r.rateMbps});
    }
    const double end = secondsOf(std::max(backup.finishedUs, rates.back().timeUs));
    line.append(QPointF(end, rates.back().rateMbps));
    m_rate->replace(line);
    for (QLegendMarker* m : m_chart->legend()->markers()) m->setVisible(true);
    m_x->setRange(0, end * 1.04);
    m_x->setLabelFormat(end < 5 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    m_y->setRange(0, niceCeil(top * 1.15));
    m_y->setLabelFormat(top < 1 ? QStringLiteral("%.2f") : QStringLiteral("%.1f"));
}

}  // namespace prescient::ui
