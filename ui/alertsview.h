// AlertsView: the alerts the repository's restores raised (the catalog's `alerts` table), newest first:
// severity, time, rule, value against its limit, restored file, snapshot and whether it was acknowledged,
// with an "Unacknowledged only" filter, Acknowledge (the selected rows) and Acknowledge all, a details pane
// for the selected alert (what happened in words, what to do), and a shortcut to the thresholds.
//
// Loading: refresh() reads the catalog on the AppContext's pool (keyed: a late answer is dropped) and
// swaps the rows in only when they changed. It runs when a repository opens, when a restore of the
// RestoreManager ends, and on a timer while a repository is open (every 3 s; every second while a restore
// of this GUI runs), so alerts raised by other processes (CLI restores) appear too. Alerts that were not
// there at the repository's first load are announced once each through newAlert().
// Acknowledging runs on the pool through the shared repository's catalog (its connection is read-write,
// as `prescient alerts --ack` uses it), then reloads.
//
// It also hands the RestoreManager the stored thresholds: every restore started afterwards uses
// AlertSettings::load().rules.
//
// Thread safety: GUI thread only.
#pragma once

#include <QString>
#include <QTimer>
#include <QWidget>

#include <set>
#include <vector>

#include "repo/catalog.h"

class QAbstractButton;
class QAbstractItemModel;
class QCheckBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;

namespace prescient::ui {

class AlertTableModel;
class AppContext;
class RestoreManager;

class AlertsView : public QWidget {
    Q_OBJECT
public:
    // ctx and restores must outlive the view.
    AlertsView(AppContext* ctx, RestoreManager* restores, QWidget* parent = nullptr);

    // Every alert loaded (the unfiltered model; roles in alerttablemodel.h).
    QAbstractItemModel* alertModel() const;
    int unacknowledgedCount() const;

    // Reloads the alerts from the catalog on the pool (contentReady when done). No-op without a repository
    // (the list is emptied).
    void refresh();
    // Acknowledges these alerts on the pool, then reloads.
    void acknowledge(const std::vector<qint64>& ids);
    void acknowledgeSelected();
    void acknowledgeAll();  // every unacknowledged alert shown
    // Opens the preferences (thresholds); the manager uses them for the next restore.
    void editThresholds();

    // For tests and the main window.
    QTableView* table() const { return m_table; }
    QCheckBox* unacknowledgedOnlyCheck() const { return m_unackOnly; }
    QAbstractButton* acknowledgeButton() const;
    QAbstractButton* acknowledgeAllButton() const;
    QString detailsText() const;  // the details pane as plain text
    QString summaryText() const;
    // Selects the alert's row (clearing the filter when it hides it); false when it is not loaded.
    bool selectAlert(qint64 id);

signals:
    void contentReady();  // a refresh arrived (or there is no repository)
    void unacknowledgedCountChanged(int count);
    // Once per alert not seen before in this repository (not for the ones there at its first load).
    void newAlert(const QString& title, const QString& message, bool critical);

private:
    void onLoaded(quint64 generation, std::vector<repo::AlertRecord> alerts, const QString& error);
    void onRepositoryOpened();
    void applyFilter();
    void updateDetails();
    void updateButtons();
    void updateSummary();
    void schedulePoll();
    std::vector<qint64> selectedIds() const;
    QString describe(const repo::AlertRecord& a) const;  // the details pane's HTML
    QString snapshotLabel(const std::string& id) const;  // "3f2a… (tuesday, <time>)" from the RepoState

    AppContext* m_ctx;
    RestoreManager* m_restores;
    AlertTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QTextBrowser* m_details;
    QCheckBox* m_unackOnly;
    QLabel* m_summary;
    QPushButton* m_thresholds;
    QPushButton* m_ack;
    QPushButton* m_ackAll;
    QTimer m_poll;

    QString m_error;               // the last load or acknowledge failure, shown in the summary ("" none)
    quint64 m_repoGeneration = 0;  // bumped when a repository opens: loads for an older one are dropped
    bool m_loaded = false;         // the open repository's first load arrived
    bool m_acking = false;         // an acknowledge is on the pool
    std::set<qint64> m_seen;       // alert ids loaded before (announced or present at the first load)
    int m_lastUnack = 0;           // for unacknowledgedCountChanged
    bool m_firstFill = true;       // size the columns once
};

}  // namespace prescient::ui
