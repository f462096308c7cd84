// Plain (full) restore of a snapshot into a target file.
//
// Pages are written into a temp file beside the target, every page checked against its blob id as it
// is decoded (packs are decoded on one worker per core), the file fsynced, opened read-only (immutable)
// for PRAGMA integrity_check (or quick_check, or none: RestoreOptions::check), then renamed
// over the target and the folder fsynced. On any failure the temp file is removed and the target is
// untouched. No -journal, -wal or -shm file is left behind (stale ones of a replaced target go too).
#pragma once

#include <cstdint>
#include <string>

#include "repo/repository.h"
#include "util/job.h"

namespace prescient::restore {

// What to run on the restored file before it replaces the target. Every page is checked against its
// hash whatever is chosen; these check the database's structure on top (quick_check is O(pages),
// integrity_check also cross-checks every index and costs many times more).
enum class StructureCheck { kFull, kQuick, kNone };

struct RestoreOptions {
    bool force = false;  // replace an existing target
    StructureCheck check = StructureCheck::kFull;
    JobControl job;
};

struct RestoreResult {
    repo::SnapshotInfo snapshot;
    uint64_t pages = 0;
    uint64_t bytes = 0;
    double seconds = 0;       // whole restore
    double checkSeconds = 0;  // of which the structure check
};

// Errors: NotFound (snapshot, target folder), InvalidArgument (target exists without force, or is a
// folder), Corruption (a blob fails its check, integrity_check fails), NoSpace / IoError, Cancelled.
Result<RestoreResult> restoreSnapshot(repo::Repository& repo, const repo::SnapshotInfo& snapshot,
                                      const std::string& targetPath, const RestoreOptions& options);

}  // namespace prescient::restore
