// Shadow Backup System (DESIGN.md §2 "Partitions"): consistent copies ("shadows") of partitions taken
// during a partition backup into a staging folder beside the repository, REPO/staging/<backup id>/, with
// SQLite's online backup API (sqlite3_backup_step(-1): one read transaction, as `sqlite3 .backup` does), and
// indexed by (prediction time, partition). The orchestrator (partitionbackup.cpp) decides which shadows
// restore uses and stores only those into the repository; removeAll() then returns the space.
//
// Thread safety: a ShadowStore is used by one thread at a time (the backup's monitor thread takes shadows;
// the orchestrator reads them once the monitor stopped).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "partition/partitionset.h"
#include "util/env.h"
#include "util/status.h"

namespace prescient::partition {

struct Shadow {
    int64_t copyId = 0;  // its partition_copies row (set by the caller)
    int64_t partition = 0;
    int64_t predictionId = 0;  // the prediction it was taken for; 0 for none (shadow-all)
    int64_t indexUs = 0;       // index time: when the prediction was made (or the change seen) that asked for it
    bool successor = false;    // taken after a change (of a successor), not ahead of one
    int64_t takenUs = 0;       // wall clock when the copy began
    uint64_t epoch = 0;        // map epoch read before the copy began
    int64_t lo = kMinKey, hi = kMaxKey;  // the partition's range at that epoch
    std::string path;                    // the staging file
    uint64_t bytes = 0;                  // its size
};

class ShadowStore {
public:
    // Removes every folder under REPO/staging: what backups that died left. Only the holder of the
    // repository's write lock may call it. *removed (optional) receives the folders' names.
    static Status cleanStale(Env* env, const std::string& repoDir, std::vector<std::string>* removed);

    // Creates REPO/staging/<backupId>/. IoError/NoSpace naming the folder.
    Status create(Env* env, const std::string& repoDir, int64_t backupId);
    const std::string& dir() const { return m_dir; }
    // Copies partition p (its file, range and the epoch read before) into the staging folder. NotFound when
    // the file is gone (merged away meanwhile), Busy, IoError/NoSpace naming the file.
    Result<Shadow> take(const PartitionInfo& p, uint64_t epoch, int64_t indexUs, int64_t predictionId, bool successor);
    // Every shadow taken, in the order taken; ordered by (indexUs, partition) this is the SBS index.
    const std::vector<Shadow>& shadows() const { return m_shadows; }
    std::vector<Shadow>& shadows() { return m_shadows; }
    // Removes the staging folder and everything in it.
    Status removeAll();

private:
    Env* m_env = nullptr;
    std::string m_dir;
    std::vector<Shadow> m_shadows;
    uint64_t m_seq = 0;
};

}  // namespace prescient::partition
