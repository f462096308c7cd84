#include "restoremanager.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPointer>
#include <QThreadPool>

#include <condition_variable>
#include <mutex>

#include "appcontext.h"
#include "errortext.h"

namespace prescient::ui {

namespace {
constexpr int kPollMs = 100;  // how often the GUI checks whether a session is done (a lock-free flag)
}

// Pool tasks never touch the manager directly: they post to it while `closing` is false, under the mutex
// that the destructor takes to set it, and they count themselves in `running` so that the destructor can
// wait until none is left.
struct RestoreManager::Shared {
    std::mutex mutex;
    std::condition_variable idle;
    int running = 0;       // GUARDED_BY(mutex): pool tasks not finished
    bool closing = false;  // GUARDED_BY(mutex): the manager is being destroyed

    void done() {
        std::lock_guard<std::mutex> lock(mutex);
        --running;
        idle.notify_all();
    }
};

// A session on its way to the GUI thread. Member order: the session goes before the repository.
struct RestoreManager::Started {
    std::shared_ptr<repo::Repository> repo;
    std::unique_ptr<restore::InstantRestore> session;
};

RestoreManager::RestoreManager(AppContext* ctx, QObject* parent)
    : QObject(parent), m_ctx(ctx), m_shared(std::make_shared<Shared>()) {
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &RestoreManager::poll);
}

RestoreManager::~RestoreManager() {
    m_poll.stop();
    {
        std::lock_guard<std::mutex> lock(m_shared->mutex);
        m_shared->closing = true;  // from here no task posts to us; a start that ends now cancels its session
    }
    for (auto& [id, e] : m_entries)
        if (e->session) e->session->cancel();
    {
        std::unique_lock<std::mutex> lock(m_shared->mutex);
        m_shared->idle.wait(lock, [this] { return m_shared->running == 0; });
    }
    m_entries.clear();  // each session was cancelled: its destructor joins its threads promptly
}

QString RestoreManager::stateName(State s) {
    switch (s) {
        case State::Starting:
            return tr("Starting");
        case State::Restoring:
            return tr("Restoring");
        case State::Complete:
            return tr("Complete");
        case State::Failed:
            return tr("Failed");
        case State::Cancelled:
            return tr("Cancelled");
    }
    return QString();
}

RestoreManager::Entry* RestoreManager::find(int id) {
    auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : it->second.get();
}

const RestoreManager::Entry* RestoreManager::entry(int id) const {
    auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : it->second.get();
}

std::vector<int> RestoreManager::ids() const {
    std::vector<int> out;
    for (const auto& [id, e] : m_entries) out.push_back(id);
    return out;
}

QStringList RestoreManager::activeTargets() const {
    QStringList out;
    for (const auto& [id, e] : m_entries)
        if (e->active()) out << e->request.target;
    return out;
}

int RestoreManager::start(const RestoreRequest& request) {
    const int id = ++m_nextId;
    auto e = std::make_unique<Entry>();
    e->id = id;
    e->request = request;
    e->request.target = QDir::cleanPath(QFileInfo(request.target).absoluteFilePath());
    e->startedAt = QDateTime::currentDateTime();
    e->repo = m_ctx->repository();
    const QString target = e->request.target;
    Status refused;
    if (!e->repo)
        refused = Status::invalidArgument("no repository is open");
    else if (activeTargets().contains(target))
        refused = Status::busy(target.toStdString() + " is being restored already (see the restore monitor)");
    Entry* raw = e.get();
    m_entries[id] = std::move(e);
    emit restoreAdded(id);
    emit changed();
    if (!refused.isOk()) {
        QMetaObject::invokeMethod(
            this, [this, id, refused] { onStartFailed(id, refused); }, Qt::QueuedConnection);
        return id;
    }

    restore::InstantOptions options;
    options.strategy = raw->request.strategy.toStdString();
    options.force = raw->request.force;
    options.rateMBps = raw->request.rateMBps;
    if (m_alertRules) options.alertRules = m_alertRules();
    auto repo = raw->repo;
    const repo::SnapshotInfo snapshot = raw->request.snapshot;
    const std::string targetPath = target.toStdString();
    std::shared_ptr<Shared> shared = m_shared;
    QPointer<RestoreManager> self(this);
    {
        std::lock_guard<std::mutex> lock(shared->mutex);
        ++shared->running;
    }
    m_ctx->pool()->start([shared, self, id, repo, snapshot, targetPath, options] {
        auto r = restore::InstantRestore::start(*repo, snapshot, targetPath, options);
        auto started = std::make_shared<Started>();
        started->repo = repo;
        if (r.isOk()) started->session = std::move(r.value());
        std::unique_lock<std::mutex> lock(shared->mutex);
        if (shared->closing || !self) {  // nobody to hand it to: stop it here (its state file stays)
            lock.unlock();
            if (started->session) {
                started->session->cancel();
                (void)started->session->wait();
            }
            started.reset();
            shared->done();
            return;
        }
        if (r.isOk()) {
            QMetaObject::invokeMethod(
                self.data(), [self, id, started] { self->onStarted(id, started); }, Qt::QueuedConnection);
        } else {
            Status s = r.status();
            QMetaObject::invokeMethod(
                self.data(), [self, id, s] { self->onStartFailed(id, s); }, Qt::QueuedConnection);
        }
        --shared->running;
        shared->idle.notify_all();
    });
    return id;
}

void RestoreManager::onStartFailed(int id, const Status& s) {
    Entry* e = find(id);
    if (!e) return;
    e->state = State::Failed;
    e->message = errorText(s, tr("Restoring snapshot %1 to %2")
                                  .arg(QString::fromStdString(e->request.snapshot.id).left(8), e->request.target));
    emit changed();
    emit restoreFinished(id, false, e->message);
}

void RestoreManager::onStarted(int id, std::shared_ptr<Started> started) {
    Entry* e = find(id);
    if (!e) return;
    e->session = std::move(started->session);
    e->pagesTotal = e->session->counters().pagesTotal;  // set before start() returned
    e->state = State::Restoring;
    if (e->cancelRequested) e->session->cancel();
    if (!m_poll.isActive()) m_poll.start();
    emit changed();
    emit restoreStarted(id);
}

void RestoreManager::cancel(int id) {
    Entry* e = find(id);
    if (!e || !e->active() || e->cancelRequested) return;
    e->cancelRequested = true;
    if (e->session) e->session->cancel();  // a starting one is cancelled as soon as it arrives
    emit changed();
}

void RestoreManager::poll() {
    bool anyRunning = false;
    for (auto& [id, e] : m_entries) {
        if (e->state != State::Restoring || m_waiting.count(id)) continue;
        if (!e->session->done()) {
            anyRunning = true;
            continue;
        }
        // Done: wait() only joins the finished housekeeping thread now, but it is still core work, so it
        // runs on the pool.
        m_waiting.insert(id);
        restore::InstantRestore* session = e->session.get();  // lives until onWaited (or our destructor,
                                                              // which waits for this task first)
        std::shared_ptr<Shared> shared = m_shared;
        QPointer<RestoreManager> self(this);
        {
            std::lock_guard<std::mutex> lock(shared->mutex);
            ++shared->running;
        }
        m_ctx->pool()->start([shared, self, id, session] {
            auto result = std::make_shared<Result<restore::InstantResult>>(session->wait());
            std::lock_guard<std::mutex> lock(shared->mutex);
            if (!shared->closing && self)
                QMetaObject::invokeMethod(
                    self.data(), [self, id, result] { self->onWaited(id, *result); }, Qt::QueuedConnection);
            --shared->running;
            shared->idle.notify_all();
        });
    }
    if (!anyRunning) m_poll.stop();
}

void RestoreManager::onWaited(int id, const Result<restore::InstantResult>& r) {
    m_waiting.erase(id);
    Entry* e = find(id);
    if (!e || !e->session) return;
    const monitor::MetricsSeries& series = e->session->series();
    e->finalPoints = series.points(0, &e->finalGeneration);
    e->summary = series.summary();
    e->strategyUsed = QString::fromStdString(e->session->strategy());
    const QLocale locale;
    if (r.isOk()) {
        const restore::InstantResult& res = r.value();
        e->state = State::Complete;
        e->result = res;
        e->message = tr("Complete and verified in %1 s: %2 pages match their hashes and PRAGMA integrity_check "
                        "is ok. %3 is a plain SQLite file now.")
                         .arg(locale.toString(res.seconds, 'f', 1))
                         .arg(locale.toString(qulonglong(res.pages)))
                         .arg(QFileInfo(e->request.target).fileName());
    } else if (r.status().code() == Status::Code::kCancelled) {
        e->state = State::Cancelled;
        e->message = tr("Cancelled. The restore state %1.prescient is kept: restore the same snapshot to the same "
                        "file to resume where it stopped.")
                         .arg(QFileInfo(e->request.target).fileName());
    } else {
        e->state = State::Failed;
        e->message =
            errorText(r.status(), tr("Restoring snapshot %1 to %2")
                                      .arg(QString::fromStdString(e->request.snapshot.id).left(8), e->request.target));
    }
    // wait() has returned: destroying the session joins nothing. Its figures live on in the entry.
    e->session.reset();
    m_ctx->reload();  // the restore history changed (a row is written whatever the outcome)
    emit changed();
    emit restoreFinished(id, e->state == State::Complete, e->message);
}

}  // namespace prescient::ui
