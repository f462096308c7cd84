#include "restore/pagefetcher.h"

#include "restore/vfsfile.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace prescient::restore {

namespace {
constexpr uint64_t kMaxGap = 64 << 10;      // coalesce pack reads across holes up to this size
constexpr uint64_t kMaxSpan = 2ull << 20;   // and up to this many bytes per read
}  // namespace

PageFetcher::PageFetcher(Env* env, const RestoreState* state)
    : m_env(env), m_state(state), m_pageSize(state->info().pageSize), m_packs(state->packNames().size()) {}

PageFetcher::~PageFetcher() = default;

Status PageFetcher::openOrigin(const std::string& path) {
    auto st = m_env->stat(path);
    if (!st.isOk()) return Status::notFound("origin database " + path + " does not exist");
    if (st->kind != FileInfo::Kind::kFile) return Status::invalidArgument("origin " + path + " is not a file");
    auto f = openThroughUnixVfs(path, false);
    if (!f.isOk()) return f.status().withContext("origin database");
    m_origin = std::move(f.value());
    return Status::ok();
}

bool PageFetcher::fromOriginIfSame(uint32_t pgno, char* out) {
    if (!m_origin) return false;
    size_t got = 0;
    Status s = m_origin->read(static_cast<uint64_t>(pgno - 1) * m_pageSize, out, m_pageSize, &got);
    if (!s.isOk() || got != m_pageSize) return false;  // origin shrank, or an error: use the repository
    return BlobId::of(out, m_pageSize) == m_state->location(pgno).id;
}

Result<std::shared_ptr<File>> PageFetcher::packFile(uint32_t pack) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_packs[pack]) return m_packs[pack];
    const std::string& name = m_state->packNames()[pack];
    auto f = m_env->open(repo::packPath(m_state->info().repoDir, name), OpenMode::kRead);
    if (!f.isOk()) {
        if (f.status().code() == Status::Code::kNotFound)
            return Status::corruption("pack " + name + " is missing from the repository " + m_state->info().repoDir);
        return f.status();
    }
    m_packs[pack] = std::shared_ptr<File>(std::move(f.value()));
    return m_packs[pack];
}

Status PageFetcher::decode(uint32_t pgno, const char* stored, char* out) {
    const PageLocation& loc = m_state->location(pgno);
    repo::PackEntry e;
    e.id = loc.id;
    e.offset = loc.offset;
    e.storedLen = loc.storedLen;
    e.rawLen = m_pageSize;
    e.codec = loc.codec;
    Status s = repo::decodeBlob(stored, e, out, m_state->packNames()[loc.pack]);
    return s.isOk() ? s : s.withContext("page " + std::to_string(pgno));
}

Status PageFetcher::fetch(uint32_t pgno, char* out, bool* fromOrigin) {
    if (fromOrigin) *fromOrigin = false;
    if (pgno == 0 || pgno > m_state->info().pageCount)
        return Status::invalidArgument("page " + std::to_string(pgno) + " is outside the snapshot");
    const PageLocation& loc = m_state->location(pgno);
    if (loc.zero()) {
        std::memset(out, 0, m_pageSize);
        return Status::ok();
    }
    if (fromOriginIfSame(pgno, out)) {
        if (fromOrigin) *fromOrigin = true;
        return Status::ok();
    }
    auto file = packFile(loc.pack);
    if (!file.isOk()) return file.status().withContext("page " + std::to_string(pgno));
    std::string stored(loc.storedLen, '\0');
    size_t got = 0;
    m_packReads.fetch_add(1, std::memory_order_relaxed);
    PRESCIENT_RETURN_IF_ERROR((*file)->read(loc.offset, stored.data(), stored.size(), &got));
    if (got != stored.size())
        return Status::corruption("page " + std::to_string(pgno) + ": pack " + m_state->packNames()[loc.pack] +
                                  " is truncated");
    return decode(pgno, stored.data(), out);
}

void PageFetcher::fetchBatch(const std::vector<uint32_t>& pgnos, char* out, std::vector<Status>* status,
                             std::vector<char>* fromOrigin) {
    const size_t n = pgnos.size();
    status->assign(n, Status::ok());
    fromOrigin->assign(n, 0);
    std::vector<size_t> fromPacks;
    for (size_t i = 0; i < n; ++i) {
        uint32_t pgno = pgnos[i];
        char* page = out + i * m_pageSize;
        if (pgno == 0 || pgno > m_state->info().pageCount) {
            (*status)[i] = Status::invalidArgument("page " + std::to_string(pgno) + " is outside the snapshot");
        } else if (m_state->location(pgno).zero()) {
            std::memset(page, 0, m_pageSize);
        } else if (fromOriginIfSame(pgno, page)) {
            (*fromOrigin)[i] = 1;
        } else {
            fromPacks.push_back(i);
        }
    }
    // By pack and offset, then one read per run of nearby blobs.
    std::sort(fromPacks.begin(), fromPacks.end(), [&](size_t a, size_t b) {
        const PageLocation& x = m_state->location(pgnos[a]);
        const PageLocation& y = m_state->location(pgnos[b]);
        return x.pack != y.pack ? x.pack < y.pack : x.offset < y.offset;
    });
    std::string buf;
    size_t i = 0;
    while (i < fromPacks.size()) {
        const PageLocation& first = m_state->location(pgnos[fromPacks[i]]);
        uint64_t begin = first.offset, end = first.offset + first.storedLen;
        size_t j = i + 1;
        while (j < fromPacks.size()) {
            const PageLocation& l = m_state->location(pgnos[fromPacks[j]]);
            if (l.pack != first.pack || l.offset > end + kMaxGap || l.offset + l.storedLen - begin > kMaxSpan) break;
            end = std::max<uint64_t>(end, l.offset + l.storedLen);
            ++j;
        }
        Status s;
        auto file = packFile(first.pack);
        if (!file.isOk()) {
            s = file.status();
        } else {
            buf.resize(end - begin);
            size_t got = 0;
            m_packReads.fetch_add(1, std::memory_order_relaxed);
            s = (*file)->read(begin, buf.data(), buf.size(), &got);
            if (s.isOk() && got != buf.size())
                s = Status::corruption("pack " + m_state->packNames()[first.pack] + " is truncated");
        }
        for (; i < j; ++i) {
            size_t k = fromPacks[i];
            if (!s.isOk()) {
                (*status)[k] = s.withContext("page " + std::to_string(pgnos[k]));
                continue;
            }
            const PageLocation& l = m_state->location(pgnos[k]);
            (*status)[k] = decode(pgnos[k], buf.data() + (l.offset - begin), out + k * m_pageSize);
        }
    }
}

}  // namespace prescient::restore
