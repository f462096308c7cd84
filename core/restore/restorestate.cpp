#include "restore/restorestate.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/coding.h"

namespace prescient::restore {

namespace {

constexpr char kMagic[16] = {'P', 'R', 'E', 'S', 'C', 'I', 'E', 'N', 'T', '-', 'S', 'T', 'A', 'T', 'E', '\n'};
constexpr uint32_t kVersion = 1;
constexpr uint64_t kHeaderBytes = 4096;
constexpr uint64_t kAlign = 4096;
constexpr uint64_t kPackNameBytes = 32;
constexpr uint64_t kLocationBytes = 32;
constexpr uint64_t kFeedbackBytes = 4096;
constexpr uint64_t kRingOffset = 64;
constexpr uint64_t kRingSlots = (kFeedbackBytes - kRingOffset) / 4;

// Header fields (FORMAT.md).
enum : size_t {
    kOffVersion = 16,
    kOffState = 20,
    kOffPageSize = 24,
    kOffPackCount = 28,
    kOffPageCount = 32,
    kOffCreated = 40,
    kOffPage1 = 48,
    kOffRestored = 56,
    kOffWritten = 64,
    kOffFeedback = 72,
    kOffPacks = 80,
    kOffLocations = 88,
    kOffFileSize = 96,
    kOffOwnerPid = 104,
    kOffChecksum = 128,
    kOffStrings = 144,
};

uint64_t alignUp(uint64_t n) { return (n + kAlign - 1) / kAlign * kAlign; }

struct Layout {
    uint64_t page1, restored, written, feedback, packs, locations, fileSize;
};

Layout layoutFor(uint32_t pageSize, uint64_t pageCount, uint64_t packCount) {
    Layout l;
    uint64_t bitBytes = (pageCount + 64) / 64 * 8;
    l.page1 = kHeaderBytes;
    l.restored = alignUp(l.page1 + pageSize);
    l.written = alignUp(l.restored + bitBytes);
    l.feedback = alignUp(l.written + bitBytes);
    l.packs = l.feedback + kFeedbackBytes;
    l.locations = alignUp(l.packs + packCount * kPackNameBytes);
    l.fileSize = l.locations + pageCount * kLocationBytes;
    return l;
}

// XXH3-128 of the static part: the header with its mutable fields (state, owner pid) and the checksum
// zeroed, the pack names and the locations.
BlobId checksumOf(const char* file, const Layout& l, uint64_t packCount, uint64_t pageCount) {
    std::string buf(file, kHeaderBytes);
    std::memset(buf.data() + kOffState, 0, 4);
    std::memset(buf.data() + kOffOwnerPid, 0, 8);
    std::memset(buf.data() + kOffChecksum, 0, 16);
    buf.append(file + l.packs, packCount * kPackNameBytes);
    buf.append(file + l.locations, pageCount * kLocationBytes);
    return BlobId::of(buf.data(), buf.size());
}

void putString(std::string* header, size_t* pos, const std::string& s) {
    std::string len;
    putFixed32(&len, static_cast<uint32_t>(s.size()));
    header->replace(*pos, 4, len);
    header->replace(*pos + 4, s.size(), s);
    *pos += 4 + s.size();
}

bool getString(const char* header, size_t* pos, std::string* out) {
    if (*pos + 4 > kHeaderBytes) return false;
    uint32_t n = getFixed32(header + *pos);
    if (*pos + 4 + n > kHeaderBytes) return false;
    out->assign(header + *pos + 4, n);
    *pos += 4 + n;
    return true;
}

}  // namespace

// The shared area: counters, then a ring of page numbers.
struct RestoreState::Feedback {
    std::atomic<uint64_t> head;
    std::atomic<uint64_t> queries;
    std::atomic<uint64_t> queryNanos;
    std::atomic<int64_t> firstQueryUs;
    std::atomic<uint64_t> tier2;
    std::atomic<uint64_t> tier3;
    std::atomic<uint64_t> waitNanos;
    std::atomic<uint64_t> reserved;
    std::atomic<uint32_t> ring[kRingSlots];
};
static_assert(sizeof(std::atomic<uint64_t>) == 8 && std::atomic<uint64_t>::is_always_lock_free);

std::string RestoreState::pathFor(const std::string& target) { return target + ".prescient"; }

Status RestoreState::create(Env* env, const std::string& path, const StateInfo& info,
                            const std::vector<std::string>& packNames, const std::vector<PageLocation>& locations,
                            const std::string& page1) {
    if (locations.size() != info.pageCount || page1.size() != info.pageSize || info.pageCount == 0)
        return Status::invalidArgument("restore state " + path + ": page map and page 1 do not match the snapshot");
    for (const auto& n : packNames)
        if (n.size() != kPackNameBytes) return Status::invalidArgument("restore state " + path + ": bad pack name " + n);
    Layout l = layoutFor(info.pageSize, info.pageCount, packNames.size());
    std::string file(l.fileSize, '\0');
    std::string header(kHeaderBytes, '\0');
    std::memcpy(header.data(), kMagic, 16);
    size_t pos = kOffStrings;
    uint64_t stringBytes = 0;
    for (const auto* s : {&info.snapshotId, &info.repoDir, &info.sourcePath, &info.originPath, &info.strategy})
        stringBytes += 4 + s->size();
    if (pos + stringBytes > kHeaderBytes)
        return Status::invalidArgument("restore state " + path + ": paths too long for the state header");
    for (const auto* s : {&info.snapshotId, &info.repoDir, &info.sourcePath, &info.originPath, &info.strategy})
        putString(&header, &pos, *s);
    auto put32 = [&](size_t off, uint32_t v) {
        std::string b;
        putFixed32(&b, v);
        header.replace(off, 4, b);
    };
    auto put64 = [&](size_t off, uint64_t v) {
        std::string b;
        putFixed64(&b, v);
        header.replace(off, 8, b);
    };
    put32(kOffVersion, kVersion);
    put32(kOffState, kRestoring);
    put32(kOffPageSize, info.pageSize);
    put32(kOffPackCount, static_cast<uint32_t>(packNames.size()));
    put64(kOffPageCount, info.pageCount);
    put64(kOffCreated, static_cast<uint64_t>(info.createdUs));
    put64(kOffPage1, l.page1);
    put64(kOffRestored, l.restored);
    put64(kOffWritten, l.written);
    put64(kOffFeedback, l.feedback);
    put64(kOffPacks, l.packs);
    put64(kOffLocations, l.locations);
    put64(kOffFileSize, l.fileSize);
    file.replace(0, kHeaderBytes, header);
    file.replace(l.page1, page1.size(), page1);
    {
        std::string fb;
        putFixed64(&fb, static_cast<uint64_t>(int64_t{-1}));
        file.replace(l.feedback + 24, 8, fb);  // firstQueryUs = -1
    }
    for (size_t i = 0; i < packNames.size(); ++i) file.replace(l.packs + i * kPackNameBytes, kPackNameBytes, packNames[i]);
    for (uint64_t i = 0; i < locations.size(); ++i) {
        const PageLocation& loc = locations[i];
        char* p = file.data() + l.locations + i * kLocationBytes;
        std::memcpy(p, loc.id.bytes.data(), 16);
        std::string b;
        putFixed64(&b, loc.offset);
        putFixed32(&b, loc.storedLen);
        putFixed32(&b, (loc.pack & PageLocation::kNoPack) | (uint32_t(static_cast<uint8_t>(loc.codec)) << 24));
        std::memcpy(p + 16, b.data(), 16);
    }
    BlobId sum = checksumOf(file.data(), l, packNames.size(), info.pageCount);
    std::memcpy(file.data() + kOffChecksum, sum.bytes.data(), 16);
    return writeFileDurably(env, path, file);
}

Result<std::unique_ptr<RestoreState>> RestoreState::open(const std::string& path, bool owner) {
    std::unique_ptr<RestoreState> s(new RestoreState());
    s->m_path = path;
    s->m_owner = owner;
    s->m_fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    s->m_writable = s->m_fd >= 0;
    if (s->m_fd < 0 && !owner && (errno == EACCES || errno == EROFS)) s->m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (s->m_fd < 0) {
        if (errno == ENOENT) return Status::notFound("restore state " + path + " does not exist");
        return Status::fromErrno(errno, "opening restore state " + path);
    }
    auto bad = [&](const std::string& why) { return Status::corruption("restore state " + path + " is damaged: " + why); };
    struct stat st {};
    if (::fstat(s->m_fd, &st) != 0) return Status::fromErrno(errno, "stat of restore state " + path);
    if (static_cast<uint64_t>(st.st_size) < kHeaderBytes) return bad("shorter than its header");
    if (owner && ::flock(s->m_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK) return Status::fromErrno(errno, "locking restore state " + path);
        char pid[8];
        (void)::pread(s->m_fd, pid, 8, kOffOwnerPid);
        return Status::busy("target is being restored by process " + std::to_string(getFixed64(pid)) + " (" + path +
                            ")");
    }
    s->m_mapSize = static_cast<size_t>(st.st_size);
    void* m = ::mmap(nullptr, s->m_mapSize, PROT_READ | (s->m_writable ? PROT_WRITE : 0), MAP_SHARED, s->m_fd, 0);
    if (m == MAP_FAILED) return Status::fromErrno(errno, "mapping restore state " + path);
    s->m_map = static_cast<char*>(m);
    const char* h = s->m_map;
    if (std::memcmp(h, kMagic, 16) != 0) return bad("not a restore state file");
    if (getFixed32(h + kOffVersion) != kVersion)
        return bad("format version " + std::to_string(getFixed32(h + kOffVersion)) + " is not supported");
    StateInfo& info = s->m_info;
    info.pageSize = getFixed32(h + kOffPageSize);
    info.pageCount = getFixed64(h + kOffPageCount);
    info.createdUs = static_cast<int64_t>(getFixed64(h + kOffCreated));
    uint64_t packCount = getFixed32(h + kOffPackCount);
    if (info.pageSize < 512 || info.pageSize > 65536 || (info.pageSize & (info.pageSize - 1)) || info.pageCount == 0 ||
        info.pageCount > (uint64_t{1} << 32))
        return bad("bad page size or count");
    Layout l = layoutFor(info.pageSize, info.pageCount, packCount);
    if (getFixed64(h + kOffPage1) != l.page1 || getFixed64(h + kOffRestored) != l.restored ||
        getFixed64(h + kOffWritten) != l.written || getFixed64(h + kOffFeedback) != l.feedback ||
        getFixed64(h + kOffPacks) != l.packs || getFixed64(h + kOffLocations) != l.locations ||
        getFixed64(h + kOffFileSize) != l.fileSize)
        return bad("section offsets do not match");
    if (s->m_mapSize != l.fileSize) return bad("size " + std::to_string(s->m_mapSize) + " instead of " + std::to_string(l.fileSize));
    BlobId sum = checksumOf(h, l, packCount, info.pageCount);
    if (std::memcmp(sum.bytes.data(), h + kOffChecksum, 16) != 0) return bad("checksum mismatch");
    size_t pos = kOffStrings;
    for (auto* str : {&info.snapshotId, &info.repoDir, &info.sourcePath, &info.originPath, &info.strategy})
        if (!getString(h, &pos, str)) return bad("header strings");
    s->m_packs.reserve(packCount);
    for (uint64_t i = 0; i < packCount; ++i) s->m_packs.emplace_back(h + l.packs + i * kPackNameBytes, kPackNameBytes);
    s->m_locations.resize(info.pageCount);
    for (uint64_t i = 0; i < info.pageCount; ++i) {
        const char* p = h + l.locations + i * kLocationBytes;
        PageLocation& loc = s->m_locations[i];
        loc.id = BlobId::fromBytes(p);
        loc.offset = getFixed64(p + 16);
        loc.storedLen = getFixed32(p + 24);
        uint32_t packCodec = getFixed32(p + 28);
        loc.pack = packCodec & PageLocation::kNoPack;
        loc.codec = static_cast<repo::Codec>(packCodec >> 24);
        if (loc.pack != PageLocation::kNoPack && loc.pack >= packCount) return bad("page " + std::to_string(i + 1) + " names no pack");
    }
    s->m_page1Off = l.page1;
    s->m_feedbackOff = l.feedback;
    s->m_restored = reinterpret_cast<std::atomic<uint64_t>*>(s->m_map + l.restored);
    s->m_written = reinterpret_cast<std::atomic<uint64_t>*>(s->m_map + l.written);
    if (owner) {
        std::string pid;
        putFixed64(&pid, static_cast<uint64_t>(::getpid()));
        std::memcpy(s->m_map + kOffOwnerPid, pid.data(), 8);
    }
    return s;
}

RestoreState::~RestoreState() {
    if (m_map) ::munmap(m_map, m_mapSize);
    if (m_fd >= 0) ::close(m_fd);  // drops the owner's flock
}

RestoreState::State RestoreState::state() const {
    auto* word = reinterpret_cast<const std::atomic<uint32_t>*>(m_map + kOffState);
    return word->load(std::memory_order_acquire) == kComplete ? kComplete : kRestoring;
}

void RestoreState::readPage1(void* out) const { std::memcpy(out, m_map + m_page1Off, m_info.pageSize); }

Status RestoreState::storeBits(const uint64_t* restored, const uint64_t* written, bool sync) {
    if (!m_writable) return Status::ioError("restore state " + m_path + " is read-only");
    for (uint64_t i = 0; i < bitWords(); ++i) {
        if (restored && (restored[i] & ~m_restored[i].load(std::memory_order_relaxed)))
            m_restored[i].fetch_or(restored[i], std::memory_order_release);
        if (written && (written[i] & ~m_written[i].load(std::memory_order_relaxed)))
            m_written[i].fetch_or(written[i], std::memory_order_release);
    }
    if (!sync) return Status::ok();
    char* begin = reinterpret_cast<char*>(m_restored);
    char* end = reinterpret_cast<char*>(m_written) + bitWords() * 8;
    size_t len = static_cast<size_t>(end - begin);
    if (::msync(begin, (len + kAlign - 1) / kAlign * kAlign, MS_SYNC) != 0)
        return Status::fromErrno(errno, "syncing restore state " + m_path);
    return Status::ok();
}

Status RestoreState::storePage1(const void* page, bool sync) {
    if (!m_writable) return Status::ioError("restore state " + m_path + " is read-only");
    std::memcpy(m_map + m_page1Off, page, m_info.pageSize);
    if (!sync) return Status::ok();
    if (::msync(m_map + m_page1Off, alignUp(m_info.pageSize), MS_SYNC) != 0)
        return Status::fromErrno(errno, "syncing restore state " + m_path);
    return Status::ok();
}

Status RestoreState::syncShared() {
    if (!m_writable) return Status::ioError("restore state " + m_path + " is read-only");
    char* begin = reinterpret_cast<char*>(m_written);
    size_t len = static_cast<size_t>(bitWords() * 8);
    size_t pageOff = static_cast<size_t>(begin - m_map) % kAlign;  // m_written is page-aligned: 0
    if (::msync(begin - pageOff, alignUp(len + pageOff), MS_SYNC) != 0 ||
        ::msync(m_map + m_page1Off, alignUp(m_info.pageSize), MS_SYNC) != 0)
        return Status::fromErrno(errno, "syncing restore state " + m_path);
    return Status::ok();
}

bool RestoreState::stillAtPath() const {
    struct stat a {}, b {};
    return ::stat(m_path.c_str(), &a) == 0 && ::fstat(m_fd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

Status RestoreState::markComplete() {
    if (!m_writable) return Status::ioError("restore state " + m_path + " is read-only");
    reinterpret_cast<std::atomic<uint32_t>*>(m_map + kOffState)->store(kComplete, std::memory_order_release);
    if (::msync(m_map, kHeaderBytes, MS_SYNC) != 0) return Status::fromErrno(errno, "syncing restore state " + m_path);
    return Status::ok();
}

RestoreState::Feedback* RestoreState::feedback() const {
    static_assert(offsetof(Feedback, ring) == kRingOffset);  // shared with other processes: fixed layout
    static_assert(sizeof(Feedback) <= kFeedbackBytes);
    return reinterpret_cast<Feedback*>(m_map + m_feedbackOff);
}

void RestoreState::postRead(uint32_t pgno) {
    if (!m_writable) return;
    uint64_t slot = feedback()->head.fetch_add(1, std::memory_order_acq_rel);
    feedback()->ring[slot % kRingSlots].store(pgno, std::memory_order_release);
}

void RestoreState::addReaderCounters(uint64_t tier2, uint64_t tier3, uint64_t waitNanos) {
    if (!m_writable) return;
    if (tier2) feedback()->tier2.fetch_add(tier2, std::memory_order_relaxed);
    if (tier3) feedback()->tier3.fetch_add(tier3, std::memory_order_relaxed);
    if (waitNanos) feedback()->waitNanos.fetch_add(waitNanos, std::memory_order_relaxed);
}

void RestoreState::noteReaderQuery(uint64_t nanos, int64_t wallUs) {
    if (!m_writable) return;
    feedback()->queries.fetch_add(1, std::memory_order_relaxed);
    feedback()->queryNanos.fetch_add(nanos, std::memory_order_relaxed);
    int64_t unset = -1;
    feedback()->firstQueryUs.compare_exchange_strong(unset, wallUs);
}

std::vector<uint32_t> RestoreState::takeReads(uint64_t* cursor) const {
    uint64_t head = feedback()->head.load(std::memory_order_acquire);
    uint64_t from = *cursor;
    if (head > kRingSlots && from < head - kRingSlots) from = head - kRingSlots;
    std::vector<uint32_t> out;
    out.reserve(head > from ? head - from : 0);
    for (uint64_t i = from; i < head; ++i) out.push_back(feedback()->ring[i % kRingSlots].load(std::memory_order_acquire));
    *cursor = head;
    return out;
}

ReaderFeedback RestoreState::readerFeedback() const {
    ReaderFeedback r;
    const Feedback* f = feedback();
    r.queries = f->queries.load(std::memory_order_relaxed);
    r.queryNanos = f->queryNanos.load(std::memory_order_relaxed);
    r.firstQueryUs = f->firstQueryUs.load(std::memory_order_relaxed);
    r.tier2 = f->tier2.load(std::memory_order_relaxed);
    r.tier3 = f->tier3.load(std::memory_order_relaxed);
    r.waitNanos = f->waitNanos.load(std::memory_order_relaxed);
    return r;
}

}  // namespace prescient::restore
