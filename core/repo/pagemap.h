// Page maps: for one snapshot, the blob id of every page (index = page number - 1).
//
// Stored in the catalog as a compressed record, either full or as a delta against the parent snapshot's
// map (only the pages that changed), so an incremental snapshot costs metadata in proportion to what
// changed. Chains are cut at kMaxDeltaDepth. Format: FORMAT.md. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/blobid.h"
#include "util/status.h"

namespace prescient::repo {

inline constexpr uint32_t kMaxDeltaDepth = 16;

struct PageMap {
    uint32_t pageSize = 0;
    std::vector<BlobId> pages;  // zero id = page of zeros (never stored)
};

std::string encodeFullMap(const PageMap& map);
// Delta of map against base (same page size). Callers pick whichever encoding is smaller.
std::string encodeDeltaMap(const PageMap& map, const PageMap& base);
// Whether the record is a delta (needs its base to decode).
Result<bool> mapIsDelta(const std::string& record, const std::string& what);
// Decodes a record; base is required for a delta. Corruption names `what`.
Result<PageMap> decodeMap(const std::string& record, const PageMap* base, const std::string& what);

}  // namespace prescient::repo
