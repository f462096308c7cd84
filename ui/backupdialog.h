// BackupDialog: "Back up now". Takes a consistent snapshot of a source database into the open repository
// (capture::backupDatabase) with an optional tag and rate limit, showing its progress and letting the
// user cancel it.
//
// Threading (STYLE.md "Threading"): the backup runs on the AppContext pool with its own writable
// repo::Repository (the context's handle is read-only); throttled Progress values cross to the GUI thread
// through queued calls; Cancel only sets the job's CancelToken. The GUI thread never waits for the job:
// closing the dialog while it runs cancels it and closes when the job has stopped. Destroying the dialog
// cancels the job, whose answer is then dropped. Everything here lives on the GUI thread.
#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QString>

#include <cstdint>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace prescient {
class CancelToken;
struct Progress;
}  // namespace prescient

namespace prescient::ui {

class AppContext;

class BackupDialog : public QDialog {
    Q_OBJECT
public:
    explicit BackupDialog(AppContext* ctx, QWidget* parent = nullptr);
    ~BackupDialog() override;  // cancels a running backup

    // Test and automation hooks.
    void setSource(const QString& path);
    void setTag(const QString& tag);
    void setRateLimit(double megabytesPerSecond);  // 0 = unlimited
    // Starts the backup (as the Start button does); returns at once. An empty source or no open repository
    // shows a message instead.
    void start();
    void cancel();
    bool running() const { return m_cancel != nullptr; }
    // The dialog's message line: progress, or the translated error of the last failed attempt.
    QString statusText() const;

signals:
    // The backup committed snapshot id (then the context reloads and the dialog accepts).
    void snapshotCommitted(const QString& id);
    // The backup failed or was cancelled; message is what the dialog shows.
    void backupFailed(const QString& message);

public slots:
    void reject() override;  // while running: cancels, and closes once the job has stopped

private:
    void fillSources();
    void browse();
    void showProgress(const Progress& p);
    QString timeLeft(uint64_t done, uint64_t total) const;  // ", about 12 s left", or "" when unknown
    void setRunning(bool running);
    void setMessage(const QString& text, bool error);

    AppContext* m_ctx;
    QLabel* m_repoLabel = nullptr;
    QComboBox* m_source = nullptr;
    QPushButton* m_browse = nullptr;
    QLineEdit* m_tag = nullptr;
    QDoubleSpinBox* m_rate = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_close = nullptr;
    std::shared_ptr<CancelToken> m_cancel;  // the running job's token; null when idle
    bool m_closeWhenStopped = false;        // reject() came while running
    QElapsedTimer m_elapsed;                // since the running job started
};

}  // namespace prescient::ui
