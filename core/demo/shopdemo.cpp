#include "demo/shopdemo.h"

#include <sqlite3.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <random>
#include <vector>

#include "util/env.h"
#include "util/sqlitedb.h"

namespace prescient::demo {

namespace {

// Draws mapped to ranges by hand, so that a seed gives the same shop on every platform.
class Rng {
public:
    explicit Rng(uint64_t seed) : m_gen(seed) {}
    // Uniform in [0, n), n > 0 (the modulo bias is negligible for the ranges used here).
    uint64_t below(uint64_t n) { return m_gen() % n; }
    int64_t range(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1)));
    }
    bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
    // In [0, n), skewed toward 0 (density ~ 1/sqrt(x)): popular items, recent customers.
    uint64_t skewed(uint64_t n) {
        uint64_t u = below(n);
        return u * u / n;
    }
    template <typename T, size_t N>
    const T& pick(const T (&items)[N]) {
        return items[below(N)];
    }

private:
    std::mt19937_64 m_gen;
};

const char* const kFirstNames[] = {
    "Anna",   "Ben",    "Clara",  "David",  "Emma",   "Felix",  "Grace",  "Hugo",    "Iris",   "Jonas",
    "Kara",   "Liam",   "Maria",  "Noah",   "Olivia", "Paul",   "Quinn",  "Rosa",    "Samuel", "Tara",
    "Ulrich", "Vera",   "Walter", "Xenia",  "Yusuf",  "Zoe",    "Amir",   "Beatriz", "Chen",   "Dmitri",
    "Elena",  "Fatima", "Giulia", "Hannah", "Ivan",   "Julia",  "Kenji",  "Lena",    "Mateo",  "Nadia",
    "Oscar",  "Priya",  "Rafael", "Sofia",  "Tomas",  "Ursula", "Victor", "Wei",     "Yara",   "Zainab",
};

const char* const kLastNames[] = {
    "Smith",   "Müller",    "Garcia",   "Rossi",  "Dubois",  "Nowak",    "Jensen",   "Silva",    "Kowalski", "Tanaka",
    "Novak",   "Fischer",   "Martin",   "Lopez",  "Bianchi", "Bernard",  "Hansen",   "Santos",   "Weber",    "Kim",
    "Johnson", "Schneider", "Moreau",   "Ricci",  "Larsen",  "Costa",    "Meyer",    "Nielsen",  "Petrov",   "Wagner",
    "Brown",   "Becker",    "Lefebvre", "Romano", "Berg",    "Ferreira", "Hoffmann", "Yamamoto", "Ivanova",  "Schulz",
};

const char* const kMailDomains[] = {"example.com",     "mail.example.org",    "inbox.example.net",
                                    "post.example.eu", "webmail.example.com", "example.de"};

struct City {
    const char* city;
    const char* country;
};

const City kCities[] = {
    {"Berlin", "DE"},  {"Hamburg", "DE"},   {"Munich", "DE"},     {"Paris", "FR"},      {"Lyon", "FR"},
    {"Madrid", "ES"},  {"Barcelona", "ES"}, {"Rome", "IT"},       {"Milan", "IT"},      {"Vienna", "AT"},
    {"Zurich", "CH"},  {"Amsterdam", "NL"}, {"Brussels", "BE"},   {"Copenhagen", "DK"}, {"Stockholm", "SE"},
    {"Oslo", "NO"},    {"Helsinki", "FI"},  {"Warsaw", "PL"},     {"Prague", "CZ"},     {"Lisbon", "PT"},
    {"Dublin", "IE"},  {"London", "GB"},    {"Manchester", "GB"}, {"New York", "US"},   {"Chicago", "US"},
    {"Toronto", "CA"}, {"Tokyo", "JP"},     {"Seoul", "KR"},      {"Sydney", "AU"},     {"São Paulo", "BR"},
};

struct Category {
    const char* name;
    const char* skuPrefix;
};

const Category kCategories[] = {
    {"Books", "BKS"},  {"Kitchen", "KIT"}, {"Garden", "GDN"},   {"Toys", "TOY"},    {"Electronics", "ELC"},
    {"Sports", "SPT"}, {"Office", "OFF"},  {"Clothing", "CLO"}, {"Outdoor", "OUT"}, {"Home", "HOM"},
};

const char* const kAdjectives[] = {"Classic",    "Compact", "Deluxe",     "Eco",     "Ergonomic", "Handmade",
                                   "Heavy-Duty", "Light",   "Modern",     "Premium", "Rustic",    "Smart",
                                   "Solid",      "Vintage", "Waterproof", "Wireless"};
const char* const kMaterials[] = {"Bamboo",  "Steel", "Cotton",    "Oak",   "Ceramic", "Wool",
                                  "Leather", "Glass", "Aluminium", "Linen", "Walnut",  "Copper"};
const char* const kNouns[] = {"Lamp",   "Chair",  "Kettle",  "Backpack", "Notebook",      "Speaker",     "Blanket",
                              "Mug",    "Jacket", "Planter", "Tent",     "Headphones",    "Desk",        "Knife",
                              "Bottle", "Puzzle", "Watch",   "Scarf",    "Cutting Board", "Bicycle Bell"};

const char* const kWords[] = {
    "the",      "and",      "with",     "for",         "a",        "of",        "to",       "is",        "in",
    "customer", "prefers",  "delivery", "weekday",     "morning",  "package",   "door",     "neighbour", "please",
    "call",     "before",   "arrival",  "gift",        "wrapping", "invoice",   "company",  "address",   "second",
    "floor",    "reliable", "quality",  "durable",     "material", "designed",  "everyday", "use",       "easy",
    "clean",    "comes",    "two",      "year",        "warranty", "perfect",   "small",    "apartment", "outdoor",
    "travel",   "sturdy",   "finish",   "sustainably", "sourced",  "carefully", "tested",   "colour",    "may",
    "vary",     "slightly", "from",     "photo",       "returns",  "accepted",  "within",   "thirty",    "days",
    "loyal",    "since",    "asked",    "about",       "discount", "bulk",      "order",    "office",    "supplies",
    "fragile",  "handle",   "care",     "ships",       "recycled", "box",       "fits",     "most",      "standard",
};

const char* const kStatuses[] = {"pending", "paid", "shipped", "delivered", "cancelled", "refunded"};
enum StatusIdx { kPending, kPaid, kShipped, kDelivered, kCancelled, kRefunded };

constexpr int64_t kSpanSeconds = int64_t(5) * 365 * 86400;  // history of the generated shop

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
constexpr int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

constexpr int64_t kStartTime = daysFromCivil(2019, 1, 1) * 86400;

// "YYYY-MM-DD HH:MM:SS" (UTC) of Unix seconds.
std::string formatTime(int64_t t) {
    int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    int64_t y;
    unsigned m, d;
    civilFromDays(days, &y, &m, &d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04" PRId64 "-%02u-%02u %02d:%02d:%02d", y, m, d, static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return buf;
}

// Inverse of formatTime; kStartTime when text is not in that form.
int64_t parseTime(const std::string& text) {
    int y, mo, d, h, mi, s;
    if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6) return kStartTime;
    return daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + s;
}

// Sentences of plain words, between minLen and maxLen characters, ending with a full stop.
std::string makeText(Rng& r, size_t minLen, size_t maxLen) {
    const size_t target = minLen + r.below(maxLen - minLen + 1);
    std::string out;
    bool startSentence = true;
    while (out.size() + 1 < target) {
        std::string w = r.pick(kWords);
        if (startSentence) w[0] = static_cast<char>(w[0] - 'a' + 'A');
        if (!out.empty()) out += ' ';
        out += w;
        startSentence = r.chance(12);
        if (startSentence) out += '.';
    }
    out.resize(target - 1);
    // Drop a word cut in half unless that makes the text too short.
    const size_t space = out.rfind(' ');
    if (space != std::string::npos && space + 1 >= minLen) out.resize(space);
    while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
    out += '.';
    while (out.size() < minLen) out += '.';
    return out;
}

std::string asciiLower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string customerEmail(const std::string& first, const std::string& last, int64_t id, Rng& r) {
    // Non-ASCII letters (Müller) stay as they are: internationalised addresses exist.
    return asciiLower(first) + "." + asciiLower(last) + std::to_string(id) + "@" + r.pick(kMailDomains);
}

// Binds and runs one customer insert for id.
Status insertCustomer(Stmt& st, Rng& r, int64_t id, int64_t createdAt) {
    const std::string first = r.pick(kFirstNames), last = r.pick(kLastNames);
    const City& city = r.pick(kCities);
    st.reset();
    st.bind(1, id).bind(2, first + " " + last).bind(3, customerEmail(first, last, id, r));
    st.bind(4, std::string(city.city)).bind(5, std::string(city.country)).bind(6, formatTime(createdAt));
    if (r.chance(90))
        st.bind(7, makeText(r, 50, 300));
    else
        st.bindNull(7);
    return st.run("insert customer");
}

int64_t makePrice(Rng& r) { return static_cast<int64_t>(r.skewed(500) * 100 + 99 + r.below(4) * 100); }

// Status of a generated order by how far back it lies (0 = newest, 1 = oldest).
int historicStatus(Rng& r, double age) {
    const int roll = static_cast<int>(r.below(100));
    if (age < 0.01) return roll < 40 ? kPending : roll < 70 ? kPaid : roll < 95 ? kShipped : kCancelled;
    if (age < 0.03) return roll < 60 ? kShipped : roll < 95 ? kDelivered : kCancelled;
    return roll < 93 ? kDelivered : roll < 98 ? kCancelled : kRefunded;
}

const char* const kSchema = R"sql(
CREATE TABLE customers(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    created_at TEXT NOT NULL,
    notes TEXT);
CREATE TABLE products(
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    stock INTEGER NOT NULL,
    description TEXT);
CREATE TABLE orders(
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    created_at TEXT NOT NULL,
    status TEXT NOT NULL,
    total_cents INTEGER NOT NULL);
CREATE TABLE order_lines(
    order_id INTEGER NOT NULL REFERENCES orders(id),
    line_no INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    qty INTEGER NOT NULL,
    price_cents INTEGER NOT NULL,
    PRIMARY KEY(order_id, line_no));
)sql";

// Created before the load so that they grow row by row, with the page splits and partly filled pages of
// a database that grew in real use rather than the tight pages of a sorted build.
const char* const kIndexes = R"sql(
CREATE INDEX orders_customer ON orders(customer_id);
CREATE INDEX orders_created ON orders(created_at);
CREATE INDEX order_lines_product ON order_lines(product_id);
CREATE INDEX customers_city ON customers(city);
)sql";

Status fillShop(SqliteDb& db, const ShopOptions& o) {
    Rng r(o.seed);
    sqlite3* h = db.handle();
    PRESCIENT_RETURN_IF_ERROR(db.exec("BEGIN"));
    PRESCIENT_RETURN_IF_ERROR(db.exec(kIndexes, "create indexes"));

    Stmt cust(h, "INSERT INTO customers(id, name, email, city, country, created_at, notes) VALUES(?,?,?,?,?,?,?)");
    PRESCIENT_RETURN_IF_ERROR(cust.prepared());
    const int64_t custStep = std::max<int64_t>(1, kSpanSeconds / o.customers);
    for (int64_t id = 1; id <= o.customers; ++id) {
        const int64_t t = kStartTime + (id - 1) * kSpanSeconds / o.customers + (id > 1 ? r.range(0, custStep - 1) : 0);
        PRESCIENT_RETURN_IF_ERROR(insertCustomer(cust, r, id, t));
    }

    Stmt prod(h,
              "INSERT INTO products(id, sku, name, category, price_cents, stock, description) VALUES(?,?,?,?,?,?,?)");
    PRESCIENT_RETURN_IF_ERROR(prod.prepared());
    std::vector<int64_t> prices(static_cast<size_t>(o.products) + 1);
    for (int64_t id = 1; id <= o.products; ++id) {
        const Category& cat = r.pick(kCategories);
        char sku[32];
        std::snprintf(sku, sizeof sku, "%s-%06" PRId64, cat.skuPrefix, id);
        prices[static_cast<size_t>(id)] = makePrice(r);
        prod.reset();
        prod.bind(1, id).bind(2, std::string(sku));
        prod.bind(3, std::string(r.pick(kAdjectives)) + " " + r.pick(kMaterials) + " " + r.pick(kNouns));
        prod.bind(4, std::string(cat.name)).bind(5, prices[static_cast<size_t>(id)]).bind(6, r.range(0, 500));
        prod.bind(7, makeText(r, 50, 300));
        PRESCIENT_RETURN_IF_ERROR(prod.run("insert product"));
    }

    Stmt ord(h, "INSERT INTO orders(id, customer_id, created_at, status, total_cents) VALUES(?,?,?,?,?)");
    Stmt line(h, "INSERT INTO order_lines(order_id, line_no, product_id, qty, price_cents) VALUES(?,?,?,?,?)");
    PRESCIENT_RETURN_IF_ERROR(ord.prepared());
    PRESCIENT_RETURN_IF_ERROR(line.prepared());
    for (int64_t id = 1; id <= o.orders; ++id) {
        const int64_t offset = (id - 1) * kSpanSeconds / o.orders + r.range(0, 3599);
        // Only customers who had signed up by then; half the orders come from the newest of them.
        const int64_t known = std::clamp<int64_t>(offset * o.customers / kSpanSeconds, 1, o.customers);
        const int64_t customer = r.chance(50) ? known - static_cast<int64_t>(r.skewed(static_cast<uint64_t>(known)))
                                              : 1 + static_cast<int64_t>(r.below(static_cast<uint64_t>(known)));
        const int lines = 1 + static_cast<int>(r.below(static_cast<uint64_t>(o.linesPerOrderMax)));
        int64_t total = 0;
        for (int n = 1; n <= lines; ++n) {
            const int64_t product = 1 + static_cast<int64_t>(r.skewed(static_cast<uint64_t>(o.products)));
            const int64_t qty = r.chance(80) ? 1 : r.range(2, 5);
            const int64_t price = prices[static_cast<size_t>(product)];
            total += qty * price;
            line.reset();
            line.bind(1, id).bind(2, n).bind(3, product).bind(4, qty).bind(5, price);
            PRESCIENT_RETURN_IF_ERROR(line.run("insert order line"));
        }
        const double age = static_cast<double>(o.orders - id) / o.orders;
        ord.reset();
        ord.bind(1, id).bind(2, customer).bind(3, formatTime(kStartTime + offset));
        ord.bind(4, std::string(kStatuses[historicStatus(r, age)])).bind(5, total);
        PRESCIENT_RETURN_IF_ERROR(ord.run("insert order"));
    }
    PRESCIENT_RETURN_IF_ERROR(db.exec("COMMIT"));
    return db.exec("PRAGMA analysis_limit=400; ANALYZE;", "analyze");
}

Status buildShop(const std::string& path, const ShopOptions& o) {
    auto opened = SqliteDb::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!opened.isOk()) return opened.status();
    SqliteDb db = std::move(opened).value();
    // The bulk load runs with a rollback journal and no syncs: new pages need no journal, and a WAL
    // would write every page twice. The requested mode is set at the end.
    PRESCIENT_RETURN_IF_ERROR(db.exec("PRAGMA page_size=" + std::to_string(o.pageSize)));
    PRESCIENT_RETURN_IF_ERROR(db.exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144"));
    PRESCIENT_RETURN_IF_ERROR(db.exec(kSchema, "create shop schema in " + path));
    auto ps = db.queryInt("PRAGMA page_size");
    if (!ps.isOk()) return ps.status();
    if (ps.value() != o.pageSize)
        return Status::ioError(path + ": SQLite refused page size " + std::to_string(o.pageSize));
    Status s = fillShop(db, o);
    if (!s.isOk()) {
        (void)db.exec("ROLLBACK");
        return s.withContext(path);
    }
    PRESCIENT_RETURN_IF_ERROR(db.exec("PRAGMA synchronous=FULL"));
    auto mode = db.queryText(o.wal ? "PRAGMA journal_mode=WAL" : "PRAGMA journal_mode=DELETE");
    if (!mode.isOk()) return mode.status();
    if (mode.value() != (o.wal ? "wal" : "delete")) return Status::ioError(path + ": journal_mode is " + mode.value());
    db.close();
    return Status::ok();
}

// A write transaction rolled back unless committed.
class WriteTxn {
public:
    explicit WriteTxn(SqliteDb& db) : m_db(db) {}
    ~WriteTxn() {
        if (m_open) (void)m_db.exec("ROLLBACK");
    }
    Status begin() {
        Status s = m_db.exec("BEGIN IMMEDIATE");
        m_open = s.isOk();
        return s;
    }
    Status commit() {
        Status s = m_db.exec("COMMIT");
        if (s.isOk()) m_open = false;
        return s;
    }

private:
    SqliteDb& m_db;
    bool m_open = false;
};

struct ShopState {
    int64_t maxCustomer = 0;
    int64_t maxProduct = 0;
    int64_t maxOrder = 0;
    int64_t now = 0;  // Unix seconds of the newest order
};

Result<ShopState> readState(SqliteDb& db) {
    ShopState s;
    auto c = db.queryInt("SELECT coalesce(max(id), 0) FROM customers");
    auto p = db.queryInt("SELECT coalesce(max(id), 0) FROM products");
    auto o = db.queryInt("SELECT coalesce(max(id), 0) FROM orders");
    auto t = db.queryText("SELECT coalesce(max(created_at), '') FROM orders");
    for (const Status* st : {&c.status(), &p.status(), &o.status(), &t.status()})
        if (!st->isOk()) return *st;
    if (c.value() < 1 || p.value() < 1) return Status::invalidArgument("not a shop database: no customers or products");
    s.maxCustomer = c.value();
    s.maxProduct = p.value();
    s.maxOrder = o.value();
    s.now = parseTime(t.value());
    return s;
}

Status addOrders(SqliteDb& db, Rng& r, ShopState& state, int count, WorkloadStats& stats) {
    constexpr int kBatch = 100;
    sqlite3* h = db.handle();
    Stmt price(h, "SELECT price_cents FROM products WHERE id = ?");
    Stmt ord(h, "INSERT INTO orders(customer_id, created_at, status, total_cents) VALUES(?,?,'pending',?)");
    Stmt line(h, "INSERT INTO order_lines(order_id, line_no, product_id, qty, price_cents) VALUES(?,?,?,?,?)");
    Stmt stock(h, "UPDATE products SET stock = max(stock - ?, 0) WHERE id = ?");
    for (const Stmt* st : {&price, &ord, &line, &stock}) PRESCIENT_RETURN_IF_ERROR(st->prepared());

    struct Line {
        int64_t product, qty, price;
    };
    for (int done = 0; done < count;) {
        WriteTxn txn(db);
        PRESCIENT_RETURN_IF_ERROR(txn.begin());
        for (int i = 0; i < kBatch && done < count; ++i, ++done) {
            const uint64_t nc = static_cast<uint64_t>(state.maxCustomer);
            const int64_t customer = r.chance(60) ? state.maxCustomer - static_cast<int64_t>(r.skewed(nc))
                                                  : 1 + static_cast<int64_t>(r.below(nc));
            std::vector<Line> lines(1 + r.below(4));
            int64_t total = 0;
            for (Line& l : lines) {
                l.product = 1 + static_cast<int64_t>(r.skewed(static_cast<uint64_t>(state.maxProduct)));
                l.qty = r.chance(80) ? 1 : r.range(2, 5);
                price.reset();
                price.bind(1, l.product);
                auto row = price.step("read product price");
                if (!row.isOk()) return row.status();
                l.price = row.value() ? price.colInt(0) : 999;
                price.reset();
                total += l.qty * l.price;
            }
            state.now += r.range(5, 120);
            ord.reset();
            ord.bind(1, customer).bind(2, formatTime(state.now)).bind(3, total);
            PRESCIENT_RETURN_IF_ERROR(ord.run("insert order"));
            const int64_t orderId = sqlite3_last_insert_rowid(h);
            state.maxOrder = std::max(state.maxOrder, orderId);
            for (size_t n = 0; n < lines.size(); ++n) {
                line.reset();
                line.bind(1, orderId).bind(2, static_cast<int64_t>(n + 1)).bind(3, lines[n].product);
                line.bind(4, lines[n].qty).bind(5, lines[n].price);
                PRESCIENT_RETURN_IF_ERROR(line.run("insert order line"));
                stock.reset();
                stock.bind(1, lines[n].qty).bind(2, lines[n].product);
                PRESCIENT_RETURN_IF_ERROR(stock.run("update stock"));
            }
            ++stats.ordersAdded;
        }
        PRESCIENT_RETURN_IF_ERROR(txn.commit());
    }
    return Status::ok();
}

// Status updates, product changes, new customers and deletions, in one transaction.
Status maintainShop(SqliteDb& db, Rng& r, ShopState& state, int newOrders, WorkloadStats& stats) {
    sqlite3* h = db.handle();
    WriteTxn txn(db);
    PRESCIENT_RETURN_IF_ERROR(txn.begin());

    if (state.maxOrder > 0) {
        Stmt get(h, "SELECT status FROM orders WHERE id = ?");
        Stmt set(h, "UPDATE orders SET status = ? WHERE id = ?");
        PRESCIENT_RETURN_IF_ERROR(get.prepared());
        PRESCIENT_RETURN_IF_ERROR(set.prepared());
        const uint64_t window = static_cast<uint64_t>(std::min<int64_t>(state.maxOrder, 5000));
        for (int i = 0, n = std::max(1, newOrders / 2); i < n; ++i) {
            const int64_t id = state.maxOrder - static_cast<int64_t>(r.skewed(window));
            get.reset();
            get.bind(1, id);
            auto row = get.step("read order status");
            if (!row.isOk()) return row.status();
            if (!row.value()) continue;  // deleted
            const std::string cur = get.colText(0);
            get.reset();
            const char* next = nullptr;
            if (cur == "pending")
                next = r.chance(90) ? "paid" : "cancelled";
            else if (cur == "paid")
                next = r.chance(97) ? "shipped" : "cancelled";
            else if (cur == "shipped")
                next = "delivered";
            else if (cur == "delivered" && r.chance(3))
                next = "refunded";
            if (!next) continue;
            set.reset();
            set.bind(1, std::string(next)).bind(2, id);
            PRESCIENT_RETURN_IF_ERROR(set.run("update order status"));
            ++stats.ordersUpdated;
        }
    }

    Stmt prod(h, "UPDATE products SET price_cents = max(99, price_cents * ? / 100), stock = stock + ? WHERE id = ?");
    PRESCIENT_RETURN_IF_ERROR(prod.prepared());
    for (int i = 0, n = std::max(1, newOrders / 50); i < n; ++i) {
        const bool reprice = r.chance(50);
        prod.reset();
        prod.bind(1, reprice ? r.range(90, 110) : int64_t(100)).bind(2, reprice ? 0 : r.range(20, 300));
        prod.bind(3, 1 + static_cast<int64_t>(r.below(static_cast<uint64_t>(state.maxProduct))));
        PRESCIENT_RETURN_IF_ERROR(prod.run("update product"));
        stats.productsUpdated += sqlite3_changes(h) > 0;
    }

    Stmt cust(h, "INSERT INTO customers(id, name, email, city, country, created_at, notes) VALUES(?,?,?,?,?,?,?)");
    PRESCIENT_RETURN_IF_ERROR(cust.prepared());
    for (int i = 0, n = std::max(1, newOrders / 20); i < n; ++i) {
        state.now += r.range(1, 60);
        PRESCIENT_RETURN_IF_ERROR(insertCustomer(cust, r, ++state.maxCustomer, state.now));
        ++stats.customersAdded;
    }

    Stmt old(h, "SELECT id FROM orders WHERE status = 'cancelled' AND id <= ? ORDER BY id LIMIT ?");
    Stmt delLines(h, "DELETE FROM order_lines WHERE order_id = ?");
    Stmt delOrder(h, "DELETE FROM orders WHERE id = ?");
    for (const Stmt* st : {&old, &delLines, &delOrder}) PRESCIENT_RETURN_IF_ERROR(st->prepared());
    old.bind(1, state.maxOrder / 2).bind(2, static_cast<int64_t>(std::max(1, newOrders / 100)));
    std::vector<int64_t> victims;
    for (;;) {
        auto row = old.step("find old cancelled orders");
        if (!row.isOk()) return row.status();
        if (!row.value()) break;
        victims.push_back(old.colInt(0));
    }
    old.reset();
    for (int64_t id : victims) {
        delLines.reset();
        delLines.bind(1, id);
        PRESCIENT_RETURN_IF_ERROR(delLines.run("delete order lines"));
        delOrder.reset();
        delOrder.bind(1, id);
        PRESCIENT_RETURN_IF_ERROR(delOrder.run("delete order"));
        ++stats.ordersDeleted;
    }
    return txn.commit();
}

}  // namespace

Status generateShop(const std::string& path, const ShopOptions& o) {
    if (o.customers < 1 || o.products < 1 || o.orders < 0 || o.linesPerOrderMax < 1 || o.pageSize < 512 ||
        o.pageSize > 65536 || (o.pageSize & (o.pageSize - 1)) != 0)
        return Status::invalidArgument(path + ": invalid shop options");
    Env* env = Env::posix();
    auto info = env->stat(path);
    if (info.isOk()) return Status::invalidArgument(path + ": exists already; the shop generator makes a new file");
    if (info.status().code() != Status::Code::kNotFound) return info.status();
    Status s = buildShop(path, o);
    if (!s.isOk()) {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) (void)env->remove(path + suffix);
    }
    return s;
}

Result<WorkloadStats> runShopWorkload(const std::string& path, int newOrders, uint64_t seed) {
    if (newOrders < 0) return Status::invalidArgument(path + ": negative order count");
    auto info = Env::posix()->stat(path);
    if (!info.isOk()) return info.status();
    auto opened = SqliteDb::open(path, SQLITE_OPEN_READWRITE);
    if (!opened.isOk()) return opened.status();
    SqliteDb db = std::move(opened).value();
    sqlite3_busy_timeout(db.handle(), 5000);
    PRESCIENT_RETURN_IF_ERROR(db.exec("PRAGMA synchronous=NORMAL"));
    auto state = readState(db);
    if (!state.isOk()) return state.status().withContext(path);

    Rng r(seed);
    WorkloadStats stats;
    Status s = addOrders(db, r, state.value(), newOrders, stats);
    if (s.isOk()) s = maintainShop(db, r, state.value(), newOrders, stats);
    if (!s.isOk()) return s.withContext(path);
    return stats;
}

std::string formatBytes(uint64_t n) {
    // Digits assembled by hand: printf's %f would follow the process locale ("12,3") once Qt has set it.
    static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (n < 1024) return std::to_string(n) + " B";
    double v = static_cast<double>(n);
    size_t unit = 0;
    while (v >= 1024 && unit + 1 < std::size(kUnits)) {
        v /= 1024;
        ++unit;
    }
    auto tenths = static_cast<uint64_t>(v * 10 + 0.5);
    if (tenths >= 10240 && unit + 1 < std::size(kUnits)) {  // 1023.96 KiB rounds to 1.0 MiB
        tenths = static_cast<uint64_t>(v * 10 / 1024 + 0.5);
        ++unit;
    }
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " " + kUnits[unit];
}

}  // namespace prescient::demo
