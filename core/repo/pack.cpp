#include "repo/pack.h"

#include <unistd.h>

#include <atomic>

#include "util/coding.h"
#include "util/compress.h"

namespace prescient::repo {

namespace {
const char kPackMagic[8] = {'P', 'R', 'S', 'C', 'P', 'A', 'K', '1'};
const char kIndexMagic[8] = {'P', 'R', 'S', 'C', 'I', 'D', 'X', '1'};
constexpr uint32_t kPackVersion = 1;
}  // namespace

PackBuilder::PackBuilder() { reset(); }

void PackBuilder::reset() {
    m_entries.clear();
    m_data.clear();
    m_data.reserve(kTargetPackBytes + (1 << 20));
    m_data.append(kPackMagic, 8);
    putFixed32(&m_data, kPackVersion);
    putFixed32(&m_data, 0);
}

EncodedBlob encodeBlob(const BlobId& id, const void* page, size_t n, bool compress) {
    EncodedBlob b;
    b.id = id;
    if (compress && compressIfSmaller(page, n, kPageCompressionLevel, &b.compressed)) b.codec = Codec::kZstd;
    return b;
}

void PackBuilder::add(const BlobId& id, const void* page, size_t n) { add(encodeBlob(id, page, n, true), page, n); }

void PackBuilder::add(const EncodedBlob& blob, const void* page, size_t n) {
    PackEntry e;
    e.id = blob.id;
    e.offset = m_data.size();
    e.rawLen = static_cast<uint32_t>(n);
    e.codec = blob.codec;
    if (blob.codec == Codec::kZstd)
        m_data += blob.compressed;
    else
        m_data.append(static_cast<const char*>(page), n);
    e.storedLen = static_cast<uint32_t>(m_data.size() - e.offset);
    m_entries.push_back(e);
}

std::string packDir(const std::string& repoDir, const std::string& name) {
    return joinPath(joinPath(repoDir, "packs"), name.substr(0, 2));
}

std::string packPath(const std::string& repoDir, const std::string& name) {
    return joinPath(packDir(repoDir, name), name + ".pack");
}

Result<WrittenPack> PackBuilder::writeTemp(Env* env, const std::string& repoDir) {
    // Index and trailer.
    std::string index;
    index.reserve(m_entries.size() * kPackEntryBytes);
    for (const PackEntry& e : m_entries) {
        index.append(reinterpret_cast<const char*>(e.id.bytes.data()), 16);
        putFixed64(&index, e.offset);
        putFixed32(&index, e.storedLen);
        putFixed32(&index, e.rawLen);
        index.push_back(static_cast<char>(e.codec));
        index.append(7, '\0');
    }
    uint64_t indexOffset = m_data.size();
    m_data += index;
    putFixed64(&m_data, indexOffset);
    putFixed32(&m_data, static_cast<uint32_t>(m_entries.size()));
    putFixed32(&m_data, 0);
    BlobId indexHash = BlobId::of(index.data(), index.size());
    m_data.append(reinterpret_cast<const char*>(indexHash.bytes.data()), 16);
    m_data.append(kIndexMagic, 8);

    static std::atomic<uint64_t> counter{0};
    WrittenPack out;
    out.name = BlobId::of(m_data.data(), m_data.size()).hex();
    out.tmpPath = joinPath(joinPath(repoDir, "packs"),
                           "tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pack");
    out.size = m_data.size();
    out.entries.swap(m_entries);
    std::string data;
    data.swap(m_data);

    auto f = env->open(out.tmpPath, OpenMode::kCreateNew);
    if (!f.isOk()) return f.status();
    Status s = (*f)->write(0, data.data(), data.size());
    if (!s.isOk()) {
        f.value().reset();
        (void)env->remove(out.tmpPath);
        return s;
    }
    return out;
}

Status makeDurable(Env* env, const std::string& repoDir, const WrittenPack& pack) {
    auto cleanup = [&](Status s) {
        (void)env->remove(pack.tmpPath);
        return s;
    };
    {
        auto f = env->open(pack.tmpPath, OpenMode::kReadWrite);
        if (!f.isOk()) return f.status();
        Status s = (*f)->sync();
        if (!s.isOk()) return cleanup(s);
    }
    std::string dir = packDir(repoDir, pack.name);
    bool newDir = !env->stat(dir).isOk();
    if (newDir) {
        Status s = env->createDir(dir);
        if (!s.isOk()) return cleanup(s);
    }
    Status s = env->rename(pack.tmpPath, packPath(repoDir, pack.name));
    if (!s.isOk()) return cleanup(s);
    PRESCIENT_RETURN_IF_ERROR(env->syncDir(dir));
    if (newDir) PRESCIENT_RETURN_IF_ERROR(env->syncDir(joinPath(repoDir, "packs")));
    return Status::ok();
}

Result<std::string> PackBuilder::writeTo(Env* env, const std::string& repoDir, uint64_t* fileSize) {
    auto written = writeTemp(env, repoDir);
    if (!written.isOk()) return written.status();
    PRESCIENT_RETURN_IF_ERROR(makeDurable(env, repoDir, written.value()));
    *fileSize = written->size;
    return written->name;
}

Result<std::vector<PackEntry>> readPackIndex(File* file, uint64_t fileSize, const std::string& packName) {
    std::string what = "pack " + packName;
    if (fileSize < kPackHeaderBytes + kPackTrailerBytes)
        return Status::corruption(what + ": truncated (" + std::to_string(fileSize) + " bytes)");
    char header[kPackHeaderBytes];
    char trailer[kPackTrailerBytes];
    size_t got = 0;
    PRESCIENT_RETURN_IF_ERROR(file->read(0, header, sizeof header, &got));
    if (got != sizeof header) return Status::corruption(what + ": truncated");
    PRESCIENT_RETURN_IF_ERROR(file->read(fileSize - kPackTrailerBytes, trailer, sizeof trailer, &got));
    if (got != sizeof trailer) return Status::corruption(what + ": truncated");
    if (std::memcmp(header, kPackMagic, 8) != 0) return Status::corruption(what + ": bad header magic");
    if (std::memcmp(trailer + 32, kIndexMagic, 8) != 0)
        return Status::corruption(what + ": bad trailer magic (truncated or overwritten)");
    uint64_t indexOffset = getFixed64(trailer);
    uint32_t count = getFixed32(trailer + 8);
    // Overflow-safe: count is at most 2^32, so count * 40 cannot wrap in 64 bits.
    uint64_t indexBytes = uint64_t(count) * kPackEntryBytes;
    if (indexOffset < kPackHeaderBytes || indexBytes > fileSize - kPackTrailerBytes ||
        indexOffset != fileSize - kPackTrailerBytes - indexBytes)
        return Status::corruption(what + ": index position does not match the file size");
    std::string index(indexBytes, '\0');
    PRESCIENT_RETURN_IF_ERROR(file->read(indexOffset, index.data(), index.size(), &got));
    if (got != index.size()) return Status::corruption(what + ": truncated");
    if (BlobId::of(index.data(), index.size()) != BlobId::fromBytes(trailer + 16))
        return Status::corruption(what + ": index checksum mismatch");
    std::vector<PackEntry> entries(count);
    for (uint32_t i = 0; i < count; ++i) {
        const char* p = index.data() + size_t(i) * kPackEntryBytes;
        PackEntry& e = entries[i];
        e.id = BlobId::fromBytes(p);
        e.offset = getFixed64(p + 16);
        e.storedLen = getFixed32(p + 24);
        e.rawLen = getFixed32(p + 28);
        e.codec = static_cast<Codec>(p[32]);
        if (e.offset < kPackHeaderBytes || e.offset > indexOffset || e.storedLen > indexOffset - e.offset ||
            (e.codec != Codec::kRaw && e.codec != Codec::kZstd))
            return Status::corruption(what + ": index entry " + std::to_string(i) + " is out of range");
    }
    return entries;
}

Status decodeBlob(const char* stored, const PackEntry& e, void* out, const std::string& packName) {
    std::string what = "pack " + packName + ", blob " + e.id.hex();
    if (e.codec == Codec::kRaw) {
        if (e.storedLen != e.rawLen) return Status::corruption(what + ": raw blob has the wrong length");
        std::memcpy(out, stored, e.rawLen);
    } else {
        PRESCIENT_RETURN_IF_ERROR(decompressExact(stored, e.storedLen, out, e.rawLen, what));
    }
    if (BlobId::of(out, e.rawLen) != e.id) return Status::corruption(what + ": content does not match its hash");
    return Status::ok();
}

Status readBlob(File* file, const PackEntry& e, void* out, const std::string& packName) {
    std::string stored(e.storedLen, '\0');
    size_t got = 0;
    PRESCIENT_RETURN_IF_ERROR(file->read(e.offset, stored.data(), stored.size(), &got));
    if (got != stored.size())
        return Status::corruption("pack " + packName + ", blob " + e.id.hex() + ": pack is truncated");
    return decodeBlob(stored.data(), e, out, packName);
}

}  // namespace prescient::repo
