// Packs: immutable files of compressed page blobs with a trailing index (format: FORMAT.md).
//
// A PackBuilder collects blobs in memory and writes them as one durable file: a temp name, fsync,
// rename to packs/<2 hex>/<name>.pack, fsync of the folder. The name is the XXH3-128 of the whole file,
// so a flipped bit anywhere is caught by `verify --read-data`.
// Thread safety: a PackBuilder is used by one thread; the free functions are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/blobid.h"
#include "util/env.h"
#include "util/status.h"

namespace prescient::repo {

inline constexpr uint64_t kTargetPackBytes = 16ull << 20;
inline constexpr size_t kPackHeaderBytes = 16;
inline constexpr size_t kPackEntryBytes = 40;
inline constexpr size_t kPackTrailerBytes = 40;

enum class Codec : uint8_t { kRaw = 0, kZstd = 1 };

struct PackEntry {
    BlobId id;
    uint64_t offset = 0;     // of the stored bytes within the pack file
    uint32_t storedLen = 0;  // bytes in the pack
    uint32_t rawLen = 0;     // bytes of the page image
    Codec codec = Codec::kRaw;
};

// A page ready for a pack: its zstd frame, or (codec kRaw) nothing: the page itself is stored.
struct EncodedBlob {
    BlobId id;
    Codec codec = Codec::kRaw;
    std::string compressed;
};
// Compresses a page with zstd, unless compress is false or zstd does not shrink it. Thread-safe.
EncodedBlob encodeBlob(const BlobId& id, const void* page, size_t n, bool compress);

// A pack written under its temp name, not yet durable (see PackBuilder::writeTemp).
struct WrittenPack {
    std::string name;     // final name: XXH3-128 of the file
    std::string tmpPath;  // where it is now
    uint64_t size = 0;
    std::vector<PackEntry> entries;
};

class PackBuilder {
public:
    PackBuilder();
    // Compresses the page (or keeps it raw when that is smaller) and appends it.
    void add(const BlobId& id, const void* page, size_t n);
    // Appends an encoded page; page/n are the raw bytes (stored when blob.codec is kRaw).
    void add(const EncodedBlob& blob, const void* page, size_t n);
    uint64_t bytes() const { return m_data.size(); }
    size_t count() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }
    const std::vector<PackEntry>& entries() const { return m_entries; }
    // Finishes the pack (index, trailer) and writes it to a temp file in repoDir/packs, without fsync.
    // makeDurable() finishes the job. A builder writes one pack: it is empty afterwards and must not be
    // reused. On failure the temp file is removed.
    Result<WrittenPack> writeTemp(Env* env, const std::string& repoDir);
    // writeTemp + makeDurable. Returns the pack's name and sets *fileSize.
    Result<std::string> writeTo(Env* env, const std::string& repoDir, uint64_t* fileSize);

private:
    void reset();
    std::string m_data;
    std::vector<PackEntry> m_entries;
};

// fsyncs a written pack, renames it to its final name (creating the sub-folder when needed) and fsyncs
// the folder(s). On failure the temp file is removed and nothing is left under the final name.
Status makeDurable(Env* env, const std::string& repoDir, const WrittenPack& pack);

// packs/<first two hex digits>/<name>.pack under repoDir.
std::string packPath(const std::string& repoDir, const std::string& name);
std::string packDir(const std::string& repoDir, const std::string& name);
// Parses and checks the trailer and index of a pack file of the given size. Corruption names the pack.
Result<std::vector<PackEntry>> readPackIndex(File* file, uint64_t fileSize, const std::string& packName);
// Decodes one stored blob into out (entry.rawLen bytes) and checks its hash. Corruption names the
// pack and the blob.
Status decodeBlob(const char* stored, const PackEntry& entry, void* out, const std::string& packName);
// Reads and decodes one blob from an open pack file.
Status readBlob(File* file, const PackEntry& entry, void* out, const std::string& packName);

}  // namespace prescient::repo
