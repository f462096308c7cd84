#include "restore/plainrestore.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "util/sqlitedb.h"

namespace prescient::restore {

namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// One stored blob and the pages of the snapshot that hold it.
struct Work {
    repo::BlobLocation loc;
    std::vector<uint64_t> pgnos;  // 1-based
};

// Decoded pages travel from the decode workers to the one writing thread as contiguous runs: buffered
// writes to one file serialise on its inode lock, so several writers only spin.
struct Run {
    uint64_t offset = 0;
    std::string bytes;
};

class RunQueue {
public:
    // Blocks while more than kMaxBytes wait. Returns false once the queue was closed (a failure).
    bool push(Run run) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_cv.wait(lock, [&] { return m_bytes < kMaxBytes || m_closed; });
        if (m_closed) return false;
        m_bytes += run.bytes.size();
        m_runs.push_back(std::move(run));
        m_cv.notify_all();
        return true;
    }
    // Next run; false when the producers are done and the queue is empty, or it was closed.
    bool pop(Run* run) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_cv.wait(lock, [&] { return !m_runs.empty() || m_producers == 0 || m_closed; });
        if (m_closed || m_runs.empty()) return false;
        *run = std::move(m_runs.front());
        m_runs.pop_front();
        m_bytes -= run->bytes.size();
        m_cv.notify_all();
        return true;
    }
    void addProducer() {
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_producers;
    }
    void producerDone() {
        std::lock_guard<std::mutex> lock(m_mutex);
        --m_producers;
        m_cv.notify_all();
    }
    void close() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
        m_cv.notify_all();
    }

private:
    static constexpr uint64_t kMaxBytes = 64ull << 20;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Run> m_runs;  // GUARDED_BY(m_mutex)
    uint64_t m_bytes = 0;    // GUARDED_BY(m_mutex)
    int m_producers = 0;     // GUARDED_BY(m_mutex)
    bool m_closed = false;   // GUARDED_BY(m_mutex)
};

// Collects decoded pages in pgno order into runs of up to 1 MiB for the writer.
class RunBuilder {
public:
    RunBuilder(RunQueue* queue, uint32_t pageSize) : m_queue(queue), m_pageSize(pageSize) {}
    bool add(uint64_t pgno, const char* page) {
        if (!m_run.bytes.empty() && (pgno != m_next || m_run.bytes.size() >= kMaxRun) && !finish()) return false;
        if (m_run.bytes.empty()) m_run.offset = (pgno - 1) * m_pageSize;
        m_run.bytes.append(page, m_pageSize);
        m_next = pgno + 1;
        return true;
    }
    bool finish() {
        if (m_run.bytes.empty()) return true;
        bool ok = m_queue->push(std::move(m_run));
        m_run = Run();
        return ok;
    }

private:
    static constexpr size_t kMaxRun = 1 << 20;
    RunQueue* m_queue;
    uint32_t m_pageSize;
    Run m_run;
    uint64_t m_next = 0;
};

// Reads the needed blobs of one pack in large sequential chunks and decodes their pages.
Status decodePack(Env* env, const std::string& repoDir, std::vector<Work*>& items, RunQueue* queue, uint32_t pageSize,
                  const JobControl& job, std::atomic<uint64_t>* pagesDone, uint64_t totalPages) {
    const std::string& packName = items.front()->loc.packName;
    auto pack = env->open(repo::packPath(repoDir, packName), OpenMode::kRead);
    if (!pack.isOk()) {
        if (pack.status().code() == Status::Code::kNotFound)
            return Status::corruption("pack " + packName + " is missing from the repository");
        return pack.status();
    }
    std::sort(items.begin(), items.end(),
              [](const Work* a, const Work* b) { return a->loc.entry.offset < b->loc.entry.offset; });
    constexpr uint64_t kChunk = 4ull << 20;
    std::string buf;
    std::string page(pageSize, '\0');
    RunBuilder runs(queue, pageSize);
    const Status stopped = Status::cancelled("restore stopped");
    size_t i = 0;
    while (i < items.size()) {
        if (job.cancelled()) return Status::cancelled("restore cancelled");
        // A run of blobs spanning at most kChunk bytes (or one large blob).
        uint64_t begin = items[i]->loc.entry.offset;
        size_t j = i;
        uint64_t end = begin;
        while (j < items.size() &&
               (j == i || items[j]->loc.entry.offset + items[j]->loc.entry.storedLen - begin <= kChunk)) {
            end = std::max<uint64_t>(end, items[j]->loc.entry.offset + items[j]->loc.entry.storedLen);
            ++j;
        }
        buf.resize(end - begin);
        size_t got = 0;
        PRESCIENT_RETURN_IF_ERROR((*pack)->read(begin, buf.data(), buf.size(), &got));
        if (got != buf.size()) return Status::corruption("pack " + packName + " is truncated");
        for (; i < j; ++i) {
            const repo::PackEntry& e = items[i]->loc.entry;
            if (e.rawLen != pageSize)
                return Status::corruption("pack " + packName + ", blob " + e.id.hex() + ": holds " +
                                          std::to_string(e.rawLen) + " bytes, not a page of " +
                                          std::to_string(pageSize));
            PRESCIENT_RETURN_IF_ERROR(repo::decodeBlob(buf.data() + (e.offset - begin), e, page.data(), packName));
            for (uint64_t pgno : items[i]->pgnos)
                if (!runs.add(pgno, page.data())) return stopped;
            uint64_t done = pagesDone->fetch_add(items[i]->pgnos.size()) + items[i]->pgnos.size();
            if (done % 4096 < items[i]->pgnos.size()) job.report({"restore", done, totalPages, done * pageSize});
        }
    }
    return runs.finish() ? Status::ok() : stopped;
}

// Decodes every pack on one worker per core while this thread writes the runs; first failure wins.
Status restoreAllPacks(Env* env, const std::string& repoDir, std::map<std::string, std::vector<Work*>>& byPack,
                       File* target, uint32_t pageSize, const JobControl& job, uint64_t totalPages) {
    std::vector<std::vector<Work*>*> packs;
    for (auto& [name, items] : byPack) packs.push_back(&items);
    std::atomic<size_t> next{0};
    std::atomic<uint64_t> pagesDone{0};
    std::mutex mutex;
    Status first;  // GUARDED_BY(mutex)
    auto failWith = [&](const Status& s) {
        std::lock_guard<std::mutex> lock(mutex);
        if (first.isOk()) first = s;
    };
    // Workers report through one mutex: a job's progress callback never runs on two threads at once.
    JobControl serialJob = job;
    if (job.progress)
        serialJob.progress = [&mutex, fn = job.progress](const Progress& p) {
            std::lock_guard<std::mutex> lock(mutex);
            fn(p);
        };
    RunQueue queue;
    auto worker = [&] {
        for (size_t k = next++; k < packs.size(); k = next++) {
            Status s = decodePack(env, repoDir, *packs[k], &queue, pageSize, serialJob, &pagesDone, totalPages);
            if (!s.isOk()) {
                failWith(s);
                next = packs.size();
                queue.close();
            }
        }
        queue.producerDone();
    };
    unsigned n = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), packs.size());
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < n; ++t) queue.addProducer();
    for (unsigned t = 0; t < n; ++t) threads.emplace_back(worker);
    Run run;
    while (queue.pop(&run)) {
        Status s = target->write(run.offset, run.bytes.data(), run.bytes.size());
        if (!s.isOk()) {
            failWith(s);
            queue.close();
        }
    }
    for (auto& t : threads) t.join();
    std::lock_guard<std::mutex> lock(mutex);
    return first;
}

// PRAGMA integrity_check (or quick_check) on a file opened immutable (no locks, no -wal/-shm created).
// Corruption only for what SQLite finds wrong with the file; other failures keep their own code.
Status structureCheck(const std::string& path, StructureCheck check) {
    const char* pragma = check == StructureCheck::kFull ? "integrity_check" : "quick_check";
    auto asFinding = [&](const Status& s) {
        if (s.code() == Status::Code::kCorruption || s.code() == Status::Code::kInvalidArgument)
            return Status::corruption(std::string(pragma) + " of restored file " + path + " failed: " + s.detail());
        return s;
    };
    auto db = SqliteDb::open(immutableFileUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    if (!db.isOk()) return asFinding(db.status());
    (void)db->exec("PRAGMA cache_size=-65536");
    Stmt st(db->handle(), (std::string("PRAGMA ") + pragma).c_str());
    std::string result;
    for (;;) {
        auto r = st.step(std::string(pragma) + " of " + path);
        if (!r.isOk()) return asFinding(r.status());
        if (!r.value()) break;
        if (!result.empty()) result += "; ";
        result += st.colText(0);
    }
    if (result != "ok") return Status::corruption(std::string("restored database fails ") + pragma + ": " + result);
    return Status::ok();
}

// Temp files of restores into this folder whose process is gone (killed mid-restore).
void removeStaleTempFiles(Env* env, const std::string& dir, const std::string& base) {
    auto names = env->listDir(dir);
    if (!names.isOk()) return;
    const std::string prefix = "." + base + ".prescient-restore-";
    for (const auto& n : names.value()) {
        if (n.rfind(prefix, 0) != 0) continue;
        pid_t pid = static_cast<pid_t>(std::atoll(n.c_str() + prefix.size()));
        if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) (void)env->remove(joinPath(dir, n));
    }
}

}  // namespace

Result<RestoreResult> restoreSnapshot(repo::Repository& repository, const repo::SnapshotInfo& snapshot,
                                      const std::string& targetIn, const RestoreOptions& options) {
    auto start = Clock::now();
    Env* env = repository.env();
    std::string target = absolutePath(targetIn);
    std::string dir = dirName(target);
    auto dirStat = env->stat(dir);
    if (!dirStat.isOk() || dirStat->kind != FileInfo::Kind::kDir)
        return Status::notFound("target folder " + dir + " does not exist");
    auto targetStat = env->stat(target);
    if (targetStat.isOk()) {
        if (targetStat->kind == FileInfo::Kind::kDir)
            return Status::invalidArgument("target " + target + " is a folder");
        if (!options.force)
            return Status::invalidArgument("target " + target + " already exists (use --force to replace it)");
    }

    auto map = repository.loadPageMap(snapshot.id);
    if (!map.isOk()) return map.status();
    const uint32_t pageSize = map->pageSize;
    const uint64_t pageCount = map->pages.size();

    // Group pages by blob, then locate every blob.
    std::vector<std::pair<BlobId, uint64_t>> byBlob;
    byBlob.reserve(pageCount);
    for (uint64_t i = 0; i < pageCount; ++i)
        if (!map->pages[i].isZero()) byBlob.emplace_back(map->pages[i], i + 1);
    std::sort(byBlob.begin(), byBlob.end());
    std::vector<Work> work;
    std::vector<BlobId> ids;
    for (const auto& [id, pgno] : byBlob) {
        if (work.empty() || ids.back() != id) {
            ids.push_back(id);
            work.emplace_back();
        }
        work.back().pgnos.push_back(pgno);
    }
    auto locs = repository.catalog().locateBlobs(ids);
    if (!locs.isOk()) return locs.status();
    std::map<std::string, std::vector<Work*>> byPack;
    for (size_t i = 0; i < work.size(); ++i) {
        if (!locs.value()[i])
            return Status::corruption("snapshot " + snapshot.id + " names blob " + ids[i].hex() + " (page " +
                                      std::to_string(work[i].pgnos.front()) + ") that the repository lacks");
        work[i].loc = *locs.value()[i];
        byPack[work[i].loc.packName].push_back(&work[i]);
    }

    // Write into a temp file beside the target.
    const std::string base = target.substr(dir.size() + (dir == "/" ? 0 : 1));
    removeStaleTempFiles(env, dir, base);
    std::string tmp = joinPath(dir, "." + base + ".prescient-restore-" + std::to_string(::getpid()));
    auto file = env->open(tmp, OpenMode::kCreateTruncate);
    if (!file.isOk()) return file.status();
    auto abandon = [&](Status s) {
        file.value().reset();
        (void)env->remove(tmp);
        return s;
    };
    Status s = (*file)->truncate(pageCount * pageSize);  // zero pages stay holes
    if (s.isOk())
        s = restoreAllPacks(env, repository.dir(), byPack, file.value().get(), pageSize, options.job, pageCount);
    if (s.isOk()) s = (*file)->sync();
    if (!s.isOk()) return abandon(s);
    file.value().reset();

    RestoreResult result;
    if (options.check != StructureCheck::kNone) {
        options.job.report({"verify", 0, 1, 0});
        auto checkStart = Clock::now();
        s = structureCheck(tmp, options.check);
        result.checkSeconds = secondsSince(checkStart);
        if (!s.isOk()) return abandon(s.withContext("snapshot " + snapshot.id));
    }
    if (options.job.cancelled()) return abandon(Status::cancelled("restore cancelled"));

    // Stale journals of the file being replaced would be replayed into the restored one: remove them first.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) (void)env->remove(target + suffix);
    s = env->rename(tmp, target);
    if (!s.isOk()) return abandon(s);
    PRESCIENT_RETURN_IF_ERROR(env->syncDir(dir));

    result.snapshot = snapshot;
    result.pages = pageCount;
    result.bytes = pageCount * pageSize;
    result.seconds = secondsSince(start);
    options.job.report({"done", pageCount, pageCount, result.bytes});
    return result;
}

}  // namespace prescient::restore
