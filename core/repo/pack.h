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

class PackBuilder {
public:
    PackBuilder();
    // Compresses the page (or keeps it raw when that is smaller) and appends it.
    void add(const BlobId& id, const void* page, size_t n);
    uint64_t bytes() const { return m_data.size(); }
    size_t count() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }
    const std::vector<PackEntry>& entries() const { return m_entries; }
    // Finishes the pack (index, trailer) and writes it durably into repoDir. Returns the pack's name and
    // sets *fileSize. On failure nothing is left under the final name. The builder is empty afterwards.
    Result<std::string> writeTo(Env* env, const std::string& repoDir, uint64_t* fileSize);

private:
    std::string m_data;
    std::vector<PackEntry> m_entries;
};

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
