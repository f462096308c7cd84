// prescient-gui: the desktop GUI. Opens $PRESCIENT_REPO (or the XDG data folder's repository, or --repo
// DIR); --demo opens the demo repository (built on first use). --lang en|de overrides the system locale.
// --screenshot FILE --view timeline|restore|console|predictions|partitions|alerts|report renders one view
// of the demo offscreen and saves it as a PNG (the restore and console views start an instant restore of
// the latest snapshot and run a query first; the others wait until their content has loaded).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

#include "alertsview.h"
#include "alerttablemodel.h"
#include "appcontext.h"
#include "mainwindow.h"
#include "partitionsview.h"
#include "predictionsview.h"
#include "queryconsole.h"
#include "reportview.h"
#include "restoredialog.h"
#include "restoremanager.h"
#include "snapshotsview.h"
#include "translation.h"

using namespace prescient::ui;

namespace {

// Drives the window to the requested view of the demo, then saves it and quits.
void scheduleScreenshot(QApplication* app, MainWindow* w, AppContext* ctx, const QString& file, const QString& view,
                        QTemporaryDir* scratch) {
    auto started = std::make_shared<bool>(false);
    QObject::connect(ctx, &AppContext::stateChanged, w, [=] {
        const RepoState& s = ctx->state();
        const auto* newest = newestDatabaseSnapshot(s);
        if (*started || !newest) return;
        *started = true;
        auto save = [=] {
            bool ok = w->grab().save(file);
            std::fprintf(ok ? stdout : stderr, ok ? "saved %s\n" : "cannot save %s\n", qPrintable(file));
            app->exit(ok ? 0 : 1);
        };
        if (view == "timeline") {
            w->showView("timeline");
            w->snapshotsView()->selectSnapshot(QString::fromStdString(newest->id));
            QTimer::singleShot(800, w, save);
            return;
        }
        if (view == "predictions" || view == "partitions" || view == "alerts" || view == "report") {
            // Saved once the view's asynchronous content has settled: 2.5 s after its last contentReady.
            auto* settle = new QTimer(w);
            settle->setSingleShot(true);
            settle->setInterval(2500);
            QObject::connect(settle, &QTimer::timeout, w, [=] {
                if (view == "predictions" && w->predictionsView()->isLoading()) return settle->start();
                save();
            });
            QWidget* page = view == "predictions"  ? static_cast<QWidget*>(w->predictionsView())
                            : view == "partitions" ? static_cast<QWidget*>(w->partitionsView())
                            : view == "alerts"     ? static_cast<QWidget*>(w->alertsView())
                                                   : static_cast<QWidget*>(w->reportView());
            QObject::connect(page, SIGNAL(contentReady()), settle, SLOT(start()));
            if (view == "alerts") {  // the newest alert selected, so its details show
                auto selectNewest = [w] {
                    QAbstractItemModel* m = w->alertsView()->alertModel();
                    qint64 newest = 0;
                    for (int r = 0; r < m->rowCount(); ++r)
                        newest = std::max(newest, m->index(r, 0).data(AlertTableModel::kIdRole).toLongLong());
                    if (newest > 0) w->alertsView()->selectAlert(newest);
                };
                QObject::connect(w->alertsView(), &AlertsView::contentReady, w, selectNewest);
                selectNewest();  // the alerts may have loaded already
            }
            w->showView(view);
            settle->start();  // content that arrived before now counts too
            return;
        }
        RestoreRequest r;
        r.snapshot = *newest;
        r.target = scratch->filePath("shop-restored.db");
        r.strategy = "";
        r.rateMBps = 4;  // slow enough to show a restore in flight
        int id = w->restoreManager()->start(r);
        QObject::connect(w->restoreManager(), &RestoreManager::restoreFinished, w,
                         [=](int finished, bool ok, const QString& message) {
                             if (finished != id || ok) return;
                             std::fprintf(stderr, "prescient-gui: the restore failed: %s\n", qPrintable(message));
                             app->exit(1);
                         });
        QObject::connect(w->restoreManager(), &RestoreManager::restoreStarted, w, [=](int started) {
            if (started != id) return;
            if (view == "console") {
                w->showView("console");
                w->queryConsole()->setTarget(r.target);
                w->queryConsole()->setSql(
                    "SELECT c.name, c.city, count(o.id) AS orders, sum(o.total) / 100.0 AS spent\n"
                    "FROM customers c JOIN orders o ON o.customer_id = c.id\n"
                    "WHERE c.id BETWEEN 100 AND 140 GROUP BY c.id ORDER BY spent DESC LIMIT 25;");
                QObject::connect(w->queryConsole(), &QueryConsole::queryFinished, w,
                                 [=](bool, int, double) { QTimer::singleShot(300, w, save); });
                w->queryConsole()->runQuery();
            } else {  // a few queries while it restores, so the tier chart has reads to show
                w->showView("restore");
                w->queryConsole()->setTarget(r.target);
                w->queryConsole()->setSql("SELECT count(*), sum(total) FROM orders WHERE customer_id BETWEEN 1 AND 400");
                auto* ticker = new QTimer(w);
                QObject::connect(ticker, &QTimer::timeout, w, [=] { w->queryConsole()->runQuery(); });
                ticker->start(150);
                QTimer::singleShot(3000, w, save);
            }
        });
    });
}

}  // namespace

int main(int argc, char** argv) {
    bool shot = false;
    for (int i = 1; i < argc; ++i)
        if (QByteArray(argv[i]) == "--screenshot") shot = true;
    if (shot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Prescient");
    QApplication::setApplicationName("prescient");
    QApplication::setApplicationVersion(PRESCIENT_VERSION);
    QGuiApplication::setDesktopFileName("prescient");  // matches the installed prescient.desktop

    // The language before any translated text exists (the parser's own help included): --lang wins over
    // the system locale.
    QString language;
    for (int i = 1; i + 1 < argc; ++i)
        if (QByteArray(argv[i]) == "--lang") language = QString::fromLocal8Bit(argv[i + 1]);
    for (int i = 1; i < argc; ++i)
        if (QByteArray(argv[i]).startsWith("--lang=")) language = QString::fromLocal8Bit(argv[i] + 7);
    QString languageProblem;
    installTranslations(&app, language, &languageProblem);
    if (!languageProblem.isEmpty()) std::fprintf(stderr, "prescient-gui: %s\n", qPrintable(languageProblem));

    QCommandLineParser parser;
    parser.setApplicationDescription("Prescient: predictive backup and instant restore for SQLite databases");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demoOpt("demo", "Open the demo repository (built on first use).");
    QCommandLineOption repoOpt("repo", "Open the repository in DIR.", "DIR");
    QCommandLineOption shotOpt("screenshot", "Render a view of the demo offscreen and save it to FILE.", "FILE");
    QCommandLineOption viewOpt("view", "The view for --screenshot: " + MainWindow::viewNames().join(", ") + ".", "VIEW",
                               "timeline");
    QCommandLineOption langOpt("lang", "The GUI's language: en or de (default: the system locale).", "LANG");
    parser.addOptions({demoOpt, repoOpt, shotOpt, viewOpt, langOpt});
    parser.process(app);
    const QString view = parser.value(viewOpt);
    if (parser.isSet(shotOpt) && !MainWindow::viewNames().contains(view)) {
        std::fprintf(stderr, "prescient-gui: --view takes %s\n", qPrintable(MainWindow::viewNames().join(", ")));
        return 2;
    }

    QTemporaryDir scratch;  // before the context: a screenshot's restore writes here until the end
    AppContext ctx;
    MainWindow w(&ctx);
    if (parser.isSet(shotOpt)) {
        w.setOfferDemo(false);
        w.resize(1280, 800);
        scheduleScreenshot(&app, &w, &ctx, parser.value(shotOpt), view, &scratch);
        QObject::connect(&ctx, &AppContext::failed, &app, [&app](const QString& m) {
            std::fprintf(stderr, "prescient-gui: %s\n", qPrintable(m));
            app.exit(1);
        });
        QTimer::singleShot(180000, &app, [&app] {
            std::fprintf(stderr, "prescient-gui: --screenshot timed out\n");
            app.exit(1);
        });
        w.show();
        w.openDemo();
        return app.exec();
    }
    w.show();
    if (parser.isSet(demoOpt))
        w.openDemo();
    else
        ctx.openRepository(parser.isSet(repoOpt) ? parser.value(repoOpt) : AppContext::defaultRepositoryDir(), true);
    return app.exec();
}
