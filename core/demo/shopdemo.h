// Shop demo: a realistic web-shop database (customers, products, orders, order lines) and an OLTP
// workload that keeps changing it. Used by the demo mode of the GUI, by tests that need a database
// which looks like a real one, and by the benchmarks.
//
// Output is deterministic for a given seed on every platform: the generator draws from std::mt19937_64
// (fully specified by the standard) and maps draws to ranges by hand instead of using the
// implementation-defined standard distributions. The database bytes may still differ between SQLite
// versions; the row contents do not.
//
// Thread safety: the functions keep no shared state; run them from any thread. Each opens its own
// connection, so a backup may read the database (from another connection or process) meanwhile.
#pragma once

#include <cstdint>
#include <string>

#include "util/status.h"

namespace prescient::demo {

struct ShopOptions {
    int customers = 20000;
    int products = 2000;
    int orders = 60000;
    int linesPerOrderMax = 6;  // each order has 1..linesPerOrderMax lines
    uint32_t pageSize = 4096;
    bool wal = true;  // journal_mode WAL, else DELETE
    uint64_t seed = 42;
};

// Creates a new shop database at path. With the default options the file is about 22 MB and takes
// a second or two to build. InvalidArgument (naming the path) when path exists already or an option is
// out of range; the SQLite error otherwise, and then the partial file is removed.
Status generateShop(const std::string& path, const ShopOptions& o);

struct WorkloadStats {
    int ordersAdded = 0;
    int ordersUpdated = 0;    // status changes of recent orders
    int productsUpdated = 0;  // price or stock changes
    int customersAdded = 0;
    int ordersDeleted = 0;  // old cancelled orders removed with their lines
};

// One round of shop traffic on a database made by generateShop: newOrders new orders (with lines, for
// existing customers, skewed toward recent customers and popular products), status changes of recent
// orders, price/stock changes of a few products, a few new customers, and deletion of a few old
// cancelled orders. Runs in a handful of short write transactions with busy_timeout 5000 ms, so a
// concurrent reader such as a backup is fine. Returns what was done; the SQLite error otherwise
// (the transaction in progress is rolled back; earlier ones stay committed).
Result<WorkloadStats> runShopWorkload(const std::string& path, int newOrders, uint64_t seed);

// Human-readable binary size: "512 B", "12.3 KiB", "12.3 MiB", "1.5 GiB".
std::string formatBytes(uint64_t n);

}  // namespace prescient::demo
