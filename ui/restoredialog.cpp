#include "restoredialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "appcontext.h"
#include "formatting.h"
#include "predict/model.h"

namespace prescient::ui {

namespace {

constexpr double kSetupSecondsPerGiB = 0.4;  // assumed when the repository has no past restore
constexpr double kFullRestoreMBps = 250;     // idem

// "coverage" of a stored metrics object (core/predict/service.cpp storedCoverage), or -1.
double storedCoverage(const std::string& json) {
    auto pos = json.find("\"coverage\": ");
    if (pos == std::string::npos) return -1;
    return std::atof(json.c_str() + pos + 12);
}

QString approxSeconds(double s) {
    if (s < 0.001) return QObject::tr("< 1 ms");
    if (s < 0.1) return QObject::tr("≈ %1 ms").arg(qRound(s * 1000));
    if (s < 10) return QObject::tr("≈ %1 s").arg(QLocale().toString(s, 'f', 1));
    if (s < 120) return QObject::tr("≈ %1 s").arg(qRound(s));
    const int m = qRound(s / 60);
    return m < 120 ? QObject::tr("≈ %1 min").arg(m) : QObject::tr("≈ %1 h").arg(QLocale().toString(s / 3600, 'f', 1));
}

// A small gray explanation under a field.
QLabel* grayNote() {
    auto* l = new QLabel;
    l->setWordWrap(true);
    l->setStyleSheet("color: palette(dark);");
    return l;
}

// A form cell: the field's layout with a note right under it (a separate form row would be spaced apart).
QLayout* withNote(QBoxLayout* field, QLabel* note) {
    auto* cell = new QVBoxLayout;
    cell->setSpacing(3);
    cell->addLayout(field);
    note->setWordWrap(true);
    cell->addWidget(note);
    return cell;
}

QString coverageText(double c) {
    return c < 0 ? QObject::tr("coverage unknown") : QObject::tr("coverage %1%").arg(qRound(c * 100));
}

struct StoredModel {
    repo::ModelRecord record;
    double coverage = -1;
};

// The newest model of each strategy of the source, by strategy name.
std::map<std::string, StoredModel> modelsOf(const RepoState& state, const std::string& source) {
    std::map<std::string, StoredModel> out;
    for (const auto& m : state.models) {
        if (m.sourcePath != source) continue;
        auto it = out.find(m.strategy);
        if (it == out.end() || m.trainedUs >= it->second.record.trainedUs)
            out[m.strategy] = StoredModel{m, storedCoverage(m.metricsJson)};
    }
    return out;
}

}  // namespace

RestoreEstimate RestoreDialog::estimate(const RepoState& state, const repo::SnapshotInfo& snapshot) {
    RestoreEstimate e;
    const double gib = double(snapshot.bytesTotal) / double(1ull << 30);
    e.firstQuery = kSetupSecondsPerGiB * gib;
    e.full = double(snapshot.bytesTotal) / (kFullRestoreMBps * 1e6);
    std::vector<double> perPage;  // time to first query per page of the restored database
    double bytes = 0, seconds = 0;
    for (const auto& r : state.restores) {
        if (r.ttfqSeconds >= 0 && r.pages > 0) perPage.push_back(r.ttfqSeconds / double(r.pages));
        if (r.status == "complete" && r.finishedUs > r.startedUs && r.bytes > 0) {
            bytes += double(r.bytes);
            seconds += double(r.finishedUs - r.startedUs) / 1e6;
        }
    }
    if (!perPage.empty()) {  // the median: one slow first query (a user thinking) must not skew it
        std::nth_element(perPage.begin(), perPage.begin() + perPage.size() / 2, perPage.end());
        e.firstQuery = perPage[perPage.size() / 2] * double(snapshot.pageCount);
        e.pastRestores = int(perPage.size());
        if (bytes > 0 && seconds > 0) e.full = double(snapshot.bytesTotal) / (bytes / seconds);
    }
    return e;
}

QString RestoreDialog::defaultTarget(const repo::SnapshotInfo& snapshot) {
    const QFileInfo source(QString::fromStdString(snapshot.sourcePath));
    QString dir = source.absolutePath();
    if (!QFileInfo(dir).isDir()) dir = QDir::homePath();
    QString label = QString::fromStdString(snapshot.tag);
    label.replace(QRegularExpression("[^A-Za-z0-9._-]+"), "-");
    if (label.isEmpty()) label = QString::fromStdString(snapshot.id).left(8);
    QString name = source.completeBaseName();
    if (name.isEmpty()) name = "database";
    const QString base = QDir(dir).filePath(name + "-restored-" + label);
    QString path = base + ".db";
    for (int n = 2; QFileInfo::exists(path) || QFileInfo::exists(path + ".prescient"); ++n)
        path = base + "-" + QString::number(n) + ".db";
    return path;
}

RestoreDialog::RestoreDialog(AppContext* ctx, const repo::SnapshotInfo& snapshot, QWidget* parent)
    : QDialog(parent), m_snapshot(snapshot) {
    setWindowTitle(tr("Restore snapshot"));
    const RepoState& state = ctx->state();
    QLocale locale;

    auto* title = new QLabel(tr("Restore a snapshot with instant access"));
    QFont tf = title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.3);
    tf.setBold(true);
    title->setFont(tf);
    auto* intro = new QLabel(
        tr("The restored database answers queries as soon as it is created, through the prescient VFS (the "
           "query console, <code>prescient sql</code> or the loadable extension). Its pages are restored in the "
           "background, most likely reads first, then it is verified and becomes a plain SQLite file."));
    intro->setWordWrap(true);

    // What will be restored.
    auto* what = new QGroupBox(tr("Snapshot"));
    auto* whatForm = new QFormLayout(what);
    const QString source = QString::fromStdString(snapshot.sourcePath);
    auto* sourceLabel = new QLabel(source);
    sourceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    whatForm->addRow(tr("Source:"), sourceLabel);
    const QDateTime taken = QDateTime::fromMSecsSinceEpoch(snapshot.timeUs / 1000);
    QString takenText = dateTimeText(taken, true);
    const qint64 days = taken.daysTo(QDateTime::currentDateTime());
    if (days == 0)
        takenText += tr("  (today)");
    else if (days > 0)
        takenText += tr("  (%n day(s) ago)", nullptr, int(days));
    whatForm->addRow(tr("Taken:"), new QLabel(takenText));
    auto* idLabel = new QLabel(QString::fromStdString(snapshot.id) +
                               (snapshot.tag.empty()
                                    ? tr("  (no tag)")
                                    : tr("  tag <b>%1</b>").arg(QString::fromStdString(snapshot.tag).toHtmlEscaped())));
    idLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    whatForm->addRow(tr("Snapshot:"), idLabel);
    whatForm->addRow(tr("Size:"), new QLabel(tr("%1  (%2 pages of %3 bytes, %4 journal)")
                                                 .arg(locale.formattedDataSize(qint64(snapshot.bytesTotal)))
                                                 .arg(locale.toString(qulonglong(snapshot.pageCount)))
                                                 .arg(locale.toString(snapshot.pageSize))
                                                 .arg(snapshot.journalMode == "wal" ? tr("WAL") : tr("rollback"))));

    // How.
    auto* how = new QGroupBox(tr("Restore", "group title"));
    auto* form = new QFormLayout(how);
    m_target = new QLineEdit(defaultTarget(snapshot));
    m_target->setMinimumWidth(420);
    auto* browse = new QPushButton(tr("Browse…"));
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(browse);
    m_targetNote = new QLabel;
    form->addRow(tr("Restore to:"), withNote(targetRow, m_targetNote));

    m_strategy = new QComboBox;
    m_strategyNote = grayNote();
    auto* strategyCell = new QVBoxLayout;
    strategyCell->addWidget(m_strategy);
    form->addRow(tr("Prefetch order:"), withNote(strategyCell, m_strategyNote));

    m_rate = new QDoubleSpinBox;
    m_rate->setRange(0, 100000);
    m_rate->setDecimals(2);
    m_rate->setSuffix(tr(" MB/s"));
    m_rate->setSpecialValueText(tr("Unlimited"));
    m_rate->setMinimumWidth(140);
    auto* rateRow = new QHBoxLayout;
    rateRow->addWidget(m_rate);
    auto* rateNote = grayNote();
    rateNote->setText(
        tr("limits the background restore only, to spare a busy disk; reads of the target are never "
           "limited"));
    rateRow->addWidget(rateNote, 1);
    form->addRow(tr("Background rate:"), rateRow);

    const RestoreEstimate est = estimate(state, snapshot);
    auto* estimateCell = new QVBoxLayout;
    estimateCell->addWidget(
        new QLabel(tr("Time to first query <b>%1</b> &nbsp;vs&nbsp; full restore <b>%2</b>")
                       .arg(approxSeconds(est.firstQuery).toHtmlEscaped(), approxSeconds(est.full).toHtmlEscaped())));
    auto* estimateNote = grayNote();
    estimateNote->setText(
        est.pastRestores > 0
            ? tr("An estimate from %n past restore(s) in this repository (time to first query per page).", nullptr,
                 est.pastRestores)
            : tr("An estimate from the size alone (no past restore in this repository): it assumes ~%1 s of setup "
                 "per GiB and a full restore at ~%2 MB/s.")
                  .arg(kSetupSecondsPerGiB)
                  .arg(kFullRestoreMBps));
    form->addRow(tr("Estimate:"), withNote(estimateCell, estimateNote));

    auto* buttons = new QDialogButtonBox;
    m_restore = buttons->addButton(tr("Restore"), QDialogButtonBox::AcceptRole);
    m_restore->setDefault(true);
    m_restore->setAutoDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addWidget(what);
    layout->addWidget(how);
    layout->addStretch(1);
    layout->addWidget(buttons);

    fillStrategies(state);
    connect(m_target, &QLineEdit::textChanged, this, &RestoreDialog::updateTarget);
    connect(browse, &QPushButton::clicked, this, &RestoreDialog::browse);
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &RestoreDialog::updateStrategyNote);
    updateTarget();
    updateStrategyNote();
    m_restore->setFocus();
}

void RestoreDialog::fillStrategies(const RepoState& state) {
    const auto models = modelsOf(state, m_snapshot.sourcePath);
    // The one core's "best" picks: highest coverage, ties to the simpler strategy (strategyNames order).
    const StoredModel* best = nullptr;
    double bestCoverage = -1;
    for (const auto& name : predict::strategyNames()) {
        auto it = models.find(name);
        if (it != models.end() && it->second.coverage > bestCoverage) {
            bestCoverage = it->second.coverage;
            best = &it->second;
        }
    }
    if (best) {
        m_strategy->addItem(
            tr("Best model (%1, %2)").arg(QString::fromStdString(best->record.strategy), coverageText(best->coverage)),
            QString());
    }
    std::vector<const StoredModel*> sorted;
    for (const auto& [name, m] : models) sorted.push_back(&m);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const StoredModel* a, const StoredModel* b) { return a->coverage > b->coverage; });
    for (const StoredModel* m : sorted) {
        const QString name = QString::fromStdString(m->record.strategy);
        m_strategy->addItem(tr("%1 model, %2").arg(name, coverageText(m->coverage)), name);
    }
    m_strategy->addItem(tr("None (stream in pack order)"), QStringLiteral("none"));
    if (!best) {
        m_strategy->setCurrentIndex(m_strategy->count() - 1);
        m_noModelNote =
            models.empty()
                ? tr("This source has no trained model, so pages stream in pack order and each read of a page "
                     "not yet restored fetches it on demand. Train one with <code>prescient train --source "
                     "%1</code> to restore the likely reads first.")
                      .arg(QString::fromStdString(m_snapshot.sourcePath).toHtmlEscaped())
                : tr("The stored models of this source have no evaluation figures: choose one explicitly, or "
                     "stream in pack order.");
    }
}

void RestoreDialog::updateStrategyNote() {
    const QString s = m_strategy->currentData().toString();
    if (s == "none") {
        m_strategyNote->setText(m_noModelNote.isEmpty()
                                    ? tr("No prediction: pages stream in pack order; a read of a page not yet "
                                         "restored fetches it on demand.")
                                    : m_noModelNote);
        return;
    }
    m_strategyNote->setText(
        tr("Pages the model expects to be read first are restored first; any other read "
           "fetches its page on demand. Coverage: the share of pages read by held-out "
           "sessions that the model predicted."));
}

void RestoreDialog::updateTarget() {
    const QString path = m_target->text().trimmed();
    const QFileInfo fi(path);
    QString error, warning;
    if (path.isEmpty()) {
        error = tr("Choose where to restore the database.");
    } else if (QDir::isRelativePath(path)) {
        error = tr("Enter a full path, for instance %1.").arg(defaultTarget(m_snapshot));
    } else if (!QFileInfo(fi.absolutePath()).isDir()) {
        error = tr("The folder %1 does not exist.").arg(fi.absolutePath());
    } else if (fi.isDir()) {
        error = tr("%1 is a folder: add a file name.").arg(path);
    } else if (fi.exists() &&
               fi.canonicalFilePath() == QFileInfo(QString::fromStdString(m_snapshot.sourcePath)).canonicalFilePath()) {
        error = tr("This is the source database itself: choose another file.");
    } else if (QFileInfo::exists(path + ".prescient")) {
        warning =
            tr("An unfinished restore is at this path: it resumes if it is of this snapshot, otherwise it "
               "is replaced.");
    } else if (fi.exists()) {
        warning = tr("⚠ %1 exists and will be replaced.").arg(fi.fileName());
    }
    if (!error.isEmpty()) {
        m_targetNote->setStyleSheet("color: #b00020;");
        m_targetNote->setText(error);
    } else if (!warning.isEmpty()) {
        m_targetNote->setStyleSheet("color: #9a5b00; font-weight: bold;");
        m_targetNote->setText(warning);
    } else {
        m_targetNote->setText(QString());
    }
    m_targetNote->setVisible(!m_targetNote->text().isEmpty());
    m_restore->setEnabled(error.isEmpty());
}

void RestoreDialog::browse() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Restore to"), m_target->text(), tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"),
        nullptr, QFileDialog::DontConfirmOverwrite);  // the dialog's own line says "will be replaced"
    if (!path.isEmpty()) m_target->setText(path);
}

QAbstractButton* RestoreDialog::restoreButton() const { return m_restore; }

QString RestoreDialog::targetWarning() const { return m_targetNote->text(); }

void RestoreDialog::setRateLimit(double mbps) { m_rate->setValue(std::max(0.0, mbps)); }

RestoreRequest RestoreDialog::request() const {
    RestoreRequest r;
    r.snapshot = m_snapshot;
    r.target = QDir::cleanPath(m_target->text().trimmed());
    r.strategy = m_strategy->currentData().toString();
    r.force = QFileInfo::exists(r.target);  // checked again: the file may have appeared since
    r.rateMBps = m_rate->value();
    return r;
}

}  // namespace prescient::ui
