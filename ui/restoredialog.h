// RestoreDialog: the one-click confirmation of an instant restore (DESIGN.md §2). It shows what will be
// restored (snapshot time, tag, source, size), where to (a fresh path next to the source by default), with
// which prefetch strategy (the stored model with the best held-out coverage first), and an estimate of the
// time to first query against a full restore. It reads only the AppContext's RepoState and the file
// system's view of the target path: no core work runs here. The caller starts request() on accept.
//
// Thread safety: GUI thread only.
#pragma once

#include <QDialog>
#include <QString>

#include "repo/catalog.h"

class QAbstractButton;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace prescient::ui {

class AppContext;
struct RepoState;

// What RestoreManager::start() runs.
struct RestoreRequest {
    repo::SnapshotInfo snapshot;
    QString target;       // absolute path of the database to create
    QString strategy;     // "" = best stored model ("none" when the source has none), "none", or a strategy name
    bool force = false;   // replace an existing target (an unfinished restore of the same snapshot still resumes)
    double rateMBps = 0;  // limit on the background fetches, MB/s (10^6 bytes); 0 = none. Reads are never limited
};

// The estimate the dialog shows. Both figures in seconds.
struct RestoreEstimate {
    double firstQuery = 0;  // from clicking Restore to the target answering a first query
    double full = 0;        // a plain full restore of the same snapshot
    int pastRestores = 0;   // how many past restores the figures come from; 0 = from the size alone
};

class RestoreDialog : public QDialog {
    Q_OBJECT
public:
    RestoreDialog(AppContext* ctx, const repo::SnapshotInfo& snapshot, QWidget* parent = nullptr);

    // The restore as the dialog now stands (force is set when the target exists).
    RestoreRequest request() const;
    // A rate limit for the background restore in MB/s (0 = none): for tests and power users.
    void setRateLimit(double mbps);

    // From the repository's past restores when it has any (time to first query per page of the restored
    // database, bytes per second of the completed ones), else from the size: ~0.4 s of setup per GiB and
    // a full restore at ~250 MB/s.
    static RestoreEstimate estimate(const RepoState& state, const repo::SnapshotInfo& snapshot);
    // <source folder>/<name>-restored-<tag, or the first 8 hex digits of the id>.db, with "-2", "-3"...
    // added while that file (or an unfinished restore's state file) exists. The home folder when the
    // source's folder is gone.
    static QString defaultTarget(const repo::SnapshotInfo& snapshot);

    // For tests.
    QLineEdit* targetEdit() const { return m_target; }
    QComboBox* strategyCombo() const { return m_strategy; }
    QAbstractButton* restoreButton() const;
    QString targetWarning() const;  // the line under the target ("" when none)

private:
    void fillStrategies(const RepoState& state);
    void updateTarget();
    void updateStrategyNote();
    void browse();

    repo::SnapshotInfo m_snapshot;
    QLineEdit* m_target = nullptr;
    QLabel* m_targetNote = nullptr;
    QComboBox* m_strategy = nullptr;
    QLabel* m_strategyNote = nullptr;
    QDoubleSpinBox* m_rate = nullptr;
    QPushButton* m_restore = nullptr;
    QString m_noModelNote;  // why the default is None, "" when a model exists
};

}  // namespace prescient::ui
