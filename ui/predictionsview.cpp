#include "predictionsview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "errortext.h"
#include "formatting.h"
#include "jobprogress.h"
#include "predict/service.h"
#include "predictionmodels.h"
#include "reliabilitychart.h"
#include "snapshotmodel.h"
#include "trace/tracestore.h"

namespace prescient::ui {

namespace {

constexpr size_t kMaxRanked = 200000;  // rows of the ranking shown (a huge database's tail is noise)

struct Ranking {
    std::vector<predict::PagePrediction> pages;
    std::string used;
};

// A sortable, read-only table on model (through a proxy sorting on kValueRole); nameColumn takes the width
// the others leave.
QTableView* makeTable(QAbstractItemModel* model, int nameColumn, int sortColumn, Qt::SortOrder order) {
    auto* proxy = new QSortFilterProxyModel(model);
    proxy->setSourceModel(model);
    proxy->setSortRole(kValueRole);
    auto* t = new QTableView;
    t->setModel(proxy);
    t->setSortingEnabled(true);
    t->sortByColumn(sortColumn, order);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setWordWrap(false);
    t->setTextElideMode(Qt::ElideMiddle);  // index names differ at their ends
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->horizontalHeader()->setHighlightSections(false);
    t->horizontalHeader()->setStretchLastSection(false);
    t->horizontalHeader()->setSectionResizeMode(nameColumn, QHeaderView::Stretch);
    t->horizontalHeader()->setMinimumSectionSize(40);
    return t;
}

QLabel* caption() {
    auto* l = new QLabel;
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setTextFormat(Qt::RichText);
    return l;
}

// Sizes the columns but the stretching one to their contents plus a little, at most maxWidth pixels.
void fitColumns(QTableView* t, int maxWidth) {
    for (int c = 0; c < t->model()->columnCount(); ++c)
        if (t->horizontalHeader()->sectionResizeMode(c) != QHeaderView::Stretch) {
            t->resizeColumnToContents(c);
            t->setColumnWidth(c, std::min(t->columnWidth(c) + 8, maxWidth));
        }
}

}  // namespace

PredictionsView::PredictionsView(AppContext* ctx, QWidget* parent) : QWidget(parent), m_ctx(ctx) {
    m_ranked = new RankedPagesModel(this);
    m_objects = new ObjectSummaryModel(this);
    m_evaluation = new EvaluationModel(this);

    // Top bar: what to show, and training.
    m_snapshotPicker = new QComboBox;
    m_snapshotPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_snapshotPicker->setMinimumContentsLength(24);
    m_snapshotPicker->setToolTip(tr("The snapshot whose pages are ranked"));
    auto* snapshotLabel = new QLabel(tr("S&napshot:"));
    snapshotLabel->setBuddy(m_snapshotPicker);
    m_strategyPicker = new QComboBox;
    m_strategyPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_strategyPicker->setToolTip(tr("The stored model that ranks the pages"));
    auto* strategyLabel = new QLabel(tr("S&trategy:"));
    strategyLabel->setBuddy(m_strategyPicker);
    m_summary = new QLabel;
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_train = new QPushButton(tr("&Train models…"));
    m_train->setToolTip(
        tr("Evaluate and train every prediction strategy on the stored traces of the snapshot's "
           "source database"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(snapshotLabel);
    bar->addWidget(m_snapshotPicker);
    bar->addSpacing(12);
    bar->addWidget(strategyLabel);
    bar->addWidget(m_strategyPicker);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_train);

    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c6cb; "
                       "padding: 6px; }"));
    m_error->hide();

    // Left: the ranking, per object above per page.
    m_rankingCaption = caption();
    m_objectTable =
        makeTable(m_objects, ObjectSummaryModel::kObject, ObjectSummaryModel::kExpected, Qt::DescendingOrder);
    m_rankedTable = makeTable(m_ranked, RankedPagesModel::kObject, RankedPagesModel::kRank, Qt::AscendingOrder);
    auto* bars = new ConfidenceBarDelegate(this);
    m_objectTable->setItemDelegateForColumn(ObjectSummaryModel::kMeanConfidence, bars);
    m_objectTable->setColumnHidden(ObjectSummaryModel::kTopConfidence, true);  // in the tooltip; width is scarce
    m_rankedTable->setItemDelegateForColumn(RankedPagesModel::kConfidence, bars);
    m_rankedTable->setItemDelegateForColumn(RankedPagesModel::kCoverage, bars);
    auto* leftSplit = new QSplitter(Qt::Vertical);
    leftSplit->addWidget(m_objectTable);
    leftSplit->addWidget(m_rankedTable);
    leftSplit->setChildrenCollapsible(false);
    leftSplit->setStretchFactor(0, 2);
    leftSplit->setStretchFactor(1, 3);
    auto* left = new QWidget;
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    lv->addWidget(m_rankingCaption);
    lv->addWidget(leftSplit, 1);

    // Right: the strategies side by side, and their calibration.
    m_evaluationCaption = caption();
    m_evaluationTable = makeTable(m_evaluation, EvaluationModel::kStrategy, -1, Qt::AscendingOrder);
    m_evaluationTable->setItemDelegateForColumn(EvaluationModel::kCoverage, bars);
    m_evaluationTable->setItemDelegateForColumn(EvaluationModel::kPrecision, bars);
    m_evaluationTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // sized to its rows
    m_evaluationTable->setColumnHidden(EvaluationModel::kSize, true);       // in the tooltip; width is scarce
    m_chart = new ReliabilityChart;
    m_chartNote =
        new QLabel(tr("Points on the diagonal are perfectly calibrated: of the pages predicted at 30%, "
                      "30% were read early. Markers of the shown strategy grow with the number of "
                      "predictions in their bin; hover over a point for its figures."));
    m_chartNote->setWordWrap(true);
    m_chartNote->setStyleSheet(QStringLiteral("color: palette(dark);"));
    auto* right = new QWidget;
    auto* rv = new QVBoxLayout(right);
    rv->setContentsMargins(0, 0, 0, 0);
    rv->addWidget(m_evaluationCaption);
    rv->addWidget(m_evaluationTable);
    rv->addWidget(m_chart, 1);
    rv->addWidget(m_chartNote);

    auto* content = new QSplitter(Qt::Horizontal);
    content->addWidget(left);
    content->addWidget(right);
    content->setChildrenCollapsible(false);
    content->setStretchFactor(0, 3);
    content->setStretchFactor(1, 2);
    content->setSizes({740, 520});

    // The empty state.
    auto* emptyPage = new QWidget;
    m_empty = new QLabel;
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->setMaximumWidth(640);
    m_empty->setTextFormat(Qt::PlainText);
    m_emptyTrain = new QPushButton(tr("Train models now"));
    m_emptyTrain->setToolTip(m_train->toolTip());
    auto* ev = new QVBoxLayout(emptyPage);
    auto* centred = new QHBoxLayout;  // no alignment flag: a word-wrapped label gets its height for width
    centred->addStretch(1);
    centred->addWidget(m_empty, 4);
    centred->addStretch(1);
    ev->addStretch(1);
    ev->addLayout(centred);
    ev->addSpacing(12);
    ev->addWidget(m_emptyTrain, 0, Qt::AlignHCenter);
    ev->addStretch(2);

    m_stack = new QStackedWidget;
    m_stack->addWidget(content);
    m_stack->addWidget(emptyPage);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(m_stack, 1);

    connect(m_ctx, &AppContext::stateChanged, this, &PredictionsView::refresh);
    connect(m_snapshotPicker, &QComboBox::activated, this,
            [this](int i) { selectSnapshot(m_snapshotPicker->itemData(i).toString()); });
    connect(m_strategyPicker, &QComboBox::activated, this,
            [this](int i) { setStrategy(m_strategyPicker->itemData(i).toString()); });
    connect(m_train, &QPushButton::clicked, this, &PredictionsView::train);
    connect(m_emptyTrain, &QPushButton::clicked, this, &PredictionsView::train);
    refresh();
}

QAbstractItemModel* PredictionsView::rankedModel() const { return m_ranked; }
QAbstractItemModel* PredictionsView::objectModel() const { return m_objects; }
QAbstractItemModel* PredictionsView::evaluationModel() const { return m_evaluation; }

QString PredictionsView::emptyStateText() const { return m_stack->currentIndex() == 1 ? m_empty->text() : QString(); }

// The snapshots predictions are for: databases, not the partition copies of a partition backup (oldest first).
std::vector<const repo::SnapshotInfo*> PredictionsView::databaseSnapshots() const {
    std::vector<const repo::SnapshotInfo*> out;
    const RepoState& state = m_ctx->state();
    for (const auto& s : state.snapshots)
        if (!state.partitionSetOfSnapshot.count(s.id)) out.push_back(&s);
    return out;
}

const repo::SnapshotInfo* PredictionsView::selectedInfo() const {
    for (const auto& s : m_ctx->state().snapshots)
        if (QString::fromStdString(s.id) == m_snapshotId) return &s;
    return nullptr;
}

std::string PredictionsView::reliabilityKey() const {
    const repo::SnapshotInfo* s = selectedInfo();
    if (!s) return {};
    std::string key = m_ctx->state().repoDir.toStdString() + "|" + s->sourcePath;  // ids restart in a new repository
    for (const auto& e : m_evaluation->evaluations()) key += "|" + std::to_string(e.modelId);
    return key;
}

void PredictionsView::refresh() {
    const RepoState& state = m_ctx->state();
    m_error->hide();
    const auto databases = databaseSnapshots();
    if (state.repoDir.isEmpty() || databases.empty()) {
        m_snapshotId.clear();
        m_requestedKey.clear();
        m_rankingPending = false;
        m_evaluation->resetData({}, QString());
        rebuildSnapshotPicker();
        rebuildStrategyPicker();
        m_ranked->resetData({}, 0);
        m_objects->resetData({}, 0);
        m_shownKey.clear();
        m_summary->clear();
        showEmpty(state.repoDir.isEmpty()
                      ? tr("No repository is open.\n\nOpen one with File ▸ Open repository, or open the demo "
                           "repository to see predictions for a sample shop database.")
                      : tr("The repository %1 holds no snapshot yet.\n\nBack up a database first (File ▸ Back up "
                           "now); its predictions show here once a model is trained on its recorded traces.")
                            .arg(state.repoDir),
                  false);
        QTimer::singleShot(0, this, &PredictionsView::contentReady);
        return;
    }
    if (m_followNewest || !selectedInfo()) {
        m_snapshotId = QString::fromStdString(databases.back()->id);
        m_followNewest = true;
    }
    rebuildSnapshotPicker();
    showSelection();
}

void PredictionsView::selectSnapshot(const QString& snapshotId) {
    const auto snapshots = databaseSnapshots();
    auto it = std::find_if(snapshots.begin(), snapshots.end(),
                           [&](const repo::SnapshotInfo* s) { return QString::fromStdString(s->id) == snapshotId; });
    if (it == snapshots.end()) return;
    m_snapshotId = snapshotId;
    m_followNewest = std::next(it) == snapshots.end();
    rebuildSnapshotPicker();
    showSelection();
}

void PredictionsView::setStrategy(const QString& strategy) {
    m_strategy = strategy;
    rebuildStrategyPicker();
    if (selectedInfo() && !m_evaluation->evaluations().empty()) requestRanking();
}

void PredictionsView::rebuildSnapshotPicker() {
    const QSignalBlocker block(m_snapshotPicker);
    m_snapshotPicker->clear();
    const auto snapshots = databaseSnapshots();
    for (auto it = snapshots.rbegin(); it != snapshots.rend(); ++it) {  // newest first
        const repo::SnapshotInfo& s = **it;
        QString text = tr("%1 · %2").arg(dateTimeTextUs(s.timeUs), SnapshotTableModel::fileName(s.sourcePath));
        if (!s.tag.empty()) text = tr("%1 · %2").arg(text, QString::fromStdString(s.tag));
        m_snapshotPicker->addItem(text, QString::fromStdString(s.id));
        m_snapshotPicker->setItemData(m_snapshotPicker->count() - 1, SnapshotTableModel::summary(s), Qt::ToolTipRole);
    }
    m_snapshotPicker->setCurrentIndex(m_snapshotPicker->findData(m_snapshotId));
    m_snapshotPicker->setEnabled(!snapshots.empty());
}

void PredictionsView::rebuildStrategyPicker() {
    const QSignalBlocker block(m_strategyPicker);
    m_strategyPicker->clear();
    const auto& evaluations = m_evaluation->evaluations();
    const QString best = bestStrategy(evaluations);
    m_strategyPicker->addItem(best.isEmpty() ? tr("Best stored model") : tr("Best stored model (%1)").arg(best),
                              QString());
    for (const auto& e : evaluations) m_strategyPicker->addItem(e.strategy, e.strategy);
    int index = m_strategyPicker->findData(m_strategy);
    if (index < 0) {  // no stored model of that strategy for this source: show the best
        m_strategy.clear();
        index = 0;
    }
    m_strategyPicker->setCurrentIndex(index);
    m_strategyPicker->setEnabled(!evaluations.empty());
}

void PredictionsView::showSelection() {
    const repo::SnapshotInfo* snapshot = selectedInfo();
    if (!snapshot) return;
    auto evaluations = latestEvaluations(m_ctx->state().models, snapshot->sourcePath);
    const bool trained = !evaluations.empty();
    const QString inUse = m_used;
    m_evaluation->resetData(std::move(evaluations), inUse);
    rebuildStrategyPicker();
    m_train->setText(trained ? tr("&Retrain models…") : tr("&Train models…"));
    m_train->setEnabled(true);
    if (!trained) {
        m_ranked->resetData({}, 0);
        m_objects->resetData({}, 0);
        m_shownKey.clear();
        showEmpty(tr("No prediction model is stored for %1 yet.\n\nPrescient learns which pages a restored "
                     "database reads first from recorded page-access traces (record one with 'prescient trace "
                     "record --repo DIR --source DB -- COMMAND' while your application runs). Once the repository "
                     "holds traces, train the models: every strategy is evaluated on held-out sessions and stored "
                     "with its scores.")
                      .arg(QString::fromStdString(snapshot->sourcePath)),
                  true);
        QTimer::singleShot(0, this, &PredictionsView::contentReady);
        return;
    }
    updateEvaluationTable();
    requestRanking();
    requestReliability();
}

void PredictionsView::updateEvaluationTable() {
    const auto& rows = m_evaluation->evaluations();
    const QLocale loc;
    // Settings every stored evaluation shares go into the caption, not into columns of equal values.
    auto same = [&rows](auto field) {
        return std::all_of(rows.begin(), rows.end(), [&](const StoredEvaluation& e) {
            const double a = static_cast<double>(field(e)), b = static_cast<double>(field(rows.front()));
            return a == b || (std::isnan(a) && std::isnan(b));
        });
    };
    const bool sameBudget = same([](const StoredEvaluation& e) { return e.budget; });
    const bool sameHorizon = same([](const StoredEvaluation& e) { return e.horizon; });
    const bool sameEpisodes = same([](const StoredEvaluation& e) { return e.trainEpisodes; }) &&
                              same([](const StoredEvaluation& e) { return e.testEpisodes; });
    m_evaluationTable->setColumnHidden(EvaluationModel::kBudget, sameBudget);
    m_evaluationTable->setColumnHidden(EvaluationModel::kHorizon, sameHorizon);
    m_evaluationTable->setColumnHidden(EvaluationModel::kEpisodes, sameEpisodes);
    const StoredEvaluation& first = rows.front();
    // Models trained by one run (minutes apart at most): one time in the caption instead of a column.
    const auto [oldest, newest] = std::minmax_element(
        rows.begin(), rows.end(),
        [](const StoredEvaluation& a, const StoredEvaluation& b) { return a.trainedUs < b.trainedUs; });
    const bool oneRun = newest->trainedUs - oldest->trainedUs < 10ll * 60 * 1000000;
    m_evaluationTable->setColumnHidden(EvaluationModel::kTrained, oneRun);
    QStringList shared;
    if (oneRun) shared << tr("trained %1").arg(dateTimeTextUs(newest->trainedUs));
    if (sameEpisodes && first.trainEpisodes + first.testEpisodes > 0)
        shared << tr("trained on the earliest %1 sessions, tested on the latest %2")
                      .arg(loc.toString(first.trainEpisodes), loc.toString(first.testEpisodes));
    if (sameBudget && !std::isnan(first.budget))
        shared << tr("budget: the top %1 of the pages").arg(percentText(first.budget, 0));
    if (sameHorizon && first.horizon > 0)
        shared << tr("early: within the first %1 reads").arg(loc.toString(first.horizon));
    m_evaluationCaption->setText(
        shared.isEmpty()
            ? tr("<b>Strategies</b> — held-out scores stored at training time. Bold: the best of each column.")
            : tr("<b>Strategies</b> — held-out scores stored at training time (%1). Bold: the best of each column.")
                  .arg(shared.join(tr("; ")).toHtmlEscaped()));
    // Tall enough for every row, no more.
    int height = m_evaluationTable->horizontalHeader()->sizeHint().height() + 2 * m_evaluationTable->frameWidth();
    for (int r = 0; r < m_evaluation->rowCount(); ++r) height += m_evaluationTable->verticalHeader()->sectionSize(r);
    height += m_evaluationTable->horizontalScrollBar()->sizeHint().height();
    m_evaluationTable->setFixedHeight(height);
}

void PredictionsView::showEmpty(const QString& text, bool offerTraining) {
    m_empty->setText(text);
    m_emptyTrain->setVisible(offerTraining);
    m_stack->setCurrentIndex(1);
    m_train->setEnabled(offerTraining || !m_evaluation->evaluations().empty());
}

void PredictionsView::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void PredictionsView::requestRanking() {
    const repo::SnapshotInfo* info = selectedInfo();
    auto repo = m_ctx->repository();
    if (!info || !repo) return;
    const std::string key = m_snapshotId.toStdString() + "|" + m_strategy.toStdString() + "|" + reliabilityKey();
    if (key == m_requestedKey && (m_rankingPending || key == m_shownKey)) {
        if (!m_rankingPending) QTimer::singleShot(0, this, &PredictionsView::contentReady);  // already shown
        return;
    }
    m_requestedKey = key;
    m_rankingPending = true;
    const repo::SnapshotInfo snapshot = *info;
    const std::string strategy = m_strategy.toStdString();
    m_rankingCaption->setText(tr("<b>Predicted first reads</b> — ranking the pages of the snapshot…"));
    m_ctx->run<Result<Ranking>>(
        this, QStringLiteral("predictions-ranking-%1").arg(quintptr(this)),
        [repo, snapshot, strategy]() -> Result<Ranking> {
            Ranking r;
            const size_t topN = static_cast<size_t>(std::min<uint64_t>(snapshot.pageCount, kMaxRanked));
            auto pages = predict::predictSnapshot(*repo, snapshot, strategy, "", topN, &r.used);
            if (!pages.isOk()) return pages.status();
            r.pages = std::move(pages.value());
            return r;
        },
        [this, key, snapshot](Result<Ranking> r) {
            if (key != m_requestedKey) return;  // the view moved on (another selection, or an empty state)
            m_rankingPending = false;
            m_shownKey = key;
            if (!r.isOk()) {
                m_ranked->resetData({}, 0);
                m_objects->resetData({}, 0);
                m_used.clear();
                if (r.status().code() == Status::Code::kNotFound)
                    showEmpty(tr("No stored model can rank this snapshot.\n\n%1")
                                  .arg(QString::fromStdString(r.status().detail())),
                              true);
                else
                    showError(errorText(r.status(), tr("Ranking the pages of the snapshot")));
                m_rankingCaption->setText(tr("<b>Predicted first reads</b> — none"));
                emit contentReady();
                return;
            }
            m_used = QString::fromStdString(r->used);
            showRanking(snapshot, std::move(r->pages));
            emit contentReady();
        });
}

void PredictionsView::showRanking(const repo::SnapshotInfo& snapshot, std::vector<predict::PagePrediction> pages) {
    const QLocale loc;
    double budget = 0.10;  // the evaluation's default (predict::EvalConfig)
    qint64 horizon = 0;
    const int row = m_evaluation->rowOf(m_used);
    if (row >= 0) {
        const StoredEvaluation& e = m_evaluation->evaluations()[static_cast<size_t>(row)];
        if (!std::isnan(e.budget) && e.budget > 0) budget = e.budget;
        horizon = e.horizon;
    }
    const size_t batch = static_cast<size_t>(std::ceil(budget * static_cast<double>(snapshot.pageCount)));
    const size_t predicted = static_cast<size_t>(
        std::count_if(pages.begin(), pages.end(), [](const auto& p) { return p.page.confidence > 0; }));
    m_objects->resetData(pages, batch);
    m_ranked->resetData(std::move(pages), batch);
    m_evaluation->setInUse(m_used);
    m_chart->setEmphasized(m_used);

    const QString strategyText = m_strategy.isEmpty() ? tr("%1 (the best stored model)").arg(m_used) : m_used;
    QString text = tr("<b>Predicted first reads</b> by %1: %2 of %3 pages predicted, about %4 of them read early. "
                      "Tinted: the top %5 (%6 pages), within the budget.")
                       .arg(strategyText.toHtmlEscaped(), loc.toString(static_cast<qulonglong>(predicted)),
                            loc.toString(static_cast<qulonglong>(snapshot.pageCount)),
                            loc.toString(m_ranked->expectedReads(), 'f', 0), percentText(budget, 0),
                            loc.toString(static_cast<qulonglong>(batch)));
    m_rankingCaption->setText(text);
    m_rankingCaption->setToolTip(
        horizon > 0 ? tr("An instant restore fetches the predicted pages first, in this order, then streams the rest. "
                         "Early means within the first %1 reads after the restored database opens.")
                          .arg(loc.toString(horizon))
                    : tr("An instant restore fetches the predicted pages first, in this order, then streams the "
                         "rest."));
    m_stack->setCurrentIndex(0);
    if (!m_columnsSized && m_ranked->rowCount() > 0) {
        m_columnsSized = true;
        fitColumns(m_objectTable, 112);
        fitColumns(m_rankedTable, 112);
        fitColumns(m_evaluationTable, 130);
        // Bars need room beside their text.
        for (int c : {int(ObjectSummaryModel::kMeanConfidence), int(ObjectSummaryModel::kTopConfidence)})
            m_objectTable->setColumnWidth(c, std::max(m_objectTable->columnWidth(c), 100));
        for (int c : {int(RankedPagesModel::kConfidence), int(RankedPagesModel::kCoverage)})
            m_rankedTable->setColumnWidth(c, std::max(m_rankedTable->columnWidth(c), 96));
        for (int c : {int(EvaluationModel::kCoverage), int(EvaluationModel::kPrecision)})
            m_evaluationTable->setColumnWidth(c, std::max(m_evaluationTable->columnWidth(c), 96));
        // "frequency (best)" in bold, or longer in German: the strategy's name is never cut.
        m_evaluationTable->resizeColumnToContents(EvaluationModel::kStrategy);
        m_evaluationTable->setColumnWidth(EvaluationModel::kStrategy,
                                          std::min(m_evaluationTable->columnWidth(EvaluationModel::kStrategy) + 16, 190));
    }
}

void PredictionsView::requestReliability() {
    const repo::SnapshotInfo* info = selectedInfo();
    auto repo = m_ctx->repository();
    if (!info || !repo) return;
    const std::string key = reliabilityKey();
    const QString emphasized = m_used.isEmpty() ? bestStrategy(m_evaluation->evaluations()) : m_used;
    auto cached = m_reliability.find(key);
    if (cached != m_reliability.end()) {
        if (m_reliabilityShown != key) m_chart->setScores(cached->second, emphasized);
        m_reliabilityShown = key;
        return;
    }
    if (m_reliabilityPending && m_reliabilityRequested == key) return;
    m_reliabilityPending = true;
    m_reliabilityRequested = key;
    m_chart->showMessage(tr("Measuring the calibration of every strategy on held-out sessions…"));
    m_reliabilityShown.clear();
    const std::string source = info->sourcePath;
    m_ctx->run<Result<std::vector<predict::StrategyScore>>>(
        this, QStringLiteral("predictions-reliability-%1").arg(quintptr(this)),
        [repo, source]() -> Result<std::vector<predict::StrategyScore>> {
            auto episodes = trace::loadEpisodes(repo->catalog(), source);
            if (!episodes.isOk()) return episodes.status();
            Result<predict::PageCatalog> catalog = Status::notFound("");
            {
                    catalog = predict::catalogForSource(*repo, source);
            }
            if (!catalog.isOk()) return catalog.status();
            return predict::evaluate(episodes.value(), catalog.value(), predict::EvalConfig{},
                                     predict::strategyNames());
        },
        [this, key](Result<std::vector<predict::StrategyScore>> r) {
            m_reliabilityPending = false;
            if (r.isOk()) m_reliability[key] = r.value();
            if (key != reliabilityKey()) {  // the selection moved to another source meanwhile
                emit contentReady();
                return;
            }
            if (!r.isOk()) {
                m_chart->showMessage(errorText(r.status(), tr("Measuring the calibration")));
                m_reliabilityShown.clear();
                emit contentReady();
                return;
            }
            m_chart->setScores(m_reliability[key],
                               m_used.isEmpty() ? bestStrategy(m_evaluation->evaluations()) : m_used);
            m_reliabilityShown = key;
            emit contentReady();
        });
}

void PredictionsView::train() {
    const repo::SnapshotInfo* info = selectedInfo();
    if (!m_ctx->repository() || !info) {
        showError(tr("Open a repository with snapshots first."));
        return;
    }
    const std::string source = info->sourcePath;
    const std::string dir = m_ctx->state().repoDir.toStdString();
    m_train->setEnabled(false);
    m_emptyTrain->setEnabled(false);
    showError(QString());
    runJobWithProgress<Result<predict::TrainReport>>(
        m_ctx, this, tr("Train"),
        tr("Training every prediction strategy on the traces of %1…").arg(SnapshotTableModel::fileName(source)),
        [dir, source](const JobControl& job) -> Result<predict::TrainReport> {
            auto repo = repo::Repository::open(Env::posix(), dir, repo::Repository::Access::kWrite);
            if (!repo.isOk()) return repo.status();
            return predict::trainSource(**repo, source, {}, predict::EvalConfig{}, job);
        },
        [this, source](Result<predict::TrainReport> r) {
            m_train->setEnabled(true);
            m_emptyTrain->setEnabled(true);
            if (!r.isOk()) {
                if (r.status().code() != Status::Code::kCancelled)
                    showError(errorText(r.status(), tr("Training the prediction models")));
                return;
            }
            // The report's held-out scores are the reliability bins of the new models.
            std::string key = m_ctx->state().repoDir.toStdString() + "|" + source;
            for (int64_t id : r->modelIds) key += "|" + std::to_string(id);
            m_reliability[key] = r->scores;
            m_summary->setText(r->episodes == 1 ? tr("Trained %1 models on 1 session; best: %2.")
                                                      .arg(r->modelIds.size())
                                                      .arg(QString::fromStdString(r->best))
                                                : tr("Trained %1 models on %2 sessions; best: %3.")
                                                      .arg(r->modelIds.size())
                                                      .arg(r->episodes)
                                                      .arg(QString::fromStdString(r->best)));
            m_ctx->reload();
        },
        [](const Progress& p) -> QString {
            if (p.phase == "evaluate") return tr("Evaluating every strategy on held-out sessions…");
            if (p.phase == "train") return tr("Trained and stored %1 of %2 models…").arg(p.done).arg(p.total);
            return QString();
        });
}

}  // namespace prescient::ui
