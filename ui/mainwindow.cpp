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

#include "backupdialog.h"
#include "demo/demorepo.h"
#include "errortext.h"
#include "predict/service.h"
#include "repo/verify.h"
#include "queryconsole.h"
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
    m_tabs->addTab(m_snapshots, tr("Snapshots"));
    m_tabs->addTab(m_monitor, tr("Restores"));
    m_tabs->addTab(m_console, tr("Query"));
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
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Snapshots"), this, [this] { showView("timeline"); });
    view->addAction(tr("&Restores"), this, [this] { showView("restore"); });
    view->addAction(tr("&Query"), this, [this] { showView("console"); });
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

namespace {

// A cancellable job with a busy progress dialog: work runs on the pool with a JobControl whose progress
// is posted (throttled by the dialog's repaint) to the GUI thread; done gets the result there.
template <typename R>
void runJobWithProgress(AppContext* ctx, QWidget* parent, const QString& title, const QString& label,
                        std::function<R(const JobControl&)> work, std::function<void(R)> done) {
    auto* progress = new QProgressDialog(label, QObject::tr("Cancel"), 0, 0, parent);
    progress->setWindowTitle(title);
    progress->setWindowModality(Qt::WindowModal);  // one such job at a time
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    auto cancel = ctx->jobToken();  // also cancelled when the application shuts down
    QObject::connect(progress, &QProgressDialog::canceled, ctx, [cancel] { cancel->cancel(); });
    QObject::connect(progress, &QObject::destroyed, ctx, [cancel] { cancel->cancel(); });
    QPointer<QProgressDialog> guard(progress);
    JobControl job;
    job.cancel = cancel.get();
    job.progress = [guard, ctx](const Progress& p) {
        QMetaObject::invokeMethod(
            ctx,  // outlives the job; the dialog may be gone: checked on the GUI thread
            [guard, p] {
                if (!guard || p.total == 0) return;
                guard->setMaximum(static_cast<int>(std::min<uint64_t>(p.total, INT_MAX)));
                guard->setValue(static_cast<int>(std::min<uint64_t>(p.done, INT_MAX)));
            },
            Qt::QueuedConnection);
    };
    progress->show();
    ctx->run<R>(
        parent, "", [work = std::move(work), job, cancel] { return work(job); },
        [done = std::move(done), guard](R r) {
            if (guard) guard->close();
            done(std::move(r));
        });
}

}  // namespace

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

void MainWindow::trainModels() {
    const RepoState& s = m_ctx->state();
    if (!m_ctx->repository() || s.snapshots.empty())
        return showError(tr("Open a repository with snapshots first."));
    const std::string source = s.snapshots.back().sourcePath;
    const std::string dir = s.repoDir.toStdString();
    runJobWithProgress<Result<predict::TrainReport>>(
        m_ctx, this, tr("Train"), tr("Training every prediction strategy on the traces of %1…").arg(QString::fromStdString(source)),
        [dir, source](const JobControl& job) -> Result<predict::TrainReport> {
            auto repo = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kWrite);
            if (!repo.isOk()) return repo.status();
            return predict::trainSource(**repo, source, {}, predict::EvalConfig{}, job);
        },
        [this](Result<predict::TrainReport> r) {
            if (!r.isOk()) return showError(errorText(r.status(), tr("Training the prediction models")));
            statusBar()->showMessage(tr("Trained %1 models on %2 episodes; best: %3.")
                                         .arg(r->modelIds.size())
                                         .arg(r->episodes)
                                         .arg(QString::fromStdString(r->best)),
                                     15000);
            m_ctx->reload();
        });
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
