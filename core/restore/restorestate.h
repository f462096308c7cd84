// RestoreState: the file `TARGET.prescient` that sits beside a target while an instant restore is
// unfinished. It is how a killed restore resumes, and how other processes (the `prescient sql` command,
// the loadable extension in the stock sqlite3 shell or Python) read a target that is still restoring:
// it holds everything needed to serve any page without the repository catalog.
//
// Layout (little-endian; byte format in restore/FORMAT.md):
//   header (4 KiB): magic, version, state (restoring / complete), page size and count, snapshot id,
//                   repository folder, source and origin paths, strategy, section offsets, checksum
//   page 1 slot:    the current page 1 (the snapshot's, or the application's once it wrote page 1):
//                   page 1 reaches the target only when the restore completes
//   restored bits:  page durable in the target with the snapshot's content
//   written bits:   page written by the application: never to be overwritten by the restorer
//   feedback:       a ring of page numbers other processes read, and their query and tier counters,
//                   which the owning process folds into its queue and metrics
//   packs:          pack names; locations: per page, blob id, pack, offset, stored length, codec
// The static part (header fields, packs, locations) is covered by an XXH3-128 checksum: open() fails
// with Corruption naming the file when it does not match.
//
// Durability: a restored bit may only be set here after the page is durable in the target (the owner
// fsyncs the target first); a written bit is set before the application's write becomes durable (at its
// xSync). The file is mapped shared (mmap): every process sees bits and page 1 as soon as they are
// stored. This is the one file of core not accessed through the Env: cross-process atomics need a
// shared mapping. create() does go through the Env (temp file, fsync, rename, fsync folder).
//
// Thread safety: bit reads and feedback calls are lock-free and may run on any thread of any process;
// storeBits/storePage1/markComplete from one thread at a time (the owner's).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "repo/pack.h"
#include "util/blobid.h"
#include "util/env.h"
#include "util/status.h"

namespace prescient::restore {

// Where one page of the snapshot is stored. A zero page (id zero) has no pack.
struct PageLocation {
    BlobId id;
    uint64_t offset = 0;  // of the stored bytes in the pack
    uint32_t storedLen = 0;
    uint32_t pack = kNoPack;  // index into RestoreState::packNames()
    repo::Codec codec = repo::Codec::kRaw;
    static constexpr uint32_t kNoPack = 0xffffff;
    bool zero() const { return pack == kNoPack; }
};

struct StateInfo {
    std::string snapshotId;
    std::string repoDir;     // absolute
    std::string sourcePath;  // the snapshot's source
    std::string originPath;  // "" = none: the original database as a tier-3 store
    std::string strategy;    // prefetch strategy the restore runs with
    uint32_t pageSize = 0;
    uint64_t pageCount = 0;
    int64_t createdUs = 0;
};

// What other processes report back to the owner (all fields cumulative).
struct ReaderFeedback {
    uint64_t queries = 0;
    uint64_t queryNanos = 0;
    int64_t firstQueryUs = -1;  // wall clock of the first query, -1 none
    uint64_t tier2 = 0;
    uint64_t tier3 = 0;
    uint64_t waitNanos = 0;
};

class RestoreState {
public:
    enum State : uint32_t { kRestoring = 1, kComplete = 2 };
    ~RestoreState();
    RestoreState(const RestoreState&) = delete;
    RestoreState& operator=(const RestoreState&) = delete;

    // `TARGET.prescient`.
    static std::string pathFor(const std::string& target);

    // Writes a new state file at path durably (temp, fsync, rename, fsync folder), all bits clear.
    // locations.size() must equal info.pageCount; page1 is info.pageSize bytes.
    static Status create(Env* env, const std::string& path, const StateInfo& info,
                         const std::vector<std::string>& packNames, const std::vector<PageLocation>& locations,
                         const std::string& page1);
    // Maps an existing state file. NotFound when missing; Corruption naming the file when it is not a
    // well-formed state file. owner: open read-write and take the owner's lock (an exclusive flock held
    // until destruction): Busy naming the holder's pid when another process owns it. Not owner: the
    // feedback area is still written when the file is writable.
    static Result<std::unique_ptr<RestoreState>> open(const std::string& path, bool owner);

    const std::string& path() const { return m_path; }
    const StateInfo& info() const { return m_info; }
    const std::vector<std::string>& packNames() const { return m_packs; }
    const PageLocation& location(uint64_t pgno) const { return m_locations[pgno - 1]; }
    const std::vector<PageLocation>& locations() const { return m_locations; }

    State state() const;
    bool restored(uint64_t pgno) const { return testBit(m_restored, pgno); }
    bool written(uint64_t pgno) const { return testBit(m_written, pgno); }
    uint64_t bitWords() const { return (m_info.pageCount + 64) / 64; }  // words per bitmap (bit index = pgno)
    // Copies the current page 1 into out (pageSize bytes).
    void readPage1(void* out) const;

    // Owner: ORs the given bitmaps (bitWords() words each, bit index = page number; null = unchanged)
    // into the file, and with sync msyncs them. IoError naming the file.
    Status storeBits(const uint64_t* restored, const uint64_t* written, bool sync = true);
    Status storePage1(const void* page, bool sync = true);
    // Owner: sets one written bit in the shared mapping at once (visible to readers, kept across a kill;
    // durable after syncShared()).
    void setWritten(uint64_t pgno) {
        m_written[pgno / 64].fetch_or(uint64_t{1} << (pgno % 64), std::memory_order_release);
    }
    // Owner: msyncs the written bits and the page-1 slot. IoError naming the file.
    Status syncShared();
    // Owner: state = complete, durably. Readers then treat the target as a plain file.
    Status markComplete();
    // Whether path still names the file this object maps (a restore started over replaces it).
    bool stillAtPath() const;

    // Readers: a page this process had to fetch (the owner boosts its successors); counters.
    void postRead(uint32_t pgno);
    void addReaderCounters(uint64_t tier2, uint64_t tier3, uint64_t waitNanos);
    void noteReaderQuery(uint64_t nanos, int64_t wallUs);
    // Owner: page numbers posted since *cursor (at most the ring's size: older ones are lost), and the
    // counters. cursor starts at 0.
    std::vector<uint32_t> takeReads(uint64_t* cursor) const;
    ReaderFeedback readerFeedback() const;

private:
    RestoreState() = default;
    static bool testBit(const std::atomic<uint64_t>* words, uint64_t pgno) {
        return (words[pgno / 64].load(std::memory_order_acquire) >> (pgno % 64)) & 1;
    }
    struct Feedback;  // the shared area
    Feedback* feedback() const;

    std::string m_path;
    int m_fd = -1;
    bool m_owner = false;
    bool m_writable = false;
    char* m_map = nullptr;
    size_t m_mapSize = 0;
    StateInfo m_info;
    std::vector<std::string> m_packs;
    std::vector<PageLocation> m_locations;
    uint64_t m_page1Off = 0;
    uint64_t m_feedbackOff = 0;
    std::atomic<uint64_t>* m_restored = nullptr;  // in the mapping
    std::atomic<uint64_t>* m_written = nullptr;   // in the mapping
};

}  // namespace prescient::restore
