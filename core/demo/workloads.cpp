#include "demo/workloads.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <unordered_map>
#include <variant>

#include "demo/workloadkit.h"
#include "trace/tracestore.h"
#include "util/sqlitedb.h"

extern char** environ;

namespace prescient::demo {

namespace {

namespace fs = std::filesystem;
using detail::Arg;
using detail::dashboard;
using detail::driftedKey;
using detail::kDashboards;
using detail::mix;
using detail::Oltp;
using detail::reportSession;
using detail::Rng;
using detail::Session;
using detail::shuffledKeys;
using detail::webSession;
using detail::Zipf;

constexpr uint32_t kPageSize = 4096;

template <typename T, size_t N>
const T& pickOf(const T (&items)[N], uint64_t h) {
    return items[h % N];
}

const char* const kFirstNames[] = {"anna", "ben",    "clara", "david", "emma",  "felix", "grace",  "hugo",
                                   "iris", "jonas",  "kara",  "liam",  "maria", "noah",  "olivia", "paul",
                                   "rosa", "samuel", "tara",  "vera",  "wei",   "yusuf", "zoe",    "priya"};
const char* const kLastNames[] = {"smith", "garcia",  "rossi",  "dubois", "nowak",   "jensen", "silva",  "tanaka",
                                  "novak", "fischer", "martin", "lopez",  "bianchi", "hansen", "weber",  "kim",
                                  "costa", "meyer",   "petrov", "wagner", "brown",   "berg",   "schulz", "moreau"};
const char* const kDomains[] = {"example.com", "mail.example.org", "inbox.example.net", "example.de"};
const char* const kCities[] = {"Berlin", "Paris",  "Madrid", "Rome",  "Vienna", "Zurich", "Oslo",    "Prague",
                               "Lisbon", "Dublin", "London", "Tokyo", "Seoul",  "Sydney", "Toronto", "Chicago"};
const char* const kWords[] = {"fast",  "delivery", "gift",   "quality",  "durable", "steel",  "cotton",   "premium",
                              "small", "office",   "travel", "compact",  "classic", "modern", "garden",   "kitchen",
                              "light", "warranty", "eco",    "wireless", "oak",     "glass",  "handmade", "bulk"};

std::string words(Rng& rng, size_t minLen, size_t maxLen) {
    const size_t target = minLen + rng.below(maxLen - minLen + 1);
    std::string out;
    while (out.size() < target) {
        if (!out.empty()) out += ' ';
        out += kWords[rng.below(std::size(kWords))];
    }
    return out;
}

// ---- Running statements (Session: workloadkit.h) ---------------------------------------------------------

// A write transaction that rolls back unless committed.
class Transaction {
public:
    explicit Transaction(Session& s) : m_session(s) {}
    ~Transaction() {
        if (m_open) (void)m_session.exec("ROLLBACK");
    }
    Status begin() {
        Status st = m_session.exec("BEGIN IMMEDIATE");
        m_open = st.isOk();
        return st;
    }
    Status commit() {
        m_open = false;
        return m_session.exec("COMMIT");
    }

private:
    Session& m_session;
    bool m_open = false;
};

Result<SqliteDb> openPlain(const std::string& path, int flags = SQLITE_OPEN_READWRITE) {
    auto db = SqliteDb::open(path, flags);
    if (!db.isOk()) return db.status();
    PRESCIENT_RETURN_IF_ERROR(db->exec("PRAGMA busy_timeout = 5000", "busy_timeout on " + path));
    return db;
}

// A new database at path with 4 KiB pages in WAL mode; InvalidArgument when the path exists.
Result<SqliteDb> createDatabase(const std::string& path, const char* schema) {
    std::error_code ec;
    if (fs::exists(path, ec)) return Status::invalidArgument("workload database " + path + " exists already");
    auto db = openPlain(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db.isOk()) return db.status();
    PRESCIENT_RETURN_IF_ERROR(
        db->exec("PRAGMA page_size = " + std::to_string(kPageSize) + "; PRAGMA journal_mode = WAL", "set up " + path));
    PRESCIENT_RETURN_IF_ERROR(db->exec(schema, "create the schema of " + path));
    return db;
}

// Copies every WAL frame into the main file and truncates the WAL.
Status checkpoint(const std::string& path) {
    auto db = openPlain(path);
    if (!db.isOk()) return db.status();
    return db->exec("PRAGMA wal_checkpoint(TRUNCATE)", "checkpoint " + path);
}

// Records the sessions of one in-process workload: a TracingVfs over a memory sink, one episode per
// session, labelled with the session's profile.
class Recorder {
public:
    explicit Recorder(const std::string& dbPath)
        : m_path(dbPath), m_vfs(&m_sink, dbPath, /*makeDefault=*/false, uniqueVfsName()) {}
    Result<SqliteDb> open() {
        auto db = SqliteDb::open(m_path, SQLITE_OPEN_READWRITE, m_vfs.name());
        if (!db.isOk()) return db.status();
        PRESCIENT_RETURN_IF_ERROR(db->exec("PRAGMA busy_timeout = 5000", "busy_timeout on " + m_path));
        return db;
    }
    // Runs one session on a new traced connection and keeps its episode.
    Status session(const std::string& profile, const std::function<Status(Session&)>& body) {
        Status st;
        {
            auto db = open();
            if (!db.isOk()) return db.status();
            Session s(db.value());
            st = body(s);
        }
        trace::Trace t = m_sink.take();
        for (trace::Episode& e : trace::episodesOf(t)) {
            e.profile = profile;
            m_episodes.push_back(std::move(e));
        }
        return st.isOk() ? st : st.withContext(profile + " session on " + m_path);
    }
    std::vector<trace::Episode> take() { return std::move(m_episodes); }

    static std::string uniqueVfsName() {
        static std::atomic<int> counter{0};
        return "prescient-workload-" + std::to_string(++counter);
    }

private:
    std::string m_path;
    trace::MemoryTraceSink m_sink;  // declared before m_vfs: outlives it
    trace::TracingVfs m_vfs;
    std::vector<trace::Episode> m_episodes;
};

int scaled(double scale, int n) { return std::max(1, static_cast<int>(std::lround(n * scale))); }

// ---- oltp: a web shop ------------------------------------------------------------------------------------

const char* const kOltpSchema = R"sql(
CREATE TABLE customers(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT, city TEXT,
                       created INTEGER, notes TEXT);
CREATE TABLE products(id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT, price INTEGER,
                      stock INTEGER, description TEXT);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, created INTEGER, status TEXT,
                    total INTEGER);
CREATE INDEX orders_customer ON orders(customer_id, created);
CREATE TABLE order_lines(id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, product_id INTEGER, qty INTEGER,
                         price INTEGER);
CREATE INDEX order_lines_order ON order_lines(order_id);
)sql";

std::string emailOf(int64_t id) {
    const uint64_t h = mix(static_cast<uint64_t>(id));
    return std::string(pickOf(kFirstNames, h)) + "." + pickOf(kLastNames, h >> 16) + std::to_string(id) + "@" +
           pickOf(kDomains, h >> 32);
}

// One order with its lines and the stock updates, inside the caller's transaction.
Status insertOrder(Session& s, Oltp& w, Rng& rng, int64_t customer, int session) {
    const int64_t order = ++w.orders;
    w.clock += rng.range(20, 400);
    int64_t total = 0;
    const int lineCount = static_cast<int>(rng.range(1, 5));
    for (int l = 0; l < lineCount; ++l) {
        const int64_t product = w.product(rng, session), qty = rng.range(1, 3);
        std::vector<int64_t> price;
        PRESCIENT_RETURN_IF_ERROR(s.q("SELECT price, stock FROM products WHERE id = ?", {product}, &price));
        const int64_t p = price.empty() ? 100 : price[0];
        total += p * qty;
        PRESCIENT_RETURN_IF_ERROR(
            s.q("INSERT INTO order_lines(id, order_id, product_id, qty, price) VALUES(?, ?, ?, ?, ?)",
                {++w.lines, order, product, qty, p}));
        PRESCIENT_RETURN_IF_ERROR(s.q("UPDATE products SET stock = max(stock - ?, 0) WHERE id = ?", {qty, product}));
    }
    return s.q("INSERT INTO orders(id, customer_id, created, status, total) VALUES(?, ?, ?, 'paid', ?)",
               {order, customer, w.clock, total});
}

Status insertCustomer(Session& s, Rng& rng, int64_t id, int64_t created) {
    const uint64_t h = mix(static_cast<uint64_t>(id));
    std::string name = std::string(pickOf(kFirstNames, h)) + " " + pickOf(kLastNames, h >> 16);
    return s.q(
        "INSERT INTO customers(id, email, name, city, created, notes) VALUES(?, ?, ?, ?, ?, ?)",
        {id, emailOf(id), name, std::string(kCities[rng.below(std::size(kCities))]), created, words(rng, 30, 160)});
}

Status generateOltp(const std::string& path, double scale, Rng& rng, Oltp* w) {
    auto db = createDatabase(path, kOltpSchema);
    if (!db.isOk()) return db.status();
    Session s(db.value());
    w->customers = scaled(scale, 8000);
    w->products = scaled(scale, 800);
    const int64_t orders = scaled(scale, 30000);
    w->rank(rng);
    Transaction tx(s);
    PRESCIENT_RETURN_IF_ERROR(tx.begin());
    for (int64_t id = 1; id <= w->customers; ++id)
        PRESCIENT_RETURN_IF_ERROR(insertCustomer(s, rng, id, w->clock - (w->customers - id) * 900));
    for (int64_t id = 1; id <= w->products; ++id) {
        char sku[32];
        std::snprintf(sku, sizeof sku, "SKU-%06lld", static_cast<long long>(mix(static_cast<uint64_t>(id)) % 1000000));
        PRESCIENT_RETURN_IF_ERROR(
            s.q("INSERT INTO products(id, sku, name, price, stock, description) VALUES(?, ?, ?, ?, ?, ?)",
                {id, std::string(sku) + "-" + std::to_string(id), words(rng, 12, 30), rng.range(199, 19999),
                 rng.range(0, 500), words(rng, 80, 400)}));
    }
    w->clock -= orders * 300;
    for (int64_t o = 0; o < orders; ++o) {
        // Orders come mostly from loyal customers, as the sessions' lookups do.
        const int64_t c = rng.chance(70) ? w->loyal[rng.skewed(w->loyal.size())] : rng.range(1, w->customers);
        PRESCIENT_RETURN_IF_ERROR(insertOrder(s, *w, rng, c, 0).withContext("generate " + path));
    }
    PRESCIENT_RETURN_IF_ERROR(tx.commit());
    return s.exec("ANALYZE");
}

}  // namespace

// One web-server process: several customers log in, look at their orders and browse products.
Status detail::webSession(Session& s, const Oltp& w, Rng& rng, int session) {
    const int users = static_cast<int>(rng.range(8, 18));
    for (int u = 0; u < users; ++u) {
        const int64_t c = w.customer(rng, session);
        PRESCIENT_RETURN_IF_ERROR(s.q("SELECT id, name, city FROM customers WHERE email = ?", {emailOf(c)}));
        std::vector<int64_t> orders;
        PRESCIENT_RETURN_IF_ERROR(
            s.q("SELECT id FROM orders WHERE customer_id = ? ORDER BY created DESC LIMIT 5", {c}, &orders));
        for (size_t i = 0; i < orders.size() && i < 2 && rng.chance(i == 0 ? 60 : 30); ++i) {
            PRESCIENT_RETURN_IF_ERROR(
                s.q("SELECT p.name, l.qty, l.price FROM order_lines l JOIN products p ON "
                    "p.id = l.product_id WHERE l.order_id = ?",
                    {orders[i]}));
        }
        const int views = static_cast<int>(rng.range(1, 5));
        for (int v = 0; v < views; ++v) {
            PRESCIENT_RETURN_IF_ERROR(
                s.q("SELECT name, price, stock, description FROM products WHERE id = ?", {w.product(rng, session)}));
        }
        if (rng.chance(25))
            PRESCIENT_RETURN_IF_ERROR(s.q("SELECT status, total FROM orders WHERE id = ?", {w.recentOrder(rng)}));
        if (rng.chance(10)) {
            char prefix[16];
            std::snprintf(prefix, sizeof prefix, "SKU-%02d", static_cast<int>(rng.below(100)));
            PRESCIENT_RETURN_IF_ERROR(s.q("SELECT id, name, price FROM products WHERE sku >= ? ORDER BY sku LIMIT 20",
                                          {std::string(prefix)}));
        }
    }
    return Status::ok();
}

namespace {

// One checkout worker: a few orders (some by new customers), then a shipping update.
Status checkoutSession(Session& s, Oltp& w, Rng& rng, int session) {
    const int orders = static_cast<int>(rng.range(1, 3));
    for (int o = 0; o < orders; ++o) {
        int64_t c;
        if (rng.chance(15)) {  // a sign-up: the new customer is inserted outside the order's transaction
            c = ++w.customers;
            PRESCIENT_RETURN_IF_ERROR(insertCustomer(s, rng, c, w.clock));
        } else {
            c = w.customer(rng, session);
            PRESCIENT_RETURN_IF_ERROR(s.q("SELECT id FROM customers WHERE email = ?", {emailOf(c)}));
        }
        Transaction tx(s);
        PRESCIENT_RETURN_IF_ERROR(tx.begin());
        PRESCIENT_RETURN_IF_ERROR(insertOrder(s, w, rng, c, session));
        PRESCIENT_RETURN_IF_ERROR(tx.commit());
    }
    if (rng.chance(50))
        PRESCIENT_RETURN_IF_ERROR(s.q("UPDATE orders SET status = 'shipped' WHERE id = ?", {w.recentOrder(rng)}));
    return Status::ok();
}

// The shop's traffic between two recorded sessions, on an untraced connection: a few sign-ups, orders
// (recent sign-ups among the buyers) and shipping updates. It moves the hot tail of every table.
Status backgroundTraffic(Session& s, Oltp& w, Rng& rng, int session) {
    Transaction tx(s);
    PRESCIENT_RETURN_IF_ERROR(tx.begin());
    for (int i = static_cast<int>(rng.range(1, 5)); i > 0; --i)
        PRESCIENT_RETURN_IF_ERROR(insertCustomer(s, rng, ++w.customers, w.clock));
    for (int i = static_cast<int>(rng.range(10, 40)); i > 0; --i)
        PRESCIENT_RETURN_IF_ERROR(insertOrder(s, w, rng, w.customer(rng, session), session));
    for (int i = static_cast<int>(rng.range(5, 15)); i > 0; --i)
        PRESCIENT_RETURN_IF_ERROR(s.q("UPDATE orders SET status = 'shipped' WHERE id = ?", {w.recentOrder(rng)}));
    return tx.commit();
}

Result<std::vector<trace::Episode>> runOltp(const std::string& path, const WorkloadOptions& o) {
    Rng rng(o.seed);
    Oltp w;
    PRESCIENT_RETURN_IF_ERROR(generateOltp(path, o.scale, rng, &w));
    Recorder rec(path);
    {
        auto shop = openPlain(path);
        if (!shop.isOk()) return shop.status();
        Session traffic(shop.value());
        for (int s = 0; s < o.sessions; ++s) {
            PRESCIENT_RETURN_IF_ERROR(backgroundTraffic(traffic, w, rng, s).withContext("traffic on " + path));
            if (rng.chance(20)) {
                PRESCIENT_RETURN_IF_ERROR(
                    rec.session("checkout", [&](Session& db) { return checkoutSession(db, w, rng, s); }));
            } else {
                PRESCIENT_RETURN_IF_ERROR(rec.session("web", [&](Session& db) { return webSession(db, w, rng, s); }));
            }
        }
    }
    PRESCIENT_RETURN_IF_ERROR(checkpoint(path));
    return rec.take();
}

// ---- reporting: a sales fact table with a date index -------------------------------------------------------

const char* const kReportingSchema = R"sql(
CREATE TABLE stores(id INTEGER PRIMARY KEY, name TEXT, region TEXT);
CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT, category TEXT, price INTEGER);
CREATE TABLE sales(id INTEGER PRIMARY KEY, day INTEGER NOT NULL, store_id INTEGER NOT NULL,
                   product_id INTEGER NOT NULL, qty INTEGER, amount INTEGER);
CREATE INDEX sales_day ON sales(day);
CREATE INDEX sales_store_day ON sales(store_id, day);
)sql";

constexpr int kStores = 40;
constexpr int kSalesProducts = 600;
constexpr int64_t kFirstDay = 19358;  // 2023-01-01 in days since the epoch

// Appends one day of sales: 200 to 320 rows, busier stores and products more often.
Status loadDay(Session& s, Rng& rng, const Zipf& products, int64_t day) {
    Transaction tx(s);
    PRESCIENT_RETURN_IF_ERROR(tx.begin());
    const int rows = static_cast<int>(rng.range(200, 320));
    for (int i = 0; i < rows; ++i) {
        const int64_t qty = rng.range(1, 4);
        PRESCIENT_RETURN_IF_ERROR(s.q("INSERT INTO sales(day, store_id, product_id, qty, amount) VALUES(?, ?, ?, ?, ?)",
                                      {day, 1 + static_cast<int64_t>(rng.skewed(kStores)),
                                       1 + static_cast<int64_t>(products.draw(rng)), qty, qty * rng.range(299, 4999)}));
    }
    return tx.commit();
}

}  // namespace

Status detail::reportSession(Session& s, Rng& rng, int64_t today, const Zipf& storeZipf) {
    const char* const byCategory =
        "SELECT p.category, sum(s.amount), count(*) FROM sales s JOIN products p ON p.id = s.product_id "
        "WHERE s.day BETWEEN ? AND ? GROUP BY p.category";
    // The three standing reports, in the order this user opens them.
    int order[3] = {0, 1, 2};
    for (int i = 2; i > 0; --i) std::swap(order[i], order[rng.below(static_cast<uint64_t>(i) + 1)]);
    for (int r : order) {
        if (r == 0) {
            const int64_t day = rng.chance(80) ? today : today - 1;
            PRESCIENT_RETURN_IF_ERROR(
                s.q("SELECT store_id, sum(amount), count(*) FROM sales WHERE day = ? GROUP BY store_id", {day}));
        } else if (r == 1) {
            PRESCIENT_RETURN_IF_ERROR(s.q(byCategory, {today - 6, today}));
        } else {
            PRESCIENT_RETURN_IF_ERROR(s.q(byCategory, {today - 13, today - 7}));
        }
    }
    if (rng.chance(35)) {
        std::vector<int64_t> top;
        PRESCIENT_RETURN_IF_ERROR(
            s.q("SELECT product_id, sum(qty) AS q FROM sales WHERE day BETWEEN ? AND ? "
                "GROUP BY product_id ORDER BY q DESC LIMIT 20",
                {today - 27, today}, &top));
        for (int64_t p : top) PRESCIENT_RETURN_IF_ERROR(s.q("SELECT name, category FROM products WHERE id = ?", {p}));
    }
    if (rng.chance(30)) {
        PRESCIENT_RETURN_IF_ERROR(
            s.q("SELECT day, sum(amount) FROM sales WHERE store_id = ? AND day BETWEEN ? AND ? "
                "GROUP BY day",
                {1 + static_cast<int64_t>(storeZipf.draw(rng)), today - 30, today}));
    }
    if (rng.chance(8)) PRESCIENT_RETURN_IF_ERROR(s.q(byCategory, {today - 371, today - 365}));
    if (rng.chance(5)) {
        const int64_t from = rng.range(kFirstDay, today - 30);
        PRESCIENT_RETURN_IF_ERROR(
            s.q("SELECT st.region, sum(s.amount) FROM sales s JOIN stores st ON st.id = s.store_id "
                "WHERE s.day BETWEEN ? AND ? GROUP BY st.region",
                {from, from + 29}));
    }
    return Status::ok();
}

namespace {

Result<std::vector<trace::Episode>> runReporting(const std::string& path, const WorkloadOptions& o) {
    Rng rng(o.seed);
    const Zipf products(kSalesProducts, 1.0), stores(kStores, 1.2);
    const int history = scaled(o.scale, 420);
    {
        auto db = createDatabase(path, kReportingSchema);
        if (!db.isOk()) return db.status();
        Session s(db.value());
        const char* const regions[] = {"north", "south", "east", "west", "central", "islands", "online", "export"};
        const char* const categories[] = {"books", "toys",  "garden",  "kitchen", "sports", "office",
                                          "music", "games", "outdoor", "home",    "beauty", "tools"};
        for (int i = 1; i <= kStores; ++i)
            PRESCIENT_RETURN_IF_ERROR(s.q("INSERT INTO stores VALUES(?, ?, ?)",
                                          {int64_t(i), "Store " + std::to_string(i), std::string(regions[i % 8])}));
        for (int i = 1; i <= kSalesProducts; ++i)
            PRESCIENT_RETURN_IF_ERROR(
                s.q("INSERT INTO products VALUES(?, ?, ?, ?)",
                    {int64_t(i), words(rng, 10, 30), std::string(categories[mix(i) % 12]), rng.range(299, 4999)}));
        for (int d = 0; d < history; ++d) PRESCIENT_RETURN_IF_ERROR(loadDay(s, rng, products, kFirstDay + d));
        PRESCIENT_RETURN_IF_ERROR(s.exec("ANALYZE"));
    }
    int64_t today = kFirstDay + history - 1;
    Recorder rec(path);
    {
        auto loader = openPlain(path);  // the nightly load: an untraced writer
        if (!loader.isOk()) return loader.status();
        Session load(loader.value());
        for (int s = 0; s < o.sessions; ++s) {
            if (rng.chance(50)) PRESCIENT_RETURN_IF_ERROR(loadDay(load, rng, products, ++today));
            PRESCIENT_RETURN_IF_ERROR(
                rec.session("report", [&](Session& db) { return reportSession(db, rng, today, stores); }));
        }
    }
    PRESCIENT_RETURN_IF_ERROR(checkpoint(path));
    return rec.take();
}

// ---- timeseries: sensor readings ---------------------------------------------------------------------------

const char* const kTimeseriesSchema = R"sql(
CREATE TABLE sensors(id INTEGER PRIMARY KEY, site INTEGER NOT NULL, name TEXT, kind TEXT, unit TEXT);
CREATE TABLE readings(id INTEGER PRIMARY KEY, sensor_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL);
CREATE INDEX readings_sensor_ts ON readings(sensor_id, ts);
)sql";

constexpr int kSites = 10;
constexpr int kSensorsPerSite = 16;

// Readings of every sensor for `minutes` minutes after *now (5% of them missing), in one transaction.
Status ingest(Session& s, Rng& rng, int64_t* now, int minutes) {
    Transaction tx(s);
    PRESCIENT_RETURN_IF_ERROR(tx.begin());
    for (int m = 0; m < minutes; ++m) {
        *now += 60;
        for (int sensor = 1; sensor <= kSites * kSensorsPerSite; ++sensor) {
            if (rng.chance(5)) continue;
            const double v = 20 + 10 * std::sin(static_cast<double>(*now) / 3600.0 + sensor) + rng.unit();
            PRESCIENT_RETURN_IF_ERROR(s.q("INSERT INTO readings(sensor_id, ts, value) VALUES(?, ?, ?)",
                                          {int64_t(sensor), *now, std::to_string(v)}));
        }
    }
    return tx.commit();
}

}  // namespace

// One dashboard: a site's sensors charted over its window, plus headline latest values.
Status detail::dashboard(Session& s, Rng& rng, int d, int64_t now) {
    const int64_t site = d % kSites;
    const int64_t window = d % 5 == 4 ? 6 * 3600 : (d % 3 + 1) * 1800;
    std::vector<int64_t> sensors;
    PRESCIENT_RETURN_IF_ERROR(s.q("SELECT id, name, kind, unit FROM sensors WHERE site = ?", {site}, &sensors));
    for (int64_t id : sensors) {
        PRESCIENT_RETURN_IF_ERROR(
            s.q("SELECT ts, value FROM readings WHERE sensor_id = ? AND ts >= ? ORDER BY ts", {id, now - window}));
    }
    for (int i = 0; i < 4 && !sensors.empty(); ++i) {
        PRESCIENT_RETURN_IF_ERROR(s.q("SELECT value FROM readings WHERE sensor_id = ? ORDER BY ts DESC LIMIT 1",
                                      {sensors[rng.below(sensors.size())]}));
    }
    if (rng.chance(5)) {  // someone scrolls back
        PRESCIENT_RETURN_IF_ERROR(
            s.q("SELECT ts, value FROM readings WHERE sensor_id = ? AND ts BETWEEN ? AND ? ORDER BY ts",
                {1 + static_cast<int64_t>(rng.below(kSites * kSensorsPerSite)), now - 86400, now - 86400 + 3600}));
    }
    return Status::ok();
}

namespace {

Result<std::vector<trace::Episode>> runTimeseries(const std::string& path, const WorkloadOptions& o) {
    Rng rng(o.seed);
    int64_t now = 1704067200;  // 2024-01-01
    {
        auto db = createDatabase(path, kTimeseriesSchema);
        if (!db.isOk()) return db.status();
        Session s(db.value());
        const char* const kinds[] = {"temperature", "humidity", "pressure", "power"};
        const char* const units[] = {"C", "%", "hPa", "kW"};
        for (int id = 1; id <= kSites * kSensorsPerSite; ++id)
            PRESCIENT_RETURN_IF_ERROR(
                s.q("INSERT INTO sensors VALUES(?, ?, ?, ?, ?)",
                    {int64_t(id), int64_t((id - 1) / kSensorsPerSite), "sensor " + std::to_string(id),
                     std::string(kinds[id % 4]), std::string(units[id % 4])}));
        const int history = scaled(o.scale, 900);
        for (int done = 0; done < history; done += 60)
            PRESCIENT_RETURN_IF_ERROR(ingest(s, rng, &now, std::min(60, history - done)));
        PRESCIENT_RETURN_IF_ERROR(s.exec("ANALYZE"));
    }
    const Zipf dashboards(kDashboards, 1.2);
    Recorder rec(path);
    for (int s = 0; s < o.sessions; ++s) {
        if (rng.chance(35)) {
            const int minutes = static_cast<int>(rng.range(4, 12));
            PRESCIENT_RETURN_IF_ERROR(rec.session("ingest", [&](Session& db) {
                std::vector<int64_t> ids;
                PRESCIENT_RETURN_IF_ERROR(db.q("SELECT id FROM sensors", {}, &ids));
                PRESCIENT_RETURN_IF_ERROR(db.q("SELECT max(ts) FROM readings WHERE sensor_id = 1"));
                return ingest(db, rng, &now, minutes);
            }));
        } else {
            PRESCIENT_RETURN_IF_ERROR(rec.session("dashboard", [&](Session& db) {
                const int views = static_cast<int>(rng.range(1, 3));
                for (int v = 0; v < views; ++v)
                    PRESCIENT_RETURN_IF_ERROR(dashboard(db, rng, static_cast<int>(dashboards.draw(rng)), now));
                return Status::ok();
            }));
        }
    }
    PRESCIENT_RETURN_IF_ERROR(checkpoint(path));
    return rec.take();
}

Result<int64_t> oltpReads(const std::string& dbPath, int sessions, uint64_t seed, trace::TraceSink* sink) {
    Oltp w;
    {
        auto db = openPlain(dbPath, SQLITE_OPEN_READONLY);
        if (!db.isOk()) return db.status();
        auto c = db->queryInt("SELECT max(id) FROM customers");
        auto p = db->queryInt("SELECT max(id) FROM products");
        auto o = db->queryInt("SELECT max(id) FROM orders");
        if (!c.isOk()) return c.status();
        if (!p.isOk()) return p.status();
        if (!o.isOk()) return o.status();
        w.customers = c.value();
        w.products = p.value();
        w.orders = o.value();
        if (w.customers < 1 || w.products < 1 || w.orders < 1)
            return Status::invalidArgument(dbPath + " is not a database of the oltp workload");
    }
    Rng rng(seed);
    w.rank(rng);
    std::unique_ptr<trace::TracingVfs> vfs;
    if (sink) vfs = std::make_unique<trace::TracingVfs>(sink, dbPath, false, Recorder::uniqueVfsName());
    int64_t queries = 0;
    for (int s = 0; s < sessions; ++s) {
        auto db = SqliteDb::open(dbPath, SQLITE_OPEN_READONLY, vfs ? vfs->name() : nullptr);
        if (!db.isOk()) return db.status();
        Session session(db.value());
        PRESCIENT_RETURN_IF_ERROR(webSession(session, w, rng, s).withContext("web session on " + dbPath));
        queries += session.queries();
    }
    return queries;
}

}  // namespace

const std::vector<std::string>& workloadNames() {
    static const std::vector<std::string> names = {"oltp", "reporting", "timeseries", "chinook"};
    return names;
}

std::vector<std::string> workloadProfiles(const std::string& name) {
    if (name == "oltp") return {"web", "checkout"};
    if (name == "reporting") return {"report"};
    if (name == "timeseries") return {"ingest", "dashboard"};
    if (name == "chinook") return {"account", "browse", "report", "checkout"};
    return {};
}

Result<std::vector<trace::Episode>> runWorkload(const std::string& name, const std::string& dbPath,
                                                const WorkloadOptions& options) {
    if (options.sessions < 1 || options.sessions > 1000000)
        return Status::invalidArgument("workload " + name + ": sessions must be in 1..1000000");
    if (!(options.scale >= 0.01 && options.scale <= 100))
        return Status::invalidArgument("workload " + name + ": scale must be in 0.01..100");
    try {
        if (name == "oltp") return runOltp(dbPath, options);
        if (name == "reporting") return runReporting(dbPath, options);
        if (name == "timeseries") return runTimeseries(dbPath, options);
        if (name == "chinook") return detail::runChinook(dbPath, options);
    } catch (const std::exception& e) {
        return Status::ioError("workload " + name + " on " + dbPath + ": " + e.what());
    }
    return Status::invalidArgument("unknown workload '" + name + "'");
}

Result<int64_t> runOltpReads(const std::string& dbPath, int sessions, uint64_t seed, trace::TraceSink* sink) {
    try {
        return oltpReads(dbPath, sessions, seed, sink);
    } catch (const std::exception& e) {
        return Status::ioError("oltp reads on " + dbPath + ": " + e.what());
    }
}

}  // namespace prescient::demo
