#include "appcontext.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include "errortext.h"

namespace prescient::ui {

namespace {

struct Opened {
    Status status;
    std::shared_ptr<repo::Repository> repo;
};

Result<RepoState> loadState(repo::Repository& r) {
    RepoState s;
    s.repoDir = QString::fromStdString(r.dir());
    auto snaps = r.catalog().listSnapshots();
    if (!snaps.isOk()) return snaps.status();
    s.snapshots = std::move(snaps.value());
    // Models and history are optional for most views: a failure is reported, not fatal.
    auto models = r.catalog().listModels("");
    if (models.isOk())
        s.models = std::move(models.value());
    else
        s.problems << errorText(models.status(), AppContext::tr("Reading the trained models"));
    auto restores = r.catalog().listRestores();
    if (restores.isOk())
        s.restores = std::move(restores.value());
    else
        s.problems << errorText(restores.status(), AppContext::tr("Reading the restore history"));
    // The snapshots that are copies of a partition set's partitions (shown apart from the databases).
    auto partitionBackups = r.catalog().listPartitionBackups();
    if (!partitionBackups.isOk()) {
        s.problems << errorText(partitionBackups.status(), AppContext::tr("Reading the partition backups"));
        return s;
    }
    for (const auto& b : partitionBackups.value()) {
        auto copies = r.catalog().listPartitionCopies(b.id);
        if (!copies.isOk()) {
            s.problems << errorText(copies.status(), AppContext::tr("Reading the partition backups"));
            break;
        }
        for (const auto& c : copies.value())
            if (!c.snapshotId.empty()) s.partitionSetOfSnapshot[c.snapshotId] = b.setDir;
    }
    return s;
}

}  // namespace

AppContext::AppContext(QObject* parent) : QObject(parent) {
    m_pool.setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
}

AppContext::~AppContext() {
    for (auto& weak : m_tokens)
        if (auto t = weak.lock()) t->cancel();
    m_pool.waitForDone();
    // The last repository reference may go here (a catalog close): the pool is idle by now.
}

std::shared_ptr<CancelToken> AppContext::jobToken() {
    std::erase_if(m_tokens, [](const std::weak_ptr<CancelToken>& w) { return w.expired(); });
    auto token = std::make_shared<CancelToken>();
    m_tokens.push_back(token);
    return token;
}

QString AppContext::defaultRepositoryDir() {
    QByteArray env = qgetenv("PRESCIENT_REPO");
    if (!env.isEmpty()) return QString::fromLocal8Bit(env);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/repository";
}

QString AppContext::demoDir() { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/demo"; }

QStringList AppContext::recentRepositories() const {
    return QSettings().value("recentRepositories").toStringList();
}

void AppContext::rememberRecent(const QString& dir) {
    QStringList list = recentRepositories();
    list.removeAll(dir);
    list.prepend(dir);
    while (list.size() > 8) list.removeLast();
    QSettings().setValue("recentRepositories", list);
}

void AppContext::openRepository(const QString& dirIn, bool create) {
    const QString dir = QDir(dirIn).absolutePath();
    run<Opened>(
        this, "open",
        [dir, create] {
            Opened o;
            Env* env = Env::posix();
            std::string d = dir.toStdString();
            auto r = repo::Repository::open(env, d, repo::Repository::Access::kRead);
            if (!r.isOk() && r.status().code() == Status::Code::kNotFound && create) {
                if (!QDir().mkpath(dir)) {
                    o.status = Status::ioError("cannot create the folder " + d);
                    return o;
                }
                o.status = repo::Repository::init(env, d);
                if (!o.status.isOk()) return o;  // keep init's own reason (permissions, disk full)
                r = repo::Repository::open(env, d, repo::Repository::Access::kRead);
            }
            if (!r.isOk()) {
                o.status = r.status();
                return o;
            }
            o.repo = std::shared_ptr<repo::Repository>(std::move(r.value()));
            return o;
        },
        [this, dir](Opened o) {
            if (!o.status.isOk()) {
                emit failed(errorText(o.status, tr("Opening the repository %1").arg(dir)));
                return;
            }
            m_repo = std::move(o.repo);
            m_state = RepoState();
            m_state.repoDir = dir;
            rememberRecent(dir);
            emit repositoryOpened(dir);
            reload();
        });
}

void AppContext::reload() {
    auto repo = m_repo;
    if (!repo) return;
    run<Result<RepoState>>(
        this, "reload", [repo] { return loadState(*repo); },
        [this](Result<RepoState> s) {
            if (!s.isOk()) {
                emit failed(errorText(s.status(), tr("Reading the repository")));
                return;
            }
            quint64 gen = m_state.generation + 1;
            m_state = std::move(s.value());
            m_state.generation = gen;
            emit stateChanged();
        });
}

}  // namespace prescient::ui
