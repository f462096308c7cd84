#include "trace/tracestore.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include "util/coding.h"
#include "util/compress.h"

namespace prescient::trace {

Result<Trace> readRecorderFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::notFound("trace file " + path + " does not exist");
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (data.empty()) return Trace{};  // nothing recorded (no process opened SQLite)
    if (data.size() < 8 || std::memcmp(data.data(), "PRSCRAW1", 8) != 0)
        return Status::corruption("trace file " + path + " was not written by the Prescient recorder");
    Trace t;
    size_t n = (data.size() - 8) / 16;
    t.events.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const char* r = data.data() + 8 + i * 16;
        uint32_t pg = getFixed32(r + 12);
        PageAccess a{getFixed64(r), getFixed32(r + 8), pg & 0x7fffffffu, (pg & 0x80000000u) != 0};
        if (a.pgno) t.events.push_back(a);
    }
    std::stable_sort(t.events.begin(), t.events.end(),
                     [](const PageAccess& a, const PageAccess& b) { return a.timeUs < b.timeUs; });
    return t;
}

Result<int64_t> storeTrace(repo::Catalog& catalog, const std::string& sourcePath, const Trace& trace) {
    if (trace.events.empty()) return Status::invalidArgument("the trace of " + sourcePath + " has no page accesses");
    repo::TraceRecord meta;
    meta.sourcePath = sourcePath;
    meta.profile = trace.profile;
    meta.recordedUs = static_cast<int64_t>(trace.events.back().timeUs);
    meta.events = trace.events.size();
    meta.episodes = episodesOf(trace).size();
    meta.pageSize = trace.pageSize;
    return catalog.addTrace(meta, compressBuffer(encodeTrace(trace)));
}

Result<std::vector<Episode>> loadEpisodes(repo::Catalog& catalog, const std::string& sourcePath, uint32_t* pageSize,
                                          size_t* traceCount) {
    auto traces = catalog.listTraces(sourcePath);
    if (!traces.isOk()) return traces.status();
    if (traces->empty())
        return Status::notFound("no traces of " + sourcePath +
                                " in the repository (record some with 'prescient trace record')");
    // Traces recorded before a VACUUM changed the page size describe other page numbers: only the newest
    // page size counts.
    const uint32_t current = traces->back().pageSize;
    std::vector<Episode> all;
    size_t used = 0;
    for (const auto& rec : traces.value()) {
        if (rec.pageSize != current) continue;
        ++used;
        std::string what = "trace " + std::to_string(rec.id);
        auto data = catalog.traceData(rec.id);
        if (!data.isOk()) return data.status();
        // A trace event encodes in at most 3 varints of 10 bytes: bound what a damaged frame may claim.
        uint64_t cap = rec.events * 30 + rec.profile.size() + 4096;
        auto raw = decompressBuffer(data.value(), cap, what);
        if (!raw.isOk()) return raw.status();
        auto t = decodeTrace(raw.value(), what);
        if (!t.isOk()) return t.status();
        for (auto& e : episodesOf(t.value())) all.push_back(std::move(e));
    }
    std::stable_sort(all.begin(), all.end(), [](const Episode& a, const Episode& b) { return a.startUs < b.startUs; });
    if (pageSize) *pageSize = current;
    if (traceCount) *traceCount = used;
    return all;
}

}  // namespace prescient::trace
