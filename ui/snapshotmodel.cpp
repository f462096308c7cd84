#include "snapshotmodel.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QLocale>

#include "formatting.h"

namespace prescient::ui {

SnapshotTableModel::SnapshotTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int SnapshotTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_snapshots.size());
}

int SnapshotTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void SnapshotTableModel::resetData(std::vector<repo::SnapshotInfo> snapshots) {
    beginResetModel();
    m_snapshots = std::move(snapshots);
    endResetModel();
}

const repo::SnapshotInfo* SnapshotTableModel::snapshotAt(int row) const {
    if (row < 0 || row >= static_cast<int>(m_snapshots.size())) return nullptr;
    return &m_snapshots[static_cast<size_t>(row)];
}

int SnapshotTableModel::rowOf(const QString& id) const {
    const std::string key = id.toStdString();
    for (size_t i = 0; i < m_snapshots.size(); ++i)
        if (m_snapshots[i].id == key) return static_cast<int>(i);
    return -1;
}

QDateTime SnapshotTableModel::localTime(const repo::SnapshotInfo& s) {
    return QDateTime::fromMSecsSinceEpoch(s.timeUs / 1000);
}

QString SnapshotTableModel::kindText(const repo::SnapshotInfo& s) {
    return s.parent.empty() ? tr("full") : tr("incremental");
}

QString SnapshotTableModel::fileName(const std::string& path) {
    const QString p = QString::fromStdString(path);
    const QString name = QFileInfo(p).fileName();
    return name.isEmpty() ? p : name;
}

QString SnapshotTableModel::summary(const repo::SnapshotInfo& s) {
    QLocale loc;
    QStringList lines;
    lines << tr("Snapshot %1").arg(QString::fromStdString(s.id));
    lines << tr("Taken: %1").arg(localizedPattern(localTime(s), QStringLiteral("dddd")) + QLatin1Char(' ') + dateTimeText(localTime(s), true));
    lines << tr("Source: %1").arg(QString::fromStdString(s.sourcePath));
    if (!s.tag.empty()) lines << tr("Tag: %1").arg(QString::fromStdString(s.tag));
    if (s.parent.empty())
        lines << tr("Kind: full (first snapshot of this source)");
    else
        lines << tr("Kind: incremental (after %1)").arg(QString::fromStdString(s.parent));
    lines << tr("Size: %1 (%2 pages of %3 bytes)")
                 .arg(sizeText(s.bytesTotal), loc.toString(static_cast<qulonglong>(s.pageCount)),
                      loc.toString(s.pageSize));
    const double share = s.pageCount ? 100.0 * static_cast<double>(s.pagesNew) / static_cast<double>(s.pageCount) : 0;
    lines << tr("New pages: %1 (%2%)")
                 .arg(loc.toString(static_cast<qulonglong>(s.pagesNew)), loc.toString(share, 'f', share < 10 ? 1 : 0));
    lines << tr("New data stored: %1 (compressed)").arg(sizeText(s.bytesNew));
    lines << tr("Backup took %1").arg(durationText(s.seconds));
    if (!s.journalMode.empty()) lines << tr("Journal mode: %1").arg(QString::fromStdString(s.journalMode));
    return lines.join(QLatin1Char('\n'));
}

QVariant SnapshotTableModel::display(const repo::SnapshotInfo& s, int column) const {
    QLocale loc;
    switch (column) {
        case kTime:
            return dateTimeText(localTime(s));
        case kSource:
            return fileName(s.sourcePath);
        case kTag:
            return QString::fromStdString(s.tag);
        case kKind:
            return kindText(s);
        case kPages:
            return loc.toString(static_cast<qulonglong>(s.pageCount));
        case kSize:
            return sizeText(s.bytesTotal);
        case kNewData:
            return sizeText(s.bytesNew);
        case kDuration:
            return durationText(s.seconds);
        case kId:
            return QString::fromStdString(s.id);
        default:
            return {};
    }
}

QVariant SnapshotTableModel::sortKey(const repo::SnapshotInfo& s, int column) const {
    switch (column) {
        case kTime:
            return static_cast<qlonglong>(s.timeUs);
        case kSource:
            return fileName(s.sourcePath).toLower();
        case kTag:
            return QString::fromStdString(s.tag).toLower();
        case kKind:
            return s.parent.empty() ? 0 : 1;
        case kPages:
            return static_cast<qulonglong>(s.pageCount);
        case kSize:
            return static_cast<qulonglong>(s.bytesTotal);
        case kNewData:
            return static_cast<qulonglong>(s.bytesNew);
        case kDuration:
            return s.seconds;
        case kId:
            return QString::fromStdString(s.id);
        default:
            return {};
    }
}

QVariant SnapshotTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const repo::SnapshotInfo& s = m_snapshots[static_cast<size_t>(index.row())];
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return display(s, column);
        case Qt::ToolTipRole:
            return column == kSource ? QString::fromStdString(s.sourcePath) : summary(s);
        case Qt::TextAlignmentRole:
            if (column == kPages || column == kSize || column == kNewData || column == kDuration)
                return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
            return static_cast<int>(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::FontRole:
            if (column == kId) return QFontDatabase::systemFont(QFontDatabase::FixedFont);
            return {};
        case kIdRole:
            return QString::fromStdString(s.id);
        case kSortRole:
            return sortKey(s, column);
        case kSourcePathRole:
            return QString::fromStdString(s.sourcePath);
        default:
            return {};
    }
}

QVariant SnapshotTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount) return {};
    if (role == Qt::TextAlignmentRole) {
        if (section == kPages || section == kSize || section == kNewData || section == kDuration)
            return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
        return static_cast<int>(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case kTime:
                return tr("Local time at which the backup's read transaction began");
            case kSize:
                return tr("Logical size of the database at backup time (page size × page count)");
            case kNewData:
                return tr("Compressed bytes this snapshot added to the repository");
            case kKind:
                return tr("Full: the first snapshot of a source. Incremental: only changed pages were stored");
            default:
                return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case kTime:
            return tr("Time");
        case kSource:
            return tr("Source");
        case kTag:
            return tr("Tag");
        case kKind:
            return tr("Kind");
        case kPages:
            return tr("Pages");
        case kSize:
            return tr("Size");
        case kNewData:
            return tr("New data");
        case kDuration:
            return tr("Duration");
        case kId:
            return tr("Snapshot");
        default:
            return {};
    }
}

}  // namespace prescient::ui
