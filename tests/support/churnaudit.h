// Test support (Qt-free, shared by tst_partitionbackup and bench_partitions): judging a restored partition
// set against the writes a churn made (core/partition/churn.h ChurnOptions::onWrite), and the hook that
// forces a split and a merge around a backup's primary copies (where a naive walk loses and duplicates
// rows). The judge is the test oracle of the partition backup's guarantee: every key alive through the
// window restored exactly once, with a value it held inside the window.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "partition/churn.h"
#include "partition/partitionset.h"
#include "util/sqlitedb.h"

namespace prescient::test {

using partition::ChurnWrite;
using partition::kMaxKey;
using partition::PartitionInfo;
using partition::PartitionMap;
using partition::PartitionSet;

inline std::string valueText(const PartitionSet::Value& v) {
    char buf[64];
    switch (v.type) {
        case PartitionSet::Value::kNull:
            return "null";
        case PartitionSet::Value::kInt:
            return "i" + std::to_string(v.i);
        case PartitionSet::Value::kReal:
            std::snprintf(buf, sizeof buf, "r%.17g", v.r);
            return buf;
        default:
            return "t" + v.s;
    }
}

// What the churn wrote, when: enough to say which values each key held during any window.
class WriteLog {
public:
    void add(const ChurnWrite& w) {
        std::lock_guard<std::mutex> g(m_mu);
        m_writes.push_back(w);
    }
    size_t size() {
        std::lock_guard<std::mutex> g(m_mu);
        return m_writes.size();
    }

    struct Verdict {
        uint64_t expected = 0;    // keys alive through the window
        uint64_t restored = 0;    // rows restored
        uint64_t lost = 0;        // expected keys missing
        uint64_t duplicated = 0;  // extra copies of a key
        uint64_t badValue = 0;    // a value the key never held inside the window (or a key deleted before it)
        std::string firstProblem;
    };

    // restored: key -> the rows found for it (column "sensor|value|note" texts), from every partition file.
    Verdict judge(const std::multimap<int64_t, std::string>& restored, int64_t startUs, int64_t endUs) {
        std::lock_guard<std::mutex> g(m_mu);
        struct Version {
            int64_t before, after;
            std::string row;
        };
        std::map<int64_t, std::vector<Version>> versions;
        std::map<int64_t, std::map<std::string, PartitionSet::Value>> current;
        std::vector<const ChurnWrite*> removals;
        std::vector<const ChurnWrite*> ordered;
        for (const ChurnWrite& w : m_writes) ordered.push_back(&w);
        std::stable_sort(ordered.begin(), ordered.end(),
                         [](const ChurnWrite* a, const ChurnWrite* b) { return a->afterUs < b->afterUs; });
        for (const ChurnWrite* w : ordered) {
            if (w->kind == ChurnWrite::kRemoveBelow) {
                removals.push_back(w);
                continue;
            }
            auto& cols = current[w->key];
            if (w->kind == ChurnWrite::kInsert) cols.clear();
            for (const auto& [name, v] : w->row)
                if (name != "ts") cols[name] = v;
            versions[w->key].push_back({w->beforeUs, w->afterUs, rowText(cols)});
        }
        Verdict v;
        auto fail = [&](const std::string& what) {
            if (v.firstProblem.empty()) v.firstProblem = what;
        };
        for (const auto& [key, vs] : versions) {
            // The retention pass that deleted it: the first one with a higher bound after it was inserted.
            const ChurnWrite* del = nullptr;
            for (const ChurnWrite* r : removals)
                if (r->key > key && r->afterUs > vs.front().before) {
                    del = r;
                    break;
                }
            const bool alive = vs.front().after <= startUs && (!del || del->beforeUs > endUs);
            auto range = restored.equal_range(key);
            const size_t n = static_cast<size_t>(std::distance(range.first, range.second));
            if (alive) ++v.expected;
            if (n == 0) {
                if (alive) {
                    ++v.lost;
                    fail("key " + std::to_string(key) + " lost");
                }
                continue;
            }
            if (n > 1) {
                v.duplicated += n - 1;
                fail("key " + std::to_string(key) + " restored " + std::to_string(n) + " times");
            }
            for (auto it = range.first; it != range.second; ++it) {
                bool ok = false;
                for (size_t i = 0; i < vs.size() && !ok; ++i) {
                    const int64_t until = i + 1 < vs.size() ? vs[i + 1].after : (del ? del->afterUs : INT64_MAX);
                    ok = vs[i].row == it->second && vs[i].before <= endUs && until >= startUs;
                }
                if (!ok) {
                    ++v.badValue;
                    fail("key " + std::to_string(key) + " restored with " + it->second +
                         ", which it did not hold inside the window");
                }
            }
        }
        for (const auto& [key, row] : restored) {
            ++v.restored;
            if (!versions.count(key)) {
                ++v.badValue;
                fail("key " + std::to_string(key) + " was never written");
            }
        }
        return v;
    }

    static std::string rowText(const std::map<std::string, PartitionSet::Value>& cols) {
        std::string s;
        for (const char* c : {"sensor", "value", "note"}) {
            auto it = cols.find(c);
            s += (it == cols.end() ? std::string("null") : valueText(it->second)) + "|";
        }
        return s;
    }

private:
    std::mutex m_mu;
    std::vector<ChurnWrite> m_writes;
};

// Every row of every partition file of a restored set, whatever its range (duplicates kept), and the rows
// found outside their file's end range.
struct Restored {
    std::multimap<int64_t, std::string> rows;
    uint64_t outside = 0;
};

inline Restored readRestored(const std::string& dir) {
    Restored r;
    auto meta = SqliteDb::open(dir + "/partmap.db", SQLITE_OPEN_READONLY);
    if (!meta.isOk()) return r;
    Stmt parts(meta->handle(), "SELECT id, file, lo, hi FROM partitions");
    while (true) {
        auto more = parts.step();
        if (!more.isOk() || !more.value()) break;
        const int64_t lo = parts.colInt(2);
        const int64_t hi = parts.colIsNull(3) ? kMaxKey : parts.colInt(3);
        auto db = SqliteDb::open(dir + "/" + parts.colText(1), SQLITE_OPEN_READONLY);
        if (!db.isOk()) continue;
        Stmt st(db->handle(), "SELECT ts, sensor, value, note FROM readings");
        while (true) {
            auto row = st.step();
            if (!row.isOk() || !row.value()) break;
            std::map<std::string, PartitionSet::Value> cols;
            cols["sensor"] = PartitionSet::Value::integer(st.colInt(1));
            cols["value"] = sqlite3_column_type(st.handle(), 2) == SQLITE_NULL
                                ? PartitionSet::Value::null()
                                : PartitionSet::Value::real(sqlite3_column_double(st.handle(), 2));
            cols["note"] = st.colIsNull(3) ? PartitionSet::Value::null() : PartitionSet::Value::text(st.colText(3));
            const int64_t key = st.colInt(0);
            if (key < lo || (hi != kMaxKey && key >= hi)) ++r.outside;
            r.rows.emplace(key, WriteLog::rowText(cols));
        }
    }
    return r;
}

// The forcing hook: after a primary copy of a partition holding rows, split it at its median (its copy now
// holds rows of the new partition: naive duplicates them); after the next such copy, merge the right
// neighbour into it (that neighbour's rows sit only in the copied one now: naive loses them). Only in the
// last quarter of the walk: the older partitions are emptied by retention and merged away within seconds,
// which would take the evidence with them.
struct Forcer {
    PartitionSet* set = nullptr;
    int minIndex = 0;
    int splits = 0, merges = 0;
    void operator()(int64_t id, int index) {
        if (splits + merges >= 2 || index < minIndex) return;
        PartitionMap m = set->map();
        auto it =
            std::find_if(m.partitions.begin(), m.partitions.end(), [&](const PartitionInfo& p) { return p.id == id; });
        if (it == m.partitions.end()) return;
        std::vector<int64_t> keys;
        (void)set->scan(it->lo, it->hi, [&](int64_t k, const PartitionSet::Row&) { keys.push_back(k); });
        if (keys.size() < 4) return;
        if (splits == 0) {
            if (set->split(id, keys[keys.size() / 2]).isOk()) ++splits;
        } else if (it + 1 != m.partitions.end() && (it + 1)->hi != kMaxKey) {
            if (set->merge(id, (it + 1)->id).isOk()) ++merges;
        }
    }
};


}  // namespace prescient::test
