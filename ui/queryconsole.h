// QueryConsole: runs SQL against a database, typically one that is still being restored, to prove that it
// answers before its restore ends. Each run opens a fresh connection through the prescient VFS
// (restore/restorevfs.h) on the AppContext pool, so a target another process restores is served (read-only)
// from its restore state; a plain database passes straight through.
//
// Threading (STYLE.md "Threading"): the GUI thread never waits on a query. A run is a generation-keyed
// AppContext::run(): a newer run supersedes an older one, whose answer is dropped (and whose statement is
// interrupted). Results reach the GUI thread as an immutable QueryResult that the model takes whole.
// Everything here lives on the GUI thread.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVector>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace prescient {
class CancelToken;
}

namespace prescient::ui {

class AppContext;

// What one run produced: an immutable value built on a pool thread and handed to the GUI thread.
struct QueryResult {
    bool ok = false;
    QString error;                    // translated, when !ok
    QStringList columns;              // of the last statement that ran; empty when it returns no rows
    QVector<QVector<QVariant>> rows;  // cells: null, qlonglong, double, QString or QByteArray (a BLOB)
    bool truncated = false;           // more rows than kMaxRows; only the first kMaxRows are in rows
    int statements = 0;               // statements run
    qint64 changes = 0;               // rows changed by the last statement (when it returns no rows)
    double milliseconds = 0;          // prepare + step of every statement, measured on the worker
    bool restoring = false;           // TARGET.prescient exists: served through the prescient VFS

    static constexpr int kMaxRows = 10000;
};

// A read-only table over one QueryResult. NULL cells show as a grey "NULL", BLOBs as their size, numbers
// right-aligned. Lives on the GUI thread.
class QueryResultModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit QueryResultModel(QObject* parent = nullptr);

    // Replaces the whole content (a model reset). Null shows an empty table.
    void resetData(std::shared_ptr<const QueryResult> result);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const QueryResult> m_result;
};

class QueryConsole : public QWidget {
    Q_OBJECT
public:
    explicit QueryConsole(AppContext* ctx, QWidget* parent = nullptr);
    ~QueryConsole() override;  // interrupts a running query (its answer is dropped)

    // Fills the target selector with these targets (absolute paths of databases being restored), marked
    // as restoring, keeping targets the user entered or browsed to. The current text is kept.
    void setKnownTargets(const QStringList& restoringTargets);
    // Makes path the target of the next run.
    void setTarget(const QString& path);
    QString target() const;

    // Test and automation hooks.
    void setSql(const QString& sql);
    // Runs the editor's SQL against the target (as the Run button and Ctrl+Enter do); returns at once.
    void runQuery();
    QAbstractItemModel* resultModel() const;
    // The status line: "N rows in X ms", "Running…", or the error.
    QString statusText() const;

signals:
    // After each run whose answer was not superseded. rows: rows shown.
    void queryFinished(bool ok, int rows, double milliseconds);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void browse();
    void updateTargetBadge();
    void showResult(std::shared_ptr<const QueryResult> result);
    void setStatus(const QString& text, bool error);

    AppContext* m_ctx;
    QComboBox* m_target = nullptr;
    QLabel* m_restoringBadge = nullptr;
    QPlainTextEdit* m_editor = nullptr;
    QPushButton* m_run = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_status = nullptr;
    QueryResultModel* m_model = nullptr;
    QStringList m_restoring;                       // targets being restored (marked in the selector)
    std::shared_ptr<CancelToken> m_runningCancel;  // interrupts the query in flight; null when none
};

}  // namespace prescient::ui
