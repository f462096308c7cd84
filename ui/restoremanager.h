// RestoreManager: the instant restores this GUI runs (DESIGN.md §2). start() returns at once; the core
// session is prepared on the AppContext's pool, handed to the GUI thread as soon as the target answers
// (restoreStarted), and its end is collected on the pool and handed back (restoreFinished). The GUI
// thread never waits on core work: it polls the session's lock-free done() flag and only then runs the
// session's wait() on the pool, where it returns at once (so no pool thread is held for a whole restore).
//
// Ownership: each Entry keeps the shared repository open for as long as its session lives, and owns the
// session from restoreStarted until the restore ended (its final figures are then copied into the entry
// and the session destroyed; the target is a plain file by then, or a resumable unfinished restore).
// The manager must be destroyed before the AppContext whose pool it uses; its destructor cancels every
// restore and waits for them (the state files stay, so each resumes when started again).
//
// Thread safety: GUI thread only. Entries are read there; their sessions' counters() and series() may be
// read at any time (they never block on the restore).
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "restore/instantrestore.h"
#include "restoredialog.h"

namespace prescient::ui {

class AppContext;

class RestoreManager : public QObject {
    Q_OBJECT
public:
    enum class State { Starting, Restoring, Complete, Failed, Cancelled };

    struct Entry {
        int id = 0;
        RestoreRequest request;
        State state = State::Starting;
        bool cancelRequested = false;
        QDateTime startedAt;                               // when start() was called
        std::shared_ptr<repo::Repository> repo;            // declared before session: outlives it
        std::unique_ptr<restore::InstantRestore> session;  // from restoreStarted until the end; else null
        // Once it ended (restoreFinished):
        std::optional<restore::InstantResult> result;    // on success
        QString message;                                 // the outcome as the user reads it (error text on failure)
        QString strategyUsed;                            // what ran ("none", "markov"...); "" when it never started
        monitor::MetricsSummary summary;                 // the series' summary at the end
        std::vector<monitor::MetricsPoint> finalPoints;  // the whole series at the end
        uint64_t finalGeneration = 0;                    // MetricsSeries generation of finalPoints
        uint64_t pagesTotal = 0;                         // pages of the snapshot (0 until started)

        bool active() const { return state == State::Starting || state == State::Restoring; }
    };

    explicit RestoreManager(AppContext* ctx, QObject* parent = nullptr);
    ~RestoreManager() override;  // cancels every restore and waits for them

    // Starts an instant restore of r and returns its id (> 0) at once, after restoreAdded(id). The restore
    // then either starts (restoreStarted) or fails (restoreFinished(id, false, message)); both arrive
    // later through the event loop, never from inside start().
    int start(const RestoreRequest& r);
    // Cancels a running or starting restore (restoreFinished(id, false, ...) with state Cancelled follows;
    // the target's state file TARGET.prescient stays so the same restore resumes). No effect otherwise.
    void cancel(int id);

    // Where start() takes the alert thresholds from, asked once per restore (the alerts view hands it the
    // preferences, AlertSettings::load). Unset: the core defaults (monitor::AlertRules{}).
    void setAlertRulesSource(std::function<monitor::AlertRules()> source) { m_alertRules = std::move(source); }

    std::vector<int> ids() const;       // in start order
    const Entry* entry(int id) const;   // null for an unknown id
    QStringList activeTargets() const;  // targets of the restores starting or running

    static QString stateName(State s);  // translated: "Starting", "Restoring"...

signals:
    void restoreAdded(int id);
    void restoreStarted(int id);  // the target answers queries through the prescient VFS now
    void restoreFinished(int id, bool ok, const QString& message);
    void changed();  // any entry's state changed

private:
    struct Shared;  // what pool tasks share with the manager; outlives it
    struct Started;

    Entry* find(int id);
    void onStarted(int id, std::shared_ptr<Started> started);
    void onStartFailed(int id, const Status& s);
    void poll();  // GUI timer: collects the sessions that are done
    void onWaited(int id, const Result<restore::InstantResult>& r);

    AppContext* m_ctx;
    std::shared_ptr<Shared> m_shared;
    std::map<int, std::unique_ptr<Entry>> m_entries;
    std::set<int> m_waiting;  // ids whose wait() was handed to the pool
    QTimer m_poll;
    int m_nextId = 0;
    std::function<monitor::AlertRules()> m_alertRules;  // see setAlertRulesSource
};

}  // namespace prescient::ui
