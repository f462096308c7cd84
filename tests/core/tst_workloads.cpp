// Workloads (demo/workloads.h): each produces one episode per session with its session kind's profile,
// a seed replays the same page reads, the Chinook workload really runs the sqlite3 shell under the
// recorder (its checkout sessions add exactly one invoice each), and on the oltp workload the learning
// strategies beat page order on held-out episodes.
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

#include "demo/workloads.h"
#include "predict/evaluate.h"
#include "predict/pagecatalog.h"
#include "support/testdb.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;

namespace {

std::set<std::string> profilesOf(const std::vector<trace::Episode>& eps) {
    std::set<std::string> out;
    for (const auto& e : eps) out.insert(e.profile);
    return out;
}

size_t countProfile(const std::vector<trace::Episode>& eps, const std::string& profile) {
    return static_cast<size_t>(
        std::count_if(eps.begin(), eps.end(), [&](const trace::Episode& e) { return e.profile == profile; }));
}

const predict::StrategyScore& score(const std::vector<predict::StrategyScore>& s, const std::string& name) {
    return *std::find_if(s.begin(), s.end(), [&](const predict::StrategyScore& x) { return x.strategy == name; });
}

}  // namespace

class TestWorkloads : public QObject {
    Q_OBJECT
private slots:
    void inProcessWorkloads_data();
    void inProcessWorkloads();
    void sameSeedSameReads();
    void oltpLearnersBeatPageOrder();
    void chinookThroughTheShell();
    void tracingOnAndOff();
    void badInputs();

private:
    QTemporaryDir m_tmp;
    std::string path(const std::string& n) { return str(m_tmp.filePath(QString::fromStdString(n))); }
};

void TestWorkloads::inProcessWorkloads_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("oltp") << "oltp";
    QTest::newRow("reporting") << "reporting";
    QTest::newRow("timeseries") << "timeseries";
}

void TestWorkloads::inProcessWorkloads() {
    QFETCH(QString, name);
    const std::string w = str(name);
    demo::WorkloadOptions o;
    o.sessions = 30;
    o.scale = 0.3;
    o.seed = 7;
    const std::string db = path(w + ".db");
    auto eps = demo::runWorkload(w, db, o);
    QVERIFY2(eps.isOk(), eps.status().toString().c_str());
    QCOMPARE(eps->size(), size_t(30));  // every session is one new connection that reads
    const std::vector<std::string> expected = demo::workloadProfiles(w);
    const std::set<std::string> got = profilesOf(eps.value());
    QVERIFY2(got == std::set<std::string>(expected.begin(), expected.end()), qPrintable(name));
    auto catalog = predict::describePages(db);
    QVERIFY2(catalog.isOk(), catalog.status().toString().c_str());
    QVERIFY(catalog->pageCount() > 100);
    for (size_t i = 0; i < eps->size(); ++i) {
        const trace::Episode& e = eps.value()[i];
        QCOMPARE(e.reads.front(), 1u);  // a cold connection reads the header page first
        QVERIFY(*std::max_element(e.reads.begin(), e.reads.end()) <= catalog->pageCount());
        if (i > 0) QVERIFY(e.startUs >= eps.value()[i - 1].startUs);
    }
    QCOMPARE(integrityCheck(db), std::string("ok"));
}

void TestWorkloads::sameSeedSameReads() {
    demo::WorkloadOptions o;
    o.sessions = 12;
    o.scale = 0.2;
    o.seed = 3;
    auto a = demo::runWorkload("reporting", path("seed-a.db"), o);
    auto b = demo::runWorkload("reporting", path("seed-b.db"), o);
    QVERIFY2(a.isOk() && b.isOk(), (a.status().toString() + b.status().toString()).c_str());
    QCOMPARE(a->size(), b->size());
    for (size_t i = 0; i < a->size(); ++i) QCOMPARE(a.value()[i].reads, b.value()[i].reads);
    o.seed = 4;
    auto c = demo::runWorkload("reporting", path("seed-c.db"), o);
    QVERIFY(c.isOk());
    bool differs = false;
    for (size_t i = 0; i < c->size(); ++i) differs = differs || c.value()[i].reads != a.value()[i].reads;
    QVERIFY(differs);
}

void TestWorkloads::oltpLearnersBeatPageOrder() {
    demo::WorkloadOptions o;
    o.sessions = 60;
    o.scale = 0.5;
    const std::string db = path("learn.db");
    auto eps = demo::runWorkload("oltp", db, o);
    QVERIFY2(eps.isOk(), eps.status().toString().c_str());
    auto catalog = predict::describePages(db);
    QVERIFY2(catalog.isOk(), catalog.status().toString().c_str());
    auto scores =
        predict::evaluate(eps.value(), catalog.value(), predict::EvalConfig{}, {"sequential", "markov", "ranker"});
    QVERIFY2(scores.isOk(), scores.status().toString().c_str());
    const auto& seq = score(scores.value(), "sequential");
    const auto& markov = score(scores.value(), "markov");
    const auto& ranker = score(scores.value(), "ranker");
    QCOMPARE(seq.testEpisodes, size_t(18));
    const QString figures = QString("coverage at a 10% budget: sequential %1, markov %2, ranker %3")
                                .arg(seq.coverage)
                                .arg(markov.coverage)
                                .arg(ranker.coverage);
    qInfo("%s", qPrintable(figures));
    // Held-out sessions read skewed, drifting keys: what was read before predicts them far better than
    // page order does.
    QVERIFY2(markov.coverage > seq.coverage + 0.15, qPrintable(figures));
    QVERIFY2(ranker.coverage > seq.coverage + 0.15, qPrintable(figures));
}

void TestWorkloads::chinookThroughTheShell() {
    if (QStandardPaths::findExecutable("sqlite3").isEmpty()) QSKIP("the sqlite3 shell is not installed");
    demo::WorkloadOptions o;
    o.sessions = 24;
    o.seed = 5;
    o.recorderPath = PRESCIENT_RECORDER_PATH;
    o.chinookPath = chinookPath();
    const std::string db = path("chinook.db");
    auto eps = demo::runWorkload("chinook", db, o);
    QVERIFY2(eps.isOk(), eps.status().toString().c_str());
    QCOMPARE(eps->size(), size_t(24));  // one sqlite3 process, one connection, per session
    const std::set<std::string> got = profilesOf(eps.value());
    const std::vector<std::string> all = demo::workloadProfiles("chinook");
    for (const std::string& p : got) QVERIFY2(std::count(all.begin(), all.end(), p) == 1, p.c_str());
    QVERIFY(got.size() >= 3);
    for (const auto& e : eps.value()) QCOMPARE(e.reads.front(), 1u);
    // The shell really ran the sessions on the copy: each checkout added one invoice; the original is intact.
    auto copy = SqliteDb::open(db, SQLITE_OPEN_READONLY);
    QVERIFY(copy.isOk());
    auto invoices = copy->queryInt("SELECT count(*) FROM Invoice");
    QVERIFY(invoices.isOk());
    auto original = SqliteDb::open(chinookPath(), SQLITE_OPEN_READONLY);
    auto originalInvoices = original->queryInt("SELECT count(*) FROM Invoice");
    QVERIFY(originalInvoices.isOk());
    QCOMPARE(invoices.value() - originalInvoices.value(), static_cast<int64_t>(countProfile(eps.value(), "checkout")));
    QCOMPARE(integrityCheck(db), std::string("ok"));
}

void TestWorkloads::tracingOnAndOff() {
    demo::WorkloadOptions o;
    o.sessions = 2;
    o.scale = 0.2;
    const std::string db = path("reads.db");
    auto made = demo::runWorkload("oltp", db, o);
    QVERIFY2(made.isOk(), made.status().toString().c_str());
    trace::MemoryTraceSink sink;
    auto traced = demo::runOltpReads(db, 5, 11, &sink);
    auto plain = demo::runOltpReads(db, 5, 11, nullptr);
    QVERIFY2(traced.isOk() && plain.isOk(), (traced.status().toString() + plain.status().toString()).c_str());
    QCOMPARE(traced.value(), plain.value());  // the same sessions, with and without the tracing VFS
    QVERIFY(traced.value() > 5 * 8);
    trace::Trace t = sink.take();
    QCOMPARE(trace::episodesOf(t).size(), size_t(5));
    for (const auto& e : t.events) QVERIFY(!e.write);
    auto wrong = demo::runOltpReads(path("reporting.db"), 1, 1, nullptr);  // made by inProcessWorkloads
    QVERIFY(!wrong.isOk());
}

void TestWorkloads::badInputs() {
    demo::WorkloadOptions o;
    o.sessions = 2;
    auto unknown = demo::runWorkload("nosuch", path("x.db"), o);
    QCOMPARE(unknown.status().code(), Status::Code::kInvalidArgument);
    QVERIFY(unknown.status().detail().find("nosuch") != std::string::npos);
    QVERIFY(demo::workloadProfiles("nosuch").empty());
    const std::string exists = path("exists.db");
    QVERIFY(copyFile(chinookPath(), exists));
    for (const std::string& w : demo::workloadNames()) {
        demo::WorkloadOptions e = o;
        e.chinookPath = chinookPath();
        e.recorderPath = PRESCIENT_RECORDER_PATH;
        auto r = demo::runWorkload(w, exists, e);
        QCOMPARE(r.status().code(), Status::Code::kInvalidArgument);
        QVERIFY2(r.status().detail().find(exists) != std::string::npos, r.status().detail().c_str());
    }
    demo::WorkloadOptions zero = o;
    zero.sessions = 0;
    QCOMPARE(demo::runWorkload("oltp", path("zero.db"), zero).status().code(), Status::Code::kInvalidArgument);
    demo::WorkloadOptions noRecorder = o;
    noRecorder.chinookPath = chinookPath();
    noRecorder.recorderPath = path("no-recorder.so");
    auto nr = demo::runWorkload("chinook", path("nr.db"), noRecorder);
    QCOMPARE(nr.status().code(), Status::Code::kNotFound);
    QVERIFY(nr.status().detail().find("no-recorder.so") != std::string::npos);
    demo::WorkloadOptions noShell = o;
    noShell.chinookPath = chinookPath();
    noShell.recorderPath = PRESCIENT_RECORDER_PATH;
    noShell.sqlite3 = "no-such-sqlite3-shell";
    auto ns = demo::runWorkload("chinook", path("ns.db"), noShell);
    QCOMPARE(ns.status().code(), Status::Code::kNotFound);
    QVERIFY2(ns.status().detail().find("no-such-sqlite3-shell") != std::string::npos, ns.status().detail().c_str());
}

QTEST_APPLESS_MAIN(TestWorkloads)
#include "tst_workloads.moc"
