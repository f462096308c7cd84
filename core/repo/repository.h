// Repository: a folder holding catalog.db and packs/ (FORMAT.md). Owns the catalog, the blob store and,
// when opened for writing, the repository lock.
//
// The lock (file `lock`) keeps two writers apart. A lock left by a process that died is detected (its
// advisory lock is gone with it), taken over, and reported through notices(). Readers (restore, verify,
// listing) take no lock: packs are immutable and the catalog is read in snapshot transactions.
//
// Thread safety: a Repository is used by one job at a time; BlobStore::get may be called concurrently.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "repo/blobstore.h"
#include "repo/catalog.h"
#include "repo/pagemap.h"
#include "util/env.h"

namespace prescient::repo {

class Repository {
public:
    enum class Access { kRead, kWrite };
    ~Repository();

    // Creates a repository in dir (created when missing; its parent must exist). InvalidArgument when
    // dir is a file or already holds a repository or other files.
    static Status init(Env* env, const std::string& dir);
    // NotFound when dir holds no repository; Busy (naming the holder) when kWrite and another process
    // holds the lock.
    static Result<std::unique_ptr<Repository>> open(Env* env, const std::string& dir, Access access);

    const std::string& dir() const { return m_dir; }
    Env* env() const { return m_env; }
    Catalog& catalog() { return *m_catalog; }
    BlobStore& blobs() { return *m_blobs; }
    bool writable() const { return m_lock != nullptr; }
    // Things the user should hear about the open (a stale lock taken over, leftovers removed).
    const std::vector<std::string>& notices() const { return m_notices; }

    // Snapshot by full id, unique id prefix, or "latest". NotFound / InvalidArgument (ambiguous prefix).
    Result<SnapshotInfo> resolveSnapshot(const std::string& spec);
    Result<PageMap> loadPageMap(const std::string& snapshotId);
    // Stores the snapshot row with its map (delta against the parent's map when that is smaller).
    // All blobs the map names must be durable and indexed already.
    Status commitSnapshot(const SnapshotInfo& info, const PageMap& map);

private:
    Repository() = default;
    Result<PageMap> loadPageMapDepth(const std::string& snapshotId, int guard);
    void removeLeftovers();

    Env* m_env = nullptr;
    std::string m_dir;
    std::unique_ptr<FileLock> m_lock;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<BlobStore> m_blobs;
    std::vector<std::string> m_notices;
};

}  // namespace prescient::repo
