#include "util/sqlitedb.h"

namespace prescient {

Status sqliteStatus(int rc, sqlite3* db, const std::string& what) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    std::string d = what.empty() ? msg : what + ": " + msg;
    switch (rc & 0xff) {
        case SQLITE_OK:
        case SQLITE_DONE:
        case SQLITE_ROW:
            return Status::ok();
        case SQLITE_NOTADB:
            return Status::invalidArgument(d);
        case SQLITE_CORRUPT:
            return Status::corruption(d);
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Status::busy(d);
        case SQLITE_FULL:
            return Status::noSpace(d);
        case SQLITE_INTERRUPT:
            return Status::cancelled(d);
        default:
            return Status::ioError(d);
    }
}

std::string immutableFileUri(const std::string& path) {
    std::string uri = "file:";
    for (char c : path) {
        if (c == '%')
            uri += "%25";
        else if (c == '?')
            uri += "%3F";
        else if (c == '#')
            uri += "%23";
        else
            uri += c;
    }
    return uri + "?immutable=1";
}

SqliteDb& SqliteDb::operator=(SqliteDb&& o) noexcept {
    if (this != &o) {
        close();
        m_db = o.m_db;
        o.m_db = nullptr;
    }
    return *this;
}

Result<SqliteDb> SqliteDb::open(const std::string& path, int flags, const char* vfs) {
    SqliteDb db;
    int rc = sqlite3_open_v2(path.c_str(), &db.m_db, flags, vfs);
    if (rc != SQLITE_OK) return sqliteStatus(rc, db.m_db, "cannot open " + path);
    sqlite3_extended_result_codes(db.m_db, 1);
    return db;
}

void SqliteDb::close() {
    if (m_db) sqlite3_close_v2(m_db);
    m_db = nullptr;
}

Status SqliteDb::exec(const std::string& sql, const std::string& what) {
    int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr);
    return sqliteStatus(rc, m_db, what.empty() ? sql : what);
}

Result<int64_t> SqliteDb::queryInt(const std::string& sql) {
    Stmt st(m_db, sql.c_str());
    if (!st.prepared().isOk()) return st.prepared();
    auto r = st.step(sql);
    if (!r.isOk()) return r.status();
    if (!r.value()) return Status::notFound(sql + ": no row");
    return st.colInt(0);
}

Result<std::string> SqliteDb::queryText(const std::string& sql) {
    Stmt st(m_db, sql.c_str());
    if (!st.prepared().isOk()) return st.prepared();
    auto r = st.step(sql);
    if (!r.isOk()) return r.status();
    if (!r.value()) return Status::notFound(sql + ": no row");
    return st.colText(0);
}

Stmt::Stmt(sqlite3* db, const char* sql) : m_db(db) {
    int rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
    if (rc != SQLITE_OK) m_prepared = sqliteStatus(rc, db, std::string("prepare ") + sql);
}

Stmt& Stmt::bind(int i, int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, const std::string& text) {
    sqlite3_bind_text(m_stmt, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bindBlob(int i, const void* p, size_t n) {
    sqlite3_bind_blob64(m_stmt, i, p, n, SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bindNull(int i) {
    sqlite3_bind_null(m_stmt, i);
    return *this;
}

Result<bool> Stmt::step(const std::string& what) {
    if (!m_prepared.isOk()) return m_prepared;
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Status s = sqliteStatus(rc, m_db, what.empty() ? std::string(sqlite3_sql(m_stmt)) : what);
    sqlite3_reset(m_stmt);
    return s;
}

Status Stmt::run(const std::string& what) {
    auto r = step(what);
    if (!r.isOk()) return r.status();
    while (r.value()) {
        r = step(what);
        if (!r.isOk()) return r.status();
    }
    sqlite3_reset(m_stmt);
    return Status::ok();
}

void Stmt::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string Stmt::colText(int i) const {
    const unsigned char* p = sqlite3_column_text(m_stmt, i);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(m_stmt, i)) : std::string();
}

std::string Stmt::colBlob(int i) const {
    const void* p = sqlite3_column_blob(m_stmt, i);
    return p ? std::string(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt, i)) : std::string();
}

}  // namespace prescient
