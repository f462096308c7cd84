#include "restoremonitor.h"

#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QFrame>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>

#include "formatting.h"
#include "restoremanager.h"

namespace prescient::ui {

namespace {

constexpr int kTickMs = 200;  // 5 Hz: the series is sampled at 10 Hz
const QString kNone = QStringLiteral("—");

QString secondsText(double s) {
    if (s < 0) return kNone;
    return prescient::ui::durationText(s);
}

// The upper end of an axis showing values up to v: 1, 2 or 5 times a power of ten, at least `floor`.
double niceCeil(double v, double floor) {
    if (v <= floor) return floor;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= v) return m * p;
    return 10 * p;
}

// The six point lists of a track, in chart order (const or not, as the track).
auto listsOf(auto& t) { return std::array{&t.tier[0], &t.tier[1], &t.tier[2], &t.mbps, &t.restored, &t.predicted}; }

QLabel* figureValue() {
    auto* l = new QLabel(kNone);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 1.9);
    f.setBold(true);
    l->setFont(f);
    return l;
}

// A framed box: a small caption over a big value (and an optional note under it).
QFrame* figureBox(const QString& caption, QLabel* value, QLabel* note = nullptr) {
    auto* box = new QFrame;
    box->setFrameShape(QFrame::StyledPanel);
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(10, 6, 10, 6);
    v->setSpacing(0);
    auto* c = new QLabel(caption);
    c->setStyleSheet("color: palette(dark);");
    v->addWidget(c);
    v->addWidget(value);
    if (note) {
        note->setStyleSheet("color: palette(dark);");
        v->addWidget(note);
    }
    return box;
}

QChart* makeChart(const QString& title) {
    auto* c = new QChart;
    c->setTitle(title);
    QFont f = c->titleFont();
    f.setBold(true);
    c->setTitleFont(f);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(2, 2, 2, 2));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    return c;
}

QLineSeries* makeSeries(QChart* chart, const QString& name, const QColor& color, Qt::PenStyle style = Qt::SolidLine) {
    auto* s = new QLineSeries;
    s->setName(name);
    QPen pen(color);
    pen.setWidthF(2);
    pen.setStyle(style);
    s->setPen(pen);
    chart->addSeries(s);
    return s;
}

QValueAxis* makeAxis(const QString& title, double max, const QString& format) {
    auto* a = new QValueAxis;
    a->setTitleText(title);
    a->setRange(0, max);
    a->setLabelFormat(format);
    a->setTickCount(6);
    return a;
}

}  // namespace

RestoreMonitor::RestoreMonitor(RestoreManager* manager, QWidget* parent) : QWidget(parent), m_manager(manager) {
    // Left: the restores.
    auto* left = new QWidget;
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    auto* listTitle = new QLabel(tr("<b>Restores</b>"));
    m_table = new QTableWidget(0, 4);
    m_table->setHorizontalHeaderLabels({tr("Target"), tr("Strategy"), tr("State"), tr("Done")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c) m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_cancel = new QPushButton(tr("Cancel restore"));
    m_cancel->setToolTip(
        tr("Stops the selected restore. Its state file is kept: restoring the same snapshot to the "
           "same file resumes it."));
    lv->addWidget(listTitle);
    lv->addWidget(m_table, 1);
    lv->addWidget(m_cancel);

    // Right: the selected restore.
    m_details = new QWidget;
    auto* rv = new QVBoxLayout(m_details);
    rv->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel;
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rv->addWidget(m_header);

    m_ttfq = figureValue();
    m_t90 = figureValue();
    m_hitRate = figureValue();
    m_elapsed = figureValue();
    m_t90Note = new QLabel(" ");
    auto* figures = new QHBoxLayout;
    figures->addWidget(figureBox(tr("Time to first query"), m_ttfq), 1);
    figures->addWidget(figureBox(tr("Time to 90% hit rate"), m_t90, m_t90Note), 1);
    figures->addWidget(figureBox(tr("Hit rate (tiers 1+2)"), m_hitRate), 1);
    figures->addWidget(figureBox(tr("Elapsed"), m_elapsed), 1);
    rv->addLayout(figures);

    m_pages = new QProgressBar;
    m_pages->setRange(0, 1000);
    m_predicted = new QProgressBar;
    m_predicted->setRange(0, 1000);
    auto* bars = new QHBoxLayout;
    bars->addWidget(new QLabel(tr("Pages restored:")));
    bars->addWidget(m_pages, 3);
    bars->addSpacing(12);
    bars->addWidget(new QLabel(tr("Predicted set:")));
    bars->addWidget(m_predicted, 2);
    rv->addLayout(bars);

    m_outcome = new QLabel;
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rv->addWidget(m_outcome);

    m_tierChart = makeChart(tr("Reads served by tier"));
    m_tierSeries[0] = makeSeries(m_tierChart, tr("Tier 1: prefetch cache"), QColor("#2e7d32"));
    m_tierSeries[1] = makeSeries(m_tierChart, tr("Tier 2: target file"), QColor("#1565c0"));
    m_tierSeries[2] = makeSeries(m_tierChart, tr("Tier 3: fetched on demand (waited)"), QColor("#c62828"));
    m_tierX = makeAxis(tr("seconds since the restore started"), 10, "%.0f");
    auto* tierY = makeAxis(tr("% of reads"), 100, "%.0f");
    m_tierChart->addAxis(m_tierX, Qt::AlignBottom);
    m_tierChart->addAxis(tierY, Qt::AlignLeft);
    for (auto* s : m_tierSeries) {
        s->attachAxis(m_tierX);
        s->attachAxis(tierY);
    }

    m_restoreChart = makeChart(tr("Restore"));
    m_mbps = makeSeries(m_restoreChart, tr("Throughput (MB/s)"), QColor("#6a1b9a"));
    m_restoredSeries = makeSeries(m_restoreChart, tr("Pages restored (%)"), QColor("#1565c0"));
    m_predictedSeries = makeSeries(m_restoreChart, tr("Predicted set restored (%)"), QColor("#ef6c00"), Qt::DashLine);
    m_restoreX = makeAxis(tr("seconds since the restore started"), 10, "%.0f");
    m_mbpsAxis = makeAxis(tr("MB/s"), 1, "%.1f");
    auto* shareAxis = makeAxis(tr("%"), 100, "%.0f");
    m_restoreChart->addAxis(m_restoreX, Qt::AlignBottom);
    m_restoreChart->addAxis(m_mbpsAxis, Qt::AlignLeft);
    m_restoreChart->addAxis(shareAxis, Qt::AlignRight);
    m_mbps->attachAxis(m_restoreX);
    m_mbps->attachAxis(m_mbpsAxis);
    for (auto* s : {m_restoredSeries, m_predictedSeries}) {
        s->attachAxis(m_restoreX);
        s->attachAxis(shareAxis);
    }
    int v = 0;
    for (QChart* c : {m_tierChart, m_restoreChart}) {
        auto* view = new QChartView(c);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(180);
        rv->addWidget(view, 1);
        m_chartViews[v++] = view;
    }

    m_empty = new QLabel(tr("No restore yet.\nPick a snapshot and click Restore: its progress shows here."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet("color: palette(dark);");
    auto* right = new QWidget;
    auto* stack = new QVBoxLayout(right);
    stack->setContentsMargins(0, 0, 0, 0);
    stack->addWidget(m_empty, 1);
    stack->addWidget(m_details, 1);

    auto* splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 700});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto items = m_table->selectedItems();
        if (!items.isEmpty()) select(m_table->item(items.first()->row(), 0)->data(Qt::UserRole).toInt());
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_selected) m_manager->cancel(m_selected);
    });
    connect(m_manager, &RestoreManager::restoreAdded, this, &RestoreMonitor::onAdded);
    connect(m_manager, &RestoreManager::restoreStarted, this, [this] { m_timer.start(); });
    connect(m_manager, &RestoreManager::restoreFinished, this, [this](int id) { onFinished(id); });
    connect(m_manager, &RestoreManager::changed, this, [this] {
        updateRows();
        updateDetails();
    });
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &RestoreMonitor::tick);

    for (int id : m_manager->ids()) m_tracks[id];
    updateRows();
    if (!m_manager->ids().empty()) select(m_manager->ids().back());
    updateDetails();
    m_timer.start();
}

void RestoreMonitor::onAdded(int id) {
    m_tracks[id];
    updateRows();
    select(id);  // the restore just asked for is the one to watch
    m_timer.start();
}

void RestoreMonitor::onFinished(int id) {
    tick();  // take the final points now, not on the next tick
    if (id == m_selected) updateDetails();
}

int RestoreMonitor::pointCount(int id) const {
    auto it = m_tracks.find(id);
    return it == m_tracks.end() ? 0 : it->second.points;
}

QString RestoreMonitor::figureText(const QString& which) const {
    if (which == "ttfq") return m_ttfq->text();
    if (which == "t90") return m_t90->text();
    return QString();
}

QAbstractButton* RestoreMonitor::cancelButton() const { return m_cancel; }

QString RestoreMonitor::outcomeText() const { return m_outcome->text(); }

void RestoreMonitor::select(int id) {
    if (!m_manager->entry(id)) return;
    if (id != m_selected) {
        m_selected = id;
        loadCharts(m_tracks[id]);
    }
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->item(r, 0)->data(Qt::UserRole).toInt() == id && m_table->currentRow() != r) {
            m_table->selectRow(r);
            break;
        }
    }
    updateDetails();
}

bool RestoreMonitor::pull(int id, Track& t, bool* reloaded) {
    *reloaded = false;
    const RestoreManager::Entry* e = m_manager->entry(id);
    if (!e) return false;
    std::vector<monitor::MetricsPoint> pts;
    uint64_t gen = 0;
    QString strategy;
    if (e->session) {
        const monitor::MetricsSeries& series = e->session->series();
        pts = series.points(t.from, &gen);
        if (gen != t.generation) {  // thinned since: the indexes changed, start over
            pts = series.points(0, &gen);
            *reloaded = true;
        }
        strategy = QString::fromStdString(e->session->strategy());
    } else if (!t.finalRead && !e->active()) {
        t.finalRead = true;
        gen = e->finalGeneration;
        *reloaded = gen != t.generation;
        const size_t from = *reloaded ? 0 : std::min(t.from, e->finalPoints.size());
        pts.assign(e->finalPoints.begin() + static_cast<std::ptrdiff_t>(from), e->finalPoints.end());
        strategy = e->strategyUsed;
    } else {
        return false;
    }
    if (*reloaded) {
        for (auto* l : listsOf(t)) l->clear();
        t.from = 0;
        t.points = 0;
        t.lastT = t.maxMBps = 0;
        t.last.reset();
        t.generation = gen;
    }
    const bool prediction = strategy != "none";
    for (const auto& p : pts) {
        const double shares[3] = {p.tier1Share, p.tier2Share, p.tier3Share};
        for (int i = 0; i < 3; ++i)
            if (shares[i] >= 0) t.tier[i].append(QPointF(p.t, shares[i] * 100));  // -1: no read in the window
        t.mbps.append(QPointF(p.t, p.throughputMBps));
        t.restored.append(QPointF(p.t, p.restoredShare * 100));
        if (prediction) t.predicted.append(QPointF(p.t, p.predictedProgress * 100));
        t.lastT = std::max(t.lastT, p.t);
        t.last = p;
        t.maxMBps = std::max(t.maxMBps, p.throughputMBps);
    }
    t.from += pts.size();
    t.points += static_cast<int>(pts.size());
    return *reloaded || !pts.empty();
}

void RestoreMonitor::loadCharts(const Track& t) {
    std::array<QLineSeries*, 6> series = {m_tierSeries[0], m_tierSeries[1],  m_tierSeries[2],
                                          m_mbps,          m_restoredSeries, m_predictedSeries};
    auto lists = listsOf(t);
    for (size_t i = 0; i < series.size(); ++i) series[i]->replace(*lists[i]);
    updateAxes(t);
}

void RestoreMonitor::appendCharts(const Track& t, const qsizetype before[6]) {
    std::array<QLineSeries*, 6> series = {m_tierSeries[0], m_tierSeries[1],  m_tierSeries[2],
                                          m_mbps,          m_restoredSeries, m_predictedSeries};
    auto lists = listsOf(t);
    for (size_t i = 0; i < series.size(); ++i)
        if (lists[i]->size() > before[i]) series[i]->append(lists[i]->mid(before[i]));
    updateAxes(t);
}

void RestoreMonitor::updateAxes(const Track& t) {
    const double xMax = niceCeil(t.lastT * 1.05, 10);
    m_tierX->setRange(0, xMax);
    m_restoreX->setRange(0, xMax);
    m_mbpsAxis->setRange(0, niceCeil(t.maxMBps * 1.15, 1));
    // Current values in the legends: tier lines at the same height (0% or 100%) hide one another. (The
    // progress bars above show the restored shares.)
    auto pct = [](double v) { return v < 0 ? kNone : QString("%1%").arg(qRound(v * 100)); };
    const std::optional<monitor::MetricsPoint>& p = t.last;
    m_tierSeries[0]->setName(tr("Tier 1: prefetch cache  %1").arg(p ? pct(p->tier1Share) : kNone));
    m_tierSeries[1]->setName(tr("Tier 2: target file  %1").arg(p ? pct(p->tier2Share) : kNone));
    m_tierSeries[2]->setName(tr("Tier 3: fetched on demand  %1").arg(p ? pct(p->tier3Share) : kNone));
    m_mbps->setName(tr("Throughput  %1 MB/s").arg(p ? QLocale().toString(p->throughputMBps, 'f', 2) : kNone));
}

void RestoreMonitor::tick() {
    bool busy = false;
    for (int id : m_manager->ids()) {
        Track& t = m_tracks[id];
        auto lists = listsOf(t);
        qsizetype before[6];
        for (size_t i = 0; i < lists.size(); ++i) before[i] = lists[i]->size();
        bool reloaded = false;
        if (pull(id, t, &reloaded) && id == m_selected) {
            if (reloaded)
                loadCharts(t);
            else
                appendCharts(t, before);
        }
        const RestoreManager::Entry* e = m_manager->entry(id);
        if (e->active() || (!t.finalRead && !e->finalPoints.empty())) busy = true;
    }
    updateRows();
    updateDetails();
    if (!busy) m_timer.stop();
}

namespace {

// Share of the pages restored: live from the counters, else from the end of the series.
double restoredShare(const RestoreManager::Entry& e) {
    if (e.state == RestoreManager::State::Complete) return 1;
    if (e.session) {
        const auto& c = e.session->counters();
        return c.pagesTotal ? double(c.pagesRestored.load(std::memory_order_relaxed)) / double(c.pagesTotal) : 0;
    }
    return e.finalPoints.empty() ? 0 : e.finalPoints.back().restoredShare;
}

QString strategyOf(const RestoreManager::Entry& e) {
    QString s = e.session ? QString::fromStdString(e.session->strategy()) : e.strategyUsed;
    if (s.isEmpty() || s == "best") s = e.request.strategy.isEmpty() ? QObject::tr("best model") : e.request.strategy;
    return s;
}

QString stateText(const RestoreManager::Entry& e) {
    if (e.active() && e.cancelRequested) return RestoreManager::tr("Cancelling…");
    return RestoreManager::stateName(e.state);
}

}  // namespace

void RestoreMonitor::updateRows() {
    const std::vector<int> ids = m_manager->ids();
    if (m_table->rowCount() != int(ids.size())) {
        QSignalBlocker block(m_table);
        m_table->setRowCount(int(ids.size()));
        for (int r = 0; r < int(ids.size()); ++r)
            for (int c = 0; c < 4; ++c)
                if (!m_table->item(r, c)) m_table->setItem(r, c, new QTableWidgetItem);
    }
    for (int r = 0; r < int(ids.size()); ++r) {
        const RestoreManager::Entry* e = m_manager->entry(ids[r]);
        QTableWidgetItem* target = m_table->item(r, 0);
        target->setData(Qt::UserRole, ids[r]);
        target->setText(QFileInfo(e->request.target).fileName());
        target->setToolTip(e->request.target);
        m_table->item(r, 1)->setText(strategyOf(*e));
        QTableWidgetItem* state = m_table->item(r, 2);
        state->setText(stateText(*e));
        state->setForeground(e->state == RestoreManager::State::Failed     ? QColor("#b00020")
                             : e->state == RestoreManager::State::Complete ? QColor("#2e7d32")
                                                                           : m_table->palette().text().color());
        state->setToolTip(e->message);
        QTableWidgetItem* done = m_table->item(r, 3);
        done->setText(e->state == RestoreManager::State::Starting ? kNone
                                                                  : QString("%1%").arg(int(restoredShare(*e) * 100)));
        done->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (ids[r] == m_selected && m_table->currentRow() != r) {
            QSignalBlocker block(m_table);
            m_table->selectRow(r);
        }
    }
}

void RestoreMonitor::updateDetails() {
    const RestoreManager::Entry* e = m_selected ? m_manager->entry(m_selected) : nullptr;
    m_empty->setVisible(!e);
    m_details->setVisible(e != nullptr);
    m_cancel->setEnabled(e && e->active() && !e->cancelRequested);
    m_cancel->setText(e && e->active() && e->cancelRequested ? tr("Cancelling…") : tr("Cancel restore"));
    if (!e) return;
    const QLocale locale;
    const RestoreRequest& r = e->request;
    QString snap = QString::fromStdString(r.snapshot.id).left(8);
    if (!r.snapshot.tag.empty()) snap += tr(" (tag %1)").arg(QString::fromStdString(r.snapshot.tag).toHtmlEscaped());
    QString header =
        tr("<b>%1</b><br>Snapshot %2 of %3 · taken %4 · %5 · strategy %6")
            .arg(r.target.toHtmlEscaped(), snap, QString::fromStdString(r.snapshot.sourcePath).toHtmlEscaped(),
                 dateTimeTextUs(r.snapshot.timeUs),
                 locale.formattedDataSize(qint64(r.snapshot.bytesTotal)), strategyOf(*e));
    if (r.rateMBps > 0) header += tr(" · limited to %1 MB/s").arg(locale.toString(r.rateMBps));
    m_header->setText(header);

    // Figures: live from the session (lock-free counters, the series' own mutex), else as they ended.
    monitor::MetricsSummary sum = e->summary;
    double ttfq = -1, elapsed = -1, predicted = -1;
    QString strategy = e->strategyUsed;
    if (e->session) {
        sum = e->session->series().summary();
        const int64_t us = e->session->counters().firstQueryUs.load(std::memory_order_relaxed);
        ttfq = us >= 0 ? double(us) / 1e6 : -1;
        elapsed = double(e->startedAt.msecsTo(QDateTime::currentDateTime())) / 1000;
        if (auto p = e->session->series().latest()) predicted = p->predictedProgress;
        strategy = QString::fromStdString(e->session->strategy());
    } else {
        ttfq = sum.timeToFirstQuery;
        if (e->result)
            elapsed = e->result->seconds;
        else if (!e->finalPoints.empty())
            elapsed = e->finalPoints.back().t;
        if (!e->finalPoints.empty()) predicted = e->finalPoints.back().predictedProgress;
    }
    m_ttfq->setText(secondsText(ttfq));
    m_t90->setText(secondsText(sum.timeTo90));
    m_t90Note->setText(sum.restoredAt90 >= 0 ? tr("with %1% of the pages restored").arg(qRound(sum.restoredAt90 * 100))
                       : e->active()         ? tr("needs ≥ %1 reads in a 1 s window").arg(monitor::kMinReads)
                       : e->pagesTotal       ? tr("not reached")
                                             : QString(" "));
    m_hitRate->setText(sum.hitRate >= 0 ? QString("%1%").arg(qRound(sum.hitRate * 100)) : kNone);
    m_elapsed->setText(secondsText(elapsed));

    const double share = restoredShare(*e);
    m_pages->setValue(int(share * 1000));
    const uint64_t total = e->pagesTotal ? e->pagesTotal : r.snapshot.pageCount;
    m_pages->setFormat(tr("%1% · %2 of %3 pages")
                           .arg(int(share * 100))
                           .arg(locale.toString(qulonglong(std::llround(share * double(total)))))
                           .arg(locale.toString(qulonglong(total))));
    const bool noPrediction = strategy == "none";
    m_predicted->setEnabled(!noPrediction && predicted >= 0);
    m_predicted->setValue(noPrediction || predicted < 0 ? 0 : int(predicted * 1000));
    m_predicted->setFormat(noPrediction    ? tr("none (pack order)")
                           : predicted < 0 ? (e->active() ? tr("planning…") : kNone)
                                           : QString("%1%").arg(int(predicted * 100)));
    m_predictedSeries->setVisible(!noPrediction);

    auto setOutcomeStyle = [this](const QString& css) {  // restyling every tick would be wasted work
        if (m_outcome->styleSheet() != css) m_outcome->setStyleSheet(css);
    };
    // A restore that never started has nothing to chart: its error is what matters.
    const bool ran = e->state != RestoreManager::State::Failed || e->pagesTotal > 0;
    for (QChartView* v : m_chartViews) v->setVisible(ran);
    const Track& track = m_tracks[m_selected];
    const bool reads = !track.tier[0].isEmpty() || !track.tier[1].isEmpty() || !track.tier[2].isEmpty();
    const QString tierTitle = reads ? tr("Reads served by tier (share of the reads in each 1 s window)")
                              : e->active()
                                  ? tr("Reads served by tier: no reads yet (query the target to see them here)")
                                  : tr("Reads served by tier: the target was not read during the restore");
    if (m_tierChart->title() != tierTitle) m_tierChart->setTitle(tierTitle);

    switch (e->state) {
        case RestoreManager::State::Starting:
            setOutcomeStyle("color: palette(dark);");
            m_outcome->setText(tr("Preparing the restore state and the target file…"));
            break;
        case RestoreManager::State::Restoring:
            setOutcomeStyle("color: palette(dark);");
            m_outcome->setText(e->cancelRequested
                                   ? tr("Cancelling: the workers stop after their current batch.")
                                   : tr("The target answers queries now through the prescient VFS (query console, "
                                        "<code>prescient sql</code>); pages not yet restored are fetched on demand."));
            break;
        case RestoreManager::State::Complete:
            setOutcomeStyle("color: #2e7d32; font-weight: bold;");
            m_outcome->setText(tr("✔ %1").arg(e->message.toHtmlEscaped()));
            break;
        case RestoreManager::State::Cancelled:
            setOutcomeStyle("color: #9a5b00; font-weight: bold;");
            m_outcome->setText(e->message.toHtmlEscaped());
            break;
        case RestoreManager::State::Failed:
            setOutcomeStyle("color: #b00020; font-weight: bold;");
            m_outcome->setText(tr("✖ %1").arg(e->message.toHtmlEscaped().replace('\n', "<br>")));
            break;
    }
}

}  // namespace prescient::ui
