#include "repo/pagemap.h"

#include <algorithm>
#include <cstring>

#include "util/coding.h"
#include "util/compress.h"

namespace prescient::repo {

namespace {
const char kMapMagic[4] = {'P', 'M', 'A', 'P'};
constexpr uint8_t kMapVersion = 1;
constexpr uint8_t kKindFull = 0;
constexpr uint8_t kKindDelta = 1;
constexpr size_t kMaxMapBytes = 1ull << 34;  // 16 GiB: 2^30 pages, far beyond SQLite's maximum

std::string finish(std::string body) {
    BlobId sum = BlobId::of(body.data(), body.size());
    body.append(reinterpret_cast<const char*>(sum.bytes.data()), 16);
    return compressBuffer(body);
}

std::string header(uint8_t kind, const PageMap& map) {
    std::string s(kMapMagic, 4);
    s.push_back(static_cast<char>(kMapVersion));
    s.push_back(static_cast<char>(kind));
    s.append(2, '\0');
    putFixed32(&s, map.pageSize);
    putFixed64(&s, map.pages.size());
    return s;
}

constexpr size_t kHeaderBytes = 20;
}  // namespace

std::string encodeFullMap(const PageMap& map) {
    std::string s = header(kKindFull, map);
    s.reserve(kHeaderBytes + map.pages.size() * 16 + 16);
    for (const BlobId& b : map.pages) s.append(reinterpret_cast<const char*>(b.bytes.data()), 16);
    return finish(std::move(s));
}

std::string encodeDeltaMap(const PageMap& map, const PageMap& base) {
    std::string s = header(kKindDelta, map);
    std::string entries;
    uint64_t n = 0;
    for (size_t i = 0; i < map.pages.size(); ++i) {
        if (i < base.pages.size() && base.pages[i] == map.pages[i]) continue;
        putFixed32(&entries, static_cast<uint32_t>(i + 1));
        entries.append(reinterpret_cast<const char*>(map.pages[i].bytes.data()), 16);
        ++n;
    }
    putFixed64(&s, n);
    s += entries;
    return finish(std::move(s));
}

static Result<std::string> openRecord(const std::string& record, const std::string& what) {
    auto body = decompressBuffer(record, kMaxMapBytes, what);
    if (!body.isOk()) return body.status();
    std::string& b = body.value();
    if (b.size() < kHeaderBytes + 16 || std::memcmp(b.data(), kMapMagic, 4) != 0 || b[4] != kMapVersion)
        return Status::corruption(what + ": not a page map record");
    BlobId sum = BlobId::of(b.data(), b.size() - 16);
    if (sum != BlobId::fromBytes(b.data() + b.size() - 16))
        return Status::corruption(what + ": page map checksum mismatch");
    b.resize(b.size() - 16);
    return body;
}

Result<bool> mapIsDelta(const std::string& record, const std::string& what) {
    auto b = openRecord(record, what);
    if (!b.isOk()) return b.status();
    return b.value()[5] == kKindDelta;
}

Result<PageMap> decodeMap(const std::string& record, const PageMap* base, const std::string& what) {
    auto body = openRecord(record, what);
    if (!body.isOk()) return body.status();
    const std::string& b = body.value();
    PageMap map;
    map.pageSize = getFixed32(b.data() + 8);
    uint64_t count = getFixed64(b.data() + 12);
    if (map.pageSize < 512 || map.pageSize > 65536 || (map.pageSize & (map.pageSize - 1)))
        return Status::corruption(what + ": invalid page size " + std::to_string(map.pageSize));
    const char* p = b.data() + kHeaderBytes;
    size_t left = b.size() - kHeaderBytes;
    if (b[5] == kKindFull) {
        if (left != count * 16) return Status::corruption(what + ": page map length mismatch");
        map.pages.resize(count);
        for (uint64_t i = 0; i < count; ++i) map.pages[i] = BlobId::fromBytes(p + i * 16);
        return map;
    }
    if (b[5] != kKindDelta) return Status::corruption(what + ": unknown page map kind");
    if (!base) return Status::corruption(what + ": delta page map without its base");
    if (base->pageSize != map.pageSize) return Status::corruption(what + ": delta base has another page size");
    if (left < 8) return Status::corruption(what + ": page map length mismatch");
    uint64_t n = getFixed64(p);
    p += 8;
    left -= 8;
    if (left != n * 20) return Status::corruption(what + ": page map length mismatch");
    map.pages.assign(base->pages.begin(), base->pages.begin() + std::min<size_t>(count, base->pages.size()));
    map.pages.resize(count);  // pages past the base's end start as zero pages until listed
    for (uint64_t i = 0; i < n; ++i, p += 20) {
        uint32_t pgno = getFixed32(p);
        if (pgno == 0 || pgno > count) return Status::corruption(what + ": page number out of range");
        map.pages[pgno - 1] = BlobId::fromBytes(p + 4);
    }
    return map;
}

}  // namespace prescient::repo
