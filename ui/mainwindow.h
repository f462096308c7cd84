// MainWindow: the GUI's frame. Seven views in tabs — Snapshots (timeline and table, one-click restore,
// backup now), Restores (the live restore monitor), Query (the console), Predictions (ranked pages,
// per-strategy evaluation, reliability, training), Partitions (map, forecast, partition backups), Alerts
// (with the unacknowledged count in the tab's title and a tray notification when the window is in the
// background) and Report (preview and export) — menus (File: repository, demo, backup, verify, train;
// Edit: preferences; View; Help) and a status bar for the repository and for errors.
// On a first start with an empty repository it offers the demo repository, so a new user sees a
// populated window. Thread safety: GUI thread only; core work runs on the AppContext's pool.
#pragma once

#include <QMainWindow>
#include <QPointer>

#include "appcontext.h"
#include "repo/catalog.h"

class QTabWidget;
class QLabel;
class QMenu;

namespace prescient::ui {

class SnapshotsView;
class RestoreManager;
class RestoreMonitor;
class QueryConsole;
class RestoreDialog;
class PredictionsView;
class PartitionsView;
class AlertsView;
class AlertNotifier;
class ReportView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(AppContext* ctx, QWidget* parent = nullptr);
    ~MainWindow() override;

    SnapshotsView* snapshotsView() const { return m_snapshots; }
    RestoreManager* restoreManager() const { return m_restores; }
    RestoreMonitor* restoreMonitor() const { return m_monitor; }
    QueryConsole* queryConsole() const { return m_console; }
    PredictionsView* predictionsView() const { return m_predictions; }
    PartitionsView* partitionsView() const { return m_partitions; }
    AlertsView* alertsView() const { return m_alerts; }
    AlertNotifier* alertNotifier() const { return m_notifier; }
    ReportView* reportView() const { return m_report; }
    // The view names of showView() (and of prescient-gui --view).
    static QStringList viewNames();
    // "timeline", "restore", "console", "predictions", "partitions", "alerts" or "report".
    void showView(const QString& name);
    // Opens the demo repository, building it first (on the pool, with a progress dialog) if needed.
    void openDemo();
    // Whether to offer the demo when the opened repository turns out to be empty (default true).
    void setOfferDemo(bool offer) { m_offerDemo = offer; }
    // The confirmation dialog of the last one-click restore (null when closed).
    RestoreDialog* restoreDialog() const { return m_restoreDialog; }

public slots:
    // One-click restore: the confirmation dialog; on Restore the instant restore starts and the
    // Restores view comes to the front.
    void requestRestore(const repo::SnapshotInfo& snapshot);
    void backupNow();
    void openRepositoryDialog();
    // Jobs with progress and Cancel: verify --read-data, and training of every strategy for the source.
    void verifyRepository();
    void trainModels();
    void editPreferences();

private:
    void buildMenus();
    void refreshRecent();
    void onStateChanged();
    void showError(const QString& message);

    AppContext* m_ctx;
    QTabWidget* m_tabs = nullptr;
    SnapshotsView* m_snapshots = nullptr;
    RestoreManager* m_restores = nullptr;
    RestoreMonitor* m_monitor = nullptr;
    QueryConsole* m_console = nullptr;
    PredictionsView* m_predictions = nullptr;
    PartitionsView* m_partitions = nullptr;
    AlertsView* m_alerts = nullptr;
    AlertNotifier* m_notifier = nullptr;
    ReportView* m_report = nullptr;
    QLabel* m_repoLabel = nullptr;
    QMenu* m_recentMenu = nullptr;
    QPointer<RestoreDialog> m_restoreDialog;
    bool m_offerDemo = true;
    bool m_demoOffered = false;
    bool m_demoBuilding = false;
};

}  // namespace prescient::ui
