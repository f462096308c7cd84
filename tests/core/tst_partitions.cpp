// Partition sets (core/partition): routing and scans across partitions, explicit splits/merges/creations
// keep every row (count and content hash), maintain() under churn splits, merges and creates without losing
// a row, a crash at each step of a map change recovers to a valid set with the same content, bad inputs
// (overlapping map, missing file, other schema, second writer, stray rows) are refused by name, and the
// `prescient partitions` CLI.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "partition/churn.h"
#include "partition/partitionset.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::partition;
using namespace prescient::test;

namespace {

using Row = PartitionSet::Row;
using Value = PartitionSet::Value;

Row reading(int64_t ts, int64_t sensor, double value, const std::string& note = "") {
    return {{"ts", Value::integer(ts)},
            {"sensor", Value::integer(sensor)},
            {"value", Value::real(value)},
            {"note", note.empty() ? Value::null() : Value::text(note)}};
}

// Every row in key order: how many, a hash of keys and values, and whether the order held.
struct Content {
    uint64_t rows = 0;
    QByteArray hash;
    bool ordered = true;
};

Content content(const PartitionSet& set) {
    Content c;
    QCryptographicHash h(QCryptographicHash::Sha256);
    int64_t prev = kMinKey;
    Status s = set.scan(kMinKey, kMaxKey, [&](int64_t key, const Row& row) {
        if (c.rows > 0 && key <= prev) c.ordered = false;
        prev = key;
        ++c.rows;
        h.addData(QByteArray::number(static_cast<qlonglong>(key)) + ":");
        for (const auto& [name, v] : row) {
            h.addData(QByteArray::fromStdString(name) + "=" + QByteArray::number(static_cast<int>(v.type)) + "/");
            if (v.type == Value::kInt) h.addData(QByteArray::number(static_cast<qlonglong>(v.i)));
            if (v.type == Value::kReal) h.addData(QByteArray::number(v.r, 'g', 17));
            if (v.type == Value::kText || v.type == Value::kBlob) h.addData(QByteArray::fromStdString(v.s));
            h.addData(";");
        }
    });
    if (!s.isOk())
        c.hash = QByteArray("scan failed: ") + s.toString().c_str();
    else
        c.hash = h.result().toHex();
    return c;
}

std::unique_ptr<PartitionSet> makeSet(const std::string& dir, std::vector<int64_t> boundaries) {
    SetOptions o = demoSetOptions();
    o.boundaries = std::move(boundaries);
    auto r = PartitionSet::create(dir, o);
    if (!r.isOk()) qWarning("create %s: %s", dir.c_str(), r.status().toString().c_str());
    return r.isOk() ? std::move(r.value()) : nullptr;
}

Status fill(PartitionSet& set, int64_t from, int64_t to) {
    for (int64_t k = from; k < to; ++k)
        PRESCIENT_RETURN_IF_ERROR(set.insert(reading(k, k % 7, static_cast<double>(k) / 3, k % 5 ? "" : "n")));
    return Status::ok();
}

Status execOn(const std::string& path, const std::string& sql) {
    auto db = SqliteDb::open(path, SQLITE_OPEN_READWRITE);
    if (!db.isOk()) return db.status();
    return db->exec(sql);
}

std::vector<std::string> partFilesIn(const std::string& dir) {
    std::vector<std::string> out;
    QRegularExpression partFile("^p[0-9]+\\.db$");
    for (const QString& n : QDir(QString::fromStdString(dir)).entryList(QDir::Files))
        if (partFile.match(n).hasMatch()) out.push_back(str(n));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> mapFiles(const PartitionMap& m) {
    std::vector<std::string> out;
    for (const auto& p : m.partitions) out.push_back(str(QFileInfo(QString::fromStdString(p.file)).fileName()));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

class TestPartitions : public QObject {
    Q_OBJECT
private slots:
    void routingAndScan();
    void splitMergeCreate();
    void freezeBlocksChangesNotWrites();
    void maintainUnderChurn();
    void crashMidChange_data();
    void crashMidChange();
    void badMap();
    void badFiles();
    void strayRowsAndOrphans();
    void badArguments();
    void cli();

private:
    std::string path(const char* name) { return str(m_tmp.filePath(name)); }
    QTemporaryDir m_tmp;
};

void TestPartitions::routingAndScan() {
    auto set = makeSet(path("routing"), {100, 200, 300});
    QVERIFY(set);
    // Out of order, across every boundary, with negative keys and more than a scan chunk in one partition.
    std::vector<int64_t> keys;
    for (int64_t k = -50; k < 1300; ++k) keys.push_back(k);
    std::shuffle(keys.begin(), keys.end(), std::mt19937(5));
    for (int64_t k : keys) PRESCIENT_VERIFY_OK(set->insert(reading(k, k % 3, k * 0.5)));
    PartitionMap m = set->map();
    QCOMPARE(m.partitions.size(), size_t(4));
    QCOMPARE(m.partitions[0].rows, uint64_t(150));
    QCOMPARE(m.partitions[1].rows, uint64_t(100));
    QCOMPARE(m.partitions[3].rows, uint64_t(1000));
    QVERIFY(m.partitions[3].bytes > 0);
    auto n = set->count();
    PRESCIENT_VERIFY_OK(n.status());
    QCOMPARE(n.value(), uint64_t(1350));
    Content all = content(*set);
    QCOMPARE(all.rows, uint64_t(1350));
    QVERIFY(all.ordered);
    std::vector<int64_t> seen;
    PRESCIENT_VERIFY_OK(set->scan(150, 250, [&](int64_t k, const Row& row) {
        seen.push_back(k);
        QCOMPARE(row.size(), size_t(4));
        QCOMPARE(row[0].second.i, k);
    }));
    QCOMPARE(seen.size(), size_t(100));
    QCOMPARE(seen.front(), int64_t(150));
    QCOMPARE(seen.back(), int64_t(249));
    auto top = set->highestKey();
    PRESCIENT_VERIFY_OK(top.status());
    QCOMPARE(top.value(), int64_t(1299));

    // Duplicate key, bad rows.
    Status dup = set->insert(reading(150, 1, 1));
    QCOMPARE(dup.code(), Status::Code::kInvalidArgument);
    QVERIFY2(dup.detail().find("150 exists") != std::string::npos, dup.detail().c_str());
    QCOMPARE(set->insert({{"sensor", Value::integer(1)}}).code(), Status::Code::kInvalidArgument);
    QCOMPARE(set->insert({{"ts", Value::text("x")}}).code(), Status::Code::kInvalidArgument);
    QCOMPARE(set->insert({{"ts", Value::integer(5000)}, {"nope", Value::integer(1)}}).code(),
             Status::Code::kInvalidArgument);

    // update / remove / removeBelow.
    PRESCIENT_VERIFY_OK(set->update(150, {{"note", Value::text("fixed")}, {"value", Value::real(9.5)}}));
    PRESCIENT_VERIFY_OK(set->scan(150, 151, [&](int64_t, const Row& row) {
        QCOMPARE(row[3].second.s, std::string("fixed"));
        QCOMPARE(row[2].second.r, 9.5);
    }));
    QCOMPARE(set->update(99999, {{"note", Value::text("x")}}).code(), Status::Code::kNotFound);
    QCOMPARE(set->update(150, {{"ts", Value::integer(151)}}).code(), Status::Code::kInvalidArgument);
    PRESCIENT_VERIFY_OK(set->remove(150));
    QCOMPARE(set->remove(150).code(), Status::Code::kNotFound);
    auto below = set->removeBelow(120);
    PRESCIENT_VERIFY_OK(below.status());
    QCOMPARE(below.value(), uint64_t(170));  // -50..119
    n = set->count();
    QCOMPARE(n.value(), uint64_t(1350 - 1 - 170));
    QCOMPARE(set->map().partitions[0].rows, uint64_t(0));
    PRESCIENT_VERIFY_OK(set->check());

    // Write statistics count every write.
    auto stats = set->stats();
    PRESCIENT_VERIFY_OK(stats.status());
    uint64_t ins = 0, upd = 0, del = 0;
    for (const auto& w : stats.value()) {
        ins += w.inserts;
        upd += w.updates;
        del += w.deletes;
    }
    QCOMPARE(ins, uint64_t(1350));
    QCOMPARE(upd, uint64_t(1));
    QCOMPARE(del, uint64_t(171));

    // Reopen: same content, statistics flushed.
    Content before = content(*set);
    set.reset();
    auto again = PartitionSet::open(path("routing"));
    PRESCIENT_VERIFY_OK(again.status());
    QCOMPARE(content(*again.value()).hash, before.hash);
    stats = again.value()->stats();
    ins = 0;
    for (const auto& w : stats.value()) ins += w.inserts;
    QCOMPARE(ins, uint64_t(1350));
}

void TestPartitions::splitMergeCreate() {
    std::string dir = path("explicit");
    auto set = makeSet(dir, {});
    QVERIFY(set);
    PRESCIENT_VERIFY_OK(fill(*set, 0, 1000));
    std::vector<PartitionEvent> observed;
    set->setChangeObserver([&](const PartitionEvent& e) {
        observed.push_back(e);
        QCOMPARE(set->map().epoch, e.epochAfter);  // committed and visible when the observer runs
    });
    Content c0 = content(*set);
    uint64_t e0 = set->map().epoch;

    auto split = set->split(1, 500);
    PRESCIENT_VERIFY_OK(split.status());
    QCOMPARE(split->kind, EventKind::kSplit);
    QCOMPARE(split->partition, int64_t(1));
    QCOMPARE(split->other, int64_t(2));
    QCOMPARE(split->key, int64_t(500));
    QCOMPARE(split->epochAfter, e0 + 1);
    PartitionMap m = set->map();
    QCOMPARE(m.epoch, e0 + 1);
    QCOMPARE(m.partitions.size(), size_t(2));
    QCOMPARE(m.partitions[0].hi, int64_t(500));
    QCOMPARE(m.partitions[1].lo, int64_t(500));
    QCOMPARE(m.partitions[0].rows, uint64_t(500));
    QCOMPARE(m.partitions[1].rows, uint64_t(500));
    QCOMPARE(content(*set).hash, c0.hash);
    PRESCIENT_VERIFY_OK(set->check());
    QCOMPARE(set->split(2, 500).status().code(), Status::Code::kInvalidArgument);  // not strictly inside
    QCOMPARE(set->split(1, 700).status().code(), Status::Code::kInvalidArgument);
    QCOMPARE(set->split(42, 7).status().code(), Status::Code::kNotFound);

    auto split2 = set->split(2, 750);
    PRESCIENT_VERIFY_OK(split2.status());
    QCOMPARE(set->merge(1, 3).status().code(), Status::Code::kInvalidArgument);  // not adjacent
    auto merge = set->merge(2, 3);
    PRESCIENT_VERIFY_OK(merge.status());
    QCOMPARE(merge->kind, EventKind::kMerge);
    QCOMPARE(merge->partition, int64_t(2));
    QCOMPARE(merge->other, int64_t(3));
    QCOMPARE(merge->key, int64_t(750));
    QCOMPARE(merge->epochAfter, e0 + 3);
    QVERIFY(!QFile::exists(QString::fromStdString(dir + "/p3.db")));
    merge = set->merge(1, 2);
    PRESCIENT_VERIFY_OK(merge.status());
    m = set->map();
    QCOMPARE(m.partitions.size(), size_t(1));
    QCOMPARE(m.partitions[0].rows, uint64_t(1000));
    QCOMPARE(content(*set).hash, c0.hash);
    PRESCIENT_VERIFY_OK(set->check());

    // Creation ahead: no row moves; the first cut is just above the data, the next one a span further.
    auto created = set->createAbove(100);
    PRESCIENT_VERIFY_OK(created.status());
    QCOMPARE(created->kind, EventKind::kCreate);
    QCOMPARE(created->key, int64_t(1000));
    created = set->createAbove(100);
    PRESCIENT_VERIFY_OK(created.status());
    QCOMPARE(created->key, int64_t(1100));
    m = set->map();
    QCOMPARE(m.partitions.size(), size_t(3));
    QCOMPARE(m.partitions[1].lo, int64_t(1000));
    QCOMPARE(m.partitions[1].hi, int64_t(1100));
    QCOMPARE(m.partitions[2].hi, kMaxKey);
    QCOMPARE(m.epoch, e0 + 6);
    QCOMPARE(content(*set).hash, c0.hash);
    QCOMPARE(set->createAbove(0).status().code(), Status::Code::kInvalidArgument);

    auto events = set->events();
    PRESCIENT_VERIFY_OK(events.status());
    QCOMPARE(events->size(), size_t(6));
    QCOMPARE(observed.size(), size_t(6));
    const char* kinds[] = {"split", "split", "merge", "merge", "create", "create"};
    for (size_t i = 0; i < 6; ++i) {
        QCOMPARE(eventName(events.value()[i].kind), kinds[i]);
        QCOMPARE(events.value()[i].epochAfter, e0 + i + 1);
        QCOMPARE(observed[i].id, events.value()[i].id);
    }

    set.reset();
    auto again = PartitionSet::open(dir);
    PRESCIENT_VERIFY_OK(again.status());
    QCOMPARE(again.value()->map().epoch, e0 + 6);
    QCOMPARE(again.value()->map().partitions.size(), size_t(3));
    QCOMPARE(content(*again.value()).hash, c0.hash);
    QVERIFY(again.value()->notices().empty());
}

void TestPartitions::freezeBlocksChangesNotWrites() {
    auto set = makeSet(path("freeze"), {});
    QVERIFY(set);
    PRESCIENT_VERIFY_OK(fill(*set, 0, 200));
    uint64_t e0 = set->map().epoch;
    auto freeze = set->freezeMap();
    std::atomic<bool> done{false};
    Status splitStatus;
    std::thread t([&] {
        splitStatus = set->split(1, 100).status();
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    QVERIFY(!done);
    QCOMPARE(set->map().epoch, e0);
    PRESCIENT_VERIFY_OK(set->insert(reading(5000, 1, 1)));  // writes go on during the freeze
    PRESCIENT_VERIFY_OK(set->remove(5000));
    freeze.reset();
    t.join();
    PRESCIENT_VERIFY_OK(splitStatus);
    QCOMPARE(set->map().epoch, e0 + 1);
}

void TestPartitions::maintainUnderChurn() {
    auto set = makeSet(path("churn"), {});
    QVERIFY(set);
    ChurnOptions o;
    o.seconds = 3;
    o.seed = 7;
    o.writers = 2;
    auto r = runChurn(*set, o);
    PRESCIENT_VERIFY_OK(r.status());
    const ChurnStats& c = r.value();
    qInfo("churn: %llu inserted, %llu updated, %llu deleted; %llu splits, %llu merges, %llu creations",
          static_cast<unsigned long long>(c.inserted), static_cast<unsigned long long>(c.updated),
          static_cast<unsigned long long>(c.deleted), static_cast<unsigned long long>(c.splits),
          static_cast<unsigned long long>(c.merges), static_cast<unsigned long long>(c.creations));
    QVERIFY(c.inserted > 1000);
    QVERIFY(c.deleted > 0);
    QVERIFY(c.splits >= 1);
    QVERIFY(c.merges >= 1);
    QVERIFY(c.creations >= 1);
    QVERIFY(c.lastKeyUs - c.firstKeyUs > o.retentionUs);  // the keys drifted past the retention window
    PRESCIENT_VERIFY_OK(set->check());
    auto n = set->count();
    PRESCIENT_VERIFY_OK(n.status());
    QCOMPARE(n.value(), c.inserted - c.deleted);
    auto events = set->events();
    QCOMPARE(events->size(), size_t(c.splits + c.merges + c.creations));
    auto stats = set->stats();
    uint64_t ins = 0, del = 0;
    for (const auto& w : stats.value()) {
        ins += w.inserts;
        del += w.deletes;
    }
    QCOMPARE(ins, c.inserted);
    QCOMPARE(del, c.deleted);
    Content before = content(*set);
    QVERIFY(before.ordered);
    set.reset();
    auto again = PartitionSet::open(path("churn"));
    PRESCIENT_VERIFY_OK(again.status());
    PRESCIENT_VERIFY_OK(again.value()->check());
    QCOMPARE(content(*again.value()).hash, before.hash);
}

void TestPartitions::crashMidChange_data() {
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("partitionsAfter");  // after recovery
    QTest::newRow("split created") << "split"
                                   << "created" << 2;
    QTest::newRow("split copied") << "split"
                                  << "copied" << 2;
    QTest::newRow("split committed") << "split"
                                     << "committed" << 3;
    QTest::newRow("merge copied") << "merge"
                                  << "copied" << 2;
    QTest::newRow("merge committed") << "merge"
                                     << "committed" << 1;
    QTest::newRow("create created") << "create"
                                    << "created" << 2;
    QTest::newRow("create committed") << "create"
                                      << "committed" << 3;
}

void TestPartitions::crashMidChange() {
    QFETCH(QString, op);
    QFETCH(QString, step);
    QFETCH(int, partitionsAfter);
    std::string dir = path(("crash-" + op + "-" + step).toUtf8().constData());
    auto set = makeSet(dir, {1000});
    QVERIFY(set);
    PRESCIENT_VERIFY_OK(fill(*set, 0, 2000));
    Content c0 = content(*set);
    uint64_t e0 = set->map().epoch;
    std::string crashAt = str(step);
    set->setCrashPointForTest([&](const char* s) { return crashAt == s; });
    Status s;
    if (op == "split") s = set->split(2, 1500).status();
    if (op == "merge") s = set->merge(1, 2).status();
    if (op == "create") s = set->createAbove(500).status();
    QCOMPARE(s.code(), Status::Code::kIoError);
    QVERIFY2(s.detail().find("crash hook") != std::string::npos, s.detail().c_str());
    QCOMPARE(set->insert(reading(99999, 1, 1)).code(), Status::Code::kIoError);  // the "process" is dead
    set.reset();

    auto again = PartitionSet::open(dir);
    PRESCIENT_VERIFY_OK(again.status());
    PartitionSet& r = *again.value();
    for (const auto& n : r.notices()) qInfo("recovery: %s", n.c_str());
    if (!(op == "create" && step == "committed")) QVERIFY(!r.notices().empty());
    PRESCIENT_VERIFY_OK(r.check());
    PartitionMap m = r.map();
    QCOMPARE(m.epoch, step == "committed" ? e0 + 1 : e0);
    QCOMPARE(m.partitions.size(), size_t(partitionsAfter));
    QCOMPARE(partFilesIn(dir), mapFiles(m));  // no orphan left
    Content c1 = content(r);
    QCOMPARE(c1.rows, c0.rows);
    QCOMPARE(c1.hash, c0.hash);
    // Usable again: the same change now goes through.
    PRESCIENT_VERIFY_OK(r.insert(reading(99999, 1, 1)));
    if (op == "split" && step != "committed") PRESCIENT_VERIFY_OK(r.split(2, 1500).status());
    if (op == "merge" && step != "committed") PRESCIENT_VERIFY_OK(r.merge(1, 2).status());
    if (op == "create" && step != "committed") PRESCIENT_VERIFY_OK(r.createAbove(500).status());
    PRESCIENT_VERIFY_OK(r.check());
    QCOMPARE(r.count().value(), c0.rows + 1);
}

void TestPartitions::badMap() {
    std::string dir = path("badmap");
    {
        auto set = makeSet(dir, {100, 200});
        QVERIFY(set);
        PRESCIENT_VERIFY_OK(fill(*set, 0, 300));
    }
    std::string map = dir + "/partmap.db";
    // Overlap: partition 3 starts inside partition 2.
    PRESCIENT_VERIFY_OK(execOn(map, "UPDATE partitions SET lo = 150 WHERE id = 3"));
    auto r = PartitionSet::open(dir);
    QCOMPARE(r.status().code(), Status::Code::kCorruption);
    const std::string& d = r.status().detail();
    QVERIFY2(d.find("partition 2 [100, 200)") != std::string::npos &&
                 d.find("partition 3 [150, +inf)") != std::string::npos && d.find("overlap") != std::string::npos,
             d.c_str());
    QCOMPARE(PartitionSet::open(dir, PartitionSet::Access::kRead).status().code(), Status::Code::kCorruption);
    // Gap.
    PRESCIENT_VERIFY_OK(execOn(map, "UPDATE partitions SET lo = 250 WHERE id = 3"));
    r = PartitionSet::open(dir);
    QCOMPARE(r.status().code(), Status::Code::kCorruption);
    QVERIFY2(r.status().detail().find("[200, 250) belong to no partition") != std::string::npos,
             r.status().detail().c_str());
    // Not starting at the lowest key; not reaching +inf.
    PRESCIENT_VERIFY_OK(
        execOn(map, "UPDATE partitions SET lo = 200 WHERE id = 3; UPDATE partitions SET lo = 0 WHERE id = 1"));
    QCOMPARE(PartitionSet::open(dir).status().code(), Status::Code::kCorruption);
    PRESCIENT_VERIFY_OK(execOn(map,
                               "UPDATE partitions SET lo = -9223372036854775808 WHERE id = 1; "
                               "UPDATE partitions SET hi = 5000 WHERE id = 3"));
    QCOMPARE(PartitionSet::open(dir).status().code(), Status::Code::kCorruption);
    // Repaired by hand: opens, nothing lost.
    PRESCIENT_VERIFY_OK(execOn(map, "UPDATE partitions SET hi = NULL WHERE id = 3"));
    r = PartitionSet::open(dir);
    PRESCIENT_VERIFY_OK(r.status());
    PRESCIENT_VERIFY_OK(r.value()->check());
    QCOMPARE(r.value()->count().value(), uint64_t(300));
    // No partmap.db at all.
    QCOMPARE(PartitionSet::open(path("nothing-here")).status().code(), Status::Code::kNotFound);
}

void TestPartitions::badFiles() {
    std::string dir = path("badfiles");
    {
        auto set = makeSet(dir, {100, 200});
        QVERIFY(set);
        PRESCIENT_VERIFY_OK(fill(*set, 0, 300));
        // A second writer is refused, naming the holder; a reader is not.
        auto second = PartitionSet::open(dir);
        QCOMPARE(second.status().code(), Status::Code::kBusy);
        QVERIFY2(second.status().detail().find("pid") != std::string::npos, second.status().detail().c_str());
        auto reader = PartitionSet::open(dir, PartitionSet::Access::kRead);
        PRESCIENT_VERIFY_OK(reader.status());
        QCOMPARE(reader.value()->count().value(), uint64_t(300));
        QCOMPARE(reader.value()->insert(reading(1, 1, 1)).code(), Status::Code::kInvalidArgument);
        PRESCIENT_VERIFY_OK(reader.value()->check());
    }
    std::string p2 = dir + "/p2.db";
    QVERIFY(QFile::rename(QString::fromStdString(p2), QString::fromStdString(p2 + ".away")));
    auto r = PartitionSet::open(dir);
    QCOMPARE(r.status().code(), Status::Code::kCorruption);
    QVERIFY2(
        r.status().detail().find(p2) != std::string::npos && r.status().detail().find("missing") != std::string::npos,
        r.status().detail().c_str());
    QVERIFY(QFile::rename(QString::fromStdString(p2 + ".away"), QString::fromStdString(p2)));
    PRESCIENT_VERIFY_OK(PartitionSet::open(dir).status());
    // A partition of another schema.
    std::string p3 = dir + "/p3.db";
    for (const char* suffix : {"", "-wal", "-shm"}) QFile::remove(QString::fromStdString(p3 + suffix));
    {
        auto db = SqliteDb::open(p3, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        PRESCIENT_VERIFY_OK(db.status());
        PRESCIENT_VERIFY_OK(
            db->exec("CREATE TABLE readings(ts INTEGER PRIMARY KEY, sensor TEXT, value REAL, note TEXT)"));
    }
    r = PartitionSet::open(dir);
    QCOMPARE(r.status().code(), Status::Code::kCorruption);
    QVERIFY2(r.status().detail().find(p3) != std::string::npos &&
                 r.status().detail().find("schema differs") != std::string::npos,
             r.status().detail().c_str());
}

void TestPartitions::strayRowsAndOrphans() {
    std::string dir = path("stray");
    {
        auto set = makeSet(dir, {100, 200});
        QVERIFY(set);
        PRESCIENT_VERIFY_OK(fill(*set, 0, 300));
    }
    // A row outside its range whose owner holds the same key (a split's leftover): deleted by recovery.
    PRESCIENT_VERIFY_OK(execOn(dir + "/p1.db", "INSERT INTO readings VALUES(150, 1, 1.0, 'leftover')"));
    auto r = PartitionSet::open(dir);
    PRESCIENT_VERIFY_OK(r.status());
    QCOMPARE(r.value()->notices().size(), size_t(1));
    QVERIFY(r.value()->notices()[0].find("deleted 1 rows outside its range") != std::string::npos);
    PRESCIENT_VERIFY_OK(r.value()->check());
    QCOMPARE(r.value()->count().value(), uint64_t(300));
    r = Status::notFound("closed");
    // One its owner lacks: never dropped silently.
    PRESCIENT_VERIFY_OK(execOn(dir + "/p2.db", "DELETE FROM readings WHERE ts = 150"));
    PRESCIENT_VERIFY_OK(execOn(dir + "/p1.db", "INSERT INTO readings VALUES(150, 1, 1.0, 'only copy')"));
    r = PartitionSet::open(dir);
    QCOMPARE(r.status().code(), Status::Code::kCorruption);
    QVERIFY2(r.status().detail().find("key 150") != std::string::npos &&
                 r.status().detail().find("not removed") != std::string::npos,
             r.status().detail().c_str());
    QCOMPARE(PartitionSet::open(dir, PartitionSet::Access::kRead).value()->check().code(),
             Status::Code::kCorruption);  // check() names it too
    PRESCIENT_VERIFY_OK(execOn(dir + "/p1.db", "DELETE FROM readings WHERE ts = 150"));
    PRESCIENT_VERIFY_OK(execOn(dir + "/p2.db", "INSERT INTO readings VALUES(150, 1, 1.0, 'home')"));
    // An orphan file holding a key nobody else has: not removed.
    {
        auto db = SqliteDb::open(dir + "/p9.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        PRESCIENT_VERIFY_OK(db.status());
        PRESCIENT_VERIFY_OK(db->exec(churnSchema() + "; INSERT INTO readings VALUES(777777, 1, 1.0, NULL)"));
    }
    r = PartitionSet::open(dir);
    QCOMPARE(r.status().code(), Status::Code::kCorruption);
    QVERIFY2(r.status().detail().find("p9.db") != std::string::npos, r.status().detail().c_str());
    QVERIFY(QFile::exists(QString::fromStdString(dir + "/p9.db")));
    // Once the set holds that key, the orphan is redundant and goes.
    PRESCIENT_VERIFY_OK(execOn(dir + "/p3.db", "INSERT INTO readings VALUES(777777, 1, 1.0, NULL)"));
    r = PartitionSet::open(dir);
    PRESCIENT_VERIFY_OK(r.status());
    QVERIFY(!QFile::exists(QString::fromStdString(dir + "/p9.db")));
    PRESCIENT_VERIFY_OK(r.value()->check());
    QCOMPARE(r.value()->count().value(), uint64_t(301));
}

void TestPartitions::badArguments() {
    SetOptions o = demoSetOptions();
    o.boundaries = {5, 5};
    QCOMPARE(PartitionSet::create(path("args1"), o).status().code(), Status::Code::kInvalidArgument);
    o = demoSetOptions();
    o.keyColumn = "note";
    QCOMPARE(PartitionSet::create(path("args2"), o).status().code(), Status::Code::kInvalidArgument);
    o.keyColumn = "missing";
    QCOMPARE(PartitionSet::create(path("args3"), o).status().code(), Status::Code::kInvalidArgument);
    o = demoSetOptions();
    o.schema = "CREATE TABLE a(x INTEGER); CREATE TABLE b(y INTEGER)";
    o.keyColumn = "x";
    QCOMPARE(PartitionSet::create(path("args4"), o).status().code(), Status::Code::kInvalidArgument);
    o.schema = "this is not sql";
    QCOMPARE(PartitionSet::create(path("args5"), o).status().code(), Status::Code::kInvalidArgument);
    // Not empty.
    QVERIFY(QDir().mkpath(m_tmp.filePath("args6")));
    QFile f(m_tmp.filePath("args6/x"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QCOMPARE(PartitionSet::create(path("args6"), demoSetOptions()).status().code(), Status::Code::kInvalidArgument);
    // A key that is not the primary key gets a unique index: duplicates are still refused.
    o = SetOptions();
    o.schema = "CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, v TEXT)";
    o.keyColumn = "k";
    o.boundaries = {0};
    auto set = PartitionSet::create(path("args7"), o);
    PRESCIENT_VERIFY_OK(set.status());
    PRESCIENT_VERIFY_OK(set.value()->insert({{"k", Value::integer(-3)}, {"v", Value::text("a")}}));
    QCOMPARE(set.value()->insert({{"k", Value::integer(-3)}}).code(), Status::Code::kInvalidArgument);
    PRESCIENT_VERIFY_OK(set.value()->insert({{"k", Value::integer(3)}}));
    PRESCIENT_VERIFY_OK(set.value()->check());
    // Churn refuses another schema.
    QCOMPARE(runChurn(*set.value(), ChurnOptions()).status().code(), Status::Code::kInvalidArgument);
}

void TestPartitions::cli() {
    QString dir = m_tmp.filePath("cli");
    auto run = [](const QStringList& a) {
        CliRun r = runCli(a);
        if (r.code != 0) qInfo("prescient %s -> %d\n%s", qPrintable(a.join(' ')), r.code, qPrintable(r.err));
        return r;
    };
    QCOMPARE(run({"partitions", "create", "--set", dir}).code, 0);
    CliRun churn = run({"partitions", "churn", "--set", dir, "--duration", "2", "--seed", "3", "--json"});
    QCOMPARE(churn.code, 0);
    QJsonObject c = QJsonDocument::fromJson(churn.out.toUtf8()).object();
    QVERIFY2(c["inserted"].toInteger() > 0, qPrintable(churn.out));
    QVERIFY(c["events"].toObject()["create"].toInteger() >= 1);
    CliRun status = run({"partitions", "status", "--set", dir, "--json"});
    QCOMPARE(status.code, 0);
    QJsonParseError err;
    QJsonObject s = QJsonDocument::fromJson(status.out.toUtf8(), &err).object();
    QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString() + "\n" + status.out));
    QJsonArray parts = s["partitions"].toArray();
    QVERIFY(parts.size() >= 2);
    QVERIFY(parts.first().toObject()["lo"].isNull());
    QVERIFY(parts.last().toObject()["hi"].isNull());
    QCOMPARE(s["rows"].toInteger(), c["rows"].toInteger());
    QCOMPARE(s["epoch"].toInteger(), c["epoch"].toInteger());
    QVERIFY(!s["events"].toArray().isEmpty());
    CliRun text = run({"partitions", "status", "--set", dir});
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.contains("WRITES/S"));
    CliRun check = run({"partitions", "check", "--set", dir});
    QCOMPARE(check.code, 0);
    QVERIFY(check.out.contains("partition set ok"));

    PRESCIENT_VERIFY_OK(execOn(str(dir) + "/partmap.db",
                               "UPDATE partitions SET lo = lo - 1 WHERE id = (SELECT id FROM partitions "
                               "ORDER BY lo DESC LIMIT 1)"));
    check = runCli({"partitions", "check", "--set", dir});
    QCOMPARE(check.code, 3);
    QVERIFY2(check.err.contains("overlap"), qPrintable(check.err));
    QCOMPARE(runCli({"partitions", "check"}).code, 2);
    QVERIFY(runCli({"help"}).out.contains("prescient partitions churn"));
    QCOMPARE(runCli({"partitions", "bogus", "--set", dir}).code, 2);
    QCOMPARE(runCli({"partitions", "status", "--set", m_tmp.filePath("none")}).code, 4);
}

QTEST_APPLESS_MAIN(TestPartitions)
#include "tst_partitions.moc"
