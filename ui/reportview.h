// ReportView: the Report tab. A preview of the repository's report (summary, charts and tables of the
// backup history, restore runs, prediction accuracy, partition forecasts and alerts) for a chosen period,
// and export to PDF, HTML, CSV or JSON (ui/report/reportwriter.h). Gathering, rendering and writing run on
// the AppContext's pool; answers to superseded refreshes are dropped.
// Thread safety: GUI thread only.
#pragma once

#include <QString>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace prescient::ui {

class AppContext;

class ReportView : public QWidget {
    Q_OBJECT
public:
    explicit ReportView(AppContext* ctx, QWidget* parent = nullptr);

    // Gathers the report of the open repository on the pool and shows it in the preview; contentReady
    // when it is shown (also for "no repository" and for an error, which the preview then explains).
    void refresh();
    // Gathers the report again and writes it as format ("pdf", "html", "csv", "json") to file, on the pool;
    // exportFinished(ok, message) with a translated message naming the file or the failure.
    void exportTo(const QString& format, const QString& file);

    QTextBrowser* preview() const { return m_preview; }
    // The file name the Export buttons propose: <folder>/prescient-report-YYYY-MM-DD.<format>.
    QString defaultFileName(const QString& format) const;

signals:
    void contentReady();
    void exportFinished(bool ok, const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    bool m_stale = true;  // the repository changed while the tab was hidden
    void chooseAndExport(const QString& format);
    qint64 sinceUs() const;  // from the period box; 0 = everything
    void setBusy(bool busy);

    AppContext* m_ctx;
    QComboBox* m_period = nullptr;
    QLabel* m_status = nullptr;
    QTextBrowser* m_preview = nullptr;
    QPushButton* m_refresh = nullptr;
    std::vector<QPushButton*> m_exports;
    QString m_lastFolder;  // where the last export went
    int m_exporting = 0;   // exports in flight
};

}  // namespace prescient::ui
