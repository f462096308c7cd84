#include "trace/trace.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "util/blobid.h"
#include "util/coding.h"

namespace prescient::trace {

namespace {
const char kMagic[4] = {'P', 'T', 'R', 'C'};
constexpr uint8_t kVersion = 1;

void putVarint(std::string* s, uint64_t v) {
    while (v >= 0x80) {
        s->push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    s->push_back(static_cast<char>(v));
}

bool getVarint(const char*& p, const char* end, uint64_t* v) {
    uint64_t r = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        uint8_t b = static_cast<uint8_t>(*p++);
        r |= uint64_t(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = r;
            return true;
        }
    }
    return false;
}
}  // namespace

std::string encodeTrace(const Trace& t) {
    std::string s(kMagic, 4);
    s.push_back(static_cast<char>(kVersion));
    s.append(3, '\0');
    putFixed32(&s, t.pageSize);
    putFixed64(&s, t.events.size());
    putFixed32(&s, static_cast<uint32_t>(t.profile.size()));
    s += t.profile;
    uint64_t last = t.events.empty() ? 0 : t.events.front().timeUs;
    putFixed64(&s, last);  // base time
    for (const PageAccess& e : t.events) {
        putVarint(&s, e.timeUs >= last ? e.timeUs - last : 0);
        last = std::max(last, e.timeUs);
        putVarint(&s, e.conn);
        putVarint(&s, (uint64_t(e.pgno) << 1) | (e.write ? 1 : 0));
    }
    BlobId sum = BlobId::of(s.data(), s.size());
    s.append(reinterpret_cast<const char*>(sum.bytes.data()), 16);
    return s;
}

Result<Trace> decodeTrace(const std::string& bytes, const std::string& what) {
    if (bytes.size() < 24 + 16 || std::memcmp(bytes.data(), kMagic, 4) != 0)
        return Status::corruption(what + ": not a trace");
    if (static_cast<uint8_t>(bytes[4]) != kVersion)
        return Status::corruption(what + ": unknown trace version " + std::to_string(uint8_t(bytes[4])));
    if (BlobId::of(bytes.data(), bytes.size() - 16) != BlobId::fromBytes(bytes.data() + bytes.size() - 16))
        return Status::corruption(what + ": checksum mismatch");
    const char* p = bytes.data() + 8;
    const char* end = bytes.data() + bytes.size() - 16;
    Trace t;
    t.pageSize = getFixed32(p);
    uint64_t count = getFixed64(p + 4);
    uint32_t profileLen = getFixed32(p + 12);
    p += 16;
    if (uint64_t(end - p) < uint64_t(profileLen) + 8) return Status::corruption(what + ": truncated");
    t.profile.assign(p, profileLen);
    p += profileLen;
    uint64_t time = getFixed64(p);
    p += 8;
    if (count > uint64_t(end - p) / 3) return Status::corruption(what + ": event count larger than the data");
    t.events.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
        uint64_t dt, conn, pg;
        if (!getVarint(p, end, &dt) || !getVarint(p, end, &conn) || !getVarint(p, end, &pg))
            return Status::corruption(what + ": truncated at event " + std::to_string(i));
        time += dt;
        if ((pg >> 1) == 0 || (pg >> 1) > 0xffffffffu || conn > 0xffffffffu)
            return Status::corruption(what + ": event " + std::to_string(i) + " is out of range");
        t.events.push_back({time, static_cast<uint32_t>(conn), static_cast<uint32_t>(pg >> 1), (pg & 1) != 0});
    }
    if (p != end) return Status::corruption(what + ": trailing bytes");
    return t;
}

std::vector<Episode> episodesOf(const Trace& t) {
    std::map<uint32_t, Episode> byConn;
    for (const PageAccess& e : t.events) {
        auto [it, inserted] = byConn.try_emplace(e.conn);
        if (inserted) {
            it->second.profile = t.profile;
            it->second.startUs = e.timeUs;
        }
        if (!e.write) it->second.reads.push_back(e.pgno);
    }
    std::vector<Episode> out;
    for (auto& [conn, ep] : byConn)
        if (!ep.reads.empty()) out.push_back(std::move(ep));
    std::stable_sort(out.begin(), out.end(), [](const Episode& a, const Episode& b) { return a.startUs < b.startUs; });
    return out;
}

}  // namespace prescient::trace
