#include "alertsview.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

#include "alertsettings.h"
#include "alerttablemodel.h"
#include "appcontext.h"
#include "errortext.h"
#include "formatting.h"
#include "preferencesdialog.h"
#include "restoremanager.h"

namespace prescient::ui {

namespace {

constexpr int kIdlePollMs = 3000;    // a repository is open: catch alerts of other processes' restores
constexpr int kActivePollMs = 1000;  // a restore of this GUI runs: its alerts should show promptly

// Filters on kAcknowledgedRole when "unacknowledged only" is on.
class AlertFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setUnacknowledgedOnly(bool on) {
        m_unackOnly = on;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        if (!m_unackOnly) return true;
        return !sourceModel()->index(row, 0, parent).data(AlertTableModel::kAcknowledgedRole).toBool();
    }

private:
    bool m_unackOnly = false;
};

// Same rows in the same state: no reset needed (keeps selection and scrolling on every poll).
bool sameRows(const std::vector<repo::AlertRecord>& a, const std::vector<repo::AlertRecord>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const auto& x, const auto& y) { return x.id == y.id && x.acknowledged == y.acknowledged; });
}

QString escaped(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

}  // namespace

AlertsView::AlertsView(AppContext* ctx, RestoreManager* restores, QWidget* parent)
    : QWidget(parent), m_ctx(ctx), m_restores(restores) {
    m_model = new AlertTableModel(this);
    auto* filter = new AlertFilter(this);
    m_proxy = filter;
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AlertTableModel::kSortRole);

    m_table = new QTableView;
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AlertTableModel::kTime, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_details = new QTextBrowser;
    m_details->setOpenLinks(false);
    m_details->setFrameShape(QFrame::StyledPanel);

    m_unackOnly = new QCheckBox(tr("&Unacknowledged only"));
    m_unackOnly->setToolTip(tr("Hide the alerts someone has acknowledged"));
    m_summary = new QLabel;
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_thresholds = new QPushButton(tr("&Thresholds…"));
    m_thresholds->setToolTip(tr("Change the limits that raise an alert during a restore"));
    m_ack = new QPushButton(tr("&Acknowledge"));
    m_ack->setToolTip(tr("Mark the selected alerts as seen and handled"));
    m_ackAll = new QPushButton(tr("Acknowledge a&ll"));
    m_ackAll->setToolTip(tr("Mark every unacknowledged alert as seen and handled"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_unackOnly);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_thresholds);
    bar->addWidget(m_ack);
    bar->addWidget(m_ackAll);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    m_restores->setAlertRulesSource([] { return AlertSettings::load().rules; });

    connect(m_unackOnly, &QCheckBox::toggled, this, [this] { applyFilter(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetails();
        updateButtons();
    });
    connect(m_thresholds, &QPushButton::clicked, this, &AlertsView::editThresholds);
    connect(m_ack, &QPushButton::clicked, this, &AlertsView::acknowledgeSelected);
    connect(m_ackAll, &QPushButton::clicked, this, &AlertsView::acknowledgeAll);
    connect(m_ctx, &AppContext::repositoryOpened, this, &AlertsView::onRepositoryOpened);
    connect(m_restores, &RestoreManager::restoreFinished, this, [this] { refresh(); });
    connect(m_restores, &RestoreManager::restoreStarted, this, [this] { schedulePoll(); });
    m_poll.setSingleShot(true);
    connect(&m_poll, &QTimer::timeout, this, &AlertsView::refresh);

    refresh();
    updateDetails();
}

QAbstractItemModel* AlertsView::alertModel() const { return m_model; }
int AlertsView::unacknowledgedCount() const { return m_model->unacknowledgedCount(); }
QAbstractButton* AlertsView::acknowledgeButton() const { return m_ack; }
QAbstractButton* AlertsView::acknowledgeAllButton() const { return m_ackAll; }
QString AlertsView::detailsText() const { return m_details->toPlainText(); }
QString AlertsView::summaryText() const { return m_summary->text(); }

void AlertsView::onRepositoryOpened() {
    ++m_repoGeneration;  // answers for the previous repository are dropped from here on
    m_loaded = false;
    m_seen.clear();
    m_error.clear();
    m_model->resetData({});
    refresh();
}

void AlertsView::schedulePoll() {
    if (!m_ctx->repository()) {
        m_poll.stop();
        return;
    }
    m_poll.start(m_restores->activeTargets().isEmpty() ? kIdlePollMs : kActivePollMs);
}

void AlertsView::refresh() {
    std::shared_ptr<repo::Repository> repo = m_ctx->repository();
    if (!repo) {
        m_poll.stop();
        m_loaded = false;
        m_seen.clear();
        onLoaded(m_repoGeneration, {}, QString());
        return;
    }
    m_poll.stop();  // restarted when the answer arrives
    const quint64 generation = m_repoGeneration;
    struct Loaded {
        std::vector<repo::AlertRecord> alerts;
        Status status;
    };
    m_ctx->run<Loaded>(
        this, QStringLiteral("alerts-list-%1").arg(quintptr(this)),  // per view: two views never drop each other's
        [repo] {
            Loaded out;
            auto r = repo->catalog().listAlerts(false);
            if (r.isOk())
                out.alerts = std::move(r.value());
            else
                out.status = r.status();
            return out;
        },
        [this, generation](Loaded loaded) {
            onLoaded(generation, std::move(loaded.alerts),
                     loaded.status.isOk() ? QString() : errorText(loaded.status, tr("Reading the alerts")));
            schedulePoll();
        });
}

void AlertsView::onLoaded(quint64 generation, std::vector<repo::AlertRecord> alerts, const QString& error) {
    if (generation != m_repoGeneration) return;  // for a repository no longer open
    if (!error.isEmpty()) {
        m_error = error;  // keep the rows shown; the next poll tries again
        updateSummary();
        emit contentReady();
        return;
    }
    m_error.clear();
    const bool baseline = !m_loaded && m_ctx->repository();
    m_loaded = m_loaded || baseline;
    std::vector<const repo::AlertRecord*> fresh;  // oldest first, for the announcements
    for (auto it = alerts.rbegin(); it != alerts.rend(); ++it)
        if (m_seen.insert(it->id).second && !baseline && !it->acknowledged) fresh.push_back(&*it);
    std::vector<repo::AlertRecord> announce;
    for (const auto* a : fresh) announce.push_back(*a);

    if (!sameRows(m_model->alerts(), alerts)) {
        const std::vector<qint64> keep = selectedIds();
        m_model->resetData(std::move(alerts));
        if (m_firstFill && m_model->rowCount() > 0) {
            m_firstFill = false;
            m_table->resizeColumnsToContents();
            for (int c = 0; c < AlertTableModel::kColumnCount - 1; ++c)
                m_table->setColumnWidth(c, std::min(m_table->columnWidth(c) + 16, 280));
        }
        for (qint64 id : keep) {
            const int row = m_model->rowOf(id);
            const QModelIndex index = row >= 0 ? m_proxy->mapFromSource(m_model->index(row, 0)) : QModelIndex();
            if (index.isValid())
                m_table->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
    updateDetails();
    updateButtons();
    updateSummary();
    const int unack = m_model->unacknowledgedCount();
    if (unack != m_lastUnack) {
        m_lastUnack = unack;
        emit unacknowledgedCountChanged(unack);
    }
    const QLocale locale;
    for (const auto& a : announce) {
        const QString title = AlertTableModel::isCritical(a)
                                  ? tr("Critical restore alert: %1").arg(AlertTableModel::ruleName(a.rule))
                                  : tr("Restore alert: %1").arg(AlertTableModel::ruleName(a.rule));
        QString message;
        if (a.rule == "verification")
            message = tr("Restoring snapshot %1 to %2 failed its final verification.")
                          .arg(QString::fromStdString(a.snapshotId.substr(0, 12)), AlertTableModel::fileName(a.target));
        else
            message = tr("Restoring snapshot %1 to %2: %3 against a limit of %4.")
                          .arg(QString::fromStdString(a.snapshotId.substr(0, 12)), AlertTableModel::fileName(a.target),
                               AlertTableModel::amountText(a.rule, a.value),
                               AlertTableModel::amountText(a.rule, a.threshold));
        emit newAlert(title, message, AlertTableModel::isCritical(a));
    }
    emit contentReady();
}

void AlertsView::applyFilter() {
    static_cast<AlertFilter*>(m_proxy)->setUnacknowledgedOnly(m_unackOnly->isChecked());
    updateDetails();
    updateButtons();
    updateSummary();
}

std::vector<qint64> AlertsView::selectedIds() const {
    std::vector<qint64> out;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        out.push_back(index.data(AlertTableModel::kIdRole).toLongLong());
    return out;
}

bool AlertsView::selectAlert(qint64 id) {
    const int row = m_model->rowOf(id);
    if (row < 0) return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_unackOnly->setChecked(false);
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void AlertsView::acknowledgeSelected() {
    std::vector<qint64> ids;
    for (qint64 id : selectedIds()) {
        const repo::AlertRecord* a = m_model->alertAt(m_model->rowOf(id));
        if (a && !a->acknowledged) ids.push_back(id);
    }
    acknowledge(ids);
}

void AlertsView::acknowledgeAll() {
    std::vector<qint64> ids;
    for (const auto& a : m_model->alerts())
        if (!a.acknowledged) ids.push_back(a.id);
    acknowledge(ids);
}

void AlertsView::acknowledge(const std::vector<qint64>& ids) {
    std::shared_ptr<repo::Repository> repo = m_ctx->repository();
    if (!repo || ids.empty() || m_acking) return;
    m_acking = true;
    updateButtons();
    m_ctx->run<Status>(
        this, QString(),
        [repo, ids] {
            for (qint64 id : ids) {
                Status s = repo->catalog().acknowledgeAlert(id);
                // Gone meanwhile (another process cleaned up): nothing left to acknowledge.
                if (!s.isOk() && s.code() != Status::Code::kNotFound) return s;
            }
            return Status::ok();
        },
        [this, n = ids.size()](Status s) {
            m_acking = false;
            if (!s.isOk())
                m_error = errorText(s, n == 1 ? tr("Acknowledging the alert") : tr("Acknowledging %1 alerts").arg(n));
            updateButtons();
            refresh();
        });
}

void AlertsView::editThresholds() {
    auto* dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void AlertsView::updateButtons() {
    const bool repo = m_ctx->repository() != nullptr;
    bool selectedUnack = false;
    for (qint64 id : selectedIds()) {
        const repo::AlertRecord* a = m_model->alertAt(m_model->rowOf(id));
        selectedUnack = selectedUnack || (a && !a->acknowledged);
    }
    m_ack->setEnabled(repo && !m_acking && selectedUnack);
    m_ackAll->setEnabled(repo && !m_acking && m_model->unacknowledgedCount() > 0);
}

void AlertsView::updateSummary() {
    QString text;
    if (!m_ctx->repository()) {
        text = tr("No repository open");
    } else if (!m_loaded) {
        text = tr("Loading the alerts…");
    } else {
        const int total = m_model->rowCount();
        const int unack = m_model->unacknowledgedCount();
        if (total == 0)
            text = tr("No alerts: every restore stayed within its limits.");
        else if (unack == 0)
            text = total == 1 ? tr("1 alert, acknowledged") : tr("%1 alerts, all acknowledged").arg(total);
        else if (total == 1)
            text = tr("1 alert, not acknowledged");
        else
            text = unack == 1 ? tr("%1 alerts, 1 not acknowledged").arg(total)
                              : tr("%1 alerts, %2 not acknowledged").arg(total).arg(unack);
        const int hidden = total - m_proxy->rowCount();
        if (hidden > 0)
            text += QStringLiteral(" · ") +
                    (hidden == 1 ? tr("1 acknowledged alert hidden") : tr("%1 acknowledged alerts hidden").arg(hidden));
    }
    if (!m_error.isEmpty()) text = m_error;
    m_summary->setText(text);
    m_summary->setStyleSheet(m_error.isEmpty() ? QString() : QStringLiteral("color: #c62828;"));
}

QString AlertsView::snapshotLabel(const std::string& id) const {
    const QString shortId = QString::fromStdString(id.substr(0, 12));
    for (const auto& s : m_ctx->state().snapshots) {
        if (s.id != id) continue;
        const QString when = dateTimeTextUs(s.timeUs);
        return s.tag.empty() ? tr("%1 of %2").arg(shortId, when)
                             : tr("%1 (%2) of %3").arg(shortId, QString::fromStdString(s.tag), when);
    }
    return shortId;
}

QString AlertsView::describe(const repo::AlertRecord& a) const {
    const QString value = AlertTableModel::amountText(a.rule, a.value);
    const QString limit = AlertTableModel::amountText(a.rule, a.threshold);
    QString what, advice;
    if (a.rule == "hit-rate") {
        what = tr("While the restored database was being read, only %1 of its page reads were served without "
                  "waiting for a fetch from the repository, below the limit of %2, for longer than allowed.")
                   .arg(value, limit);
        advice =
            tr("The prefetch order did not match what the application read. Train the prediction models on "
               "recent traces, choose a better strategy when restoring, or raise the rate limit.");
    } else if (a.rule == "precision") {
        what = tr("Only %1 of the pages the prediction fetched first were read by the application, below the "
                  "limit of %2.")
                   .arg(value, limit);
        advice =
            tr("The model predicted pages this workload does not use. Record a trace of the current workload "
               "and train the models again, or restore with another strategy.");
    } else if (a.rule == "stalled") {
        what = tr("No page was restored for %1 while pages remained (the limit is %2).").arg(value, limit);
        advice =
            tr("Check that the repository's storage is reachable and not overloaded, and that the target's "
               "disk has space.");
    } else if (a.rule == "verification") {
        what =
            tr("The restored file failed its final check against the snapshot's page hashes or SQLite's "
               "integrity check.");
        advice =
            tr("Do not use the restored file. Verify the repository (File ▸ Verify repository) and restore "
               "again, from another snapshot if needed.");
    } else {
        what = tr("Value %1, limit %2.").arg(value, limit);
    }
    const QColor color = AlertTableModel::isCritical(a) ? QColor(0xc6, 0x28, 0x28) : palette().color(QPalette::Text);
    QString html = QStringLiteral("<h3 style='color:%1'>%2 — %3</h3>")
                       .arg(color.name(), AlertTableModel::severityName(a.severity).toHtmlEscaped(),
                            AlertTableModel::ruleName(a.rule).toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(what.toHtmlEscaped());
    auto row = [](const QString& label, const QString& text) {
        return QStringLiteral("<tr><td style='padding-right:16px'><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), text.toHtmlEscaped());
    };
    html += QStringLiteral("<table cellspacing='2'>");
    html += row(tr("Time"), dateTimeTextUs(a.timeUs, true));
    if (a.rule != "verification") html += row(tr("Value / limit"), tr("%1 / %2").arg(value, limit));
    html += row(tr("Restored file"), QString::fromStdString(a.target));
    html += row(tr("Snapshot"), snapshotLabel(a.snapshotId));
    if (a.restoreId > 0) html += row(tr("Restore"), tr("#%1 in the restore history").arg(a.restoreId));
    html += row(tr("Status"), a.acknowledged ? tr("Acknowledged") : tr("Not acknowledged"));
    html += QStringLiteral("</table>");
    if (!advice.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("What to do:").toHtmlEscaped(), advice.toHtmlEscaped());
    html += QStringLiteral("<p style='color:gray'>%1 %2</p>")
                .arg(tr("Recorded message:").toHtmlEscaped(), escaped(a.message));
    return html;
}

void AlertsView::updateDetails() {
    const std::vector<qint64> ids = selectedIds();
    if (ids.size() == 1) {
        if (const repo::AlertRecord* a = m_model->alertAt(m_model->rowOf(ids.front()))) {
            m_details->setHtml(describe(*a));
            return;
        }
    }
    QString text;
    if (ids.size() > 1)
        text = tr("%1 alerts selected.").arg(ids.size());
    else if (m_proxy->rowCount() > 0)
        text = tr("Select an alert to see what happened and what to do.");
    else
        text =
            tr("Alerts appear here when a restore crosses one of its limits: a low hit rate, a low prediction "
               "precision, a stall, or a failed verification. The limits are set under Thresholds….");
    m_details->setHtml(QStringLiteral("<p style='color:gray'>%1</p>").arg(text.toHtmlEscaped()));
}

}  // namespace prescient::ui
