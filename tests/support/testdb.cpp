#include "support/testdb.h"

#include "util/sqlitedb.h"

#include <sqlite3.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

#ifndef PRESCIENT_SHARED_DATA_DIR
#error "PRESCIENT_SHARED_DATA_DIR must be defined (a string literal: the folder holding chinook.sqlite)"
#endif

namespace prescient::test {

namespace {

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
    void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Opens path; on failure returns null and sets *error.
DbPtr openDb(const std::string& path, int flags, std::string* error, const char* vfs = nullptr) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, vfs);
    DbPtr db(raw);
    if (rc != SQLITE_OK) {
        *error = "cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
        return nullptr;
    }
    return db;
}

StmtPtr prepare(sqlite3* db, const std::string& sql, std::string* error) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        *error = "prepare " + sql + ": " + sqlite3_errmsg(db);
        sqlite3_finalize(st);
        return nullptr;
    }
    return StmtPtr(st);
}

bool exec(sqlite3* db, const std::string& sql, std::string* error) {
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) return true;
    *error = sql + ": " + sqlite3_errmsg(db);
    return false;
}

// Steps a bound insert/delete to completion and resets it.
bool runStmt(sqlite3* db, sqlite3_stmt* st, std::string* error) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return true;
    *error = std::string(sqlite3_sql(st)) + ": " + sqlite3_errmsg(db);
    return false;
}

std::string quoteIdent(const std::string& name) {
    std::string q = "\"";
    for (char c : name) {
        q += c;
        if (c == '"') q += '"';
    }
    return q + "\"";
}

// Bytes for blobs: runs of repeated bytes mixed with noise, so they compress a little as real data does.
std::vector<unsigned char> makeBytes(std::mt19937_64& rng, size_t n) {
    std::vector<unsigned char> out(n);
    for (size_t i = 0; i < n;) {
        const size_t run = std::min<size_t>(n - i, 1 + rng() % 64);
        const bool repeat = rng() % 2 == 0;
        const auto fill = static_cast<unsigned char>(rng());
        for (size_t k = 0; k < run; ++k) out[i + k] = repeat ? fill : static_cast<unsigned char>(rng());
        i += run;
    }
    return out;
}

std::string makeWords(std::mt19937_64& rng, size_t maxLen) {
    static const char* const kWords[] = {"alpha", "beta",  "gamma", "delta",    "sqlite",  "page",     "b-tree",
                                         "über",  "naïve", "日本",  "snapshot", "restore", "overflow", "freelist"};
    std::string s;
    const size_t target = rng() % (maxLen + 1);
    while (s.size() < target) {
        if (!s.empty()) s += ' ';
        s += kWords[rng() % std::size(kWords)];
    }
    return s;
}

bool fillDatabase(sqlite3* db, uint32_t pageSize, int rows, bool autoVacuum, uint64_t seed, std::string* error) {
    std::mt19937_64 rng(seed);
    const char* schema = R"sql(
        CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, data BLOB, score REAL, qty INTEGER, note TEXT);
        CREATE INDEX items_name ON items(name);
        CREATE INDEX items_qty_score ON items(qty, score);
        CREATE TABLE kv(k TEXT PRIMARY KEY, v BLOB, n INTEGER) WITHOUT ROWID;
        CREATE TABLE big(id INTEGER PRIMARY KEY, label TEXT, payload BLOB);
    )sql";
    if (!exec(db, "BEGIN", error) || !exec(db, schema, error)) return false;

    StmtPtr item = prepare(db, "INSERT INTO items(id, name, data, score, qty, note) VALUES(?,?,?,?,?,?)", error);
    StmtPtr kv = prepare(db, "INSERT OR REPLACE INTO kv(k, v, n) VALUES(?,?,?)", error);
    StmtPtr big = prepare(db, "INSERT INTO big(id, label, payload) VALUES(?,?,?)", error);
    if (!item || !kv || !big) return false;

    for (int i = 1; i <= rows; ++i) {
        sqlite3_stmt* st = item.get();
        sqlite3_bind_int64(st, 1, i);
        std::string name = makeWords(rng, 40) + " #" + std::to_string(rng() % 100000);
        sqlite3_bind_text(st, 2, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
        if (rng() % 5 == 0) {
            sqlite3_bind_null(st, 3);
        } else {
            auto bytes = makeBytes(rng, rng() % 200);
            sqlite3_bind_blob(st, 3, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
        }
        if (rng() % 7 == 0)
            sqlite3_bind_null(st, 4);
        else
            sqlite3_bind_double(st, 4, static_cast<double>(static_cast<int64_t>(rng() % 2000001) - 1000000) / 7.0);
        // Integers of every stored width, including the zero-byte serial types of 0 and 1.
        switch (rng() % 4) {
            case 0:
                sqlite3_bind_int64(st, 5, static_cast<int64_t>(rng() % 2));
                break;
            case 1:
                sqlite3_bind_int64(st, 5, static_cast<int64_t>(rng() % 1000) - 500);
                break;
            case 2:
                sqlite3_bind_int64(st, 5, static_cast<int64_t>(rng()));
                break;
            default:
                sqlite3_bind_int64(st, 5, static_cast<int64_t>(rng() % 100000000));
                break;
        }
        if (rng() % 3 == 0) {
            sqlite3_bind_null(st, 6);
        } else {
            std::string note = makeWords(rng, 100);
            sqlite3_bind_text(st, 6, note.data(), static_cast<int>(note.size()), SQLITE_TRANSIENT);
        }
        if (!runStmt(db, st, error)) return false;
    }

    for (int i = 0; i < rows / 2; ++i) {
        sqlite3_stmt* st = kv.get();
        char key[32];
        std::snprintf(key, sizeof key, "key-%012llx", static_cast<unsigned long long>(rng() & 0xffffffffffffULL));
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
        auto bytes = makeBytes(rng, 10 + rng() % 90);
        sqlite3_bind_blob(st, 2, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, i);
        if (!runStmt(db, st, error)) return false;
    }

    // Every third payload spans several pages (overflow chains); the others fit in a page or two.
    const int bigRows = std::max(3, rows / 20);
    for (int i = 1; i <= bigRows; ++i) {
        sqlite3_stmt* st = big.get();
        const size_t n = i % 3 == 1 ? pageSize * (1 + i % 4) + rng() % pageSize : rng() % pageSize;
        auto bytes = makeBytes(rng, n);
        sqlite3_bind_int64(st, 1, i);
        std::string label = "payload " + std::to_string(n);
        sqlite3_bind_text(st, 2, label.data(), static_cast<int>(label.size()), SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 3, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
        if (!runStmt(db, st, error)) return false;
    }
    if (!exec(db, "COMMIT", error)) return false;

    // Deletions leave freelist trunk and leaf pages (with auto-vacuum FULL the file shrinks instead).
    if (!exec(db, "DELETE FROM big WHERE id % 4 = 2; DELETE FROM items WHERE id % 10 = 3", error)) return false;
    if (autoVacuum) {
        StmtPtr check = prepare(db, "PRAGMA auto_vacuum", error);
        if (!check || sqlite3_step(check.get()) != SQLITE_ROW || sqlite3_column_int(check.get(), 0) != 1) {
            *error = "auto_vacuum did not take effect";
            return false;
        }
    }
    return true;
}

void hashBytes(XXH3_state_t* st, const void* p, size_t n) { XXH3_128bits_update(st, p, n); }

void hashU64(XXH3_state_t* st, uint64_t v) {
    unsigned char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
    hashBytes(st, b, 8);
}

void hashTag(XXH3_state_t* st, char tag) { hashBytes(st, &tag, 1); }

// Hashes every row of a statement: row marker, then each column as a type tag plus its value.
bool hashRows(XXH3_state_t* h, sqlite3* db, sqlite3_stmt* st, std::string* error) {
    const int cols = sqlite3_column_count(st);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        hashTag(h, 'R');
        for (int c = 0; c < cols; ++c) {
            switch (sqlite3_column_type(st, c)) {
                case SQLITE_NULL:
                    hashTag(h, 'N');
                    break;
                case SQLITE_INTEGER:
                    hashTag(h, 'I');
                    hashU64(h, static_cast<uint64_t>(sqlite3_column_int64(st, c)));
                    break;
                case SQLITE_FLOAT: {
                    hashTag(h, 'F');
                    const double d = sqlite3_column_double(st, c);
                    uint64_t bits;
                    std::memcpy(&bits, &d, sizeof bits);
                    hashU64(h, bits);
                    break;
                }
                case SQLITE_TEXT: {
                    hashTag(h, 'T');
                    const unsigned char* p = sqlite3_column_text(st, c);
                    const auto n = static_cast<size_t>(sqlite3_column_bytes(st, c));
                    hashU64(h, n);
                    hashBytes(h, p, n);
                    break;
                }
                default: {
                    hashTag(h, 'B');
                    const void* p = sqlite3_column_blob(st, c);
                    const auto n = static_cast<size_t>(sqlite3_column_bytes(st, c));
                    hashU64(h, n);
                    if (n) hashBytes(h, p, n);
                    break;
                }
            }
        }
    }
    if (rc == SQLITE_DONE) return true;
    *error = std::string(sqlite3_sql(st)) + ": " + sqlite3_errmsg(db);
    return false;
}

struct TableRef {
    std::string name;
    bool withoutRowid = false;
};

// Ordinary and shadow tables of the main schema, by name; views and virtual tables are left out.
bool listTables(sqlite3* db, std::vector<TableRef>* tables, std::string* error) {
    StmtPtr st = prepare(db,
                         "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'shadow') "
                         "AND name NOT IN ('sqlite_schema', 'sqlite_master') ORDER BY name",
                         error);
    if (!st) return false;
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
        tables->push_back(
            {reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0)), sqlite3_column_int(st.get(), 1) != 0});
    }
    if (rc == SQLITE_DONE) return true;
    *error = std::string("list tables: ") + sqlite3_errmsg(db);
    return false;
}

std::string toHex(const unsigned char* p, size_t n) {
    static const char kDigits[] = "0123456789abcdef";
    std::string s;
    for (size_t i = 0; i < n; ++i) {
        s += kDigits[p[i] >> 4];
        s += kDigits[p[i] & 15];
    }
    return s;
}

std::string computeLogicalHash(sqlite3* db, std::string* error) {
    struct StateFree {
        void operator()(XXH3_state_t* s) const { XXH3_freeState(s); }
    };
    std::unique_ptr<XXH3_state_t, StateFree> state(XXH3_createState());
    XXH3_state_t* h = state.get();
    XXH3_128bits_reset(h);

    if (!exec(db, "BEGIN", error)) return "";  // one read transaction: a consistent view
    hashTag(h, 'S');
    StmtPtr schema = prepare(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name", error);
    if (!schema || !hashRows(h, db, schema.get(), error)) return "";

    std::vector<TableRef> tables;
    if (!listTables(db, &tables, error)) return "";
    for (const TableRef& t : tables) {
        hashTag(h, 'T');
        hashU64(h, t.name.size());
        hashBytes(h, t.name.data(), t.name.size());
        // NOT INDEXED: scan the table's own b-tree, never a covering index, so the order is rowid or
        // primary key order.
        const std::string sql = t.withoutRowid
                                    ? "SELECT * FROM " + quoteIdent(t.name) + " NOT INDEXED"
                                    : "SELECT _rowid_, * FROM " + quoteIdent(t.name) + " NOT INDEXED ORDER BY _rowid_";
        StmtPtr rows = prepare(db, sql, error);
        if (!rows || !hashRows(h, db, rows.get(), error)) return "";
    }
    (void)exec(db, "COMMIT", error);

    XXH128_canonical_t canon;
    XXH128_canonicalFromHash(&canon, XXH3_128bits_digest(h));
    return toHex(canon.digest, sizeof canon.digest);
}

struct FileCloser {
    void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

std::string immutableUri(const std::string& path) { return immutableFileUri(path); }

bool fileExists(const std::string& path) {
    FilePtr f(std::fopen(path.c_str(), "rb"));
    return f != nullptr;
}

// True when the header says WAL mode (read and write versions 2) and no -wal file exists: then the main
// file holds everything, and opening it as immutable keeps SQLite from creating a -wal and -shm that a
// read-only connection could not remove again.
bool quiescentWal(const std::string& path) {
    FilePtr f(std::fopen(path.c_str(), "rb"));
    unsigned char header[20];
    if (!f || std::fread(header, 1, sizeof header, f.get()) != sizeof header) return false;
    return header[18] == 2 && header[19] == 2 && !fileExists(path + "-wal");
}

bool inIgnoredHeaderField(uint64_t offset) {
    return (offset >= 24 && offset < 28) || (offset >= 40 && offset < 44) || (offset >= 92 && offset < 100);
}

// Size of an open file, or -1.
long long fileSize(FILE* f) {
    if (std::fseek(f, 0, SEEK_END) != 0) return -1;
    const long long n = std::ftell(f);
    std::rewind(f);
    return n;
}

}  // namespace

bool makeDatabase(const std::string& path, uint32_t pageSize, bool wal, int rows, bool autoVacuum, uint64_t seed,
                  std::string* error) {
    std::string scratch;
    std::string* err = error ? error : &scratch;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    DbPtr db = openDb(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
    if (!db) return false;
    const std::string pragmas = "PRAGMA page_size=" + std::to_string(pageSize) +
                                "; PRAGMA auto_vacuum=" + (autoVacuum ? "FULL" : "NONE") +
                                "; PRAGMA journal_mode=" + (wal ? "WAL" : "DELETE");
    if (!exec(db.get(), pragmas, err)) return false;
    if (!fillDatabase(db.get(), pageSize, rows, autoVacuum, seed, err)) {
        *err = path + ": " + *err;
        return false;
    }
    StmtPtr ps = prepare(db.get(), "PRAGMA page_size", err);
    if (!ps || sqlite3_step(ps.get()) != SQLITE_ROW || sqlite3_column_int64(ps.get(), 0) != pageSize) {
        *err = path + ": SQLite refused page size " + std::to_string(pageSize);
        return false;
    }
    ps.reset();
    // Closing the last connection checkpoints a WAL into the main file and removes the -wal.
    if (sqlite3_close(db.release()) != SQLITE_OK) {
        *err = path + ": close failed";
        return false;
    }
    return true;
}

std::string logicalHash(const std::string& path) {
    std::string error;
    DbPtr db = quiescentWal(path) ? openDb(immutableUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &error)
                                  : openDb(path, SQLITE_OPEN_READONLY, &error);
    if (!db) return "error: " + error;
    std::string hash = computeLogicalHash(db.get(), &error);
    return hash.empty() ? "error: " + path + ": " + error : hash;
}

std::string logicalHashVia(const std::string& path, const char* vfs) {
    std::string error;
    DbPtr db = openDb(path, SQLITE_OPEN_READONLY, &error, vfs);
    if (!db) return "error: " + error;
    sqlite3_busy_timeout(db.get(), 10000);
    std::string hash = computeLogicalHash(db.get(), &error);
    return hash.empty() ? "error: " + path + ": " + error : hash;
}

std::string integrityCheck(const std::string& path) {
    std::string error;
    DbPtr db = openDb(immutableUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &error);
    if (!db) return "error: " + error;
    StmtPtr st = prepare(db.get(), "PRAGMA integrity_check", &error);
    if (!st) return "error: " + error;
    std::string out;
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
        if (!out.empty()) out += '\n';
        const unsigned char* text = sqlite3_column_text(st.get(), 0);
        out += text ? reinterpret_cast<const char*>(text) : "";
    }
    if (rc != SQLITE_DONE) {
        // A damaged file may fail the pragma itself ("database disk image is malformed"): report that.
        if (!out.empty()) out += '\n';
        out += sqlite3_errmsg(db.get());
    }
    return out;
}

std::string firstPageDifference(const std::string& a, const std::string& b, uint32_t pageSize) {
    if (pageSize == 0) return "error: page size 0";
    FilePtr fa(std::fopen(a.c_str(), "rb")), fb(std::fopen(b.c_str(), "rb"));
    if (!fa) return "error: cannot open " + a;
    if (!fb) return "error: cannot open " + b;
    const long long sa = fileSize(fa.get()), sb = fileSize(fb.get());
    if (sa < 0 || sb < 0) return "error: cannot size " + (sa < 0 ? a : b);
    if (sa != sb) return "size differs: " + std::to_string(sa) + " vs " + std::to_string(sb);

    std::vector<unsigned char> pa(pageSize), pb(pageSize);
    for (uint64_t page = 1;; ++page) {
        const size_t na = std::fread(pa.data(), 1, pageSize, fa.get());
        const size_t nb = std::fread(pb.data(), 1, pageSize, fb.get());
        if (na != nb) return "error: short read at page " + std::to_string(page);
        for (size_t i = 0; i < na; ++i) {
            if (pa[i] != pb[i] && !(page == 1 && inIgnoredHeaderField(i)))
                return "page " + std::to_string(page) + " differs at byte " + std::to_string(i);
        }
        if (na < pageSize) break;
    }
    if (std::ferror(fa.get()) || std::ferror(fb.get())) return "error: read failed";
    return "";
}

std::string chinookPath() { return std::string(PRESCIENT_SHARED_DATA_DIR) + "/chinook.sqlite"; }

bool copyFile(const std::string& from, const std::string& to) {
    FilePtr in(std::fopen(from.c_str(), "rb"));
    if (!in) return false;
    FilePtr out(std::fopen(to.c_str(), "wb"));
    if (!out) return false;
    std::vector<char> buf(1 << 20);
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), in.get())) > 0) {
        if (std::fwrite(buf.data(), 1, n, out.get()) != n) return false;
    }
    if (std::ferror(in.get())) return false;
    return std::fclose(out.release()) == 0;
}

}  // namespace prescient::test
