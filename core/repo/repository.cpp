#include "repo/repository.h"

#include <unistd.h>

#include <chrono>
#include <ctime>

namespace prescient::repo {

namespace {
constexpr const char* kCatalogName = "catalog.db";
constexpr const char* kLockName = "lock";

}  // namespace

Repository::~Repository() {
    m_blobs.reset();  // stops the packing thread before the catalog goes
    m_catalog.reset();
    m_lock.reset();  // last: releases the lock
}

Status Repository::init(Env* env, const std::string& dirIn) {
    std::string dir = absolutePath(dirIn);
    auto st = env->stat(dir);
    if (st.isOk()) {
        if (st->kind != FileInfo::Kind::kDir)
            return Status::invalidArgument("cannot create repository: " + dir + " exists and is not a folder");
        auto names = env->listDir(dir);
        if (!names.isOk()) return names.status();
        for (const auto& n : names.value()) {
            if (n == kCatalogName) return Status::invalidArgument(dir + " already holds a repository");
        }
        if (!names->empty())
            return Status::invalidArgument("cannot create repository: folder " + dir + " is not empty");
    } else if (st.status().code() == Status::Code::kNotFound) {
        auto parent = env->stat(dirName(dir));
        if (!parent.isOk() || parent->kind != FileInfo::Kind::kDir)
            return Status::notFound("cannot create repository: parent folder " + dirName(dir) + " does not exist");
        PRESCIENT_RETURN_IF_ERROR(env->createDir(dir));
        PRESCIENT_RETURN_IF_ERROR(env->syncDir(dirName(dir)));
    } else {
        return st.status();
    }
    PRESCIENT_RETURN_IF_ERROR(env->createDir(joinPath(dir, "packs")));
    auto catalog = Catalog::open(env, joinPath(dir, kCatalogName), /*create=*/true);
    if (!catalog.isOk()) return catalog.status();
    catalog.value().reset();
    return env->syncDir(dir);
}

Result<std::unique_ptr<Repository>> Repository::open(Env* env, const std::string& dirIn, Access access) {
    std::string dir = absolutePath(dirIn);
    auto st = env->stat(dir);
    if (!st.isOk()) {
        if (st.status().code() == Status::Code::kNotFound)
            return Status::notFound("repository " + dir + " does not exist");
        return st.status().withContext("repository " + dir);
    }
    if (st->kind != FileInfo::Kind::kDir) return Status::invalidArgument("repository " + dir + " is not a folder");
    auto cat = env->stat(joinPath(dir, kCatalogName));
    if (!cat.isOk())
        return Status::notFound(dir + " is not a Prescient repository (no catalog.db; run 'prescient init')");
    std::unique_ptr<Repository> repo(new Repository);
    repo->m_env = env;
    repo->m_dir = dir;
    if (access == Access::kWrite) {
        std::string previous;
        auto lock = env->lock(joinPath(dir, kLockName), &previous);
        if (!lock.isOk()) {
            if (lock.status().code() == Status::Code::kBusy)
                return Status::busy("repository " + dir + " is locked by " + describeLockHolder(previous));
            return lock.status();
        }
        repo->m_lock = std::move(lock.value());
        if (!previous.empty())
            repo->m_notices.push_back("took over a stale lock on repository " + dir + " left by " +
                                      describeLockHolder(previous) + " (that process is gone)");
        PRESCIENT_RETURN_IF_ERROR(repo->m_lock->writeContent(lockHolderContent()));
    }
    auto catalog = Catalog::open(env, joinPath(dir, kCatalogName), /*create=*/false);
    if (!catalog.isOk()) return catalog.status();
    repo->m_catalog = std::move(catalog.value());
    repo->m_blobs = std::make_unique<BlobStore>(env, dir, repo->m_catalog.get());
    if (access == Access::kWrite) {
        repo->removeLeftovers();
        PRESCIENT_RETURN_IF_ERROR(repo->m_blobs->loadKnownIds());
    }
    return repo;
}

void Repository::removeLeftovers() {
    // Temp packs of a writer that died before renaming them. Only a lock holder may do this.
    std::string packs = joinPath(m_dir, "packs");
    auto names = m_env->listDir(packs);
    if (!names.isOk()) return;
    int removed = 0;
    for (const auto& n : names.value()) {
        if (n.rfind("tmp-", 0) == 0 && m_env->remove(joinPath(packs, n)).isOk()) ++removed;
    }
    if (removed)
        m_notices.push_back("removed " + std::to_string(removed) + " unfinished pack file(s) of an interrupted backup");
}

Result<SnapshotInfo> Repository::resolveSnapshot(const std::string& spec) {
    auto all = m_catalog->listSnapshots();
    if (!all.isOk()) return all.status();
    if (all->empty()) return Status::notFound("repository " + m_dir + " has no snapshots");
    if (spec == "latest") return all->back();
    if (spec.empty()) return Status::invalidArgument("empty snapshot id");
    const SnapshotInfo* found = nullptr;
    int matches = 0;
    for (const auto& s : all.value()) {
        if (s.id == spec) return s;
        if (s.id.rfind(spec, 0) == 0) {
            found = &s;
            ++matches;
        }
    }
    if (matches == 0) return Status::notFound("snapshot " + spec + " not found in " + m_dir);
    if (matches > 1)
        return Status::invalidArgument("snapshot prefix " + spec + " is ambiguous (" + std::to_string(matches) +
                                       " snapshots match)");
    return *found;
}

Result<PageMap> Repository::loadPageMap(const std::string& snapshotId) { return loadPageMapDepth(snapshotId, 0); }

Result<PageMap> Repository::loadPageMapDepth(const std::string& snapshotId, int guard) {
    if (guard > static_cast<int>(kMaxDeltaDepth) + 1)
        return Status::corruption("snapshot " + snapshotId + ": page map delta chain too long (a cycle?)");
    std::string record, base;
    uint32_t depth = 0;
    Status s = m_catalog->snapshotMap(snapshotId, &record, &base, &depth);
    if (!s.isOk()) return s;
    std::string what = "page map of snapshot " + snapshotId;
    if (base.empty()) return decodeMap(record, nullptr, what);
    auto baseMap = loadPageMapDepth(base, guard + 1);
    if (!baseMap.isOk()) {
        if (baseMap.status().code() == Status::Code::kNotFound)
            return Status::corruption(what + ": its base snapshot " + base + " is missing");
        return baseMap.status();
    }
    return decodeMap(record, &baseMap.value(), what);
}

Status Repository::commitSnapshot(const SnapshotInfo& info, const PageMap& map) {
    std::string record = encodeFullMap(map);
    std::string base;
    uint32_t depth = 0;
    if (!info.parent.empty()) {
        std::string parentRecord, parentBase;
        uint32_t parentDepth = 0;
        if (m_catalog->snapshotMap(info.parent, &parentRecord, &parentBase, &parentDepth).isOk() &&
            parentDepth + 1 < kMaxDeltaDepth) {
            auto parentMap = loadPageMap(info.parent);
            if (parentMap.isOk() && parentMap->pageSize == map.pageSize) {
                std::string delta = encodeDeltaMap(map, parentMap.value());
                if (delta.size() < record.size()) {
                    record = std::move(delta);
                    base = info.parent;
                    depth = parentDepth + 1;
                }
            }
        }
    }
    return m_catalog->insertSnapshot(info, record, base, depth);
}

}  // namespace prescient::repo
