#include "alerttablemodel.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QLocale>
#include <QStyle>

#include "formatting.h"

namespace prescient::ui {

AlertTableModel::AlertTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int AlertTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_alerts.size());
}

int AlertTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void AlertTableModel::resetData(std::vector<repo::AlertRecord> alerts) {
    beginResetModel();
    m_alerts = std::move(alerts);
    endResetModel();
}

const repo::AlertRecord* AlertTableModel::alertAt(int row) const {
    return row >= 0 && row < rowCount() ? &m_alerts[static_cast<size_t>(row)] : nullptr;
}

int AlertTableModel::rowOf(qint64 id) const {
    for (size_t i = 0; i < m_alerts.size(); ++i)
        if (m_alerts[i].id == id) return static_cast<int>(i);
    return -1;
}

int AlertTableModel::unacknowledgedCount() const {
    int n = 0;
    for (const auto& a : m_alerts) n += a.acknowledged ? 0 : 1;
    return n;
}

QString AlertTableModel::ruleName(const std::string& rule) {
    if (rule == "hit-rate") return tr("Hit rate too low");
    if (rule == "precision") return tr("Prediction precision too low");
    if (rule == "stalled") return tr("Restore stalled");
    if (rule == "verification") return tr("Verification failed");
    return QString::fromStdString(rule);
}

QString AlertTableModel::severityName(const std::string& severity) {
    if (severity == "critical") return tr("Critical");
    if (severity == "warning") return tr("Warning");
    return QString::fromStdString(severity);
}

QString AlertTableModel::amountText(const std::string& rule, double amount) {
    const QLocale locale;
    if (rule == "hit-rate" || rule == "precision") {
        const double pct = amount * 100;
        return tr("%1 %", "a percentage").arg(locale.toString(pct, 'f', pct > 0 && pct < 1 ? 1 : 0));
    }
    if (rule == "stalled") return tr("%1 s", "seconds").arg(locale.toString(amount, 'f', amount < 10 ? 1 : 0));
    return QStringLiteral("—");
}

QDateTime AlertTableModel::localTime(const repo::AlertRecord& a) {
    return QDateTime::fromMSecsSinceEpoch(a.timeUs / 1000);
}

QString AlertTableModel::fileName(const std::string& path) {
    const QString p = QString::fromStdString(path);
    const qsizetype slash = p.lastIndexOf(QLatin1Char('/'));
    return slash >= 0 ? p.mid(slash + 1) : p;
}

QVariant AlertTableModel::display(const repo::AlertRecord& a, int column) const {
    switch (column) {
        case kSeverity:
            return severityName(a.severity);
        case kTime:
            return dateTimeTextUs(a.timeUs, true);
        case kRule:
            return ruleName(a.rule);
        case kValue:
            return amountText(a.rule, a.value);
        case kThreshold:
            return amountText(a.rule, a.threshold);
        case kTarget:
            return fileName(a.target);
        case kSnapshot:
            return QString::fromStdString(a.snapshotId.substr(0, 12));
        case kStatus:
            return a.acknowledged ? tr("Acknowledged") : tr("New");
    }
    return QVariant();
}

QVariant AlertTableModel::sortKey(const repo::AlertRecord& a, int column) const {
    switch (column) {
        case kSeverity:
            return isCritical(a) ? 1 : 0;
        case kTime:
            return qint64(a.timeUs);
        case kValue:
            return a.value;
        case kThreshold:
            return a.threshold;
        case kStatus:
            return a.acknowledged ? 1 : 0;
        default:
            return display(a, column);
    }
}

QVariant AlertTableModel::data(const QModelIndex& index, int role) const {
    const repo::AlertRecord* a = index.isValid() ? alertAt(index.row()) : nullptr;
    if (!a || index.column() >= kColumnCount) return QVariant();
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return display(*a, column);
        case Qt::DecorationRole:
            if (column == kSeverity)
                return QApplication::style()->standardIcon(isCritical(*a) ? QStyle::SP_MessageBoxCritical
                                                                          : QStyle::SP_MessageBoxWarning);
            return QVariant();
        case Qt::ForegroundRole:
            if (column == kSeverity && isCritical(*a)) return QBrush(QColor(0xc6, 0x28, 0x28));
            return QVariant();
        case Qt::FontRole:
            if (!a->acknowledged) {
                QFont f;
                f.setBold(true);
                return f;
            }
            return QVariant();
        case Qt::TextAlignmentRole:
            if (column == kValue || column == kThreshold) return int(Qt::AlignRight | Qt::AlignVCenter);
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ToolTipRole:
            if (column == kTarget) return QString::fromStdString(a->target);
            if (column == kSnapshot) return QString::fromStdString(a->snapshotId);
            return QString::fromStdString(a->message);
        case kIdRole:
            return qint64(a->id);
        case kSortRole:
            return sortKey(*a, column);
        case kRuleRole:
            return QString::fromStdString(a->rule);
        case kSeverityRole:
            return QString::fromStdString(a->severity);
        case kAcknowledgedRole:
            return a->acknowledged;
    }
    return QVariant();
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QVariant();
    switch (section) {
        case kSeverity:
            return tr("Severity");
        case kTime:
            return tr("Time");
        case kRule:
            return tr("Rule");
        case kValue:
            return tr("Value");
        case kThreshold:
            return tr("Limit");
        case kTarget:
            return tr("Restored file");
        case kSnapshot:
            return tr("Snapshot");
        case kStatus:
            return tr("Status");
    }
    return QVariant();
}

}  // namespace prescient::ui
