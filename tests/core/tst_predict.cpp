// Prediction: the page catalog from DBSTAT, strategies on synthetic episodes with a known structure
// (programs touching fixed B-tree paths) and with known per-page probabilities (calibration), save/load
// round trips and corrupt model bytes, and evaluate's argument errors.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>
#include <random>

#include "predict/evaluate.h"
#include "predict/model.h"
#include "predict/pagecatalog.h"
#include "support/testdb.h"
#include "support/testutil.h"
#include "util/sqlitedb.h"

using namespace prescient;
using namespace prescient::test;
using namespace prescient::predict;

namespace {

// A synthetic catalog: 6 tables of a root, 6 interior pages and 150 leaves each, scattered over the file;
// page 1 is the schema, the rest is freelist.
struct Synthetic {
    PageCatalog catalog;
    struct Tree {
        uint32_t root = 0;
        std::vector<uint32_t> interior, leaves;
    };
    std::vector<Tree> trees;
};

Synthetic makeSyntheticCatalog(uint32_t pageCount, std::mt19937_64& rng) {
    Synthetic s;
    s.catalog.pageSize = 4096;
    s.catalog.pages.assign(pageCount, PageInfo{PageType::kFreelist, 0, 0});
    s.catalog.trees = {"", "sqlite_schema"};
    s.catalog.treeIsIndex = {false, false};
    s.catalog.pages[0] = PageInfo{PageType::kTableLeaf, 1, 1};
    std::vector<uint32_t> free;
    for (uint32_t pg = 2; pg <= pageCount; ++pg) free.push_back(pg);
    std::shuffle(free.begin(), free.end(), rng);
    size_t next = 0;
    for (int t = 0; t < 6; ++t) {
        Synthetic::Tree tree;
        uint32_t id = static_cast<uint32_t>(s.catalog.trees.size());
        s.catalog.trees.push_back("t" + std::to_string(t));
        s.catalog.treeIsIndex.push_back(false);
        tree.root = free[next++];
        s.catalog.pages[tree.root - 1] = PageInfo{PageType::kTableInterior, id, 1};
        for (int i = 0; i < 6; ++i) {
            tree.interior.push_back(free[next++]);
            s.catalog.pages[tree.interior.back() - 1] = PageInfo{PageType::kTableInterior, id, 2};
        }
        for (int i = 0; i < 150; ++i) {
            tree.leaves.push_back(free[next++]);
            s.catalog.pages[tree.leaves.back() - 1] = PageInfo{PageType::kTableLeaf, id, 3};
        }
        s.trees.push_back(tree);
    }
    return s;
}

// Four programs (profiles), each running 60 point queries over two tables (root, interior, leaf; leaves
// from a 40-leaf pool with Zipf weights), 10% noise reads, then a scan of 80 random pages. The pager
// cache hides repeats within an episode. Episodes of the programs interleave at random.
std::vector<trace::Episode> makeProgramEpisodes(const Synthetic& s, int perProgram, std::mt19937_64& rng) {
    const uint32_t pageCount = s.catalog.pageCount();
    struct Program {
        std::string name;
        int treeA, treeB;
        std::vector<std::pair<int, uint32_t>> pool;  // (tree, leaf index)
        std::vector<double> weights;
    };
    std::vector<Program> programs;
    const char* names[] = {"report", "checkout", "search", "admin"};
    for (int j = 0; j < 4; ++j) {
        Program p{names[j], j, (j + 2) % 6, {}, {}};
        for (int i = 0; i < 40; ++i) {
            int tree = i % 2 ? p.treeB : p.treeA;
            p.pool.emplace_back(tree, static_cast<uint32_t>(rng() % 150));
            p.weights.push_back(1.0 / std::pow(i + 1, 0.8));
        }
        programs.push_back(p);
    }
    std::vector<int> schedule;
    for (int j = 0; j < 4; ++j) schedule.insert(schedule.end(), perProgram, j);
    std::shuffle(schedule.begin(), schedule.end(), rng);
    std::vector<trace::Episode> episodes;
    uint64_t time = 1'700'000'000'000'000ULL;
    for (int j : schedule) {
        const Program& p = programs[j];
        trace::Episode e;
        e.profile = p.name;
        e.startUs = (time += 1'000'000);
        std::vector<bool> cached(pageCount + 1, false);
        auto read = [&](uint32_t pg) {
            if (!cached[pg]) e.reads.push_back(pg);
            cached[pg] = true;
        };
        read(1);
        std::discrete_distribution<int> pick(p.weights.begin(), p.weights.end());
        for (int q = 0; q < 60; ++q) {
            auto [tree, leaf] = p.pool[pick(rng)];
            const Synthetic::Tree& t = s.trees[tree];
            read(t.root);
            read(t.interior[leaf % t.interior.size()]);
            read(t.leaves[leaf]);
            if (rng() % 10 == 0) read(1 + static_cast<uint32_t>(rng() % pageCount));
        }
        for (int i = 0; i < 80; ++i) read(1 + static_cast<uint32_t>(rng() % pageCount));
        episodes.push_back(std::move(e));
    }
    return episodes;
}

const StrategyScore* scoreOf(const std::vector<StrategyScore>& scores, const std::string& name) {
    for (const StrategyScore& s : scores) {
        if (s.strategy == name) return &s;
    }
    return nullptr;
}

void printScores(const char* title, const std::vector<StrategyScore>& scores) {
    for (const StrategyScore& s : scores) {
        qInfo("%s %-10s coverage %.3f precision %.3f brier %.4f train %.2fs rank %.3fs model %zu bytes (%zu/%zu)",
              title, s.strategy.c_str(), s.coverage, s.precision, s.brier, s.trainSeconds, s.rankSeconds, s.modelBytes,
              s.trainEpisodes, s.testEpisodes);
    }
}

}  // namespace

class TestPredict : public QObject {
    Q_OBJECT
private slots:
    void describePagesMatchesDbstat();
    void describePagesAutoVacuumAndChinook();
    void learnedStrategiesBeatBaselines();
    void confidenceIsCalibrated();
    void saveLoadRoundTrip();
    void evaluateArgumentErrors();

private:
    QTemporaryDir m_tmp;
    std::string path(const char* name) { return str(m_tmp.filePath(name)); }
};

void TestPredict::describePagesMatchesDbstat() {
    // A name with the characters a URI must escape; WAL mode, to check that no -wal or -shm appears.
    std::string db = path("odd %name? #1.db");
    std::string error;
    QVERIFY2(makeDatabase(db, 4096, true, 3000, false, 3, &error), error.c_str());
    QVERIFY(!QFile::exists(QString::fromStdString(db + "-wal")));

    auto cat = describePages(db);
    PRESCIENT_VERIFY_OK(cat.status());
    QVERIFY(!QFile::exists(QString::fromStdString(db + "-wal")));
    QVERIFY(!QFile::exists(QString::fromStdString(db + "-shm")));
    QCOMPARE(cat->pageSize, 4096u);

    std::map<PageType, int64_t> byType;
    for (const PageInfo& p : cat->pages) {
        QVERIFY(p.type != PageType::kUnknown);
        QVERIFY(p.tree < cat->trees.size());
        ++byType[p.type];
    }
    QCOMPARE(cat->trees.size(), cat->treeIsIndex.size());
    QCOMPARE(cat->trees[0], std::string());

    // Counts against DBSTAT itself and the header (read through an immutable connection of our own).
    std::string uri = "file:";
    for (char c : db) uri += c == '%' ? std::string("%25") : c == '?' ? "%3f" : c == '#' ? "%23" : std::string(1, c);
    auto opened = SqliteDb::open(uri + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    PRESCIENT_VERIFY_OK(opened.status());
    SqliteDb conn = std::move(opened).value();
    auto count = [&](const std::string& sql) {
        auto r = conn.queryInt(sql);
        return r.isOk() ? r.value() : -1;
    };
    QCOMPARE(int64_t(cat->pages.size()), count("PRAGMA page_count"));
    QCOMPARE(byType[PageType::kTableInterior] + byType[PageType::kIndexInterior],
             count("SELECT count(*) FROM dbstat WHERE pagetype = 'internal'"));
    QCOMPARE(byType[PageType::kTableLeaf] + byType[PageType::kIndexLeaf],
             count("SELECT count(*) FROM dbstat WHERE pagetype = 'leaf'"));
    QCOMPARE(byType[PageType::kOverflow], count("SELECT count(*) FROM dbstat WHERE pagetype = 'overflow'"));
    QCOMPARE(byType[PageType::kFreelist], count("PRAGMA freelist_count"));
    QVERIFY(byType[PageType::kFreelist] > 0);
    QVERIFY(byType[PageType::kOverflow] > 0);
    QVERIFY(byType[PageType::kIndexLeaf] > 0);
    QCOMPARE(byType[PageType::kPointerMap], int64_t(0));
    QCOMPARE(byType[PageType::kLockByte], int64_t(0));

    // Every table and index root: depth 1, owned by a tree of that name and kind.
    Stmt st(conn.handle(), "SELECT type, name, rootpage FROM sqlite_schema WHERE rootpage > 0");
    PRESCIENT_VERIFY_OK(st.prepared());
    int roots = 0;
    for (;;) {
        auto row = st.step();
        PRESCIENT_VERIFY_OK(row.status());
        if (!row.value()) break;
        const PageInfo& root = cat->pages[st.colInt(2) - 1];
        QCOMPARE(root.depth, uint16_t(1));
        QCOMPARE(cat->trees[root.tree], st.colText(1));
        QCOMPARE(bool(cat->treeIsIndex[root.tree]), st.colText(0) == "index");
        bool indexType = root.type == PageType::kIndexInterior || root.type == PageType::kIndexLeaf;
        QCOMPARE(indexType, st.colText(0) == "index");
        ++roots;
    }
    QVERIFY(roots >= 5);
    QCOMPARE(cat->pages[0].depth, uint16_t(1));
    QCOMPARE(cat->trees[cat->pages[0].tree], std::string("sqlite_schema"));

    auto missing = describePages(path("nowhere.db"));
    QCOMPARE(missing.status().code(), Status::Code::kNotFound);
    QVERIFY(missing.status().detail().find("nowhere.db") != std::string::npos);
}

void TestPredict::describePagesAutoVacuumAndChinook() {
    std::string db = path("autovacuum.db");
    std::string error;
    QVERIFY2(makeDatabase(db, 1024, false, 3000, true, 5, &error), error.c_str());
    auto cat = describePages(db);
    PRESCIENT_VERIFY_OK(cat.status());
    int pointerMaps = 0;
    for (uint32_t pg = 1; pg <= cat->pageCount(); ++pg) {
        const PageInfo& p = cat->pages[pg - 1];
        QVERIFY(p.type != PageType::kUnknown);
        if (p.type == PageType::kPointerMap) ++pointerMaps;
    }
    // With 1024-byte pages one pointer-map page covers 204 pages: page 2, 207, 412...
    QCOMPARE(cat->pages[1].type, PageType::kPointerMap);
    QCOMPARE(pointerMaps, int((cat->pageCount() - 2) / 205 + 1));

    auto chinook = describePages(chinookPath());
    PRESCIENT_VERIFY_OK(chinook.status());
    int interior = 0, leaves = 0;
    for (const PageInfo& p : chinook->pages) {
        QVERIFY(p.type != PageType::kUnknown && p.type != PageType::kFreelist);
        interior += p.type == PageType::kTableInterior || p.type == PageType::kIndexInterior;
        leaves += p.type == PageType::kTableLeaf || p.type == PageType::kIndexLeaf;
    }
    QCOMPARE(interior, 16);  // sqlite3 chinook.sqlite "SELECT pagetype, count(*) FROM dbstat GROUP BY 1"
    QCOMPARE(leaves, 230);
}

void TestPredict::learnedStrategiesBeatBaselines() {
    std::mt19937_64 rng(11);
    Synthetic s = makeSyntheticCatalog(1000, rng);
    std::vector<trace::Episode> episodes = makeProgramEpisodes(s, 30, rng);
    auto scores = evaluate(episodes, s.catalog, EvalConfig{}, strategyNames());
    PRESCIENT_VERIFY_OK(scores.status());
    printScores("programs:", scores.value());
    const StrategyScore* sequential = scoreOf(scores.value(), "sequential");
    const StrategyScore* hotset = scoreOf(scores.value(), "hotset");
    const StrategyScore* markov = scoreOf(scores.value(), "markov");
    const StrategyScore* ranker = scoreOf(scores.value(), "ranker");
    QVERIFY(sequential && hotset && markov && ranker);
    QCOMPARE(ranker->trainEpisodes, size_t(84));
    QCOMPARE(ranker->testEpisodes, size_t(36));
    QCOMPARE(ranker->reliability.size(), size_t(10));
    QVERIFY2(markov->coverage > sequential->coverage + 0.15, "markov does not beat sequential clearly");
    QVERIFY2(ranker->coverage > sequential->coverage + 0.15, "ranker does not beat sequential clearly");
    QVERIFY2(ranker->coverage > hotset->coverage + 0.05, "ranker does not beat hotset");
    QVERIFY(ranker->precision > sequential->precision);
    QVERIFY(ranker->brier < sequential->brier);
}

void TestPredict::confidenceIsCalibrated() {
    // Page p is read with probability q[p], independently in each episode, in random order. The horizon
    // is the whole database, so "read within the first N reads" is "read".
    const uint32_t pageCount = 400;
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<double> q(pageCount + 1, 0);
    for (uint32_t pg = 1; pg <= pageCount; ++pg) q[pg] = unit(rng) < 0.6 ? 0.03 : 0.1 + 0.8 * unit(rng);
    PageCatalog catalog;
    catalog.pageSize = 4096;
    catalog.trees = {"", "t"};
    catalog.treeIsIndex = {false, false};
    catalog.pages.assign(pageCount, PageInfo{PageType::kTableLeaf, 1, 2});
    std::vector<trace::Episode> episodes;
    for (int e = 0; e < 300; ++e) {
        trace::Episode ep;
        ep.profile = "app";
        ep.startUs = 1000u * e;
        for (uint32_t pg = 1; pg <= pageCount; ++pg) {
            if (unit(rng) < q[pg]) ep.reads.push_back(pg);
        }
        std::shuffle(ep.reads.begin(), ep.reads.end(), rng);
        episodes.push_back(std::move(ep));
    }

    TrainOptions options;
    options.horizon = pageCount;
    for (const char* name : {"frequency", "ranker"}) {
        auto model = makeModel(name);
        PRESCIENT_VERIFY_OK(model.status());
        PRESCIENT_VERIFY_OK(model.value()->train(episodes, catalog, options));
        std::vector<double> confidence(pageCount + 1, 0);
        for (const RankedPage& p : model.value()->rank("app", pageCount)) confidence[p.pgno] = p.confidence;
        double mae = 0;
        for (uint32_t pg = 1; pg <= pageCount; ++pg) mae += std::abs(confidence[pg] - q[pg]) / pageCount;
        qInfo("calibration: %-9s mean |confidence - q| = %.4f", name, mae);
        QVERIFY2(mae < 0.08, name);
    }

    EvalConfig cfg;
    cfg.horizon = pageCount;
    auto scores = evaluate(episodes, catalog, cfg, {"frequency", "ranker"});
    PRESCIENT_VERIFY_OK(scores.status());
    printScores("calibration:", scores.value());
    const StrategyScore* frequency = scoreOf(scores.value(), "frequency");
    const StrategyScore* ranker = scoreOf(scores.value(), "ranker");
    for (const ReliabilityBin& b : ranker->reliability) {
        if (b.count > 0) {
            qInfo("calibration: ranker bin [%.1f, %.1f) n=%llu predicted %.3f observed %.3f", b.lo, b.hi,
                  static_cast<unsigned long long>(b.count), b.meanPredicted, b.observed);
        }
        if (b.count >= 500) QVERIFY(std::abs(b.meanPredicted - b.observed) < 0.1);
    }
    QVERIFY(ranker->brier <= frequency->brier + 0.005);
}

void TestPredict::saveLoadRoundTrip() {
    std::mt19937_64 rng(23);
    Synthetic s = makeSyntheticCatalog(1000, rng);
    std::vector<trace::Episode> episodes = makeProgramEpisodes(s, 8, rng);
    std::map<std::string, std::string> saved;
    for (const std::string& name : strategyNames()) {
        auto model = makeModel(name);
        PRESCIENT_VERIFY_OK(model.status());
        QCOMPARE(model.value()->strategy(), name);
        QVERIFY(model.value()->rank("", 10).empty());
        PRESCIENT_VERIFY_OK(model.value()->train(episodes, s.catalog, TrainOptions{}));
        std::string bytes = model.value()->save();
        saved[name] = bytes;
        auto loaded = loadModel(name, bytes);
        PRESCIENT_VERIFY_OK(loaded.status());
        QCOMPARE(loaded.value()->save(), bytes);
        for (const std::string profile : {"", "report", "checkout", "search", "admin", "never-seen"}) {
            auto a = model.value()->rank(profile, 1000);
            auto b = loaded.value()->rank(profile, 1000);
            QVERIFY2(!a.empty(), name.c_str());
            QCOMPARE(a.size(), b.size());
            for (size_t i = 0; i < a.size(); ++i) {
                QCOMPARE(a[i].pgno, b[i].pgno);
                QCOMPARE(a[i].confidence, b[i].confidence);
                QCOMPARE(a[i].expectedPosition, b[i].expectedPosition);
                QVERIFY(a[i].confidence >= 0 && a[i].confidence <= 1);
            }
        }
        QCOMPARE(model.value()->rank("report", 5).size(), size_t(5));
        // An unknown profile falls back to all episodes; a known one is conditioned on.
        auto any = model.value()->rank("", 1000);
        auto unseen = model.value()->rank("never-seen", 1000);
        QCOMPARE(any.size(), unseen.size());
        for (size_t i = 0; i < any.size(); ++i) QCOMPARE(any[i].pgno, unseen[i].pgno);
        if (name == "frequency" || name == "markov" || name == "ranker") {
            auto report = model.value()->rank("report", 20);
            auto search = model.value()->rank("search", 20);
            size_t common = 0;
            for (const RankedPage& a : report) {
                for (const RankedPage& b : search) common += a.pgno == b.pgno;
            }
            QVERIFY2(common < 10, name.c_str());
        }

        auto garbage = loadModel(name, "garbage, not a model");
        QCOMPARE(garbage.status().code(), Status::Code::kCorruption);
        QVERIFY(garbage.status().detail().find(name) != std::string::npos);
        std::string flipped = bytes;
        flipped[flipped.size() / 2] ^= 0x40;
        QCOMPARE(loadModel(name, flipped).status().code(), Status::Code::kCorruption);
        QCOMPARE(loadModel(name, bytes.substr(0, bytes.size() - 1)).status().code(), Status::Code::kCorruption);
    }
    auto wrongKind = loadModel("ranker", saved["markov"]);
    QCOMPARE(wrongKind.status().code(), Status::Code::kCorruption);
    QVERIFY(wrongKind.status().detail().find("ranker") != std::string::npos);
    QCOMPARE(loadModel("oracle", saved["markov"]).status().code(), Status::Code::kInvalidArgument);
    QCOMPARE(makeModel("oracle").status().code(), Status::Code::kInvalidArgument);
}

void TestPredict::evaluateArgumentErrors() {
    std::mt19937_64 rng(3);
    Synthetic s = makeSyntheticCatalog(1000, rng);
    std::vector<trace::Episode> one = makeProgramEpisodes(s, 1, rng);
    one.resize(1);
    auto r = evaluate(one, s.catalog, EvalConfig{}, strategyNames());
    QCOMPARE(r.status().code(), Status::Code::kInvalidArgument);
    QCOMPARE(r.status().detail(), std::string("need at least 2 episodes to evaluate, have 1"));

    auto none = evaluate({}, s.catalog, EvalConfig{}, strategyNames());
    QCOMPARE(none.status().detail(), std::string("need at least 2 episodes to evaluate, have 0"));

    std::vector<trace::Episode> two = makeProgramEpisodes(s, 1, rng);
    two.resize(2);
    auto empty = evaluate(two, PageCatalog{}, EvalConfig{}, strategyNames());
    QCOMPARE(empty.status().code(), Status::Code::kInvalidArgument);
    auto unknown = evaluate(two, s.catalog, EvalConfig{}, {"oracle"});
    QCOMPARE(unknown.status().code(), Status::Code::kInvalidArgument);
    QVERIFY(unknown.status().detail().find("oracle") != std::string::npos);

    // Two episodes are enough: one to train on, one to test.
    auto minimal = evaluate(two, s.catalog, EvalConfig{}, strategyNames());
    PRESCIENT_VERIFY_OK(minimal.status());
    QCOMPARE(minimal->size(), strategyNames().size());
    for (const StrategyScore& score : minimal.value()) {
        QCOMPARE(score.trainEpisodes, size_t(1));
        QCOMPARE(score.testEpisodes, size_t(1));
    }
}

QTEST_APPLESS_MAIN(TestPredict)
#include "tst_predict.moc"
