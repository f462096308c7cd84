// SnapshotTableModel: the repository's snapshots as a table (one row per snapshot) for the snapshots view.
// It holds a copy of the catalog rows handed to resetData() (heaptrack style: the model never calls core).
//
// Roles: DisplayRole (formatted, translated), ToolTipRole (a multi-line summary; the full path on the
// Source column), TextAlignmentRole (numbers right-aligned), FontRole (fixed font for the id), kIdRole
// (the snapshot id as a QString, every column), kSortRole (raw numbers or time, so a QSortFilterProxyModel
// with setSortRole(kSortRole) sorts numerically), kSourcePathRole (the source's full path, every column:
// filter on it).
// Thread safety: GUI thread only, like every item model.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QString>

#include <vector>

#include "repo/catalog.h"

namespace prescient::ui {

class SnapshotTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { kTime, kSource, kTag, kKind, kPages, kSize, kNewData, kDuration, kId, kColumnCount };
    static constexpr int kIdRole = Qt::UserRole;
    static constexpr int kSortRole = Qt::UserRole + 1;
    static constexpr int kSourcePathRole = Qt::UserRole + 2;

    explicit SnapshotTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces every row (a model reset). Rows keep the given order (the catalog's: oldest first).
    void resetData(std::vector<repo::SnapshotInfo> snapshots);
    const std::vector<repo::SnapshotInfo>& snapshots() const { return m_snapshots; }
    // The snapshot of a source row, or nullptr when row is out of range. Valid until the next reset.
    const repo::SnapshotInfo* snapshotAt(int row) const;
    // The source row of the snapshot with this id, or -1.
    int rowOf(const QString& id) const;

    // Shared formatting, also used by the timeline: the local time of a snapshot, "full"/"incremental"
    // (translated), and a multi-line, translated summary for tooltips.
    static QDateTime localTime(const repo::SnapshotInfo& s);
    static QString kindText(const repo::SnapshotInfo& s);
    static QString summary(const repo::SnapshotInfo& s);
    // The file name of a source path ("shop.db" for "/srv/shop.db").
    static QString fileName(const std::string& path);

private:
    QVariant display(const repo::SnapshotInfo& s, int column) const;
    QVariant sortKey(const repo::SnapshotInfo& s, int column) const;

    std::vector<repo::SnapshotInfo> m_snapshots;
};

}  // namespace prescient::ui
