#include "partition/partitionsbs.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "util/sqlitedb.h"

namespace prescient::partition {

namespace {

int64_t wallUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Env has no folder removal: an empty folder goes with rmdir(2) (its files went through the Env).
Status removeEmptyDir(const std::string& dir) {
    if (::rmdir(dir.c_str()) != 0 && errno != ENOENT) return Status::fromErrno(errno, "remove folder " + dir);
    return Status::ok();
}

// Removes a folder's files (one level: staging folders hold files only) and the folder.
Status removeFolder(Env* env, const std::string& dir) {
    auto names = env->listDir(dir);
    if (!names.isOk()) return names.status().code() == Status::Code::kNotFound ? Status::ok() : names.status();
    for (const std::string& n : names.value()) {
        Status s = env->remove(joinPath(dir, n));
        if (!s.isOk() && s.code() != Status::Code::kNotFound) return s;
    }
    PRESCIENT_RETURN_IF_ERROR(removeEmptyDir(dir));
    return env->syncDir(dirName(dir));
}

}  // namespace

Status ShadowStore::cleanStale(Env* env, const std::string& repoDir, std::vector<std::string>* removed) {
    std::string root = joinPath(repoDir, "staging");
    auto names = env->listDir(root);
    if (!names.isOk()) return names.status().code() == Status::Code::kNotFound ? Status::ok() : names.status();
    for (const std::string& n : names.value()) {
        PRESCIENT_RETURN_IF_ERROR(removeFolder(env, joinPath(root, n)));
        if (removed) removed->push_back(n);
    }
    return Status::ok();
}

Status ShadowStore::create(Env* env, const std::string& repoDir, int64_t backupId) {
    m_env = env;
    std::string root = joinPath(repoDir, "staging");
    PRESCIENT_RETURN_IF_ERROR(env->createDir(root).withContext("staging folder " + root));
    m_dir = joinPath(root, std::to_string(backupId));
    PRESCIENT_RETURN_IF_ERROR(env->createDir(m_dir).withContext("staging folder " + m_dir));
    return env->syncDir(root);
}

Result<Shadow> ShadowStore::take(const PartitionInfo& p, uint64_t epoch, int64_t indexUs, int64_t predictionId,
                                 bool successor) {
    if (m_dir.empty()) return Status::invalidArgument("shadow store: no staging folder");
    Shadow sh;
    sh.partition = p.id;
    sh.predictionId = predictionId;
    sh.indexUs = indexUs;
    sh.successor = successor;
    sh.epoch = epoch;
    sh.lo = p.lo;
    sh.hi = p.hi;
    sh.path = joinPath(
        m_dir, "p" + std::to_string(p.id) + "-" + std::to_string(indexUs) + "-" + std::to_string(++m_seq) + ".db");
    if (!m_env->stat(p.file).isOk()) return Status::notFound("partition file " + p.file + " is gone");
    auto src = SqliteDb::open(p.file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    if (!src.isOk()) return src.status().withContext("shadow of partition " + std::to_string(p.id));
    sqlite3_db_config(src->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    sqlite3_busy_timeout(src->handle(), 5000);
    auto dst = SqliteDb::open(sh.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
    if (!dst.isOk()) return dst.status().withContext("shadow file " + sh.path);
    int rc = SQLITE_BUSY;
    for (int attempt = 0; attempt < 50 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); ++attempt) {
        if (attempt) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        sqlite3_backup* b = sqlite3_backup_init(dst->handle(), "main", src->handle(), "main");
        if (!b) return sqliteStatus(sqlite3_errcode(dst->handle()), dst->handle(), "shadow of " + p.file);
        sh.takenUs = wallUs();
        rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
    }
    Status s;
    if (rc != SQLITE_DONE) {  // the error is on whichever side failed: report both
        std::string why = std::string(sqlite3_errstr(rc)) + " (source: " + sqlite3_errmsg(src->handle()) +
                          "; staging copy: " + sqlite3_errmsg(dst->handle()) + ")";
        s = (rc & 0xff) == SQLITE_FULL ? Status::noSpace("shadow of " + p.file + ": " + why)
                                       : Status::ioError("shadow of " + p.file + ": " + why);
    }
    dst->close();
    src->close();
    if (!s.isOk()) {
        (void)m_env->remove(sh.path);
        return s;
    }
    auto st = m_env->stat(sh.path);
    if (!st.isOk()) return st.status();
    sh.bytes = st->size;
    m_shadows.push_back(sh);
    return sh;
}

Status ShadowStore::removeAll() {
    if (m_dir.empty()) return Status::ok();
    Status s = removeFolder(m_env, m_dir);
    if (s.isOk()) {
        // The staging root goes too when nothing else is in it.
        std::string root = dirName(m_dir);
        auto left = m_env->listDir(root);
        if (left.isOk() && left->empty()) (void)removeEmptyDir(root);
    }
    return s;
}

}  // namespace prescient::partition
