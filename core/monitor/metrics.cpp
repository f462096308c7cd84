#include "monitor/metrics.h"

#include <algorithm>

#include "repo/catalog.h"

namespace prescient::monitor {

namespace {
constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr double kTimeSlack = 1e-9;  // sampling times are doubles: 1.1 - 1.0 must still reach the 0.1 sample
}  // namespace

void RestoreCounters::noteQuery(uint64_t nanos, int64_t usSinceStart) {
    queries.fetch_add(1, kRelaxed);
    queryNanos.fetch_add(nanos, kRelaxed);
    int64_t cur = firstQueryUs.load(kRelaxed);
    while ((cur < 0 || usSinceStart < cur) && !firstQueryUs.compare_exchange_weak(cur, usSinceStart, kRelaxed)) {
    }
}

MetricsSeries::MetricsSeries(const RestoreCounters* counters, double windowSeconds, size_t maxPoints)
    : m_counters(counters), m_window(windowSeconds), m_maxPoints(std::max<size_t>(maxPoints, 4)) {
    m_raw.push_back(Raw{});  // the restore's start: t = 0, every counter zero
}

void MetricsSeries::sample(double t) {
    const RestoreCounters& c = *m_counters;
    Raw now;
    now.t = t;
    now.tier1 = c.tier1.load(kRelaxed);
    now.tier2 = c.tier2.load(kRelaxed);
    now.tier3 = c.tier3.load(kRelaxed);
    now.waitNanos = c.waitNanos.load(kRelaxed);
    now.bytes = c.bytesRestored.load(kRelaxed);

    MetricsPoint p;
    p.t = t;
    p.tier1 = now.tier1;
    p.tier2 = now.tier2;
    p.tier3 = now.tier3;
    p.tier3Origin = c.tier3Origin.load(kRelaxed);
    p.queries = c.queries.load(kRelaxed);
    p.pagesRestored = c.pagesRestored.load(kRelaxed);
    p.restoredShare = c.pagesTotal ? static_cast<double>(p.pagesRestored) / static_cast<double>(c.pagesTotal) : 0;
    uint64_t predictedDone = c.predictedDone.load(kRelaxed);
    p.predictedProgress =
        c.predictedTotal ? static_cast<double>(predictedDone) / static_cast<double>(c.predictedTotal) : 1;

    std::lock_guard<std::mutex> lock(m_mutex);
    // The window starts at the newest sample at or before t - window (the front stays when none is).
    double cut = t - m_window + kTimeSlack;
    while (m_raw.size() >= 2 && m_raw[1].t <= cut) m_raw.pop_front();
    const Raw& base = m_raw.front();
    // Each counter only grows, but clamp anyway: a caller's counter reset must not wrap to 2^64.
    auto delta = [](uint64_t a, uint64_t b) { return a > b ? a - b : 0; };
    uint64_t d1 = delta(now.tier1, base.tier1), d2 = delta(now.tier2, base.tier2), d3 = delta(now.tier3, base.tier3);
    p.reads = d1 + d2 + d3;
    if (p.reads) {
        double n = static_cast<double>(p.reads);
        p.tier1Share = static_cast<double>(d1) / n;
        p.tier2Share = static_cast<double>(d2) / n;
        p.tier3Share = static_cast<double>(d3) / n;
        p.hitRate = static_cast<double>(d1 + d2) / n;
    }
    if (d3)
        p.fetchLatencyMs = static_cast<double>(delta(now.waitNanos, base.waitNanos)) / static_cast<double>(d3) / 1e6;
    double dt = t - base.t;
    if (dt > 0) p.throughputMBps = static_cast<double>(delta(now.bytes, base.bytes)) / dt / 1e6;
    m_raw.push_back(now);

    if (m_timeTo90 < 0 && p.reads >= kMinReads && p.hitRate >= 0.9) {
        m_timeTo90 = t;
        m_restoredAt90 = p.restoredShare;
    }
    m_points.push_back(p);
    if (m_points.size() > m_maxPoints) thinLocked();
}

void MetricsSeries::thinLocked() {
    size_t half = m_points.size() / 2;
    size_t out = 0;
    for (size_t i = 0; i < half; i += 2) m_points[out++] = m_points[i];
    for (size_t i = half; i < m_points.size(); ++i) m_points[out++] = m_points[i];
    m_points.resize(out);
    ++m_generation;
}

std::vector<MetricsPoint> MetricsSeries::points(size_t from, uint64_t* generation) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (generation) *generation = m_generation;
    if (from >= m_points.size()) return {};
    return std::vector<MetricsPoint>(m_points.begin() + static_cast<std::ptrdiff_t>(from), m_points.end());
}

size_t MetricsSeries::size() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_points.size();
}

std::optional<MetricsPoint> MetricsSeries::latest() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_points.empty()) return std::nullopt;
    return m_points.back();
}

MetricsSummary MetricsSeries::summary() const {
    const RestoreCounters& c = *m_counters;
    MetricsSummary s;
    int64_t first = c.firstQueryUs.load(kRelaxed);
    if (first >= 0) s.timeToFirstQuery = static_cast<double>(first) / 1e6;
    s.tier1 = c.tier1.load(kRelaxed);
    s.tier2 = c.tier2.load(kRelaxed);
    s.tier3 = c.tier3.load(kRelaxed);
    s.queries = c.queries.load(kRelaxed);
    uint64_t reads = s.tier1 + s.tier2 + s.tier3;
    if (reads) s.hitRate = static_cast<double>(s.tier1 + s.tier2) / static_cast<double>(reads);
    if (s.tier3) s.meanFetchMs = static_cast<double>(c.waitNanos.load(kRelaxed)) / static_cast<double>(s.tier3) / 1e6;
    std::lock_guard<std::mutex> lock(m_mutex);
    s.timeTo90 = m_timeTo90;
    s.restoredAt90 = m_restoredAt90;
    return s;
}

void fillRestoreRecord(const MetricsSummary& s, const RestoreCounters& c, repo::RestoreRecord* r) {
    r->ttfqSeconds = s.timeToFirstQuery;
    r->t90Seconds = s.timeTo90;
    r->tier1 = s.tier1;
    r->tier2 = s.tier2;
    r->tier3 = s.tier3;
    r->queries = s.queries;
    r->pages = c.pagesRestored.load(kRelaxed);
    r->bytes = c.bytesRestored.load(kRelaxed);
}

}  // namespace prescient::monitor
