// Trace storage: turning a recorder file into a Trace, and keeping traces in the repository catalog
// (compressed, against their source). Thread-safe as the Catalog is.
#pragma once

#include <string>
#include <vector>

#include "repo/catalog.h"
#include "trace/trace.h"

namespace prescient::trace {

// Parses the raw file libprescient_recorder.so writes (see recorder.cpp). Events come back sorted by
// time. Corruption naming the file when it is not a recorder file; a torn last record is dropped.
Result<Trace> readRecorderFile(const std::string& path);

// Stores a trace of sourcePath (absolute). InvalidArgument for a trace without events. Returns the id.
Result<int64_t> storeTrace(repo::Catalog& catalog, const std::string& sourcePath, const Trace& trace);

// Every episode of every stored trace of sourcePath, ordered by start time. NotFound when the source
// has no traces; Corruption naming the trace when one does not decode.
Result<std::vector<Episode>> loadEpisodes(repo::Catalog& catalog, const std::string& sourcePath,
                                          uint32_t* pageSize = nullptr, size_t* traceCount = nullptr);

}  // namespace prescient::trace
