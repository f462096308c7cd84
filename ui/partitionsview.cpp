#include "partitionsview.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "appcontext.h"
#include "errortext.h"
#include "jobprogress.h"
#include "partition/churn.h"
#include "partition/partitionbackup.h"
#include "partitioncharts.h"
#include "partitionmodels.h"
#include "repo/repository.h"
#include "util/env.h"

namespace prescient::ui {

namespace {

constexpr int kLiveRefreshMs = 5000;  // while another process writes the set
constexpr double kMinShownProbability = 0.01;

QTableView* makeTable(QAbstractItemModel* model) {
    auto* t = new QTableView;
    t->setModel(model);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    t->setTextElideMode(Qt::ElideMiddle);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setHighlightSections(false);
    t->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return t;
}

QLabel* titleLabel(const QString& text) {
    auto* l = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
    return l;
}

QLabel* noteLabel() {
    auto* l = new QLabel;
    l->setStyleSheet(QStringLiteral("color: palette(dark);"));
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

// Column widths fitted to the content once it has rows, within bounds.
void fitColumns(QTableView* t, int maxWidth = 240) {
    if (t->property("fitted").toBool() || t->model()->rowCount() == 0) return;
    t->setProperty("fitted", true);
    t->resizeColumnsToContents();
    const int n = t->model()->columnCount();
    for (int c = 0; c < n - 1; ++c) t->setColumnWidth(c, std::min(t->columnWidth(c) + 10, maxWidth));
}

struct StrategyInfo {
    const char* name;
    const char* tip;
};

const StrategyInfo kStrategies[] = {
    {"predictive",
     QT_TRANSLATE_NOOP("prescient::ui::PartitionsView",
                       "The Change Prediction Engine forecasts splits, merges and creations every half second; "
                       "partitions about to change are copied ahead (shadow copies) and the copy rate adapts. "
                       "Maintenance is never blocked.")},
    {"shadow-all",
     QT_TRANSLATE_NOOP("prescient::ui::PartitionsView",
                       "Every partition is shadow-copied at the start, and the successors of every change; no "
                       "prediction. Correct, at the cost of staging space and copying.")},
    {"stop-the-world",
     QT_TRANSLATE_NOOP("prescient::ui::PartitionsView",
                       "Map changes are held off for the whole backup (writes go on, maintenance waits). When "
                       "another process has the set open, it takes the set's write lock and fails if it cannot.")},
    {"naive",
     QT_TRANSLATE_NOOP("prescient::ui::PartitionsView",
                       "Walks the map as it goes, with no shadow copies and no reconciliation. For comparison "
                       "only: when partitions change during the backup, its restore loses or duplicates rows.")},
};

}  // namespace

PartitionsView::PartitionsView(AppContext* ctx, QWidget* parent) : QWidget(parent), m_ctx(ctx) {
    m_mapModel = new PartitionMapModel(this);
    m_forecastModel = new PartitionForecastModel(this);
    m_backupModel = new PartitionBackupModel(this);
    m_copyModel = new PartitionCopyModel(this);
    m_backupPredictionModel = new BackupPredictionModel(this);
    buildUi();
    m_live = new QTimer(this);
    m_live->setInterval(kLiveRefreshMs);
    connect(m_live, &QTimer::timeout, this, [this] {
        if (isVisible() && !m_backupRunning) loadSet();
    });
    connect(m_ctx, &AppContext::stateChanged, this, &PartitionsView::loadBackups);
    connect(m_ctx, &AppContext::repositoryOpened, this, [this] { m_userChose = false; });
    showEmpty(tr("Open a repository to see its partition backups, or open a partition set."));
    if (m_ctx->repository()) loadBackups();
}

QAbstractItemModel* PartitionsView::mapModel() const { return m_mapModel; }
QAbstractItemModel* PartitionsView::predictionModel() const { return m_forecastModel; }
QAbstractItemModel* PartitionsView::backupModel() const { return m_backupModel; }
QAbstractItemModel* PartitionsView::copyModel() const { return m_copyModel; }
QAbstractItemModel* PartitionsView::backupPredictionModel() const { return m_backupPredictionModel; }
QAbstractButton* PartitionsView::backupButton() const { return m_backupNow; }
QAbstractButton* PartitionsView::forecastButton() const { return m_forecast; }
QString PartitionsView::forecastNote() const { return m_forecastNote->text(); }

void PartitionsView::buildUi() {
    // Top bar: the set, the forecast horizon, backup with a strategy.
    m_setLabel = new QLabel;
    m_setLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_setLabel->setMinimumWidth(120);
    m_setLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_open = new QPushButton(tr("&Open partition set…"));
    m_open->setToolTip(tr("Open a partition set: a folder with partmap.db and one database file per partition"));
    m_horizon = new QSpinBox;
    m_horizon->setRange(1, 3600);
    m_horizon->setValue(10);
    m_horizon->setSuffix(tr(" s"));
    m_horizon->setToolTip(tr("How far ahead the forecast looks"));
    auto* horizonLabel = new QLabel(tr("&Horizon:"));
    horizonLabel->setBuddy(m_horizon);
    m_forecast = new QPushButton(tr("&Forecast"));
    m_forecast->setToolTip(
        tr("Read the set again and run the Change Prediction Engine on its recent history (learned predictor)"));
    m_strategy = new QComboBox;
    for (const StrategyInfo& s : kStrategies) {
        m_strategy->addItem(partitionStrategyText(QString::fromLatin1(s.name)), QString::fromLatin1(s.name));
        m_strategy->setItemData(m_strategy->count() - 1, tr(s.tip), Qt::ToolTipRole);
    }
    m_strategy->setToolTip(tr(kStrategies[0].tip));
    auto* strategyLabel = new QLabel(tr("S&trategy:"));
    strategyLabel->setBuddy(m_strategy);
    m_backupNow = new QPushButton(tr("&Back up now…"));
    m_backupNow->setToolTip(tr("Back up the partition set into the open repository while it keeps changing"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Set:")));
    bar->addWidget(m_setLabel, 1);
    bar->addWidget(m_open);
    bar->addSpacing(16);
    bar->addWidget(horizonLabel);
    bar->addWidget(m_horizon);
    bar->addWidget(m_forecast);
    bar->addSpacing(16);
    bar->addWidget(strategyLabel);
    bar->addWidget(m_strategy);
    bar->addWidget(m_backupNow);

    // The map and the forecast (left), the size chart (right).
    m_mapTable = makeTable(m_mapModel);
    m_mapSummary = noteLabel();
    m_forecastTable = makeTable(m_forecastModel);
    m_forecastTable->setItemDelegateForColumn(PartitionForecastModel::kConfidence,
                                              new ConfidenceBarDelegate(m_forecastTable));
    m_forecastNote = noteLabel();
    m_forecastNote->setWordWrap(true);
    auto* mapBox = new QWidget;
    auto* mv = new QVBoxLayout(mapBox);
    mv->setContentsMargins(0, 0, 0, 0);
    auto* mapHead = new QHBoxLayout;
    mapHead->addWidget(titleLabel(tr("Partition map")));
    mapHead->addWidget(m_mapSummary, 1);
    mv->addLayout(mapHead);
    mv->addWidget(m_mapTable);
    auto* forecastBox = new QWidget;
    auto* fv = new QVBoxLayout(forecastBox);
    fv->setContentsMargins(0, 0, 0, 0);
    fv->addWidget(titleLabel(tr("Predicted changes")));
    fv->addWidget(m_forecastNote);
    fv->addWidget(m_forecastTable);
    auto* left = new QSplitter(Qt::Vertical);
    left->addWidget(mapBox);
    left->addWidget(forecastBox);
    left->setChildrenCollapsible(false);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    m_sizeChart = new PartitionSizeChart;
    m_sizeChart->setMinimumSize(320, 220);
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(left);
    top->addWidget(m_sizeChart);
    top->setChildrenCollapsible(false);
    top->setStretchFactor(0, 5);
    top->setStretchFactor(1, 4);
    top->setSizes({660, 600});

    // Backups (left) and the selected one's copies, predictions and rate (right).
    m_backupTable = makeTable(m_backupModel);
    m_backupSummary = noteLabel();
    auto* backupBox = new QWidget;
    auto* bv = new QVBoxLayout(backupBox);
    bv->setContentsMargins(0, 0, 0, 0);
    auto* backupHead = new QHBoxLayout;
    backupHead->addWidget(titleLabel(tr("Partition backups")));
    backupHead->addWidget(m_backupSummary, 1);
    bv->addLayout(backupHead);
    bv->addWidget(m_backupTable);
    m_copyTable = makeTable(m_copyModel);
    m_backupPredictionTable = makeTable(m_backupPredictionModel);
    m_backupPredictionTable->setItemDelegateForColumn(BackupPredictionModel::kConfidence,
                                                      new ConfidenceBarDelegate(m_backupPredictionTable));
    m_rateChart = new RateChart;
    m_details = new QTabWidget;
    m_details->addTab(m_copyTable, tr("Copies"));
    m_details->addTab(m_backupPredictionTable, tr("Predictions during the backup"));
    m_details->addTab(m_rateChart, tr("Adaptive rate"));
    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(backupBox);
    bottom->addWidget(m_details);
    bottom->setChildrenCollapsible(false);
    bottom->setStretchFactor(0, 4);
    bottom->setStretchFactor(1, 5);
    bottom->setSizes({540, 720});

    auto* main = new QSplitter(Qt::Vertical);
    main->addWidget(top);
    main->addWidget(bottom);
    main->setChildrenCollapsible(false);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 2);
    main->setSizes({460, 300});

    m_message = noteLabel();
    m_message->setWordWrap(true);
    m_message->hide();
    auto* content = new QWidget;
    auto* cv = new QVBoxLayout(content);
    cv->setContentsMargins(0, 0, 0, 0);
    cv->addWidget(m_message);
    cv->addWidget(main, 1);

    // The empty state.
    auto* empty = new QWidget;
    auto* ev = new QVBoxLayout(empty);
    m_emptyLabel = new QLabel;
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    auto* emptyOpen = new QPushButton(tr("Open partition set…"));
    ev->addStretch(1);
    ev->addWidget(m_emptyLabel);
    auto* eh = new QHBoxLayout;
    eh->addStretch(1);
    eh->addWidget(emptyOpen);
    eh->addStretch(1);
    ev->addLayout(eh);
    ev->addStretch(2);

    m_stack = new QStackedWidget;
    m_stack->addWidget(empty);
    m_stack->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_open, &QPushButton::clicked, this, &PartitionsView::chooseSet);
    connect(emptyOpen, &QPushButton::clicked, this, &PartitionsView::chooseSet);
    connect(m_forecast, &QPushButton::clicked, this, &PartitionsView::forecast);
    connect(m_backupNow, &QPushButton::clicked, this, &PartitionsView::backupNow);
    connect(m_strategy, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_strategy->setToolTip(m_strategy->itemData(i, Qt::ToolTipRole).toString()); });
    connect(m_mapTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& index) {
                if (!index.isValid()) return;
                m_partition = index.data(kIdRole).toLongLong();
                if (m_picture) m_sizeChart->showPartition(*m_picture, m_partition);
            });
    connect(m_forecastTable, &QTableView::clicked, this,
            [this](const QModelIndex& index) { selectPartition(index.data(kIdRole).toLongLong()); });
    connect(m_backupTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& index) {
                if (!index.isValid()) return;
                m_backup = index.data(kIdRole).toLongLong();
                showBackupDetails();
            });
    updateButtons();
}

void PartitionsView::showEmpty(const QString& message) {
    m_emptyLabel->setText(message);
    m_stack->setCurrentIndex(0);
    m_setLabel->setText(tr("none"));
    m_live->stop();
    updateButtons();
}

void PartitionsView::updateButtons() {
    const bool haveSet = !m_setDir.isEmpty();
    m_forecast->setEnabled(haveSet);
    m_backupNow->setEnabled(haveSet && m_ctx->repository() && !m_backupRunning);
    m_backupNow->setToolTip(m_ctx->repository()
                                ? tr("Back up the partition set into the open repository while it keeps changing")
                                : tr("Open a repository first"));
}

void PartitionsView::showMessage(const QString& text, bool error) {
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QStringLiteral("color: palette(dark);"));
    m_message->setVisible(!text.isEmpty());
}

void PartitionsView::openSet(const QString& setDir) {
    m_userChose = true;
    setSet(setDir);
}

void PartitionsView::chooseSet() {
    auto* dialog = new QFileDialog(this, tr("Open partition set"),
                                   m_setDir.isEmpty() ? QDir::homePath() : QFileInfo(m_setDir).path());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &PartitionsView::openSet);
    dialog->open();
}

void PartitionsView::setSet(const QString& dir) {
    const QString absolute = QFileInfo(dir).absoluteFilePath();
    if (absolute != m_setDir) {
        m_setDir = absolute;
        m_picture.reset();
        m_partition = -1;
        m_backup = -1;
        m_mapModel->resetData({}, false, 0);
        m_forecastModel->resetData({}, 0, false, false, 1);
        m_sizeChart->clear(tr("Reading the set…"));
        m_backupModel->resetData(m_backups, m_setDir);
        showBackupDetails();
    }
    m_setLabel->setText(QDir::toNativeSeparators(m_setDir));
    m_setLabel->setToolTip(QDir::toNativeSeparators(m_setDir));
    updateButtons();
    loadSet();
}

void PartitionsView::refresh() {
    if (!m_setDir.isEmpty()) loadSet();
    loadBackups();
}

void PartitionsView::forecast() {
    if (m_setDir.isEmpty()) return;
    m_forecastNote->setText(tr("Forecasting…"));
    loadSet();
}

void PartitionsView::loadSet() {
    if (m_setDir.isEmpty()) return;
    const std::string dir = m_setDir.toStdString();
    const double horizon = m_horizon->value();
    m_ctx->run<SetPicture>(
        this, QStringLiteral("partitions-set-%1").arg(quintptr(this)),
        [dir, horizon] { return loadSetPicture(dir, partition::demoPolicy(), "learned", horizon); },
        [this, dir](SetPicture p) {
            if (QString::fromStdString(dir) != m_setDir) return;  // another set (or none) is shown meanwhile
            showSet(std::move(p));
        });
}

void PartitionsView::showSet(SetPicture picture) {
    if (!picture.status.isOk()) {
        m_picture.reset();
        showEmpty(
            errorText(picture.status, tr("Reading the partition set %1").arg(QDir::toNativeSeparators(m_setDir))));
        m_setLabel->setText(QDir::toNativeSeparators(m_setDir));
        emit contentReady();
        return;
    }
    auto shared = std::make_shared<const SetPicture>(std::move(picture));
    m_picture = shared;
    const SetPicture& p = *shared;
    m_stack->setCurrentIndex(1);

    m_mapModel->resetData(p.partitions, p.keysAreTimes, p.policy.splitRows);
    quint64 rows = 0, bytes = 0;
    for (const auto& part : p.partitions) {
        rows += part.rows;
        bytes += part.bytes;
    }
    const QLocale l;
    m_mapSummary->setText(tr("table %1 by %2 · epoch %3 · %n partition(s) · %4 rows · %5 · %6 writes/s", nullptr,
                             static_cast<int>(p.partitions.size()))
                              .arg(p.table, p.keyColumn, l.toString(static_cast<qulonglong>(p.epoch)),
                                   l.toString(static_cast<qulonglong>(rows)), sizeText(bytes),
                                   l.toString(p.writesPerSecond, 'f', 0)));

    m_forecastModel->resetData(p.forecasts, p.asOfUs, p.idle, p.keysAreTimes, kMinShownProbability);
    QStringList notes;
    if (!p.forecastStatus.isOk()) {
        notes << errorText(p.forecastStatus, tr("Forecasting the set's changes"));
    } else {
        const int shown = m_forecastModel->rowCount();
        if (p.predictor == QLatin1String("learned"))
            notes << tr("Learned predictor, next %1.").arg(durationText(p.horizonSeconds));
        else
            notes << tr("Linear extrapolation, next %1: too little history to train the learned predictor.")
                         .arg(durationText(p.horizonSeconds));
        if (p.idle)
            notes << tr("The set has not been written since %1: the forecast is as of then.")
                         .arg(eventTimeText(p.lastActivityUs));
        if (shown == 0) notes << tr("No change is likely within the horizon.");
    }
    m_forecastNote->setText(notes.join(QLatin1Char(' ')));
    m_forecastNote->setToolTip(p.note);  // core's detail of a fallback
    m_forecastNote->setStyleSheet(p.forecastStatus.isOk() && p.predictor == QLatin1String("learned")
                                      ? QStringLiteral("color: palette(dark);")
                                      : QStringLiteral("color: #b35c00;"));

    fitColumns(m_mapTable);
    fitColumns(m_forecastTable);
    // Keep the selected partition; else the one most likely to change; else the top non-empty one.
    int64_t select = m_partition;
    if (m_mapModel->rowOf(select) < 0) {
        select = -1;
        if (m_forecastModel->rowCount() > 0) select = m_forecastModel->forecasts().front().partition;
        for (auto it = p.partitions.rbegin(); select < 0 && it != p.partitions.rend(); ++it)
            if (it->rows > 0) select = it->id;
        if (select < 0 && !p.partitions.empty()) select = p.partitions.front().id;
    }
    m_partition = -1;
    selectPartition(select);
    showBackupDetails();  // key ranges read as times once the set says its keys are times
    if (p.idle)
        m_live->stop();
    else
        m_live->start();
    updateButtons();
    emit contentReady();
}

void PartitionsView::selectPartition(int64_t id) {
    const int row = m_mapModel->rowOf(id);
    if (row < 0) return;
    m_partition = id;
    const QModelIndex index = m_mapModel->index(row, 0);
    {
        const QSignalBlocker block(m_mapTable->selectionModel());
        m_mapTable->selectionModel()->setCurrentIndex(index,
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    m_mapTable->scrollTo(index);
    if (m_picture) m_sizeChart->showPartition(*m_picture, id);
}

void PartitionsView::loadBackups() {
    updateButtons();
    auto repo = m_ctx->repository();
    if (!repo) {
        m_backups = BackupsPicture();
        m_backupModel->resetData(m_backups, m_setDir);
        showBackupDetails();
        if (!m_userChose) {
            m_setDir.clear();
            showEmpty(tr("Open a repository to see its partition backups, or open a partition set."));
        }
        return;
    }
    m_ctx->run<BackupsPicture>(
        this, QStringLiteral("partitions-backups-%1").arg(quintptr(this)), [repo] { return loadBackupsPicture(*repo); },
        [this](BackupsPicture b) { showBackups(std::move(b)); });
}

void PartitionsView::showBackups(BackupsPicture picture) {
    m_backups = std::move(picture);
    if (!m_backups.status.isOk()) showMessage(errorText(m_backups.status, tr("Reading the partition backups")), true);
    if (!m_userChose) {
        QString newest;
        for (auto it = m_backups.backups.rbegin(); it != m_backups.backups.rend() && newest.isEmpty(); ++it) {
            const QString dir = QString::fromStdString(it->setDir);
            if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("partmap.db")))) newest = dir;
        }
        if (newest.isEmpty()) {
            m_setDir.clear();
            m_picture.reset();
            showEmpty(m_backups.backups.empty()
                          ? tr("The repository holds no partition backup. Open a partition set to see its map and "
                               "forecast, and back it up from here.")
                          : tr("The partition sets of this repository's backups are not on this computer. Open a "
                               "partition set to see its map and forecast."));
        } else if (QFileInfo(newest).absoluteFilePath() != m_setDir) {
            setSet(newest);
        }
    }
    m_backupModel->resetData(m_backups, m_setDir);
    if (m_selectAfterLoad && m_backupModel->rowOf(m_selectAfterLoad) >= 0) {
        m_backup = m_selectAfterLoad;
        m_selectAfterLoad = 0;
    }
    if (m_backupModel->rowOf(m_backup) < 0)
        m_backup = m_backupModel->rowCount() ? m_backupModel->backups().front().id : -1;
    fitColumns(m_backupTable, 200);
    const int n = m_backupModel->rowCount();
    m_backupSummary->setText(n ? tr("%n backup(s) of this set", nullptr, n) : tr("none of this set yet"));
    selectBackup(m_backup);
    updateButtons();
    emit contentReady();
}

void PartitionsView::selectBackup(int64_t id) {
    const int row = m_backupModel->rowOf(id);
    m_backup = row >= 0 ? id : -1;
    if (row >= 0) {
        const QSignalBlocker block(m_backupTable->selectionModel());
        m_backupTable->selectionModel()->setCurrentIndex(
            m_backupModel->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    showBackupDetails();
}

void PartitionsView::showBackupDetails() {
    const int row = m_backupModel->rowOf(m_backup);
    const bool timeKeys = m_picture && m_picture->keysAreTimes;
    if (row < 0) {
        m_copyModel->resetData({}, {}, timeKeys, 0);
        m_backupPredictionModel->resetData({}, 0);
        m_rateChart->clear(tr("Adaptive rate"));
        return;
    }
    const repo::PartitionBackupRecord& b = m_backupModel->backups()[row];
    auto copies = m_backups.copies.find(b.id);
    auto predictions = m_backups.predictions.find(b.id);
    auto rates = m_backups.rates.find(b.id);
    static const std::vector<repo::PartitionPredictionRecord> kNoPredictions;
    const auto& preds = predictions != m_backups.predictions.end() ? predictions->second : kNoPredictions;
    m_copyModel->resetData(copies != m_backups.copies.end() ? copies->second : std::vector<repo::PartitionCopyRecord>{},
                           preds, timeKeys, b.startedUs);
    m_backupPredictionModel->resetData(preds, b.startedUs);
    if (rates != m_backups.rates.end())
        m_rateChart->showBackup(b, rates->second);
    else
        m_rateChart->showBackup(b, {});
    fitColumns(m_copyTable);
    fitColumns(m_backupPredictionTable);
    const int predictionCount = static_cast<int>(preds.size());
    m_details->setTabText(1, tr("Predictions (%1)").arg(QLocale().toString(predictionCount)));
    m_details->setTabText(0, tr("Copies (%1)").arg(QLocale().toString(m_copyModel->rowCount())));
}

void PartitionsView::backupNow() {
    auto repo = m_ctx->repository();
    if (m_setDir.isEmpty() || !repo || m_backupRunning) return;
    const std::string repoDir = m_ctx->state().repoDir.toStdString();
    const std::string setDir = m_setDir.toStdString();
    const QString strategyName = m_strategy->currentData().toString();
    auto strategy = partition::strategyFromName(strategyName.toStdString());
    if (!strategy.isOk()) return;
    m_backupRunning = true;
    updateButtons();
    showMessage(tr("Backing up %1 (%2)…").arg(QDir::toNativeSeparators(m_setDir), partitionStrategyText(strategyName)),
                false);
    const partition::BackupStrategy s = strategy.value();
    runJobWithProgress<Result<partition::PartitionBackupResult>>(
        m_ctx, this, tr("Partition backup"),
        tr("Backing up the partition set %1 (%2)…")
            .arg(QDir::toNativeSeparators(m_setDir), partitionStrategyText(strategyName)),
        [repoDir, setDir, s](const JobControl& job) -> Result<partition::PartitionBackupResult> {
            auto r = repo::Repository::open(Env::posix(), repoDir, repo::Repository::Access::kWrite);
            if (!r.isOk()) return r.status();
            partition::PartitionBackupOptions o;
            o.strategy = s;
            o.job = job;
            return partition::backupPartitionSet(*r.value(), setDir, o);
        },
        [this](Result<partition::PartitionBackupResult> r) {
            m_backupRunning = false;
            updateButtons();
            if (!r.isOk()) {
                const QString text = r.status().code() == Status::Code::kCancelled
                                         ? tr("The partition backup was cancelled; nothing was kept.")
                                         : errorText(r.status(), tr("Backing up the partition set"));
                showMessage(text, r.status().code() != Status::Code::kCancelled);
                if (r.status().code() != Status::Code::kCancelled) {
                    auto* box =
                        new QMessageBox(QMessageBox::Warning, tr("Partition backup"), text, QMessageBox::Ok, this);
                    box->setAttribute(Qt::WA_DeleteOnClose);
                    box->open();
                }
                m_ctx->reload();  // a failed backup is recorded too
                return;
            }
            const partition::PartitionBackupResult& b = r.value();
            const QLocale l;
            QString text = tr("Backup %1 complete: %n partition(s) in %2, %3 of %4 shadow copies kept.", nullptr,
                              static_cast<int>(b.endPartitions))
                               .arg(l.toString(static_cast<qlonglong>(b.backupId)), durationText(b.seconds),
                                    l.toString(static_cast<qulonglong>(b.shadowsKept)),
                                    l.toString(static_cast<qulonglong>(b.shadowsTaken)));
            if (b.predictionsMade)
                text += QLatin1Char(' ') + tr("%1 of %2 predicted changes materialized.")
                                               .arg(l.toString(static_cast<qulonglong>(b.predictionsMaterialized)),
                                                    l.toString(static_cast<qulonglong>(b.predictionsMade)));
            for (const auto& n : b.notes) text += QLatin1Char(' ') + QString::fromStdString(n);
            showMessage(text, false);
            m_selectAfterLoad = b.backupId;
            m_ctx->reload();
            loadSet();
        },
        [](const Progress& p) -> QString {
            if (p.phase == "primary") return tr("Copying partitions…");
            if (p.phase == "reconcile") return tr("Reconciling the changes made during the backup…");
            if (p.phase == "store") return tr("Storing the shadow copies the restore needs…");
            return {};
        });
}

}  // namespace prescient::ui
