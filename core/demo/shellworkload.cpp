// The chinook workload: the real Chinook sample database queried by an app mix through the stock
// sqlite3 shell, each session its own process under the LD_PRELOAD recorder (see workloads.h).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "demo/workloadkit.h"
#include "trace/tracestore.h"

extern char** environ;

namespace prescient::demo::detail {

namespace fs = std::filesystem;

// ---- chinook: the real sample database through the sqlite3 shell under the recorder ----------------------

// The read sessions' SQL (declared in workloadkit.h: replay.cpp runs it too).

std::string accountSql(Rng& rng, const std::vector<int64_t>& customers, const Zipf& zipf, int s) {
    std::ostringstream q;
    const int visits = static_cast<int>(rng.range(1, 3));
    for (int v = 0; v < visits; ++v) {
        const int64_t c = rng.chance(75) ? driftedKey(customers, zipf.draw(rng), static_cast<uint64_t>(s / 6))
                                         : rng.range(1, static_cast<int64_t>(customers.size()));
        q << "SELECT FirstName, LastName, Email, Country FROM Customer WHERE CustomerId = " << c << ";\n"
          << "SELECT e.FirstName, e.LastName, e.Email FROM Employee e JOIN Customer c ON c.SupportRepId = "
             "e.EmployeeId WHERE c.CustomerId = "
          << c << ";\n"
          << "SELECT InvoiceId, InvoiceDate, Total FROM Invoice WHERE CustomerId = " << c
          << " ORDER BY InvoiceDate DESC LIMIT 10;\n";
        if (rng.chance(60)) {
            q << "SELECT t.Name, al.Title, ar.Name, il.UnitPrice, il.Quantity FROM InvoiceLine il "
                 "JOIN Track t ON t.TrackId = il.TrackId JOIN Album al ON al.AlbumId = t.AlbumId "
                 "JOIN Artist ar ON ar.ArtistId = al.ArtistId "
                 "WHERE il.InvoiceId = (SELECT max(InvoiceId) FROM Invoice WHERE CustomerId = "
              << c << ");\n";
        }
    }
    return q.str();
}

// 60% the featured albums (a window over `albums` moving every 8 sessions), 40% Zipf over all.
int64_t chinookAlbum(Rng& rng, const std::vector<int64_t>& albums, const Zipf& zipf, int s) {
    if (rng.chance(60)) return albums[(static_cast<size_t>(s / 8) * 5 + rng.below(6)) % albums.size()];
    return albums[zipf.draw(rng)];
}

std::string browseSql(Rng& rng, const std::vector<int64_t>& albums, const Zipf& albumZipf, const Zipf& genres, int s) {
    std::ostringstream q;
    const int genre = kGenreOrder[genres.draw(rng)];
    q << "SELECT GenreId, Name FROM Genre ORDER BY Name;\n"
      << "SELECT al.AlbumId, al.Title, ar.Name FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId "
         "WHERE al.AlbumId IN (SELECT AlbumId FROM Track WHERE GenreId = "
      << genre << ") ORDER BY al.Title LIMIT 24;\n";
    const int opened = static_cast<int>(rng.range(1, 3));
    for (int i = 0; i < opened; ++i) {
        const int64_t album = chinookAlbum(rng, albums, albumZipf, s);
        q << "SELECT TrackId, Name, Composer, Milliseconds, UnitPrice FROM Track WHERE AlbumId = " << album
          << " ORDER BY TrackId;\n";
        if (rng.chance(40)) {
            q << "SELECT ar.Name, al2.Title FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId "
                 "JOIN Album al2 ON al2.ArtistId = ar.ArtistId WHERE al.AlbumId = "
              << album << ";\n";
        }
    }
    if (rng.chance(20)) {
        q << "SELECT p.Name, t.Name FROM PlaylistTrack pt JOIN Playlist p ON p.PlaylistId = pt.PlaylistId "
             "JOIN Track t ON t.TrackId = pt.TrackId WHERE pt.PlaylistId = "
          << rng.range(1, 18) << " LIMIT 50;\n";
    }
    return q.str();
}

std::string reportSql(Rng& rng) {
    std::ostringstream q;
    q << "SELECT t.Name, ar.Name, sum(il.Quantity) AS n FROM InvoiceLine il "
         "JOIN Invoice i ON i.InvoiceId = il.InvoiceId JOIN Track t ON t.TrackId = il.TrackId "
         "JOIN Album al ON al.AlbumId = t.AlbumId JOIN Artist ar ON ar.ArtistId = al.ArtistId "
         "WHERE i.InvoiceDate >= (SELECT datetime(max(InvoiceDate), '-90 days') FROM Invoice) "
         "GROUP BY il.TrackId ORDER BY n DESC LIMIT 10;\n"
      << "SELECT BillingCountry, count(*), sum(Total) FROM Invoice GROUP BY BillingCountry ORDER BY 3 DESC;\n";
    if (rng.chance(50)) {
        q << "SELECT g.Name, sum(il.UnitPrice * il.Quantity) FROM InvoiceLine il JOIN Track t ON t.TrackId = "
             "il.TrackId JOIN Genre g ON g.GenreId = t.GenreId GROUP BY g.GenreId ORDER BY 2 DESC;\n";
    }
    if (rng.chance(30)) {
        q << "SELECT e.LastName, sum(i.Total) FROM Invoice i JOIN Customer c ON c.CustomerId = i.CustomerId "
             "JOIN Employee e ON e.EmployeeId = c.SupportRepId GROUP BY e.EmployeeId;\n";
    }
    return q.str();
}

namespace {

std::string checkoutSql(Rng& rng, const std::vector<int64_t>& customers, const Zipf& customerZipf,
                        const std::vector<int64_t>& albums, const Zipf& albumZipf, int s) {
    std::ostringstream q;
    const int64_t c = driftedKey(customers, customerZipf.draw(rng), static_cast<uint64_t>(s / 6));
    const int64_t album = chinookAlbum(rng, albums, albumZipf, s);
    q << "BEGIN;\n"
      << "INSERT INTO Invoice(CustomerId, InvoiceDate, BillingAddress, BillingCity, BillingCountry, Total) "
         "SELECT CustomerId, (SELECT datetime(max(InvoiceDate), '+1 day') FROM Invoice), Address, City, Country, 0 "
         "FROM Customer WHERE CustomerId = "
      << c << ";\n"
      << "INSERT INTO InvoiceLine(InvoiceId, TrackId, UnitPrice, Quantity) SELECT (SELECT max(InvoiceId) FROM "
         "Invoice), TrackId, UnitPrice, 1 FROM Track WHERE AlbumId = "
      << album << " LIMIT " << rng.range(1, 5) << ";\n"
      << "UPDATE Invoice SET Total = (SELECT coalesce(sum(UnitPrice * Quantity), 0) FROM InvoiceLine WHERE "
         "InvoiceId = Invoice.InvoiceId) WHERE InvoiceId = (SELECT max(InvoiceId) FROM Invoice);\n"
      << "COMMIT;\n";
    return q.str();
}

std::string readFileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `sqlite3 -batch -bail db < sqlFile` with the recorder preloaded, writing accesses to traceFile.
Status runShell(const WorkloadOptions& o, const std::string& db, const std::string& sqlFile,
                const std::string& traceFile, const std::string& errFile) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string v = *e;
        if (v.rfind("LD_PRELOAD=", 0) == 0 || v.rfind("PRESCIENT_TRACE_", 0) == 0) continue;
        env.push_back(std::move(v));
    }
    env.push_back("LD_PRELOAD=" + o.recorderPath);
    env.push_back("PRESCIENT_TRACE_FILE=" + traceFile);
    env.push_back("PRESCIENT_TRACE_SOURCE=" + db);
    std::vector<char*> envp;
    for (std::string& v : env) envp.push_back(v.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = {o.sqlite3, "-batch", "-bail", "-init", "/dev/null", db};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, sqlFile.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, o.sqlite3.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        return rc == ENOENT ? Status::notFound("the sqlite3 shell '" + o.sqlite3 + "' was not found")
                            : Status::fromErrno(rc, "run " + o.sqlite3);
    }
    int wstatus = 0;
    while (::waitpid(pid, &wstatus, 0) < 0) {
        if (errno != EINTR) return Status::fromErrno(errno, "wait for " + o.sqlite3);
    }
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) return Status::ok();
    std::string err = readFileText(errFile);
    while (!err.empty() && err.back() == '\n') err.pop_back();
    return Status::ioError(o.sqlite3 + " on " + db + " failed (" +
                           (WIFEXITED(wstatus) ? "exit code " + std::to_string(WEXITSTATUS(wstatus)) : "killed") +
                           "): " + err);
}

}  // namespace

Result<std::vector<trace::Episode>> runChinook(const std::string& path, const WorkloadOptions& o) {
    std::error_code ec;
    if (o.chinookPath.empty()) return Status::invalidArgument("the chinook workload needs the Chinook database's path");
    if (!fs::is_regular_file(o.chinookPath, ec))
        return Status::notFound("the Chinook database " + o.chinookPath + " does not exist");
    if (o.recorderPath.empty() || !fs::is_regular_file(o.recorderPath, ec))
        return Status::notFound("the trace recorder '" + o.recorderPath + "' does not exist");
    if (fs::exists(path, ec)) return Status::invalidArgument("workload database " + path + " exists already");
    const std::string db = fs::absolute(path).string();
    if (!fs::copy_file(o.chinookPath, db, ec) || ec)
        return Status::ioError("copy " + o.chinookPath + " to " + db + ": " + ec.message());
    fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add, ec);
    WorkloadOptions opts = o;
    opts.recorderPath = fs::absolute(o.recorderPath).string();
    const std::string work = db + ".sessions";
    fs::create_directories(work, ec);
    if (ec) return Status::ioError("create " + work + ": " + ec.message());

    Rng rng(o.seed);
    const std::vector<int64_t> customers = shuffledKeys(59, rng), albums = shuffledKeys(347, rng);
    const Zipf customerZipf(customers.size(), 1.0), albumZipf(albums.size(), 1.0), genres(std::size(kGenreOrder), 1.3);
    std::vector<trace::Episode> episodes;
    Status failure;
    for (int s = 0; s < o.sessions && failure.isOk(); ++s) {
        const uint64_t u = rng.below(100);
        std::string profile, sql;
        if (u < 35) {
            profile = "account";
            sql = accountSql(rng, customers, customerZipf, s);
        } else if (u < 75) {
            profile = "browse";
            sql = browseSql(rng, albums, albumZipf, genres, s);
        } else if (u < 85) {
            profile = "report";
            sql = reportSql(rng);
        } else {
            profile = "checkout";
            sql = checkoutSql(rng, customers, customerZipf, albums, albumZipf, s);
        }
        const std::string base = work + "/" + std::to_string(s);
        {
            std::ofstream out(base + ".sql", std::ios::binary | std::ios::trunc);
            out << sql;
            if (!out.flush()) {
                failure = Status::ioError("write " + base + ".sql");
                break;
            }
        }
        failure = runShell(opts, db, base + ".sql", base + ".raw", base + ".err");
        if (!failure.isOk()) break;
        auto t = trace::readRecorderFile(base + ".raw");
        if (!t.isOk()) {
            failure = t.status();
            break;
        }
        for (trace::Episode& e : trace::episodesOf(t.value())) {
            e.profile = profile;
            episodes.push_back(std::move(e));
        }
        for (const char* ext : {".sql", ".raw", ".err"}) fs::remove(base + ext, ec);
    }
    fs::remove_all(work, ec);
    if (!failure.isOk()) return failure.withContext("chinook workload");
    std::stable_sort(episodes.begin(), episodes.end(),
                     [](const trace::Episode& a, const trace::Episode& b) { return a.startUs < b.startUs; });
    return episodes;
}

}  // namespace prescient::demo::detail
