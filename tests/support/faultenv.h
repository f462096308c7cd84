// FaultEnv: an EnvWrapper that injects faults into every file operation of core, including the
// catalog's SQLite I/O (through the Env's SQLite hooks), in the manner of LevelDB's fault-injection env
// and SQLite's test_vfs.c / test6.c.
//
// Faults:
//   kIoErrorOnce        the n-th write (counting from arm()) fails with an I/O error; later ones succeed
//   kIoErrorPersistent  every write from the n-th on fails with an I/O error
//   kNoSpace            every write from the n-th on fails with ENOSPC
//   kCrash              at the n-th sync (file fsync, folder fsync or SQLite xSync) the machine "dies":
//                       that sync and every later write or sync fail. dropUnsyncedData() then leaves the
//                       disk as a power cut would: file data written since its last fsync is cut off,
//                       files and renames not made durable by a folder fsync are undone.
// Counters tell how many writes and syncs happened, so a test can loop over every fault point.
// Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "util/env.h"

namespace prescient::test {

class FaultEnv : public EnvWrapper {
public:
    enum class Fault { kNone, kIoErrorOnce, kIoErrorPersistent, kNoSpace, kCrash };

    explicit FaultEnv(Env* base);
    void arm(Fault fault, int n);
    int writes() const;
    int syncs() const;
    bool crashed() const;
    void dropUnsyncedData();

    Result<std::unique_ptr<File>> open(const std::string& path, OpenMode mode) override;
    Status rename(const std::string& from, const std::string& to) override;
    Status syncDir(const std::string& dir) override;
    Status createDir(const std::string& dir) override;
    Status beforeSqliteWrite(const std::string& path, uint64_t offset, size_t n) override;
    Status beforeSqliteSync(const std::string& path) override;

    // Used by the wrapped files.
    Status onWrite(const std::string& path);
    Status onSync(const std::string& path);

private:
    struct FileState {
        uint64_t syncedSize = 0;
        bool dirty = false;
    };
    Status writeFault(const std::string& path);    // REQUIRES(m_mutex)
    void noteFirstWrite(const std::string& path);  // REQUIRES(m_mutex)

    mutable std::mutex m_mutex;
    Fault m_fault = Fault::kNone;                                // GUARDED_BY(m_mutex)
    int m_at = 0;                                                // GUARDED_BY(m_mutex)
    int m_writes = 0;                                            // GUARDED_BY(m_mutex)
    int m_syncs = 0;                                             // GUARDED_BY(m_mutex)
    bool m_crashed = false;                                      // GUARDED_BY(m_mutex)
    std::map<std::string, FileState> m_files;                    // GUARDED_BY(m_mutex)
    std::set<std::string> m_createdFiles;                        // GUARDED_BY(m_mutex): not yet durable by folder fsync
    std::vector<std::string> m_createdDirs;                      // GUARDED_BY(m_mutex)
    std::vector<std::pair<std::string, std::string>> m_renames;  // GUARDED_BY(m_mutex)
};

}  // namespace prescient::test
