#include "util/blobid.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace prescient {

BlobId BlobId::of(const void* data, size_t n) {
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits(data, n));
    BlobId b;
    std::memcpy(b.bytes.data(), c.digest, 16);
    return b;
}

std::string BlobId::hex() const {
    static const char* kDigits = "0123456789abcdef";
    std::string s(32, '0');
    for (size_t i = 0; i < 16; ++i) {
        s[2 * i] = kDigits[bytes[i] >> 4];
        s[2 * i + 1] = kDigits[bytes[i] & 15];
    }
    return s;
}

static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool BlobId::fromHex(const std::string& text, BlobId* out) {
    if (text.size() != 32) return false;
    for (size_t i = 0; i < 16; ++i) {
        int hi = hexValue(text[2 * i]), lo = hexValue(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out->bytes[i] = static_cast<uint8_t>(hi * 16 + lo);
    }
    return true;
}

bool isAllZero(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    uint64_t w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::memcpy(&w, p + i, 8);
        if (w) return false;
    }
    for (; i < n; ++i)
        if (p[i]) return false;
    return true;
}

}  // namespace prescient
