#include "partition/partmapdb.h"

namespace prescient::partition::detail {

Result<std::vector<PartitionInfo>> readPartitionRows(SqliteDb& meta) {
    Stmt st(meta.handle(), "SELECT id, file, lo, hi, created_us FROM partitions ORDER BY lo, id");
    std::vector<PartitionInfo> rows;
    while (true) {
        auto r = st.step("partmap.db: read partitions");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        PartitionInfo p;
        p.id = st.colInt(0);
        p.file = st.colText(1);
        p.lo = st.colInt(2);
        p.hi = st.colIsNull(3) ? kMaxKey : st.colInt(3);
        p.createdUs = st.colInt(4);
        rows.push_back(std::move(p));
    }
    return rows;
}

Result<std::vector<PartitionEvent>> readEvents(SqliteDb& meta, int64_t sinceUs, int64_t afterId) {
    Stmt st(meta.handle(), afterId >= 0 ? "SELECT id, time_us, kind, partition, other, key, epoch_after FROM events "
                                          "WHERE id > ? ORDER BY id"
                                        : "SELECT id, time_us, kind, partition, other, key, epoch_after FROM events "
                                          "WHERE time_us >= ? ORDER BY id");
    st.bind(1, afterId >= 0 ? afterId : sinceUs);
    std::vector<PartitionEvent> out;
    while (true) {
        auto r = st.step("partmap.db: read events");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        PartitionEvent e;
        e.id = st.colInt(0);
        e.timeUs = st.colInt(1);
        e.kind = eventKindFromName(st.colText(2));
        e.partition = st.colInt(3);
        e.other = st.colInt(4);
        e.key = st.colInt(5);
        e.epochAfter = static_cast<uint64_t>(st.colInt(6));
        out.push_back(e);
    }
    return out;
}

Result<std::vector<WriteStats>> readStats(SqliteDb& meta, int64_t sinceUs) {
    Stmt st(meta.handle(),
            "SELECT partition, bucket_us, inserts, updates, deletes, bytes FROM stats WHERE bucket_us >= ? "
            "ORDER BY bucket_us, partition");
    st.bind(1, sinceUs);
    std::vector<WriteStats> out;
    while (true) {
        auto r = st.step("partmap.db: read statistics");
        if (!r.isOk()) return r.status();
        if (!r.value()) break;
        WriteStats w;
        w.partition = st.colInt(0);
        w.bucketUs = st.colInt(1);
        w.inserts = static_cast<uint64_t>(st.colInt(2));
        w.updates = static_cast<uint64_t>(st.colInt(3));
        w.deletes = static_cast<uint64_t>(st.colInt(4));
        w.bytes = static_cast<uint64_t>(st.colInt(5));
        out.push_back(w);
    }
    return out;
}

}  // namespace prescient::partition::detail
