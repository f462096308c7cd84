// AppContext: what every view of the GUI shares. The open repository, a worker pool for core jobs, and
// an immutable picture of the catalog (RepoState) that views render.
//
// Threading (STYLE.md "Threading"): core work never runs on the GUI thread. run() executes a function
// on the pool and hands its result to a callback on the GUI thread through a queued call; the callback
// is dropped when its context object is gone or, for keyed requests, when a newer request with the same
// key was made meanwhile (the generation check of DB4S's m_lifeCounter). Long jobs take a CancelToken.
//
// The repository is opened read-only (no lock): restores, listings and queries use it from pool threads
// (Catalog calls are serialised inside core). A backup opens its own writable handle for its duration.
// Thread safety: AppContext itself lives on the GUI thread; state() is read there only.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "repo/repository.h"
#include "util/job.h"

namespace prescient::ui {

// What the catalog holds, loaded off the GUI thread; views keep a copy and never touch core for it.
struct RepoState {
    QString repoDir;                            // "" when no repository is open
    std::vector<repo::SnapshotInfo> snapshots;  // oldest first
    std::vector<repo::ModelRecord> models;      // every source's (metrics, no bytes)
    std::vector<repo::RestoreRecord> restores;  // oldest first
    std::map<std::string, std::string> partitionSetOfSnapshot;  // snapshot id -> its partition set's folder
    QStringList problems;                       // parts that could not be read (translated, specific)
    quint64 generation = 0;                     // increases with every reload
};

// The newest snapshot of a database (not a partition backup's copy), or null when there is none.
inline const repo::SnapshotInfo* newestDatabaseSnapshot(const RepoState& s) {
    for (auto it = s.snapshots.rbegin(); it != s.snapshots.rend(); ++it)
        if (!s.partitionSetOfSnapshot.count(it->id)) return &*it;
    return nullptr;
}

class AppContext : public QObject {
    Q_OBJECT
public:
    explicit AppContext(QObject* parent = nullptr);
    ~AppContext() override;  // waits for the pool's jobs

    // $PRESCIENT_REPO, else <XDG data folder>/repository.
    static QString defaultRepositoryDir();
    // <XDG data folder>/demo: where the demo repository is built.
    static QString demoDir();
    // Recently opened repositories, newest first (QSettings).
    QStringList recentRepositories() const;

    // Opens dir (creating an empty repository there when create is true and it holds none). On the pool;
    // then repositoryOpened + stateChanged, or failed(message).
    void openRepository(const QString& dir, bool create = false);
    // The open repository, shared with running jobs (they keep it alive). Null when none is open.
    std::shared_ptr<repo::Repository> repository() const { return m_repo; }
    const RepoState& state() const { return m_state; }
    // Reloads RepoState on the pool; stateChanged when it arrives (older answers are dropped).
    void reload();

    QThreadPool* pool() { return &m_pool; }

    // Runs work on the pool and then done(result) on the GUI thread, unless `context` was destroyed or
    // (key != "") a later run() with the same key superseded this one.
    template <typename R>
    void run(QObject* context, const QString& key, std::function<R()> work, std::function<void(R)> done) {
        quint64 gen = key.isEmpty() ? 0 : ++m_generations[key];
        QPointer<QObject> guard(context);
        AppContext* self = this;  // outlives every pool job: its destructor waits for the pool
        m_pool.start([work = std::move(work), done = std::move(done), guard, self, key, gen]() mutable {
            std::shared_ptr<R> result;
            QString failure;
            try {  // nothing escapes a pool thread (QThreadPool would terminate the application)
                result = std::make_shared<R>(work());
            } catch (const std::exception& e) {
                failure = QString::fromLocal8Bit(e.what());
            } catch (...) {
                failure = QStringLiteral("unknown exception");
            }
            // Posted to the context object, never to `guard` itself: it may be deleted on the GUI thread
            // at any moment; the queued call checks it there.
            QMetaObject::invokeMethod(
                self,
                [done = std::move(done), result, failure, guard, self, key, gen]() {
                    if (!result) {
                        emit self->failed(tr("Internal error: %1").arg(failure));
                        return;
                    }
                    if (!guard) return;
                    if (!key.isEmpty() && self->m_generations[key] != gen) return;  // stale answer
                    done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

    // A cancellation token for a job of this context: cancelled when the context shuts down (before it
    // waits for the pool), so closing the window never waits for a long job to run to its end.
    std::shared_ptr<CancelToken> jobToken();

signals:
    void repositoryOpened(const QString& dir);
    void stateChanged();
    void failed(const QString& message);  // translated, specific, for the status bar or a dialog

private:
    void rememberRecent(const QString& dir);

    QThreadPool m_pool;
    std::shared_ptr<repo::Repository> m_repo;
    RepoState m_state;
    std::map<QString, quint64> m_generations;  // GUI thread only
    std::vector<std::weak_ptr<CancelToken>> m_tokens;  // GUI thread only: cancelled at shutdown
};

}  // namespace prescient::ui

// Snapshots travel in signals between views (one declaration for every translation unit).
Q_DECLARE_METATYPE(prescient::repo::SnapshotInfo)
