// ui/snapshots: the snapshot table model (under QAbstractItemModelTester, numeric sorting through a proxy),
// the timeline (gaps, zoom, pan, lanes) and the snapshots view over a real repository: timeline and table
// select together, Restore… asks for the selected snapshot. Saves screenshots of the view over the demo
// repository (/tmp/snapshots-view.png, light, and /tmp/snapshots-view-dark.png).
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <sqlite3.h>

#include "appcontext.h"
#include "capture/backup.h"
#include "demo/demorepo.h"
#include "formatting.h"
#include "repo/repository.h"
#include "snapshotmodel.h"
#include "snapshotsview.h"
#include "support/testutil.h"
#include "timelinewidget.h"

using namespace prescient;
using namespace prescient::ui;

namespace {

constexpr qint64 kHourUs = 3600ll * 1000000;
constexpr qint64 kDayUs = 24 * kHourUs;

// 02:00 local time on 2024-03-04 (a Monday), in microseconds since the epoch.
qint64 baseUs() { return QDateTime(QDate(2024, 3, 4), QTime(2, 0)).toMSecsSinceEpoch() * 1000; }

repo::SnapshotInfo snap(const std::string& id, qint64 timeUs, uint64_t bytes, const std::string& source = "/srv/a.db",
                        const std::string& parent = "p", const std::string& tag = "") {
    repo::SnapshotInfo s;
    s.id = id;
    s.timeUs = timeUs;
    s.sourcePath = source;
    s.pageSize = 4096;
    s.pageCount = bytes / 4096;
    s.bytesTotal = bytes;
    s.bytesNew = bytes / 10;
    s.pagesNew = s.pageCount / 5;
    s.parent = parent;
    s.tag = tag;
    s.seconds = 0.25;
    s.journalMode = "wal";
    return s;
}

// Snapshots at 02:00 on the given days after baseUs().
std::vector<repo::SnapshotInfo> daily(const std::vector<int>& days, const std::string& source = "/srv/a.db") {
    std::vector<repo::SnapshotInfo> out;
    for (int d : days)
        out.push_back(snap(source + std::to_string(d), baseUs() + d * kDayUs, 1 << 20, source,
                           out.empty() ? "" : out.back().id, "day" + std::to_string(d)));
    return out;
}

bool exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    if (err) {
        qWarning("%s: %s", sql.c_str(), err);
        sqlite3_free(err);
    }
    return rc == SQLITE_OK;
}

void sendWheel(QWidget* w, QPoint pos, int angle) {
    QWheelEvent e(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                  false);
    QApplication::sendEvent(w, &e);
}

QString selectedTableId(QTableView* table) {
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(SnapshotTableModel::kIdRole).toString();
}

}  // namespace

class TestSnapshots : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void modelUnderTester();
    void modelColumns();
    void proxySortsNumerically();
    void timelineGaps();
    void timelineZoomAndPan();
    void timelineLanesAndEmptyState();
    void viewOverRepository();
    void screenshot();

private:
    QTemporaryDir m_dir;
    QString m_repoDir;
    std::vector<repo::SnapshotInfo> m_snaps;  // the three snapshots of m_repoDir, oldest first
};

void TestSnapshots::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // AppContext's recent list goes to a test location
    QVERIFY(m_dir.isValid());
    const std::string db = m_dir.filePath("orders.db").toStdString();
    m_repoDir = m_dir.filePath("repo");

    sqlite3* h = nullptr;
    QCOMPARE(sqlite3_open(db.c_str(), &h), SQLITE_OK);
    QVERIFY(exec(h,
                 "PRAGMA page_size=4096; PRAGMA journal_mode=WAL;"
                 "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer TEXT, note BLOB);"
                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
                 "INSERT INTO orders(customer, note) SELECT 'customer ' || i, randomblob(300) FROM n;"));
    PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), m_repoDir.toStdString()));
    {
        auto r = repo::Repository::open(Env::posix(), m_repoDir.toStdString(), repo::Repository::Access::kWrite);
        PRESCIENT_VERIFY_OK(r.status());
        const int days[] = {0, 1, 4};  // Monday, Tuesday, Friday: three days without a snapshot between
        const char* tags[] = {"initial load", "before migration", "after migration"};
        for (int i = 0; i < 3; ++i) {
            if (i > 0)
                QVERIFY(exec(h,
                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150) "
                             "INSERT INTO orders(customer, note) SELECT 'late ' || i, randomblob(300) FROM n;"
                             "UPDATE orders SET customer = customer || '!' WHERE id % 7 = 0;"));
            capture::BackupOptions opts;
            opts.tag = tags[i];
            opts.timeUs = baseUs() + days[i] * kDayUs + i * 60 * 1000000ll;
            auto s = capture::backupDatabase(*r.value(), db, opts);
            PRESCIENT_VERIFY_OK(s.status());
            m_snaps.push_back(s.value());
        }
    }
    sqlite3_close(h);
}

void TestSnapshots::modelUnderTester() {
    SnapshotTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SnapshotTableModel::kSortRole);
    proxy.sort(SnapshotTableModel::kSize);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.resetData({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(SnapshotTableModel::kColumnCount));
    QVERIFY(!model.snapshotAt(0));
    QCOMPARE(model.rowOf("x"), -1);

    model.resetData({snap("0123456789abcdef", baseUs(), 8 << 20, "/srv/one.db", "")});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf("0123456789abcdef"), 0);
    QCOMPARE(model.snapshotAt(0)->sourcePath, std::string("/srv/one.db"));

    std::vector<repo::SnapshotInfo> many;
    for (int i = 0; i < 200; ++i)
        many.push_back(snap("id" + std::to_string(i), baseUs() + i * kHourUs, uint64_t(4096) * (i * 37 % 101 + 1),
                            i % 3 ? "/srv/a.db" : "/srv/b.db", i < 2 ? "" : "id" + std::to_string(i - 2),
                            i % 5 ? "" : "tag " + std::to_string(i)));
    model.resetData(many);
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(proxy.rowCount(), 200);
    QCOMPARE(model.rowOf("id150"), 150);
    model.resetData({});
    QCOMPARE(proxy.rowCount(), 0);
}

void TestSnapshots::modelColumns() {
    SnapshotTableModel model;
    auto full = snap("aaaaaaaaaaaaaaaa", baseUs() + 5 * 60 * 1000000ll, 10 << 20, "/srv/data/shop.db", "", "nightly");
    auto inc = snap("bbbbbbbbbbbbbbbb", baseUs() + kDayUs, 9 * 1024, "/srv/data/shop.db", "aaaaaaaaaaaaaaaa");
    model.resetData({full, inc});
    auto cell = [&](int row, int col, int role = Qt::DisplayRole) { return model.index(row, col).data(role); };
    QCOMPARE(cell(0, SnapshotTableModel::kTime).toString(),
             dateTimeText(QDateTime::fromMSecsSinceEpoch((baseUs() + 5 * 60 * 1000000ll) / 1000)));
    QCOMPARE(cell(0, SnapshotTableModel::kSource).toString(), QString("shop.db"));
    QCOMPARE(cell(0, SnapshotTableModel::kSource, Qt::ToolTipRole).toString(), QString("/srv/data/shop.db"));
    QCOMPARE(cell(0, SnapshotTableModel::kTag).toString(), QString("nightly"));
    QCOMPARE(cell(0, SnapshotTableModel::kKind).toString(), QString("full"));
    QCOMPARE(cell(1, SnapshotTableModel::kKind).toString(), QString("incremental"));
    QCOMPARE(cell(0, SnapshotTableModel::kPages).toString(), QLocale().toString(2560));
    QCOMPARE(cell(0, SnapshotTableModel::kSize).toString(), sizeText(10 << 20));
    QCOMPARE(cell(1, SnapshotTableModel::kSize).toString(), sizeText(9 * 1024));
    QCOMPARE(cell(0, SnapshotTableModel::kId).toString(), QString("aaaaaaaaaaaaaaaa"));
    QCOMPARE(cell(1, SnapshotTableModel::kTag, SnapshotTableModel::kIdRole).toString(), QString("bbbbbbbbbbbbbbbb"));
    QCOMPARE(cell(0, SnapshotTableModel::kSize, SnapshotTableModel::kSortRole).toULongLong(), 10ull << 20);
    QCOMPARE(cell(0, SnapshotTableModel::kSize, Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
    const QString tip = cell(1, SnapshotTableModel::kTime, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("bbbbbbbbbbbbbbbb") && tip.contains("/srv/data/shop.db") && tip.contains("incremental") &&
                 tip.count('\n') >= 5,
             qPrintable(tip));
    QCOMPARE(model.headerData(SnapshotTableModel::kNewData, Qt::Horizontal).toString(), QString("New data"));
}

void TestSnapshots::proxySortsNumerically() {
    SnapshotTableModel model;
    model.resetData({snap("big", baseUs(), 10 << 20), snap("small", baseUs() + kHourUs, 9 * 1024),
                     snap("mid", baseUs() + 2 * kHourUs, 100 * 1024)});
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SnapshotTableModel::kSortRole);
    auto order = [&] {
        QStringList ids;
        for (int r = 0; r < proxy.rowCount(); ++r)
            ids << proxy.index(r, 0).data(SnapshotTableModel::kIdRole).toString();
        return ids;
    };
    proxy.sort(SnapshotTableModel::kSize, Qt::AscendingOrder);
    // As text "10.0 MiB" < "100.0 KiB" < "9.0 KiB": the sort role keeps the numbers.
    QCOMPARE(order(), QStringList({"small", "mid", "big"}));
    proxy.sort(SnapshotTableModel::kSize, Qt::DescendingOrder);
    QCOMPARE(order(), QStringList({"big", "mid", "small"}));
    proxy.sort(SnapshotTableModel::kTime, Qt::DescendingOrder);
    QCOMPARE(order(), QStringList({"mid", "small", "big"}));
}

void TestSnapshots::timelineGaps() {
    TimelineWidget t;
    t.resize(800, 180);
    // Daily at 02:00, Thursday skipped (the demo's week).
    auto week = daily({0, 1, 2, 4, 5, 6});
    t.setSnapshots(week);
    QCOMPARE(t.gaps().size(), size_t(1));
    QCOMPARE(t.gaps()[0], std::make_pair(qint64(week[2].timeUs), qint64(week[3].timeUs)));
    // The same with a drifting daily job (12 minutes later each day): the median is over a day.
    for (size_t i = 0; i < week.size(); ++i) week[i].timeUs += qint64(i) * 12 * 60 * 1000000ll;
    t.setSnapshots(week);
    QCOMPARE(t.gaps().size(), size_t(1));
    QCOMPARE(t.gaps()[0].first, qint64(week[2].timeUs));
    // Every day: none.
    t.setSnapshots(daily({0, 1, 2, 3, 4}));
    QVERIFY(t.gaps().empty());
    // Hourly with a five-hour hole (no whole day missed, but far beyond twice the median).
    std::vector<repo::SnapshotInfo> hourly;
    for (int h : {0, 1, 2, 3, 8, 9, 10})
        hourly.push_back(snap("h" + std::to_string(h), baseUs() + h * kHourUs, 1 << 20));
    t.setSnapshots(hourly);
    QCOMPARE(t.gaps().size(), size_t(1));
    QCOMPARE(t.gaps()[0].first, qint64(baseUs() + 3 * kHourUs));
    // Weekly: a week between snapshots is the schedule, not a gap.
    t.setSnapshots(daily({0, 7, 14, 21}));
    QVERIFY(t.gaps().empty());
    // Two sources: a missed day in one lane only.
    auto two = daily({0, 1, 2, 3}, "/srv/a.db");
    for (auto& s : daily({0, 2, 3}, "/srv/b.db")) two.push_back(s);
    t.setSnapshots(two);
    QCOMPARE(t.gaps().size(), size_t(1));
    QCOMPARE(t.gaps()[0].first, qint64(baseUs()));
}

void TestSnapshots::timelineZoomAndPan() {
    TimelineWidget t;
    t.resize(800, 180);
    t.show();
    QVERIFY(QTest::qWaitForWindowExposed(&t));
    auto week = daily({0, 1, 2, 4, 5, 6});
    t.setSnapshots(week);
    const QString first = QString::fromStdString(week.front().id), last = QString::fromStdString(week.back().id);
    const QString mid = QString::fromStdString(week[2].id);
    // Fitted: every marker inside the widget, in time order, on one lane.
    int prevX = -1;
    for (const auto& s : week) {
        const QPoint c = t.markerCenter(QString::fromStdString(s.id));
        QVERIFY(t.rect().contains(c));
        QVERIFY(c.x() > prevX);
        QCOMPARE(c.y(), t.markerCenter(first).y());
        prevX = c.x();
    }
    QVERIFY(t.markerCenter("nope").isNull());
    const int fitSpan = t.markerCenter(last).x() - t.markerCenter(first).x();

    // Wheel up over a marker zooms in around it: it stays put, its neighbours move apart.
    const QPoint anchor = t.markerCenter(mid);
    sendWheel(&t, anchor, 240);
    QVERIFY(qAbs(t.markerCenter(mid).x() - anchor.x()) <= 1);
    QVERIFY(t.markerCenter(last).x() - t.markerCenter(first).x() > fitSpan * 1.4);

    // Dragging pans: everything moves by the drag.
    const QPoint before = t.markerCenter(mid);
    const QPoint grab(before.x() + 40, t.height() / 3);
    QTest::mousePress(&t, Qt::LeftButton, Qt::NoModifier, grab);
    for (int dx = 10; dx <= 60; dx += 10) {
        QMouseEvent move(QEvent::MouseMove, grab + QPoint(dx, 0), t.mapToGlobal(grab + QPoint(dx, 0)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&t, &move);
    }
    QTest::mouseRelease(&t, Qt::LeftButton, Qt::NoModifier, grab + QPoint(60, 0));
    QVERIFY2(qAbs(t.markerCenter(mid).x() - (before.x() + 60)) <= 1,
             qPrintable(QString("%1 -> %2").arg(before.x()).arg(t.markerCenter(mid).x())));
    QVERIFY(t.selectedId().isEmpty());  // a drag is no click

    // Zooming far in keeps the marker under the cursor; setSelectedId scrolls another one into view.
    for (int i = 0; i < 10; ++i) sendWheel(&t, t.markerCenter(mid), 480);
    QVERIFY(!t.rect().contains(t.markerCenter(last)));
    t.setSelectedId(last);
    QCOMPARE(t.selectedId(), last);
    QVERIFY(t.rect().contains(t.markerCenter(last)));
    t.setSelectedId("unknown");
    QVERIFY(t.selectedId().isEmpty());

    // Double click on empty space fits again.
    QTest::mouseDClick(&t, Qt::LeftButton, Qt::NoModifier, QPoint(t.width() - 20, 10));
    QCOMPARE(t.markerCenter(last).x() - t.markerCenter(first).x(), fitSpan);

    // Hovering a marker shows its details.
    {
        const QPoint at = t.markerCenter(mid);
        QHelpEvent help(QEvent::ToolTip, at, t.mapToGlobal(at));
        QApplication::sendEvent(&t, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(mid) && QToolTip::text().contains("day2"), qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    // Clicking a marker selects it and says so.
    QSignalSpy clicked(&t, &TimelineWidget::snapshotClicked);
    QTest::mouseClick(&t, Qt::LeftButton, Qt::NoModifier, t.markerCenter(mid));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toString(), mid);
    QCOMPARE(t.selectedId(), mid);
    QSignalSpy activated(&t, &TimelineWidget::snapshotActivated);
    QTest::mouseDClick(&t, Qt::LeftButton, Qt::NoModifier, t.markerCenter(first));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), first);

    // The same snapshots again (a reload) keep the zoom.
    sendWheel(&t, t.markerCenter(mid), 240);
    const int zoomed = t.markerCenter(last).x() - t.markerCenter(first).x();
    t.setSnapshots(week);
    QCOMPARE(t.markerCenter(last).x() - t.markerCenter(first).x(), zoomed);
    QCOMPARE(t.selectedId(), first);
}

void TestSnapshots::timelineLanesAndEmptyState() {
    TimelineWidget t;
    t.resize(800, 260);
    QVERIFY(!t.grab().isNull());  // the empty state paints
    auto two = daily({0, 1, 2}, "/srv/a.db");
    for (auto& s : daily({0, 2}, "/var/lib/b.db")) two.push_back(s);
    t.setSnapshots(two);
    const QPoint a = t.markerCenter(QString::fromStdString(two[0].id));
    const QPoint b = t.markerCenter(QString::fromStdString(two[3].id));
    QVERIFY(a.y() < b.y());             // the first source's lane is on top
    QVERIFY(qAbs(a.x() - b.x()) <= 1);  // same time, same x
    QVERIFY(t.sizeHint().width() >= 700);
    t.setSnapshots({});
    QVERIFY(t.markerCenter(QString::fromStdString(two[0].id)).isNull());
    QVERIFY(!t.grab().isNull());
}

void TestSnapshots::viewOverRepository() {
    AppContext ctx;
    SnapshotsView view(&ctx);
    QAbstractItemModelTester tester(view.table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(1000, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.restoreButton()->isEnabled());

    QSignalSpy state(&ctx, &AppContext::stateChanged);
    QSignalSpy failed(&ctx, &AppContext::failed);
    ctx.openRepository(m_repoDir);
    QTRY_VERIFY_WITH_TIMEOUT(state.count() >= 1 || failed.count() >= 1, 20000);
    QCOMPARE(failed.count(), 0);
    QTableView* table = view.table();
    QCOMPARE(table->model()->rowCount(), 3);
    const QString id0 = QString::fromStdString(m_snaps[0].id), id1 = QString::fromStdString(m_snaps[1].id),
                  id2 = QString::fromStdString(m_snaps[2].id);
    // Newest first.
    QCOMPARE(table->model()->index(0, 0).data(SnapshotTableModel::kIdRole).toString(), id2);
    QCOMPARE(table->model()->index(2, 0).data(SnapshotTableModel::kIdRole).toString(), id0);
    QCOMPARE(table->model()->index(2, SnapshotTableModel::kKind).data().toString(), QString("full"));
    QCOMPARE(table->model()->index(0, SnapshotTableModel::kTag).data().toString(), QString("after migration"));
    QVERIFY(view.selectedId().isEmpty());
    QVERIFY(!view.restoreButton()->isEnabled());

    // A click on a marker selects its row and enables Restore.
    QSignalSpy selection(&view, &SnapshotsView::selectionChanged);
    const QPoint marker = view.timeline()->markerCenter(id1);
    QVERIFY(view.timeline()->rect().contains(marker));
    QTest::mouseClick(view.timeline(), Qt::LeftButton, Qt::NoModifier, marker);
    QCOMPARE(view.selectedId(), id1);
    QCOMPARE(selectedTableId(table), id1);
    QCOMPARE(table->selectionModel()->selectedRows().first().row(), 1);
    QVERIFY(view.restoreButton()->isEnabled());
    QCOMPARE(selection.count(), 1);
    QCOMPARE(selection.at(0).at(0).toString(), id1);

    // A click on a row selects its marker.
    const QRect row = table->visualRect(table->model()->index(2, SnapshotTableModel::kTag));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, row.center());
    QCOMPARE(view.timeline()->selectedId(), id0);
    QCOMPARE(view.selectedId(), id0);
    QCOMPARE(selection.count(), 2);

    // Restore… asks for exactly that snapshot.
    QSignalSpy restore(&view, &SnapshotsView::restoreRequested);
    QTest::mouseClick(view.restoreButton(), Qt::LeftButton);
    QCOMPARE(restore.count(), 1);
    const auto requested = restore.at(0).at(0).value<repo::SnapshotInfo>();
    QCOMPARE(requested.id, m_snaps[0].id);
    QCOMPARE(requested.sourcePath, m_snaps[0].sourcePath);
    QCOMPARE(requested.tag, std::string("initial load"));

    // A double click on a marker or a row asks for a restore too.
    QTest::mouseDClick(view.timeline(), Qt::LeftButton, Qt::NoModifier, view.timeline()->markerCenter(id2));
    QCOMPARE(restore.count(), 2);
    QCOMPARE(restore.at(1).at(0).value<repo::SnapshotInfo>().id, m_snaps[2].id);
    QCOMPARE(view.selectedId(), id2);
    QCOMPARE(selectedTableId(table), id2);
    const QRect row1 = table->visualRect(table->model()->index(1, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, row1.center());   // a widget's
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, row1.center());  // dclick has no press
    QCOMPARE(restore.count(), 3);
    QCOMPARE(restore.at(2).at(0).value<repo::SnapshotInfo>().id, m_snaps[1].id);

    // Back up now… is a request.
    QSignalSpy backup(&view, &SnapshotsView::backupRequested);
    QVERIFY(view.backupButton()->isEnabled());
    QTest::mouseClick(view.backupButton(), Qt::LeftButton);
    QCOMPARE(backup.count(), 1);

    // Tuesday -> Friday: three days without a snapshot are reported as one gap.
    const auto gaps = view.timeline()->gaps();
    QCOMPARE(gaps.size(), size_t(1));
    QCOMPARE(gaps[0], std::make_pair(qint64(m_snaps[1].timeUs), qint64(m_snaps[2].timeUs)));

    // A reload keeps the selection.
    const int before = int(state.count());
    const int selectionsBefore = int(selection.count());
    ctx.reload();
    QTRY_VERIFY_WITH_TIMEOUT(state.count() > before, 20000);
    QCOMPARE(view.selectedId(), id1);
    QCOMPARE(selectedTableId(table), id1);
    QCOMPARE(view.timeline()->selectedId(), id1);
    QCOMPARE(int(selection.count()), selectionsBefore);

    // One source: the filter offers it and keeps all rows.
    QCOMPARE(view.sourceFilter()->count(), 2);
    view.sourceFilter()->setCurrentIndex(1);
    QCOMPARE(table->model()->rowCount(), 3);
    QCOMPARE(view.selectedId(), id1);
}

void TestSnapshots::screenshot() {
    QTemporaryDir demoDir;
    QVERIFY(demoDir.isValid());
    auto demo = demo::buildDemoRepository(demoDir.filePath("demo").toStdString());
    PRESCIENT_VERIFY_OK(demo.status());

    AppContext ctx;
    SnapshotsView view(&ctx);
    view.resize(1000, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy state(&ctx, &AppContext::stateChanged);
    ctx.openRepository(QString::fromStdString(demo->repoDir));
    QTRY_VERIFY_WITH_TIMEOUT(state.count() >= 1, 20000);
    QCOMPARE(view.table()->model()->rowCount(), demo->snapshots);
    QCOMPARE(view.timeline()->gaps().size(), size_t(1));  // the skipped Thursday
    // Select the second newest, as a user about to restore would.
    view.selectSnapshot(view.table()->model()->index(1, 0).data(SnapshotTableModel::kIdRole).toString());
    QVERIFY(view.restoreButton()->isEnabled());
    QVERIFY(view.grab().save("/tmp/snapshots-view.png"));

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    view.setPalette(dark);
    QVERIFY(view.grab().save("/tmp/snapshots-view-dark.png"));

    // Three sources of different sizes and schedules, for a look at lanes, tags and gaps.
    std::vector<repo::SnapshotInfo> lanes;
    for (int i = 0; i < 20; ++i) {
        if (i >= 9 && i <= 11) continue;  // a failed night of the six-hourly job
        lanes.push_back(snap("l" + std::to_string(i), baseUs() + i * 6 * kHourUs, (40 + i) << 20, "/srv/erp/ledger.db",
                             i ? "l" : "", i % 4 == 0 ? "nightly" : ""));
    }
    for (int d : {0, 1, 2, 3, 4})
        lanes.push_back(snap("c" + std::to_string(d), baseUs() + d * kDayUs + 3 * kHourUs, 3 << 20, "/srv/crm.db",
                             d ? "c" : "", d == 2 ? "before upgrade to 5.2" : ""));
    for (int d : {0, 1, 3, 4})
        lanes.push_back(snap("w" + std::to_string(d), baseUs() + d * kDayUs + 5 * kHourUs, 400 << 20,
                             "/var/lib/analytics/warehouse-archive-2024.sqlite", d ? "w" : "", "etl"));
    TimelineWidget t;
    t.resize(1000, 320);
    t.setSnapshots(lanes);
    t.setSelectedId("c2");
    QCOMPARE(t.gaps().size(), size_t(2));
    QVERIFY(t.grab().save("/tmp/snapshots-timeline-lanes.png"));
    // Zoomed in to hours around the selection: hour ticks with the date in the context row.
    for (int i = 0; i < 8; ++i) sendWheel(&t, t.markerCenter("c2"), 240);
    QVERIFY(t.visibleEndMs() - t.visibleStartMs() < 24 * 3600 * 1000ll);
    QVERIFY(t.grab().save("/tmp/snapshots-timeline-zoomed.png"));
}

QTEST_MAIN(TestSnapshots)
#include "tst_snapshots.moc"
