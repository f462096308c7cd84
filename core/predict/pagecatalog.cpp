#include "predict/pagecatalog.h"

#include <algorithm>
#include <map>

#include "util/env.h"
#include "util/sqlitedb.h"

namespace prescient::predict {

namespace {

constexpr uint64_t kLockByteOffset = uint64_t{1} << 30;  // SQLite's PENDING_BYTE

// SQLite's ptrmapPageno(): the pointer-map page that describes pgno.
uint32_t pointerMapPageOf(uint32_t pgno, uint32_t usableSize, uint32_t lockBytePage) {
    uint32_t perMap = usableSize / 5 + 1;
    uint32_t map = (pgno - 2) / perMap * perMap + 2;
    if (map == lockBytePage) ++map;
    return map;
}

}  // namespace

Result<PageCatalog> describePages(const std::string& dbPath) {
    auto info = Env::posix()->stat(dbPath);
    if (!info.isOk()) return info.status();
    if (info->kind != FileInfo::Kind::kFile) return Status::invalidArgument(dbPath + ": not a database file");

    auto opened = SqliteDb::open(immutableFileUri(dbPath), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    if (!opened.isOk()) return opened.status();
    SqliteDb db = std::move(opened).value();
    auto ctx = [&](const Status& s) { return s.withContext(dbPath); };

    auto pageSize = db.queryInt("PRAGMA page_size");
    if (!pageSize.isOk()) return ctx(pageSize.status());
    auto pageCount = db.queryInt("PRAGMA page_count");
    if (!pageCount.isOk()) return ctx(pageCount.status());
    auto autoVacuum = db.queryInt("PRAGMA auto_vacuum");
    if (!autoVacuum.isOk()) return ctx(autoVacuum.status());

    PageCatalog cat;
    cat.pageSize = static_cast<uint32_t>(*pageSize);
    cat.pages.assign(static_cast<size_t>(*pageCount), PageInfo{});
    cat.trees.push_back("");
    cat.treeIsIndex.push_back(false);

    std::map<std::string, bool> isIndex;  // name -> type is 'index'
    {
        Stmt st(db.handle(), "SELECT type, name FROM sqlite_schema");
        if (!st.prepared().isOk()) return ctx(st.prepared());
        for (;;) {
            auto row = st.step("read sqlite_schema");
            if (!row.isOk()) return ctx(row.status());
            if (!row.value()) break;
            isIndex[st.colText(1)] = st.colText(0) == "index";
        }
    }

    std::map<std::string, uint32_t> treeIds;
    {
        Stmt st(db.handle(), "SELECT name, path, pageno, pagetype FROM dbstat");
        if (!st.prepared().isOk()) return ctx(st.prepared());
        for (;;) {
            auto row = st.step("read dbstat");
            if (!row.isOk()) return ctx(row.status());
            if (!row.value()) break;
            std::string name = st.colText(0);
            std::string path = st.colText(1);
            int64_t pgno = st.colInt(2);
            std::string kind = st.colText(3);
            if (pgno < 1 || pgno > *pageCount) continue;
            auto [it, added] = treeIds.try_emplace(name, static_cast<uint32_t>(cat.trees.size()));
            if (added) {
                auto idx = isIndex.find(name);
                cat.trees.push_back(name);
                cat.treeIsIndex.push_back(idx != isIndex.end() && idx->second);
            }
            bool index = cat.treeIsIndex[it->second];
            PageInfo& p = cat.pages[static_cast<size_t>(pgno - 1)];
            p.tree = it->second;
            p.depth = static_cast<uint16_t>(std::min<size_t>(std::count(path.begin(), path.end(), '/'), 0xffff));
            if (kind == "internal") {
                p.type = index ? PageType::kIndexInterior : PageType::kTableInterior;
            } else if (kind == "leaf") {
                p.type = index ? PageType::kIndexLeaf : PageType::kTableLeaf;
            } else if (kind == "overflow") {
                p.type = PageType::kOverflow;
            } else {
                p.type = PageType::kUnknown;
            }
        }
    }

    // Pages DBSTAT does not list: the lock-byte page, pointer-map pages (auto_vacuum only), the freelist.
    // Pointer-map positions depend on the usable size: the page size less header byte 20 (reserved bytes).
    uint32_t usable = cat.pageSize;
    if (*autoVacuum != 0) {
        auto file = Env::posix()->open(dbPath, OpenMode::kRead);
        if (!file.isOk()) return file.status();
        unsigned char header[100];
        size_t got = 0;
        PRESCIENT_RETURN_IF_ERROR(file.value()->read(0, header, sizeof header, &got));
        if (got == sizeof header) usable -= header[20];
    }
    uint32_t lockBytePage = static_cast<uint32_t>(kLockByteOffset / std::max<uint32_t>(cat.pageSize, 1) + 1);
    for (uint32_t pgno = 1; pgno <= cat.pages.size(); ++pgno) {
        PageInfo& p = cat.pages[pgno - 1];
        if (p.tree != 0) continue;
        if (pgno == lockBytePage) {
            p.type = PageType::kLockByte;
        } else if (*autoVacuum != 0 && pgno >= 2 && pointerMapPageOf(pgno, usable, lockBytePage) == pgno) {
            p.type = PageType::kPointerMap;
        } else {
            p.type = PageType::kFreelist;
        }
    }
    return cat;
}

}  // namespace prescient::predict
