// Restore of a partition backup (partitionbackup.h): the end map recorded in partition_backups.end_map, each
// partition restored from its copy's snapshot and filtered to its end range, partmap.db written for the end
// map, then PartitionSet::check() on a read-only open.
#include <charconv>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <variant>

#include "partition/partitionbackup.h"
#include "restore/plainrestore.h"
#include "util/env.h"
#include "util/sqlitedb.h"

namespace prescient::partition {

namespace {

// A small JSON reader for the end map (objects, arrays, strings, integers, reals, true/false/null).
struct Json {
    enum Type { kNull, kBool, kInt, kReal, kString, kArray, kObject } type = kNull;
    bool b = false;
    int64_t i = 0;
    double r = 0;
    std::string s;
    std::vector<Json> items;
    std::map<std::string, Json> fields;
    const Json* get(const std::string& k) const {
        auto it = fields.find(k);
        return it == fields.end() ? nullptr : &it->second;
    }
};

class JsonParser {
public:
    explicit JsonParser(const std::string& t) : m_t(t) {}
    bool parse(Json* out) {
        if (!value(out, 0)) return false;
        ws();
        return m_p == m_t.size();
    }

private:
    void ws() {
        while (m_p < m_t.size() && std::isspace(static_cast<unsigned char>(m_t[m_p]))) ++m_p;
    }
    bool lit(const char* w) {
        size_t n = std::char_traits<char>::length(w);
        if (m_t.compare(m_p, n, w) != 0) return false;
        m_p += n;
        return true;
    }
    bool str(std::string* out) {
        if (m_t[m_p] != '"') return false;
        ++m_p;
        while (m_p < m_t.size() && m_t[m_p] != '"') {
            char c = m_t[m_p++];
            if (c != '\\') {
                *out += c;
                continue;
            }
            if (m_p >= m_t.size()) return false;
            char e = m_t[m_p++];
            switch (e) {
                case 'n':
                    *out += '\n';
                    break;
                case 't':
                    *out += '\t';
                    break;
                case 'r':
                    *out += '\r';
                    break;
                case 'b':
                    *out += '\b';
                    break;
                case 'f':
                    *out += '\f';
                    break;
                case 'u': {
                    if (m_p + 4 > m_t.size()) return false;
                    unsigned v = static_cast<unsigned>(std::strtoul(m_t.substr(m_p, 4).c_str(), nullptr, 16));
                    m_p += 4;
                    if (v < 0x80) {
                        *out += static_cast<char>(v);
                    } else if (v < 0x800) {
                        *out += static_cast<char>(0xC0 | (v >> 6));
                        *out += static_cast<char>(0x80 | (v & 0x3F));
                    } else {
                        *out += static_cast<char>(0xE0 | (v >> 12));
                        *out += static_cast<char>(0x80 | ((v >> 6) & 0x3F));
                        *out += static_cast<char>(0x80 | (v & 0x3F));
                    }
                    break;
                }
                default:
                    *out += e;
            }
        }
        if (m_p >= m_t.size()) return false;
        ++m_p;
        return true;
    }
    bool value(Json* v, int depth) {
        if (depth > 32) return false;
        ws();
        if (m_p >= m_t.size()) return false;
        char c = m_t[m_p];
        if (c == '{') {
            v->type = Json::kObject;
            ++m_p;
            ws();
            if (m_p < m_t.size() && m_t[m_p] == '}') return ++m_p, true;
            while (true) {
                ws();
                std::string k;
                if (m_p >= m_t.size() || !str(&k)) return false;
                ws();
                if (m_p >= m_t.size() || m_t[m_p++] != ':') return false;
                if (!value(&v->fields[k], depth + 1)) return false;
                ws();
                if (m_p >= m_t.size()) return false;
                if (m_t[m_p] == ',') {
                    ++m_p;
                    continue;
                }
                return m_t[m_p++] == '}';
            }
        }
        if (c == '[') {
            v->type = Json::kArray;
            ++m_p;
            ws();
            if (m_p < m_t.size() && m_t[m_p] == ']') return ++m_p, true;
            while (true) {
                v->items.emplace_back();
                if (!value(&v->items.back(), depth + 1)) return false;
                ws();
                if (m_p >= m_t.size()) return false;
                if (m_t[m_p] == ',') {
                    ++m_p;
                    continue;
                }
                return m_t[m_p++] == ']';
            }
        }
        if (c == '"') {
            v->type = Json::kString;
            return str(&v->s);
        }
        if (lit("null")) return v->type = Json::kNull, true;
        if (lit("true")) return v->type = Json::kBool, v->b = true, true;
        if (lit("false")) return v->type = Json::kBool, v->b = false, true;
        size_t start = m_p;
        while (m_p < m_t.size() && (std::isdigit(static_cast<unsigned char>(m_t[m_p])) || m_t[m_p] == '-' ||
                                    m_t[m_p] == '+' || m_t[m_p] == '.' || m_t[m_p] == 'e' || m_t[m_p] == 'E'))
            ++m_p;
        if (start == m_p) return false;
        std::string num = m_t.substr(start, m_p - start);
        if (num.find_first_of(".eE") == std::string::npos) {
            v->type = Json::kInt;
            v->i = std::strtoll(num.c_str(), nullptr, 10);
        } else {
            v->type = Json::kReal;
            std::from_chars(num.data(), num.data() + num.size(), v->r);  // locale-independent, unlike strtod
        }
        return true;
    }
    const std::string& m_t;
    size_t m_p = 0;
};

std::string quoted(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

struct EndPartition {
    int64_t id = 0, lo = kMinKey, hi = kMaxKey;
    std::string snapshot;
};

}  // namespace

Result<int64_t> resolvePartitionBackup(repo::Repository& repo, const std::string& spec) {
    if (spec == "latest") {
        auto all = repo.catalog().listPartitionBackups();
        if (!all.isOk()) return all.status();
        for (auto it = all->rbegin(); it != all->rend(); ++it)
            if (it->status == "complete") return it->id;
        return Status::notFound("no complete partition backup in repository " + repo.dir());
    }
    char* end = nullptr;
    long long id = std::strtoll(spec.c_str(), &end, 10);
    if (spec.empty() || !end || *end || id <= 0)
        return Status::invalidArgument("partition backup '" + spec + "': give its id (a number) or 'latest'");
    return static_cast<int64_t>(id);
}

Result<PartitionRestoreResult> restorePartitionBackup(repo::Repository& repo, int64_t backupId,
                                                      const std::string& targetIn, const JobControl& job) {
    auto t0 = std::chrono::steady_clock::now();
    Env* env = repo.env();
    const std::string what = "partition backup " + std::to_string(backupId);
    auto rec = repo.catalog().partitionBackup(backupId);
    if (!rec.isOk()) return rec.status();
    if (!rec.value()) return Status::notFound(what + " not found in repository " + repo.dir());
    if (rec.value()->status != "complete")
        return Status::invalidArgument(what + " is " + rec.value()->status + ", not complete: nothing to restore");
    Json map;
    if (!JsonParser(rec.value()->endMap).parse(&map) || map.type != Json::kObject || !map.get("partitions") ||
        map.get("partitions")->type != Json::kArray || !map.get("schema") || !map.get("key"))
        return Status::corruption(what + ": its end map is not readable JSON of format 1");
    SetOptions opts;
    opts.schema = map.get("schema")->s;
    opts.keyColumn = map.get("key")->s;
    if (const Json* b = map.get("stats_bucket_us"); b && b->type == Json::kInt) opts.statsBucketUs = b->i;
    const bool filter = !map.get("filter") || map.get("filter")->b;
    PartitionMap endMap;
    if (const Json* e = map.get("epoch"); e && e->type == Json::kInt) endMap.epoch = static_cast<uint64_t>(e->i);
    std::vector<EndPartition> parts;
    for (const Json& j : map.get("partitions")->items) {
        EndPartition p;
        const Json *id = j.get("id"), *lo = j.get("lo"), *hi = j.get("hi"), *snap = j.get("snapshot");
        if (!id || id->type != Json::kInt || !lo || !hi || !snap)
            return Status::corruption(what + ": a partition of its end map lacks id, lo, hi or snapshot");
        p.id = id->i;
        p.lo = lo->type == Json::kInt ? lo->i : kMinKey;
        p.hi = hi->type == Json::kInt ? hi->i : kMaxKey;
        p.snapshot = snap->s;
        if (p.snapshot.empty() && filter)
            return Status::corruption(what + ": partition " + std::to_string(p.id) + " has no copy");
        parts.push_back(p);
        PartitionInfo info;
        info.id = p.id;
        info.lo = p.lo;
        info.hi = p.hi;
        endMap.partitions.push_back(info);
    }
    if (parts.empty()) return Status::corruption(what + ": its end map has no partition");

    PartitionRestoreResult res;
    res.backupId = backupId;
    res.target = absolutePath(targetIn);
    PRESCIENT_RETURN_IF_ERROR(env->createDir(res.target).withContext("restore target"));
    auto names = env->listDir(res.target);
    if (!names.isOk()) return names.status();
    if (!names->empty()) return Status::invalidArgument("restore target " + res.target + " is not empty");

    const std::string k = quoted(opts.keyColumn);
    std::string table;
    std::vector<std::string> ddl;  // the first restored partition's schema, for partitions never copied
    std::vector<const EndPartition*> empty;
    size_t done = 0;
    for (const EndPartition& p : parts) {
        if (job.cancelled()) return Status::cancelled("partition restore cancelled");
        job.report({"restore", done++, parts.size(), 0});
        const std::string file = joinPath(res.target, "p" + std::to_string(p.id) + ".db");
        if (p.snapshot.empty()) {
            empty.push_back(&p);
            continue;
        }
        auto snap = repo.resolveSnapshot(p.snapshot);
        if (!snap.isOk()) return snap.status().withContext(what + ", partition " + std::to_string(p.id));
        restore::RestoreOptions ro;
        ro.check = restore::StructureCheck::kQuick;
        ro.job.cancel = job.cancel;
        auto r = restore::restoreSnapshot(repo, snap.value(), file, ro);
        if (!r.isOk()) return r.status().withContext(what + ", partition " + std::to_string(p.id));
        auto db = SqliteDb::open(file, SQLITE_OPEN_READWRITE);
        if (!db.isOk()) return db.status();
        if (table.empty()) {
            Stmt st(db->handle(), "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid");
            while (true) {
                auto row = st.step(file + ": read schema");
                if (!row.isOk()) return row.status();
                if (!row.value()) break;
                if (st.colText(0) == "table" && table.empty()) table = st.colText(1);
                ddl.push_back(st.colText(2));
            }
        }
        if (filter && !table.empty()) {  // rows a split or merge moved away after the copy
            std::string sql = "DELETE FROM " + quoted(table) + " WHERE " + k + " < ?1" +
                              (p.hi == kMaxKey ? std::string() : " OR " + k + " >= ?2");
            Stmt del(db->handle(), sql.c_str());
            del.bind(1, p.lo);
            if (p.hi != kMaxKey) del.bind(2, p.hi);
            PRESCIENT_RETURN_IF_ERROR(del.run(file + ": filter to the partition's range"));
            res.rowsFiltered += static_cast<uint64_t>(sqlite3_changes64(db->handle()));
        }
        PRESCIENT_RETURN_IF_ERROR(db->exec("PRAGMA wal_checkpoint(TRUNCATE)", file));
    }
    for (const EndPartition* p : empty) {  // naive only: a partition its walk never copied starts empty
        if (ddl.empty()) ddl.push_back(opts.schema);
        const std::string file = joinPath(res.target, "p" + std::to_string(p->id) + ".db");
        auto db = SqliteDb::open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        if (!db.isOk()) return db.status();
        PRESCIENT_RETURN_IF_ERROR(db->exec("PRAGMA auto_vacuum=INCREMENTAL; PRAGMA journal_mode=WAL", file));
        for (const std::string& sql : ddl) PRESCIENT_RETURN_IF_ERROR(db->exec(sql, file + ": create schema"));
    }
    PRESCIENT_RETURN_IF_ERROR(env->syncDir(res.target));
    PRESCIENT_RETURN_IF_ERROR(PartitionSet::createFromMap(res.target, opts, endMap));
    res.partitions = parts.size();
    // Read-only: no recovery may tidy what the backup restored; check() reports it as it is.
    auto set = PartitionSet::open(res.target, PartitionSet::Access::kRead);
    if (!set.isOk()) {
        res.check = set.status();
    } else {
        res.check = set.value()->check();
        for (const PartitionInfo& p : set.value()->map().partitions) res.rows += p.rows;
    }
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

}  // namespace prescient::partition
