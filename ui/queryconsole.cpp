#include "queryconsole.h"

#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <sqlite3.h>

#include <chrono>
#include <exception>

#include "appcontext.h"
#include "errortext.h"
#include "restore/restorevfs.h"
#include "util/job.h"

namespace prescient::ui {

namespace {

constexpr int kTargetPathRole = Qt::UserRole + 1;  // the item's path (its text may be decorated)
constexpr int kRestoringRole = Qt::UserRole + 2;   // bool: the target is being restored
constexpr int kMaxDisplayChars = 300;              // longer text cells are cut in the table (tooltip: more)
constexpr int kMaxTooltipChars = 4000;

// Progress handler: a superseded or abandoned run stops at the next opcode batch (SQLITE_INTERRUPT).
int interruptWhenCancelled(void* token) { return static_cast<const CancelToken*>(token)->isCancelled() ? 1 : 0; }

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

QVariant cellValue(sqlite3_stmt* st, int col) {
    switch (sqlite3_column_type(st, col)) {
        case SQLITE_INTEGER:
            return QVariant(static_cast<qlonglong>(sqlite3_column_int64(st, col)));
        case SQLITE_FLOAT:
            return QVariant(sqlite3_column_double(st, col));
        case SQLITE_TEXT: {
            auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
            return QVariant(QString::fromUtf8(text, sqlite3_column_bytes(st, col)));
        }
        case SQLITE_BLOB: {
            auto* blob = static_cast<const char*>(sqlite3_column_blob(st, col));
            return QVariant(QByteArray(blob, sqlite3_column_bytes(st, col)));
        }
        default:
            return QVariant();
    }
}

// Line (from 1) of byte offset `offset` in utf8.
int lineOf(const QByteArray& utf8, qsizetype offset) { return static_cast<int>(utf8.left(offset).count('\n')) + 1; }

// SQLite's message for a failed statement, with the line of a syntax error and, for an I/O error, what the
// prescient VFS says went wrong serving a page. Translated.
QString statementError(sqlite3* db, int rc, int statement, const QByteArray& utf8, qsizetype statementStart) {
    QString message = QString::fromUtf8(sqlite3_errmsg(db));
    int offset = sqlite3_error_offset(db);
    if (offset >= 0) message = QueryConsole::tr("line %1: %2").arg(lineOf(utf8, statementStart + offset)).arg(message);
    if (statement > 1) message = QueryConsole::tr("statement %1: %2").arg(statement).arg(message);
    QString text = QueryConsole::tr("The query failed: %1.").arg(message);
    if ((rc & 0xff) == SQLITE_IOERR) {
        Status serve = restore::lastServeError();
        if (!serve.isOk()) text += '\n' + errorText(serve, QueryConsole::tr("Serving a page of the database"));
    }
    return text;
}

// Runs every statement of sql on a fresh connection to target through the prescient VFS. Pool thread.
std::shared_ptr<const QueryResult> runSql(const QString& target, const QString& sql,
                                          std::shared_ptr<const CancelToken> cancel) {
    auto result = std::make_shared<QueryResult>();
    try {
        const QFileInfo info(target);
        result->restoring = QFileInfo::exists(target + QStringLiteral(".prescient"));
        if (!info.exists() && !result->restoring) {
            result->error = QueryConsole::tr("The database %1 does not exist.").arg(target);
            return result;
        }
        if (info.isDir()) {
            result->error = QueryConsole::tr("%1 is a folder, not a database file.").arg(target);
            return result;
        }

        restore::setLastServeError(Status::ok());
        sqlite3* raw = nullptr;
        int rc = sqlite3_open_v2(target.toUtf8().constData(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                 restore::kRestoreVfsName);
        DbPtr db(raw);
        if (rc != SQLITE_OK) {
            QString message = raw ? QString::fromUtf8(sqlite3_errmsg(raw)) : QString::fromUtf8(sqlite3_errstr(rc));
            result->error = QueryConsole::tr("Opening %1 failed: %2.").arg(target, message);
            Status serve = restore::lastServeError();
            if (!serve.isOk())
                result->error += '\n' + errorText(serve, QueryConsole::tr("Serving a page of the database"));
            return result;
        }
        sqlite3_extended_result_codes(db.get(), 1);
        sqlite3_busy_timeout(db.get(), 5000);
        sqlite3_progress_handler(db.get(), 1000, interruptWhenCancelled, const_cast<CancelToken*>(cancel.get()));

        const QByteArray utf8 = sql.toUtf8();
        const char* const begin = utf8.constData();
        const char* const end = begin + utf8.size();
        const char* next = begin;
        const auto started = std::chrono::steady_clock::now();
        bool failed = false;
        while (next < end && !failed) {
            const char* statementStart = next;
            sqlite3_stmt* rawStmt = nullptr;
            rc = sqlite3_prepare_v2(db.get(), next, static_cast<int>(end - next), &rawStmt, &next);
            StmtPtr stmt(rawStmt);
            if (rc != SQLITE_OK) {
                result->error = statementError(db.get(), rc, result->statements + 1, utf8, statementStart - begin);
                failed = true;
                break;
            }
            if (!stmt) continue;  // only whitespace or a comment was left
            ++result->statements;

            // Each statement replaces the previous one's rows: the last one's are shown.
            const int columns = sqlite3_column_count(stmt.get());
            QStringList names;
            for (int c = 0; c < columns; ++c) names << QString::fromUtf8(sqlite3_column_name(stmt.get(), c));
            QVector<QVector<QVariant>> rows;
            bool truncated = false;
            while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
                if (rows.size() >= QueryResult::kMaxRows) {
                    truncated = true;
                    break;
                }
                QVector<QVariant> row;
                row.reserve(columns);
                for (int c = 0; c < columns; ++c) row.append(cellValue(stmt.get(), c));
                rows.append(std::move(row));
            }
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
                result->error = statementError(db.get(), rc, result->statements, utf8, statementStart - begin);
                failed = true;
                break;
            }
            result->columns = std::move(names);
            result->rows = std::move(rows);
            result->truncated = truncated;
            result->changes = columns == 0 ? sqlite3_changes64(db.get()) : 0;
        }
        const auto nanos =
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started);
        result->milliseconds = static_cast<double>(nanos.count()) / 1e6;
        if (failed) {
            result->columns.clear();
            result->rows.clear();
            return result;
        }
        if (result->statements == 0) {
            result->error = QueryConsole::tr("There is no SQL statement to run (only comments or blanks).");
            return result;
        }
        result->ok = true;
        restore::noteQueryServed(target.toStdString(), static_cast<uint64_t>(nanos.count()));
    } catch (const std::exception& e) {
        result->ok = false;
        result->error = QueryConsole::tr("The query failed: %1.").arg(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        result->ok = false;
        result->error = QueryConsole::tr("The query failed: an unexpected error occurred.");
    }
    return result;
}

QIcon restoringIcon() {
    QPixmap pix(12, 12);
    pix.fill(Qt::transparent);
    QPainter p(&pix);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xe6, 0x8a, 0x00));
    p.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pix);
}

QString blobText(const QByteArray& blob) {
    const QString size = QueryConsole::tr("%1 bytes").arg(QLocale().toString(blob.size()));
    QString hex = QString::fromLatin1(blob.left(8).toHex()).toUpper();
    if (blob.size() > 8) hex += QChar(0x2026);
    return QStringLiteral("X'%1' (%2)").arg(hex, size);
}

}  // namespace

// ---- QueryResultModel ----

QueryResultModel::QueryResultModel(QObject* parent) : QAbstractTableModel(parent) {}

void QueryResultModel::resetData(std::shared_ptr<const QueryResult> result) {
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

int QueryResultModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_result ? 0 : static_cast<int>(m_result->rows.size());
}

int QueryResultModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_result ? 0 : static_cast<int>(m_result->columns.size());
}

QVariant QueryResultModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const auto& row = m_result->rows.at(index.row());
    if (index.column() >= row.size()) return {};
    const QVariant& v = row.at(index.column());
    const bool isNull = !v.isValid();
    const bool isNumber = v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Double;
    switch (role) {
        case Qt::DisplayRole:
            if (isNull) return QStringLiteral("NULL");
            if (v.typeId() == QMetaType::QByteArray) return blobText(v.toByteArray());
            if (v.typeId() == QMetaType::Double) return QString::number(v.toDouble(), 'g', 15);
            if (v.typeId() == QMetaType::QString) {
                QString s = v.toString();
                if (s.size() > kMaxDisplayChars) s = s.left(kMaxDisplayChars) + QChar(0x2026);
                s.replace(QLatin1Char('\n'), QChar(0x21b5));
                return s;
            }
            return v;
        case Qt::EditRole:
            return v;  // the value itself: sorting, copying
        case Qt::ToolTipRole:
            if (v.typeId() == QMetaType::QString && v.toString().size() > 40)
                return v.toString().left(kMaxTooltipChars);
            if (v.typeId() == QMetaType::QByteArray) return blobText(v.toByteArray());
            return {};
        case Qt::TextAlignmentRole:
            return isNumber ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            if (isNull || v.typeId() == QMetaType::QByteArray)
                return QApplication::palette().brush(QPalette::PlaceholderText);
            return {};
        case Qt::FontRole:
            if (isNull) {
                QFont f;
                f.setItalic(true);
                return f;
            }
            return {};
        default:
            return {};
    }
}

QVariant QueryResultModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || !m_result || section < 0) return {};
    if (orientation == Qt::Horizontal)
        return section < m_result->columns.size() ? QVariant(m_result->columns.at(section)) : QVariant();
    return section < m_result->rows.size() ? QVariant(section + 1) : QVariant();
}

// ---- QueryConsole ----

QueryConsole::QueryConsole(AppContext* ctx, QWidget* parent) : QWidget(parent), m_ctx(ctx) {
    static const bool registered = (restore::registerRestoreVfs(), true);
    (void)registered;

    m_target = new QComboBox;
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(40);
    m_target->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_target->lineEdit()->setPlaceholderText(tr("Path of a database, or of a target being restored"));
    m_target->setToolTip(
        tr("The database to query. Targets marked with a dot are still being restored: they are "
           "read through the prescient VFS while their restore runs."));
    auto* browse = new QPushButton(tr("Browse…"));
    m_restoringBadge = new QLabel;
    m_restoringBadge->setText(tr("<span style='color:#e68a00'>&#9679;</span> still restoring"));
    m_restoringBadge->setToolTip(
        tr("Queries on this target are served through the prescient VFS while it is "
           "restored. When another process restores it, it is read-only until the "
           "restore ends."));
    m_restoringBadge->hide();

    auto* targetLabel = new QLabel(tr("&Database:"));
    targetLabel->setBuddy(m_target);
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(targetLabel);
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(m_restoringBadge);
    targetRow->addWidget(browse);

    m_editor = new QPlainTextEdit;
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setTabChangesFocus(false);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setPlaceholderText(tr("SELECT count(*) FROM sqlite_schema;\n\nCtrl+Enter runs the query."));
    m_editor->installEventFilter(this);

    m_run = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Run"));
    m_run->setToolTip(tr("Run the SQL (Ctrl+Enter). Every statement runs; the last one's rows are shown."));
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_run, 0, Qt::AlignTop);
    runRow->addWidget(m_status, 1);

    auto* editorPane = new QWidget;
    auto* editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addLayout(runRow);

    m_model = new QueryResultModel(this);
    m_table = new QTableView;
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(false);  // numbers stay under their header
    m_table->horizontalHeader()->setResizeContentsPrecision(200);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(editorPane);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({170, 430});  // the results get most of the room
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(targetRow);
    layout->addWidget(splitter, 1);

    connect(browse, &QPushButton::clicked, this, &QueryConsole::browse);
    connect(m_run, &QPushButton::clicked, this, &QueryConsole::runQuery);
    connect(m_target, &QComboBox::currentTextChanged, this, &QueryConsole::updateTargetBadge);
    setStatus(tr("Choose a database and type SQL; Ctrl+Enter runs it."), false);
}

QueryConsole::~QueryConsole() {
    if (m_runningCancel) m_runningCancel->cancel();
}

void QueryConsole::setKnownTargets(const QStringList& restoringTargets) {
    const QString current = m_target->currentText();
    QStringList others;
    for (int i = 0; i < m_target->count(); ++i) {
        const QString path = m_target->itemData(i, kTargetPathRole).toString();
        if (!restoringTargets.contains(path) && !others.contains(path)) others << path;
    }
    m_restoring = restoringTargets;
    m_target->blockSignals(true);
    m_target->clear();
    const QIcon dot = restoringIcon();
    for (const QString& path : restoringTargets) {
        m_target->addItem(dot, path);
        const int i = m_target->count() - 1;
        m_target->setItemData(i, path, kTargetPathRole);
        m_target->setItemData(i, true, kRestoringRole);
        m_target->setItemData(i, tr("Still restoring: queries are served through the prescient VFS"), Qt::ToolTipRole);
    }
    for (const QString& path : others) {
        m_target->addItem(path);
        m_target->setItemData(m_target->count() - 1, path, kTargetPathRole);
    }
    m_target->setCurrentIndex(-1);
    m_target->setEditText(current);
    m_target->blockSignals(false);
    updateTargetBadge();
}

void QueryConsole::setTarget(const QString& path) {
    const int i = m_target->findData(path, kTargetPathRole);
    if (i >= 0)
        m_target->setCurrentIndex(i);
    else
        m_target->setEditText(path);
    updateTargetBadge();
}

QString QueryConsole::target() const { return m_target->currentText().trimmed(); }

void QueryConsole::setSql(const QString& sql) { m_editor->setPlainText(sql); }

QAbstractItemModel* QueryConsole::resultModel() const { return m_model; }

QString QueryConsole::statusText() const { return m_status->text(); }

void QueryConsole::browse() {
    const QString start = target().isEmpty() ? QString() : QFileInfo(target()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a database"), start, tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)"));
    if (!path.isEmpty()) setTarget(path);
}

void QueryConsole::updateTargetBadge() { m_restoringBadge->setVisible(m_restoring.contains(target())); }

bool QueryConsole::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ControlModifier)) {
            runQuery();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QueryConsole::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

void QueryConsole::runQuery() {
    const QString path = target();
    const QString sql = m_editor->toPlainText();
    if (path.isEmpty()) {
        setStatus(tr("Choose a database to query first."), true);
        emit queryFinished(false, 0, 0);
        return;
    }
    if (sql.trimmed().isEmpty()) {
        setStatus(tr("Type an SQL statement first."), true);
        emit queryFinished(false, 0, 0);
        return;
    }
    // Remember a typed path in the selector.
    if (m_target->findData(path, kTargetPathRole) < 0) {
        m_target->blockSignals(true);
        m_target->addItem(path);
        m_target->setItemData(m_target->count() - 1, path, kTargetPathRole);
        m_target->setCurrentIndex(m_target->count() - 1);
        m_target->blockSignals(false);
    }

    if (m_runningCancel) m_runningCancel->cancel();  // its answer is dropped anyway (generation key)
    auto cancel = std::make_shared<CancelToken>();
    m_runningCancel = cancel;
    setStatus(tr("Running…"), false);

    const QString key = QStringLiteral("queryconsole/%1").arg(reinterpret_cast<quintptr>(this), 0, 16);
    m_ctx->run<std::shared_ptr<const QueryResult>>(
        this, key, [path, sql, cancel] { return runSql(path, sql, cancel); },
        [this, cancel](std::shared_ptr<const QueryResult> result) {
            if (m_runningCancel == cancel) m_runningCancel.reset();
            showResult(std::move(result));
        });
}

void QueryConsole::showResult(std::shared_ptr<const QueryResult> result) {
    if (!result->ok) {
        m_model->resetData(nullptr);
        setStatus(result->error, true);
        emit queryFinished(false, 0, result->milliseconds);
        return;
    }
    const QLocale locale;
    const QString ms = locale.toString(result->milliseconds, 'f', result->milliseconds < 10 ? 2 : 1);
    const int rows = static_cast<int>(result->rows.size());
    QString text;
    if (result->columns.isEmpty())
        text = result->changes == 1 ? tr("Done in %1 ms: 1 row changed").arg(ms)
                                    : tr("Done in %1 ms: %2 rows changed").arg(ms, locale.toString(result->changes));
    else
        text = rows == 1 ? tr("1 row in %1 ms").arg(ms) : tr("%1 rows in %2 ms").arg(locale.toString(rows), ms);
    if (result->truncated) text += ' ' + tr("(first %1 rows shown)").arg(locale.toString(QueryResult::kMaxRows));
    if (result->statements > 1)
        text += ' ' + tr("(%1 statements run, the last one's rows shown)").arg(result->statements);
    if (result->restoring) text += ' ' + tr("(still restoring: served through the prescient VFS)");
    m_model->resetData(result);
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        if (m_table->columnWidth(c) > 400) m_table->setColumnWidth(c, 400);
    setStatus(text, false);
    emit queryFinished(true, rows, result->milliseconds);
}

}  // namespace prescient::ui
