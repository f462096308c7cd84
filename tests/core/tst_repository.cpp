// Repository unit behaviour: init/open errors, pack and page-map formats, dedup and incremental cost,
// snapshot resolution, the writer lock (busy and stale takeover).
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>

#include "repo/pack.h"
#include "repo/pagemap.h"
#include "support/testdb.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;
using repo::Repository;

class TestRepository : public QObject {
    Q_OBJECT
private slots:
    void initAndOpenErrors();
    void packRoundTrip();
    void packIndexDetectsDamage();
    void pageMapFullAndDelta();
    void unchangedBackupAddsNothing();
    void incrementalCostFollowsChangedPages();
    void resolveSnapshots();
    void writerLockIsExclusive();
    void staleLockIsTakenOver();

private:
    QTemporaryDir m_tmp;
    std::string path(const char* name) { return str(m_tmp.filePath(name)); }
};

void TestRepository::initAndOpenErrors() {
    Env* env = Env::posix();
    std::string dir = path("repo-a");
    PRESCIENT_VERIFY_OK(Repository::init(env, dir));
    Status again = Repository::init(env, dir);
    QCOMPARE(again.code(), Status::Code::kInvalidArgument);
    QVERIFY(again.detail().find("already holds a repository") != std::string::npos);

    Status noParent = Repository::init(env, path("missing/deeper/repo"));
    QCOMPARE(noParent.code(), Status::Code::kNotFound);
    QVERIFY(noParent.detail().find(path("missing/deeper")) != std::string::npos);

    auto missing = Repository::open(env, path("nowhere"), Repository::Access::kRead);
    QCOMPARE(missing.status().code(), Status::Code::kNotFound);
    QVERIFY(missing.status().detail().find(path("nowhere")) != std::string::npos);

    QDir(m_tmp.path()).mkdir("plain-folder");
    auto notRepo = Repository::open(env, path("plain-folder"), Repository::Access::kRead);
    QCOMPARE(notRepo.status().code(), Status::Code::kNotFound);
    QVERIFY(notRepo.status().detail().find("not a Prescient repository") != std::string::npos);

    // A catalog.db that is not a catalog is corruption, named.
    QDir(m_tmp.path()).mkdir("fake");
    {
        QFile f(m_tmp.filePath("fake/catalog.db"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
    }
    auto fake = Repository::open(env, path("fake"), Repository::Access::kRead);
    QCOMPARE(fake.status().code(), Status::Code::kCorruption);
    QVERIFY(fake.status().detail().find("catalog.db") != std::string::npos);
}

void TestRepository::packRoundTrip() {
    Env* env = Env::posix();
    std::string dir = path("packs-rt");
    PRESCIENT_VERIFY_OK(Repository::init(env, dir));
    std::mt19937_64 rng(7);
    std::vector<std::string> pages;
    repo::PackBuilder b;
    for (int i = 0; i < 50; ++i) {
        std::string p(4096, '\0');
        if (i % 2) {  // random: stored raw
            for (auto& c : p) c = static_cast<char>(rng());
        } else {  // compressible text
            for (size_t k = 0; k < p.size(); ++k) p[k] = "prescient page "[(k + i) % 15];
        }
        pages.push_back(p);
        b.add(BlobId::of(p.data(), p.size()), p.data(), p.size());
    }
    uint64_t size = 0;
    auto name = b.writeTo(env, dir, &size);
    QVERIFY2(name.isOk(), name.status().toString().c_str());
    QVERIFY(b.empty());
    std::string file = repo::packPath(dir, name.value());
    auto f = env->open(file, OpenMode::kRead);
    QVERIFY(f.isOk());
    auto entries = repo::readPackIndex(f.value().get(), size, name.value());
    QVERIFY2(entries.isOk(), entries.status().toString().c_str());
    QCOMPARE(entries->size(), size_t(50));
    QCOMPARE(entries->at(0).codec, repo::Codec::kZstd);
    QCOMPARE(entries->at(1).codec, repo::Codec::kRaw);
    for (size_t i = 0; i < 50; ++i) {
        std::string out(4096, '\0');
        PRESCIENT_VERIFY_OK(repo::readBlob(f.value().get(), entries->at(i), out.data(), name.value()));
        QVERIFY(out == pages[i]);
    }
    // The name is the hash of the file: no temp file is left behind.
    auto names = env->listDir(dir + "/packs");
    QVERIFY(names.isOk());
    for (const auto& n : names.value()) QVERIFY2(n.rfind("tmp-", 0) != 0, n.c_str());
}

void TestRepository::packIndexDetectsDamage() {
    Env* env = Env::posix();
    std::string dir = path("packs-dmg");
    PRESCIENT_VERIFY_OK(Repository::init(env, dir));
    repo::PackBuilder b;
    std::string p(1024, 'a');
    b.add(BlobId::of(p.data(), p.size()), p.data(), p.size());
    uint64_t size = 0;
    auto name = b.writeTo(env, dir, &size);
    QVERIFY(name.isOk());
    std::string file = repo::packPath(dir, name.value());
    {
        QFile f(QString::fromStdString(file));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(size - 30);  // inside the index checksum
        char c;
        f.getChar(&c);
        f.seek(size - 30);
        f.putChar(static_cast<char>(c ^ 0x10));
    }
    auto f = env->open(file, OpenMode::kRead);
    auto entries = repo::readPackIndex(f.value().get(), size, name.value());
    QCOMPARE(entries.status().code(), Status::Code::kCorruption);
    QVERIFY(entries.status().detail().find(name.value()) != std::string::npos);
    auto truncated = repo::readPackIndex(f.value().get(), size - 1, name.value());
    QCOMPARE(truncated.status().code(), Status::Code::kCorruption);
}

void TestRepository::pageMapFullAndDelta() {
    repo::PageMap base;
    base.pageSize = 4096;
    for (int i = 0; i < 1000; ++i) {
        std::string s = "page" + std::to_string(i);
        base.pages.push_back(BlobId::of(s.data(), s.size()));
    }
    base.pages[500] = BlobId::zeroPage();
    repo::PageMap next = base;
    next.pages[3] = BlobId::of("x", 1);
    next.pages.push_back(BlobId::of("y", 1));
    std::string full = repo::encodeFullMap(next);
    std::string delta = repo::encodeDeltaMap(next, base);
    QVERIFY(delta.size() * 20 < full.size());
    auto a = repo::decodeMap(full, nullptr, "full");
    QVERIFY(a.isOk());
    QVERIFY(a->pages == next.pages);
    auto d = repo::decodeMap(delta, &base, "delta");
    QVERIFY2(d.isOk(), d.status().toString().c_str());
    QVERIFY(d->pages == next.pages);
    // Shrinking works too.
    repo::PageMap smaller = base;
    smaller.pages.resize(700);
    auto s = repo::decodeMap(repo::encodeDeltaMap(smaller, base), &base, "shrink");
    QVERIFY(s.isOk());
    QVERIFY(s->pages == smaller.pages);
    // Damage is detected.
    std::string bad = full;
    bad[bad.size() / 2] ^= 0x55;
    QCOMPARE(repo::decodeMap(bad, nullptr, "bad").status().code(), Status::Code::kCorruption);
    QCOMPARE(repo::decodeMap(delta, nullptr, "nobase").status().code(), Status::Code::kCorruption);
}

void TestRepository::unchangedBackupAddsNothing() {
    Env* env = Env::posix();
    std::string dir = path("repo-same"), db = path("same.db");
    std::string err;
    QVERIFY2(makeDatabase(db, 4096, true, 2000, false, 3, &err), err.c_str());
    PRESCIENT_VERIFY_OK(Repository::init(env, dir));
    auto first = backupOnce(env, dir, db);
    QVERIFY2(first.isOk(), first.status().toString().c_str());
    QVERIFY(first->bytesNew > 0);
    // Freelist (zero) pages and repeated pages are stored once or not at all.
    QVERIFY(first->pagesNew > first->pageCount / 2 && first->pagesNew <= first->pageCount);
    auto second = backupOnce(env, dir, db);
    QVERIFY(second.isOk());
    QCOMPARE(second->pagesNew, uint64_t(0));
    QCOMPARE(second->bytesNew, uint64_t(0));
    QCOMPARE(second->parent, first->id);
}

void TestRepository::incrementalCostFollowsChangedPages() {
    Env* env = Env::posix();
    std::string dir = path("repo-inc"), db = path("inc.db");
    {
        auto conn = SqliteDb::open(db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QVERIFY(conn.isOk());
        PRESCIENT_VERIFY_OK(conn->exec(
            "CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER, pad TEXT);"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) "
            "INSERT INTO t SELECT i, 1000000 + i, printf('%.180c', char(65 + i % 26)) || hex(randomblob(8)) FROM n;"));
    }
    PRESCIENT_VERIFY_OK(Repository::init(env, dir));
    auto full = backupOnce(env, dir, db);
    QVERIFY2(full.isOk(), full.status().toString().c_str());
    const uint64_t pages = full->pageCount;
    QVERIFY(pages > 1500);

    for (int percent : {1, 10}) {
        // Rows of ~200 bytes, ~19 to a page: updating every k-th row in place touches pages/k*19 pages.
        int64_t step = std::max<int64_t>(1, 40000 / (static_cast<int64_t>(pages) * percent / 100));
        auto conn = SqliteDb::open(db, SQLITE_OPEN_READWRITE);
        QVERIFY(conn.isOk());
        PRESCIENT_VERIFY_OK(conn->exec("UPDATE t SET v = v + 1 WHERE id % " + std::to_string(step) + " = 0"));
        conn->close();
        auto inc = backupOnce(env, dir, db);
        QVERIFY(inc.isOk());
        double changedShare = double(inc->pagesNew) / double(pages);
        double costShare = double(inc->bytesNew) / double(full->bytesNew);
        qInfo("%d%% target: changed pages %.2f%%, bytes added %.2f%% of the full backup", percent, 100 * changedShare,
              100 * costShare);
        QVERIFY(changedShare > percent / 200.0 && changedShare < percent / 50.0);
        QVERIFY2(costShare < 1.5 * changedShare + 0.002, "incremental cost is not proportional to changed pages");
    }
}

void TestRepository::resolveSnapshots() {
    Env* env = Env::posix();
    std::string dir = path("repo-res"), db = path("res.db");
    std::string err;
    QVERIFY2(makeDatabase(db, 1024, false, 100, false, 9, &err), err.c_str());
    PRESCIENT_VERIFY_OK(Repository::init(env, dir));
    auto r0 = Repository::open(env, dir, Repository::Access::kRead);
    QCOMPARE(r0.value()->resolveSnapshot("latest").status().code(), Status::Code::kNotFound);
    r0.value().reset();
    auto a = backupOnce(env, dir, db, "a");
    auto b = backupOnce(env, dir, db, "b");
    QVERIFY(a.isOk() && b.isOk());
    auto r = Repository::open(env, dir, Repository::Access::kRead);
    QVERIFY(r.isOk());
    QCOMPARE(r.value()->resolveSnapshot("latest")->id, b->id);
    QCOMPARE(r.value()->resolveSnapshot(a->id.substr(0, 8))->id, a->id);
    QCOMPARE(r.value()->resolveSnapshot("zzzz").status().code(), Status::Code::kNotFound);
    auto list = r.value()->catalog().listSnapshots();
    QCOMPARE(list->size(), size_t(2));
    QCOMPARE(list->at(0).tag, std::string("a"));
    QCOMPARE(list->at(1).sourcePath, absolutePath(db));
}

void TestRepository::writerLockIsExclusive() {
    Env* env = Env::posix();
    std::string dir = path("repo-lock");
    PRESCIENT_VERIFY_OK(Repository::init(env, dir));
    auto first = Repository::open(env, dir, Repository::Access::kWrite);
    QVERIFY(first.isOk());
    auto second = Repository::open(env, dir, Repository::Access::kWrite);
    QCOMPARE(second.status().code(), Status::Code::kBusy);
    QVERIFY2(second.status().detail().find("locked by pid " + std::to_string(::getpid())) != std::string::npos,
             second.status().detail().c_str());
    // Readers are not kept out.
    QVERIFY(Repository::open(env, dir, Repository::Access::kRead).isOk());
    first.value().reset();
    auto third = Repository::open(env, dir, Repository::Access::kWrite);
    QVERIFY(third.isOk());
    QVERIFY(third.value()->notices().empty());
}

void TestRepository::staleLockIsTakenOver() {
    Env* env = Env::posix();
    std::string dir = path("repo-stale");
    PRESCIENT_VERIFY_OK(Repository::init(env, dir));
    pid_t child = ::fork();
    if (child == 0) {
        auto r = Repository::open(env, dir, Repository::Access::kWrite);
        ::raise(SIGKILL);  // dies holding the lock, leaving the lock file behind
        ::_exit(r.isOk() ? 0 : 1);
    }
    int wstatus = 0;
    QCOMPARE(::waitpid(child, &wstatus, 0), child);
    QVERIFY(WIFSIGNALED(wstatus));
    QVERIFY(QFile::exists(QString::fromStdString(dir + "/lock")));
    auto r = Repository::open(env, dir, Repository::Access::kWrite);
    QVERIFY2(r.isOk(), r.status().toString().c_str());
    QCOMPARE(r.value()->notices().size(), size_t(1));
    const std::string& notice = r.value()->notices()[0];
    QVERIFY2(notice.find("stale lock") != std::string::npos &&
                 notice.find("pid " + std::to_string(child)) != std::string::npos,
             notice.c_str());
}

QTEST_APPLESS_MAIN(TestRepository)
#include "tst_repository.moc"
