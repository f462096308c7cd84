// BlobStore: content-addressed page storage on top of packs and the catalog's blob index.
//
// Writer side (the repository lock must be held): put() dedups against every blob the repository holds
// plus those added in this session, and hands new pages to a packing thread that compresses them, writes
// full packs durably and then indexes them in the catalog (packs before index, as FORMAT.md requires).
// flush() writes the last partial pack; only after it returns ok may a snapshot name the new blobs.
//
// Reader side: get() returns one page image, checked against its id, from a pending (not yet written)
// blob or from its pack.
//
// Thread safety: put/flush from one thread; get from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "repo/catalog.h"
#include "repo/pack.h"
#include "util/blobid.h"
#include "util/env.h"

namespace prescient::repo {

class BlobStore {
public:
    BlobStore(Env* env, std::string repoDir, Catalog* catalog);
    ~BlobStore();  // abandons unflushed blobs (nothing references them)

    // Loads the ids of every indexed blob for dedup. Call once before the first put().
    Status loadKnownIds();
    // Stores the page unless an equal blob exists. *isNew says whether it was new. Fails with the
    // packing thread's first error once one happened.
    Status put(const BlobId& id, const void* page, size_t n, bool* isNew);
    // Writes and indexes everything put so far. Blocks until done.
    Status flush();
    // Compressed bytes written to packs by this store so far.
    uint64_t bytesWritten() const;

    // Reads one blob (n must equal its size). NotFound when the repository has no such blob.
    Status get(const BlobId& id, void* out, size_t n);

private:
    void packLoop();
    Status writePack(PackBuilder& builder);

    Env* m_env;
    std::string m_dir;
    Catalog* m_catalog;
    std::unordered_set<BlobId, BlobIdHash> m_known;  // writer thread only

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    struct Pending {
        BlobId id;
        std::string bytes;
    };
    std::deque<Pending> m_queue;                                   // GUARDED_BY(m_mutex)
    uint64_t m_queuedBytes = 0;                                    // GUARDED_BY(m_mutex)
    std::unordered_map<BlobId, std::string, BlobIdHash> m_unwritten;  // GUARDED_BY(m_mutex): not yet indexed
    bool m_flushRequested = false;                                 // GUARDED_BY(m_mutex)
    bool m_stop = false;                                           // GUARDED_BY(m_mutex)
    uint64_t m_flushGeneration = 0;                                // GUARDED_BY(m_mutex)
    Status m_error;                                                // GUARDED_BY(m_mutex)
    uint64_t m_bytesWritten = 0;                                   // GUARDED_BY(m_mutex)
    std::thread m_thread;
};

}  // namespace prescient::repo
