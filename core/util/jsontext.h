// JSON text helpers for the hand-written JSON of the CLI and the report (no JSON library in core).
// Thread safety: pure functions.
#pragma once

#include <string>

namespace prescient {

// s as a JSON string literal, quotes included: ", \ and control characters escaped; other bytes as they are.
std::string jsonQuote(const std::string& s);

}  // namespace prescient
