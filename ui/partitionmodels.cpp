#include "partitionmodels.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QPalette>

#include <algorithm>

namespace prescient::ui {

namespace {

using partition::EventKind;
using partition::kMaxKey;
using partition::kMinKey;

QDateTime localOf(int64_t us) { return QDateTime::fromMSecsSinceEpoch(us / 1000); }

// Translation context of the free functions below.
class PartitionText {
    Q_DECLARE_TR_FUNCTIONS(PartitionText)
};

QString numberText(qlonglong v) { return QLocale().toString(v); }

QVariant rightAligned() { return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter); }

QString percentText(double p) { return PartitionText::tr("%1 %").arg(QLocale().toString(p * 100, 'f', 0)); }

// Merge: "3 + 4"; else the partition.
QString unitText(int64_t partition, int64_t other, bool merge) {
    return merge ? PartitionText::tr("%1 + %2").arg(numberText(partition), numberText(other)) : numberText(partition);
}

QString roleText(const std::string& role) {
    if (role == "primary") return PartitionText::tr("primary");
    if (role == "shadow") return PartitionText::tr("shadow");
    if (role == "final") return PartitionText::tr("final");
    return QString::fromStdString(role);
}

QString statusText(const std::string& status) {
    if (status == "complete") return PartitionText::tr("complete");
    if (status == "running") return PartitionText::tr("running");
    if (status == "failed") return PartitionText::tr("failed");
    if (status == "cancelled") return PartitionText::tr("cancelled");
    return QString::fromStdString(status);
}

}  // namespace

QString partitionKeyText(int64_t key, bool timeKeys) {
    if (key == kMinKey) return QStringLiteral("−∞");
    if (key == kMaxKey) return QStringLiteral("+∞");
    if (timeKeys) return dateTimeTextUs(key);
    return numberText(key);
}

QString partitionRangeText(int64_t lo, int64_t hi, bool timeKeys) {
    if (timeKeys && lo != kMinKey && hi != kMaxKey && localOf(lo).date() == localOf(hi).date()) {
        const QLocale l;
        return PartitionText::tr("[%1, %2)")
            .arg(partitionKeyText(lo, true), l.toString(localOf(hi).time(), QLocale::ShortFormat));
    }
    return PartitionText::tr("[%1, %2)").arg(partitionKeyText(lo, timeKeys), partitionKeyText(hi, timeKeys));
}

QString changeKindText(EventKind kind) {
    switch (kind) {
        case EventKind::kSplit:
            return PartitionText::tr("split");
        case EventKind::kMerge:
            return PartitionText::tr("merge");
        case EventKind::kCreate:
            return PartitionText::tr("create");
        case EventKind::kDrop:
            return PartitionText::tr("drop");
    }
    return {};
}

QString changeKindText(const std::string& name) { return changeKindText(partition::eventKindFromName(name)); }

QString eventTimeText(int64_t us) { return dateTimeTextUs(us, true); }

QString backupOffsetText(int64_t us, int64_t startUs) {
    const double s = static_cast<double>(us - startUs) / 1e6;
    return s < 0 ? PartitionText::tr("−%1").arg(durationText(-s)) : PartitionText::tr("+%1").arg(durationText(s));
}

// ---- PartitionMapModel

int PartitionMapModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int PartitionMapModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void PartitionMapModel::resetData(std::vector<PartitionRow> rows, bool timeKeys, uint64_t splitRows) {
    beginResetModel();
    m_rows = std::move(rows);
    m_timeKeys = timeKeys;
    m_splitRows = splitRows;
    endResetModel();
}

int PartitionMapModel::rowOf(int64_t id) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id) return static_cast<int>(i);
    return -1;
}

QVariant PartitionMapModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case kId:
            return tr("Partition");
        case kRange:
            return tr("Key range");
        case kRows:
            return tr("Rows");
        case kSize:
            return tr("Size");
        case kWrites:
            return tr("Writes/s");
        case kFile:
            return tr("File");
    }
    return {};
}

QVariant PartitionMapModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const PartitionRow& p = m_rows[index.row()];
    if (role == kIdRole) return QVariant::fromValue<qlonglong>(p.id);
    if (role == Qt::TextAlignmentRole)
        return index.column() == kRows || index.column() == kSize || index.column() == kWrites || index.column() == kId
                   ? rightAligned()
                   : QVariant();
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case kId:
                    return numberText(p.id);
                case kRange:
                    return partitionRangeText(p.lo, p.hi, m_timeKeys);
                case kRows:
                    return numberText(static_cast<qlonglong>(p.rows));
                case kSize:
                    return sizeText(p.bytes);
                case kWrites:
                    return QLocale().toString(p.writesPerSecond, 'f', 1);
                case kFile:
                    return QFileInfo(p.file).fileName();
            }
            break;
        case kSortRole:
            switch (index.column()) {
                case kId:
                    return QVariant::fromValue<qlonglong>(p.id);
                case kRange:
                    return QVariant::fromValue<qlonglong>(p.lo);
                case kRows:
                    return QVariant::fromValue<qulonglong>(p.rows);
                case kSize:
                    return QVariant::fromValue<qulonglong>(p.bytes);
                case kWrites:
                    return p.writesPerSecond;
                case kFile:
                    return p.file;
            }
            break;
        case kValueRole:
            return m_splitRows ? static_cast<double>(p.rows) / static_cast<double>(m_splitRows) : 0.0;
        case Qt::ForegroundRole:
            if (index.column() == kRows && m_splitRows && p.rows > m_splitRows) return QColor(0xb3, 0x5c, 0x00);
            break;
        case Qt::ToolTipRole:
            switch (index.column()) {
                case kRange:
                    return m_timeKeys
                               ? tr("Keys %1 (%2)")
                                     .arg(partitionRangeText(p.lo, p.hi, false), partitionRangeText(p.lo, p.hi, true))
                               : tr("Keys %1").arg(partitionRangeText(p.lo, p.hi, false));
                case kRows:
                    if (!m_splitRows) return {};
                    return tr("%1 of the %2 rows at which maintenance splits a partition")
                        .arg(percentText(static_cast<double>(p.rows) / static_cast<double>(m_splitRows)),
                             numberText(static_cast<qlonglong>(m_splitRows)));
                case kWrites:
                    return tr(
                        "Inserts, updates and deletes per second over the last 10 s of activity (or since the "
                        "partition was created)");
                default:
                    return tr("%1\ncreated %2").arg(p.file, eventTimeText(p.createdUs));
            }
    }
    return {};
}

// ---- PartitionForecastModel

int PartitionForecastModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int PartitionForecastModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void PartitionForecastModel::resetData(const std::vector<partition::Forecast>& forecasts, int64_t asOfUs, bool idle,
                                       bool timeKeys, double minProbability) {
    beginResetModel();
    m_rows.clear();
    for (const auto& f : forecasts)
        if (f.probability >= minProbability && f.probability > 0) m_rows.push_back(f);
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [](const auto& a, const auto& b) { return a.probability > b.probability; });
    m_asOfUs = asOfUs;
    m_idle = idle;
    m_timeKeys = timeKeys;
    endResetModel();
}

QVariant PartitionForecastModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case kPartition:
                return tr("Partition");
            case kChange:
                return tr("Change");
            case kConfidence:
                return tr("Confidence");
            case kExpected:
                return tr("Expected");
            case kKey:
                return tr("Key");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
            case kConfidence:
                return tr("The probability that the change happens within the forecast horizon");
            case kExpected:
                return tr("When the change is expected, should it happen within the horizon");
            case kKey:
                return tr(
                    "Split: the predicted split key. Merge: the boundary that goes away. Create: where the "
                    "new partition starts (at or above).");
        }
    }
    return {};
}

QVariant PartitionForecastModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const partition::Forecast& f = m_rows[index.row()];
    const int64_t atUs = m_asOfUs + static_cast<int64_t>(f.expectedSeconds * 1e6);
    if (role == kIdRole) return QVariant::fromValue<qlonglong>(f.partition);
    if (role == kValueRole) return f.probability;
    if (role == Qt::TextAlignmentRole)
        return index.column() == kPartition || index.column() == kConfidence ? rightAligned() : QVariant();
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case kPartition:
                    return unitText(f.partition, f.other, f.kind == EventKind::kMerge);
                case kChange:
                    return changeKindText(f.kind);
                case kConfidence:
                    return percentText(f.probability);
                case kExpected:
                    // Idle: relative to the last write, which the forecast note names.
                    if (f.expectedSeconds < 0.05) return m_idle ? tr("due") : tr("due now");
                    return m_idle ? tr("+%1").arg(durationText(f.expectedSeconds))
                                  : tr("in %1").arg(durationText(f.expectedSeconds));
                case kKey:
                    return partitionKeyText(f.key, m_timeKeys);
            }
            break;
        case kSortRole:
            switch (index.column()) {
                case kPartition:
                    return QVariant::fromValue<qlonglong>(f.partition);
                case kChange:
                    return static_cast<int>(f.kind);
                case kConfidence:
                    return f.probability;
                case kExpected:
                    return f.expectedSeconds;
                case kKey:
                    return QVariant::fromValue<qlonglong>(f.key);
            }
            break;
        case Qt::ToolTipRole:
            switch (index.column()) {
                case kExpected:
                    return m_idle ? tr("%1 (%2 after the last write)")
                                        .arg(eventTimeText(atUs), durationText(f.expectedSeconds))
                                  : eventTimeText(atUs);
                case kKey:
                    return m_timeKeys ? numberText(f.key) : QVariant();
                case kChange:
                    switch (f.kind) {
                        case EventKind::kSplit:
                            return tr("Partition %1 is expected to outgrow the split threshold and split at its "
                                      "median key")
                                .arg(numberText(f.partition));
                        case EventKind::kMerge:
                            return tr("Partitions %1 and %2 are expected to shrink below the merge threshold and "
                                      "merge")
                                .arg(numberText(f.partition), numberText(f.other));
                        default:
                            return tr("The highest key is expected to come close to the top boundary, so a new "
                                      "partition is created above partition %1")
                                .arg(numberText(f.partition));
                    }
            }
    }
    return {};
}

// ---- PartitionBackupModel

int PartitionBackupModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int PartitionBackupModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void PartitionBackupModel::resetData(const BackupsPicture& picture, const QString& setDir) {
    beginResetModel();
    m_rows.clear();
    m_counts.clear();
    for (auto it = picture.backups.rbegin(); it != picture.backups.rend(); ++it) {
        if (!setDir.isEmpty() && QString::fromStdString(it->setDir) != setDir) continue;
        m_rows.push_back(*it);
        Counts c;
        if (auto cp = picture.copies.find(it->id); cp != picture.copies.end())
            for (const auto& copy : cp->second) {
                if (copy.role == "primary") ++c.primary;
                if (copy.role == "final") ++c.final;
                if (copy.role == "shadow") {
                    ++c.shadow;
                    c.keptShadows += copy.kept;
                }
            }
        if (auto pr = picture.predictions.find(it->id); pr != picture.predictions.end())
            for (const auto& p : pr->second) {
                ++c.predictions;
                c.materialized += p.materialized;
            }
        m_counts.push_back(c);
    }
    endResetModel();
}

int PartitionBackupModel::rowOf(int64_t backupId) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == backupId) return static_cast<int>(i);
    return -1;
}

QVariant PartitionBackupModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole && section == kCopies) return tr("Primary / shadow / final copies");
    if (role == Qt::ToolTipRole && section == kPredictions) return tr("Predictions that materialized, of those made");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case kStarted:
            return tr("Started");
        case kStrategy:
            return tr("Strategy");
        case kOutcome:
            return tr("Outcome");
        case kWindow:
            return tr("Window");
        case kCopies:
            return tr("Copies");
        case kPredictions:
            return tr("Predictions");
    }
    return {};
}

QString partitionStrategyText(const QString& name) {
    if (name == QLatin1String("predictive")) return PartitionText::tr("predictive");
    if (name == QLatin1String("shadow-all")) return PartitionText::tr("shadow all");
    if (name == QLatin1String("stop-the-world")) return PartitionText::tr("stop the world");
    if (name == QLatin1String("naive")) return PartitionText::tr("naive");
    return name;
}

QVariant PartitionBackupModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const repo::PartitionBackupRecord& b = m_rows[index.row()];
    const Counts& c = m_counts[index.row()];
    const double window = b.finishedUs ? static_cast<double>(b.finishedUs - b.startedUs) / 1e6 : 0;
    if (role == kIdRole) return QVariant::fromValue<qlonglong>(b.id);
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case kStarted:
                    return eventTimeText(b.startedUs);
                case kStrategy:
                    return partitionStrategyText(QString::fromStdString(b.strategy));
                case kOutcome:
                    return statusText(b.status);
                case kWindow:
                    return b.finishedUs ? durationText(window) : QString();
                case kCopies:
                    return tr("%1 / %2 / %3")
                        .arg(QLocale().toString(c.primary), QLocale().toString(c.shadow), QLocale().toString(c.final));
                case kPredictions:
                    if (!c.predictions) return QString();
                    return tr("%1 of %2").arg(QLocale().toString(c.materialized), QLocale().toString(c.predictions));
            }
            break;
        case kSortRole:
            switch (index.column()) {
                case kStarted:
                    return QVariant::fromValue<qlonglong>(b.startedUs);
                case kWindow:
                    return window;
                case kCopies:
                    return c.primary + c.shadow + c.final;
                case kPredictions:
                    return c.predictions;
                default:
                    return data(index, Qt::DisplayRole);
            }
        case Qt::ToolTipRole:
            switch (index.column()) {
                case kStarted:
                    return tr("Backup %1 of %2").arg(numberText(b.id), QString::fromStdString(b.setDir));
                case kCopies:
                    return tr("%1 primary, %2 shadow and %3 final copies; %4 of the shadow copies were kept for the "
                              "restore, the others discarded")
                        .arg(QLocale().toString(c.primary), QLocale().toString(c.shadow), QLocale().toString(c.final),
                             QLocale().toString(c.keptShadows));
                case kPredictions:
                    return tr("%1 of the %2 changes the predictor forecast during the backup materialized")
                        .arg(QLocale().toString(c.materialized), QLocale().toString(c.predictions));
                case kWindow:
                    return tr("Map epoch %1 to %2").arg(numberText(b.startEpoch), numberText(b.endEpoch));
            }
            break;
        case Qt::ForegroundRole:
            if (index.column() == kOutcome && (b.status == "failed" || b.status == "cancelled"))
                return QColor(0xc6, 0x28, 0x28);
            break;
    }
    return {};
}

// ---- PartitionCopyModel

int PartitionCopyModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int PartitionCopyModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void PartitionCopyModel::resetData(std::vector<repo::PartitionCopyRecord> copies,
                                   const std::vector<repo::PartitionPredictionRecord>& predictions, bool timeKeys,
                                   int64_t backupStartUs) {
    beginResetModel();
    m_startUs = backupStartUs;
    m_rows = std::move(copies);
    m_materialized.clear();
    for (const auto& c : m_rows) {
        bool materialized = false;
        for (const auto& p : predictions)
            if (p.id == c.predictionId) materialized = p.materialized;
        m_materialized.push_back(materialized);
    }
    m_timeKeys = timeKeys;
    endResetModel();
}

QVariant PartitionCopyModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case kPartition:
            return tr("Partition");
        case kRole:
            return tr("Copy");
        case kOutcome:
            return tr("Outcome");
        case kRange:
            return tr("Key range");
        case kTaken:
            return tr("Taken");  // relative to the backup's start
        case kSize:
            return tr("Size");
    }
    return {};
}

QVariant PartitionCopyModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const repo::PartitionCopyRecord& c = m_rows[index.row()];
    const bool shadow = c.role == "shadow";
    if (role == kIdRole) return QVariant::fromValue<qlonglong>(c.partition);
    if (role == Qt::TextAlignmentRole)
        return index.column() == kPartition || index.column() == kSize ? rightAligned() : QVariant();
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case kPartition:
                    return numberText(c.partition);
                case kRole:
                    return roleText(c.role);
                case kOutcome:
                    if (shadow && c.kept) return m_materialized[index.row()] ? tr("materialized, kept") : tr("kept");
                    if (shadow) return tr("discarded");
                    return c.kept ? tr("used by the restore") : tr("superseded");
                case kRange:
                    return partitionRangeText(c.lo, c.hi, m_timeKeys);
                case kTaken:
                    return backupOffsetText(c.takenUs, m_startUs);
                case kSize:
                    return sizeText(c.bytes);
            }
            break;
        case kSortRole:
            switch (index.column()) {
                case kPartition:
                    return QVariant::fromValue<qlonglong>(c.partition);
                case kRange:
                    return QVariant::fromValue<qlonglong>(c.lo);
                case kTaken:
                    return QVariant::fromValue<qlonglong>(c.takenUs);
                case kSize:
                    return QVariant::fromValue<qulonglong>(c.bytes);
                default:
                    return data(index, Qt::DisplayRole);
            }
        case Qt::ToolTipRole:
            if (index.column() == kOutcome) {
                if (shadow && c.kept)
                    return tr("The predicted change happened: the restore takes this partition from the shadow copy");
                if (shadow)
                    return tr(
                        "The predicted change did not happen (or a later copy is valid): the shadow copy was deleted");
                if (c.role == "final") return tr("Taken at the end for a change nobody predicted");
                return c.kept ? tr("The restore takes this partition from this copy")
                              : tr("The partition changed after this copy: the restore takes a later one");
            }
            if (index.column() == kTaken) return eventTimeText(c.takenUs);
            if (index.column() == kRole && c.predictionId)
                return tr("Taken for prediction %1").arg(numberText(c.predictionId));
            break;
        case Qt::ForegroundRole:
            if (!c.kept) return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
            break;
    }
    return {};
}

// ---- BackupPredictionModel

int BackupPredictionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int BackupPredictionModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void BackupPredictionModel::resetData(std::vector<repo::PartitionPredictionRecord> predictions, int64_t backupStartUs) {
    beginResetModel();
    m_startUs = backupStartUs;
    m_rows = std::move(predictions);
    endResetModel();
}

QVariant BackupPredictionModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case kMade:
            return tr("Made");
        case kPartition:
            return tr("Partition");
        case kChange:
            return tr("Change");
        case kConfidence:
            return tr("Confidence");
        case kExpected:
            return tr("Expected");
        case kOutcome:
            return tr("Outcome");
    }
    return {};
}

QVariant BackupPredictionModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const repo::PartitionPredictionRecord& p = m_rows[index.row()];
    if (role == kIdRole) return QVariant::fromValue<qlonglong>(p.partition);
    if (role == kValueRole) return p.probability;
    if (role == Qt::TextAlignmentRole)
        return index.column() == kPartition || index.column() == kConfidence ? rightAligned() : QVariant();
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case kMade:
                    return backupOffsetText(p.madeUs, m_startUs);
                case kPartition:
                    return unitText(p.partition, p.other, p.kind == "merge");
                case kChange:
                    return changeKindText(p.kind);
                case kConfidence:
                    return percentText(p.probability);
                case kExpected:
                    return tr("%1 later").arg(durationText(static_cast<double>(p.expectedUs - p.madeUs) / 1e6));
                case kOutcome:
                    return p.materialized ? tr("materialized") : tr("did not happen");
            }
            break;
        case kSortRole:
            switch (index.column()) {
                case kMade:
                    return QVariant::fromValue<qlonglong>(p.madeUs);
                case kPartition:
                    return QVariant::fromValue<qlonglong>(p.partition);
                case kConfidence:
                    return p.probability;
                case kExpected:
                    return QVariant::fromValue<qlonglong>(p.expectedUs - p.madeUs);
                default:
                    return data(index, Qt::DisplayRole);
            }
        case Qt::ToolTipRole:
            if (index.column() == kExpected) return eventTimeText(p.expectedUs);
            if (index.column() == kMade) return eventTimeText(p.madeUs);
            if (index.column() == kOutcome && p.materialized)
                return tr("Event %1 of the set's log matched this prediction").arg(numberText(p.eventId));
            if (index.column() == kOutcome) return tr("The change did not happen during the backup's window");
            break;
        case Qt::ForegroundRole:
            if (index.column() == kOutcome && p.materialized) return QColor(0x2e, 0x7d, 0x32);
            break;
    }
    return {};
}

}  // namespace prescient::ui
