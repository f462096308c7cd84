// Internal to core/partition: the reads of partmap.db (format: partition/README.md) that both the set
// itself (partitionset.cpp) and its lock-free readers (setreader.cpp) run, so that the format is decoded in
// one place. Each function runs on the connection it is given, inside whatever transaction is open on it;
// the caller serialises use of the connection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "partition/partitionset.h"
#include "util/sqlitedb.h"

namespace prescient::partition::detail {

// The partitions table by lo: ids, files as stored (names inside the set's folder), ranges (NULL hi =
// unbounded), creation times; rows and bytes left 0.
Result<std::vector<PartitionInfo>> readPartitionRows(SqliteDb& meta);
// Events oldest first: with time_us >= sinceUs, or (afterId >= 0) with id > afterId.
Result<std::vector<PartitionEvent>> readEvents(SqliteDb& meta, int64_t sinceUs, int64_t afterId = -1);
// Statistics rows with bucket_us >= sinceUs, by bucket then partition.
Result<std::vector<WriteStats>> readStats(SqliteDb& meta, int64_t sinceUs);

}  // namespace prescient::partition::detail
