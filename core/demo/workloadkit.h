// Internal to core/demo: the seeded random draws the workload generators share (not for other modules),
// the statement runner their sessions use, and the read sessions that replay.cpp runs again.
// Draws are mapped to ranges by hand (as in shopdemo.cpp), so a seed gives the same workload everywhere.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "demo/workloads.h"
#include "util/sqlitedb.h"

namespace prescient::demo::detail {

class Rng {
public:
    explicit Rng(uint64_t seed) : m_gen(seed) {}
    uint64_t below(uint64_t n) { return m_gen() % n; }  // uniform in [0, n), n > 0
    int64_t range(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1)));
    }
    bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
    double unit() { return static_cast<double>(m_gen() >> 11) * 0x1.0p-53; }  // [0, 1)
    // In [0, n), skewed toward 0 (density ~ 1/sqrt(x)): the newest rows when counted back from the end.
    uint64_t skewed(uint64_t n) {
        uint64_t u = below(n);
        return u * u / n;
    }

private:
    std::mt19937_64 m_gen;
};

// Ranks in [0, n) with P(r) proportional to 1 / (r + 1)^s.
class Zipf {
public:
    Zipf(size_t n, double s) : m_cdf(n) {
        double sum = 0;
        for (size_t r = 0; r < n; ++r) m_cdf[r] = sum += 1.0 / std::pow(static_cast<double>(r + 1), s);
    }
    size_t draw(Rng& rng) const {
        double u = rng.unit() * m_cdf.back();
        return std::min<size_t>(std::upper_bound(m_cdf.begin(), m_cdf.end(), u) - m_cdf.begin(), m_cdf.size() - 1);
    }

private:
    std::vector<double> m_cdf;
};

// 1..n in a random order: rank -> key, so that popular keys are scattered over the file.
inline std::vector<int64_t> shuffledKeys(int64_t n, Rng& rng) {
    std::vector<int64_t> keys(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) keys[static_cast<size_t>(i)] = i + 1;
    for (size_t i = keys.size(); i > 1; --i) std::swap(keys[i - 1], keys[rng.below(i)]);
    return keys;
}

// The key of Zipf rank r among `keys` when popularity has drifted by `drift` ranks: keys fade slowly
// down the ranking while new ones enter at the top.
inline int64_t driftedKey(const std::vector<int64_t>& keys, size_t rank, uint64_t drift) {
    const size_t n = keys.size();
    return keys[(rank + n - drift % n) % n];
}

inline uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// ---- Running statements ----------------------------------------------------------------------------------

using Arg = std::variant<int64_t, std::string>;

// Sees every query a Session runs (replay.cpp times and hashes them). Called on the session's thread.
class QueryObserver {
public:
    virtual ~QueryObserver() = default;
    // Before the query is prepared: false skips it and makes Session::q return Cancelled.
    virtual bool starting(const char* sql, std::initializer_list<Arg> args) = 0;
    virtual void row(sqlite3_stmt* st) = 0;    // each result row, while it is current
    virtual void finished(uint64_t rows) = 0;  // after the last row of a query that succeeded
};

// One connection of a session: runs statements to completion (prepared once per connection, as an
// application's statement cache does) and counts them. An observer, when given, sees the queries run
// through q (not exec).
class Session {
public:
    explicit Session(SqliteDb& db, QueryObserver* observer = nullptr) : m_db(db), m_observer(observer) {}
    // Runs sql with args bound in order, stepping through every row; each row's first column is appended
    // to *col0 when given. The SQLite error otherwise. sql must outlive the session (a literal).
    Status q(const char* sql, std::initializer_list<Arg> args = {}, std::vector<int64_t>* col0 = nullptr) {
        if (m_observer && !m_observer->starting(sql, args))
            return Status::cancelled("stopped before " + std::string(sql));
        ++m_queries;
        std::unique_ptr<Stmt>& st = m_cache[sql];
        if (!st) st = std::make_unique<Stmt>(m_db.handle(), sql);
        if (!st->prepared().isOk()) return st->prepared();
        st->reset();
        int i = 1;
        for (const Arg& a : args) {
            if (const int64_t* v = std::get_if<int64_t>(&a))
                st->bind(i++, *v);
            else
                st->bind(i++, std::get<std::string>(a));
        }
        uint64_t rows = 0;
        for (;;) {
            auto r = st->step();
            if (!r.isOk()) return r.status();
            if (!r.value()) break;
            ++rows;
            if (col0) col0->push_back(st->colInt(0));
            if (m_observer) m_observer->row(st->handle());
        }
        st->reset();  // ends the statement's read transaction
        if (m_observer) m_observer->finished(rows);
        return Status::ok();
    }
    Status exec(const std::string& sql) {
        ++m_queries;
        return m_db.exec(sql);
    }
    int64_t queries() const { return m_queries; }

private:
    SqliteDb& m_db;
    QueryObserver* m_observer;  // may be null
    std::unordered_map<const char*, std::unique_ptr<Stmt>> m_cache;
    int64_t m_queries = 0;
};

// ---- The read sessions (workloads.cpp, shellworkload.cpp), run by the recorder and by replay.cpp ---------

// oltp: the shop's key space and how popular each key is at session s.
struct Oltp {
    int64_t customers = 0, products = 0, orders = 0, lines = 0;  // highest ids
    int64_t clock = 1700000000;                                  // seconds; advances with every order
    std::vector<int64_t> loyal;                                  // customers by loyalty rank
    std::vector<int64_t> bestsellers;                            // products by popularity rank
    Zipf loyalZipf{1, 1.0}, productZipf{1, 1.0};

    void rank(Rng& rng) {
        loyal = shuffledKeys(customers, rng);
        bestsellers = shuffledKeys(products, rng);
        loyalZipf = Zipf(loyal.size(), 1.0);
        productZipf = Zipf(bestsellers.size(), 1.1);
    }
    // 45% loyal customers (Zipf, drifting 2 ranks a session), 35% recent sign-ups, 20% anyone.
    int64_t customer(Rng& rng, int s) const {
        const uint64_t u = rng.below(100);
        if (u < 45) return driftedKey(loyal, loyalZipf.draw(rng), 2 * static_cast<uint64_t>(s));
        if (u < 80) return customers - static_cast<int64_t>(rng.skewed(std::min<int64_t>(customers, 400)));
        return rng.range(1, customers);
    }
    // 55% bestsellers (Zipf), 30% the ten featured products of the week (12 sessions), 15% anything.
    int64_t product(Rng& rng, int s) const {
        const uint64_t u = rng.below(100);
        if (u < 55) return bestsellers[productZipf.draw(rng)];
        if (u < 85) return 1 + static_cast<int64_t>(mix(static_cast<uint64_t>(s / 12) * 16 + rng.below(10)) % products);
        return rng.range(1, products);
    }
    int64_t recentOrder(Rng& rng) const {
        return orders - static_cast<int64_t>(rng.skewed(std::min<int64_t>(orders, 1500)));
    }
};

// oltp "web": one web-server process; several customers log in, look at their orders and browse products.
Status webSession(Session& s, const Oltp& w, Rng& rng, int session);
// reporting "report": the standing reports up to `today` (a day number), stores drawn from storeZipf.
Status reportSession(Session& s, Rng& rng, int64_t today, const Zipf& storeZipf);
// timeseries: dashboard d (of kDashboards) at time `now`; a "dashboard" session opens one to three.
inline constexpr int kDashboards = 14;
Status dashboard(Session& s, Rng& rng, int d, int64_t now);

// Chinook's genres from the most to the least browsed (Rock, Latin, Metal, Alternative & Punk, Jazz...).
inline constexpr int kGenreOrder[] = {1,  7,  3,  4,  2,  6, 24, 14, 8,  10, 9,  23, 17,
                                      15, 16, 13, 12, 11, 5, 19, 21, 22, 18, 20, 25};
// chinook: the SQL scripts of the "account", "browse" and "report" sessions (statements ending in ";\n").
// customers and albums: the ids by popularity rank (shuffledKeys); s: the session number (drift).
std::string accountSql(Rng& rng, const std::vector<int64_t>& customers, const Zipf& zipf, int s);
// 60% the featured albums (a window over `albums` moving every 8 sessions), 40% Zipf over all.
int64_t chinookAlbum(Rng& rng, const std::vector<int64_t>& albums, const Zipf& zipf, int s);
std::string browseSql(Rng& rng, const std::vector<int64_t>& albums, const Zipf& albumZipf, const Zipf& genres, int s);
std::string reportSql(Rng& rng);

// The Chinook workload (shellworkload.cpp): the real sample database through the sqlite3 shell.
Result<std::vector<trace::Episode>> runChinook(const std::string& path, const WorkloadOptions& o);

}  // namespace prescient::demo::detail
