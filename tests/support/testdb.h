// Test support: building varied SQLite databases and comparing databases by content and by bytes.
// Plain C++ over sqlite3 (no Qt), so core suites, benchmarks and fuzz targets can all use it.
//
// Every function opens its own connections and keeps no state: call them from any thread.
// Errors come back as values (false + message, or "error: ..." text) so a test can show them in QVERIFY2.
#pragma once

#include <cstdint>
#include <string>

namespace prescient::test {

// Creates a new database at path (replaced if it exists) in which every page type occurs: a rowid table
// with INTEGER/REAL/TEXT/BLOB/NULL values and two indexes, a WITHOUT ROWID table, a table of blobs
// bigger than a page (overflow chains), freelist pages (unless autoVacuum) and pointer-map pages (with
// autoVacuum, which is FULL). `rows` sets the size: about `rows` rows in the main table. Deterministic
// for a given seed. Returns false and fills *error (when given) on any SQLite error.
bool makeDatabase(const std::string& path, uint32_t pageSize, bool wal, int rows, bool autoVacuum = false,
                  uint64_t seed = 1, std::string* error = nullptr);

// XXH3-128 of the database's logical content: the schema (sqlite_schema rows by name, without root
// page numbers) and every table's rows (rowid tables in rowid order with the rowid, WITHOUT ROWID tables
// in primary key order), each value with its type. Virtual tables are skipped (their shadow tables are
// hashed). Opens read-only; a WAL-mode file without a -wal is opened as immutable, so that no -wal or
// -shm is left behind (do not write to it meanwhile). Returns 32 hex digits, or "error: <message>".
std::string logicalHash(const std::string& path);

// logicalHash through a named SQLite VFS (for instance the prescient VFS of a restoring target), opened
// read-only in the ordinary way (a busy timeout of 10 s).
std::string logicalHashVia(const std::string& path, const char* vfs);

// The text of PRAGMA integrity_check, rows joined by '\n': "ok" for a sound database. Opens the file
// read-only as immutable, so no -wal or -shm file is created (and none is read). "error: <message>"
// when the file cannot be opened.
std::string integrityCheck(const std::string& path);

// Compares two database files byte for byte, skipping the page-1 header fields that SQLite's backup
// API rewrites: the change counter (bytes 24..27), the schema cookie (40..43) and version-valid-for plus
// SQLite version number (92..99). Returns "" when they match, else the first difference:
// "size differs: X vs Y", "page 17 differs at byte 100" (pages count from 1, bytes from 0), or
// "error: <message>".
std::string firstPageDifference(const std::string& a, const std::string& b, uint32_t pageSize);

// PRESCIENT_SHARED_DATA_DIR (set by CMake) + "/chinook.sqlite": a real-world sample database.
std::string chinookPath();

// Copies a file's bytes (to is replaced). false on any error.
bool copyFile(const std::string& from, const std::string& to);

}  // namespace prescient::test
