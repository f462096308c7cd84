#include "repo/blobstore.h"

#include <cstring>

namespace prescient::repo {

namespace {
// Pages waiting for the packing thread; put() blocks above this so memory stays bounded.
constexpr uint64_t kMaxQueuedBytes = 64ull << 20;
}  // namespace

BlobStore::BlobStore(Env* env, std::string repoDir, Catalog* catalog)
    : m_env(env), m_dir(std::move(repoDir)), m_catalog(catalog) {}

BlobStore::~BlobStore() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

Status BlobStore::loadKnownIds() {
    return m_catalog->forEachBlobId([this](const BlobId& id) { m_known.insert(id); });
}

Status BlobStore::put(const BlobId& id, const void* page, size_t n, bool* isNew) {
    *isNew = false;
    if (id.isZero()) return Status::ok();
    std::unique_lock<std::mutex> lock(m_mutex);
    if (!m_error.isOk()) return m_error;
    if (!m_known.insert(id).second) return Status::ok();
    *isNew = true;
    m_cv.wait(lock, [&] { return m_queuedBytes < kMaxQueuedBytes || !m_error.isOk(); });
    if (!m_error.isOk()) return m_error;
    std::string bytes(static_cast<const char*>(page), n);
    m_unwritten.emplace(id, bytes);
    m_queue.push_back({id, std::move(bytes)});
    m_queuedBytes += n;
    if (!m_thread.joinable()) m_thread = std::thread([this] { packLoop(); });
    lock.unlock();
    m_cv.notify_all();
    return Status::ok();
}

Status BlobStore::flush() {
    std::unique_lock<std::mutex> lock(m_mutex);
    if (!m_thread.joinable()) return m_error;
    uint64_t gen = m_flushGeneration;
    m_flushRequested = true;
    m_cv.notify_all();
    m_cv.wait(lock, [&] { return m_flushGeneration > gen; });
    return m_error;
}

uint64_t BlobStore::bytesWritten() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_bytesWritten;
}

Status BlobStore::writePack(PackBuilder& builder) {
    std::vector<PackEntry> entries = builder.entries();
    uint64_t size = 0;
    auto name = builder.writeTo(m_env, m_dir, &size);
    if (!name.isOk()) return name.status();
    auto packId = m_catalog->addPack(name.value(), size, entries);
    if (!packId.isOk()) return packId.status();
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const PackEntry& e : entries) m_unwritten.erase(e.id);
    m_bytesWritten += size;
    return Status::ok();
}

void BlobStore::packLoop() {
    PackBuilder builder;
    for (;;) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_cv.wait(lock, [&] { return !m_queue.empty() || m_flushRequested || m_stop; });
        if (m_stop) return;
        if (!m_queue.empty()) {
            Pending item = std::move(m_queue.front());
            m_queue.pop_front();
            m_queuedBytes -= item.bytes.size();
            bool failed = !m_error.isOk();
            lock.unlock();
            m_cv.notify_all();
            if (failed) continue;  // drain: nothing more gets written after a failure
            builder.add(item.id, item.bytes.data(), item.bytes.size());
            if (builder.bytes() < kTargetPackBytes) continue;
        } else {
            lock.unlock();
        }
        // A full pack, or a flush with the queue drained. After a failure nothing more is written.
        bool failed;
        {
            std::lock_guard<std::mutex> guard(m_mutex);
            failed = !m_error.isOk();
        }
        if (failed) builder = PackBuilder();
        Status s = builder.empty() ? Status::ok() : writePack(builder);
        lock.lock();
        if (!s.isOk() && m_error.isOk()) m_error = s;
        if (m_queue.empty() && m_flushRequested) {
            m_flushRequested = false;
            ++m_flushGeneration;
        }
        lock.unlock();
        m_cv.notify_all();
    }
}

Status BlobStore::get(const BlobId& id, void* out, size_t n) {
    if (id.isZero()) {
        std::memset(out, 0, n);
        return Status::ok();
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_unwritten.find(id);
        if (it != m_unwritten.end()) {
            if (it->second.size() != n) return Status::invalidArgument("blob " + id.hex() + " has another size");
            std::memcpy(out, it->second.data(), n);
            return Status::ok();
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
