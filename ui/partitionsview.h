// PartitionsView: one partition set and its backups (DESIGN.md §2 "Partitions").
//   - the map: partitions with key ranges, rows, sizes and recent write rates;
//   - the Change Prediction Engine's forecast (learned predictor; linear with a visible note when the history
//     is too short): change, confidence, expected time, key. "Forecast" runs it again;
//   - the selected partition's rows over time with the trend, an uncertainty band, the thresholds and its
//     predicted change (PartitionSizeChart);
//   - the repository's backups of the set: each backup's copies (primary, shadow, final; kept, materialized
//     or discarded), the predictions it made and whether they materialized, and its adaptive rate;
//   - "Back up now" with a strategy, on the pool with progress and Cancel.
// The set is read without its lock, so another process (a churn, the application) may be writing it; while it
// is written the view refreshes every few seconds. When idle, the forecast is made as of its last write.
//
// Which set: after each AppContext::stateChanged, the set of the newest partition backup in the repository
// (when its folder exists) unless the user opened one; with none, an empty state offering "Open partition
// set…".
// Threading: GUI thread only; every core call runs through AppContext::run (keyed, stale answers dropped).
#pragma once

#include <QAbstractButton>  // the accessors' users call it directly
#include <QString>
#include <QWidget>

#include <cstdint>
#include <memory>

#include "partitiondata.h"

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTimer;

namespace prescient::ui {

class AppContext;
class PartitionMapModel;
class PartitionForecastModel;
class PartitionBackupModel;
class PartitionCopyModel;
class BackupPredictionModel;
class PartitionSizeChart;
class RateChart;

class PartitionsView : public QWidget {
    Q_OBJECT
public:
    // ctx must outlive the view.
    explicit PartitionsView(AppContext* ctx, QWidget* parent = nullptr);

    // Shows the set in setDir (kept across repository reloads until another repository is opened).
    void openSet(const QString& setDir);
    QString setDir() const { return m_setDir; }

    // For tests.
    QAbstractItemModel* mapModel() const;
    QAbstractItemModel* predictionModel() const;
    QAbstractItemModel* backupModel() const;
    QAbstractItemModel* copyModel() const;
    QAbstractItemModel* backupPredictionModel() const;
    QComboBox* strategyBox() const { return m_strategy; }
    QAbstractButton* backupButton() const;
    QAbstractButton* forecastButton() const;
    PartitionSizeChart* sizeChart() const { return m_sizeChart; }
    RateChart* rateChart() const { return m_rateChart; }
    QString forecastNote() const;
    int64_t selectedPartition() const { return m_partition; }
    int64_t selectedBackup() const { return m_backup; }
    void selectPartition(int64_t id);
    void selectBackup(int64_t id);

public slots:
    void refresh();   // the set (map, history, forecast) and the backups again
    void forecast();  // the set and the CPE's forecast again
    // Backs the set up with the strategy chosen in strategyBox(); progress dialog with Cancel.
    void backupNow();
    void chooseSet();  // a folder dialog, then openSet()

signals:
    void contentReady();  // each time asynchronously loaded content is displayed

private:
    void buildUi();
    void setSet(const QString& dir);
    void loadSet();
    void loadBackups();
    void showSet(SetPicture picture);
    void showBackups(BackupsPicture picture);
    void showBackupDetails();
    void showEmpty(const QString& message);
    void updateButtons();
    void showMessage(const QString& text, bool error);

    AppContext* m_ctx;
    QString m_setDir;          // absolute; "" when none
    bool m_userChose = false;  // openSet() was called: stateChanged keeps the set
    std::shared_ptr<const SetPicture> m_picture;
    BackupsPicture m_backups;
    int64_t m_partition = -1;       // selected partition id
    int64_t m_backup = -1;          // selected backup id
    int64_t m_selectAfterLoad = 0;  // a backup made here, to select once the catalog shows it
    bool m_backupRunning = false;

    PartitionMapModel* m_mapModel;
    PartitionForecastModel* m_forecastModel;
    PartitionBackupModel* m_backupModel;
    PartitionCopyModel* m_copyModel;
    BackupPredictionModel* m_backupPredictionModel;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QLabel* m_setLabel = nullptr;
    QLabel* m_mapSummary = nullptr;
    QLabel* m_forecastNote = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_backupSummary = nullptr;
    QTableView* m_mapTable = nullptr;
    QTableView* m_forecastTable = nullptr;
    QTableView* m_backupTable = nullptr;
    QTableView* m_copyTable = nullptr;
    QTableView* m_backupPredictionTable = nullptr;
    QTabWidget* m_details = nullptr;
    PartitionSizeChart* m_sizeChart = nullptr;
    RateChart* m_rateChart = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_forecast = nullptr;
    QPushButton* m_backupNow = nullptr;
    QSpinBox* m_horizon = nullptr;
    QComboBox* m_strategy = nullptr;
    QTimer* m_live = nullptr;
};

}  // namespace prescient::ui
