#include "backupdialog.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <exception>

#include "appcontext.h"
#include "capture/backup.h"
#include "errortext.h"
#include "util/job.h"
#include "util/ratelimiter.h"

namespace prescient::ui {

namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(100);  // at most ~10 updates a second

// What a backup job hands back to the GUI thread.
struct BackupOutcome {
    Status status;
    bool failedOpening = false;  // the status is from opening the repository (Busy: its lock is held)
    repo::SnapshotInfo snapshot;
};

// Per-job progress throttle; touched only by the job's thread.
struct Throttle {
    std::chrono::steady_clock::time_point last;
    std::string phase;
};

}  // namespace

BackupDialog::BackupDialog(AppContext* ctx, QWidget* parent) : QDialog(parent), m_ctx(ctx) {
    setWindowTitle(tr("Back up now"));

    auto* intro =
        new QLabel(tr("Takes a consistent snapshot of a live SQLite database into the repository. "
                      "Applications keep reading and writing it meanwhile."));
    intro->setWordWrap(true);

    m_repoLabel = new QLabel;
    m_repoLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_repoLabel->setWordWrap(true);

    m_source = new QComboBox;
    m_source->setEditable(true);
    m_source->setInsertPolicy(QComboBox::NoInsert);
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source->setMinimumContentsLength(40);
    m_source->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_source->lineEdit()->setPlaceholderText(tr("Path of the SQLite database to back up"));
    m_browse = new QPushButton(tr("Browse…"));
    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(m_browse);

    m_tag = new QLineEdit;
    m_tag->setPlaceholderText(tr("Optional, for example before-migration"));
    m_tag->setClearButtonEnabled(true);

    m_rate = new QDoubleSpinBox;
    m_rate->setRange(0, 100000);
    m_rate->setDecimals(1);
    m_rate->setSingleStep(1);
    m_rate->setSuffix(tr(" MB/s"));
    m_rate->setSpecialValueText(tr("Unlimited"));
    m_rate->setToolTip(tr("Limits how fast the source is read, to spare a busy server. 0 means unlimited."));
    m_rate->setMinimumWidth(140);

    auto* form = new QFormLayout;
    form->addRow(tr("Repository:"), m_repoLabel);
    auto* sourceLabel = new QLabel(tr("&Source database:"));
    sourceLabel->setBuddy(m_source);
    form->addRow(sourceLabel, sourceRow);
    form->addRow(tr("&Tag:"), m_tag);
    form->addRow(tr("&Rate limit:"), m_rate);

    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMinimumHeight(m_message->fontMetrics().height() * 2);
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_start = new QPushButton(tr("&Start backup"));
    m_start->setDefault(true);
    m_cancelButton = new QPushButton(tr("&Cancel backup"));
    m_cancelButton->hide();
    m_close = new QPushButton(tr("Close"));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addSpacing(6);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addLayout(buttons);

    connect(m_browse, &QPushButton::clicked, this, &BackupDialog::browse);
    connect(m_start, &QPushButton::clicked, this, &BackupDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &BackupDialog::cancel);
    connect(m_close, &QPushButton::clicked, this, &BackupDialog::reject);
    connect(m_ctx, &AppContext::stateChanged, this, &BackupDialog::fillSources);
    fillSources();
    resize(680, std::max(sizeHint().height(), 320));
}

BackupDialog::~BackupDialog() {
    if (m_cancel) m_cancel->cancel();  // the job stops soon; its answer is dropped (this is gone)
}

void BackupDialog::fillSources() {
    const QString repoDir = m_ctx->state().repoDir;
    m_repoLabel->setText(repoDir.isEmpty() ? tr("none open") : QDir::toNativeSeparators(repoDir));
    if (!running()) m_start->setEnabled(!repoDir.isEmpty());
    if (repoDir.isEmpty() && !running()) setMessage(tr("Open or create a repository first."), false);

    // Sources already in the repository, the most recently backed up first.
    const QString current = m_source->currentText();
    QStringList sources;
    const auto& snaps = m_ctx->state().snapshots;
    for (auto it = snaps.rbegin(); it != snaps.rend(); ++it) {
        const QString path = QString::fromStdString(it->sourcePath);
        if (!sources.contains(path)) sources << path;
    }
    m_source->blockSignals(true);
    m_source->clear();
    m_source->addItems(sources);
    m_source->setEditText(current.isEmpty() && !sources.isEmpty() ? sources.first() : current);
    m_source->blockSignals(false);
}

void BackupDialog::browse() {
    const QString current = m_source->currentText().trimmed();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose the database to back up"), current.isEmpty() ? QString() : QFileInfo(current).absolutePath(),
        tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)"));
    if (!path.isEmpty()) setSource(path);
}

void BackupDialog::setSource(const QString& path) { m_source->setEditText(path); }

void BackupDialog::setTag(const QString& tag) { m_tag->setText(tag); }

void BackupDialog::setRateLimit(double megabytesPerSecond) { m_rate->setValue(megabytesPerSecond); }

QString BackupDialog::statusText() const { return m_message->text(); }

void BackupDialog::setMessage(const QString& text, bool error) {
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    // A long message (an error with its detail) grows the dialog instead of squeezing the form.
    QLayout* l = layout();
    const int needed = l->hasHeightForWidth() ? l->totalHeightForWidth(width()) : l->totalSizeHint().height();
    if (needed > height()) resize(width(), needed);
}

void BackupDialog::setRunning(bool on) {
    for (QWidget* w : {static_cast<QWidget*>(m_source), static_cast<QWidget*>(m_browse), static_cast<QWidget*>(m_tag),
                       static_cast<QWidget*>(m_rate)})
        w->setEnabled(!on);
    m_start->setVisible(!on);
    m_close->setVisible(!on);
    m_cancelButton->setVisible(on);
    m_cancelButton->setEnabled(on);
    m_progress->setVisible(on);
    if (on) {
        m_progress->setRange(0, 0);  // busy until the first progress report
        m_cancelButton->setDefault(true);
    } else {
        m_start->setDefault(true);
    }
}

void BackupDialog::start() {
    if (running()) return;
    const QString repoDir = m_ctx->state().repoDir;
    const QString source = m_source->currentText().trimmed();
    if (repoDir.isEmpty()) {
        setMessage(tr("Open or create a repository first."), true);
        return;
    }
    if (source.isEmpty()) {
        setMessage(tr("Choose the database to back up."), true);
        return;
    }
    const std::string tag = m_tag->text().trimmed().toStdString();
    const auto bytesPerSecond = static_cast<uint64_t>(m_rate->value() * 1e6);
    auto cancel = std::make_shared<CancelToken>();
    m_cancel = cancel;
    m_closeWhenStopped = false;
    setRunning(true);
    m_elapsed.start();
    setMessage(tr("Opening the repository…"), false);

    // Progress goes through the context (alive until its pool is done), and reaches this dialog only if
    // it still exists and still runs this job.
    QPointer<BackupDialog> guard(this);
    AppContext* ctx = m_ctx;
    auto throttle = std::make_shared<Throttle>();
    ProgressFn progress = [guard, ctx, cancel, throttle](const Progress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool lastOne = p.total != 0 && p.done >= p.total;
        if (p.phase == throttle->phase && !lastOne && now - throttle->last < kProgressInterval) return;
        throttle->last = now;
        throttle->phase = p.phase;
        QMetaObject::invokeMethod(
            ctx,
            [guard, cancel, p] {
                if (guard && guard->m_cancel == cancel) guard->showProgress(p);
            },
            Qt::QueuedConnection);
    };

    const std::string dir = repoDir.toStdString();
    const std::string src = source.toStdString();
    m_ctx->run<BackupOutcome>(
        this, QString(),
        [dir, src, tag, bytesPerSecond, cancel, progress] {
            BackupOutcome out;
            try {
                auto r = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kWrite);
                if (!r.isOk()) {
                    out.status = r.status();
                    out.failedOpening = true;
                    return out;
                }
                RateLimiter limiter(bytesPerSecond);
                capture::BackupOptions options;
                options.tag = tag;
                options.rate = bytesPerSecond ? &limiter : nullptr;
                options.job.progress = progress;
                options.job.cancel = cancel.get();
                auto snap = capture::backupDatabase(*r.value(), src, options);
                if (snap.isOk())
                    out.snapshot = std::move(snap.value());
                else
                    out.status = snap.status();
            } catch (const std::exception& e) {
                out.status = Status::ioError(std::string("unexpected error during the backup: ") + e.what());
            } catch (...) {
                out.status = Status::ioError("unexpected error during the backup");
            }
            return out;
        },
        [this, cancel, source](BackupOutcome out) {
            if (m_cancel != cancel) return;
            m_cancel.reset();
            setRunning(false);
            if (out.status.isOk()) {
                const QString id = QString::fromStdString(out.snapshot.id);
                setMessage(tr("Snapshot %1 committed.").arg(id), false);
                emit snapshotCommitted(id);
                m_ctx->reload();
                accept();
                return;
            }
            QString message;
            if (out.status.code() == Status::Code::kCancelled) {
                message = tr("The backup was cancelled. The repository is unchanged.");
            } else if (out.failedOpening && out.status.code() == Status::Code::kBusy) {
                message = tr("The repository is locked: another process is writing to it (for example a backup "
                             "started elsewhere). Try again when it has finished.\n%1")
                              .arg(QString::fromStdString(out.status.detail()));
            } else if (out.failedOpening) {
                message = errorText(out.status, tr("Opening the repository for writing"));
            } else {
                message = errorText(out.status, tr("Backing up %1").arg(source));
            }
            setMessage(message, true);
            emit backupFailed(message);
            if (m_closeWhenStopped) QDialog::reject();
        });
}

QString BackupDialog::timeLeft(uint64_t done, uint64_t total) const {
    const qint64 ms = m_elapsed.elapsed();
    if (done == 0 || done >= total || ms < 1000) return QString();
    const auto left = static_cast<qint64>(static_cast<double>(ms) * static_cast<double>(total - done) / done / 1000);
    if (left < 60) return tr(", about %1 s left").arg(std::max<qint64>(left, 1));
    return tr(", about %1 min left").arg((left + 59) / 60);
}

void BackupDialog::showProgress(const Progress& p) {
    const QLocale locale;
    if (p.phase == "copy") {
        if (p.total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(static_cast<int>(std::min<uint64_t>(p.done, p.total) * 1000 / p.total));
            setMessage(
                tr("Copying pages: %1 of %2 (%3)")
                        .arg(locale.toString(static_cast<qulonglong>(p.done)),
                             locale.toString(static_cast<qulonglong>(p.total)),
                             locale.formattedDataSize(static_cast<qint64>(p.bytes), 1, QLocale::DataSizeSIFormat)) +
                    timeLeft(p.done, p.total),
                false);
        } else {
            setMessage(tr("Copying pages: %1").arg(locale.toString(static_cast<qulonglong>(p.done))), false);
        }
    } else if (p.phase == "commit") {
        m_progress->setRange(0, 1000);
        m_progress->setValue(1000);
        setMessage(tr("Writing the packs and committing the snapshot…"), false);
    } else {
        setMessage(QString::fromStdString(p.phase), false);
    }
}

void BackupDialog::cancel() {
    if (!m_cancel) return;
    m_cancel->cancel();
    m_cancelButton->setEnabled(false);
    setMessage(tr("Cancelling…"), false);
}

void BackupDialog::reject() {
    if (running()) {
        m_closeWhenStopped = true;
        cancel();
        return;  // closes when the job has stopped
    }
    QDialog::reject();
}

}  // namespace prescient::ui
