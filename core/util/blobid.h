// BlobId: the 128-bit content address of a page image (XXH3-128 of its bytes).
// The all-zero id is reserved for "a page of zeros", which is never stored.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>

namespace prescient {

struct BlobId {
    std::array<uint8_t, 16> bytes{};  // big-endian XXH3-128 canonical form

    static BlobId of(const void* data, size_t n);
    static BlobId zeroPage() { return BlobId{}; }
    // 32 lowercase hex digits; fromHex returns false on malformed text.
    std::string hex() const;
    static bool fromHex(const std::string& text, BlobId* out);
    static BlobId fromBytes(const void* p) {
        BlobId b;
        std::memcpy(b.bytes.data(), p, 16);
        return b;
    }
    bool isZero() const { return *this == BlobId{}; }
    bool operator==(const BlobId& o) const = default;
    auto operator<=>(const BlobId& o) const = default;
};

// True when all n bytes are zero.
bool isAllZero(const void* data, size_t n);

struct BlobIdHash {
    size_t operator()(const BlobId& b) const {
        uint64_t h;
        std::memcpy(&h, b.bytes.data() + 8, 8);
        return static_cast<size_t>(h);
    }
};

}  // namespace prescient
