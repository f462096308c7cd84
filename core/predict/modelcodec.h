// Internal to predict/: the envelope around every saved model, and little-endian byte helpers.
//
// Envelope: "PPRM", u8 version = 1, u8 strategy-name length, the name, u64 payload length, the payload,
// then u64 XXH3-64 of everything before. Pure functions and value types: thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "util/status.h"

namespace prescient::predict::detail {

std::string wrapModel(const std::string& strategy, const std::string& payload);
// The payload, or Corruption "<strategy> model: <what is wrong>".
Result<std::string> unwrapModel(const std::string& strategy, const std::string& bytes);

class ByteWriter {
public:
    void u8(uint8_t v) { m_out.push_back(static_cast<char>(v)); }
    void u32(uint32_t v);
    void u64(uint64_t v);
    void f64(double v);
    void str(const std::string& s);
    const std::string& bytes() const { return m_out; }

private:
    std::string m_out;
};

// Reads fail softly: after any short read ok() is false and the values read are 0.
class ByteReader {
public:
    explicit ByteReader(const std::string& in) : m_in(in) {}
    uint8_t u8();
    uint32_t u32();
    uint64_t u64();
    double f64();
    std::string str();
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_in.size(); }
    size_t remaining() const { return m_in.size() - m_pos; }

private:
    bool take(size_t n, const char** p);
    const std::string& m_in;
    size_t m_pos = 0;
    bool m_ok = true;
};

}  // namespace prescient::predict::detail
