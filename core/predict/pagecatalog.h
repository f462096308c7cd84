// PageCatalog: what each page of a SQLite database file is (B-tree interior or leaf, table or index,
// overflow, freelist, pointer map, lock byte), which B-tree owns it and how deep it sits. The prediction
// models use it as per-page features; it is computed from the snapshot's own pages.
//
// describePages() reads the file through SQLite's DBSTAT virtual table, opened read-only as immutable
// (no -wal or -shm is created and none is read: only the main file's pages are described).
// Pure data and a free function: thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/status.h"

namespace prescient::predict {

enum class PageType : uint8_t {
    kUnknown,
    kTableInterior,
    kTableLeaf,
    kIndexInterior,
    kIndexLeaf,
    kOverflow,
    kFreelist,  // also any page DBSTAT does not list that is neither a pointer-map nor the lock-byte page
    kPointerMap,
    kLockByte,
};
inline constexpr int kPageTypeCount = 9;

struct PageInfo {
    PageType type = PageType::kUnknown;
    uint32_t tree = 0;  // index into PageCatalog::trees; 0 = none (freelist, pointer map, lock byte)
    uint16_t depth =
        0;  // slashes in the DBSTAT path: 1 = B-tree root, 2 = its children...; overflow: as its cell's page
};

struct PageCatalog {
    uint32_t pageSize = 0;
    std::vector<PageInfo> pages;     // index pgno-1
    std::vector<std::string> trees;  // B-tree names (table or index); [0] = ""
    std::vector<bool> treeIsIndex;   // parallel to trees
    uint32_t pageCount() const { return static_cast<uint32_t>(pages.size()); }
};

// Describes every page of the database file at dbPath. NotFound when the file does not exist,
// InvalidArgument when it is not a database, Corruption when SQLite finds it damaged, IoError otherwise;
// each detail names the file.
Result<PageCatalog> describePages(const std::string& dbPath);

}  // namespace prescient::predict
