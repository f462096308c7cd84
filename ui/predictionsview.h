// PredictionsView: what the prediction engine expects a restored snapshot to read first, and how good its
// strategies are. Top: a snapshot picker (newest first) and a strategy picker ("best stored model" or one
// strategy) with the Train/Retrain button. Left: the snapshot's pages in restore order (confidence bars,
// cumulative expected coverage, the first batch an instant restore fetches tinted) under a summary per
// table and index. Right: the stored held-out evaluation of every strategy side by side (coverage,
// precision, Brier, ...; best values bold) above the reliability diagram (ReliabilityChart).
//
// Loading: the ranking (predict::predictSnapshot) and the reliability bins (predict::evaluateSource on
// the source's traces; cached per source and set of stored models, and taken from a training's report)
// run on the AppContext's pool as keyed requests, so stale answers are dropped; contentReady follows each
// display. Without a repository, a snapshot or a stored model the view shows an empty state that says how
// to get one. train() retrains every strategy for the selected snapshot's source through a writable
// Repository handle, behind a progress dialog with Cancel, then reloads the AppContext.
// Thread safety: GUI thread only.
#pragma once

#include <QString>
#include <QWidget>

#include <map>
#include <string>
#include <vector>

#include "appcontext.h"
#include "predict/service.h"

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace prescient::ui {

class EvaluationModel;
class ObjectSummaryModel;
class RankedPagesModel;
class ReliabilityChart;

class PredictionsView : public QWidget {
    Q_OBJECT
public:
    // ctx must outlive the view.
    explicit PredictionsView(AppContext* ctx, QWidget* parent = nullptr);

    // Shows the predictions for this snapshot. By default (and after choosing the newest one) the view
    // follows the newest snapshot on every stateChanged; an id not in the repository is ignored.
    void selectSnapshot(const QString& snapshotId);
    // Ranks with this strategy's stored model; "" = the stored model with the best held-out coverage.
    void setStrategy(const QString& strategy);
    // Retrains every strategy for the selected snapshot's source (a job with a progress dialog and
    // Cancel), then reloads the repository state. Errors show in the view and in a message box.
    void train();

    QString selectedSnapshot() const { return m_snapshotId; }
    QString strategy() const { return m_strategy; }
    // The strategy whose ranking is shown ("" before one is shown).
    QString shownStrategy() const { return m_used; }
    // True while a ranking or reliability request is outstanding.
    bool isLoading() const { return m_rankingPending || m_reliabilityPending; }
    // The empty state's text, "" while predictions are shown.
    QString emptyStateText() const;

    // For tests.
    QAbstractItemModel* rankedModel() const;
    QAbstractItemModel* objectModel() const;
    QAbstractItemModel* evaluationModel() const;
    ReliabilityChart* reliabilityChart() const { return m_chart; }
    QTableView* rankedTable() const { return m_rankedTable; }
    QComboBox* snapshotPicker() const { return m_snapshotPicker; }
    QComboBox* strategyPicker() const { return m_strategyPicker; }
    QPushButton* trainButton() const { return m_train; }

signals:
    // Emitted each time asynchronously loaded content (a ranking, the reliability bins, an empty state
    // after a reload) is displayed.
    void contentReady();

private:
    void refresh();  // on stateChanged: pickers, evaluation, then a new ranking request
    void rebuildSnapshotPicker();
    void rebuildStrategyPicker();
    void showSelection();  // the selected snapshot's source: evaluation, strategy picker, requests
    void requestRanking();
    void showRanking(const repo::SnapshotInfo& snapshot, std::vector<predict::PagePrediction> pages);
    void requestReliability();
    void updateEvaluationTable();  // hides columns of shared settings, caption, height
    void showEmpty(const QString& text, bool offerTraining);
    void showError(const QString& text);
    const repo::SnapshotInfo* selectedInfo() const;
    std::vector<const repo::SnapshotInfo*> databaseSnapshots() const;
    std::string reliabilityKey() const;  // source + stored model ids: when it changes, bins are stale

    AppContext* m_ctx;
    RankedPagesModel* m_ranked;
    ObjectSummaryModel* m_objects;
    EvaluationModel* m_evaluation;
    ReliabilityChart* m_chart;
    QTableView* m_rankedTable;
    QTableView* m_objectTable;
    QTableView* m_evaluationTable;
    QComboBox* m_snapshotPicker;
    QComboBox* m_strategyPicker;
    QPushButton* m_train;
    QPushButton* m_emptyTrain;
    QLabel* m_summary;
    QLabel* m_rankingCaption;
    QLabel* m_evaluationCaption;
    QLabel* m_chartNote;
    QLabel* m_error;
    QLabel* m_empty;
    QStackedWidget* m_stack;

    QString m_snapshotId;  // the selected snapshot, "" when none
    bool m_followNewest = true;
    QString m_strategy;          // requested ("" = best)
    QString m_used;              // shown
    std::string m_requestedKey;  // snapshot|strategy|models of the last ranking request
    std::string m_shownKey;      // ... of the ranking shown (or failed)
    bool m_rankingPending = false;
    std::string m_reliabilityRequested, m_reliabilityShown;  // reliabilityKey()s
    bool m_reliabilityPending = false;
    std::map<std::string, std::vector<predict::StrategyScore>> m_reliability;  // by reliabilityKey()
    bool m_columnsSized = false;
};

}  // namespace prescient::ui
