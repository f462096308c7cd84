// Repository verification: structure (catalog <-> packs <-> pack indexes <-> snapshot maps) and, with
// readData, every blob decompressed and checked against its id, every pack against its name.
// A job: progress per pack, cancellable. Reads only; thread-safe as the Repository's readers are.
#pragma once

#include <string>
#include <vector>

#include "repo/repository.h"
#include "util/job.h"

namespace prescient::repo {

struct VerifyProblem {
    bool error = true;   // false: a warning (an unreferenced pack, a leftover temp file)
    std::string object;  // "pack 3fa2…", "snapshot 91c0…", "catalog"
    std::string message;
};

struct VerifyReport {
    std::vector<VerifyProblem> problems;
    uint64_t packs = 0;
    uint64_t blobs = 0;
    uint64_t snapshots = 0;
    uint64_t bytesRead = 0;
    bool readData = false;
    bool ok() const;  // no error (warnings allowed)
};

// Fails only when verification itself could not run (catalog unreadable, cancelled); damage found is
// reported in the VerifyReport.
Result<VerifyReport> verifyRepository(Repository& repo, bool readData, const JobControl& job = {});

}  // namespace prescient::repo
