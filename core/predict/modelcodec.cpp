#include "predict/modelcodec.h"

#include <xxhash.h>

#include <cstring>

#include "util/coding.h"

namespace prescient::predict::detail {

namespace {
constexpr char kMagic[4] = {'P', 'P', 'R', 'M'};
constexpr uint8_t kVersion = 1;
}  // namespace

void ByteWriter::u32(uint32_t v) { putFixed32(&m_out, v); }
void ByteWriter::u64(uint64_t v) { putFixed64(&m_out, v); }
void ByteWriter::f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    putFixed64(&m_out, bits);
}
void ByteWriter::str(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    m_out += s;
}

bool ByteReader::take(size_t n, const char** p) {
    if (!m_ok || m_in.size() - m_pos < n) {
        m_ok = false;
        return false;
    }
    *p = m_in.data() + m_pos;
    m_pos += n;
    return true;
}
uint8_t ByteReader::u8() {
    const char* p;
    return take(1, &p) ? static_cast<uint8_t>(*p) : 0;
}
uint32_t ByteReader::u32() {
    const char* p;
    return take(4, &p) ? getFixed32(p) : 0;
}
uint64_t ByteReader::u64() {
    const char* p;
    return take(8, &p) ? getFixed64(p) : 0;
}
double ByteReader::f64() {
    uint64_t bits = u64();
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
}
std::string ByteReader::str() {
    uint32_t n = u32();
    const char* p;
    if (!take(n, &p)) return {};
    return std::string(p, n);
}

std::string wrapModel(const std::string& strategy, const std::string& payload) {
    std::string out(kMagic, 4);
    out.push_back(static_cast<char>(kVersion));
    out.push_back(static_cast<char>(strategy.size()));
    out += strategy;
    putFixed64(&out, payload.size());
    out += payload;
    putFixed64(&out, XXH3_64bits(out.data(), out.size()));
    return out;
}

Result<std::string> unwrapModel(const std::string& strategy, const std::string& bytes) {
    auto bad = [&](const std::string& why) { return Status::corruption(strategy + " model: " + why); };
    const size_t fixed = 4 + 1 + 1 + 8 + 8;
    if (bytes.size() < fixed + strategy.size()) return bad("too short (" + std::to_string(bytes.size()) + " bytes)");
    if (std::memcmp(bytes.data(), kMagic, 4) != 0) return bad("not a Prescient model (bad magic)");
    if (static_cast<uint8_t>(bytes[4]) != kVersion) {
        return bad("unsupported version " + std::to_string(static_cast<uint8_t>(bytes[4])));
    }
    size_t nameLen = static_cast<uint8_t>(bytes[5]);
    if (bytes.size() < fixed + nameLen) return bad("truncated");
    std::string name = bytes.substr(6, nameLen);
    if (name != strategy) return bad("the bytes hold a '" + name + "' model");
    uint64_t payloadLen = getFixed64(bytes.data() + 6 + nameLen);
    if (payloadLen != bytes.size() - fixed - nameLen) return bad("payload length does not match the size");
    size_t sumAt = bytes.size() - 8;
    if (getFixed64(bytes.data() + sumAt) != XXH3_64bits(bytes.data(), sumAt)) return bad("checksum mismatch");
    return bytes.substr(6 + nameLen + 8, payloadLen);
}

}  // namespace prescient::predict::detail
