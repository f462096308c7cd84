// SnapshotsView: the repository's snapshots, as a timeline (TimelineWidget) above a sortable table
// (SnapshotTableModel behind a QSortFilterProxyModel, newest first), with a source filter and the
// "Restore…" and "Back up now…" actions. Selection is one snapshot, shared by timeline and table.
//
// It renders ctx->state().snapshots and refreshes on AppContext::stateChanged, keeping the selection by
// id. It starts no job itself: restores and backups are requested through signals, which the main window
// turns into dialogs.
// Thread safety: GUI thread only.
#pragma once

#include <QAbstractButton>  // the accessors' users call it directly
#include <QMetaType>
#include <QString>
#include <QWidget>

#include "appcontext.h"  // AppContext, and repo::SnapshotInfo as a metatype
#include "repo/catalog.h"

class QComboBox;
class QLabel;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace prescient::ui {

class AppContext;
class SnapshotTableModel;
class TimelineWidget;

class SnapshotsView : public QWidget {
    Q_OBJECT
public:
    // ctx must outlive the view.
    explicit SnapshotsView(AppContext* ctx, QWidget* parent = nullptr);

    // The selected snapshot's id, "" when none.
    QString selectedId() const { return m_selected; }
    // Selects the snapshot (in the table and the timeline); "" or an id not shown clears the selection.
    void selectSnapshot(const QString& id);

    // For tests and the main window.
    TimelineWidget* timeline() { return m_timeline; }
    QTableView* table() { return m_table; }
    QAbstractButton* restoreButton();
    QAbstractButton* backupButton();
    QComboBox* sourceFilter() { return m_sourceFilter; }
    SnapshotTableModel* model() { return m_model; }

public slots:
    // Re-reads ctx->state().snapshots. Called on stateChanged.
    void refresh();

signals:
    void restoreRequested(const prescient::repo::SnapshotInfo& snapshot);
    void backupRequested();
    void selectionChanged(const QString& id);

private:
    void applyFilter();
    void rebuildSourceFilter();
    void onTableSelection();
    void onTimelineClicked(const QString& id);
    void requestRestore(const QString& id);
    void setSelected(const QString& id);  // updates m_selected, buttons, and emits selectionChanged
    void updateSummary();

    AppContext* m_ctx;
    SnapshotTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    TimelineWidget* m_timeline;
    QTableView* m_table;
    QComboBox* m_sourceFilter;
    QLabel* m_summary;
    QPushButton* m_restore;
    QPushButton* m_backup;
    QString m_selected;
    bool m_syncing = false;  // true while the view itself moves the selection
};

}  // namespace prescient::ui
