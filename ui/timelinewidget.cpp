#include "timelinewidget.h"

#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "formatting.h"
#include "snapshotmodel.h"

namespace prescient::ui {

namespace {

constexpr int kTopPad = 4;
constexpr int kRightPad = 14;
constexpr double kMinMsPerPx = 250;  // a minute is 240 px at the closest zoom
constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kDayUs = kDayMs * 1000;
constexpr qint64 kMinGapUs = 15 * kMinuteMs * 1000;  // shorter holes are never called gaps

// A tick step: seconds (< 1 day, dividing a day), days, or months.
struct Step {
    enum Unit { kSeconds, kDays, kMonths } unit;
    int n;
    double approxMs() const {
        switch (unit) {
            case kSeconds:
                return n * 1000.0;
            case kDays:
                return n * double(kDayMs);
            case kMonths:
                return n * 30.44 * double(kDayMs);
        }
        return 1;
    }
};

const Step kSteps[] = {
    {Step::kSeconds, 60},    {Step::kSeconds, 120},   {Step::kSeconds, 300},   {Step::kSeconds, 600},
    {Step::kSeconds, 900},   {Step::kSeconds, 1800},  {Step::kSeconds, 3600},  {Step::kSeconds, 7200},
    {Step::kSeconds, 10800}, {Step::kSeconds, 21600}, {Step::kSeconds, 43200}, {Step::kDays, 1},
    {Step::kDays, 2},        {Step::kDays, 7},        {Step::kMonths, 1},      {Step::kMonths, 3},
    {Step::kMonths, 6},      {Step::kMonths, 12},
};

qint64 msOf(const QDateTime& t) { return t.toMSecsSinceEpoch(); }
QDateTime localOf(double ms) { return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::floor(ms))); }

// Tick times (ms) of step covering [fromMs, toMs], in local time.
std::vector<qint64> ticksOf(const Step& step, double fromMs, double toMs) {
    std::vector<qint64> out;
    const QDate first = localOf(fromMs).date().addDays(-1);
    const QDate last = localOf(toMs).date().addDays(1);
    auto keep = [&](qint64 t) {
        if (t >= fromMs && t <= toMs) out.push_back(t);
    };
    switch (step.unit) {
        case Step::kSeconds:
            for (QDate d = first; d <= last; d = d.addDays(1)) {
                const QDateTime midnight(d, QTime(0, 0));
                for (int s = 0; s < 86400; s += step.n) keep(msOf(midnight.addSecs(s)));
            }
            break;
        case Step::kDays:
            for (QDate d = first.addDays(-7); d <= last; d = d.addDays(1)) {
                const bool on = step.n == 1 || (step.n == 2 && d.toJulianDay() % 2 == 0) ||
                                (step.n == 7 && d.dayOfWeek() == Qt::Monday);
                if (on) keep(msOf(QDateTime(d, QTime(0, 0))));
            }
            break;
        case Step::kMonths:
            for (QDate d(first.year() - 1, 1, 1); d <= last; d = d.addMonths(1))
                if ((d.month() - 1) % step.n == 0) keep(msOf(QDateTime(d, QTime(0, 0))));
            break;
    }
    return out;
}

QString tickLabel(const Step& step, qint64 ms) {
    const QDateTime t = localOf(double(ms));
    switch (step.unit) {
        case Step::kSeconds:
            return localizedPattern(t, QStringLiteral("HH:mm"));
        case Step::kDays:
            return step.n == 7 ? localizedPattern(t, QStringLiteral("MMM d")) : localizedPattern(t, QStringLiteral("ddd d"));
        case Step::kMonths:
            return step.n == 12 ? localizedPattern(t, QStringLiteral("yyyy")) : localizedPattern(t, QStringLiteral("MMM"));
    }
    return {};
}

// The coarser "context" boundaries of a step (days under hours, months under days, years under months)
// with their label.
std::vector<qint64> contextTicks(const Step& step, double fromMs, double toMs) {
    switch (step.unit) {
        case Step::kSeconds:
            return ticksOf({Step::kDays, 1}, fromMs, toMs);
        case Step::kDays:
            return ticksOf({Step::kMonths, 1}, fromMs, toMs);
        case Step::kMonths:
            return step.n == 12 ? std::vector<qint64>{} : ticksOf({Step::kMonths, 12}, fromMs, toMs);
    }
    return {};
}

QString contextLabel(const Step& step, qint64 ms) {
    const QDateTime t = localOf(double(ms));
    switch (step.unit) {
        case Step::kSeconds:
            return localizedPattern(t, QStringLiteral("ddd yyyy-MM-dd"));
        case Step::kDays:
            return localizedPattern(t, QStringLiteral("MMMM yyyy"));
        case Step::kMonths:
            return localizedPattern(t, QStringLiteral("yyyy"));
    }
    return {};
}

// Where the context period containing ms begins.
qint64 contextStart(const Step& step, double ms) {
    const QDate d = localOf(ms).date();
    switch (step.unit) {
        case Step::kSeconds:
            return msOf(QDateTime(d, QTime(0, 0)));
        case Step::kDays:
            return msOf(QDateTime(QDate(d.year(), d.month(), 1), QTime(0, 0)));
        case Step::kMonths:
            return msOf(QDateTime(QDate(d.year(), 1, 1), QTime(0, 0)));
    }
    return 0;
}

// True when a whole local calendar day lies between the two times.
bool wholeDayBetween(qint64 fromUs, qint64 toUs) {
    const QDate d = localOf(double(fromUs / 1000)).date();
    return msOf(QDateTime(d.addDays(2), QTime(0, 0))) * 1000 <= toUs;
}

QString spanText(qint64 us) {
    const qint64 minutes = us / 1000 / kMinuteMs;
    const qint64 days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
    // Explicit English plurals: no English .ts resolves %n forms yet.
    if (days == 1) return hours ? TimelineWidget::tr("1 day %1 h").arg(hours) : TimelineWidget::tr("1 day");
    if (days > 1)
        return hours ? TimelineWidget::tr("%1 days %2 h").arg(days).arg(hours)
                     : TimelineWidget::tr("%1 days").arg(days);
    if (hours > 0) return TimelineWidget::tr("%1 h %2 min").arg(hours).arg(mins);
    return TimelineWidget::tr("%1 min").arg(mins);
}

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

}  // namespace

struct TimelineWidget::Colors {
    QColor base, laneA, laneB, labelBg, text, dimText, grid, gridStrong, incremental, full, markerBg, highlight,
        gapHatch, gapFill, gapText, tagBg, now;
    explicit Colors(const QPalette& pal) {
        base = pal.color(QPalette::Base);
        text = pal.color(QPalette::Text);
        const bool dark = base.lightness() < 128;
        laneA = base;
        laneB = mix(base, pal.color(QPalette::AlternateBase), 0.7);
        labelBg = mix(pal.color(QPalette::Window), base, 0.35);
        dimText = mix(text, base, 0.4);
        grid = mix(text, base, dark ? 0.84 : 0.9);
        gridStrong = mix(text, base, dark ? 0.6 : 0.68);
        incremental = dark ? QColor(0x6c, 0xab, 0xf5) : QColor(0x1f, 0x5f, 0xaa);
        full = dark ? QColor(0xe8, 0xa6, 0x48) : QColor(0xb0, 0x5a, 0x00);
        markerBg = base;
        highlight = pal.color(QPalette::Highlight);
        gapHatch = dark ? QColor(0xf0, 0x7a, 0x5a) : QColor(0xc0, 0x40, 0x20);
        gapFill = gapHatch;
        gapFill.setAlpha(dark ? 34 : 22);
        gapHatch.setAlpha(dark ? 120 : 90);
        gapText = dark ? QColor(0xff, 0xa0, 0x80) : QColor(0x9a, 0x2a, 0x10);
        tagBg = base;
        tagBg.setAlpha(225);
        now = dark ? QColor(0x7c, 0xd0, 0x8a) : QColor(0x1e, 0x7b, 0x34);
    }
};

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_scroll = new QScrollBar(Qt::Horizontal, this);
    m_scroll->hide();
    connect(m_scroll, &QScrollBar::valueChanged, this, &TimelineWidget::onScrollBar);
}

QSize TimelineWidget::sizeHint() const {
    const int lanes = std::clamp(int(m_lanes.size()), 1, 6);
    const int axis = 2 * fontMetrics().height() + 12;
    return {800, std::max(180, kTopPad + lanes * 72 + axis + m_scroll->sizeHint().height())};
}

QSize TimelineWidget::minimumSizeHint() const {
    const int lanes = std::max(1, int(m_lanes.size()));
    const int axis = 2 * fontMetrics().height() + 12;
    return {320, kTopPad + lanes * 44 + axis + m_scroll->sizeHint().height()};
}

// ---- data ----

void TimelineWidget::setSnapshots(std::vector<repo::SnapshotInfo> snapshots) {
    std::stable_sort(snapshots.begin(), snapshots.end(),
                     [](const repo::SnapshotInfo& a, const repo::SnapshotInfo& b) { return a.timeUs < b.timeUs; });
    bool sameIds = snapshots.size() == m_snaps.size();
    for (size_t i = 0; sameIds && i < snapshots.size(); ++i) sameIds = snapshots[i].id == m_snaps[i].id;
    m_snaps = std::move(snapshots);

    // Lanes in order of the source's first snapshot, so the oldest source is on top.
    m_lanes.clear();
    m_laneOf.clear();
    m_maxBytes = 1;
    for (const auto& s : m_snaps) {
        const QString path = QString::fromStdString(s.sourcePath);
        int lane = int(m_lanes.indexOf(path));
        if (lane < 0) {
            lane = int(m_lanes.size());
            m_lanes << path;
        }
        m_laneOf.push_back(lane);
        m_maxBytes = std::max<quint64>(m_maxBytes, s.bytesTotal);
    }
    if (!m_selected.isEmpty() && std::none_of(m_snaps.begin(), m_snaps.end(), [&](const repo::SnapshotInfo& s) {
            return QString::fromStdString(s.id) == m_selected;
        }))
        m_selected.clear();
    recomputeGaps();
    updateLabelWidth();
    m_scroll->setVisible(!m_snaps.empty());
    updateGeometry();
    if (!sameIds || m_autoFit) {
        zoomToFit();
    } else {
        computeContentRange();
        clampView();
        syncScrollBar();
        update();
    }
}

void TimelineWidget::recomputeGaps() {
    m_gaps.clear();
    for (int lane = 0; lane < int(m_lanes.size()); ++lane) {
        std::vector<qint64> times;
        for (size_t i = 0; i < m_snaps.size(); ++i)
            if (m_laneOf[i] == lane) times.push_back(m_snaps[i].timeUs);
        if (times.size() < 2) continue;
        std::vector<qint64> intervals;
        for (size_t i = 1; i < times.size(); ++i) intervals.push_back(times[i] - times[i - 1]);
        // The schedule's usual interval: the lower median, known only from two intervals on.
        qint64 median = 0;
        if (intervals.size() >= 2) {
            std::vector<qint64> sorted = intervals;
            std::sort(sorted.begin(), sorted.end());
            median = sorted[(sorted.size() - 1) / 2];
        }
        for (size_t i = 1; i < times.size(); ++i) {
            const qint64 iv = times[i] - times[i - 1];
            const bool longHole = median > 0 && iv > 2 * median && iv >= kMinGapUs;
            // A day without a snapshot matters for daily (or more frequent) schedules only; a daily job
            // drifts, so "daily" allows up to a day and a half.
            const bool missedDay = median <= kDayUs * 3 / 2 && wholeDayBetween(times[i - 1], times[i]);
            if (longHole || missedDay) m_gaps.push_back({lane, times[i - 1], times[i]});
        }
    }
}

std::vector<std::pair<qint64, qint64>> TimelineWidget::gaps() const {
    std::vector<std::pair<qint64, qint64>> out;
    for (const Gap& g : m_gaps) out.emplace_back(g.fromUs, g.toUs);
    return out;
}

// ---- geometry ----

void TimelineWidget::updateLabelWidth() {
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    int w = 0;
    for (const QString& path : m_lanes)
        w = std::max(w, fm.horizontalAdvance(SnapshotTableModel::fileName(path.toStdString())));
    w = std::max(w, fontMetrics().horizontalAdvance(tr("%1 snapshots").arg(888)));
    m_labelWidth = std::clamp(w + 24, 112, std::max(112, std::min(220, width() / 4)));
}

QRect TimelineWidget::plotRect() const {
    const int axis = 2 * fontMetrics().height() + 12;
    const int sb = m_scroll->sizeHint().height();
    const int left = m_labelWidth;
    return QRect(left, kTopPad, std::max(10, width() - left - kRightPad), std::max(10, height() - kTopPad - axis - sb));
}

QRect TimelineWidget::axisRect() const {
    const QRect plot = plotRect();
    return QRect(plot.left(), plot.bottom() + 1, plot.width(), 2 * fontMetrics().height() + 12);
}

int TimelineWidget::laneHeight() const { return plotRect().height() / std::max(1, int(m_lanes.size())); }

int TimelineWidget::laneCenterY(int lane) const {
    const int h = laneHeight();
    // A little below the middle: the tag sits above the marker, the gap label below the line.
    return plotRect().top() + lane * h + h / 2 + std::min(6, h / 12);
}

double TimelineWidget::xOfMs(double ms) const { return plotRect().left() + (ms - m_viewStartMs) / m_msPerPx; }
double TimelineWidget::msOfX(double x) const { return m_viewStartMs + (x - plotRect().left()) * m_msPerPx; }

double TimelineWidget::markerRadius(const repo::SnapshotInfo& s) const {
    const int fmh = fontMetrics().height();
    const double rMax = std::clamp(laneHeight() / 2.0 - fmh - 6, 5.0, 16.0);
    const double rMin = std::min(4.5, rMax);
    const double share = std::sqrt(double(s.bytesTotal) / double(std::max<quint64>(1, m_maxBytes)));
    return rMin + (rMax - rMin) * std::clamp(share, 0.0, 1.0);
}

QPoint TimelineWidget::markerCenter(const QString& id) const {
    const std::string key = id.toStdString();
    for (size_t i = 0; i < m_snaps.size(); ++i)
        if (m_snaps[i].id == key)
            return QPoint(int(std::lround(xOfMs(double(m_snaps[i].timeUs) / 1000))), laneCenterY(m_laneOf[i]));
    return {};
}

qint64 TimelineWidget::visibleStartMs() const { return qint64(m_viewStartMs); }
qint64 TimelineWidget::visibleEndMs() const { return qint64(m_viewStartMs + plotRect().width() * m_msPerPx); }

int TimelineWidget::hitTest(const QPoint& pos) const {
    int best = -1;
    double bestD = 1e18;
    for (size_t i = 0; i < m_snaps.size(); ++i) {
        const double dx = xOfMs(double(m_snaps[i].timeUs) / 1000) - pos.x();
        const double dy = laneCenterY(m_laneOf[i]) - pos.y();
        const double d = std::hypot(dx, dy);
        if (d <= markerRadius(m_snaps[i]) + 4 && d < bestD) {
            best = int(i);
            bestD = d;
        }
    }
    return best;
}

int TimelineWidget::laneAt(const QPoint& pos) const {
    const QRect plot = plotRect();
    if (pos.y() < plot.top() || pos.y() > plot.bottom() || m_lanes.isEmpty()) return -1;
    return std::min(int(m_lanes.size()) - 1, (pos.y() - plot.top()) / std::max(1, laneHeight()));
}

int TimelineWidget::gapAt(const QPoint& pos) const {
    const int lane = laneAt(pos);
    if (lane < 0 || pos.x() < plotRect().left()) return -1;
    const double ms = msOfX(pos.x());
    for (size_t i = 0; i < m_gaps.size(); ++i)
        if (m_gaps[i].lane == lane && ms > m_gaps[i].fromUs / 1000.0 && ms < m_gaps[i].toUs / 1000.0) return int(i);
    return -1;
}

// ---- view range ----

void TimelineWidget::computeContentRange() {
    if (m_snaps.empty()) {
        m_contentLoMs = m_contentHiMs = 0;
        return;
    }
    double lo = double(m_snaps.front().timeUs) / 1000, hi = double(m_snaps.back().timeUs) / 1000;
    const double minSpan = 2.0 * kHourMs;
    if (hi - lo < minSpan) {
        const double mid = (lo + hi) / 2;
        lo = mid - minSpan / 2;
        hi = mid + minSpan / 2;
    }
    // Room at both ends for the outermost markers and their tags.
    const double w = plotRect().width();
    const double marginPx = std::min(70.0, w / 6);
    const double margin = (hi - lo) * marginPx / std::max(1.0, w - 2 * marginPx);
    m_contentLoMs = lo - margin;
    m_contentHiMs = hi + margin;
}

void TimelineWidget::clampView() {
    const double w = plotRect().width();
    const double contentW = m_contentHiMs - m_contentLoMs;
    const double maxMsPerPx = std::max(kMinMsPerPx, contentW / std::max(1.0, w));
    m_msPerPx = std::clamp(m_msPerPx, kMinMsPerPx, maxMsPerPx);
    const double viewW = w * m_msPerPx;
    if (viewW >= contentW)
        m_viewStartMs = m_contentLoMs - (viewW - contentW) / 2;
    else
        m_viewStartMs = std::clamp(m_viewStartMs, m_contentLoMs, m_contentHiMs - viewW);
}

void TimelineWidget::syncScrollBar() {
    const QSignalBlocker block(m_scroll);
    const double w = plotRect().width();
    const double totalPx = (m_contentHiMs - m_contentLoMs) / m_msPerPx;
    const double maxPx = std::max(0.0, totalPx - w);
    m_scrollUnit = std::max(1.0, maxPx / 1e9);
    m_scroll->setRange(0, int(maxPx / m_scrollUnit));
    m_scroll->setPageStep(std::max(1, int(w / m_scrollUnit)));
    m_scroll->setSingleStep(std::max(1, int(w / 10 / m_scrollUnit)));
    m_scroll->setValue(int(std::lround((m_viewStartMs - m_contentLoMs) / m_msPerPx / m_scrollUnit)));
    m_scroll->setEnabled(maxPx > 0.5);
}

void TimelineWidget::onScrollBar(int value) {
    m_viewStartMs = m_contentLoMs + value * m_scrollUnit * m_msPerPx;
    m_autoFit = false;
    update();
}

void TimelineWidget::zoomToFit() {
    computeContentRange();
    m_msPerPx = 1e18;  // clampView brings it down to "everything fits"
    clampView();
    m_autoFit = true;
    syncScrollBar();
    update();
}

void TimelineWidget::zoomBy(double factor, int anchorX) {
    if (m_snaps.empty() || factor <= 0) return;
    const double anchorMs = msOfX(anchorX);
    m_msPerPx /= factor;
    clampView();  // clamps the zoom first
    m_viewStartMs = anchorMs - (anchorX - plotRect().left()) * m_msPerPx;
    clampView();
    const double fitMsPerPx = (m_contentHiMs - m_contentLoMs) / std::max(1, plotRect().width());
    m_autoFit = m_msPerPx >= fitMsPerPx * 0.999;
    syncScrollBar();
    update();
}

void TimelineWidget::ensureVisible(int index) {
    if (index < 0) return;
    const double x = xOfMs(double(m_snaps[size_t(index)].timeUs) / 1000);
    const QRect plot = plotRect();
    if (x >= plot.left() + 30 && x <= plot.right() - 30) return;
    m_viewStartMs = double(m_snaps[size_t(index)].timeUs) / 1000 - plot.width() / 2.0 * m_msPerPx;
    clampView();
    m_autoFit = false;
    syncScrollBar();
}

void TimelineWidget::setSelectedId(const QString& id) {
    const std::string key = id.toStdString();
    int index = -1;
    for (size_t i = 0; i < m_snaps.size(); ++i)
        if (m_snaps[i].id == key) index = int(i);
    const QString sel = index >= 0 ? id : QString();
    if (sel == m_selected) return;
    m_selected = sel;
    ensureVisible(index);
    update();
}

// ---- events ----

void TimelineWidget::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    updateLabelWidth();
    const int sb = m_scroll->sizeHint().height();
    const QRect plot = plotRect();
    m_scroll->setGeometry(plot.left(), height() - sb, plot.width(), sb);
    if (m_autoFit) {
        zoomToFit();
    } else {
        computeContentRange();
        clampView();
        syncScrollBar();
    }
}

void TimelineWidget::wheelEvent(QWheelEvent* e) {
    const QPoint delta = e->angleDelta();
    if (m_snaps.empty() || delta.isNull()) return;
    if (std::abs(delta.x()) > std::abs(delta.y()) || (e->modifiers() & Qt::ShiftModifier)) {
        const int d = std::abs(delta.x()) > std::abs(delta.y()) ? delta.x() : delta.y();
        m_scroll->setValue(m_scroll->value() - int(d / 120.0 * m_scroll->singleStep()));
    } else {
        zoomBy(std::pow(1.25, delta.y() / 120.0), int(e->position().x()));
    }
    e->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return QWidget::mousePressEvent(e);
    m_pressed = true;
    m_dragging = false;
    m_pressPos = e->position().toPoint();
    m_pressViewStart = m_viewStartMs;
    m_pressIndex = hitTest(m_pressPos);
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* e) {
    const QPoint pos = e->position().toPoint();
    if (m_pressed && (e->buttons() & Qt::LeftButton)) {
        if (!m_dragging && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            m_dragging = true;
            setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            m_viewStartMs = m_pressViewStart - (pos.x() - m_pressPos.x()) * m_msPerPx;
            clampView();
            m_autoFit = false;
            syncScrollBar();
            update();
        }
        return;
    }
    setCursor(hitTest(pos) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(e);
    const bool click = m_pressed && !m_dragging;
    m_pressed = m_dragging = false;
    setCursor(hitTest(e->position().toPoint()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    if (!click || m_pressIndex < 0 || hitTest(e->position().toPoint()) != m_pressIndex) return;
    const QString id = QString::fromStdString(m_snaps[size_t(m_pressIndex)].id);
    m_selected = id;
    update();
    emit snapshotClicked(id);
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return QWidget::mouseDoubleClickEvent(e);
    const int index = hitTest(e->position().toPoint());
    if (index < 0) {
        zoomToFit();
        return;
    }
    const QString id = QString::fromStdString(m_snaps[size_t(index)].id);
    if (m_selected != id) {
        m_selected = id;
        update();
        emit snapshotClicked(id);
    }
    emit snapshotActivated(id);
}

void TimelineWidget::keyPressEvent(QKeyEvent* e) {
    const int mid = plotRect().center().x();
    switch (e->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomBy(1.5, mid);
            break;
        case Qt::Key_Minus:
            zoomBy(1 / 1.5, mid);
            break;
        case Qt::Key_0:
            zoomToFit();
            break;
        case Qt::Key_Left:
            m_scroll->setValue(m_scroll->value() - m_scroll->singleStep());
            break;
        case Qt::Key_Right:
            m_scroll->setValue(m_scroll->value() + m_scroll->singleStep());
            break;
        default:
            QWidget::keyPressEvent(e);
    }
}

void TimelineWidget::changeEvent(QEvent* e) {
    QWidget::changeEvent(e);
    if (e->type() == QEvent::FontChange || e->type() == QEvent::PaletteChange) {
        updateLabelWidth();
        updateGeometry();
        update();
    }
}

bool TimelineWidget::event(QEvent* e) {
    if (e->type() != QEvent::ToolTip) return QWidget::event(e);
    auto* he = static_cast<QHelpEvent*>(e);
    const QPoint pos = he->pos();
    if (const int i = hitTest(pos); i >= 0) {
        const QPoint c = markerCenter(QString::fromStdString(m_snaps[size_t(i)].id));
        const int r = int(markerRadius(m_snaps[size_t(i)])) + 4;
        QToolTip::showText(he->globalPos(), SnapshotTableModel::summary(m_snaps[size_t(i)]), this,
                           QRect(c.x() - r, c.y() - r, 2 * r, 2 * r));
        return true;
    }
    if (const int g = gapAt(pos); g >= 0) {
        const Gap& gap = m_gaps[size_t(g)];
        QToolTip::showText(
            he->globalPos(),
            tr("No snapshot of %1 for %2\nfrom %3 to %4")
                .arg(m_lanes[gap.lane], spanText(gap.toUs - gap.fromUs),
                     dateTimeText(localOf(double(gap.fromUs / 1000))), dateTimeText(localOf(double(gap.toUs / 1000)))),
            this);
        return true;
    }
    if (const int lane = laneAt(pos); lane >= 0 && pos.x() < plotRect().left()) {
        QToolTip::showText(he->globalPos(), m_lanes[lane], this);
        return true;
    }
    QToolTip::hideText();
    e->ignore();
    return true;
}

// ---- painting ----

void TimelineWidget::drawMarker(QPainter& p, const Colors& c, QPointF ctr, double r, bool full, double share) {
    const QColor color = full ? c.full : c.incremental;
    QPainterPath shape;
    if (full) {
        const double d = r * 1.25;  // a diamond of about the circle's area
        shape.moveTo(ctr + QPointF(0, -d));
        shape.lineTo(ctr + QPointF(d, 0));
        shape.lineTo(ctr + QPointF(0, d));
        shape.lineTo(ctr + QPointF(-d, 0));
        shape.closeSubpath();
    } else {
        shape.addEllipse(ctr, r, r);
    }
    p.setPen(Qt::NoPen);
    p.setBrush(c.markerBg);
    p.drawPath(shape);
    // The share of new pages as a slice from twelve o'clock, clockwise.
    share = std::clamp(share, 0.0, 1.0);
    if (share > 0) {
        p.save();
        p.setClipPath(shape, Qt::IntersectClip);
        QColor fill = color;
        fill.setAlpha(230);
        p.setBrush(fill);
        const double R = r * 1.5;
        if (share >= 0.999)
            p.drawPath(shape);
        else
            p.drawPie(QRectF(ctr.x() - R, ctr.y() - R, 2 * R, 2 * R), 90 * 16, -int(std::lround(share * 360 * 16)));
        p.restore();
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(color, 1.6));
    p.drawPath(shape);
}

void TimelineWidget::paintLegend(QPainter& p, const Colors& c) {
    const QRect plot = plotRect();
    const QRect area(0, plot.bottom() + 1, plot.left(), height() - plot.bottom() - 1);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const QFontMetrics fm(small);
    const int lineH = fm.height() + 1;
    const int lines = std::min(3, (area.height() - 4) / lineH);
    const QString texts[] = {tr("full"), tr("incremental"), tr("new pages")};
    const double shares[] = {1.0, 0.0, 0.3};
    p.setFont(small);
    int y = area.top() + (area.height() - lines * lineH) / 2;
    for (int i = 0; i < lines; ++i, y += lineH) {
        drawMarker(p, c, QPointF(16, y + lineH / 2.0), 4.5, i == 0, shares[i]);
        p.setPen(c.dimText);
        p.drawText(QRect(28, y, area.width() - 30, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(texts[i], Qt::ElideRight, area.width() - 30));
    }
    p.setFont(font());
}

void TimelineWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const Colors c(palette());
    p.fillRect(rect(), c.base);
    if (m_snaps.empty()) {
        p.setPen(c.dimText);
        p.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("No snapshots yet.\nBack up a database and its snapshots appear here on a time axis."));
        return;
    }
    paintLanes(p, c);
    paintLegend(p, c);
    p.save();
    p.setClipRect(plotRect().adjusted(0, 0, 0, axisRect().height()));
    paintAxis(p, c);
    paintGaps(p, c);
    paintMarkers(p, c);
    p.restore();
}

void TimelineWidget::paintLanes(QPainter& p, const Colors& c) {
    const QRect plot = plotRect();
    const int h = laneHeight();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fmBold(bold);
    const QFontMetrics fm = fontMetrics();
    p.fillRect(QRect(0, 0, plot.left(), height()), c.labelBg);
    for (int lane = 0; lane < int(m_lanes.size()); ++lane) {
        const QRect laneRect(plot.left(), plot.top() + lane * h, plot.width(), h);
        p.fillRect(laneRect, lane % 2 ? c.laneB : c.laneA);
        // The label: file name, then how many snapshots.
        int count = 0;
        for (int l : m_laneOf) count += l == lane;
        const int cy = laneCenterY(lane);
        const int textW = plot.left() - 16;
        p.setFont(bold);
        p.setPen(c.text);
        const QString name = SnapshotTableModel::fileName(m_lanes[lane].toStdString());
        const bool twoLines = h >= fmBold.height() + fm.height() + 8;
        const int nameTop = twoLines ? cy - fmBold.height() : cy - fmBold.height() / 2;
        p.drawText(QRect(10, nameTop, textW, fmBold.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fmBold.elidedText(name, Qt::ElideMiddle, textW));
        p.setFont(font());
        if (twoLines) {
            p.setPen(c.dimText);
            p.drawText(QRect(10, cy, textW, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       count == 1 ? tr("1 snapshot") : tr("%1 snapshots").arg(count));
        }
        // The lane's line, on which its markers sit.
        p.setPen(QPen(c.gridStrong, 1));
        p.drawLine(QPointF(plot.left(), cy + 0.5), QPointF(plot.right(), cy + 0.5));
    }
    p.setPen(QPen(c.grid, 1));
    p.drawLine(plot.left(), plot.top(), plot.left(), plot.bottom());
}

void TimelineWidget::paintAxis(QPainter& p, const Colors& c) {
    const QRect plot = plotRect();
    const QRect axis = axisRect();
    const QFontMetrics fm = fontMetrics();
    const double from = m_viewStartMs, to = msOfX(plot.right() + 1);

    // The finest step whose labels do not crowd each other.
    const int need =
        std::max(fm.horizontalAdvance(QStringLiteral("00:00")), fm.horizontalAdvance(QStringLiteral("Wed 28"))) + 22;
    Step step = kSteps[std::size(kSteps) - 1];
    for (const Step& s : kSteps)
        if (s.approxMs() / m_msPerPx >= need) {
            step = s;
            break;
        }

    p.setPen(QPen(c.gridStrong, 1));
    p.drawLine(plot.left(), axis.top(), plot.right(), axis.top());

    const int row1 = axis.top() + 5, row2 = row1 + fm.height() + 1;
    for (qint64 t : ticksOf(step, from, to)) {
        const double x = std::round(xOfMs(double(t))) + 0.5;
        p.setPen(QPen(c.grid, 1));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        p.setPen(QPen(c.gridStrong, 1));
        p.drawLine(QPointF(x, axis.top()), QPointF(x, axis.top() + 4));
        const QString label = tickLabel(step, t);
        const int w = fm.horizontalAdvance(label);
        if (x - w / 2.0 < plot.left() || x + w / 2.0 > plot.right()) continue;
        p.setPen(c.text);
        p.drawText(QRectF(x - w / 2.0 - 2, row1, w + 4, fm.height()), Qt::AlignCenter, label);
    }

    // Context row: the date (or month, or year) at each boundary, and the current one at the left edge.
    const std::vector<qint64> ctx = contextTicks(step, from, to);
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fmBold(bold);
    p.setFont(bold);
    int nextLeft = plot.right() + 1000;
    for (qint64 t : ctx) {
        const double x = std::round(xOfMs(double(t))) + 0.5;
        p.setPen(QPen(c.gridStrong, 1));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, axis.bottom()));
        const QString label = contextLabel(step, t);
        const int w = fmBold.horizontalAdvance(label);
        if (x + 4 + w > plot.right()) continue;
        nextLeft = std::min(nextLeft, int(x));
        p.setPen(c.text);
        p.drawText(QRectF(x + 4, row2, w + 2, fmBold.height()), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    if (step.unit != Step::kMonths || step.n != 12) {
        const QString sticky = contextLabel(step, contextStart(step, from));
        const int w = fmBold.horizontalAdvance(sticky);
        if (plot.left() + 4 + w + 8 < nextLeft) {
            p.setPen(c.text);
            p.drawText(QRectF(plot.left() + 4, row2, w + 2, fmBold.height()), Qt::AlignLeft | Qt::AlignVCenter, sticky);
        }
    }
    p.setFont(font());

    // Now, when in view.
    const double nowMs = double(QDateTime::currentMSecsSinceEpoch());
    if (nowMs >= from && nowMs <= to) {
        const double x = std::round(xOfMs(nowMs)) + 0.5;
        p.setPen(QPen(c.now, 1.5, Qt::DashLine));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const QString label = tr("now");
        const int w = fm.horizontalAdvance(label);
        p.setPen(c.now);
        p.drawText(QRectF(x - w - 4, plot.top() + 1, w + 2, fm.height()), Qt::AlignRight | Qt::AlignVCenter, label);
    }
}

void TimelineWidget::paintGaps(QPainter& p, const Colors& c) {
    const QRect plot = plotRect();
    const int h = laneHeight();
    const QFontMetrics fm = fontMetrics();
    for (const Gap& g : m_gaps) {
        const double x0 = xOfMs(double(g.fromUs) / 1000) + 7, x1 = xOfMs(double(g.toUs) / 1000) - 7;
        if (x1 <= x0 || x1 < plot.left() || x0 > plot.right()) continue;
        const int top = plot.top() + g.lane * h;
        const QRectF band(x0, top + 3, x1 - x0, h - 6);
        p.fillRect(band, c.gapFill);
        p.fillRect(band, QBrush(c.gapHatch, Qt::BDiagPattern));
        p.setPen(QPen(c.gapHatch, 1, Qt::DashLine));
        p.drawLine(QPointF(x0, band.top()), QPointF(x0, band.bottom()));
        p.drawLine(QPointF(x1, band.top()), QPointF(x1, band.bottom()));

        // The label, below the lane line, kept inside the visible part of the band.
        const double vx0 = std::max(x0, double(plot.left())), vx1 = std::min(x1, double(plot.right()));
        QString label = tr("no snapshot · %1").arg(spanText(g.toUs - g.fromUs));
        if (fm.horizontalAdvance(label) + 12 > vx1 - vx0) label = tr("no snapshot");
        if (fm.horizontalAdvance(label) + 12 > vx1 - vx0) label = tr("gap");
        const int w = fm.horizontalAdvance(label);
        if (w + 12 > vx1 - vx0) continue;
        const QRectF box((vx0 + vx1 - w) / 2 - 4, laneCenterY(g.lane) + 5, w + 8, fm.height() + 2);
        if (box.bottom() > top + h - 2) continue;
        p.setPen(Qt::NoPen);
        p.setBrush(c.tagBg);
        p.drawRoundedRect(box, 3, 3);
        p.setPen(c.gapText);
        p.drawText(box, Qt::AlignCenter, label);
    }
    p.setBrush(Qt::NoBrush);
}

void TimelineWidget::paintMarkers(QPainter& p, const Colors& c) {
    const QRect plot = plotRect();
    const QFontMetrics fm = fontMetrics();
    const int h = laneHeight();

    int selectedIndex = -1;
    for (size_t i = 0; i < m_snaps.size(); ++i)
        if (QString::fromStdString(m_snaps[i].id) == m_selected) selectedIndex = int(i);

    // The selection's guide line, under everything else.
    if (selectedIndex >= 0) {
        const double x = xOfMs(double(m_snaps[size_t(selectedIndex)].timeUs) / 1000);
        QColor guide = c.highlight;
        guide.setAlpha(110);
        p.setPen(QPen(guide, 2));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, axisRect().top()));
    }

    // Tags: the selected one first, then left to right, each only where it overlaps no other tag and
    // hides no marker.
    std::vector<QRectF> taken;
    for (size_t i = 0; i < m_snaps.size(); ++i) {
        const double r = markerRadius(m_snaps[i]) * 1.25;
        const QPointF ctr(xOfMs(double(m_snaps[i].timeUs) / 1000), laneCenterY(m_laneOf[i]));
        taken.emplace_back(ctr.x() - r, ctr.y() - r, 2 * r, 2 * r);
    }
    std::vector<std::pair<int, QRectF>> tags;
    auto placeTag = [&](int i) {
        const auto& s = m_snaps[size_t(i)];
        if (s.tag.empty()) return;
        const double x = xOfMs(double(s.timeUs) / 1000);
        if (x < plot.left() - 80 || x > plot.right() + 80) return;
        const QString text = fm.elidedText(QString::fromStdString(s.tag), Qt::ElideRight, 150);
        const int w = fm.horizontalAdvance(text);
        const double cy = laneCenterY(m_laneOf[size_t(i)]);
        const double r = markerRadius(s);
        QRectF box(x - w / 2.0 - 4, cy - r - 4 - fm.height() - 2, w + 8, fm.height() + 2);
        if (box.top() < plot.top() + m_laneOf[size_t(i)] * h + 1) return;  // no room above the marker
        if (box.left() < plot.left() + 1) box.moveLeft(plot.left() + 1);
        if (box.right() > plot.right() - 1) box.moveRight(plot.right() - 1);
        for (const QRectF& t : taken)
            if (t.adjusted(-3, 0, 3, 0).intersects(box)) return;
        taken.push_back(box);
        tags.emplace_back(i, box);
    };
    if (selectedIndex >= 0) placeTag(selectedIndex);
    for (int i = 0; i < int(m_snaps.size()); ++i)
        if (i != selectedIndex) placeTag(i);
    for (const auto& [i, box] : tags) {
        const bool sel = i == selectedIndex;
        p.setPen(sel ? QPen(c.highlight, 1) : Qt::NoPen);
        p.setBrush(c.tagBg);
        p.drawRoundedRect(box, 3, 3);
        p.setPen(sel ? c.text : c.dimText);
        p.drawText(box, Qt::AlignCenter,
                   fm.elidedText(QString::fromStdString(m_snaps[size_t(i)].tag), Qt::ElideRight, 150));
    }
    p.setBrush(Qt::NoBrush);

    for (size_t i = 0; i < m_snaps.size(); ++i) {
        const auto& s = m_snaps[i];
        const double x = xOfMs(double(s.timeUs) / 1000);
        const double r = markerRadius(s);
        if (x + r + 6 < plot.left() || x - r - 6 > plot.right()) continue;
        const QPointF ctr(x, laneCenterY(m_laneOf[i]));
        const bool full = s.parent.empty();

        if (int(i) == selectedIndex) {
            QColor halo = c.highlight;
            halo.setAlpha(70);
            p.setPen(Qt::NoPen);
            p.setBrush(halo);
            p.drawEllipse(ctr, r * 1.25 + 6, r * 1.25 + 6);
        }
        const double share = s.pageCount ? double(s.pagesNew) / double(s.pageCount) : 0;
        drawMarker(p, c, ctr, r, full, share);
        if (int(i) == selectedIndex) {
            p.setPen(QPen(c.highlight, 2.5));
            p.drawEllipse(ctr, r * 1.25 + 4, r * 1.25 + 4);
        }
    }
}

}  // namespace prescient::ui
