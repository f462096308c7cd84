// Consistent backup of a live SQLite database into a repository.
//
// SQLite's online backup API copies the source inside one read transaction
// (sqlite3_backup_step(-1)) into a destination database whose VFS is the capture sink: pages are hashed,
// deduplicated, compressed and packed as they arrive. WAL-mode writers keep writing throughout; a
// rollback-journal source holds writers off only for the copy, as any reader does.
// Durability: packs, then their index, then the snapshot row. Cancellation and failures leave the
// repository as it was (at most unreferenced packs, which verify reports as warnings).
#pragma once

#include <cstdint>
#include <string>

#include "repo/repository.h"
#include "util/job.h"
#include "util/ratelimiter.h"

namespace prescient::capture {

struct BackupOptions {
    std::string tag;
    RateLimiter* rate = nullptr;  // optional; the backup calls acquire() per page
    JobControl job;
    int64_t timeUs = 0;  // the snapshot's recorded time; 0 = when its read transaction began (the normal
                         // case). Set only for generated data (the demo repository's simulated days).
};

// The repository must be open for writing. Returns the committed snapshot.
// Errors: NotFound (no source), InvalidArgument (not an SQLite database, empty file, folder),
// Corruption (source damaged), Busy (source locked), NoSpace / IoError (repository writes), Cancelled.
Result<repo::SnapshotInfo> backupDatabase(repo::Repository& repo, const std::string& sourcePath,
                                          const BackupOptions& options);

}  // namespace prescient::capture
