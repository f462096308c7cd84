// runJobWithProgress: a cancellable core job behind a window-modal progress dialog with Cancel, shared by
// the main window (verify, train) and the predictions view (train). The work runs on the AppContext's
// pool with a JobControl whose progress is posted to the GUI thread as values; `done` gets the result
// there. Closing or cancelling the dialog cancels the job's token (so does the context's shutdown).
// Thread safety: call on the GUI thread; `work` runs on a pool thread, `done` and `describe` on the GUI
// thread.
#pragma once

#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QString>
#include <QWidget>

#include <algorithm>
#include <climits>
#include <functional>

#include "appcontext.h"
#include "util/job.h"

namespace prescient::ui {

// describe (optional) turns a progress report into the dialog's label (a translated sentence for the
// phase); without it the label stays as given.
template <typename R>
void runJobWithProgress(AppContext* ctx, QWidget* parent, const QString& title, const QString& label,
                        std::function<R(const JobControl&)> work, std::function<void(R)> done,
                        std::function<QString(const Progress&)> describe = {}) {
    auto* progress = new QProgressDialog(label, QObject::tr("Cancel"), 0, 0, parent);
    progress->setWindowTitle(title);
    progress->setWindowModality(Qt::WindowModal);  // one such job at a time
    progress->setMinimumDuration(300);
    progress->setAutoReset(false);  // a phase reaching its total must not hide the dialog (and its Cancel)
    progress->setAutoClose(false);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    auto cancel = ctx->jobToken();  // also cancelled when the application shuts down
    QObject::connect(progress, &QProgressDialog::canceled, ctx, [cancel] { cancel->cancel(); });
    QObject::connect(progress, &QObject::destroyed, ctx, [cancel] { cancel->cancel(); });
    QPointer<QProgressDialog> guard(progress);
    JobControl job;
    job.cancel = cancel.get();
    job.progress = [guard, ctx, describe](const Progress& p) {
        QMetaObject::invokeMethod(
            ctx,  // outlives the job; the dialog may be gone: checked on the GUI thread
            [guard, p, describe] {
                if (!guard) return;
                if (describe) {
                    const QString text = describe(p);
                    if (!text.isEmpty()) guard->setLabelText(text);
                }
                if (p.total == 0) return;
                guard->setMaximum(static_cast<int>(std::min<uint64_t>(p.total, INT_MAX)));
                guard->setValue(static_cast<int>(std::min<uint64_t>(p.done, INT_MAX)));
            },
            Qt::QueuedConnection);
    };
    progress->show();
    ctx->run<R>(
        parent, "",
        [work = std::move(work), job, cancel]() -> R {
            try {  // done() must run even then: it re-enables what the job disabled
                return work(job);
            } catch (const std::exception& e) {
                return Status::ioError(std::string("internal error: ") + e.what());
            }
        },
        [done = std::move(done), guard](R r) {
            if (guard) guard->close();
            done(std::move(r));
        });
}

}  // namespace prescient::ui
