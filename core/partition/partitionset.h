// Partition sets (DESIGN.md §2 "Partitions"): one logical table spread over several SQLite files by key
// range, behind a partition map. A set is a folder:
//   partmap.db      the map (partitions with half-open integer key ranges [lo, hi), the map epoch), the
//                   schema and key column, an event log of splits/merges/creations/drops with times and
//                   keys, and write statistics per partition per time bucket (inserts, updates, deletes,
//                   bytes)
//   p<id>.db        one SQLite file per partition (WAL), each holding the table with the same schema
//   lock            held by the one PartitionSet that has the set open for writing
// Format: partition/README.md.
//
// Promises:
//   - writes are routed by key to the partition whose range holds it; range queries span partitions;
//   - a map change is atomic: the epoch bump, ranges and the event row commit in one partmap.db
//     transaction;
//   - data moves are crash-safe: a split copies the moving rows into the new file (durable) before the
//     map commit and deletes them from the old one after; a merge copies into the survivor before the
//     map commit and drops the other file after. open() finishes or undoes whatever a crash interrupted
//     (files not in the map are removed; rows outside their partition's range are deleted), so after a
//     reopen every row is in exactly one partition, the one whose range holds its key. Recovery only
//     removes a row or a file when the partition that owns the key holds the same key: anything else is
//     Corruption, never silently dropped;
//   - writers and readers never wait for a backup (freezeMap() holds off map changes only); a map change
//     waits only for writes in flight and blocks writes only while it moves data (a shared/exclusive lock
//     inside the process; another process opening the same set for writing is refused by a lock file,
//     Busy).
//
// Durability: a write is one SQLite transaction in WAL mode with synchronous=NORMAL (durable against a
// process crash; a power loss may drop the last writes). Data moves and map commits use synchronous=FULL.
//
// Thread safety: every method may be called from any thread, except that a PartitionSet must not be
// destroyed while another thread uses it or while a MapFreeze it returned is alive.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "util/status.h"

namespace prescient::partition {

inline constexpr int64_t kMinKey = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kMaxKey = std::numeric_limits<int64_t>::max();  // hi = kMaxKey means unbounded

struct PartitionInfo {
    int64_t id = 0;
    std::string file;  // absolute path of the partition's SQLite file
    int64_t lo = kMinKey;
    int64_t hi = kMaxKey;  // exclusive; kMaxKey = +infinity
    int64_t createdUs = 0;
    uint64_t rows = 0;   // exact for the writes of this PartitionSet (counted at open and by check())
    uint64_t bytes = 0;  // bytes in use in the file: (page_count - freelist_count) * page_size
    bool holds(int64_t key) const { return key >= lo && (hi == kMaxKey || key < hi); }
};

struct PartitionMap {
    uint64_t epoch = 0;
    std::vector<PartitionInfo> partitions;  // by lo
};

enum class EventKind { kSplit, kMerge, kCreate, kDrop };
// "split", "merge", "create", "drop" (as stored in partmap.db).
const char* eventName(EventKind k);
// The inverse of eventName (an unknown name reads as kSplit).
EventKind eventKindFromName(const std::string& name);

struct PartitionEvent {
    int64_t id = 0;  // 0: no event (maintain() found nothing due)
    int64_t timeUs = 0;
    EventKind kind = EventKind::kSplit;
    int64_t partition = 0;  // split: the partition split; merge: the survivor; create/drop: the partition
    int64_t other = 0;      // split: the new partition; merge: the partition merged away; else 0
    int64_t key = 0;        // split: the split key; merge: the old boundary; create: its lo
    uint64_t epochAfter = 0;
};

struct WriteStats {  // one partition, one time bucket (wall clock)
    int64_t partition = 0;
    int64_t bucketUs = 0;                                       // start of the bucket
    uint64_t inserts = 0, updates = 0, deletes = 0, bytes = 0;  // bytes: payload written (values' sizes)
};

// When maintenance acts. maintain() does the most urgent due action:
//   1. split: the partition with the highest rows/splitRows (or bytes/splitBytes) ratio above 1, at its
//      median key;
//   2. merge: of the adjacent pairs where both hold fewer than mergeRows rows and together fewer than
//      splitRows (so a merge never makes a split due), the one with the fewest rows. With createAheadSpan
//      on, partitions made ahead (lo above the highest key) are not merged;
//   3. create ahead (createAheadSpan > 0): when the top partition holds rows, or the highest key is within
//      createAheadWhen of the top partition's lo: createAbove(createAheadSpan).
struct MaintenancePolicy {
    uint64_t splitRows = 20000;   // split a partition holding more rows (at its median key); 0 = off
    uint64_t splitBytes = 0;      // or more bytes in use (0 = no byte threshold)
    uint64_t mergeRows = 2000;    // merge two adjacent partitions both holding fewer rows; 0 = off
    int64_t createAheadSpan = 0;  // time partitions: keep an empty partition of this key span beyond the
                                  // highest key (0 = off)
    int64_t createAheadWhen = 0;  // create it when the highest key is within this distance of the top
                                  // partition's lo (0 = span / 2; at most the span)
};

struct SetOptions {
    std::string schema;               // one CREATE TABLE statement (the table's name is taken from it)
    std::string keyColumn;            // INTEGER column the ranges apply to (unique within the set)
    std::vector<int64_t> boundaries;  // initial split points, increasing: n boundaries make n+1 partitions
    int64_t statsBucketUs = 1000000;  // write statistics granularity
};

class PartitionSet {
public:
    enum class Access {
        kWrite,  // takes the lock file, runs recovery
        kRead,   // no lock, no recovery: a view of the map as it was at open (e.g. `status` while another
                 // process writes); every method that writes or changes the map is InvalidArgument
    };

    ~PartitionSet();
    // Creates a set in dir (created when missing; must be empty) and opens it for writing.
    // InvalidArgument for a bad schema, key column or boundaries; Busy when another holds the lock.
    static Result<std::unique_ptr<PartitionSet>> create(const std::string& dir, const SetOptions& options);
    // Opens, validates and (kWrite) recovers. NotFound (no partmap.db), Corruption naming the object
    // (overlapping or non-covering ranges naming both partitions, a missing partition file naming the file,
    // a partition of another schema: "<file>: schema differs ..."; a stray row or file that recovery may
    // not remove), Busy naming the holder of the lock.
    static Result<std::unique_ptr<PartitionSet>> open(const std::string& dir, Access access = Access::kWrite);
    // Makes the partition files already in dir (p<id>.db, each holding options.schema's table) a set whose
    // map is `map` (ids, ranges and epoch; files, rows, bytes ignored): writes partmap.db, with no events and
    // no statistics. Used by restores. Does not open the set (open() validates the files' schemas; recovery
    // in a kWrite open deletes rows outside their range). InvalidArgument (bad schema or key column, a
    // partmap.db already there), Corruption (the ranges overlap or leave a gap, naming the partitions),
    // NotFound (a partition file missing, naming it).
    static Status createFromMap(const std::string& dir, const SetOptions& options, const PartitionMap& map);

    const std::string& dir() const;  // absolute
    std::string table() const;
    std::string keyColumn() const;
    std::string schema() const;  // the CREATE TABLE statement as SQLite stores it
    int64_t statsBucketUs() const;
    // What open() did to recover from a crash (orphan files removed, stray rows deleted, stale lock).
    std::vector<std::string> notices() const;
    PartitionMap map() const;  // a copy, consistent (one epoch)
    // The highest key in the set; NotFound when the set is empty.
    Result<int64_t> highestKey() const;

    // Writes, routed by the key column's value. `row`: column name -> value, bound through sqlite3_bind_*
    // (never spliced into SQL). Unknown columns, a missing or non-integer key: InvalidArgument.
    struct Value {
        enum Type { kNull, kInt, kReal, kText, kBlob } type = kNull;
        int64_t i = 0;
        double r = 0;
        std::string s;  // text or blob bytes
        static Value null() { return {}; }
        static Value integer(int64_t v) { return {kInt, v, 0, {}}; }
        static Value real(double v) { return {kReal, 0, v, {}}; }
        static Value text(std::string v) { return {kText, 0, 0, std::move(v)}; }
        static Value blob(std::string v) { return {kBlob, 0, 0, std::move(v)}; }
    };
    using Row = std::vector<std::pair<std::string, Value>>;
    // InvalidArgument "... key K exists ..." when the key exists in the set (or a constraint fails).
    Status insert(const Row& row);
    // NotFound when no such key; InvalidArgument when `changes` names the key column.
    Status update(int64_t key, const Row& changes);
    Status remove(int64_t key);  // NotFound when no such key
    // Deletes every row with key < bound (old data); returns how many.
    Result<uint64_t> removeBelow(int64_t bound);
    // Rows with lo <= key < hi (hi = kMaxKey: no upper bound) across partitions, in key order; fn gets the
    // key and every column of the row (table order). Read in chunks, each consistent with one map; fn runs
    // without any lock held (it may write to the set). Not a snapshot: a row written behind the cursor
    // during the scan is not seen; no row is seen twice.
    Status scan(int64_t lo, int64_t hi, const std::function<void(int64_t key, const Row& row)>& fn) const;
    Result<uint64_t> count() const;

    // One maintenance pass with the policy (see MaintenancePolicy): at most one split, merge or creation
    // per call, the most urgent first. Returns the event made, or an event with id 0 when nothing was due.
    Result<PartitionEvent> maintain(const MaintenancePolicy& policy);
    // Explicit map changes (used by maintain(), tests and tools).
    // split: lo < key < hi of the partition; the new partition takes [key, hi). NotFound, InvalidArgument.
    Result<PartitionEvent> split(int64_t partition, int64_t key);
    // merge: adjacent (left.hi == right.lo); right merges into left. NotFound, InvalidArgument.
    Result<PartitionEvent> merge(int64_t left, int64_t right);
    // A new, empty top partition [b, +inf); the old top partition [lo, +inf) becomes [lo, b). No row
    // moves: b = max(lo + span, its highest key + 1); when lo is kMinKey, b = its highest key + 1 (0 when
    // it is empty). InvalidArgument for span <= 0 or no room.
    Result<PartitionEvent> createAbove(int64_t span);

    // For backups: blocks map changes (not writes) while the returned guard lives (stop-the-world). Waits
    // for a map change in progress. Must not be called from the change observer.
    class MapFreeze {
    public:
        virtual ~MapFreeze() = default;
    };
    std::unique_ptr<MapFreeze> freezeMap();
    // Called after every map change, on the changing thread, after the change is committed and visible
    // and before the next map change may start (writes go on meanwhile): the backup's observer. It may
    // call map(), scan() and the writes; not split/merge/createAbove/maintain/freezeMap.
    void setChangeObserver(std::function<void(const PartitionEvent&)> fn);

    // Oldest first.
    Result<std::vector<PartitionEvent>> events(int64_t sinceUs = 0) const;
    // Flushed buckets and the ones still in memory, by bucket then partition.
    Result<std::vector<WriteStats>> stats(int64_t sinceUs = 0) const;

    // Verifies the invariants: ranges cover the key space without overlap; every partition file present
    // with the set's schema; every row is in the partition whose range holds its key; no key twice.
    // Corruption naming the first violation. Refreshes PartitionInfo::rows.
    Status check() const;

    // Test hook: called at each named step of a map change; returning true stops the change right there as
    // if the process had been killed (nothing after the step runs, the change returns IoError and the set
    // refuses every later call; destroy it and open() again). Steps: split "created" (new file made),
    // "copied" (rows copied, durable), "committed" (map committed); merge "copied", "committed";
    // create "created", "committed".
    void setCrashPointForTest(std::function<bool(const char* step)> crashAt);

    struct Impl;

private:
    explicit PartitionSet(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace prescient::partition
