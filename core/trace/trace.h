// Traces: page accesses recorded from real use of a source database, and the episodes cut from them.
//
// A trace holds, for the main database file of one source, every page read or write that reached the
// file (the pager cache hides repeats within a connection: a trace shows what a cold restore would be
// asked for). An episode is the reads of one connection from its open onward, labelled with a profile
// (the program's name, or a label given at record time): what a freshly restored database sees first.
//
// Binary form (stored zstd-compressed in the repository catalog, see repo/FORMAT.md):
//   "PTRC", u8 version = 1, 3 zero bytes, u32 page_size, u64 event_count, u32 profile_length, profile bytes,
//   u64 base time (us), then per event: varint(time delta in us since the previous event), varint(connection
//   id), varint(page number << 1 | is_write); then 16 bytes XXH3-128 of everything before.
// Pure data and functions: thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/status.h"

namespace prescient::trace {

struct PageAccess {
    uint64_t timeUs = 0;  // microseconds since the Unix epoch
    uint32_t conn = 0;    // connection id, unique within the trace (one per open of the main database file)
    uint32_t pgno = 0;    // 1-based page number
    bool write = false;
};

struct Trace {
    std::string profile;  // program name or user label
    uint32_t pageSize = 0;
    std::vector<PageAccess> events;  // in time order
};

struct Episode {
    std::string profile;
    uint64_t startUs = 0;         // time of the connection's first access
    std::vector<uint32_t> reads;  // page numbers read, in order (repeats kept: a page re-read after eviction)
};

std::string encodeTrace(const Trace& t);
// Corruption (naming `what`) when the bytes are not a well-formed trace.
Result<Trace> decodeTrace(const std::string& bytes, const std::string& what);

// The reads of each connection, one episode per connection, ordered by start time. Connections that
// read nothing are dropped.
std::vector<Episode> episodesOf(const Trace& t);

}  // namespace prescient::trace
