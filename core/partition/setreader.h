// Read-only views of a partition set used by the partition backup (partitionbackup.h) and the forecast CLI:
//   SetReader    reads partmap.db and the partition files directly (SQLite read-only connections, no lock),
//                so it works while another process, or other threads of this one, write the set;
//   MapTimeline  replays the event log from a start map: the map at every epoch and, for each partition,
//                the epoch of the last change of its range (what decides whether a copy is still valid);
//   HistoryFeed  the CPE's History of a set (events, statistics, map snapshots with key statistics), built
//                once and then topped up as the set changes.
//
// Thread safety: each object is used by one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "partition/cpe.h"
#include "partition/partitionset.h"
#include "util/sqlitedb.h"
#include "util/status.h"

namespace prescient::partition {

class SetReader {
public:
    // NotFound when dir holds no partmap.db; Corruption/InvalidArgument when it is not one of format 1.
    static Result<std::unique_ptr<SetReader>> open(const std::string& dir);
    ~SetReader();

    const std::string& dir() const { return m_dir; }
    const std::string& schema() const { return m_schema; }  // the CREATE TABLE statement
    const std::string& table() const { return m_table; }
    const std::string& keyColumn() const { return m_key; }
    int64_t statsBucketUs() const { return m_bucketUs; }

    // The map (ids, absolute files, ranges, creation times; rows and bytes 0) and, in the same read
    // transaction, the id of the last event of that epoch (*lastEventId, optional).
    Result<PartitionMap> map(int64_t* lastEventId = nullptr);
    // In one read transaction: the current epoch and the events with id > afterId, oldest first.
    Status poll(int64_t afterId, uint64_t* epoch, std::vector<PartitionEvent>* events);
    Result<std::vector<PartitionEvent>> events(int64_t sinceUs);
    // Flushed statistics buckets starting at or after sinceUs (a writer flushes a bucket once it ended).
    Result<std::vector<WriteStats>> stats(int64_t sinceUs);
    // Fills rows and bytes (page_count * page_size: what a copy reads) of every partition of m and, when
    // keys is given, their lowest/median/highest keys. A partition whose file is gone meanwhile reads as
    // empty. Connections to the partition files are kept for the next calls.
    Status measure(PartitionMap* m, std::vector<KeyStats>* keys);

private:
    SetReader() = default;
    Result<SqliteDb*> partDb(const PartitionInfo& p);
    std::string m_dir, m_schema, m_table, m_key;
    int64_t m_bucketUs = 1000000;
    SqliteDb m_meta;
    std::map<int64_t, SqliteDb> m_parts;  // by partition id
};

// The map replayed along the event log.
class MapTimeline {
public:
    MapTimeline() = default;
    explicit MapTimeline(const PartitionMap& start);
    // Applies the next event. Returns the partitions whose range the event changed or created (split: the
    // partition and the new one; merge: the survivor; create: the new partition and the old top). An event
    // that does not follow (epoch gap, unknown partition) breaks the timeline: broken() turns true, the
    // events after it are ignored, and the owner must rebase() on a map read from the set.
    std::vector<int64_t> apply(const PartitionEvent& ev);
    // Starts again from m, as if every partition had changed at m.epoch: only copies taken from then on
    // are valid.
    void rebase(const PartitionMap& m);
    uint64_t epoch() const { return m_map.epoch; }
    bool broken() const { return m_broken; }
    // The map at epoch(); files are dir/p<id>.db when dir is given.
    PartitionMap map(const std::string& dir = "") const;
    bool exists(int64_t id) const { return m_ranges.count(id) != 0; }
    // The range of partition id at epoch() ({kMinKey, kMinKey} when it does not exist).
    std::pair<int64_t, int64_t> range(int64_t id) const;
    // The epoch after the last change of id's range (its creation included); 0 when unchanged since the
    // start map.
    uint64_t lastChange(int64_t id) const;
    // A copy of partition id taken after reading epoch copyEpoch holds exactly its rows at epoch() (once
    // filtered to its range): the partition exists and its range has not changed since copyEpoch.
    bool valid(int64_t id, uint64_t copyEpoch) const { return !m_broken && exists(id) && copyEpoch >= lastChange(id); }

private:
    PartitionMap m_map;                                       // partitions by lo
    std::map<int64_t, std::pair<int64_t, int64_t>> m_ranges;  // id -> [lo, hi)
    std::map<int64_t, uint64_t> m_lastChange;
    bool m_broken = false;
    void rebuildMap();
};

// The CPE's History of a live set.
class HistoryFeed {
public:
    // Events and statistics since nowUs - windowUs, the current map with key statistics as a snapshot at
    // nowUs, then History::fill every 10 statistics buckets.
    Status init(SetReader& reader, const MaintenancePolicy& policy, int64_t nowUs, int64_t windowUs);
    // New events, the statistics buckets flushed since, and a snapshot (map as given, measured) at nowUs.
    Status update(SetReader& reader, const PartitionMap& current, int64_t nowUs);
    const History& history() const { return m_h; }

private:
    History m_h;
    int64_t m_lastEventId = 0;
    int64_t m_statsFrom = 0;  // buckets from here on are re-read on update (they may still grow)
};

}  // namespace prescient::partition
