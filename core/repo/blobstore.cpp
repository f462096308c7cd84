#include "repo/blobstore.h"

#include <cstring>

namespace prescient::repo {

namespace {
// put() blocks above kMaxQueuedBytes so memory stays bounded; above kRawWatermark workers skip
// compression until the backlog shrinks (adaptive compression).
constexpr uint64_t kMaxQueuedBytes = 64ull << 20;
constexpr uint64_t kRawWatermark = 16ull << 20;
}  // namespace

BlobStore::BlobStore(Env* env, std::string repoDir, Catalog* catalog)
    : m_env(env), m_dir(std::move(repoDir)), m_catalog(catalog) {}

BlobStore::~BlobStore() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_workCv.notify_all();
    for (auto& t : m_workers) t.join();
    for (const auto& p : m_written) (void)m_env->remove(p.tmpPath);  // never flushed: nothing names them
}

Status BlobStore::loadKnownIds() {
    return m_catalog->forEachBlobId([this](const BlobId& id) { m_known.insert(id); });
}

Status BlobStore::put(const BlobId& id, const void* page, size_t n, bool* isNew) {
    *isNew = false;
    if (m_failed.load(std::memory_order_relaxed)) {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_error;
    }
    if (id.isZero() || !m_known.insert(id).second) return Status::ok();
    *isNew = true;
    m_batch.push_back({id, std::make_shared<const std::string>(static_cast<const char*>(page), n)});
    m_batchBytes += n;
    if (m_batch.size() >= kBatchPages) submit();
    return Status::ok();
}

void BlobStore::submit() {
    if (m_batch.empty()) return;
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idleCv.wait(lock, [&] { return m_queuedBytes < kMaxQueuedBytes || !m_error.isOk(); });
    for (const Pending& p : m_batch) m_unindexed.emplace(p.id, p.page);
    m_queue.push_back(std::move(m_batch));
    m_queuedBytes += m_batchBytes;
    m_batch.clear();
    m_batchBytes = 0;
    if (m_workers.empty()) {
        // One core stays with the producer (SQLite's copy): compression takes only what is left.
        unsigned n = std::max(2u, std::thread::hardware_concurrency()) - 1;
        try {
            for (unsigned i = 0; i < n; ++i) m_workers.emplace_back([this] { workerLoop(); });
        } catch (const std::exception& e) {
            if (m_workers.empty()) fail(Status::ioError(std::string("cannot start packing threads: ") + e.what()));
        }
    }
    lock.unlock();
    m_workCv.notify_one();
}

void BlobStore::workerLoop() {
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_workCv.wait(lock, [&] { return !m_queue.empty() || m_stop; });
        if (m_stop) return;
        std::vector<Pending> batch = std::move(m_queue.front());
        m_queue.pop_front();
        // Adaptive compression: with a long backlog, store raw and catch up.
        bool compress = m_queuedBytes < kRawWatermark;
        for (const Pending& p : batch) m_queuedBytes -= p.page->size();
        bool failed = !m_error.isOk();
        ++m_busy;
        lock.unlock();
        m_idleCv.notify_all();
        if (!failed) try {
                std::vector<EncodedBlob> encoded;
                encoded.reserve(batch.size());
                for (const Pending& p : batch)
                    encoded.push_back(encodeBlob(p.id, p.page->data(), p.page->size(), compress));
                std::unique_ptr<PackBuilder> full;
                lock.lock();
                if (!m_pack) m_pack = std::make_unique<PackBuilder>();
                for (size_t i = 0; i < batch.size(); ++i) {
                    m_pack->add(encoded[i], batch[i].page->data(), batch[i].page->size());
                    ++m_stats.blobsStored;
                    m_stats.blobsRaw += encoded[i].codec == Codec::kRaw;
                }
                if (m_pack->bytes() >= kTargetPackBytes) full = std::move(m_pack);
                lock.unlock();
                if (full) writePack(std::move(full));
            } catch (const std::exception& e) {  // bad_alloc: nothing escapes a worker
                std::lock_guard<std::mutex> guard(m_mutex);
                fail(Status::ioError(std::string("packing pages: ") + e.what()));
            }
        lock.lock();
        --m_busy;
        m_idleCv.notify_all();
    }
}

void BlobStore::writePack(std::unique_ptr<PackBuilder> pack) {
    auto written = pack->writeTemp(m_env, m_dir);
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!written.isOk()) {
        fail(written.status());
        return;
    }
    size_t index = m_written.size();
    for (const PackEntry& e : written->entries) {
        m_unindexed.erase(e.id);
        m_inTemp[e.id] = {index, e};
    }
    m_written.push_back(std::move(written.value()));
}

Status BlobStore::flush() {
    submit();
    std::unique_ptr<PackBuilder> last;
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_idleCv.wait(lock, [&] { return (m_queue.empty() && m_busy == 0) || !m_error.isOk(); });
        if (!m_error.isOk()) return m_error;
        last = std::move(m_pack);
    }
    if (last && !last->empty()) writePack(std::move(last));
    std::vector<WrittenPack> packs;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_error.isOk()) return m_error;
        packs = m_written;
    }
    // The one sync barrier of the backup: every pack durable, then all indexed together.
    Status s;
    size_t durable = 0;
    for (; durable < packs.size() && s.isOk(); ++durable) {
        s = makeDurable(m_env, m_dir, packs[durable]);
        if (s.isOk()) {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_written[durable].tmpPath = packPath(m_dir, packs[durable].name);  // get() follows the rename
        }
    }
    // The packs folder's own entries (sub-folders) must be durable too, whoever created them.
    if (s.isOk() && !packs.empty()) s = m_env->syncDir(joinPath(m_dir, "packs"));
    if (s.isOk()) s = m_catalog->addPacks(packs);
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!s.isOk()) {
        for (size_t i = durable; i < packs.size(); ++i) (void)m_env->remove(packs[i].tmpPath);
        fail(s);
        m_written.clear();
        m_inTemp.clear();
        return m_error;
    }
    for (const auto& p : packs) m_stats.bytesWritten += p.size;
    m_written.clear();
    m_inTemp.clear();
    return Status::ok();
}

void BlobStore::fail(const Status& s) {
    if (m_error.isOk()) m_error = s;
    m_failed = true;
}

void BlobStore::abandon() {
    m_batch.clear();
    m_batchBytes = 0;
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_queue.clear();
        m_queuedBytes = 0;
        m_idleCv.wait(lock, [&] { return m_busy == 0; });
        m_pack.reset();
        for (const auto& p : m_written) (void)m_env->remove(p.tmpPath);
        m_written.clear();
        m_inTemp.clear();
        m_unindexed.clear();
        m_error = Status::ok();
        m_failed = false;
    }
    m_idleCv.notify_all();
    // The dedup set named pages that were never indexed: rebuild it from the catalog.
    m_known.clear();
    Status s = loadKnownIds();
    if (!s.isOk()) {
        std::lock_guard<std::mutex> lock(m_mutex);
        fail(s);
    }
}

BlobStoreStats BlobStore::stats() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_stats;
}

Status BlobStore::get(const BlobId& id, void* out, size_t n) {
    if (id.isZero()) {
        std::memset(out, 0, n);
        return Status::ok();
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_unindexed.find(id);
        if (it != m_unindexed.end()) {
            if (it->second->size() != n) return Status::invalidArgument("blob " + id.hex() + " has another size");
            std::memcpy(out, it->second->data(), n);
            return Status::ok();
        }
        auto temp = m_inTemp.find(id);
        if (temp != m_inTemp.end()) {
            const WrittenPack& pack = m_written[temp->second.pack];
            if (temp->second.entry.rawLen != n)
                return Status::invalidArgument("blob " + id.hex() + " has another size");
            auto f = m_env->open(pack.tmpPath, OpenMode::kRead);
            if (!f.isOk()) return f.status();
            return readBlob(f.value().get(), temp->second.entry, out, pack.name);
        }
    }
    auto loc = m_catalog->findBlob(id);
    if (!loc.isOk()) return loc.status();
    if (!loc.value()) return Status::notFound("blob " + id.hex() + " is not in the repository");
    const BlobLocation& l = *loc.value();
    if (l.entry.rawLen != n)
        return Status::corruption("blob " + id.hex() + " in pack " + l.packName + " has " +
                                  std::to_string(l.entry.rawLen) + " bytes, expected " + std::to_string(n));
    auto f = m_env->open(packPath(m_dir, l.packName), OpenMode::kRead);
    if (!f.isOk()) {
        if (f.status().code() == Status::Code::kNotFound)
            return Status::corruption("pack " + l.packName + " is missing (needed for blob " + id.hex() + ")");
        return f.status();
    }
    return readBlob(f.value().get(), l.entry, out, l.packName);
}

}  // namespace prescient::repo
