// `prescient partitions create|status|check|churn`: partition sets (core/partition). The other
// sub-commands (forecast, backup, restore) go to cmdPartitionsMore.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "partition/churn.h"
#include "partition/partitionset.h"

namespace prescient::cli {

namespace {

using partition::PartitionSet;

// Parses `partitions SUB` options: --set DIR is required, no positionals.
bool parseSet(const std::string& sub, const Argv& argv, std::set<std::string> valueOptions,
              const std::set<std::string>& flags, Args* args, std::string* dir, int* exitCode) {
    valueOptions.insert("set");
    std::string err;
    std::string command = "partitions " + sub;
    if (!args->parse(argv, valueOptions, flags, &err)) {
        *exitCode = usageError(command, err);
        return false;
    }
    if (!args->positionals().empty()) {
        *exitCode = usageError(command, "unexpected argument " + args->positionals()[0]);
        return false;
    }
    *dir = args->value("set");
    if (dir->empty()) {
        *exitCode = usageError(command, "give the partition set's folder with --set DIR");
        return false;
    }
    return true;
}

bool parseInt(const std::string& text, int64_t* v) {
    if (text.empty()) return false;
    char* end = nullptr;
    errno = 0;
    long long x = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || !end || *end) return false;
    *v = x;
    return true;
}

std::string keyText(int64_t k, bool upper) {
    if (!upper && k == partition::kMinKey) return "-inf";
    if (upper && k == partition::kMaxKey) return "+inf";
    return std::to_string(k);
}

std::string jsonKey(int64_t k, bool upper) {
    if ((!upper && k == partition::kMinKey) || (upper && k == partition::kMaxKey)) return "null";
    return std::to_string(k);
}

void printNotices(const PartitionSet& set) {
    for (const auto& n : set.notices()) std::fprintf(stderr, "prescient: note: %s\n", n.c_str());
}

std::string eventText(const partition::PartitionEvent& e) {
    char buf[256];
    switch (e.kind) {
        case partition::EventKind::kSplit:
            std::snprintf(buf, sizeof buf, "split  partition %lld at key %lld -> new partition %lld",
                          static_cast<long long>(e.partition), static_cast<long long>(e.key),
                          static_cast<long long>(e.other));
            break;
        case partition::EventKind::kMerge:
            std::snprintf(buf, sizeof buf, "merge  partition %lld into %lld (boundary %lld removed)",
                          static_cast<long long>(e.other), static_cast<long long>(e.partition),
                          static_cast<long long>(e.key));
            break;
        default:
            std::snprintf(buf, sizeof buf, "%-6s partition %lld from key %lld", partition::eventName(e.kind),
                          static_cast<long long>(e.partition), static_cast<long long>(e.key));
    }
    return buf;
}

int cmdCreate(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseSet("create", argv, {"boundaries", "schema", "key"}, {}, &args, &dir, &code)) return code;
    partition::SetOptions opts = partition::demoSetOptions();
    if (args.has("schema") != args.has("key")) return usageError("partitions create", "--schema and --key go together");
    if (args.has("schema")) {
        opts = partition::SetOptions();
        opts.schema = args.value("schema");
        opts.keyColumn = args.value("key");
    }
    if (args.has("boundaries")) {
        std::string list = args.value("boundaries");
        size_t pos = 0;
        while (pos <= list.size()) {
            size_t comma = list.find(',', pos);
            std::string item = list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
            int64_t b = 0;
            if (!parseInt(item, &b))
                return usageError("partitions create", "--boundaries takes integers separated by commas");
            opts.boundaries.push_back(b);
            if (comma == std::string::npos) break;
            pos = comma + 1;
        }
    }
    auto set = PartitionSet::create(dir, opts);
    if (!set.isOk()) return reportError(set.status());
    const PartitionSet& s = *set.value();
    std::printf("created partition set %s: table %s (key %s), %zu partition(s)\n", s.dir().c_str(), s.table().c_str(),
                s.keyColumn().c_str(), s.map().partitions.size());
    return kExitOk;
}

int cmdStatus(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseSet("status", argv, {"events"}, {"json"}, &args, &dir, &code)) return code;
    int64_t lastEvents = 10;
    if (args.has("events") && (!parseInt(args.value("events"), &lastEvents) || lastEvents < 0))
        return usageError("partitions status", "--events takes a count");
    // Read-only: works while another process (a churn, an application) has the set open for writing.
    auto opened = PartitionSet::open(dir, PartitionSet::Access::kRead);
    if (!opened.isOk()) return reportError(opened.status());
    const PartitionSet& set = *opened.value();
    partition::PartitionMap map = set.map();
    auto stats = set.stats(0);
    if (!stats.isOk()) return reportError(stats.status());
    auto events = set.events(0);
    if (!events.isOk()) return reportError(events.status());
    // Write rate: the last 10 s of recorded statistics (ending with the newest bucket).
    const int64_t bucket = set.statsBucketUs();
    int64_t newest = 0;
    for (const auto& w : stats.value()) newest = std::max(newest, w.bucketUs);
    const int64_t windowEnd = newest + bucket, windowStart = windowEnd - 10000000;
    std::map<int64_t, uint64_t> writes;
    for (const auto& w : stats.value())
        if (w.bucketUs >= windowStart) writes[w.partition] += w.inserts + w.updates + w.deletes;
    auto rate = [&](int64_t id) { return newest ? static_cast<double>(writes[id]) / 10.0 : 0.0; };
    uint64_t rows = 0, bytes = 0;
    for (const auto& p : map.partitions) {
        rows += p.rows;
        bytes += p.bytes;
    }
    size_t first = events->size() > static_cast<size_t>(lastEvents) ? events->size() - lastEvents : 0;
    if (args.has("json")) {
        std::printf(
            "{\"set\": %s, \"table\": %s, \"key\": %s, \"epoch\": %llu, \"rows\": %llu, \"bytes\": %llu, "
            "\"partitions\": [",
            jsonString(set.dir()).c_str(), jsonString(set.table()).c_str(), jsonString(set.keyColumn()).c_str(),
            static_cast<unsigned long long>(map.epoch), static_cast<unsigned long long>(rows),
            static_cast<unsigned long long>(bytes));
        for (size_t i = 0; i < map.partitions.size(); ++i) {
            const auto& p = map.partitions[i];
            std::printf(
                "%s\n  {\"id\": %lld, \"lo\": %s, \"hi\": %s, \"rows\": %llu, \"bytes\": %llu, "
                "\"writes_per_second\": %.1f, \"created\": %s, \"file\": %s}",
                i ? "," : "", static_cast<long long>(p.id), jsonKey(p.lo, false).c_str(), jsonKey(p.hi, true).c_str(),
                static_cast<unsigned long long>(p.rows), static_cast<unsigned long long>(p.bytes), rate(p.id),
                jsonString(isoTime(p.createdUs)).c_str(), jsonString(p.file).c_str());
        }
        std::printf("\n], \"events\": [");
        for (size_t i = first; i < events->size(); ++i) {
            const auto& e = events.value()[i];
            std::printf(
                "%s\n  {\"id\": %lld, \"time\": %s, \"kind\": \"%s\", \"partition\": %lld, \"other\": %lld, "
                "\"key\": %lld, \"epoch_after\": %llu}",
                i > first ? "," : "", static_cast<long long>(e.id), jsonString(isoTime(e.timeUs)).c_str(),
                partition::eventName(e.kind), static_cast<long long>(e.partition), static_cast<long long>(e.other),
                static_cast<long long>(e.key), static_cast<unsigned long long>(e.epochAfter));
        }
        std::printf("%s]}\n", first < events->size() ? "\n" : "");
        return kExitOk;
    }
    std::printf("partition set %s: table %s (key %s), epoch %llu, %zu partition(s), %llu rows, %s\n", set.dir().c_str(),
                set.table().c_str(), set.keyColumn().c_str(), static_cast<unsigned long long>(map.epoch),
                map.partitions.size(), static_cast<unsigned long long>(rows), humanBytes(bytes).c_str());
    std::printf("%6s  %-44s  %9s  %10s  %9s\n", "ID", "RANGE", "ROWS", "SIZE", "WRITES/S");
    for (const auto& p : map.partitions) {
        std::string range = "[" + keyText(p.lo, false) + ", " + keyText(p.hi, true) + ")";
        std::printf("%6lld  %-44s  %9llu  %10s  %9.1f\n", static_cast<long long>(p.id), range.c_str(),
                    static_cast<unsigned long long>(p.rows), humanBytes(p.bytes).c_str(), rate(p.id));
    }
    if (first < events->size()) {
        std::printf("last events:\n");
        for (size_t i = first; i < events->size(); ++i) {
            const auto& e = events.value()[i];
            std::printf("  %s  epoch %-5llu %s\n", localTime(e.timeUs).c_str(),
                        static_cast<unsigned long long>(e.epochAfter), eventText(e).c_str());
        }
    }
    return kExitOk;
}

int cmdCheck(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseSet("check", argv, {}, {}, &args, &dir, &code)) return code;
    auto opened = PartitionSet::open(dir);  // for writing: recovery runs first (crash leftovers are no violation)
    if (!opened.isOk()) return reportError(opened.status());
    printNotices(*opened.value());
    Status s = opened.value()->check();
    if (!s.isOk()) return reportError(s);
    partition::PartitionMap map = opened.value()->map();
    uint64_t rows = 0;
    for (const auto& p : map.partitions) rows += p.rows;
    std::printf(
        "partition set ok: %zu partition(s) cover the key space without overlap, %llu rows each in its "
        "range, no key twice (epoch %llu)\n",
        map.partitions.size(), static_cast<unsigned long long>(rows), static_cast<unsigned long long>(map.epoch));
    return kExitOk;
}

int cmdChurn(const Argv& argv) {
    Args args;
    std::string dir;
    int code = 0;
    if (!parseSet("churn", argv, {"duration", "seed", "writers", "rate"}, {"json"}, &args, &dir, &code)) return code;
    partition::ChurnOptions opts;
    char* end = nullptr;
    const std::string duration = args.value("duration"), rate = args.value("rate");
    opts.seconds = std::strtod(duration.c_str(), &end);
    if (duration.empty() || !end || *end || opts.seconds <= 0)
        return usageError("partitions churn", "--duration takes a positive number of seconds");
    int64_t v = 0;
    if (args.has("seed")) {
        if (!parseInt(args.value("seed"), &v) || v < 0) return usageError("partitions churn", "--seed takes a number");
        opts.seed = static_cast<uint64_t>(v);
    }
    if (args.has("writers")) {
        if (!parseInt(args.value("writers"), &v) || v < 1 || v > 64)
            return usageError("partitions churn", "--writers takes 1 to 64");
        opts.writers = static_cast<int>(v);
    }
    if (args.has("rate")) {
        opts.insertsPerSecond = std::strtod(rate.c_str(), &end);
        if (!end || *end || opts.insertsPerSecond <= 0)
            return usageError("partitions churn", "--rate takes a positive number of inserts per second");
    }
    auto opened = PartitionSet::open(dir);
    if (!opened.isOk() && opened.status().code() == Status::Code::kNotFound) {
        opened = PartitionSet::create(dir, partition::demoSetOptions());
        if (opened.isOk()) std::fprintf(stderr, "prescient: created partition set %s\n", opened.value()->dir().c_str());
    }
    if (!opened.isOk()) return reportError(opened.status());
    PartitionSet& set = *opened.value();
    printNotices(set);
    auto r = partition::runChurn(set, opts, &interruptToken());
    if (!r.isOk()) return reportError(r.status());
    const partition::ChurnStats& c = r.value();
    partition::PartitionMap map = set.map();
    uint64_t rows = 0;
    for (const auto& p : map.partitions) rows += p.rows;
    if (args.has("json")) {
        std::printf(
            "{\"set\": %s, \"seconds\": %.3f, \"inserted\": %llu, \"updated\": %llu, \"deleted\": %llu, "
            "\"collisions\": %llu, \"bursts\": %llu, \"events\": {\"split\": %llu, \"merge\": %llu, "
            "\"create\": %llu, \"drop\": %llu}, \"first_key\": %lld, \"last_key\": %lld, "
            "\"partitions\": %zu, \"rows\": %llu, \"epoch\": %llu}\n",
            jsonString(set.dir()).c_str(), c.seconds, static_cast<unsigned long long>(c.inserted),
            static_cast<unsigned long long>(c.updated), static_cast<unsigned long long>(c.deleted),
            static_cast<unsigned long long>(c.collisions), static_cast<unsigned long long>(c.bursts),
            static_cast<unsigned long long>(c.splits), static_cast<unsigned long long>(c.merges),
            static_cast<unsigned long long>(c.creations), static_cast<unsigned long long>(c.drops),
            static_cast<long long>(c.firstKeyUs), static_cast<long long>(c.lastKeyUs), map.partitions.size(),
            static_cast<unsigned long long>(rows), static_cast<unsigned long long>(map.epoch));
        return kExitOk;
    }
    std::printf(
        "churn on %s for %.1f s: %llu rows inserted, %llu updated, %llu deleted (%llu key collisions, "
        "%llu bursts)\n",
        set.dir().c_str(), c.seconds, static_cast<unsigned long long>(c.inserted),
        static_cast<unsigned long long>(c.updated), static_cast<unsigned long long>(c.deleted),
        static_cast<unsigned long long>(c.collisions), static_cast<unsigned long long>(c.bursts));
    std::printf("events: %llu split, %llu merge, %llu create, %llu drop; now %zu partition(s), %llu rows, epoch %llu\n",
                static_cast<unsigned long long>(c.splits), static_cast<unsigned long long>(c.merges),
                static_cast<unsigned long long>(c.creations), static_cast<unsigned long long>(c.drops),
                map.partitions.size(), static_cast<unsigned long long>(rows),
                static_cast<unsigned long long>(map.epoch));
    return kExitOk;
}

}  // namespace

int cmdPartitions(const Argv& argv) {
    if (argv.empty())
        return usageError("partitions",
                          "expected a sub-command: create, status, check, churn, forecast, backup, restore");
    const std::string& sub = argv[0];
    Argv rest(argv.begin() + 1, argv.end());
    if (sub == "create") return cmdCreate(rest);
    if (sub == "status") return cmdStatus(rest);
    if (sub == "check") return cmdCheck(rest);
    if (sub == "churn") return cmdChurn(rest);
    return cmdPartitionsMore(sub, rest);
}

}  // namespace prescient::cli
