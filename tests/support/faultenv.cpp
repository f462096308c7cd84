#include "support/faultenv.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace prescient::test {

namespace {

class FaultFile : public File {
public:
    FaultFile(FaultEnv* env, std::unique_ptr<File> base) : File(base->path()), m_env(env), m_base(std::move(base)) {}
    Status read(uint64_t offset, void* buf, size_t n, size_t* got) override {
        return m_base->read(offset, buf, n, got);
    }
    Status write(uint64_t offset, const void* data, size_t n) override {
        PRESCIENT_RETURN_IF_ERROR(m_env->onWrite(path()));
        return m_base->write(offset, data, n);
    }
    Status sync() override {
        PRESCIENT_RETURN_IF_ERROR(m_env->onSync(path()));
        return m_base->sync();
    }
    Status truncate(uint64_t size) override {
        PRESCIENT_RETURN_IF_ERROR(m_env->onWrite(path()));
        return m_base->truncate(size);
    }
    Result<uint64_t> size() override { return m_base->size(); }

private:
    FaultEnv* m_env;
    std::unique_ptr<File> m_base;
};

bool inDir(const std::string& path, const std::string& dir) { return dirName(path) == dir; }

}  // namespace

FaultEnv::FaultEnv(Env* base) : EnvWrapper(base) {}

void FaultEnv::arm(Fault fault, int n) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_fault = fault;
    m_at = n;
    m_writes = 0;
    m_syncs = 0;
}

int FaultEnv::writes() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_writes;
}
int FaultEnv::syncs() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_syncs;
}
bool FaultEnv::crashed() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_crashed;
}

Status FaultEnv::writeFault(const std::string& path) {
    int index = m_writes++;
    if (m_crashed) return Status::ioError("write " + path + ": simulated crash");
    switch (m_fault) {
        case Fault::kIoErrorOnce:
            if (index == m_at) return Status::ioError("write " + path + ": injected I/O error");
            break;
        case Fault::kIoErrorPersistent:
            if (index >= m_at) return Status::ioError("write " + path + ": injected I/O error");
            break;
        case Fault::kNoSpace:
            if (index >= m_at) return Status::fromErrno(ENOSPC, "write " + path);
            break;
        default:
            break;
    }
    return Status::ok();
}

void FaultEnv::noteFirstWrite(const std::string& path) {
    auto it = m_files.find(path);
    if (it == m_files.end()) {
        FileState st;
        auto info = target()->stat(path);
        st.syncedSize = info.isOk() ? info->size : 0;
        it = m_files.emplace(path, st).first;
    }
    it->second.dirty = true;
}

Status FaultEnv::onWrite(const std::string& path) {
    std::lock_guard<std::mutex> lock(m_mutex);
    PRESCIENT_RETURN_IF_ERROR(writeFault(path));
    noteFirstWrite(path);
    return Status::ok();
}

Status FaultEnv::onSync(const std::string& path) {
    std::lock_guard<std::mutex> lock(m_mutex);
    int index = m_syncs++;
    if (m_crashed) return Status::ioError("fsync " + path + ": simulated crash");
    if (m_fault == Fault::kCrash && index == m_at) {
        m_crashed = true;
        return Status::ioError("fsync " + path + ": simulated crash");
    }
    auto info = target()->stat(path);
    FileState& st = m_files[path];
    st.syncedSize = info.isOk() ? info->size : 0;
    st.dirty = false;
    return Status::ok();
}

Result<std::unique_ptr<File>> FaultEnv::open(const std::string& path, OpenMode mode) {
    bool creating = mode == OpenMode::kCreateNew || mode == OpenMode::kCreateTruncate;
    bool existed = target()->stat(path).isOk();
    if (creating) {
        std::lock_guard<std::mutex> lock(m_mutex);
        PRESCIENT_RETURN_IF_ERROR(writeFault(path));
    }
    auto f = target()->open(path, mode);
    if (!f.isOk()) return f.status();
    if (creating) {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!existed) m_createdFiles.insert(path);
        FileState& st = m_files[path];
        if (!existed) st.syncedSize = 0;
        st.dirty = true;
    }
    return std::unique_ptr<File>(new FaultFile(this, std::move(f.value())));
}

Status FaultEnv::rename(const std::string& from, const std::string& to) {
    std::lock_guard<std::mutex> lock(m_mutex);
    PRESCIENT_RETURN_IF_ERROR(writeFault(to));
    PRESCIENT_RETURN_IF_ERROR(target()->rename(from, to));
    if (auto it = m_files.find(from); it != m_files.end()) {
        m_files[to] = it->second;
        m_files.erase(it);
    }
    if (m_createdFiles.erase(from))
        m_createdFiles.insert(to);
    else
        m_renames.emplace_back(from, to);
    return Status::ok();
}

Status FaultEnv::syncDir(const std::string& dir) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        int index = m_syncs++;
        if (m_crashed) return Status::ioError("fsync folder " + dir + ": simulated crash");
        if (m_fault == Fault::kCrash && index == m_at) {
            m_crashed = true;
            return Status::ioError("fsync folder " + dir + ": simulated crash");
        }
    }
    PRESCIENT_RETURN_IF_ERROR(target()->syncDir(dir));
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto it = m_createdFiles.begin(); it != m_createdFiles.end();)
        it = inDir(*it, dir) ? m_createdFiles.erase(it) : std::next(it);
    std::erase_if(m_renames, [&](const auto& r) { return inDir(r.second, dir); });
    std::erase_if(m_createdDirs, [&](const std::string& d) { return inDir(d, dir); });
    return Status::ok();
}

Status FaultEnv::createDir(const std::string& dir) {
    bool existed = target()->stat(dir).isOk();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        PRESCIENT_RETURN_IF_ERROR(writeFault(dir));
    }
    PRESCIENT_RETURN_IF_ERROR(target()->createDir(dir));
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!existed) m_createdDirs.push_back(dir);
    return Status::ok();
}

Status FaultEnv::beforeSqliteWrite(const std::string& path, uint64_t, size_t) {
    if (path.empty()) return Status::ok();  // temp files
    return onWrite(path);
}

Status FaultEnv::beforeSqliteSync(const std::string& path) {
    // The real fsync happens after this returns; record the size the file has now as its synced size.
    return onSync(path);
}

void FaultEnv::dropUnsyncedData() {
    std::lock_guard<std::mutex> lock(m_mutex);
    Env* base = target();
    for (const auto& [path, st] : m_files) {
        if (!st.dirty || m_createdFiles.count(path)) continue;
        auto f = base->open(path, OpenMode::kReadWrite);
        if (f.isOk()) {
            auto size = (*f)->size();
            if (size.isOk() && size.value() > st.syncedSize) (void)(*f)->truncate(st.syncedSize);
        }
    }
    for (auto it = m_renames.rbegin(); it != m_renames.rend(); ++it) (void)base->rename(it->second, it->first);
    for (const auto& path : m_createdFiles) (void)base->remove(path);
    for (auto it = m_createdDirs.rbegin(); it != m_createdDirs.rend(); ++it) {
        auto names = base->listDir(*it);
        if (names.isOk())
            for (const auto& n : names.value()) (void)base->remove(joinPath(*it, n));
        ::rmdir(it->c_str());
    }
    m_files.clear();
    m_createdFiles.clear();
    m_createdDirs.clear();
    m_renames.clear();
    m_crashed = false;
    m_fault = Fault::kNone;
}

}  // namespace prescient::test
