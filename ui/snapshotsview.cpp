#include "snapshotsview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <map>
#include <set>

#include "appcontext.h"
#include "formatting.h"
#include "snapshotmodel.h"
#include "timelinewidget.h"

namespace prescient::ui {

SnapshotsView::SnapshotsView(AppContext* ctx, QWidget* parent) : QWidget(parent), m_ctx(ctx) {
    m_model = new SnapshotTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SnapshotTableModel::kSortRole);
    m_proxy->setFilterRole(SnapshotTableModel::kIdRole);  // applyFilter() lists the ids shown

    m_timeline = new TimelineWidget;
    m_timeline->setToolTip(QString());

    m_table = new QTableView;
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SnapshotTableModel::kTime, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_sourceFilter = new QComboBox;
    m_sourceFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_sourceFilter->setToolTip(tr("Show the snapshots of one source database only"));
    auto* sourceLabel = new QLabel(tr("&Source:"));
    sourceLabel->setBuddy(m_sourceFilter);
    m_summary = new QLabel;
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_backup = new QPushButton(tr("&Back up now…"));
    m_backup->setToolTip(tr("Take a new snapshot of a source database"));
    m_restore = new QPushButton(tr("&Restore…"));
    m_restore->setToolTip(tr("Restore the selected snapshot to a database file"));
    m_restore->setEnabled(false);
    m_backup->setEnabled(false);

    auto* bar = new QHBoxLayout;
    bar->addWidget(sourceLabel);
    bar->addWidget(m_sourceFilter);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_backup);
    bar->addWidget(m_restore);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_timeline);
    split->addWidget(m_table);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_ctx, &AppContext::stateChanged, this, &SnapshotsView::refresh);
    connect(m_ctx, &AppContext::repositoryOpened, this, &SnapshotsView::refresh);
    connect(m_sourceFilter, &QComboBox::currentIndexChanged, this, [this] {
        applyFilter();
        selectSnapshot(m_selected);
        updateSummary();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SnapshotsView::onTableSelection);
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { requestRestore(index.data(SnapshotTableModel::kIdRole).toString()); });
    connect(m_timeline, &TimelineWidget::snapshotClicked, this, &SnapshotsView::onTimelineClicked);
    connect(m_timeline, &TimelineWidget::snapshotActivated, this, [this](const QString& id) {
        onTimelineClicked(id);
        requestRestore(id);
    });
    connect(m_restore, &QPushButton::clicked, this, [this] { requestRestore(m_selected); });
    connect(m_backup, &QPushButton::clicked, this, &SnapshotsView::backupRequested);

    refresh();
}

QAbstractButton* SnapshotsView::restoreButton() { return m_restore; }
QAbstractButton* SnapshotsView::backupButton() { return m_backup; }

void SnapshotsView::refresh() {
    const QString keep = m_selected;
    const bool firstFill = m_model->rowCount() == 0;
    m_syncing = true;
    m_model->resetData(m_ctx->state().snapshots);
    rebuildSourceFilter();
    applyFilter();
    m_syncing = false;
    selectSnapshot(keep);
    if (firstFill && m_model->rowCount() > 0) {
        m_table->resizeColumnsToContents();
        for (int c = 0; c < SnapshotTableModel::kColumnCount - 1; ++c)
            m_table->setColumnWidth(c, std::min(m_table->columnWidth(c) + 12, 260));
    }
    m_backup->setEnabled(!m_ctx->state().repoDir.isEmpty());
    updateSummary();
}

void SnapshotsView::rebuildSourceFilter() {
    const QString previous = m_sourceFilter->currentData().toString();
    std::map<QString, QString> byName;  // label -> path, sorted by label
    std::map<QString, int> nameCount;
    std::set<QString> paths;
    std::set<QString> sets;  // partition sets: their copies are shown apart, one entry per set
    const auto& partitionCopies = m_ctx->state().partitionSetOfSnapshot;
    for (const auto& s : m_model->snapshots()) {
        auto set = partitionCopies.find(s.id);
        if (set != partitionCopies.end())
            sets.insert(QString::fromStdString(set->second));
        else
            paths.insert(QString::fromStdString(s.sourcePath));
    }
    for (const QString& p : paths) ++nameCount[SnapshotTableModel::fileName(p.toStdString())];
    for (const QString& p : paths) {
        const QString name = SnapshotTableModel::fileName(p.toStdString());
        byName[nameCount[name] > 1 ? p : name] = p;  // the full path only where names collide
    }
    const QSignalBlocker block(m_sourceFilter);
    m_sourceFilter->clear();
    m_sourceFilter->addItem(sets.empty() ? tr("All sources") : tr("All databases"), QString());
    for (const auto& [label, path] : byName) {
        m_sourceFilter->addItem(label, path);
        m_sourceFilter->setItemData(m_sourceFilter->count() - 1, path, Qt::ToolTipRole);
    }
    for (const QString& set : sets) {
        m_sourceFilter->addItem(tr("Partition set %1").arg(SnapshotTableModel::fileName(set.toStdString())),
                                QStringLiteral("set:") + set);
        m_sourceFilter->setItemData(m_sourceFilter->count() - 1,
                                    tr("The partition copies taken by the partition backups of %1").arg(set),
                                    Qt::ToolTipRole);
    }
    const int index = m_sourceFilter->findData(previous);
    m_sourceFilter->setCurrentIndex(index >= 0 ? index : 0);
    m_sourceFilter->setEnabled(paths.size() + sets.size() > 1);
}

void SnapshotsView::applyFilter() {
    // "" = every database (not the partition copies), "set:DIR" = a partition set's copies, else one source.
    const QString choice = m_sourceFilter->currentData().toString();
    const auto& partitionCopies = m_ctx->state().partitionSetOfSnapshot;
    auto shownHere = [&](const repo::SnapshotInfo& s) {
        auto set = partitionCopies.find(s.id);
        if (choice.startsWith(QLatin1String("set:")))
            return set != partitionCopies.end() && QString::fromStdString(set->second) == choice.mid(4);
        if (set != partitionCopies.end()) return false;
        return choice.isEmpty() || QString::fromStdString(s.sourcePath) == choice;
    };
    std::vector<repo::SnapshotInfo> shown;
    QStringList ids;
    for (const auto& s : m_model->snapshots())
        if (shownHere(s)) {
            shown.push_back(s);
            ids << QRegularExpression::escape(QString::fromStdString(s.id));
        }
    m_proxy->setFilterRegularExpression(QRegularExpression(QStringLiteral("^(") + ids.join('|') + QStringLiteral(")$")));
    m_timeline->setSnapshots(std::move(shown));
}

void SnapshotsView::updateSummary() {
    if (m_ctx->state().repoDir.isEmpty()) {
        m_summary->setText(tr("No repository open"));
        return;
    }
    const int rows = m_proxy->rowCount();
    if (rows == 0) {
        m_summary->setText(tr("No snapshots yet"));
        return;
    }
    qint64 newest = 0;
    for (int r = 0; r < rows; ++r)
        newest = std::max(
            newest, m_proxy->index(r, SnapshotTableModel::kTime).data(SnapshotTableModel::kSortRole).toLongLong());
    const QDateTime newestTime = QDateTime::fromMSecsSinceEpoch(newest / 1000);
    const qint64 ageMin = newestTime.secsTo(QDateTime::currentDateTime()) / 60;
    QString age;  // explicit English plurals: no English .ts resolves %n forms yet
    if (ageMin < 0)
        age = tr("in the future");
    else if (ageMin < 60)
        age = tr("%1 min ago").arg(ageMin);
    else if (ageMin < 48 * 60)
        age = tr("%1 h ago").arg(ageMin / 60);
    else
        age = tr("%1 days ago").arg(ageMin / (24 * 60));
    const QString when = dateTimeText(newestTime);
    QString text = rows == 1 ? tr("1 snapshot, newest %1 (%2)").arg(when, age)
                             : tr("%1 snapshots, newest %2 (%3)").arg(rows).arg(when, age);
    const int gaps = int(m_timeline->gaps().size());
    if (gaps > 0)
        text +=
            QStringLiteral(" · ") + (gaps == 1 ? tr("1 gap in the schedule") : tr("%1 gaps in the schedule").arg(gaps));
    m_summary->setText(text);
}

void SnapshotsView::selectSnapshot(const QString& id) {
    const int srcRow = id.isEmpty() ? -1 : m_model->rowOf(id);
    const QModelIndex index = srcRow >= 0 ? m_proxy->mapFromSource(m_model->index(srcRow, 0)) : QModelIndex();
    m_syncing = true;
    if (index.isValid()) {
        m_table->selectionModel()->setCurrentIndex(index,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index);
        m_timeline->setSelectedId(id);
    } else {
        m_table->selectionModel()->clear();
        m_timeline->setSelectedId(QString());
    }
    m_syncing = false;
    setSelected(index.isValid() ? id : QString());
}

void SnapshotsView::onTableSelection() {
    if (m_syncing) return;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const QString id = rows.isEmpty() ? QString() : rows.first().data(SnapshotTableModel::kIdRole).toString();
    m_timeline->setSelectedId(id);
    setSelected(id);
}

void SnapshotsView::onTimelineClicked(const QString& id) { selectSnapshot(id); }

void SnapshotsView::requestRestore(const QString& id) {
    if (const repo::SnapshotInfo* s = m_model->snapshotAt(m_model->rowOf(id))) emit restoreRequested(*s);
}

void SnapshotsView::setSelected(const QString& id) {
    m_restore->setEnabled(!id.isEmpty());
    if (id == m_selected) return;
    m_selected = id;
    emit selectionChanged(id);
}

}  // namespace prescient::ui
