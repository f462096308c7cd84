// PageFetcher: tier 3 of an instant restore. Fetches pages of the snapshot a RestoreState describes,
// either from the original database (when the restore was given one and its page still hashes to the
// snapshot's blob id: never a page of another version) or from the repository's packs. Every page is
// checked against its blob id before it is handed out: a damaged blob is Corruption naming the page,
// the blob and the pack, never wrong bytes.
//
// Packs are read through the Env (tests inject faults and latency there: the remote-store simulation of
// bench_instant_restore is an Env that sleeps on each pack read). The origin is opened through SQLite's
// own "unix" VFS, so that closing it never drops the POSIX locks other connections of this process hold
// on that file (DESIGN.md: never open/close a live database behind SQLite's back).
//
// Thread safety: fetch() and fetchBatch() may run on any number of threads at once.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "restore/restorestate.h"
#include "util/env.h"

namespace prescient::restore {

class PageFetcher {
public:
    // state must outlive the fetcher.
    PageFetcher(Env* env, const RestoreState* state);
    ~PageFetcher();
    PageFetcher(const PageFetcher&) = delete;
    PageFetcher& operator=(const PageFetcher&) = delete;

    // Uses the database at path as a store of pages that are still the snapshot's. NotFound / IoError
    // naming it. Optional: call before the first fetch.
    Status openOrigin(const std::string& path);
    bool hasOrigin() const { return m_origin != nullptr; }

    // Page pgno (1..pageCount) into out (pageSize bytes). *fromOrigin says where it came from.
    Status fetch(uint32_t pgno, char* out, bool* fromOrigin = nullptr);
    // Several pages into out (pgnos.size() pages): pack reads are sorted and coalesced. status[i] and
    // fromOrigin[i] per page.
    void fetchBatch(const std::vector<uint32_t>& pgnos, char* out, std::vector<Status>* status,
                    std::vector<char>* fromOrigin);

    uint64_t packReads() const { return m_packReads.load(std::memory_order_relaxed); }

private:
    Result<std::shared_ptr<File>> packFile(uint32_t pack);
    bool fromOriginIfSame(uint32_t pgno, char* out);
    Status decode(uint32_t pgno, const char* stored, char* out);

    Env* m_env;
    const RestoreState* m_state;
    uint32_t m_pageSize;
    std::mutex m_mutex;
    std::vector<std::shared_ptr<File>> m_packs;  // GUARDED_BY(m_mutex): opened lazily
    std::unique_ptr<File> m_origin;              // through the unix VFS (vfsfile.h); null: none
    std::atomic<uint64_t> m_packReads{0};
};

}  // namespace prescient::restore
