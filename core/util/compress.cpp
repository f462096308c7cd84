#include "util/compress.h"

#include <zstd.h>

namespace prescient {

namespace {
// One compression context per thread: creating one per page costs more than compressing the page.
ZSTD_CCtx* threadCCtx() {
    thread_local std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> ctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
    return ctx.get();
}
ZSTD_DCtx* threadDCtx() {
    thread_local std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
    return ctx.get();
}
}  // namespace

bool compressIfSmaller(const void* data, size_t n, int level, std::string* out) {
    size_t old = out->size();
    out->resize(old + ZSTD_compressBound(n));
    size_t r = ZSTD_compressCCtx(threadCCtx(), out->data() + old, ZSTD_compressBound(n), data, n, level);
    if (ZSTD_isError(r) || r >= n) {
        out->resize(old);
        return false;
    }
    out->resize(old + r);
    return true;
}

Status decompressExact(const void* src, size_t srcLen, void* dst, size_t rawLen, const std::string& what) {
    size_t r = ZSTD_decompressDCtx(threadDCtx(), dst, rawLen, src, srcLen);
    if (ZSTD_isError(r)) return Status::corruption(what + ": " + ZSTD_getErrorName(r));
    if (r != rawLen)
        return Status::corruption(what + ": decompressed to " + std::to_string(r) + " bytes, expected " +
                                  std::to_string(rawLen));
    return Status::ok();
}

std::string compressBuffer(const std::string& in) {
    std::string out(ZSTD_compressBound(in.size()), '\0');
    size_t r = ZSTD_compressCCtx(threadCCtx(), out.data(), out.size(), in.data(), in.size(), 3);
    out.resize(ZSTD_isError(r) ? 0 : r);
    return out;
}

Result<std::string> decompressBuffer(const std::string& in, size_t maxSize, const std::string& what) {
    unsigned long long n = ZSTD_getFrameContentSize(in.data(), in.size());
    if (n == ZSTD_CONTENTSIZE_ERROR || n == ZSTD_CONTENTSIZE_UNKNOWN || n > maxSize)
        return Status::corruption(what + ": not a valid zstd frame");
    std::string out(n, '\0');
    PRESCIENT_RETURN_IF_ERROR(decompressExact(in.data(), in.size(), out.data(), n, what));
    return out;
}

}  // namespace prescient
