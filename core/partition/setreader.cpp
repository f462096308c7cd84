#include "partition/setreader.h"

#include "partition/partmapdb.h"

#include <algorithm>
#include <cstdlib>

#include "util/env.h"

namespace prescient::partition {

namespace {

constexpr int kReadFlags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;

std::string quoted(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

}  // namespace

SetReader::~SetReader() {
    m_parts.clear();
    m_meta.close();
}

Result<std::unique_ptr<SetReader>> SetReader::open(const std::string& dirIn) {
    std::unique_ptr<SetReader> r(new SetReader);
    r->m_dir = absolutePath(dirIn);
    std::string path = joinPath(r->m_dir, "partmap.db");
    if (!Env::posix()->stat(path).isOk()) return Status::notFound(r->m_dir + " is not a partition set (no partmap.db)");
    auto db = SqliteDb::open(path, kReadFlags);
    if (!db.isOk()) return db.status().withContext("partition set " + r->m_dir);
    r->m_meta = std::move(db.value());
    sqlite3_busy_timeout(r->m_meta.handle(), 5000);
    Stmt st(r->m_meta.handle(), "SELECT key, value FROM meta");
    std::map<std::string, std::string> meta;
    while (true) {
        auto row = st.step(path + ": read meta");
        if (!row.isOk()) return row.status();
        if (!row.value()) break;
        meta[st.colText(0)] = st.colText(1);
    }
    if (meta["format"] != "1") return Status::invalidArgument(path + ": unknown format '" + meta["format"] + "'");
    r->m_schema = meta["schema"];
    r->m_table = meta["table"];
    r->m_key = meta["key_column"];
    r->m_bucketUs = std::max<int64_t>(1, std::atoll(meta["stats_bucket_us"].c_str()));
    if (r->m_schema.empty() || r->m_table.empty() || r->m_key.empty())
        return Status::corruption(path + ": meta lacks the schema, table or key column");
    return r;
}

Result<PartitionMap> SetReader::map(int64_t* lastEventId) {
    PRESCIENT_RETURN_IF_ERROR(m_meta.exec("BEGIN", "partmap.db: read map"));
    PartitionMap m;
    Status s;
    auto epoch = m_meta.queryInt("SELECT value FROM meta WHERE key = 'epoch'");
    s = epoch.status();
    if (s.isOk()) {
        m.epoch = static_cast<uint64_t>(epoch.value());
        auto rows = detail::readPartitionRows(m_meta);
        s = rows.status();
        if (s.isOk()) {
            m.partitions = std::move(rows.value());
            for (PartitionInfo& p : m.partitions) p.file = joinPath(m_dir, p.file);
        }
    }
    if (s.isOk() && lastEventId) {
        Stmt st(m_meta.handle(), "SELECT coalesce(max(id), 0) FROM events WHERE epoch_after <= ?");
        st.bind(1, static_cast<int64_t>(m.epoch));
        auto row = st.step("partmap.db: read events");
        if (!row.isOk()) s = row.status();
        *lastEventId = row.isOk() && row.value() ? st.colInt(0) : 0;
    }
    (void)m_meta.exec("COMMIT");
    if (!s.isOk()) return s;
    if (m.partitions.empty()) return Status::corruption(m_dir + "/partmap.db: the map has no partition");
    return m;
}

Status SetReader::poll(int64_t afterId, uint64_t* epoch, std::vector<PartitionEvent>* events) {
    PRESCIENT_RETURN_IF_ERROR(m_meta.exec("BEGIN", "partmap.db: poll"));
    auto e = m_meta.queryInt("SELECT value FROM meta WHERE key = 'epoch'");
    Status s = e.status();
    if (s.isOk()) {
        *epoch = static_cast<uint64_t>(e.value());
        auto after = detail::readEvents(m_meta, 0, afterId);
        s = after.status();
        if (s.isOk()) events->insert(events->end(), after->begin(), after->end());
    }
    (void)m_meta.exec("COMMIT");
    return s;
}

Result<std::vector<PartitionEvent>> SetReader::events(int64_t sinceUs) { return detail::readEvents(m_meta, sinceUs); }

Result<std::vector<WriteStats>> SetReader::stats(int64_t sinceUs) { return detail::readStats(m_meta, sinceUs); }

Result<SqliteDb*> SetReader::partDb(const PartitionInfo& p) {
    auto it = m_parts.find(p.id);
    if (it != m_parts.end()) return &it->second;
    auto db = SqliteDb::open(p.file, kReadFlags);
    if (!db.isOk()) return db.status();
    sqlite3_busy_timeout(db->handle(), 5000);
    // Closing must never checkpoint or remove the WAL of the set's writer.
    sqlite3_db_config(db->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    return &m_parts.emplace(p.id, std::move(db.value())).first->second;
}

Status SetReader::measure(PartitionMap* m, std::vector<KeyStats>* keys) {
    // Forget the connections of partitions that are gone.
    for (auto it = m_parts.begin(); it != m_parts.end();) {
        bool present = std::any_of(m->partitions.begin(), m->partitions.end(),
                                   [&](const PartitionInfo& p) { return p.id == it->first; });
        it = present ? std::next(it) : m_parts.erase(it);
    }
    if (keys) keys->assign(m->partitions.size(), KeyStats{});
    const std::string k = quoted(m_key), t = quoted(m_table);
    for (size_t i = 0; i < m->partitions.size(); ++i) {
        PartitionInfo& p = m->partitions[i];
        p.rows = 0;
        p.bytes = 0;
        if (!Env::posix()->stat(p.file).isOk()) continue;  // merged away meanwhile
        auto db = partDb(p);
        if (!db.isOk()) continue;
        SqliteDb& d = *db.value();
        std::string where = " WHERE " + k + " >= ?1" + (p.hi == kMaxKey ? "" : " AND " + k + " < ?2");
        auto bindRange = [&](Stmt& st) {
            st.bind(1, p.lo);
            if (p.hi != kMaxKey) st.bind(2, p.hi);
        };
        if (!d.exec("BEGIN").isOk()) continue;
        auto pages = d.queryInt("PRAGMA page_count");
        auto size = d.queryInt("PRAGMA page_size");
        if (pages.isOk() && size.isOk()) p.bytes = static_cast<uint64_t>(pages.value() * size.value());
        Stmt count(d.handle(), ("SELECT COUNT(*), MIN(" + k + "), MAX(" + k + ") FROM " + t + where).c_str());
        bindRange(count);
        auto r = count.step(p.file + ": count rows");
        if (r.isOk() && r.value()) {
            p.rows = static_cast<uint64_t>(count.colInt(0));
            if (keys && p.rows > 0) {
                KeyStats& ks = (*keys)[i];
                ks.known = true;
                ks.lowest = count.colInt(1);
                ks.highest = count.colInt(2);
                ks.median = ks.lowest;
                Stmt med(d.handle(),
                         ("SELECT " + k + " FROM " + t + where + " ORDER BY " + k + " LIMIT 1 OFFSET ?3").c_str());
                bindRange(med);
                med.bind(3, static_cast<int64_t>(p.rows / 2));
                auto mr = med.step(p.file + ": median key");
                if (mr.isOk() && mr.value()) ks.median = med.colInt(0);
            }
        }
        (void)d.exec("COMMIT");
    }
    return Status::ok();
}

// --- MapTimeline ---

MapTimeline::MapTimeline(const PartitionMap& start) {
    m_map.epoch = start.epoch;
    for (const PartitionInfo& p : start.partitions) m_ranges[p.id] = {p.lo, p.hi};
    rebuildMap();
}

void MapTimeline::rebuildMap() {
    m_map.partitions.clear();
    for (const auto& [id, r] : m_ranges) {
        PartitionInfo p;
        p.id = id;
        p.lo = r.first;
        p.hi = r.second;
        m_map.partitions.push_back(p);
    }
    std::sort(m_map.partitions.begin(), m_map.partitions.end(),
              [](const PartitionInfo& a, const PartitionInfo& b) { return a.lo < b.lo; });
}

std::vector<int64_t> MapTimeline::apply(const PartitionEvent& ev) {
    std::vector<int64_t> changed;
    auto breakAt = [&] {
        m_broken = true;
        return changed;
    };
    if (m_broken || ev.epochAfter != m_map.epoch + 1) return breakAt();
    switch (ev.kind) {
        case EventKind::kSplit: {
            auto it = m_ranges.find(ev.partition);
            if (it == m_ranges.end() || m_ranges.count(ev.other)) return breakAt();
            m_ranges[ev.other] = {ev.key, it->second.second};
            m_ranges[ev.partition].second = ev.key;
            changed = {ev.partition, ev.other};
            break;
        }
        case EventKind::kMerge: {
            auto l = m_ranges.find(ev.partition), r = m_ranges.find(ev.other);
            if (l == m_ranges.end() || r == m_ranges.end()) return breakAt();
            l->second.second = r->second.second;
            m_ranges.erase(r);
            m_lastChange.erase(ev.other);
            changed = {ev.partition};
            break;
        }
        case EventKind::kCreate: {
            int64_t top = 0;
            bool found = false;
            for (const auto& [id, r] : m_ranges)
                if (r.second == kMaxKey) top = id, found = true;
            if (!found || m_ranges.count(ev.partition)) return breakAt();
            m_ranges[top].second = ev.key;
            m_ranges[ev.partition] = {ev.key, kMaxKey};
            changed = {ev.partition, top};
            break;
        }
        case EventKind::kDrop:  // reserved, never written: how the neighbours change is unknown
            return breakAt();
    }
    m_map.epoch = ev.epochAfter;
    for (int64_t id : changed) m_lastChange[id] = ev.epochAfter;
    rebuildMap();
    return changed;
}

PartitionMap MapTimeline::map(const std::string& dir) const {
    PartitionMap m = m_map;
    if (!dir.empty())
        for (PartitionInfo& p : m.partitions) p.file = joinPath(dir, "p" + std::to_string(p.id) + ".db");
    return m;
}

std::pair<int64_t, int64_t> MapTimeline::range(int64_t id) const {
    auto it = m_ranges.find(id);
    return it == m_ranges.end() ? std::pair<int64_t, int64_t>{kMinKey, kMinKey} : it->second;
}

void MapTimeline::rebase(const PartitionMap& m) {
    m_ranges.clear();
    m_lastChange.clear();
    m_map.epoch = m.epoch;
    for (const PartitionInfo& p : m.partitions) {
        m_ranges[p.id] = {p.lo, p.hi};
        m_lastChange[p.id] = m.epoch;
    }
    m_broken = false;
    rebuildMap();
}

uint64_t MapTimeline::lastChange(int64_t id) const {
    auto it = m_lastChange.find(id);
    return it == m_lastChange.end() ? 0 : it->second;
}

// --- HistoryFeed ---

Status HistoryFeed::init(SetReader& reader, const MaintenancePolicy& policy, int64_t nowUs, int64_t windowUs) {
    m_h = History();
    m_h.policy = policy;
    m_h.bucketUs = reader.statsBucketUs();
    const int64_t since = nowUs - windowUs;
    auto map = reader.map(&m_lastEventId);
    if (!map.isOk()) return map.status();
    auto events = reader.events(since);
    if (!events.isOk()) return events.status();
    for (const PartitionEvent& e : events.value())
        if (e.id <= m_lastEventId) m_h.events.push_back(e);
    auto stats = reader.stats(since);
    if (!stats.isOk()) return stats.status();
    m_h.stats = std::move(stats.value());
    m_statsFrom = since;
    for (const WriteStats& w : m_h.stats) m_statsFrom = std::max(m_statsFrom, w.bucketUs);
    std::vector<KeyStats> keys;
    PRESCIENT_RETURN_IF_ERROR(reader.measure(&map.value(), &keys));
    m_h.addMap(nowUs, std::move(map.value()), std::move(keys));
    m_h.sort();
    return m_h.fill(10 * m_h.bucketUs);
}

Status HistoryFeed::update(SetReader& reader, const PartitionMap& current, int64_t nowUs) {
    uint64_t epoch = 0;
    std::vector<PartitionEvent> fresh;
    PRESCIENT_RETURN_IF_ERROR(reader.poll(m_lastEventId, &epoch, &fresh));
    for (const PartitionEvent& e : fresh) {
        m_h.events.push_back(e);
        m_lastEventId = std::max(m_lastEventId, e.id);
    }
    auto stats = reader.stats(m_statsFrom);
    if (!stats.isOk()) return stats.status();
    m_h.stats.erase(std::remove_if(m_h.stats.begin(), m_h.stats.end(),
                                   [&](const WriteStats& w) { return w.bucketUs >= m_statsFrom; }),
                    m_h.stats.end());
    for (const WriteStats& w : stats.value()) {
        m_h.stats.push_back(w);
        m_statsFrom = std::max(m_statsFrom, w.bucketUs);
    }
    PartitionMap m = current;
    std::vector<KeyStats> keys;
    PRESCIENT_RETURN_IF_ERROR(reader.measure(&m, &keys));
    if (!m_h.maps.empty() && nowUs <= m_h.maps.back().timeUs) nowUs = m_h.maps.back().timeUs + 1;
    m_h.addMap(nowUs, std::move(m), std::move(keys));
    m_h.sort();
    return Status::ok();
}

}  // namespace prescient::partition
