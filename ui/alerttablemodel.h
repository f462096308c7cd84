// AlertTableModel: the repository's alerts (the catalog's `alerts` rows, newest first) as a table for the
// Alerts view. It holds a copy of the rows handed to resetData() and never calls core.
//
// Roles: DisplayRole (formatted, translated), DecorationRole (the severity icon), ForegroundRole (critical
// severity in red), FontRole (unacknowledged rows bold), ToolTipRole (full path, full snapshot id, the
// recorded message), TextAlignmentRole (numbers right-aligned), and on every column kIdRole (the alert id,
// qint64), kRuleRole and kSeverityRole (the core's names: "hit-rate"…, "warning"/"critical"),
// kAcknowledgedRole (bool), kSortRole (raw numbers and times for a QSortFilterProxyModel).
// Thread safety: GUI thread only, like every item model.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QString>

#include <vector>

#include "repo/catalog.h"

namespace prescient::ui {

class AlertTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { kSeverity, kTime, kRule, kValue, kThreshold, kTarget, kSnapshot, kStatus, kColumnCount };
    static constexpr int kIdRole = Qt::UserRole;
    static constexpr int kSortRole = Qt::UserRole + 1;
    static constexpr int kRuleRole = Qt::UserRole + 2;
    static constexpr int kSeverityRole = Qt::UserRole + 3;
    static constexpr int kAcknowledgedRole = Qt::UserRole + 4;

    explicit AlertTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces every row (a model reset), in the given order.
    void resetData(std::vector<repo::AlertRecord> alerts);
    const std::vector<repo::AlertRecord>& alerts() const { return m_alerts; }
    const repo::AlertRecord* alertAt(int row) const;  // nullptr when out of range
    int rowOf(qint64 id) const;                       // -1 when not shown
    int unacknowledgedCount() const;

    // Shared formatting (translated), also used by the details pane and notifications.
    static QString ruleName(const std::string& rule);  // "Hit rate too low"…; the raw name for an unknown rule
    static QString severityName(const std::string& severity);
    static bool isCritical(const repo::AlertRecord& a) { return a.severity == "critical"; }
    // value or threshold in the rule's unit: "42 %" for hit-rate and precision, "31 s" for stalled, "—" else.
    static QString amountText(const std::string& rule, double amount);
    static QDateTime localTime(const repo::AlertRecord& a);
    static QString fileName(const std::string& path);  // "shop.db" for "/srv/shop.db"

private:
    QVariant display(const repo::AlertRecord& a, int column) const;
    QVariant sortKey(const repo::AlertRecord& a, int column) const;

    std::vector<repo::AlertRecord> m_alerts;
};

}  // namespace prescient::ui
