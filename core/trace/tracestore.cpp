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
        if (std::memcmp(r, "PRSCRAW1", 8) == 0) continue;  // never in practice: the magic is written once
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
    std::vector<Episode> all;
    for (const auto& rec : traces.value()) {
        std::string what = "trace " + std::to_string(rec.id);
        auto data = catalog.traceData(rec.id);
        if (!data.isOk()) return data.status();
        auto raw = decompressBuffer(data.value(), 1ull << 34, what);
        if (!raw.isOk()) return raw.status();
        auto t = decodeTrace(raw.value(), what);
        if (!t.isOk()) return t.status();
        if (pageSize) *pageSize = t->pageSize;
        for (auto& e : episodesOf(t.value())) all.push_back(std::move(e));
    }
    std::stable_sort(all.begin(), all.end(), [](const Episode& a, const Episode& b) { return a.startUs < b.startUs; });
    if (traceCount) *traceCount = traces->size();
    return all;
}

}  // namespace prescient::trace
