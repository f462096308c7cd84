// zstd compression of page images. Thread-safe: each call uses its own context.
#pragma once

#include <memory>
#include <string>

#include "util/status.h"

namespace prescient {

// zstd's fast level -1 for pages: on 4 KiB inputs it compresses ~1.7x and decompresses ~2x faster than
// level 1 for ~13% less reduction (measured on the shop database; see tests/bench). Restore speed and
// keeping pace with SQLite's backup copy matter more than the last bytes.
inline constexpr int kPageCompressionLevel = -1;

// Appends the zstd frame of [data, data+n) to *out. Returns false (and leaves *out as it was) when the
// frame would not be smaller than the input: the caller then stores the bytes raw.
bool compressIfSmaller(const void* data, size_t n, int level, std::string* out);
// Decompresses one frame into exactly rawLen bytes at dst. Corruption (naming `what`) when the frame
// is damaged or has another size.
Status decompressExact(const void* src, size_t srcLen, void* dst, size_t rawLen, const std::string& what);
// Whole-buffer helpers for catalog records (page maps): compress always; decompress with a size cap.
std::string compressBuffer(const std::string& in);
Result<std::string> decompressBuffer(const std::string& in, size_t maxSize, const std::string& what);

}  // namespace prescient
