#include "mainwindow.h"

#include <QAction>
#include <climits>
#include <QApplication>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTabWidget>

#include "alertnotifier.h"
#include "alertsview.h"
#include "backupdialog.h"
#include "demo/demorepo.h"
#include "errortext.h"
#include "jobprogress.h"
#include "partitionsview.h"
#include "predictionsview.h"
#include "preferencesdialog.h"
#include "repo/verify.h"
#include "queryconsole.h"
#include "reportview.h"
#include "restoredialog.h"
#include "restoremanager.h"
#include "restoremonitor.h"
#include "snapshotsview.h"

namespace prescient::ui {

MainWindow::MainWindow(AppContext* ctx, QWidget* parent) : QMainWindow(parent), m_ctx(ctx) {
    setWindowTitle(tr("Prescient"));
    m_restores = new RestoreManager(ctx, this);
    m_tabs = new QTabWidget(this);
    m_snapshots = new SnapshotsView(ctx, m_tabs);
    m_monitor = new RestoreMonitor(m_restores, m_tabs);
    m_console = new QueryConsole(ctx, m_tabs);
    m_predictions = new PredictionsView(ctx, m_tabs);
    m_partitions = new PartitionsView(ctx, m_tabs);
    m_alerts = new AlertsView(ctx, m_restores, m_tabs);
    m_report = new ReportView(ctx, m_tabs);
    m_notifier = new AlertNotifier(this, this);
    m_tabs->addTab(m_snapshots, tr("Snapshots"));
    m_tabs->addTab(m_monitor, tr("Restores"));
    m_tabs->addTab(m_console, tr("Query"));
    m_tabs->addTab(m_predictions, tr("Predictions"));
    m_tabs->addTab(m_partitions, tr("Partitions"));
    m_tabs->addTab(m_alerts, tr("Alerts"));
    m_tabs->addTab(m_report, tr("Report"));
    connect(m_alerts, &AlertsView::unacknowledgedCountChanged, this, [this](int n) {
        m_tabs->setTabText(m_tabs->indexOf(m_alerts), n == 0 ? tr("Alerts") : tr("Alerts (%1)").arg(n));
    });
    connect(m_alerts, &AlertsView::newAlert, m_notifier, &AlertNotifier::notify);
    connect(m_notifier, &AlertNotifier::activated, this, [this] { showView("alerts"); });
    setCentralWidget(m_tabs);
    m_repoLabel = new QLabel(tr("No repository open"), this);
    statusBar()->addPermanentWidget(m_repoLabel);
    buildMenus();

    connect(m_snapshots, &SnapshotsView::restoreRequested, this, &MainWindow::requestRestore);
    connect(m_snapshots, &SnapshotsView::backupRequested, this, &MainWindow::backupNow);
    connect(ctx, &AppContext::stateChanged, this, &MainWindow::onStateChanged);
    connect(ctx, &AppContext::failed, this, &MainWindow::showError);
    connect(ctx, &AppContext::repositoryOpened, this, [this](const QString& dir) {
        setWindowTitle(tr("Prescient — %1").arg(dir));
        refreshRecent();
    });
    connect(m_restores, &RestoreManager::restoreStarted, this, [this](int) {
        m_console->setKnownTargets(m_restores->activeTargets());
        if (!m_restores->activeTargets().isEmpty()) m_console->setTarget(m_restores->activeTargets().last());
    });
    connect(m_restores, &RestoreManager::restoreFinished, this, [this](int, bool ok, const QString& message) {
        m_console->setKnownTargets(m_restores->activeTargets());
        statusBar()->showMessage(ok ? tr("Restore complete and verified.") : message, 10000);
    });
    resize(1200, 780);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open repository…"), QKeySequence::Open, this, &MainWindow::openRepositoryDialog);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addAction(tr("Open the &demo repository"), this, &MainWindow::openDemo);
    file->addSeparator();
    file->addAction(tr("&Back up now…"), this, &MainWindow::backupNow);
    file->addAction(tr("&Verify repository"), this, &MainWindow::verifyRepository);
    file->addAction(tr("&Train prediction models"), this, &MainWindow::trainModels);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Preferences…"), QKeySequence::Preferences, this, &MainWindow::editPreferences);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Snapshots"), this, [this] { showView("timeline"); });
    view->addAction(tr("&Restores"), this, [this] { showView("restore"); });
    view->addAction(tr("&Query"), this, [this] { showView("console"); });
    view->addAction(tr("&Predictions"), this, [this] { showView("predictions"); });
    view->addAction(tr("P&artitions"), this, [this] { showView("partitions"); });
    view->addAction(tr("A&lerts"), this, [this] { showView("alerts"); });
    view->addAction(tr("R&eport"), this, [this] { showView("report"); });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Prescient"), this, [this] {
        auto* box = new QMessageBox(QMessageBox::Information, tr("About Prescient"),
                                    tr("Prescient %1\nPredictive backup and instant restore for SQLite databases.")
                                        .arg(QApplication::applicationVersion()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    refreshRecent();
}

void MainWindow::refreshRecent() {
    m_recentMenu->clear();
    const QStringList recent = m_ctx->recentRepositories();
    for (const QString& dir : recent) m_recentMenu->addAction(dir, this, [this, dir] { m_ctx->openRepository(dir); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showView(const QString& name) {
    if (name == "timeline" || name == "snapshots")
        m_tabs->setCurrentWidget(m_snapshots);
    else if (name == "restore" || name == "restores")
        m_tabs->setCurrentWidget(m_monitor);
    else if (name == "console" || name == "query")
        m_tabs->setCurrentWidget(m_console);
    else if (name == "predictions")
        m_tabs->setCurrentWidget(m_predictions);
    else if (name == "partitions")
        m_tabs->setCurrentWidget(m_partitions);
    else if (name == "alerts")
        m_tabs->setCurrentWidget(m_alerts);
    else if (name == "report")
        m_tabs->setCurrentWidget(m_report);
}

QStringList MainWindow::viewNames() {
    return {"timeline", "restore", "console", "predictions", "partitions", "alerts", "report"};
}

void MainWindow::editPreferences() {
    auto* dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::onStateChanged() {
    const RepoState& s = m_ctx->state();
    for (const QString& problem : s.problems) showError(problem);
    const int n = static_cast<int>(s.snapshots.size());
    m_repoLabel->setText(n == 1 ? tr("%1 — 1 snapshot").arg(s.repoDir) : tr("%1 — %2 snapshots").arg(s.repoDir).arg(n));
    if (s.snapshots.empty() && m_offerDemo && !m_demoOffered) {
        m_demoOffered = true;
        auto* box = new QMessageBox(QMessageBox::Question, tr("Empty repository"),
                                    tr("The repository %1 holds no snapshot yet.\n\nOpen the demo repository instead? "
                                       "It holds a sample shop database with a week of snapshots and trained "
                                       "prediction models, so you can try a one-click instant restore.")
                                        .arg(s.repoDir),
                                    QMessageBox::Yes | QMessageBox::No, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, box](int) {
            if (box->clickedButton() == box->button(QMessageBox::Yes)) openDemo();
        });
        box->open();
    }
}

void MainWindow::openDemo() {
    m_demoOffered = true;
    if (m_demoBuilding) return;  // one build at a time (a second would remove the first's folder)
    const QString dir = AppContext::demoDir();
    auto found = demo::findDemoRepository(dir.toStdString());
    if (found.isOk()) {
        m_ctx->openRepository(QString::fromStdString(found->repoDir));
        return;
    }
    auto* progress = new QProgressDialog(tr("Building the demo repository (a shop database, a week of snapshots, "
                                            "trained models)…"),
                                         QString(), 0, 0, this);
    progress->setWindowTitle(tr("Demo"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->show();
    QPointer<QProgressDialog> guard(progress);
    m_demoBuilding = true;
    auto token = m_ctx->jobToken();
    m_ctx->run<Result<demo::DemoRepository>>(
        this, "",
        [dir, token] {
            JobControl job;
            job.cancel = token.get();
            return demo::buildDemoRepository(dir.toStdString(), job);
        },
        [this, guard](Result<demo::DemoRepository> d) {
            m_demoBuilding = false;
            if (guard) guard->close();
            if (!d.isOk()) {
                showError(errorText(d.status(), tr("Building the demo repository")));
                return;
            }
            m_ctx->openRepository(QString::fromStdString(d->repoDir));
        });
}

void MainWindow::requestRestore(const repo::SnapshotInfo& snapshot) {
    if (m_restoreDialog) m_restoreDialog->close();
    auto* dialog = new RestoreDialog(m_ctx, snapshot, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_restoreDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_restores->start(dialog->request());
        showView("restore");
    });
    dialog->open();
}

void MainWindow::backupNow() {
    if (!m_ctx->repository()) {
        showError(tr("Open a repository first (File ▸ Open repository)."));
        return;
    }
    auto* dialog = new BackupDialog(m_ctx, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BackupDialog::snapshotCommitted, this,
            [this](const QString& id) { statusBar()->showMessage(tr("Snapshot %1 committed.").arg(id), 10000); });
    dialog->open();
}

void MainWindow::verifyRepository() {
    auto repo = m_ctx->repository();
    if (!repo) return showError(tr("Open a repository first (File ▸ Open repository)."));
    runJobWithProgress<Result<repo::VerifyReport>>(
        m_ctx, this, tr("Verify"), tr("Reading every pack and checking every blob…"),
        [repo](const JobControl& job) { return repo::verifyRepository(*repo, true, job); },
        [this](Result<repo::VerifyReport> r) {
            if (!r.isOk()) return showError(errorText(r.status(), tr("Verifying the repository")));
            QString text = r->ok() ? tr("The repository is sound: %1 packs, %2 blobs and %3 snapshots checked.")
                                         .arg(r->packs)
                                         .arg(r->blobs)
                                         .arg(r->snapshots)
                                   : tr("The repository is damaged:");
            for (const auto& p : r->problems)
                text += "\n" + QString::fromStdString(p.object + ": " + p.message);
            auto* box = new QMessageBox(r->ok() ? QMessageBox::Information : QMessageBox::Critical, tr("Verify"), text,
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
}

void MainWindow::trainModels() {  // one training path: the Predictions view's, which shows the result
    showView("predictions");
    m_predictions->train();
}

void MainWindow::openRepositoryDialog() {
    auto* dialog = new QFileDialog(this, tr("Open repository"), m_ctx->state().repoDir);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& dir) { m_ctx->openRepository(dir, true); });
    dialog->open();
}

void MainWindow::showError(const QString& message) {
    statusBar()->showMessage(message.section('\n', 0, 0), 15000);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Prescient"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

}  // namespace prescient::ui
