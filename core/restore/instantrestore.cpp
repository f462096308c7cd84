#include "restore/instantrestore.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "monitor/alerthook.h"
#include "predict/service.h"
#include "restore/pagefetcher.h"
#include "restore/restorestate.h"
#include "restore/restorevfs.h"
#include "restore/vfsfile.h"
#include "trace/tracestore.h"
#include "util/ratelimiter.h"
#include "util/sqlitedb.h"

namespace prescient::restore {

namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
uint64_t nanosSince(Clock::time_point t) {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t).count());
}
int64_t wallMicros() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr size_t kStripes = 4096;
constexpr size_t kBatchPages = 32;
constexpr auto kTick = std::chrono::milliseconds(10);
constexpr int kSampleTicks = 10;   // 100 ms: metrics, alerts, progress
constexpr int kPersistTicks = 25;  // 250 ms: restored bits made durable

// What an unfinished target holds where page 1 will go: not an SQLite header, so a plain SQLite opening
// it says "file is not a database".
constexpr char kMarker[] =
    "Prescient instant restore in progress. This file becomes an SQLite database when the restore completes;\n"
    "until then open it through the prescient VFS (prescient sql, or the prescient_vfs extension).\n";

// Reads made by the session itself (the final integrity_check) are not the application's.
thread_local bool tl_internal = false;

// Tier 1: pages fetched recently, in memory, first in first out. Sharded by page number.
class Tier1Cache {
public:
    Tier1Cache(uint64_t bytes, uint32_t pageSize) : m_perShard(bytes / pageSize / kShards), m_pageSize(pageSize) {}
    bool get(uint32_t pgno, char* out) {
        Shard& s = shard(pgno);
        std::lock_guard<std::mutex> lock(s.mutex);
        auto it = s.pages.find(pgno);
        if (it == s.pages.end()) return false;
        std::memcpy(out, it->second.data(), m_pageSize);
        return true;
    }
    void put(uint32_t pgno, const char* page) {
        if (m_perShard == 0) return;
        Shard& s = shard(pgno);
        std::lock_guard<std::mutex> lock(s.mutex);
        auto [it, inserted] = s.pages.try_emplace(pgno);
        it->second.assign(page, m_pageSize);
        if (!inserted) return;
        s.order.push_back(pgno);
        while (s.order.size() > m_perShard) {
            s.pages.erase(s.order.front());
            s.order.pop_front();
        }
    }
    void erase(uint32_t pgno) {
        Shard& s = shard(pgno);
        std::lock_guard<std::mutex> lock(s.mutex);
        s.pages.erase(pgno);  // its entry in `order` stays: evicting a missing page is harmless
    }

private:
    static constexpr size_t kShards = 16;
    struct Shard {
        std::mutex mutex;
        std::unordered_map<uint32_t, std::string> pages;  // GUARDED_BY(mutex)
        std::deque<uint32_t> order;                       // GUARDED_BY(mutex)
    };
    Shard& shard(uint32_t pgno) { return m_shards[pgno % kShards]; }
    size_t m_perShard;
    uint32_t m_pageSize;
    std::array<Shard, kShards> m_shards;
};

// A bitmap of atomics, bit index = page number.
class Bits {
public:
    explicit Bits(uint64_t pageCount) : m_words((pageCount + 64) / 64) {}
    bool test(uint64_t p) const { return (m_words[p / 64].load(std::memory_order_acquire) >> (p % 64)) & 1; }
    // True when the bit was clear.
    bool set(uint64_t p) {
        uint64_t bit = uint64_t{1} << (p % 64);
        return !(m_words[p / 64].fetch_or(bit, std::memory_order_acq_rel) & bit);
    }
    std::vector<uint64_t> copy() const {
        std::vector<uint64_t> out(m_words.size());
        for (size_t i = 0; i < out.size(); ++i) out[i] = m_words[i].load(std::memory_order_acquire);
        return out;
    }
    size_t words() const { return m_words.size(); }

private:
    std::vector<std::atomic<uint64_t>> m_words;
};

uint32_t be16(const unsigned char* p) { return (uint32_t(p[0]) << 8) | p[1]; }
uint32_t be32(const unsigned char* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

}  // namespace

// The page server of one target: shared by the session and every connection open on the target, so
// connections outlive the session safely (they keep fetching on demand).
class SessionServer : public PageServer {
public:
    SessionServer(Env* env, std::unique_ptr<RestoreState> state, std::unique_ptr<File> target, uint64_t cacheBytes)
        : m_state(std::move(state)),
          m_fetcher(env, m_state.get()),
          m_target(std::move(target)),
          m_pageSize(m_state->info().pageSize),
          m_pageCount(m_state->info().pageCount),
          m_restored(m_pageCount),
          m_written(m_pageCount),
          m_seen(m_pageCount),
          m_tier1(cacheBytes, m_pageSize),
          m_start(Clock::now()) {
        m_page1.resize(m_pageSize);
        m_state->readPage1(m_page1.data());
        // Page 1 is in memory from the start; zero pages are holes of the preallocated target.
        uint64_t done = 1;
        for (uint64_t p = 2; p <= m_pageCount; ++p) {
            if (m_state->restored(p) || m_state->location(p).zero()) {
                m_restored.set(p);
                ++done;
            }
            if (m_state->written(p) && m_written.set(p) && !m_restored.test(p)) ++done;
        }
        m_counters.pagesTotal = m_pageCount;
        m_counters.pagesRestored.store(done);
        m_alreadyDone = done;
    }

    RestoreState& state() { return *m_state; }
    PageFetcher& fetcher() { return m_fetcher; }
    monitor::RestoreCounters& counters() { return m_counters; }
    uint32_t pageSize() const { return m_pageSize; }
    uint64_t pageCount() const { return m_pageCount; }
    uint64_t alreadyDone() const { return m_alreadyDone; }
    bool done(uint64_t p) const { return p == 1 || m_restored.test(p) || m_written.test(p); }
    bool written(uint64_t p) const { return m_written.test(p); }
    bool complete() const { return m_complete.load(std::memory_order_acquire); }
    Clock::time_point startTime() const { return m_start; }
    // Hands over the plan. Reads made before it are replayed into it.
    void setQueue(std::unique_ptr<PrefetchQueue> queue) {
        PrefetchQueue* q = queue.get();
        std::vector<uint32_t> early;
        {
            std::lock_guard<std::mutex> lock(m_earlyMutex);
            m_queueOwner = std::move(queue);
            m_queue.store(q, std::memory_order_release);
            early.swap(m_earlyReads);
        }
        for (uint32_t p : early) q->observeRead(p);
    }
    PrefetchQueue* queue() const { return m_queue.load(std::memory_order_acquire); }

    // --- PageServer: the application's I/O on the main file ---
    int read(sqlite3_file* real, void* buf, int n, sqlite3_int64 off) override {
        if (complete()) return real->pMethods->xRead(real, buf, n, off);
        return detail::readPages(buf, n, off, m_pageSize, [&](uint32_t pgno, char* page) {
            return readPage(real, pgno, page);
        });
    }

    int write(sqlite3_file* real, const void* buf, int n, sqlite3_int64 off) override {
        if (complete()) return real->pMethods->xWrite(real, buf, n, off);
        const auto* in = static_cast<const char*>(buf);
        sqlite3_int64 pos = off;
        std::string page;
        while (pos < off + n) {
            auto pgno = static_cast<uint32_t>(pos / m_pageSize) + 1;
            sqlite3_int64 pageOff = static_cast<sqlite3_int64>(pgno - 1) * m_pageSize;
            auto from = static_cast<size_t>(pos - pageOff);
            auto len = static_cast<size_t>(std::min<sqlite3_int64>(m_pageSize - from, off + n - pos));
            const char* src = in + (pos - off);
            int rc = SQLITE_OK;
            if (pgno == 1) {
                std::lock_guard<std::mutex> lock(m_page1Mutex);
                if (complete()) {
                    rc = real->pMethods->xWrite(real, src, static_cast<int>(len), pos);
                } else {
                    std::memcpy(m_page1.data() + from, src, len);
                    (void)m_state->storePage1(m_page1.data(), false);  // seen by readers now, durable at xSync
                    m_sharedDirty.store(true, std::memory_order_release);
                }
            } else if (pgno > m_pageCount) {
                rc = real->pMethods->xWrite(real, src, static_cast<int>(len), pos);
            } else {
                std::lock_guard<std::mutex> lock(stripe(pgno));
                if (len < m_pageSize && !done(pgno)) {  // partial write of a page not here yet
                    page.resize(m_pageSize);
                    Status s = m_fetcher.fetch(pgno, page.data());
                    if (!s.isOk()) {
                        setLastServeError(s);
                        return SQLITE_IOERR_WRITE;
                    }
                    std::memcpy(page.data() + from, src, len);
                    markWritten(pgno);
                    rc = real->pMethods->xWrite(real, page.data(), static_cast<int>(m_pageSize), pageOff);
                } else {
                    markWritten(pgno);
                    rc = real->pMethods->xWrite(real, src, static_cast<int>(len), pos);
                }
            }
            if (rc != SQLITE_OK) return rc;
            pos += static_cast<sqlite3_int64>(len);
        }
        return SQLITE_OK;
    }

    int truncate(sqlite3_file* real, sqlite3_int64 size) override {
        if (!complete()) {
            uint64_t keep = (static_cast<uint64_t>(size) + m_pageSize - 1) / m_pageSize;
            for (uint64_t p = std::max<uint64_t>(keep + 1, 2); p <= m_pageCount; ++p) {
                std::lock_guard<std::mutex> lock(stripe(static_cast<uint32_t>(p)));
                markWritten(static_cast<uint32_t>(p));  // gone: never to be restored
            }
        }
        return real->pMethods->xTruncate(real, size);
    }

    // Written bits and page 1 are in the shared mapping from the moment they change (readers and a kill
    // see them); the application's fsync makes them durable first.
    int sync(sqlite3_file* real, int flags) override {
        if (!complete() && m_sharedDirty.exchange(false)) {
            Status s = m_state->syncShared();
            if (!s.isOk()) {
                m_sharedDirty.store(true);
                setLastServeError(s);
                return SQLITE_IOERR_FSYNC;
            }
        }
        return real->pMethods->xSync(real, flags);
    }
    bool readOnly() const override { return false; }
    void noteQuery(uint64_t nanos) override {
        m_counters.noteQuery(nanos, static_cast<int64_t>(nanosSince(m_start) / 1000));
    }

    // --- the workers ---
    // Fetches and writes one batch. Returns false on a failure that ends the restore (target I/O).
    bool restoreBatch(const std::vector<uint32_t>& batch, std::string* buf, RateLimiter* limiter,
                      const CancelToken* cancel = nullptr) {
        PrefetchQueue* queue = m_queue.load(std::memory_order_acquire);
        std::vector<uint32_t> todo;
        for (uint32_t p : batch) {
            if (done(p))
                queue->markDone(p);
            else
                todo.push_back(p);
        }
        if (todo.empty()) return true;
        if (limiter) limiter->acquire(todo.size() * m_pageSize, cancel);
        if (cancel && cancel->isCancelled()) return true;  // the caller sees the cancellation
        buf->resize(todo.size() * m_pageSize);
        std::vector<Status> status;
        std::vector<char> origin;
        m_fetcher.fetchBatch(todo, buf->data(), &status, &origin);
        for (size_t i = 0; i < todo.size(); ++i) {
            uint32_t p = todo[i];
            if (!status[i].isOk()) {
                recordFailure(p, status[i]);
                continue;
            }
            const char* page = buf->data() + i * m_pageSize;
            {
                std::lock_guard<std::mutex> lock(stripe(p));
                if (!done(p)) {
                    Status s = m_target->write(static_cast<uint64_t>(p - 1) * m_pageSize, page, m_pageSize);
                    if (!s.isOk()) {
                        recordFatal(s);
                        return false;
                    }
                    m_restored.set(p);
                    m_tier1.put(p, page);
                    m_counters.pagesRestored.fetch_add(1, std::memory_order_relaxed);
                    m_counters.bytesRestored.fetch_add(m_pageSize, std::memory_order_relaxed);
                    m_fetched.fetch_add(1, std::memory_order_relaxed);
                }
            }
            queue->markDone(p);
        }
        return true;
    }

    // Makes restored pages durable in the target, then their bits in the state file.
    Status persistRestored() {
        std::vector<uint64_t> bits = m_restored.copy();
        PRESCIENT_RETURN_IF_ERROR(m_target->sync());
        return m_state->storeBits(bits.data(), nullptr, true);
    }

    // Every page but 1 that the application did not write, read back from the target and checked
    // against its blob id. Corruption naming the first page that differs.
    Status verifyPages(const JobControl& job, const std::function<bool()>& cancelled) {
        std::string page(m_pageSize, '\0');
        for (uint64_t p = 2; p <= m_pageCount; ++p) {
            if (cancelled()) return Status::cancelled("restore cancelled");
            std::lock_guard<std::mutex> lock(stripe(static_cast<uint32_t>(p)));
            if (m_written.test(p)) continue;
            size_t got = 0;
            PRESCIENT_RETURN_IF_ERROR(m_target->read((p - 1) * m_pageSize, page.data(), m_pageSize, &got));
            if (got != m_pageSize)
                return Status::corruption("the restored target " + m_target->path() + " ends before page " +
                                          std::to_string(p));
            const PageLocation& loc = m_state->location(p);
            bool ok = loc.zero() ? isAllZero(page.data(), m_pageSize) : BlobId::of(page.data(), m_pageSize) == loc.id;
            if (!ok)
                return Status::corruption("page " + std::to_string(p) + " of the restored target " + m_target->path() +
                                          " does not match blob " + loc.id.hex());
            if (p % 8192 == 0) job.report({"verify", p, m_pageCount, p * m_pageSize});
        }
        return Status::ok();
    }

    // Page 1 to the disk, durably, then the state says complete, then every call passes through. Page-1
    // I/O of the application waits on m_page1Mutex meanwhile; a kill at any point resumes correctly (the
    // slot and the disk hold the same page 1; a complete state is taken as finished).
    Status writePage1AndComplete() {
        std::lock_guard<std::mutex> lock(m_page1Mutex);
        PRESCIENT_RETURN_IF_ERROR(m_target->write(0, m_page1.data(), m_pageSize));
        PRESCIENT_RETURN_IF_ERROR(m_target->sync());
        PRESCIENT_RETURN_IF_ERROR(m_state->storePage1(m_page1.data(), true));
        PRESCIENT_RETURN_IF_ERROR(m_state->markComplete());
        m_complete.store(true, std::memory_order_release);
        return Status::ok();
    }

    // Folds what reader processes posted into the queue and the counters.
    void foldReaderFeedback() {
        PrefetchQueue* queue = m_queue.load(std::memory_order_acquire);
        if (queue)
            for (uint32_t p : m_state->takeReads(&m_feedbackCursor))
                if (p >= 1 && p <= m_pageCount) queue->observeRead(p);
        ReaderFeedback f = m_state->readerFeedback();
        m_counters.tier2.fetch_add(f.tier2 - m_lastFeedback.tier2, std::memory_order_relaxed);
        m_counters.tier3.fetch_add(f.tier3 - m_lastFeedback.tier3, std::memory_order_relaxed);
        m_counters.waitNanos.fetch_add(f.waitNanos - m_lastFeedback.waitNanos, std::memory_order_relaxed);
        for (uint64_t q = m_lastFeedback.queries; q < f.queries; ++q) {
            int64_t atUs = f.firstQueryUs >= 0 ? f.firstQueryUs - m_startWallUs : 0;
            m_counters.noteQuery(q + 1 == f.queries ? f.queryNanos - m_lastFeedback.queryNanos : 0,
                                 std::max<int64_t>(atUs, 0));
        }
        m_lastFeedback = f;
    }

    uint64_t fetched() const { return m_fetched.load(std::memory_order_relaxed); }
    uint64_t pagesWritten() const { return m_pagesWritten.load(std::memory_order_relaxed); }
    Status fatal() {
        std::lock_guard<std::mutex> lock(m_failMutex);
        return m_fatal;
    }
    // The first page that could not be restored and is still missing (a fetch that failed once and
    // succeeded later does not count), and how many there are.
    Status failures(size_t* count) {
        std::lock_guard<std::mutex> lock(m_failMutex);
        *count = 0;
        Status first;
        for (const auto& [pgno, s] : m_failures)
            if (!done(pgno) && (*count)++ == 0) first = s;
        return first;
    }
    // Fetches on this thread whatever page is still missing (pages the queue no longer holds).
    bool restoreRemaining(std::string* buf) {
        std::vector<uint32_t> missing;
        for (uint64_t p = 2; p <= m_pageCount; ++p)
            if (!done(p)) missing.push_back(static_cast<uint32_t>(p));
        for (size_t i = 0; i < missing.size(); i += kBatchPages) {
            std::vector<uint32_t> batch(missing.begin() + i,
                                        missing.begin() + std::min(missing.size(), i + kBatchPages));
            if (!restoreBatch(batch, buf, nullptr)) return false;
        }
        return true;
    }

private:
    std::mutex& stripe(uint32_t pgno) { return m_stripes[pgno % kStripes]; }

    int readPage(sqlite3_file* real, uint32_t pgno, char* page) {
        const auto pageOff = static_cast<sqlite3_int64>(pgno - 1) * m_pageSize;
        const int n = static_cast<int>(m_pageSize);
        const bool app = !tl_internal;
        if (pgno == 1) {
            std::unique_lock<std::mutex> lock(m_page1Mutex);
            if (complete()) {
                lock.unlock();
                return real->pMethods->xRead(real, page, n, pageOff);
            }
            std::memcpy(page, m_page1.data(), m_pageSize);
            if (app) m_counters.tier1.fetch_add(1, std::memory_order_relaxed);
            return SQLITE_OK;
        }
        if (pgno > m_pageCount || complete()) return real->pMethods->xRead(real, page, n, pageOff);
        if (app) observe(pgno);
        if (m_tier1.get(pgno, page)) {
            if (app) m_counters.tier1.fetch_add(1, std::memory_order_relaxed), hint(pgno, page);
            return SQLITE_OK;
        }
        if (done(pgno)) {
            int rc = real->pMethods->xRead(real, page, n, pageOff);
            if (app && rc == SQLITE_OK) m_counters.tier2.fetch_add(1, std::memory_order_relaxed), hint(pgno, page);
            return rc;
        }
        auto t0 = Clock::now();
        bool fromOrigin = false;
        Status s = m_fetcher.fetch(pgno, page, &fromOrigin);
        if (!s.isOk()) {
            recordFailure(pgno, s);
            return SQLITE_IOERR_READ;
        }
        {
            std::lock_guard<std::mutex> lock(stripe(pgno));
            if (m_written.test(pgno)) return real->pMethods->xRead(real, page, n, pageOff);  // written meanwhile
            if (!m_restored.test(pgno)) {
                Status w = m_target->write(static_cast<uint64_t>(pageOff), page, m_pageSize);
                if (w.isOk()) {
                    m_restored.set(pgno);
                    m_counters.pagesRestored.fetch_add(1, std::memory_order_relaxed);
                    m_counters.bytesRestored.fetch_add(m_pageSize, std::memory_order_relaxed);
                    m_fetched.fetch_add(1, std::memory_order_relaxed);
                    if (PrefetchQueue* q = m_queue.load(std::memory_order_acquire)) q->markDone(pgno);
                } else {
                    recordFatal(w);  // the page is still served: the bytes are in hand
                }
            }
        }
        if (app) {
            m_counters.tier3.fetch_add(1, std::memory_order_relaxed);
            if (fromOrigin) m_counters.tier3Origin.fetch_add(1, std::memory_order_relaxed);
            m_counters.waitNanos.fetch_add(nanosSince(t0), std::memory_order_relaxed);
            hint(pgno, page);
        }
        return SQLITE_OK;
    }

    void observe(uint32_t pgno) {
        if (PrefetchQueue* q = m_queue.load(std::memory_order_acquire)) {
            q->observeRead(pgno);
            return;
        }
        std::lock_guard<std::mutex> lock(m_earlyMutex);
        if (PrefetchQueue* q = m_queue.load(std::memory_order_acquire))
            q->observeRead(pgno);
        else if (m_earlyReads.size() < 100000)
            m_earlyReads.push_back(pgno);
    }

    // The first time the application reads a B-tree interior page, its children become likely next reads.
    void hint(uint32_t pgno, const char* page) {
        PrefetchQueue* q = m_queue.load(std::memory_order_acquire);
        if (!q || !m_seen.set(pgno)) return;
        const auto* h = reinterpret_cast<const unsigned char*>(page);
        if (h[0] != 0x02 && h[0] != 0x05) return;  // index / table interior
        uint32_t cells = be16(h + 3);
        if (12 + 2 * uint64_t{cells} > m_pageSize) return;
        double p = std::min(0.5, 2.0 / (cells + 1));
        auto child = [&](uint32_t c) {
            if (c >= 2 && c <= m_pageCount && !done(c)) q->boost(c, p);
        };
        child(be32(h + 8));
        for (uint32_t i = 0; i < cells; ++i) {
            uint32_t cellOff = be16(h + 12 + 2 * i);
            if (cellOff + 4 <= m_pageSize) child(be32(h + cellOff));
        }
    }

    // REQUIRES(stripe(pgno)). Before the application's bytes land.
    void markWritten(uint32_t pgno) {
        bool wasDone = done(pgno);
        if (m_written.set(pgno)) {
            m_pagesWritten.fetch_add(1, std::memory_order_relaxed);
            m_state->setWritten(pgno);
            m_sharedDirty.store(true, std::memory_order_release);
        }
        m_tier1.erase(pgno);
        if (!wasDone) {
            m_counters.pagesRestored.fetch_add(1, std::memory_order_relaxed);
            if (PrefetchQueue* q = m_queue.load(std::memory_order_acquire)) q->markDone(pgno);
        }
    }

    void recordFailure(uint32_t pgno, const Status& s) {
        setLastServeError(s);
        std::lock_guard<std::mutex> lock(m_failMutex);
        m_failures.emplace(pgno, s);
    }
public:
    void recordFatal(const Status& s) {
        std::lock_guard<std::mutex> lock(m_failMutex);
        if (m_fatal.isOk()) m_fatal = s.withContext("writing the target");
    }

private:

    std::unique_ptr<RestoreState> m_state;
    PageFetcher m_fetcher;
    std::unique_ptr<File> m_target;
    const uint32_t m_pageSize;
    const uint64_t m_pageCount;
    Bits m_restored;  // in the target with the snapshot's content (durable once persisted)
    Bits m_written;   // written by the application: never restored over
    Bits m_seen;      // read once by the application (structure hints given)
    std::array<std::mutex, kStripes> m_stripes;  // order worker writes against application writes per page
    Tier1Cache m_tier1;
    std::mutex m_earlyMutex;
    std::unique_ptr<PrefetchQueue> m_queueOwner;   // GUARDED_BY(m_earlyMutex): set once the plan is made
    std::atomic<PrefetchQueue*> m_queue{nullptr};  // m_queueOwner, for lock-free use
    std::vector<uint32_t> m_earlyReads;  // GUARDED_BY(m_earlyMutex): reads before the queue existed
    std::mutex m_page1Mutex;
    std::string m_page1;                      // GUARDED_BY(m_page1Mutex): the current page 1
    std::atomic<bool> m_sharedDirty{false};  // written bits or page 1 changed since the last msync
    std::atomic<bool> m_complete{false};
    monitor::RestoreCounters m_counters;
    const Clock::time_point m_start;
    const int64_t m_startWallUs = wallMicros();
    uint64_t m_alreadyDone = 0;
    std::atomic<uint64_t> m_fetched{0};
    std::atomic<uint64_t> m_pagesWritten{0};
    uint64_t m_feedbackCursor = 0;  // housekeeping thread only
    ReaderFeedback m_lastFeedback;  // housekeeping thread only
    std::mutex m_failMutex;
    std::map<uint32_t, Status> m_failures;  // GUARDED_BY(m_failMutex): damaged pages
    Status m_fatal;                         // GUARDED_BY(m_failMutex)
};

struct InstantRestore::Impl {
    repo::Repository* repo = nullptr;
    repo::SnapshotInfo snapshot;
    std::string target;
    InstantOptions options;
    std::string strategy;  // GUARDED_BY(resultMutex): what runs ("best" until the plan is made)
    bool resumed = false;
    double readySeconds = 0;
    std::shared_ptr<SessionServer> server;  // owns the queue: open connections may outlive the session
    PrefetchQueue* queue = nullptr;         // housekeeping thread; server->queue() elsewhere
    std::unique_ptr<monitor::MetricsSeries> series;
    std::unique_ptr<RateLimiter> limiter;
    CancelToken cancel;
    std::thread housekeeper;
    std::vector<std::thread> workers;
    std::atomic<int> workersRunning{0};
    std::atomic<bool> finished{false};
    mutable std::mutex resultMutex;
    std::optional<Result<InstantResult>> result;  // GUARDED_BY(resultMutex)
    std::vector<monitor::Alert> alerts;           // housekeeping thread
    int64_t historyId = 0;
    double restoreSeconds = 0, verifySeconds = 0;

    bool cancelled() const { return cancel.isCancelled() || options.job.cancelled(); }
    void run();  // the housekeeping thread
    void runSession();
    Status plan();
    Status finish();
    void raise(std::vector<monitor::Alert> fired);
    void recordHistory(const std::string& status, const std::string& message, double precision);
};

namespace {

// Builds the restore state and the target file for a fresh restore.
Status prepareFresh(repo::Repository& repo, const repo::SnapshotInfo& snapshot, const std::string& target,
                    const std::string& statePath, const InstantOptions& options) {
    Env* env = repo.env();
    auto map = repo.loadPageMap(snapshot.id);
    if (!map.isOk()) return map.status();
    const uint64_t pageCount = map->pages.size();
    if (pageCount == 0 || map->pages[0].isZero())
        return Status::corruption("snapshot " + snapshot.id + " has no page 1");
    // Unique ids in byte order (memcmp: much faster than BlobId's element-wise compare on 200k+ ids).
    auto less = [](const BlobId& a, const BlobId& b) { return std::memcmp(a.bytes.data(), b.bytes.data(), 16) < 0; };
    std::vector<BlobId> ids;
    ids.reserve(pageCount);
    for (const auto& id : map->pages)
        if (!id.isZero()) ids.push_back(id);
    std::sort(ids.begin(), ids.end(), less);
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto locs = repo.catalog().locateBlobs(ids);
    if (!locs.isOk()) return locs.status();
    std::unordered_map<std::string, uint32_t> packIndex;
    std::vector<std::string> packs;
    std::vector<PageLocation> byId(ids.size());  // parallel to ids
    for (size_t i = 0; i < ids.size(); ++i) {
        if (!locs.value()[i])
            return Status::corruption("snapshot " + snapshot.id + " names blob " + ids[i].hex() +
                                      " that the repository lacks");
        const repo::BlobLocation& l = *locs.value()[i];
        if (l.entry.rawLen != map->pageSize)
            return Status::corruption("pack " + l.packName + ", blob " + ids[i].hex() + ": not a page of " +
                                      std::to_string(map->pageSize) + " bytes");
        auto [it, added] = packIndex.try_emplace(l.packName, static_cast<uint32_t>(packs.size()));
        if (added) packs.push_back(l.packName);
        PageLocation& pl = byId[i];
        pl.id = ids[i];
        pl.offset = l.entry.offset;
        pl.storedLen = l.entry.storedLen;
        pl.pack = it->second;
        pl.codec = l.entry.codec;
    }
    std::vector<PageLocation> locations(pageCount);
    for (uint64_t p = 0; p < pageCount; ++p)
        if (!map->pages[p].isZero())
            locations[p] = byId[std::lower_bound(ids.begin(), ids.end(), map->pages[p], less) - ids.begin()];
    std::string page1(map->pageSize, '\0');
    PRESCIENT_RETURN_IF_ERROR(repo.blobs().get(map->pages[0], page1.data(), page1.size()));

    StateInfo info;
    info.snapshotId = snapshot.id;
    info.repoDir = absolutePath(repo.dir());
    info.sourcePath = snapshot.sourcePath;
    info.originPath = options.originPath.empty() ? "" : absolutePath(options.originPath);
    info.strategy = options.strategy;
    info.pageSize = map->pageSize;
    info.pageCount = pageCount;
    info.createdUs = wallMicros();
    PRESCIENT_RETURN_IF_ERROR(RestoreState::create(env, statePath, info, packs, locations, page1));

    auto file = env->open(target, OpenMode::kCreateTruncate);
    if (!file.isOk()) return file.status();
    std::string marker(map->pageSize, '\0');
    std::memcpy(marker.data(), kMarker, std::min(sizeof(kMarker) - 1, marker.size()));
    PRESCIENT_RETURN_IF_ERROR((*file)->write(0, marker.data(), marker.size()));
    PRESCIENT_RETURN_IF_ERROR((*file)->truncate(pageCount * map->pageSize));  // the rest: holes until restored
    PRESCIENT_RETURN_IF_ERROR((*file)->sync());
    return env->syncDir(dirName(target));
}

void removeTargetFiles(Env* env, const std::string& target) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".prescient"}) (void)env->remove(target + suffix);
}

}  // namespace

Result<std::unique_ptr<InstantRestore>> InstantRestore::start(repo::Repository& repo,
                                                              const repo::SnapshotInfo& snapshot,
                                                              const std::string& targetIn,
                                                              const InstantOptions& options) {
    auto t0 = Clock::now();
    Env* env = repo.env();
    registerRestoreVfs();
    const std::string target = absolutePath(targetIn);
    const std::string dir = dirName(target);
    auto dirStat = env->stat(dir);
    if (!dirStat.isOk() || dirStat->kind != FileInfo::Kind::kDir)
        return Status::notFound("target folder " + dir + " does not exist");
    auto targetStat = env->stat(target);
    if (targetStat.isOk() && targetStat->kind == FileInfo::Kind::kDir)
        return Status::invalidArgument("target " + target + " is a folder");
    const std::string statePath = RestoreState::pathFor(target);
    if (!options.strategy.empty() && options.strategy != "none") {  // fail before touching anything
        std::string unused;
        auto model = repo.catalog().latestModel(snapshot.sourcePath, options.strategy, &unused);
        if (!model.isOk()) return model.status();
        if (!model.value())
            return Status::notFound("no trained " + options.strategy + " model for " + snapshot.sourcePath +
                                    " (run 'prescient train --source " + snapshot.sourcePath + "', or use --strategy none)");
    }

    if (!options.originPath.empty() && absolutePath(options.originPath) == target)
        return Status::invalidArgument("the origin " + target + " cannot be the target of the restore");
    // One start at a time per target (a concurrent start would truncate this one's target); the owner's
    // lock on the state file takes over once it is open.
    std::string holder;
    auto startLock = env->lock(target + ".prescient-start", &holder);
    if (!startLock.isOk()) {
        if (startLock.status().code() == Status::Code::kBusy)
            return Status::busy("another restore of " + target + " is starting (" + describeLockHolder(holder) + ")");
        return startLock.status();
    }
    (void)(*startLock)->writeContent(lockHolderContent());

    std::unique_ptr<RestoreState> state;
    bool resumed = false;
    bool startOver = false;
    if (env->stat(statePath).isOk()) {
        auto st = RestoreState::open(statePath, true);
        if (!st.isOk() && st.status().code() == Status::Code::kBusy) return st.status();
        if (st.isOk() && (*st)->state() == RestoreState::kComplete) {
            // Finished: killed after the target became a plain file but before the state went.
            st = Status::notFound("finished");
            (void)env->remove(statePath);
            if (!options.force)
                return Status::invalidArgument("target " + target + " already exists: a finished restore (use --force to replace it)");
            startOver = true;
        } else {
            // A target deleted since cannot be resumed: its restored pages are gone.
            bool same = st.isOk() && (*st)->info().snapshotId == snapshot.id &&
                        (*st)->info().repoDir == absolutePath(repo.dir()) && targetStat.isOk();
            if (same) {
                state = std::move(st.value());
                resumed = true;
            } else if (!options.force && targetStat.isOk()) {
                if (!st.isOk())
                    return st.status().withContext("unfinished restore of " + target + " (--force starts over)");
                return Status::invalidArgument(target + " is an unfinished restore of snapshot " +
                                               (*st)->info().snapshotId +
                                               " (run that restore again to resume it, or use --force to start over)");
            } else {
                startOver = true;  // after `st` closes
            }
        }
    } else if (targetStat.isOk()) {
        if (!options.force)
            return Status::invalidArgument("target " + target + " already exists (use --force to replace it)");
        startOver = true;
    }
    if (startOver) removeTargetFiles(env, target);
    if (!state) {
        Status s = prepareFresh(repo, snapshot, target, statePath, options);
        if (!s.isOk()) {
            removeTargetFiles(env, target);
            return s;
        }
        auto st = RestoreState::open(statePath, true);
        if (!st.isOk()) return st.status();
        state = std::move(st.value());
    } else {
        // A kill may have come between the state file and the target's preallocation: make the target whole
        // (no page can be marked restored before it was). Page 1's place keeps the marker.
        const uint64_t want = state->info().pageCount * state->info().pageSize;
        auto size = env->stat(target);
        if (!size.isOk() || size->size < want) {
            auto f = env->open(target, size.isOk() ? OpenMode::kReadWrite : OpenMode::kCreateNew);
            if (!f.isOk()) return f.status();
            std::string marker(state->info().pageSize, '\0');
            std::memcpy(marker.data(), kMarker, std::min(sizeof(kMarker) - 1, marker.size()));
            PRESCIENT_RETURN_IF_ERROR((*f)->write(0, marker.data(), marker.size()));
            PRESCIENT_RETURN_IF_ERROR((*f)->truncate(want));
            PRESCIENT_RETURN_IF_ERROR((*f)->sync());
            PRESCIENT_RETURN_IF_ERROR(env->syncDir(dir));
        }
    }
    startLock.value().reset();
    // Through SQLite's unix VFS: closing it never drops the locks of connections of this process.
    auto file = openThroughUnixVfs(target, true);
    if (!file.isOk()) return file.status();

    auto impl = std::make_unique<Impl>();
    impl->repo = &repo;
    impl->snapshot = snapshot;
    impl->target = target;
    impl->options = options;
    impl->resumed = resumed;
    const std::string storedOrigin = state->info().originPath;
    impl->server = std::make_shared<SessionServer>(env, std::move(state), std::move(file.value()), options.cacheBytes);
    if (!options.originPath.empty()) {
        PRESCIENT_RETURN_IF_ERROR(impl->server->fetcher().openOrigin(absolutePath(options.originPath)));
    } else if (!storedOrigin.empty()) {
        (void)impl->server->fetcher().openOrigin(storedOrigin);  // optional on a resume: it may be gone
    }
    impl->series = std::make_unique<monitor::MetricsSeries>(&impl->server->counters());
    if (options.rateMBps > 0)
        impl->limiter = std::make_unique<RateLimiter>(static_cast<uint64_t>(options.rateMBps * 1e6));
    impl->strategy = options.strategy.empty() ? "best" : options.strategy;  // no thread runs yet
    registerPageServer(target, impl->server);  // from here the target answers
    impl->readySeconds = secondsSince(t0);
    Impl* raw = impl.get();
    try {
        impl->housekeeper = std::thread([raw] { raw->run(); });
    } catch (const std::exception& e) {
        registerPageServer(target, nullptr);
        return Status::ioError(std::string("cannot start the restore thread: ") + e.what());
    }
    return std::unique_ptr<InstantRestore>(new InstantRestore(std::move(impl)));
}

// Chooses the order: the stored model's ranking, successors from the source's traces, the rest by pack.
Status InstantRestore::Impl::plan() {
    SessionServer& s = *server;
    std::vector<predict::RankedPage> ranking;
    std::string used = "none";
    if (options.strategy != "none") {
        auto ranked = predict::rankForRestore(*repo, snapshot, options.strategy, "", s.pageCount(), &used);
        if (ranked.isOk()) {
            ranking = std::move(ranked.value());
        } else if (!options.strategy.empty() || ranked.status().code() != Status::Code::kNotFound) {
            return ranked.status();
        } else {
            used = "none";  // no model stored: stream and fetch on demand
        }
    }
    SuccessorTable successors;
    if (used != "none") {
        auto episodes = trace::loadEpisodes(repo->catalog(), snapshot.sourcePath);
        if (episodes.isOk())
            successors = SuccessorTable::fromEpisodes(episodes.value(), static_cast<uint32_t>(s.pageCount()));
    }
    std::vector<uint32_t> stream;
    for (uint64_t p = 2; p <= s.pageCount(); ++p)
        if (!s.done(p)) stream.push_back(static_cast<uint32_t>(p));
    const RestoreState& st = s.state();
    std::stable_sort(stream.begin(), stream.end(), [&](uint32_t a, uint32_t b) {
        const PageLocation& x = st.location(a);
        const PageLocation& y = st.location(b);
        return x.pack != y.pack ? x.pack < y.pack : x.offset < y.offset;
    });
    auto q = std::make_unique<PrefetchQueue>(static_cast<uint32_t>(s.pageCount()), ranking, std::move(stream),
                                             std::vector<float>{}, std::move(successors));
    for (const auto& r : ranking)
        if (s.done(r.pgno)) q->markDone(r.pgno);
    s.counters().predictedTotal = q->stats().predicted;
    queue = q.get();
    {
        std::lock_guard<std::mutex> lock(resultMutex);
        strategy = used;
    }
    s.setQueue(std::move(q));
    return Status::ok();
}

void InstantRestore::Impl::raise(std::vector<monitor::Alert> fired) {
    for (auto& a : fired) {
        if (options.recordHistory) {
            auto id = repo->catalog().addAlert(monitor::toRecord(a));
            if (id.isOk()) a.id = id.value();
        }
        if (!options.onAlert.empty()) (void)monitor::runAlertCommand(options.onAlert, a);
        alerts.push_back(std::move(a));
    }
}

void InstantRestore::Impl::recordHistory(const std::string& status, const std::string& message, double precision) {
    if (!options.recordHistory) return;
    monitor::MetricsSummary m = series->summary();
    repo::RestoreRecord r;
    r.id = historyId;
    r.snapshotId = snapshot.id;
    r.sourcePath = snapshot.sourcePath;
    r.target = target;
    r.strategy = strategy;
    r.startedUs = wallMicros() - static_cast<int64_t>(secondsSince(server->startTime()) * 1e6);
    r.finishedUs = status == "running" ? 0 : wallMicros();
    r.status = status;
    r.ttfqSeconds = m.timeToFirstQuery;
    r.t90Seconds = m.timeTo90;
    r.tier1 = m.tier1;
    r.tier2 = m.tier2;
    r.tier3 = m.tier3;
    r.queries = m.queries;
    r.pages = server->pageCount();
    r.bytes = server->pageCount() * server->pageSize();
    r.precision = precision;
    r.message = message;
    if (historyId == 0) {
        auto id = repo->catalog().addRestore(r);
        if (id.isOk()) historyId = id.value();
    } else {
        (void)repo->catalog().updateRestore(r);
    }
}

void InstantRestore::Impl::run() {
    try {
        runSession();
    } catch (const std::exception& e) {  // nothing escapes the thread: the session fails with a Status
        cancel.cancel();
        for (auto& w : workers)
            if (w.joinable()) w.join();
        std::lock_guard<std::mutex> lock(resultMutex);
        result = Status::ioError(std::string("instant restore of ") + target + " failed: " + e.what());
        finished = true;
    }
}

void InstantRestore::Impl::runSession() {
    SessionServer& s = *server;
    auto t0 = s.startTime();
    recordHistory("running", "", -1);
    monitor::AlertMonitor monitor(options.alertRules, target, snapshot.id, historyId);
    Status status = plan();
    if (status.isOk()) {
        int n = options.workers > 0 ? options.workers : 4;
        workersRunning = n;
        for (int i = 0; i < n; ++i)
            workers.emplace_back([this] {
                try {
                    std::string buf;
                    while (!cancelled()) {
                        std::vector<uint32_t> batch = queue->popBatch(kBatchPages);
                        if (batch.empty() || !server->restoreBatch(batch, &buf, limiter.get(), &cancel)) break;
                    }
                } catch (const std::exception& e) {  // nothing escapes a worker
                    server->recordFatal(Status::ioError(std::string("restore worker failed: ") + e.what()));
                }
                --workersRunning;
            });
    }
    // Housekeeping until the workers are done: reader feedback, metrics, alerts, progress, durability.
    int tick = 0;
    uint64_t persisted = s.counters().pagesRestored.load();
    auto sample = [&] {
        s.counters().predictedDone.store(queue ? queue->stats().predictedDone : 0, std::memory_order_relaxed);
        series->sample(secondsSince(t0));
        if (auto p = series->latest()) {
            raise(monitor.onSample(*p, workersRunning.load() > 0));
            uint64_t done = s.counters().pagesRestored.load();
            options.job.report({"restore", done, s.pageCount(), done * s.pageSize()});
        }
    };
    while (status.isOk() && workersRunning.load() > 0) {
        std::this_thread::sleep_for(kTick);
        ++tick;
        s.foldReaderFeedback();
        if (tick % kSampleTicks == 0) sample();
        if (tick % kPersistTicks == 0 && s.counters().pagesRestored.load() != persisted) {
            persisted = s.counters().pagesRestored.load();
            Status p = s.persistRestored();
            if (!p.isOk()) status = p;
        }
    }
    if (!status.isOk()) cancel.cancel();
    for (auto& w : workers) w.join();
    workers.clear();
    std::string buf;
    if (status.isOk() && !cancelled() && s.fatal().isOk()) s.restoreRemaining(&buf);
    restoreSeconds = secondsSince(t0);
    Status p = s.persistRestored();
    if (status.isOk()) status = s.fatal();
    if (status.isOk()) status = p;
    if (status.isOk() && cancelled()) status = Status::cancelled("restore cancelled");
    size_t damaged = 0;
    if (status.isOk()) {
        Status first = s.failures(&damaged);
        if (!first.isOk())
            status = first.withContext(std::to_string(damaged) + " page(s) could not be restored; first");
    }
    auto verifyStart = Clock::now();
    if (status.isOk()) status = finish();
    verifySeconds = secondsSince(verifyStart);
    s.foldReaderFeedback();
    sample();

    QueueStats qs = queue ? queue->stats() : QueueStats{};
    double precision = qs.predicted > 0 && qs.reads > 0 ? double(qs.predictedRead) / double(qs.predicted) : -1;
    std::string verifyError = status.code() == Status::Code::kCorruption ? status.detail() : "";
    raise(monitor.onFinish(precision, qs.reads, verifyError));
    const char* outcome = status.isOk()                                  ? "complete"
                          : status.code() == Status::Code::kCancelled    ? "cancelled"
                                                                          : "failed";
    recordHistory(outcome, status.isOk() ? "" : status.detail(), precision);

    InstantResult r;
    r.snapshot = snapshot;
    r.strategy = strategy;
    r.resumed = resumed;
    r.pages = s.pageCount();
    r.pagesFetched = s.fetched();
    r.pagesWritten = s.pagesWritten();
    r.seconds = secondsSince(t0);
    r.readySeconds = readySeconds;
    r.restoreSeconds = restoreSeconds;
    r.verifySeconds = verifySeconds;
    r.metrics = series->summary();
    r.queue = qs;
    r.precision = precision;
    r.alerts = alerts;
    r.historyId = historyId;
    if (status.isOk()) options.job.report({"done", s.pageCount(), s.pageCount(), s.pageCount() * s.pageSize()});
    std::lock_guard<std::mutex> lock(resultMutex);
    if (status.isOk())
        result = std::move(r);
    else
        result = status;
    finished = true;
}

// Verification and the switch to a plain file.
Status InstantRestore::Impl::finish() {
    SessionServer& s = *server;
    options.job.report({"verify", 0, s.pageCount(), 0});
    // The structure check first: its connection also rolls back a hot journal left by a killed writer,
    // so the page check below sees committed content only.
    if (options.check != StructureCheck::kNone) {
        const char* pragma = options.check == StructureCheck::kFull ? "integrity_check" : "quick_check";
        tl_internal = true;
        std::string result;
        Status st;
        {
            // Read-write, so that in WAL mode the last connection to close removes -wal and -shm.
            auto db = SqliteDb::open(target, SQLITE_OPEN_READWRITE, kRestoreVfsName);
            if (!db.isOk()) st = db.status();
            if (st.isOk()) {
                sqlite3_busy_timeout(db->handle(), 60000);
                // A cancel interrupts the check (it may run for minutes on a large database).
                sqlite3_progress_handler(
                    db->handle(), 10000, [](void* self) { return static_cast<Impl*>(self)->cancelled() ? 1 : 0; },
                    this);
                (void)db->exec("PRAGMA cache_size=-65536");
                Stmt q(db->handle(), (std::string("PRAGMA ") + pragma).c_str());
                st = q.prepared();
                while (st.isOk()) {
                    auto row = q.step(std::string(pragma) + " of " + target);
                    if (!row.isOk()) st = row.status();
                    if (!row.isOk() || !row.value()) break;
                    if (!result.empty()) result += "; ";
                    result += q.colText(0);
                }
            }
        }
        tl_internal = false;
        if (!st.isOk()) return st.withContext(std::string(pragma) + " of the restored target");
        if (result != "ok") return Status::corruption("restored target " + target + " fails " + pragma + ": " + result);
    }
    PRESCIENT_RETURN_IF_ERROR(s.verifyPages(options.job, [this] { return cancelled(); }));
    PRESCIENT_RETURN_IF_ERROR(s.writePage1AndComplete());
    Env* env = repo->env();
    PRESCIENT_RETURN_IF_ERROR(env->remove(s.state().path()));
    return env->syncDir(dirName(target));
}

InstantRestore::InstantRestore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

InstantRestore::~InstantRestore() {
    m_impl->cancel.cancel();
    if (m_impl->housekeeper.joinable()) m_impl->housekeeper.join();
    registerPageServer(m_impl->target, nullptr);
}

Result<InstantResult> InstantRestore::wait() {
    if (m_impl->housekeeper.joinable()) m_impl->housekeeper.join();
    std::lock_guard<std::mutex> lock(m_impl->resultMutex);
    if (!m_impl->result) return Status::cancelled("restore did not run");
    return *m_impl->result;
}

void InstantRestore::cancel() { m_impl->cancel.cancel(); }
bool InstantRestore::done() const { return m_impl->finished.load(); }
const std::string& InstantRestore::target() const { return m_impl->target; }
std::string InstantRestore::strategy() const {
    std::lock_guard<std::mutex> lock(m_impl->resultMutex);
    return m_impl->strategy;
}
const monitor::RestoreCounters& InstantRestore::counters() const { return m_impl->server->counters(); }
const monitor::MetricsSeries& InstantRestore::series() const { return *m_impl->series; }
QueueStats InstantRestore::queueStats() const {
    PrefetchQueue* q = m_impl->server->queue();
    return q ? q->stats() : QueueStats{};
}
void InstantRestore::noteQuery(uint64_t nanos) { m_impl->server->noteQuery(nanos); }

}  // namespace prescient::restore
