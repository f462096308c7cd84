// The item models of the predictions view, holding copies of what the view loaded (they never call core):
//  - RankedPagesModel: a snapshot's pages in restore order (rank, page, owning table or index, page type,
//    confidence, expected coverage up to the row, expected first read), the pages within the budget marked;
//  - ObjectSummaryModel: the same ranking per table or index (pages ranked, pages within the budget, mean
//    and top confidence, expected early reads);
//  - EvaluationModel: one row per strategy with the stored model's held-out metrics (metricsJson at
//    training time), the best value of each metric highlighted;
//  - ConfidenceBarDelegate: paints a value in [0, 1] (kValueRole) as a bar behind the cell's text.
//
// Roles: DisplayRole (formatted in the user's locale, translated), kValueRole (the raw number: double,
// or QString for names; invalid when unknown — sort on it with a QSortFilterProxyModel), ToolTipRole,
// TextAlignmentRole (numbers right-aligned), FontRole / BackgroundRole (highlights).
// Thread safety: GUI thread only, like every item model.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QStyledItemDelegate>

#include <vector>

#include "confidencebar.h"
#include "predict/service.h"
#include "repo/catalog.h"

namespace prescient::ui {

// A page type for people: "table leaf", "index interior", "overflow"... (translated).
QString pageTypeText(predict::PageType type);
// A share in [0, 1] as a percentage in the user's locale ("42.5%"); "—" for NaN.
QString percentText(double share, int decimals = 1);

class RankedPagesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { kRank, kPage, kObject, kType, kConfidence, kCoverage, kFirstRead, kColumnCount };
    static constexpr int kInBatchRole = Qt::UserRole + 11;  // bool: the page is within the budget

    explicit RankedPagesModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces every row with the ranking (best first). The first `batchPages` rows are within the budget:
    // the top pages that the evaluation's coverage and precision measure.
    void resetData(std::vector<predict::PagePrediction> pages, size_t batchPages);
    const std::vector<predict::PagePrediction>& pages() const { return m_pages; }
    size_t batchPages() const { return m_batch; }
    // Sum of the confidences: the expected number of these pages read within the horizon.
    double expectedReads() const { return m_total; }

private:
    std::vector<predict::PagePrediction> m_pages;
    std::vector<double> m_cumulative;  // parallel to m_pages: running sum of the confidences
    double m_total = 0;
    size_t m_batch = 0;
};

class ObjectSummaryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        kObject,
        kKind,
        kPages,
        kInBatch,
        kMeanConfidence,
        kTopConfidence,
        kExpected,
        kBestRank,
        kColumnCount
    };

    struct Row {
        QString object;  // "" for pages of no table or index (freelist, pointer map)
        bool isIndex = false;
        int pages = 0, inBatch = 0;
        double sumConfidence = 0, topConfidence = 0;
        int bestRank = 0;  // 1-based
    };

    explicit ObjectSummaryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Groups the ranking (best first) by owning object; rows ordered by expected early reads, most first.
    void resetData(const std::vector<predict::PagePrediction>& pages, size_t batchPages);
    const std::vector<Row>& rows() const { return m_rows; }

private:
    std::vector<Row> m_rows;
};

// One stored model's metrics (ModelRecord::metricsJson), NaN where the JSON has null or lacks the key.
struct StoredEvaluation {
    QString strategy;
    qint64 modelId = 0;
    qint64 trainedUs = 0;
    quint64 tracesUsed = 0;
    quint64 modelBytes = 0;
    double coverage, precision, brier, budget, trainSeconds;
    qint64 horizon = 0, trainEpisodes = 0, testEpisodes = 0, episodes = 0;
    QString extra;  // other keys of the JSON, "key: value" lines (shown as a tooltip)

    // Parses a record's metrics; unknown or malformed JSON leaves the numbers NaN.
    static StoredEvaluation fromRecord(const repo::ModelRecord& record);
};

// The newest stored model of each strategy of `source`, in strategyNames() order (then unknown names).
std::vector<StoredEvaluation> latestEvaluations(const std::vector<repo::ModelRecord>& models,
                                                const std::string& source);
// The strategy predictSnapshot picks for "" (highest stored coverage; ties to the simpler strategy), or "".
QString bestStrategy(const std::vector<StoredEvaluation>& evaluations);

class EvaluationModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        kStrategy,
        kCoverage,
        kPrecision,
        kBrier,
        kBudget,
        kHorizon,
        kEpisodes,
        kTrainTime,
        kTrained,
        kSize,
        kColumnCount
    };
    static constexpr int kBestRole = Qt::UserRole + 12;  // bool: this cell holds the column's best value

    explicit EvaluationModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces every row; `inUse` is the strategy of the shown ranking (its row is marked), "" for none.
    void resetData(std::vector<StoredEvaluation> rows, const QString& inUse);
    void setInUse(const QString& strategy);
    const std::vector<StoredEvaluation>& evaluations() const { return m_rows; }
    // The row of a strategy, or -1.
    int rowOf(const QString& strategy) const;

private:
    bool isBest(int row, int column) const;

    std::vector<StoredEvaluation> m_rows;
    QString m_inUse;
    QString m_best;  // bestStrategy(m_rows)
};

}  // namespace prescient::ui
