#include "cli/output.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>

#include "util/jsontext.h"

namespace prescient::cli {

int exitCodeFor(const Status& s) {
    switch (s.code()) {
        case Status::Code::kOk:
            return kExitOk;
        case Status::Code::kCorruption:
            return kExitCorruption;
        case Status::Code::kNotFound:
            return kExitNotFound;
        case Status::Code::kBusy:
            return kExitLocked;
        case Status::Code::kNoSpace:
            return kExitNoSpace;
        case Status::Code::kInvalidArgument:
            return kExitInvalid;
        case Status::Code::kCancelled:
            return kExitCancelled;
        case Status::Code::kIoError:
            return kExitFailure;
    }
    return kExitFailure;
}

int reportError(const Status& s) {
    endProgressLine();
    std::fprintf(stderr, "prescient: error: %s\n", s.detail().c_str());
    return exitCodeFor(s);
}

std::string humanBytes(uint64_t n) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(n);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    if (u == 0)
        std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(n));
    else
        std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return buf;
}

std::string localTime(int64_t us) {
    std::time_t t = static_cast<std::time_t>(us / 1000000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

std::string isoTime(int64_t us) {
    std::time_t t = static_cast<std::time_t>(us / 1000000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[48];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[64];
    std::snprintf(out, sizeof out, "%s.%06lldZ", buf, static_cast<long long>(us % 1000000));
    return out;
}

std::string jsonString(const std::string& s) { return jsonQuote(s); }

namespace {
bool g_progressShown = false;
}

ProgressFn terminalProgress(const std::string& label) {
    if (!::isatty(STDERR_FILENO)) return {};
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    return [label, last](const Progress& p) {
        auto now = std::chrono::steady_clock::now();
        if (now - *last < std::chrono::milliseconds(100) && p.done != p.total) return;
        *last = now;
        if (p.total)
            std::fprintf(stderr, "\r%s: %-8s %3d%%  %s   ", label.c_str(), p.phase.c_str(),
                         static_cast<int>(100.0 * p.done / p.total), humanBytes(p.bytes).c_str());
        else
            std::fprintf(stderr, "\r%s: %-8s %s   ", label.c_str(), p.phase.c_str(), humanBytes(p.bytes).c_str());
        g_progressShown = true;
    };
}

void endProgressLine() {
    if (g_progressShown) std::fprintf(stderr, "\r\033[K");
    g_progressShown = false;
}

}  // namespace prescient::cli
