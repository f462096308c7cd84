// A File (util/env.h) over SQLite's own "unix" VFS, for database files that SQLite connections of this
// process may have open too: the unix VFS tracks POSIX locks per inode and defers closing a descriptor
// while another connection holds locks on the file, so closing this File never drops their locks
// (a plain close() would: DESIGN.md §2). Used for the instant restore's target and origin.
// Thread safety: read and write may run on several threads at once (pread/pwrite); the rest from one.
#pragma once

#include <memory>
#include <string>

#include "util/env.h"

namespace prescient::restore {

// Opens an existing file as a main database file of the unix VFS. NotFound / IoError naming it.
Result<std::unique_ptr<File>> openThroughUnixVfs(const std::string& path, bool writable);

}  // namespace prescient::restore
