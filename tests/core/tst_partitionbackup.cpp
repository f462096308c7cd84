// Partition backup (core/partition/partitionbackup.h) under churn: every write of the churn is logged with
// its time, the backup runs rate-limited so that its window spans many splits, merges and creations, and the
// restore is checked against the window's semantics: every key alive through the window exactly once, every
// value one the key held inside the window, every row in its end partition, check() ok. predictive,
// stop-the-world and shadow-all must hold it; naive must be caught losing or duplicating rows (a hook forces
// a split and a merge around its copies, so the test never depends on timing luck). Then a crash and a
// cancellation mid-backup, the Metadata Manager's rows, the catalog round trip, and the CLI across processes.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "partition/churn.h"
#include "partition/partitionbackup.h"
#include "partition/partitionset.h"
#include "repo/verify.h"
#include "support/churnaudit.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::partition;
using namespace prescient::test;

namespace {

using Row = PartitionSet::Row;
using Value = PartitionSet::Value;

MaintenancePolicy harnessPolicy() {
    MaintenancePolicy p = demoPolicy();
    p.mergeRows = 60;  // only partitions retention emptied merge (halves of a forced split stay apart)
    return p;
}

ChurnOptions harnessChurn(WriteLog* log, uint64_t seed, double seconds) {
    ChurnOptions o;
    o.seconds = seconds;
    o.seed = seed;
    o.insertsPerSecond = 1500;
    o.timeScale = 1800;                           // a time partition (30 simulated minutes) fills in 1 s
    o.retentionUs = int64_t{4} * 3600 * 1000000;  // 4 simulated hours = 8 s of data: ~25 partitions
    o.policy = harnessPolicy();
    o.onWrite = [log](const ChurnWrite& w) { log->add(w); };
    return o;
}


struct RunOutcome {
    PartitionBackupResult backup;
    WriteLog::Verdict verdict;
    uint64_t outside = 0;
    Status check;
    int forcedChanges = 0;
};

}  // namespace

class TestPartitionBackup : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::string m_repo;
    std::string m_setDir;
    std::unique_ptr<PartitionSet> m_set;
    WriteLog m_log;
    std::unique_ptr<ChurnThread> m_churn;
    std::map<std::string, RunOutcome> m_outcomes;

    std::string path(const QString& name) { return str(m_tmp.filePath(name)); }

    // One backup of the churning set with a strategy, then its restore judged against the write log.
    RunOutcome backupAndJudge(BackupStrategy strategy, bool force) {
        RunOutcome out;
        PartitionBackupOptions o;
        o.strategy = strategy;
        o.rateMbps = 0.25;  // a walk of ~1-3 s: a dozen map changes or more meanwhile
        o.policy = harnessPolicy();
        Forcer forcer{m_set.get(), static_cast<int>(m_set->map().partitions.size() * 3 / 4)};
        if (force) o.afterPrimaryCopy = [&forcer](int64_t id, int i) { forcer(id, i); };
        auto repo = repo::Repository::open(Env::posix(), m_repo, repo::Repository::Access::kWrite);
        if (!repo.isOk()) {
            out.check = repo.status();
            return out;
        }
        auto r = backupPartitionSet(*repo.value(), *m_set, o);
        if (!r.isOk()) {
            out.check = r.status();
            return out;
        }
        out.backup = r.value();
        out.forcedChanges = forcer.splits + forcer.merges;
        const std::string target = path(QString("restore-%1").arg(strategyName(strategy)));
        auto restored = restorePartitionBackup(*repo.value(), out.backup.backupId, target);
        if (!restored.isOk()) {
            out.check = restored.status();
            return out;
        }
        out.check = restored->check;
        Restored rows = readRestored(target);
        out.outside = rows.outside;
        out.verdict = m_log.judge(rows.rows, out.backup.startedUs, out.backup.finishedUs);
        const PartitionBackupResult& b = out.backup;
        std::printf(
            "%-15s window %.2f s, blocked %.2f s, %llu changes (%llu unpredicted, %d forced), %llu primary, "
            "%llu final, shadows %llu taken / %llu kept (%llu B kept, %llu B discarded), predictions %llu/%llu"
            " | expected %llu, restored %llu, lost %llu, duplicated %llu, bad values %llu, outside %llu, "
            "check %s\n",
            strategyName(strategy), (b.finishedUs - b.startedUs) / 1e6, b.blockedSeconds, (unsigned long long)b.changes,
            (unsigned long long)b.unpredictedChanges, out.forcedChanges, (unsigned long long)b.primaryCopies,
            (unsigned long long)b.finalCopies, (unsigned long long)b.shadowsTaken, (unsigned long long)b.shadowsKept,
            (unsigned long long)b.shadowBytesKept, (unsigned long long)b.shadowBytesDiscarded,
            (unsigned long long)b.predictionsMaterialized, (unsigned long long)b.predictionsMade,
            (unsigned long long)out.verdict.expected, (unsigned long long)out.verdict.restored,
            (unsigned long long)out.verdict.lost, (unsigned long long)out.verdict.duplicated,
            (unsigned long long)out.verdict.badValue, (unsigned long long)out.outside,
            out.check.isOk() ? "ok" : out.check.toString().c_str());
        for (const auto& n : b.notes) std::printf("    note: %s\n", n.c_str());
        if (getenv("PRESCIENT_TEST_VERBOSE")) {  // the predictions, copies, end map and events
            auto preds = repo.value()->catalog().listPartitionPredictions(b.backupId);
            for (const auto& p : preds.value())
                std::printf("    pred %lld %s p%lld/%lld prob %.2f made %+.3f exp %+.3f mat %d ev %lld\n",
                            (long long)p.id, p.kind.c_str(), (long long)p.partition, (long long)p.other, p.probability,
                            (p.madeUs - b.startedUs) / 1e6, (p.expectedUs - b.startedUs) / 1e6, p.materialized,
                            (long long)p.eventId);
            auto copies = repo.value()->catalog().listPartitionCopies(b.backupId);
            for (const auto& c : copies.value())
                std::printf("    copy %lld p%lld %s epoch %llu [%lld, %lld) at %+.3f kept %d snap %s\n",
                            (long long)c.id, (long long)c.partition, c.role.c_str(), (unsigned long long)c.epoch,
                            (long long)c.lo, (long long)c.hi, (c.takenUs - b.startedUs) / 1e6, c.kept,
                            c.snapshotId.c_str());
            auto rec = repo.value()->catalog().partitionBackup(b.backupId);
            std::printf("    end map %s\n", rec.value()->endMap.c_str());
            auto evs = m_set->events(b.startedUs - 2000000);
            for (const auto& e : evs.value())
                std::printf("    event %lld %s p%lld/%lld at %+.3f epoch %llu\n", (long long)e.id, eventName(e.kind),
                            (long long)e.partition, (long long)e.other, (e.timeUs - b.startedUs) / 1e6,
                            (unsigned long long)e.epochAfter);
        }
        if (!out.verdict.firstProblem.empty()) std::printf("    first problem: %s\n", out.verdict.firstProblem.c_str());
        return out;
    }

    void verifyCorrect(const RunOutcome& o) {
        PRESCIENT_VERIFY_OK(o.check);
        QVERIFY2(o.verdict.expected > 1000, "the window should hold many live keys");
        QVERIFY2(o.verdict.lost == 0 && o.verdict.duplicated == 0 && o.verdict.badValue == 0,
                 o.verdict.firstProblem.c_str());
        QCOMPARE(o.outside, uint64_t(0));
        QVERIFY2(o.backup.changes >= 3, "the window should span several map changes");
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_repo = path("repo");
        m_setDir = path("set");
        PRESCIENT_VERIFY_OK(repo::Repository::init(Env::posix(), m_repo));
        auto set = PartitionSet::create(m_setDir, demoSetOptions());
        PRESCIENT_VERIFY_OK(set.status());
        m_set = std::move(set.value());
        // One churn through all the backups below; the first seconds fill the retention window and give the
        // predictor a history to learn from.
        m_churn = std::make_unique<ChurnThread>(*m_set, harnessChurn(&m_log, 7, 300));
        std::this_thread::sleep_for(std::chrono::seconds(5));
        QVERIFY(m_log.size() > 3000);
    }

    void predictiveKeepsEveryRow() {
        RunOutcome o = backupAndJudge(BackupStrategy::kPredictive, true);
        verifyCorrect(o);
        QCOMPARE(o.forcedChanges, 2);
        QCOMPARE(o.backup.blockedSeconds, 0.0);
        m_outcomes["predictive"] = o;
    }

    void stopTheWorldKeepsEveryRow() {
        RunOutcome o = backupAndJudge(BackupStrategy::kStopTheWorld, false);
        PRESCIENT_VERIFY_OK(o.check);
        QVERIFY(o.verdict.lost == 0 && o.verdict.duplicated == 0 && o.verdict.badValue == 0);
        QCOMPARE(o.backup.changes, uint64_t(0));  // nothing changed the map: it was frozen
        QVERIFY(o.backup.blockedSeconds > 0.5);
        m_outcomes["stop-the-world"] = o;
    }

    void shadowAllKeepsEveryRow() {
        RunOutcome o = backupAndJudge(BackupStrategy::kShadowAll, true);
        verifyCorrect(o);
        QVERIFY(o.backup.shadowsTaken > 0);
        QVERIFY(o.backup.shadowBytesDiscarded > 0);
        m_outcomes["shadow-all"] = o;
    }

    void naiveLosesOrDuplicatesRows() {
        RunOutcome o = backupAndJudge(BackupStrategy::kNaive, true);
        QCOMPARE(o.forcedChanges, 2);
        QVERIFY2(o.verdict.lost + o.verdict.duplicated > 0, "naive should lose or duplicate rows");
        QVERIFY(!o.check.isOk() || o.verdict.lost > 0);  // duplicates show as rows outside their range
        m_outcomes["naive"] = o;
    }

    // The Metadata Manager: predictions, copies by role, kept and discarded shadows, the rate log.
    void metadataRowsAreStored() {
        QVERIFY(m_outcomes.count("predictive") && m_outcomes.count("shadow-all"));
        auto repo = repo::Repository::open(Env::posix(), m_repo, repo::Repository::Access::kRead);
        PRESCIENT_VERIFY_OK(repo.status());
        repo::Catalog& cat = repo.value()->catalog();
        auto backups = cat.listPartitionBackups();
        PRESCIENT_VERIFY_OK(backups.status());
        QVERIFY(backups->size() >= 4);
        for (const auto& b : backups.value()) {
            QCOMPARE(b.status, std::string("complete"));
            QVERIFY(b.finishedUs >= b.startedUs && !b.endMap.empty());
            QVERIFY(b.figuresJson.find("\"duration_s\"") != std::string::npos);
        }
        const int64_t pid = m_outcomes["predictive"].backup.backupId;
        auto preds = cat.listPartitionPredictions(pid);
        PRESCIENT_VERIFY_OK(preds.status());
        QCOMPARE(preds->size(), size_t(m_outcomes["predictive"].backup.predictionsMade));
        QVERIFY2(!preds->empty(), "the predictor should have forecast changes of a churning set");
        for (const auto& p : preds.value()) {
            QVERIFY(p.probability >= 0.5 && p.probability <= 1);
            QVERIFY(p.kind == "split" || p.kind == "merge" || p.kind == "create");
            QCOMPARE(p.materialized, p.eventId != 0);
        }
        auto rates = cat.listPartitionRateLog(pid);
        PRESCIENT_VERIFY_OK(rates.status());
        QVERIFY(!rates->empty());
        for (const auto& r : rates.value()) QVERIFY(!r.reason.empty() && r.rateMbps > 0);

        auto copies = cat.listPartitionCopies(m_outcomes["shadow-all"].backup.backupId);
        PRESCIENT_VERIFY_OK(copies.status());
        std::map<std::string, int> roles;
        int keptShadows = 0, discardedShadows = 0, kept = 0;
        for (const auto& c : copies.value()) {
            ++roles[c.role];
            kept += c.kept;
            if (c.role == "shadow") {
                (c.kept ? keptShadows : discardedShadows)++;
                QCOMPARE(c.kept, !c.snapshotId.empty());  // a discarded shadow never reached the repository
            } else {
                QVERIFY(!c.snapshotId.empty());
            }
        }
        QVERIFY(roles["primary"] > 0 && roles["shadow"] > 0);
        QVERIFY(discardedShadows > 0);
        QCOMPARE(size_t(kept), m_outcomes["shadow-all"].backup.endPartitions);
        QCOMPARE(uint64_t(keptShadows), m_outcomes["shadow-all"].backup.shadowsKept);
        // Staging space returned.
        QVERIFY(!QDir(QString::fromStdString(m_repo + "/staging")).exists() ||
                QDir(QString::fromStdString(m_repo + "/staging")).isEmpty());
    }

    // A crash after two primary copies: the set and the repository stay valid; the next backup removes the
    // dead one's staging folder and marks it failed. Then a cancelled backup cleans up after itself.
    void crashAndCancelMidBackup() {
        int copies = 0;
        PartitionBackupOptions o;
        o.strategy = BackupStrategy::kShadowAll;  // shadows in staging for sure
        o.rateMbps = 0.3;
        o.policy = harnessPolicy();
        o.crashAt = [&](const char* step) { return std::string(step) == "primary" && ++copies == 2; };
        int64_t crashedId = 0;
        {
            auto repo = repo::Repository::open(Env::posix(), m_repo, repo::Repository::Access::kWrite);
            PRESCIENT_VERIFY_OK(repo.status());
            auto r = backupPartitionSet(*repo.value(), *m_set, o);
            QCOMPARE(r.status().code(), Status::Code::kIoError);
            auto all = repo.value()->catalog().listPartitionBackups();
            PRESCIENT_VERIFY_OK(all.status());
            crashedId = all->back().id;
            QCOMPARE(all->back().status, std::string("running"));
        }
        const QString staging = QString::fromStdString(m_repo + "/staging/" + std::to_string(crashedId));
        QVERIFY(QDir(staging).exists());
        // The churn stops; the set, reopened, is whole.
        PRESCIENT_VERIFY_OK(m_churn->stop());
        m_set.reset();
        auto reopened = PartitionSet::open(m_setDir);
        PRESCIENT_VERIFY_OK(reopened.status());
        PRESCIENT_VERIFY_OK(reopened.value()->check());
        m_set = std::move(reopened.value());
        {
            auto repo = repo::Repository::open(Env::posix(), m_repo, repo::Repository::Access::kRead);
            PRESCIENT_VERIFY_OK(repo.status());
            auto v = repo::verifyRepository(*repo.value(), true);
            PRESCIENT_VERIFY_OK(v.status());
            QVERIFY(v->ok());
        }
        // Cancelled from its own hook after the first primary copy.
        CancelToken cancel;
        PartitionBackupOptions c;
        c.strategy = BackupStrategy::kPredictive;
        c.policy = harnessPolicy();
        c.job.cancel = &cancel;
        c.afterPrimaryCopy = [&](int64_t, int) { cancel.cancel(); };
        auto repo = repo::Repository::open(Env::posix(), m_repo, repo::Repository::Access::kWrite);
        PRESCIENT_VERIFY_OK(repo.status());
        auto r = backupPartitionSet(*repo.value(), *m_set, c);
        QCOMPARE(r.status().code(), Status::Code::kCancelled);
        QVERIFY(!QDir(staging).exists());  // the next backup cleaned the dead one's staging folder
        auto all = repo.value()->catalog().listPartitionBackups();
        PRESCIENT_VERIFY_OK(all.status());
        std::map<int64_t, std::string> status;
        for (const auto& b : all.value()) status[b.id] = b.status;
        QCOMPARE(status[crashedId], std::string("failed"));
        QCOMPARE(all->back().status, std::string("cancelled"));
        QVERIFY(!QDir(QString::fromStdString(m_repo + "/staging/" + std::to_string(all->back().id))).exists());
        // And a quiet backup of the stopped set restores exactly its rows.
        PartitionBackupOptions q;
        q.policy = harnessPolicy();
        auto ok = backupPartitionSet(*repo.value(), *m_set, q);
        PRESCIENT_VERIFY_OK(ok.status());
        QCOMPARE(ok->changes, uint64_t(0));
        auto restored = restorePartitionBackup(*repo.value(), ok->backupId, path("restore-quiet"));
        PRESCIENT_VERIFY_OK(restored.status());
        PRESCIENT_VERIFY_OK(restored->check);
        auto n = m_set->count();
        PRESCIENT_VERIFY_OK(n.status());
        QCOMPARE(restored->rows, n.value());
    }

    void catalogRoundTrip() {
        auto repo = repo::Repository::open(Env::posix(), m_repo, repo::Repository::Access::kWrite);
        PRESCIENT_VERIFY_OK(repo.status());
        repo::Catalog& cat = repo.value()->catalog();
        QCOMPARE(cat.schemaVersion(), repo::kCatalogSchemaVersion);
        repo::PartitionBackupRecord b;
        b.setDir = "/x";
        b.strategy = "predictive";
        b.startedUs = 10;
        b.startEpoch = 3;
        b.status = "bogus";
        QCOMPARE(cat.addPartitionBackup(b).status().code(), Status::Code::kInvalidArgument);
        b.status = "running";
        auto id = cat.addPartitionBackup(b);
        PRESCIENT_VERIFY_OK(id.status());
        repo::PartitionPredictionRecord p{0, id.value(), 11, 4, 5, "merge", 0.75, 20, 0, false, 0};
        auto pid = cat.addPartitionPrediction(p);
        PRESCIENT_VERIFY_OK(pid.status());
        p.id = pid.value();
        p.materialized = true;
        p.eventId = 99;
        PRESCIENT_VERIFY_OK(cat.updatePartitionPrediction(p));
        repo::PartitionCopyRecord c;
        c.backupId = id.value();
        c.partition = 4;
        c.role = "shadow";
        c.takenUs = 12;
        c.epoch = 3;
        c.lo = kMinKey;
        c.hi = kMaxKey;
        c.predictionId = pid.value();
        c.bytes = 4096;
        auto cid = cat.addPartitionCopy(c);
        PRESCIENT_VERIFY_OK(cid.status());
        PRESCIENT_VERIFY_OK(cat.addPartitionRateLog({id.value(), 13, 1.0, 1.5, "speed up"}));
        auto preds = cat.listPartitionPredictions(id.value());
        PRESCIENT_VERIFY_OK(preds.status());
        QCOMPARE(preds->size(), size_t(1));
        QCOMPARE(preds->front().other, int64_t(5));
        QCOMPARE(preds->front().eventId, int64_t(99));
        QVERIFY(preds->front().materialized);
        auto copies = cat.listPartitionCopies(id.value());
        PRESCIENT_VERIFY_OK(copies.status());
        QCOMPARE(copies->size(), size_t(1));
        QCOMPARE(copies->front().hi, kMaxKey);
        QCOMPARE(copies->front().lo, kMinKey);
        QVERIFY(copies->front().snapshotId.empty() && !copies->front().kept);
        auto rates = cat.listPartitionRateLog(id.value());
        PRESCIENT_VERIFY_OK(rates.status());
        QCOMPARE(rates->size(), size_t(1));
        QCOMPARE(rates->front().reason, std::string("speed up"));
        b.id = id.value();
        b.status = "failed";
        PRESCIENT_VERIFY_OK(cat.updatePartitionBackup(b));
        b.id = 987654;
        QCOMPARE(cat.updatePartitionBackup(b).code(), Status::Code::kNotFound);
        // A restore of a backup that did not complete is refused by name.
        auto r = restorePartitionBackup(*repo.value(), id.value(), path("restore-refused"));
        QCOMPARE(r.status().code(), Status::Code::kInvalidArgument);
    }

    // The CLI, with the churn in another process: forecast, backup, restore, check.
    void cliAcrossProcesses() {
        m_set.reset();  // the churn process takes the set's lock
        const QString set = QString::fromStdString(m_setDir);
        const QString repo = QString::fromStdString(m_repo);
        QProcess churn;
        churn.start(QStringLiteral(PRESCIENT_CLI_PATH),
                    {"partitions", "churn", "--set", set, "--duration", "20", "--seed", "3", "--rate", "1500"});
        QVERIFY(churn.waitForStarted());
        QTest::qWait(2500);
        CliRun f = runCli({"partitions", "forecast", "--set", set, "--horizon", "3", "--json"});
        QVERIFY2(f.code == 0, qPrintable(f.err));
        QJsonObject fj = QJsonDocument::fromJson(f.out.toUtf8()).object();
        QVERIFY(fj["partitions"].toArray().size() > 0);
        CliRun b = runCli({"partitions", "backup", "--repo", repo, "--set", set, "--rate", "0.2", "--json"});
        QVERIFY2(b.code == 0, qPrintable(b.err + b.out));
        QJsonObject bj = QJsonDocument::fromJson(b.out.toUtf8()).object();
        const int id = bj["backup"].toInt();
        QVERIFY(id > 0);
        QVERIFY(bj["figures"].toObject().contains("blocked_s"));
        std::printf("CLI backup: %s", qPrintable(b.out));
        const QString target = m_tmp.filePath("restore-cli");
        CliRun r = runCli({"partitions", "restore", "--repo", repo, QString::number(id), target});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        CliRun c = runCli({"partitions", "check", "--set", target});
        QVERIFY2(c.code == 0, qPrintable(c.err + c.out));
        // Bad inputs: a naive backup's restore reports its violation (exit 3) or loses rows silently; an
        // unknown strategy is a usage error; an unknown backup is not found.
        CliRun u = runCli({"partitions", "backup", "--repo", repo, "--set", set, "--strategy", "sloppy"});
        QCOMPARE(u.code, 2);
        CliRun n = runCli({"partitions", "restore", "--repo", repo, "4242", m_tmp.filePath("restore-none")});
        QCOMPARE(n.code, 4);
        churn.kill();
        churn.waitForFinished();
    }

    void cleanupTestCase() {
        if (m_churn) (void)m_churn->stop();
    }
};

QTEST_APPLESS_MAIN(TestPartitionBackup)
#include "tst_partitionbackup.moc"
