// Replaying the read side of a workload (workloads.h): the recorded workloads' own read sessions
// (workloadkit.h) run again on new connections through any VFS, every query timed and hashed.
#include <cctype>
#include <chrono>
#include <cstring>
#include <memory>
#include <string_view>

#include "demo/workloadkit.h"
#include "demo/workloads.h"
#include "util/blobid.h"
#include "util/sqlitedb.h"

namespace prescient::demo {

namespace {

using Clock = std::chrono::steady_clock;
using detail::Arg;
using detail::Oltp;
using detail::Rng;
using detail::Session;
using detail::shuffledKeys;
using detail::Zipf;

// Times and hashes every query of a replay; refuses to start new ones once options.maxSeconds is up.
// Each query's bytes (tagged SQL, parameters, rows, row count) are hashed on their own; the digest hashes
// those hashes in order, so memory stays bounded by the biggest result.
class Replayer final : public detail::QueryObserver {
public:
    explicit Replayer(const ReplayOptions& o) : m_options(o), m_start(Clock::now()) {}

    // false (and stopped() from then on) once the time is up.
    bool mayStart() {
        if (m_options.maxSeconds > 0 &&
            std::chrono::duration<double>(Clock::now() - m_start).count() >= m_options.maxSeconds)
            m_stopped = true;
        return !m_stopped;
    }
    bool stopped() const { return m_stopped; }

    bool starting(const char* sql, std::initializer_list<Arg> args) override {
        if (!mayStart()) return false;
        begin(sql, Clock::now(), args);
        return true;
    }
    // Starts a query whose clock started at t0 (before its prepare).
    void begin(std::string_view sql, Clock::time_point t0, std::initializer_list<Arg> args = {}) {
        m_t0 = t0;
        m_buf.clear();
        putBytes('Q', sql.data(), sql.size());
        for (const Arg& a : args) {
            if (const int64_t* v = std::get_if<int64_t>(&a)) {
                putInt('i', static_cast<uint64_t>(*v));
            } else {
                const std::string& t = std::get<std::string>(a);
                putBytes('t', t.data(), t.size());
            }
        }
    }
    void row(sqlite3_stmt* st) override {
        const int n = sqlite3_column_count(st);
        m_buf.push_back('R');
        for (int i = 0; i < n; ++i) {
            switch (sqlite3_column_type(st, i)) {
                case SQLITE_INTEGER:
                    putInt('i', static_cast<uint64_t>(sqlite3_column_int64(st, i)));
                    break;
                case SQLITE_FLOAT: {
                    const double d = sqlite3_column_double(st, i);
                    uint64_t bits;
                    std::memcpy(&bits, &d, sizeof bits);
                    putInt('f', bits);
                    break;
                }
                case SQLITE_TEXT: {
                    const unsigned char* p = sqlite3_column_text(st, i);  // before _bytes, as SQLite advises
                    putBytes('t', p, static_cast<size_t>(sqlite3_column_bytes(st, i)));
                    break;
                }
                case SQLITE_BLOB: {
                    const void* p = sqlite3_column_blob(st, i);
                    putBytes('b', p, static_cast<size_t>(sqlite3_column_bytes(st, i)));
                    break;
                }
                default:
                    m_buf.push_back('n');
            }
        }
    }
    void finished(uint64_t rows) override {
        const ReplayQuery q{std::chrono::duration<double>(Clock::now() - m_t0).count(), rows};
        putInt('E', rows);
        const BlobId id = BlobId::of(m_buf.data(), m_buf.size());
        m_chain.append(reinterpret_cast<const char*>(id.bytes.data()), id.bytes.size());
        m_result.queries.push_back(q);
        m_result.rows += rows;
        if (m_options.onQuery) m_options.onQuery(q);
    }
    ReplayResult take() {
        m_result.digest = BlobId::of(m_chain.data(), m_chain.size()).hex();
        return std::move(m_result);
    }

private:
    void putInt(char tag, uint64_t v) {  // little-endian, whatever the host
        m_buf.push_back(tag);
        for (int i = 0; i < 8; ++i) m_buf.push_back(static_cast<char>(v >> (8 * i)));
    }
    void putBytes(char tag, const void* p, size_t n) {
        putInt(tag, n);
        if (n) m_buf.append(static_cast<const char*>(p), n);
    }

    const ReplayOptions& m_options;
    const Clock::time_point m_start;
    Clock::time_point m_t0;  // the current query's start
    std::string m_buf;       // the current query's bytes
    std::string m_chain;     // the finished queries' hashes
    ReplayResult m_result;
    bool m_stopped = false;
};

// Runs a script of statements one after the other on db, as the sqlite3 shell does (each prepared,
// stepped to the end and finalized), each timed and hashed as one query. Cancelled when rep stops it.
Status runScript(sqlite3* db, const std::string& script, Replayer& rep) {
    const char* tail = script.c_str();
    for (;;) {
        while (std::isspace(static_cast<unsigned char>(*tail))) ++tail;
        if (!*tail) return Status::ok();
        if (!rep.mayStart()) return Status::cancelled("replay time is up");
        const Clock::time_point t0 = Clock::now();
        sqlite3_stmt* raw = nullptr;
        const char* next = nullptr;
        int rc = sqlite3_prepare_v2(db, tail, -1, &raw, &next);
        std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> st(raw, sqlite3_finalize);
        if (rc != SQLITE_OK) return sqliteStatus(rc, db, "prepare " + std::string(tail, std::strcspn(tail, "\n")));
        tail = next;
        if (!st) continue;  // a comment only
        rep.begin(sqlite3_sql(st.get()), t0);
        uint64_t rows = 0;
        while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
            ++rows;
            rep.row(st.get());
        }
        if (rc != SQLITE_DONE) return sqliteStatus(rc, db, sqlite3_sql(st.get()));
        st.reset();
        rep.finished(rows);
    }
}

Result<SqliteDb> openConnection(const std::string& path, const ReplayOptions& o) {
    auto db = SqliteDb::open(path, o.openFlags, o.vfs.empty() ? nullptr : o.vfs.c_str());
    if (!db.isOk()) return db.status();
    PRESCIENT_RETURN_IF_ERROR(db->exec("PRAGMA busy_timeout = 5000", "busy_timeout on " + path));
    return db;
}

// One read session on a new connection db, whose Session s reports to the Replayer.
using ReadSession = std::function<Status(SqliteDb& db, Session& s, Rng& rng, int session)>;

// Reads what the sessions of workload `name` need to know about the database (highest ids, the latest
// day or reading) on a connection of its own and returns the function running one session. Draws from
// rng in the order the recorded workload does (oltp: as runOltpReads).
Result<ReadSession> prepareSessions(const std::string& name, const std::string& path, const ReplayOptions& o, Rng& rng,
                                    Replayer& rep) {
    auto db = openConnection(path, o);
    if (!db.isOk()) return db.status();
    Status failure;
    auto read = [&](const char* sql) -> int64_t {
        if (!failure.isOk()) return 0;
        auto v = db->queryInt(sql);
        if (!v.isOk()) failure = v.status();
        return v.isOk() ? v.value() : 0;
    };
    // false with failure set when a read failed (a database of another workload: "no such table") or
    // the key space is empty.
    auto check = [&](bool found) {
        if (failure.isOk() && !found) failure = Status::invalidArgument("not a database of the " + name + " workload");
        if (!failure.isOk()) failure = failure.withContext("replay of " + name + " on " + path);
        return failure.isOk();
    };
    if (name == "oltp") {
        auto w = std::make_shared<Oltp>();
        w->customers = read("SELECT max(id) FROM customers");
        w->products = read("SELECT max(id) FROM products");
        w->orders = read("SELECT max(id) FROM orders");
        if (!check(w->customers > 0 && w->products > 0 && w->orders > 0)) return failure;
        w->rank(rng);
        return ReadSession([w](SqliteDb&, Session& s, Rng& r, int i) { return detail::webSession(s, *w, r, i); });
    }
    if (name == "reporting") {
        const int64_t today = read("SELECT max(day) FROM sales");
        const int64_t stores = read("SELECT max(id) FROM stores");
        if (!check(today > 0 && stores > 0)) return failure;
        auto storeZipf = std::make_shared<Zipf>(static_cast<size_t>(stores), 1.2);
        return ReadSession([today, storeZipf](SqliteDb&, Session& s, Rng& r, int) {
            return detail::reportSession(s, r, today, *storeZipf);
        });
    }
    if (name == "timeseries") {
        // The newest reading is the last row: finding it reads one b-tree path, where max(ts) would scan.
        const int64_t now = read("SELECT ts FROM readings WHERE id = (SELECT max(id) FROM readings)");
        if (!check(now > 0)) return failure;
        auto dashboards = std::make_shared<Zipf>(detail::kDashboards, 1.2);
        return ReadSession([now, dashboards](SqliteDb&, Session& s, Rng& r, int) {
            const int views = static_cast<int>(r.range(1, 3));
            for (int v = 0; v < views; ++v)
                PRESCIENT_RETURN_IF_ERROR(detail::dashboard(s, r, static_cast<int>(dashboards->draw(r)), now));
            return Status::ok();
        });
    }
    // chinook
    const int64_t customers = read("SELECT max(CustomerId) FROM Customer");
    const int64_t albums = read("SELECT max(AlbumId) FROM Album");
    if (!check(customers > 0 && albums > 0)) return failure;
    struct Keys {
        std::vector<int64_t> customers, albums;
        Zipf customerZipf{1, 1.0}, albumZipf{1, 1.0}, genres{std::size(detail::kGenreOrder), 1.3};
    };
    auto k = std::make_shared<Keys>();
    k->customers = shuffledKeys(customers, rng);
    k->albums = shuffledKeys(albums, rng);
    k->customerZipf = Zipf(k->customers.size(), 1.0);
    k->albumZipf = Zipf(k->albums.size(), 1.0);
    // The shell workload's mix without its checkouts: account 35, browse 40, report 10.
    return ReadSession([k, &rep](SqliteDb& conn, Session&, Rng& r, int i) {
        const uint64_t u = r.below(85);
        const std::string sql = u < 35   ? detail::accountSql(r, k->customers, k->customerZipf, i)
                                : u < 75 ? detail::browseSql(r, k->albums, k->albumZipf, k->genres, i)
                                         : detail::reportSql(r);
        return runScript(conn.handle(), sql, rep);
    });
}

Result<ReplayResult> replay(const std::string& name, const std::string& path, const ReplayOptions& o) {
    Rng rng(o.seed);
    Replayer rep(o);
    auto run = prepareSessions(name, path, o, rng, rep);
    if (!run.isOk()) return run.status();
    for (int i = 0; i < o.sessions && !rep.stopped(); ++i) {
        auto db = openConnection(path, o);
        if (!db.isOk()) return db.status();
        Session s(db.value(), &rep);
        const Status st = run.value()(db.value(), s, rng, i);
        if (rep.stopped()) break;  // st is the Cancelled that stopped it
        if (!st.isOk()) return st.withContext("replay of " + name + " session " + std::to_string(i) + " on " + path);
    }
    return rep.take();
}

}  // namespace

Result<ReplayResult> replayReads(const std::string& name, const std::string& dbPath, const ReplayOptions& options) {
    if (name != "oltp" && name != "reporting" && name != "timeseries" && name != "chinook")
        return Status::invalidArgument("unknown workload '" + name + "'");
    if (options.sessions < 1 || options.sessions > 1000000)
        return Status::invalidArgument("replay of " + name + ": sessions must be in 1..1000000");
    if (!(options.maxSeconds >= 0))
        return Status::invalidArgument("replay of " + name + ": maxSeconds must not be negative");
    try {
        return replay(name, dbPath, options);
    } catch (const std::exception& e) {
        return Status::ioError("replay of " + name + " on " + dbPath + ": " + e.what());
    }
}

}  // namespace prescient::demo
