// Little-endian fixed-width encoding helpers for the on-disk formats (FORMAT.md).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace prescient {

inline void putFixed32(std::string* dst, uint32_t v) {
    char b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    dst->append(b, 4);
}
inline void putFixed64(std::string* dst, uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    dst->append(b, 8);
}
inline uint32_t getFixed32(const char* p) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
    return v;
}
inline uint64_t getFixed64(const char* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
    return v;
}

}  // namespace prescient
