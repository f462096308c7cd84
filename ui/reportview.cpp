#include "reportview.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTime>
#include <QUrl>
#include <QVBoxLayout>

#include "appcontext.h"
#include "errortext.h"
#include "report/reportdata.h"
#include "reportcharts.h"
#include "reportwriter.h"

namespace prescient::ui {

namespace {

// What a refresh hands to the GUI thread: the rendered preview (HTML and charts) or the failure.
struct Preview {
    Status status;
    QString html;
    QImage backups, restores, accuracy;
};

}  // namespace

ReportView::ReportView(AppContext* ctx, QWidget* parent) : QWidget(parent), m_ctx(ctx) {
    m_period = new QComboBox;
    m_period->addItem(tr("All records"), 0);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("Last 90 days"), 90);
    m_period->addItem(tr("Last 365 days"), 365);
    m_period->setToolTip(tr("Report only the records of this period"));
    auto* periodLabel = new QLabel(tr("&Period:"));
    periodLabel->setBuddy(m_period);

    m_refresh = new QPushButton(tr("Re&fresh"));
    m_refresh->setToolTip(tr("Read the repository again"));
    m_status = new QLabel;
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    auto* bar = new QHBoxLayout;
    bar->addWidget(periodLabel);
    bar->addWidget(m_period);
    bar->addWidget(m_refresh);
    bar->addSpacing(12);
    bar->addWidget(m_status, 1);
    const std::pair<QString, QString> exports[] = {
        {QStringLiteral("pdf"), tr("Export &PDF…")},
        {QStringLiteral("html"), tr("Export &HTML…")},
        {QStringLiteral("csv"), tr("Export &CSV…")},
        {QStringLiteral("json"), tr("Export &JSON…")},
    };
    for (const auto& [format, label] : exports) {
        auto* b = new QPushButton(label);
        b->setProperty("format", format);
        b->setEnabled(false);
        connect(b, &QPushButton::clicked, this, [this, format = format] { chooseAndExport(format); });
        bar->addWidget(b);
        m_exports.push_back(b);
    }
    m_exports[0]->setToolTip(tr("The report with its charts as a PDF document (A4)"));
    m_exports[1]->setToolTip(tr("The report with its charts as a web page"));
    m_exports[2]->setToolTip(tr("Every record as one CSV table for a spreadsheet; the first column names the section"));
    m_exports[3]->setToolTip(tr("Every record as JSON"));

    m_preview = new QTextBrowser;
    m_preview->setOpenLinks(false);
    m_preview->document()->setDocumentMargin(16);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_preview, 1);

    connect(m_refresh, &QPushButton::clicked, this, &ReportView::refresh);
    connect(m_period, &QComboBox::currentIndexChanged, this, &ReportView::refresh);
    // The preview is laid out on the GUI thread: only while the tab is visible (else on the next show).
    auto refreshIfShown = [this] {
        if (isVisible())
            refresh();
        else
            m_stale = true;
    };
    connect(m_ctx, &AppContext::stateChanged, this, refreshIfShown);
    connect(m_ctx, &AppContext::repositoryOpened, this, refreshIfShown);
    m_stale = true;
}

void ReportView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_stale) refresh();
}

qint64 ReportView::sinceUs() const {
    const int days = m_period->currentData().toInt();
    if (days <= 0) return 0;
    return QDateTime::currentDateTime().addDays(-days).toMSecsSinceEpoch() * 1000;
}

void ReportView::setBusy(bool busy) {
    for (QPushButton* b : m_exports) b->setEnabled(!busy && m_ctx->repository() != nullptr);
}

void ReportView::refresh() {
    m_stale = false;
    auto repo = m_ctx->repository();
    if (!repo) {
        m_preview->setHtml(QStringLiteral("<p style=\"color: gray\">%1</p>")
                               .arg(tr("Open a repository to see its report.").toHtmlEscaped()));
        m_status->setText(tr("No repository open"));
        setBusy(true);
        emit contentReady();
        return;
    }
    m_status->setText(tr("Reading the repository…"));
    report::ReportOptions options;
    options.sinceUs = sinceUs();
    m_ctx->run<Preview>(
        this, QStringLiteral("report-preview"),
        [repo, options] {
            Preview p;
            auto data = report::gatherReport(*repo, options);
            if (!data.isOk()) {
                p.status = data.status();
                return p;
            }
            p.html = report::reportHtml(data.value(), true);
            p.backups = report::backupChart(data.value());
            p.restores = report::restoreChart(data.value());
            p.accuracy = report::accuracyChart(data.value());
            return p;
        },
        [this](Preview p) {
            if (!p.status.isOk()) {
                const QString message = errorText(p.status, tr("Reading the report"));
                m_preview->setHtml(QStringLiteral("<p style=\"color: #b00020\">%1</p>")
                                       .arg(message.toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>"))));
                m_status->setText(tr("The report could not be read"));
                setBusy(true);
                emit contentReady();
                return;
            }
            QTextDocument* doc = m_preview->document();
            doc->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:backups")), p.backups);
            doc->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:restores")), p.restores);
            doc->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:accuracy")), p.accuracy);
            const int scroll = m_preview->verticalScrollBar() ? m_preview->verticalScrollBar()->value() : 0;
            m_preview->setHtml(p.html);
            if (m_preview->verticalScrollBar()) m_preview->verticalScrollBar()->setValue(scroll);
            m_status->setText(tr("Updated %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
            setBusy(m_exporting > 0);
            emit contentReady();
        });
}

QString ReportView::defaultFileName(const QString& format) const {
    QString folder = m_lastFolder;
    if (folder.isEmpty()) folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty()) folder = QDir::homePath();
    const QString name = QStringLiteral("prescient-report-%1.%2")
                             .arg(QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd")), format);
    return QDir(folder).filePath(name);
}

void ReportView::chooseAndExport(const QString& format) {
    QString caption, filter;
    if (format == QLatin1String("pdf")) {
        caption = tr("Export the report as PDF");
        filter = tr("PDF documents (*.pdf)");
    } else if (format == QLatin1String("html")) {
        caption = tr("Export the report as HTML");
        filter = tr("Web pages (*.html *.htm)");
    } else if (format == QLatin1String("csv")) {
        caption = tr("Export the report as CSV");
        filter = tr("CSV tables (*.csv)");
    } else {
        caption = tr("Export the report as JSON");
        filter = tr("JSON files (*.json)");
    }
    QString file = QFileDialog::getSaveFileName(this, caption, defaultFileName(format), filter);
    if (file.isEmpty()) return;
    if (QFileInfo(file).suffix().isEmpty()) file += QLatin1Char('.') + format;
    m_lastFolder = QFileInfo(file).absolutePath();
    exportTo(format, file);
}

void ReportView::exportTo(const QString& format, const QString& file) {
    auto repo = m_ctx->repository();
    if (!repo) {
        emit exportFinished(false, tr("Open a repository first."));
        return;
    }
    ++m_exporting;
    setBusy(true);
    m_status->setText(tr("Exporting %1…").arg(QFileInfo(file).fileName()));
    report::ReportOptions options;
    options.sinceUs = sinceUs();
    m_ctx->run<Status>(
        this, QString(),
        [repo, options, format, file] {
            auto data = report::gatherReport(*repo, options);
            if (!data.isOk()) return data.status();
            return report::writeReport(data.value(), format, file);
        },
        [this, file](Status s) {
            --m_exporting;
            setBusy(m_exporting > 0);
            QString message;
            if (s.isOk())
                message = tr("Report saved to %1").arg(QDir::toNativeSeparators(file));
            else
                message = errorText(s, tr("Exporting the report to %1").arg(QDir::toNativeSeparators(file)));
            m_status->setText(s.isOk() ? message : tr("Export failed"));
            m_status->setToolTip(message);
            emit exportFinished(s.isOk(), message);
        });
}

}  // namespace prescient::ui
