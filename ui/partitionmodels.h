// Table models of the Partitions view, each filled from an immutable picture (partitiondata.h) through a
// resetData() slot on the GUI thread:
//   PartitionMapModel       the set's partitions: id, file, key range, rows, size, writes/s;
//   PartitionForecastModel  the CPE's forecast: partition, change, confidence, expected time, key;
//   PartitionBackupModel    the repository's partition backups of one set: time, strategy, outcome, figures;
//   PartitionCopyModel      one backup's copies: partition, role, outcome (kept, materialized, discarded);
//   BackupPredictionModel   one backup's predictions and whether they materialized.
// Numbers, sizes and times go through QLocale; kSortRole gives sortable raw values, kValueRole the number a
// delegate draws (a probability for the confidence bar). ConfidenceDelegate draws that bar.
// Thread safety: GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QStyledItemDelegate>

#include <vector>

#include "confidencebar.h"
#include "formatting.h"  // durationText, sizeText
#include "partitiondata.h"

namespace prescient::ui {

// "[lo, hi)" with −∞ / +∞; times (local, short) when timeKeys.
QString partitionKeyText(int64_t key, bool timeKeys);
QString partitionRangeText(int64_t lo, int64_t hi, bool timeKeys);
// "split", "merge", "create" translated.
QString changeKindText(partition::EventKind kind);
QString changeKindText(const std::string& name);
// "predictive", "shadow-all", "stop-the-world", "naive" as the user reads them.
QString partitionStrategyText(const QString& name);
// "+0.42 s": a time relative to a backup's start.
QString backupOffsetText(int64_t us, int64_t startUs);
// The local date and time of a µs timestamp, with seconds (formatting.h).
QString eventTimeText(int64_t us);

enum PartitionRoles { kSortRole = Qt::UserRole + 1, kIdRole };  // and kValueRole (confidencebar.h)

class PartitionMapModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { kId, kRange, kRows, kSize, kWrites, kFile, kColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    void resetData(std::vector<PartitionRow> rows, bool timeKeys, uint64_t splitRows);
    const std::vector<PartitionRow>& partitions() const { return m_rows; }
    int rowOf(int64_t id) const;  // -1 when not shown

private:
    std::vector<PartitionRow> m_rows;
    bool m_timeKeys = false;
    uint64_t m_splitRows = 0;
};

class PartitionForecastModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { kPartition, kChange, kConfidence, kExpected, kKey, kColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    // Keeps the forecasts with probability >= minProbability, most probable first.
    void resetData(const std::vector<partition::Forecast>& forecasts, int64_t asOfUs, bool idle, bool timeKeys,
                   double minProbability);
    const std::vector<partition::Forecast>& forecasts() const { return m_rows; }

private:
    std::vector<partition::Forecast> m_rows;
    int64_t m_asOfUs = 0;
    bool m_idle = false, m_timeKeys = false;
};

class PartitionBackupModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { kStarted, kStrategy, kOutcome, kWindow, kCopies, kPredictions, kColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    // The backups of the picture whose set folder is setDir (every backup when setDir is empty), newest first.
    void resetData(const BackupsPicture& picture, const QString& setDir);
    const std::vector<repo::PartitionBackupRecord>& backups() const { return m_rows; }
    int rowOf(int64_t backupId) const;

private:
    struct Counts {
        int primary = 0, shadow = 0, final = 0, keptShadows = 0;
        int predictions = 0, materialized = 0;
    };
    std::vector<repo::PartitionBackupRecord> m_rows;
    std::vector<Counts> m_counts;
};

class PartitionCopyModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { kPartition, kRole, kOutcome, kRange, kTaken, kSize, kColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    // Times are shown relative to backupStartUs (the backup's start).
    void resetData(std::vector<repo::PartitionCopyRecord> copies,
                   const std::vector<repo::PartitionPredictionRecord>& predictions, bool timeKeys,
                   int64_t backupStartUs);
    const std::vector<repo::PartitionCopyRecord>& copies() const { return m_rows; }

private:
    std::vector<repo::PartitionCopyRecord> m_rows;
    std::vector<bool> m_materialized;  // per row: a shadow taken for a prediction that materialized
    bool m_timeKeys = false;
    int64_t m_startUs = 0;
};

class BackupPredictionModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { kMade, kPartition, kChange, kConfidence, kExpected, kOutcome, kColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    void resetData(std::vector<repo::PartitionPredictionRecord> predictions, int64_t backupStartUs);
    const std::vector<repo::PartitionPredictionRecord>& predictions() const { return m_rows; }

private:
    std::vector<repo::PartitionPredictionRecord> m_rows;
    int64_t m_startUs = 0;
};

}  // namespace prescient::ui
