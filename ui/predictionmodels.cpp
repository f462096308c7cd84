#include "predictionmodels.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFont>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "formatting.h"
#include "predict/model.h"

namespace prescient::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QString kNone = QStringLiteral("—");


QVariant number(double v) { return std::isnan(v) ? QVariant() : QVariant(v); }

QColor tint(const QPalette& palette, double alpha) {
    QColor c = palette.color(QPalette::Highlight);
    c.setAlphaF(alpha);
    return c;
}

// What a strategy does, for tooltips (core/predict/README.md).
QString strategyDescription(const QString& name) {
    if (name == QLatin1String("sequential"))
        return QCoreApplication::translate("Predictions", "Pages in file order; confidence is the read rate of each block of pages.");
    if (name == QLatin1String("hotset"))
        return QCoreApplication::translate("Predictions", "The pages the last sessions kept in cache, like pg_prewarm or InnoDB's buffer pool dump.");
    if (name == QLatin1String("frequency")) return QCoreApplication::translate("Predictions", "The pages most sessions read early.");
    if (name == QLatin1String("markov"))
        return QCoreApplication::translate("Predictions", "Follows the order in which sessions read pages (a Markov chain over page reads).");
    if (name == QLatin1String("ranker"))
        return QCoreApplication::translate("Predictions", "A learned model over page features (frequency, recency, page type, read order), calibrated.");
    return QString();
}

}  // namespace

QString pageTypeText(predict::PageType type) {
    using predict::PageType;
    switch (type) {
        case PageType::kTableInterior:
            return QCoreApplication::translate("Predictions", "table interior");
        case PageType::kTableLeaf:
            return QCoreApplication::translate("Predictions", "table leaf");
        case PageType::kIndexInterior:
            return QCoreApplication::translate("Predictions", "index interior");
        case PageType::kIndexLeaf:
            return QCoreApplication::translate("Predictions", "index leaf");
        case PageType::kOverflow:
            return QCoreApplication::translate("Predictions", "overflow");
        case PageType::kFreelist:
            return QCoreApplication::translate("Predictions", "free page");
        case PageType::kPointerMap:
            return QCoreApplication::translate("Predictions", "pointer map");
        case PageType::kLockByte:
            return QCoreApplication::translate("Predictions", "lock-byte page");
        case PageType::kUnknown:
            break;
    }
    return QCoreApplication::translate("Predictions", "unknown");
}

QString percentText(double share, int decimals) {
    if (std::isnan(share)) return kNone;
    return QCoreApplication::translate("Predictions", "%1%").arg(QLocale().toString(share * 100, 'f', decimals));
}

// ---- RankedPagesModel ----

RankedPagesModel::RankedPagesModel(QObject* parent) : QAbstractTableModel(parent) {}

int RankedPagesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_pages.size());
}
int RankedPagesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void RankedPagesModel::resetData(std::vector<predict::PagePrediction> pages, size_t batchPages) {
    beginResetModel();
    m_pages = std::move(pages);
    m_batch = std::min(batchPages, m_pages.size());
    m_cumulative.resize(m_pages.size());
    double sum = 0;
    for (size_t i = 0; i < m_pages.size(); ++i)
        m_cumulative[i] = sum += std::clamp(m_pages[i].page.confidence, 0.0, 1.0);
    m_total = sum;
    endResetModel();
}

QVariant RankedPagesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const size_t row = static_cast<size_t>(index.row());
    const predict::PagePrediction& p = m_pages[row];
    const double confidence = std::clamp(p.page.confidence, 0.0, 1.0);
    const double coverage = m_total > 0 ? m_cumulative[row] / m_total : 0;
    const bool never = p.page.expectedPosition >= predict::kNeverRead;
    const QString object = QString::fromStdString(p.object);
    const QLocale loc;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case kRank:
                    return loc.toString(index.row() + 1);
                case kPage:
                    return loc.toString(p.page.pgno);
                case kObject:
                    return object.isEmpty() ? kNone : object;
                case kType:
                    return pageTypeText(p.type);
                case kConfidence:
                    return percentText(confidence);
                case kCoverage:
                    return percentText(coverage);
                case kFirstRead:
                    return never ? kNone : loc.toString(qRound64(p.page.expectedPosition) + 1);
            }
            break;
        case kValueRole:
            switch (index.column()) {
                case kRank:
                    return index.row() + 1;
                case kPage:
                    return static_cast<qint64>(p.page.pgno);
                case kObject:
                    return object;
                case kType:
                    return static_cast<int>(p.type);
                case kConfidence:
                    return confidence;
                case kCoverage:
                    return coverage;
                case kFirstRead:
                    return never ? QVariant() : QVariant(p.page.expectedPosition);
            }
            break;
        case kInBatchRole:
            return row < m_batch;
        case Qt::BackgroundRole:
            if (row < m_batch) return tint(QApplication::palette(), 0.10);
            break;
        case Qt::TextAlignmentRole:
            if (index.column() == kObject || index.column() == kType) return int(Qt::AlignLeft | Qt::AlignVCenter);
            return int(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ToolTipRole: {
            QString tip = QCoreApplication::translate("Predictions", "Page %1 (%2) of %3\nConfidence of a read within the horizon: %4")
                              .arg(loc.toString(p.page.pgno), pageTypeText(p.type), object.isEmpty() ? kNone : object,
                                   percentText(confidence));
            tip += QLatin1Char('\n') + (never ? QCoreApplication::translate("Predictions", "Expected first read: not expected")
                                              : QCoreApplication::translate("Predictions", "Expected first read: read number %1")
                                                    .arg(loc.toString(qRound64(p.page.expectedPosition) + 1)));
            if (row < m_batch)
                tip += QLatin1Char('\n') + QCoreApplication::translate("Predictions", "Within the budget: the top pages that coverage and precision measure.");
            return tip;
        }
    }
    return {};
}

QVariant RankedPagesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case kRank:
                return QCoreApplication::translate("Predictions", "Rank");
            case kPage:
                return QCoreApplication::translate("Predictions", "Page");
            case kObject:
                return QCoreApplication::translate("Predictions", "Table or index");
            case kType:
                return QCoreApplication::translate("Predictions", "Page type");
            case kConfidence:
                return QCoreApplication::translate("Predictions", "Confidence");
            case kCoverage:
                return QCoreApplication::translate("Predictions", "Cumulative");
            case kFirstRead:
                return QCoreApplication::translate("Predictions", "First read");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
            case kRank:
                return QCoreApplication::translate("Predictions", "Position in the restore order (1 = fetched first)");
            case kPage:
                return QCoreApplication::translate("Predictions", "Page number in the database file");
            case kConfidence:
                return QCoreApplication::translate("Predictions", 
                    "Predicted probability that the page is read within the horizon (the first reads after the "
                    "restored database opens)");
            case kCoverage:
                return QCoreApplication::translate("Predictions", "Share of the expected early page reads covered by restoring every page up to this rank");
            case kFirstRead:
                return QCoreApplication::translate("Predictions", "Expected position of the page's first read (1 = the very first read)");
        }
    }
    return {};
}

// ---- ObjectSummaryModel ----

ObjectSummaryModel::ObjectSummaryModel(QObject* parent) : QAbstractTableModel(parent) {}

int ObjectSummaryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int ObjectSummaryModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void ObjectSummaryModel::resetData(const std::vector<predict::PagePrediction>& pages, size_t batchPages) {
    std::map<std::string, Row> byObject;
    for (size_t i = 0; i < pages.size(); ++i) {
        const predict::PagePrediction& p = pages[i];
        Row& r = byObject[p.object];
        if (r.pages == 0) {
            r.object = QString::fromStdString(p.object);
            r.bestRank = static_cast<int>(i) + 1;
        }
        const double c = std::clamp(p.page.confidence, 0.0, 1.0);
        ++r.pages;
        if (i < batchPages) ++r.inBatch;
        r.sumConfidence += c;
        r.topConfidence = std::max(r.topConfidence, c);
        if (p.type == predict::PageType::kIndexInterior || p.type == predict::PageType::kIndexLeaf) r.isIndex = true;
    }
    std::vector<Row> rows;
    for (auto& [name, r] : byObject) rows.push_back(std::move(r));
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.sumConfidence != b.sumConfidence) return a.sumConfidence > b.sumConfidence;
        return a.bestRank < b.bestRank;
    });
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

QVariant ObjectSummaryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Row& r = m_rows[static_cast<size_t>(index.row())];
    const double mean = r.pages ? r.sumConfidence / r.pages : 0;
    const QLocale loc;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case kObject:
                    return r.object.isEmpty() ? QCoreApplication::translate("Predictions", "(no table or index)") : r.object;
                case kKind:
                    return r.object.isEmpty() ? kNone : r.isIndex ? QCoreApplication::translate("Predictions", "index") : QCoreApplication::translate("Predictions", "table");
                case kPages:
                    return loc.toString(r.pages);
                case kInBatch:
                    return loc.toString(r.inBatch);
                case kMeanConfidence:
                    return percentText(mean);
                case kTopConfidence:
                    return percentText(r.topConfidence);
                case kExpected:
                    return loc.toString(r.sumConfidence, 'f', 1);
                case kBestRank:
                    return loc.toString(r.bestRank);
            }
            break;
        case kValueRole:
            switch (index.column()) {
                case kObject:
                    return r.object;
                case kKind:
                    return r.object.isEmpty() ? 0 : r.isIndex ? 2 : 1;
                case kPages:
                    return r.pages;
                case kInBatch:
                    return r.inBatch;
                case kMeanConfidence:
                    return mean;
                case kTopConfidence:
                    return r.topConfidence;
                case kExpected:
                    return r.sumConfidence;
                case kBestRank:
                    return r.bestRank;
            }
            break;
        case Qt::TextAlignmentRole:
            if (index.column() == kObject || index.column() == kKind) return int(Qt::AlignLeft | Qt::AlignVCenter);
            return int(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ToolTipRole:
            if (r.object.isEmpty())
                return QCoreApplication::translate("Predictions", "Free-list, pointer-map and other pages that belong to no table or index");
            return (r.isIndex ? QCoreApplication::translate("Predictions", "Index %1: %2 pages ranked, %3 within the budget; highest confidence %4")
                              : QCoreApplication::translate("Predictions", "Table %1: %2 pages ranked, %3 within the budget; highest confidence %4"))
                .arg(r.object, loc.toString(r.pages), loc.toString(r.inBatch), percentText(r.topConfidence));
    }
    return {};
}

QVariant ObjectSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case kObject:
                return QCoreApplication::translate("Predictions", "Table or index");
            case kKind:
                return QCoreApplication::translate("Predictions", "Kind");
            case kPages:
                return QCoreApplication::translate("Predictions", "Pages");
            case kInBatch:
                return QCoreApplication::translate("Predictions", "In budget");
            case kMeanConfidence:
                return QCoreApplication::translate("Predictions", "Mean confidence");
            case kTopConfidence:
                return QCoreApplication::translate("Predictions", "Top");
            case kExpected:
                return QCoreApplication::translate("Predictions", "Expected reads");
            case kBestRank:
                return QCoreApplication::translate("Predictions", "Best rank");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
            case kPages:
                return QCoreApplication::translate("Predictions", "Pages of this object in the ranking");
            case kInBatch:
                return QCoreApplication::translate("Predictions", "Pages of this object within the budget: the top pages that coverage and precision measure");
            case kMeanConfidence:
                return QCoreApplication::translate("Predictions", "Mean predicted probability that a page of this object is read early");
            case kTopConfidence:
                return QCoreApplication::translate("Predictions", "Highest confidence of a page of this object");
            case kExpected:
                return QCoreApplication::translate("Predictions", "Expected number of this object's pages read within the horizon (sum of the confidences)");
            case kBestRank:
                return QCoreApplication::translate("Predictions", "Rank of this object's first page in the restore order");
        }
    }
    return {};
}

// ---- StoredEvaluation ----

StoredEvaluation StoredEvaluation::fromRecord(const repo::ModelRecord& record) {
    StoredEvaluation e;
    e.strategy = QString::fromStdString(record.strategy);
    e.modelId = record.id;
    e.trainedUs = record.trainedUs;
    e.tracesUsed = record.tracesUsed;
    e.modelBytes = record.bytes;
    e.coverage = e.precision = e.brier = e.budget = e.trainSeconds = kNaN;
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(record.metricsJson)).object();
    auto real = [&o](const char* key) {
        const QJsonValue v = o.value(QLatin1String(key));
        return v.isDouble() ? v.toDouble() : kNaN;
    };
    auto integer = [&o](const char* key) { return static_cast<qint64>(o.value(QLatin1String(key)).toDouble(0)); };
    e.coverage = real("coverage");
    e.precision = real("precision");
    e.brier = real("brier");
    e.budget = real("budget");
    e.trainSeconds = real("train_seconds");
    e.horizon = integer("horizon");
    e.trainEpisodes = integer("train_episodes");
    e.testEpisodes = integer("test_episodes");
    e.episodes = integer("episodes");
    static const QStringList known = {"coverage", "precision",      "brier",         "budget",  "train_seconds",
                                      "horizon",  "train_episodes", "test_episodes", "episodes"};
    QStringList extra;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            extra << QStringLiteral("%1: %2").arg(it.key(), it.value().isDouble()
                                                                ? QLocale().toString(it.value().toDouble())
                                                                : it.value().toVariant().toString());
    e.extra = extra.join(QLatin1Char('\n'));
    return e;
}

std::vector<StoredEvaluation> latestEvaluations(const std::vector<repo::ModelRecord>& models,
                                                const std::string& source) {
    std::map<std::string, const repo::ModelRecord*> newest;
    for (const auto& m : models) {
        if (m.sourcePath != source) continue;
        auto& slot = newest[m.strategy];
        if (!slot || m.trainedUs > slot->trainedUs || (m.trainedUs == slot->trainedUs && m.id > slot->id)) slot = &m;
    }
    std::vector<StoredEvaluation> out;
    for (const std::string& name : predict::strategyNames()) {
        auto it = newest.find(name);
        if (it == newest.end()) continue;
        out.push_back(StoredEvaluation::fromRecord(*it->second));
        newest.erase(it);
    }
    for (const auto& [name, record] : newest) out.push_back(StoredEvaluation::fromRecord(*record));
    return out;
}

QString bestStrategy(const std::vector<StoredEvaluation>& evaluations) {
    QString best;
    double top = -1;
    for (const auto& e : evaluations) {  // in strategyNames() order: ties go to the simpler strategy
        const double c = std::isnan(e.coverage) ? -1 : e.coverage;
        if (best.isEmpty() || c > top) {
            top = c;
            best = e.strategy;
        }
    }
    return best;
}

// ---- EvaluationModel ----

EvaluationModel::EvaluationModel(QObject* parent) : QAbstractTableModel(parent) {}

int EvaluationModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int EvaluationModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

void EvaluationModel::resetData(std::vector<StoredEvaluation> rows, const QString& inUse) {
    beginResetModel();
    m_rows = std::move(rows);
    m_inUse = inUse;
    m_best = bestStrategy(m_rows);
    endResetModel();
}

void EvaluationModel::setInUse(const QString& strategy) {
    if (strategy == m_inUse) return;
    m_inUse = strategy;
    if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, kColumnCount - 1));
}

int EvaluationModel::rowOf(const QString& strategy) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].strategy == strategy) return static_cast<int>(i);
    return -1;
}

bool EvaluationModel::isBest(int row, int column) const {
    if (m_rows.size() < 2) return false;
    auto value = [column](const StoredEvaluation& e) {
        switch (column) {
            case kCoverage:
                return e.coverage;
            case kPrecision:
                return e.precision;
            case kBrier:
                return -e.brier;  // lower is better
            default:
                return kNaN;
        }
    };
    const double v = value(m_rows[static_cast<size_t>(row)]);
    if (std::isnan(v)) return false;
    for (const auto& e : m_rows)
        if (value(e) > v) return false;
    return true;
}

QVariant EvaluationModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const StoredEvaluation& e = m_rows[static_cast<size_t>(index.row())];
    const QLocale loc;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case kStrategy:
                    return e.strategy == m_best ? QCoreApplication::translate("Predictions", "%1 (best)").arg(e.strategy) : e.strategy;
                case kCoverage:
                    return percentText(e.coverage);
                case kPrecision:
                    return percentText(e.precision);
                case kBrier:
                    return std::isnan(e.brier) ? kNone : loc.toString(e.brier, 'f', 4);
                case kBudget:
                    return percentText(e.budget, 0);
                case kHorizon:
                    return e.horizon > 0 ? loc.toString(e.horizon) : kNone;
                case kEpisodes:
                    return QCoreApplication::translate("Predictions", "%1 / %2").arg(loc.toString(e.trainEpisodes), loc.toString(e.testEpisodes));
                case kTrainTime:
                    return std::isnan(e.trainSeconds) ? kNone : durationText(e.trainSeconds);
                case kTrained:
                    return dateTimeTextUs(e.trainedUs);
                case kSize:
                    return sizeText(e.modelBytes);
            }
            break;
        case kValueRole:
            switch (index.column()) {
                case kStrategy:
                    return e.strategy;
                case kCoverage:
                    return number(e.coverage);
                case kPrecision:
                    return number(e.precision);
                case kBrier:
                    return number(e.brier);
                case kBudget:
                    return number(e.budget);
                case kHorizon:
                    return e.horizon;
                case kEpisodes:
                    return e.trainEpisodes + e.testEpisodes;
                case kTrainTime:
                    return number(e.trainSeconds);
                case kTrained:
                    return e.trainedUs;
                case kSize:
                    return e.modelBytes;
            }
            break;
        case kBestRole:
            return isBest(index.row(), index.column());
        case Qt::FontRole:
            if (isBest(index.row(), index.column()) || (index.column() == kStrategy && e.strategy == m_best)) {
                QFont f = QApplication::font();
                f.setBold(true);
                return f;
            }
            break;
        case Qt::BackgroundRole:
            if (e.strategy == m_inUse) return tint(QApplication::palette(), 0.12);
            break;
        case Qt::TextAlignmentRole:
            if (index.column() == kStrategy) return int(Qt::AlignLeft | Qt::AlignVCenter);
            return int(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ToolTipRole: {
            QString tip = QCoreApplication::translate("Predictions", "Model %1 (%2, %3), trained %4 on %5 traces")
                              .arg(loc.toString(e.modelId), e.strategy, sizeText(e.modelBytes),
                                   dateTimeTextUs(e.trainedUs), loc.toString(e.tracesUsed));
            const QString what = strategyDescription(e.strategy);
            if (!what.isEmpty()) tip += QLatin1Char('\n') + what;
            if (e.strategy == m_inUse) tip += QLatin1Char('\n') + QCoreApplication::translate("Predictions", "Its ranking is shown.");
            if (isBest(index.row(), index.column())) tip += QLatin1Char('\n') + QCoreApplication::translate("Predictions", "Best value of this column.");
            if (!e.extra.isEmpty()) tip += QLatin1Char('\n') + e.extra;
            return tip;
        }
    }
    return {};
}

QVariant EvaluationModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case kStrategy:
                return QCoreApplication::translate("Predictions", "Strategy");
            case kCoverage:
                return QCoreApplication::translate("Predictions", "Coverage");
            case kPrecision:
                return QCoreApplication::translate("Predictions", "Precision");
            case kBrier:
                return QCoreApplication::translate("Predictions", "Brier");
            case kBudget:
                return QCoreApplication::translate("Predictions", "Budget");
            case kHorizon:
                return QCoreApplication::translate("Predictions", "Horizon");
            case kEpisodes:
                return QCoreApplication::translate("Predictions", "Episodes");
            case kTrainTime:
                return QCoreApplication::translate("Predictions", "Training");
            case kTrained:
                return QCoreApplication::translate("Predictions", "Trained");
            case kSize:
                return QCoreApplication::translate("Predictions", "Size");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
            case kCoverage:
                return QCoreApplication::translate("Predictions", 
                    "Share of the first reads of a held-out session whose page is within the budget (higher is "
                    "better)");
            case kPrecision:
                return QCoreApplication::translate("Predictions", 
                    "Share of the pages within the budget that a held-out session read early (higher is better)");
            case kBrier:
                return QCoreApplication::translate("Predictions", "Mean squared error of the confidences: 0 is perfect, lower is better");
            case kBudget:
                return QCoreApplication::translate("Predictions", "The top pages coverage and precision are measured on, as a share of the database's pages");
            case kHorizon:
                return QCoreApplication::translate("Predictions", "Number of first reads the prediction covers");
            case kEpisodes:
                return QCoreApplication::translate("Predictions", "Sessions used for training / held out for testing (the latest)");
            case kTrainTime:
                return QCoreApplication::translate("Predictions", "Time the evaluation's training took");
        }
    }
    return {};
}

}  // namespace prescient::ui
