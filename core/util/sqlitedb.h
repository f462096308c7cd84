// Small RAII wrappers over SQLite handles, and the mapping of SQLite result codes to Status.
// A SqliteDb or Stmt is used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>

#include "util/status.h"

namespace prescient {

// Maps an SQLite result code to a Status whose detail is "<what>: <sqlite message>".
// NOTADB -> InvalidArgument, CORRUPT -> Corruption, BUSY/LOCKED -> Busy, FULL -> NoSpace,
// INTERRUPT -> Cancelled, everything else -> IoError.
Status sqliteStatus(int rc, sqlite3* db, const std::string& what);

// "file:PATH?immutable=1" with the characters SQLite URIs give a meaning to (%, ?, #) escaped: opens a
// database read-only without locks and without creating -wal/-shm (use with SQLITE_OPEN_URI).
std::string immutableFileUri(const std::string& path);

class SqliteDb {
public:
    SqliteDb() = default;
    ~SqliteDb() { close(); }
    SqliteDb(SqliteDb&& o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }
    SqliteDb& operator=(SqliteDb&& o) noexcept;
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    // flags as for sqlite3_open_v2; vfs may be null for the default VFS.
    static Result<SqliteDb> open(const std::string& path, int flags, const char* vfs = nullptr);
    Status exec(const std::string& sql, const std::string& what = "");
    // The single integer result of a query such as "PRAGMA page_count".
    Result<int64_t> queryInt(const std::string& sql);
    Result<std::string> queryText(const std::string& sql);
    sqlite3* handle() const { return m_db; }
    void close();

private:
    sqlite3* m_db = nullptr;
};

class Stmt {
public:
    Stmt(sqlite3* db, const char* sql);
    ~Stmt() { sqlite3_finalize(m_stmt); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    // The prepare status: check it before using the statement.
    const Status& prepared() const { return m_prepared; }
    Stmt& bind(int i, int64_t v);
    Stmt& bind(int i, const std::string& text);
    Stmt& bindBlob(int i, const void* p, size_t n);
    Stmt& bindNull(int i);
    // true: a row is ready; false: done. Errors name `what`.
    Result<bool> step(const std::string& what = "");
    // Runs to completion (for statements that return no rows).
    Status run(const std::string& what = "");
    void reset();
    int64_t colInt(int i) const { return sqlite3_column_int64(m_stmt, i); }
    std::string colText(int i) const;
    std::string colBlob(int i) const;
    bool colIsNull(int i) const { return sqlite3_column_type(m_stmt, i) == SQLITE_NULL; }
    sqlite3_stmt* handle() const { return m_stmt; }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    Status m_prepared;
};

}  // namespace prescient
