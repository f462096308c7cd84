#include "repo/verify.h"

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace prescient::repo {

bool VerifyReport::ok() const {
    for (const auto& p : problems)
        if (p.error) return false;
    return true;
}

namespace {

constexpr size_t kMaxBlobErrorsPerPack = 5;

struct Verifier {
    Repository& repo;
    bool readData;
    const JobControl& job;
    VerifyReport report;
    std::set<std::string> damagedPacks;

    void error(const std::string& object, const std::string& message) {
        report.problems.push_back({true, object, message});
    }
    void warning(const std::string& object, const std::string& message) {
        report.problems.push_back({false, object, message});
    }

    // Pack file names on disk (without ".pack"), and leftovers.
    std::set<std::string> packsOnDisk() {
        std::set<std::string> found;
        Env* env = repo.env();
        std::string root = joinPath(repo.dir(), "packs");
        auto subdirs = env->listDir(root);
        if (!subdirs.isOk()) {
            error("folder " + root, subdirs.status().detail());
            return found;
        }
        for (const auto& sub : subdirs.value()) {
            std::string path = joinPath(root, sub);
            if (sub.rfind("tmp-", 0) == 0) {
                warning("file " + path, "unfinished pack of an interrupted backup (removed by the next backup)");
                continue;
            }
            auto names = env->listDir(path);
            if (!names.isOk()) continue;
            for (const auto& n : names.value()) {
                if (n.size() == 37 && n.substr(32) == ".pack")
                    found.insert(n.substr(0, 32));
                else
                    warning("file " + joinPath(path, n), "unexpected file in the pack folder");
            }
        }
        return found;
    }

    void checkPack(const PackRecord& rec, const std::vector<PackEntry>& indexed) {
        std::string object = "pack " + rec.name;
        Env* env = repo.env();
        std::string path = packPath(repo.dir(), rec.name);
        auto st = env->stat(path);
        if (!st.isOk()) {
            error(object, "missing: the catalog names it but " + path + " does not exist");
            damagedPacks.insert(rec.name);
            return;
        }
        if (st->size != rec.size) {
            error(object, "has " + std::to_string(st->size) + " bytes, the catalog says " + std::to_string(rec.size) +
                              (st->size < rec.size ? " (truncated)" : ""));
            damagedPacks.insert(rec.name);
            return;
        }
        auto file = env->open(path, OpenMode::kRead);
        if (!file.isOk()) {
            error(object, file.status().detail());
            damagedPacks.insert(rec.name);
            return;
        }
        auto entries = readPackIndex(file.value().get(), st->size, rec.name);
        if (!entries.isOk()) {
            error(object, entries.status().detail());
            damagedPacks.insert(rec.name);
            return;
        }
        std::unordered_map<BlobId, const PackEntry*, BlobIdHash> inPack;
        for (const auto& e : entries.value()) inPack[e.id] = &e;
        size_t mismatches = 0;
        for (const auto& e : indexed) {
            auto it = inPack.find(e.id);
            if (it == inPack.end() || it->second->offset != e.offset || it->second->storedLen != e.storedLen ||
                it->second->rawLen != e.rawLen || it->second->codec != e.codec)
                ++mismatches;
        }
        if (mismatches) {
            error(object,
                  std::to_string(mismatches) + " blob(s) indexed by the catalog differ from the pack's own index");
            damagedPacks.insert(rec.name);
        }
        report.blobs += entries->size();
        if (!readData) return;

        std::string data(st->size, '\0');
        size_t got = 0;
        Status s = (*file)->read(0, data.data(), data.size(), &got);
        report.bytesRead += got;
        if (!s.isOk() || got != data.size()) {
            error(object, s.isOk() ? "short read" : s.detail());
            damagedPacks.insert(rec.name);
            return;
        }
        if (BlobId::of(data.data(), data.size()).hex() != rec.name) {
            error(object, "content does not match its name (damaged on disk)");
            damagedPacks.insert(rec.name);
        }
        std::string page;
        size_t bad = 0;
        for (const auto& e : entries.value()) {
            page.resize(e.rawLen);
            Status d = decodeBlob(data.data() + e.offset, e, page.data(), rec.name);
            if (!d.isOk()) {
                if (++bad <= kMaxBlobErrorsPerPack) error(object, d.detail());
                damagedPacks.insert(rec.name);
            }
        }
        if (bad > kMaxBlobErrorsPerPack)
            error(object, std::to_string(bad - kMaxBlobErrorsPerPack) + " more damaged blob(s)");
    }

    Status run() {
        report.readData = readData;
        Catalog& cat = repo.catalog();
        auto quick = cat.quickCheck();
        if (!quick.isOk() || quick.value() != "ok")
            error("catalog", "quick_check failed: " + (quick.isOk() ? quick.value() : quick.status().detail()));
        auto packs = cat.listPacks();
        if (!packs.isOk()) return packs.status();
        auto blobs = cat.blobsByPack();
        if (!blobs.isOk()) return blobs.status();
        std::unordered_map<BlobId, std::string, BlobIdHash> blobPack;
        std::unordered_map<int64_t, std::string> packNames;
        for (const auto& p : packs.value()) packNames[p.id] = p.name;
        for (const auto& [packId, entries] : blobs.value()) {
            auto name = packNames.find(packId);
            if (name == packNames.end()) {
                error("catalog", std::to_string(entries.size()) + " blob(s) point to pack row " +
                                     std::to_string(packId) + ", which does not exist");
                continue;
            }
            for (const auto& e : entries) blobPack[e.id] = name->second;
        }

        std::set<std::string> onDisk = packsOnDisk();
        static const std::vector<PackEntry> kNone;
        uint64_t done = 0;
        for (const auto& rec : packs.value()) {
            if (job.cancelled()) return Status::cancelled("verify cancelled");
            auto it = blobs->find(rec.id);
            checkPack(rec, it == blobs->end() ? kNone : it->second);
            onDisk.erase(rec.name);
            ++report.packs;
            job.report({"packs", ++done, packs->size(), report.bytesRead});
        }
        for (const auto& name : onDisk)
            warning("pack " + name, "not in the catalog (left by an interrupted backup; holds no snapshot data)");

        auto snapshots = cat.listSnapshots();
        if (!snapshots.isOk()) return snapshots.status();
        for (const auto& snap : snapshots.value()) {
            if (job.cancelled()) return Status::cancelled("verify cancelled");
            ++report.snapshots;
            std::string object = "snapshot " + snap.id;
            auto map = repo.loadPageMap(snap.id);
            if (!map.isOk()) {
                error(object, map.status().detail());
                continue;
            }
            if (map->pages.size() != snap.pageCount || map->pageSize != snap.pageSize)
                error(object, "page map does not match the snapshot's page size or page count");
            uint64_t missing = 0, damaged = 0, firstMissing = 0;
            std::set<std::string> hit;
            for (uint64_t i = 0; i < map->pages.size(); ++i) {
                const BlobId& id = map->pages[i];
                if (id.isZero()) continue;
                auto it = blobPack.find(id);
                if (it == blobPack.end()) {
                    if (!missing++) firstMissing = i + 1;
                } else if (damagedPacks.count(it->second)) {
                    ++damaged;
                    hit.insert(it->second);
                }
            }
            if (missing)
                error(object, std::to_string(missing) + " page(s) name blobs the repository lacks (first: page " +
                                  std::to_string(firstMissing) + ")");
            if (damaged) {
                std::string list;
                for (const auto& p : hit) list += (list.empty() ? "" : ", ") + p;
                error(object, std::to_string(damaged) + " page(s) stored in damaged pack(s) " + list);
            }
        }
        return Status::ok();
    }
};

}  // namespace

Result<VerifyReport> verifyRepository(Repository& repo, bool readData, const JobControl& job) {
    Verifier v{repo, readData, job, {}, {}};
    Status s = v.run();
    if (!s.isOk()) return s;
    return std::move(v.report);
}

}  // namespace prescient::repo
