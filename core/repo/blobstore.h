// BlobStore: content-addressed page storage on top of packs and the catalog's blob index.
//
// Writer side (the repository lock must be held): put() dedups against every blob the repository holds
// plus those added in this session, and queues new pages for a pool of packing workers (one per core
// but one: the producer, SQLite's backup copy, keeps a core to itself).
// A worker compresses a page, appends it to the open pack, and writes a full pack under a temp name.
// Compression adapts like `zstd --adapt`: while the backlog is above a watermark, workers store pages
// raw so the backup keeps the pace of SQLite's copy instead of waiting on the compressor. flush()
// writes the last partial pack, then makes every written pack durable (fsync, rename, fsync folder) and
// only then indexes them all in one catalog transaction (packs before index, as FORMAT.md requires):
// one sync barrier per backup, not one per pack. Only after flush() returns ok may a snapshot name the
// new blobs. Destroying the store before flush() removes the temp packs.
//
// Reader side: get() returns one page image, checked against its id, from a pending (not yet indexed)
// blob or from its pack.
//
// Thread safety: put/flush from one thread at a time; get from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "repo/catalog.h"
#include "repo/pack.h"
#include "util/blobid.h"
#include "util/env.h"

namespace prescient::repo {

struct BlobStoreStats {
    uint64_t bytesWritten = 0;  // pack bytes written by this store
    uint64_t blobsStored = 0;
    uint64_t blobsRaw = 0;  // of which stored uncompressed (incompressible, or backlog too long)
};

class BlobStore {
public:
    BlobStore(Env* env, std::string repoDir, Catalog* catalog);
    ~BlobStore();  // abandons unflushed blobs (nothing references them)

    // Loads the ids of every indexed blob for dedup. Call once before the first put().
    Status loadKnownIds();
    // Stores the page unless an equal blob exists. *isNew says whether it was new. Fails with the
    // workers' first error once one happened.
    Status put(const BlobId& id, const void* page, size_t n, bool* isNew);
    // Hands the pages put() has batched so far to the workers (put() batches up to kBatchPages). get()
    // sees a page put by the calling thread only after this; flush() calls it.
    void submit();
    // Writes and indexes everything put so far. Blocks until done.
    Status flush();
    // Drops everything put since the last flush (queued pages, the open pack, temp packs), clears a
    // failure and reloads the dedup set from the catalog, so the store can serve the next backup.
    // Blocks until the workers are idle.
    void abandon();
    BlobStoreStats stats() const;
    uint64_t bytesWritten() const { return stats().bytesWritten; }

    // Reads one blob (n must equal its size). NotFound when the repository has no such blob.
    Status get(const BlobId& id, void* out, size_t n);

private:
    using Page = std::shared_ptr<const std::string>;
    struct Pending {
        BlobId id;
        Page page;
    };
    static constexpr size_t kBatchPages = 64;
    void workerLoop();
    // Writes a full or final pack under its temp name; records the first failure.
    void writePack(std::unique_ptr<PackBuilder> pack);
    void fail(const Status& s);  // REQUIRES(m_mutex): records the first failure
    struct TempBlob {
        size_t pack;  // index into m_written
        PackEntry entry;
    };

    Env* m_env;
    std::string m_dir;
    Catalog* m_catalog;
    std::unordered_set<BlobId, BlobIdHash> m_known;  // put() thread only
    std::vector<Pending> m_batch;                    // put() thread only: not yet handed to the workers
    uint64_t m_batchBytes = 0;                       // put() thread only
    std::atomic<bool> m_failed{false};               // mirrors !m_error.isOk() for the lock-free fast path

    mutable std::mutex m_mutex;
    std::condition_variable m_workCv;                          // workers wait for items
    std::condition_variable m_idleCv;                          // put()/flush() wait for room / for the workers to drain
    std::deque<std::vector<Pending>> m_queue;                  // GUARDED_BY(m_mutex): batches
    uint64_t m_queuedBytes = 0;                                // GUARDED_BY(m_mutex)
    int m_busy = 0;                                            // GUARDED_BY(m_mutex): workers holding an item
    std::unordered_map<BlobId, Page, BlobIdHash> m_unindexed;  // GUARDED_BY(m_mutex): queued or in m_pack
    std::vector<WrittenPack> m_written;                        // GUARDED_BY(m_mutex): temp packs, not durable
    std::unordered_map<BlobId, TempBlob, BlobIdHash> m_inTemp;  // GUARDED_BY(m_mutex): blobs of m_written
    std::unique_ptr<PackBuilder> m_pack;                        // GUARDED_BY(m_mutex): the open pack
    bool m_stop = false;                                        // GUARDED_BY(m_mutex)
    Status m_error;                                             // GUARDED_BY(m_mutex)
    BlobStoreStats m_stats;                                     // GUARDED_BY(m_mutex)
    std::vector<std::thread> m_workers;
};

}  // namespace prescient::repo
