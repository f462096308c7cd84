#include "reportcharts.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "formatting.h"

namespace prescient::report {

namespace {

const QColor kText("#3c4043");
const QColor kMuted("#6b7177");
const QColor kGrid("#e4e7eb");
const QColor kAxis("#9aa0a6");
const QColor kBlue("#1f6fb2");
const QColor kOrange("#e8710a");
const QColor kGreen("#2e7d32");

QColor strategyColor(const std::string& s) {
    static const std::map<std::string, QColor> known = {
        {"sequential", QColor("#7f8c8d")}, {"hotset", QColor("#e8710a")}, {"frequency", QColor("#8e44ad")},
        {"markov", QColor("#1f6fb2")},     {"ranker", QColor("#2e7d32")}, {"none", QColor("#9aa0a6")}};
    auto it = known.find(s);
    if (it != known.end()) return it->second;
    static const QColor extra[] = {QColor("#c0392b"), QColor("#16a085"), QColor("#d4ac0d"), QColor("#34495e")};
    return extra[std::hash<std::string>{}(s) % 4];
}

// 0, step, 2 step, ... up to the first multiple of a 1-2-2.5-5 step at or above maxValue (about 5 ticks).
struct Scale {
    double hi = 1, step = 0.2;
    int decimals = 1;  // enough to tell the ticks apart
};
Scale niceScale(double maxValue) {
    if (!(maxValue > 0)) maxValue = 1;
    const double raw = maxValue / 5;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * p;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * p >= raw) {
            step = m * p;
            break;
        }
    Scale s;
    s.step = step;
    s.hi = std::ceil(maxValue / step - 1e-9) * step;
    s.decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) + 1e-9)));
    if (std::fmod(step, 1.0) != 0 && s.decimals == 0) s.decimals = 1;  // 2.5
    if (step < 1 && std::abs(step * std::pow(10.0, s.decimals) - std::round(step * std::pow(10.0, s.decimals))) > 1e-6)
        ++s.decimals;
    return s;
}

QString seconds(double s, int decimals) {
    return QCoreApplication::translate("Report", "%1 s").arg(QLocale().toString(s, 'f', decimals));
}
QString shortSeconds(double s) {
    if (s < 1) return QCoreApplication::translate("Report", "%1 ms").arg(QLocale().toString(s * 1000, 'f', 0));
    return seconds(s, s < 10 ? 2 : 1);
}
QString percent(double share, int decimals = 0) {
    return QCoreApplication::translate("Report", "%1 %").arg(QLocale().toString(share * 100, 'f', decimals));
}

enum class Mark { kBar, kLine, kDiamond };

// A white chart of kChartWidth x kChartHeight logical pixels, drawn at device pixel ratio 2: a plot area
// with a legend above it, y axes left (and right) and x labels below.
class Canvas {
public:
    explicit Canvas(bool rightAxis)
        : m_image(kChartWidth * 2, kChartHeight * 2, QImage::Format_ARGB32_Premultiplied) {
        m_image.setDevicePixelRatio(2);
        m_image.fill(Qt::white);
        m_p.begin(&m_image);
        m_p.setRenderHint(QPainter::Antialiasing);
        m_p.setRenderHint(QPainter::TextAntialiasing);
        QFont f = m_p.font();
        f.setPixelSize(11);
        m_p.setFont(f);
        m_plot = QRectF(66, 34, kChartWidth - 66 - (rightAxis ? 70 : 18), kChartHeight - 34 - 42);
    }
    QPainter& p() { return m_p; }
    const QRectF& plot() const { return m_plot; }
    QImage finish() {
        m_p.end();
        return m_image;
    }

    // Horizontal grid lines with labels on the left (or the right) axis.
    void yAxis(const Scale& s, const std::function<QString(double)>& label, bool right = false) {
        m_p.save();
        for (double v = 0; v <= s.hi + s.step / 2; v += s.step) {
            const double y = yOf(v, s);
            if (!right) {
                m_p.setPen(QPen(v == 0 ? kAxis : kGrid, 1));
                m_p.drawLine(QPointF(m_plot.left(), y), QPointF(m_plot.right(), y));
            }
            m_p.setPen(kMuted);
            const QRectF box = right ? QRectF(m_plot.right() + 6, y - 8, 64, 16)
                                     : QRectF(m_plot.left() - 66, y - 8, 60, 16);
            m_p.drawText(box, (right ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, label(v));
        }
        m_p.restore();
    }
    double yOf(double v, const Scale& s) const { return m_plot.bottom() - v / s.hi * m_plot.height(); }

    // A label centred under x (two lines allowed).
    void xLabel(double x, const QString& text, double width = 90) {
        m_p.save();
        m_p.setPen(kMuted);
        m_p.drawText(QRectF(x - width / 2, m_plot.bottom() + 4, width, 34), Qt::AlignHCenter | Qt::AlignTop, text);
        m_p.restore();
    }

    // Legend entries in a row above the plot, right-aligned.
    void legend(const std::vector<std::tuple<QString, QColor, Mark>>& items) {
        const QFontMetrics fm = m_p.fontMetrics();
        double width = 0;
        for (const auto& [text, color, mark] : items) width += 18 + fm.horizontalAdvance(text) + 16;
        double x = std::max(m_plot.left(), m_plot.right() - width + 16);
        const double y = 14;
        m_p.save();
        for (const auto& [text, color, mark] : items) {
            switch (mark) {
                case Mark::kBar:
                    m_p.fillRect(QRectF(x, y - 5, 12, 10), color);
                    break;
                case Mark::kLine:
                    m_p.setPen(QPen(color, 2));
                    m_p.drawLine(QPointF(x, y), QPointF(x + 12, y));
                    m_p.setBrush(color);
                    m_p.drawEllipse(QPointF(x + 6, y), 2.5, 2.5);
                    break;
                case Mark::kDiamond:
                    diamond(QPointF(x + 6, y), color);
                    break;
            }
            m_p.setPen(kText);
            m_p.drawText(QRectF(x + 18, y - 9, 400, 18), Qt::AlignLeft | Qt::AlignVCenter, text);
            x += 18 + fm.horizontalAdvance(text) + 16;
        }
        m_p.restore();
    }

    void diamond(QPointF c, const QColor& color) {
        QPainterPath path;
        path.moveTo(c.x(), c.y() - 5);
        path.lineTo(c.x() + 5, c.y());
        path.lineTo(c.x(), c.y() + 5);
        path.lineTo(c.x() - 5, c.y());
        path.closeSubpath();
        m_p.save();
        m_p.setPen(QPen(Qt::white, 1));
        m_p.setBrush(color);
        m_p.drawPath(path);
        m_p.restore();
    }

    // A bar from the axis up to value, with its label above when there is room.
    void bar(double x, double width, double value, const Scale& s, const QColor& color, const QString& label) {
        const double top = yOf(std::min(value, s.hi), s);
        m_p.fillRect(QRectF(x, top, width, m_plot.bottom() - top), color);
        if (label.isEmpty()) return;
        m_p.save();
        m_p.setPen(kText);
        QFont f = m_p.font();
        f.setPixelSize(10);
        m_p.setFont(f);
        m_p.drawText(QRectF(x + width / 2 - 40, top - 15, 80, 14), Qt::AlignHCenter | Qt::AlignBottom, label);
        m_p.restore();
    }

    void frame() {
        m_p.save();
        m_p.setPen(QPen(kAxis, 1));
        m_p.drawLine(m_plot.bottomLeft(), m_plot.bottomRight());
        m_p.restore();
    }

private:
    QImage m_image;
    QPainter m_p;
    QRectF m_plot;
};

// A time axis: tick times (µs) at whole hours or local midnights, and how to label them.
struct TimeAxis {
    int64_t lo = 0, hi = 1;
    std::vector<int64_t> ticks;
    bool days = true;
};
TimeAxis timeAxis(int64_t lo, int64_t hi) {
    constexpr int64_t kHour = 3600ll * 1000000;
    constexpr int64_t kDay = 24 * kHour;
    if (hi - lo < kHour) {  // one instant or a short burst: an hour around it
        const int64_t mid = lo + (hi - lo) / 2;
        lo = mid - kHour / 2;
        hi = mid + kHour / 2;
    }
    const int64_t pad = (hi - lo) / 20;
    TimeAxis a;
    a.lo = lo - pad;
    a.hi = hi + pad;
    const int64_t span = a.hi - a.lo;
    const int64_t steps[] = {kHour / 4, kHour / 2, kHour, 2 * kHour, 3 * kHour, 6 * kHour, 12 * kHour,
                             kDay,      2 * kDay,  7 * kDay, 14 * kDay, 30 * kDay, 91 * kDay, 365 * kDay};
    int64_t step = steps[std::size(steps) - 1];
    for (int64_t s : steps)
        if (span / s <= 7) {
            step = s;
            break;
        }
    a.days = step >= kDay;
    QDateTime t = QDateTime::fromMSecsSinceEpoch(a.lo / 1000);
    if (a.days) {
        t = QDateTime(t.date(), QTime(0, 0));
    } else {
        t = QDateTime(t.date(), QTime(t.time().hour(), 0));
    }
    for (int guard = 0; guard < 500; ++guard) {
        const int64_t us = t.toMSecsSinceEpoch() * 1000;
        if (us > a.hi) break;
        if (us >= a.lo) a.ticks.push_back(us);
        t = a.days ? t.addDays(step / kDay) : t.addSecs(step / 1000000);
    }
    // Keep every k-th tick so that there are at most 8.
    if (a.ticks.size() > 8) {
        const size_t k = (a.ticks.size() + 7) / 8;
        std::vector<int64_t> kept;
        for (size_t i = 0; i < a.ticks.size(); i += k) kept.push_back(a.ticks[i]);
        a.ticks = kept;
    }
    return a;
}

void drawTimeAxis(Canvas& c, const TimeAxis& a) {
    const QLocale locale;
    QDate lastDate;
    for (int64_t us : a.ticks) {
        const double x = c.plot().left() + double(us - a.lo) / double(a.hi - a.lo) * c.plot().width();
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(us / 1000);
        QString text = a.days ? locale.toString(t.date(), QLocale::ShortFormat)
                              : locale.toString(t.time(), QLocale::ShortFormat);
        if (!a.days && t.date() != lastDate) text += QLatin1Char('\n') + locale.toString(t.date(), QLocale::ShortFormat);
        lastDate = t.date();
        c.p().save();
        c.p().setPen(QPen(kGrid, 1));
        c.p().drawLine(QPointF(x, c.plot().top()), QPointF(x, c.plot().bottom()));
        c.p().restore();
        c.xLabel(x, text);
    }
}

double xOfTime(const Canvas& c, const TimeAxis& a, int64_t us) {
    return c.plot().left() + double(us - a.lo) / double(a.hi - a.lo) * c.plot().width();
}

}  // namespace

QImage restoreChart(const ReportData& data) {
    if (data.restores.empty()) return {};
    constexpr size_t kMaxRuns = 24;
    const size_t first = data.restores.size() > kMaxRuns ? data.restores.size() - kMaxRuns : 0;
    std::vector<const RestoreRow*> runs;
    double maxValue = 0;
    for (size_t i = first; i < data.restores.size(); ++i) {
        runs.push_back(&data.restores[i]);
        maxValue = std::max({maxValue, data.restores[i].record.ttfqSeconds, data.restores[i].record.t90Seconds});
    }
    Canvas c(false);
    const Scale s = niceScale(maxValue * 1.08);
    c.yAxis(s, [&](double v) { return seconds(v, s.decimals); });
    const double group = c.plot().width() / double(runs.size());
    const double barWidth = std::min(26.0, group * 0.36);
    const bool values = group >= 64;
    const size_t labelEvery = std::max<size_t>(1, static_cast<size_t>(std::ceil(44.0 / group)));
    for (size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i]->record;
        const double cx = c.plot().left() + group * (double(i) + 0.5);
        if (r.ttfqSeconds >= 0)
            c.bar(cx - barWidth - 1, barWidth, r.ttfqSeconds, s, kBlue, values ? shortSeconds(r.ttfqSeconds) : QString());
        if (r.t90Seconds >= 0)
            c.bar(cx + 1, barWidth, r.t90Seconds, s, kOrange, values ? shortSeconds(r.t90Seconds) : QString());
        if (i % labelEvery == 0) {
            QString label = QCoreApplication::translate("Report", "#%1").arg(r.id);
            if (group >= 56) label += QLatin1Char('\n') + QString::fromStdString(r.strategy);
            c.xLabel(cx, label, group * double(labelEvery));
        }
    }
    c.frame();
    c.legend({{QCoreApplication::translate("Report", "Time to first query"), kBlue, Mark::kBar},
              {QCoreApplication::translate("Report", "Time to 90 % hits"), kOrange, Mark::kBar}});
    return c.finish();
}

QImage accuracyChart(const ReportData& data) {
    std::set<int64_t> modelTimes;
    bool restorePoints = false;
    for (const auto& p : data.accuracy) {
        if (p.kind == "model" && p.coverage >= 0) modelTimes.insert(p.timeUs);
        if (p.kind == "restore" && p.precision >= 0) restorePoints = true;
    }
    if (modelTimes.empty() && !restorePoints) return {};
    // Training rounds: models trained within ten minutes of the previous one belong to the same round
    // (`prescient train` stores one model per strategy, seconds apart).
    int rounds = 0;
    int64_t previous = 0;
    for (int64_t t : modelTimes) {
        if (rounds == 0 || t - previous > 600ll * 1000000) ++rounds;
        previous = t;
    }
    const Scale s{1.0, 0.2, 0};
    const QString coverageText = QCoreApplication::translate("Report", "Coverage (held-out)");
    const QString precisionText = QCoreApplication::translate("Report", "Precision (held-out)");
    const QString observedText = QCoreApplication::translate("Report", "Precision observed in restores");

    if (rounds <= 1) {
        // One training: coverage and precision of each strategy's model side by side, and the mean precision
        // the restores with that strategy observed.
        std::vector<std::string> strategies;
        std::map<std::string, std::pair<double, double>> model;  // strategy -> coverage, precision
        std::map<std::string, std::pair<double, int>> observed;  // strategy -> sum, count
        for (const auto& p : data.accuracy) {
            if (p.kind == "model" && p.coverage >= 0) {
                if (!model.count(p.strategy)) strategies.push_back(p.strategy);
                model[p.strategy] = {p.coverage, p.precision};
            } else if (p.kind == "restore" && p.precision >= 0) {
                observed[p.strategy].first += p.precision;
                observed[p.strategy].second += 1;
            }
        }
        for (const auto& [strategy, sum] : observed)
            if (!model.count(strategy)) strategies.push_back(strategy);
        Canvas c(false);
        c.yAxis(s, [](double v) { return percent(v); });
        const double group = c.plot().width() / double(strategies.size());
        const int bars = observed.empty() ? 2 : 3;
        const double barWidth = std::min(30.0, group * 0.8 / bars);
        for (size_t i = 0; i < strategies.size(); ++i) {
            const double cx = c.plot().left() + group * (double(i) + 0.5);
            double x = cx - barWidth * bars / 2.0;
            auto m = model.find(strategies[i]);
            const double cov = m != model.end() ? m->second.first : -1;
            const double prec = m != model.end() ? m->second.second : -1;
            if (cov >= 0) c.bar(x, barWidth - 2, cov, s, kBlue, percent(cov));
            x += barWidth;
            if (prec >= 0) c.bar(x, barWidth - 2, prec, s, kOrange, percent(prec));
            x += barWidth;
            auto o = observed.find(strategies[i]);
            if (o != observed.end()) {
                const double mean = o->second.first / o->second.second;
                c.bar(x, barWidth - 2, mean, s, kGreen, percent(mean));
            }
            c.xLabel(cx, QString::fromStdString(strategies[i]), group);
        }
        c.frame();
        std::vector<std::tuple<QString, QColor, Mark>> legend = {{coverageText, kBlue, Mark::kBar},
                                                                 {precisionText, kOrange, Mark::kBar}};
        if (!observed.empty()) legend.emplace_back(observedText, kGreen, Mark::kBar);
        c.legend(legend);
        return c.finish();
    }

    // Coverage per strategy over training time; restores' precision as diamonds.
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (const auto& p : data.accuracy) {
        lo = std::min(lo, p.timeUs);
        hi = std::max(hi, p.timeUs);
    }
    const TimeAxis axis = timeAxis(lo, hi);
    Canvas c(false);
    c.yAxis(s, [](double v) { return percent(v); });
    drawTimeAxis(c, axis);
    std::map<std::string, std::vector<QPointF>> lines;
    std::vector<std::string> order;
    for (const auto& p : data.accuracy) {
        if (p.kind != "model" || p.coverage < 0) continue;
        if (!lines.count(p.strategy)) order.push_back(p.strategy);
        lines[p.strategy].emplace_back(xOfTime(c, axis, p.timeUs), c.yOf(p.coverage, s));
    }
    std::vector<std::tuple<QString, QColor, Mark>> legend;
    for (const auto& strategy : order) {
        const QColor color = strategyColor(strategy);
        const auto& pts = lines[strategy];
        c.p().save();
        c.p().setPen(QPen(color, 2));
        if (pts.size() > 1) c.p().drawPolyline(pts.data(), int(pts.size()));
        c.p().setBrush(color);
        c.p().setPen(QPen(Qt::white, 1));
        for (const QPointF& pt : pts) c.p().drawEllipse(pt, 3.5, 3.5);
        c.p().restore();
        legend.emplace_back(QString::fromStdString(strategy), color, Mark::kLine);
    }
    for (const auto& p : data.accuracy)
        if (p.kind == "restore" && p.precision >= 0)
            c.diamond(QPointF(xOfTime(c, axis, p.timeUs), c.yOf(p.precision, s)), strategyColor(p.strategy));
    if (restorePoints) legend.emplace_back(observedText, kMuted, Mark::kDiamond);
    c.frame();
    c.legend(legend);
    return c.finish();
}

QImage backupChart(const ReportData& data) {
    if (data.backups.empty()) return {};
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    double maxSize = 0, maxNew = 0;
    std::vector<std::string> sources;
    for (const auto& b : data.backups) {
        lo = std::min(lo, b.snapshot.timeUs);
        hi = std::max(hi, b.snapshot.timeUs);
        maxSize = std::max(maxSize, double(b.snapshot.bytesTotal));
        maxNew = std::max(maxNew, double(b.snapshot.bytesNew));
        if (std::find(sources.begin(), sources.end(), b.snapshot.sourcePath) == sources.end())
            sources.push_back(b.snapshot.sourcePath);
    }
    const TimeAxis axis = timeAxis(lo, hi);
    Canvas c(true);
    const Scale sizeScale = niceScale(maxSize * 1.05);
    const Scale newScale = niceScale(maxNew * 1.05);
    auto sizeLabel = [](double v) { return ui::sizeText(static_cast<quint64>(v)); };
    c.yAxis(sizeScale, sizeLabel);
    c.yAxis(newScale, sizeLabel, true);
    drawTimeAxis(c, axis);

    // Bars: new data stored, on the right axis; as wide as the closest two snapshots allow.
    double minGap = c.plot().width();
    for (size_t i = 1; i < data.backups.size(); ++i)
        minGap = std::min(minGap, xOfTime(c, axis, data.backups[i].snapshot.timeUs) -
                                      xOfTime(c, axis, data.backups[i - 1].snapshot.timeUs));
    const double barWidth = std::clamp(minGap * 0.5, 3.0, 18.0);
    const QColor barColor("#b9d3ea");
    for (const auto& b : data.backups)
        c.bar(xOfTime(c, axis, b.snapshot.timeUs) - barWidth / 2, barWidth, double(b.snapshot.bytesNew), newScale,
              barColor, QString());

    std::vector<std::tuple<QString, QColor, Mark>> legend;
    static const QColor lineColors[] = {kBlue, kOrange, kGreen, QColor("#8e44ad"), QColor("#c0392b")};
    for (size_t si = 0; si < sources.size(); ++si) {
        const QColor color = lineColors[si % std::size(lineColors)];
        std::vector<QPointF> pts;
        for (const auto& b : data.backups)
            if (b.snapshot.sourcePath == sources[si])
                pts.emplace_back(xOfTime(c, axis, b.snapshot.timeUs), c.yOf(double(b.snapshot.bytesTotal), sizeScale));
        c.p().save();
        c.p().setPen(QPen(color, 2));
        if (pts.size() > 1) c.p().drawPolyline(pts.data(), int(pts.size()));
        c.p().setBrush(color);
        c.p().setPen(QPen(Qt::white, 1));
        for (const QPointF& pt : pts) c.p().drawEllipse(pt, 3.5, 3.5);
        c.p().restore();
        if (si < 3) {
            const QString name = QFileInfo(QString::fromStdString(sources[si])).fileName();
            legend.emplace_back(QCoreApplication::translate("Report", "Database size: %1").arg(name), color, Mark::kLine);
        }
    }
    legend.emplace_back(QCoreApplication::translate("Report", "New data stored (right axis)"), barColor, Mark::kBar);
    c.frame();
    c.legend(legend);
    return c.finish();
}

}  // namespace prescient::report
