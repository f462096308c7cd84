// prescient_vfs: a loadable SQLite extension that registers the `prescient` VFS (restorevfs.h) as the
// default, so the stock sqlite3 shell, Python or any program linked to the system SQLite can read a
// target that is still restoring:
//   sqlite3 -cmd '.load /usr/lib/prescient/libprescient_vfs' -cmd '.open TARGET' :memory: 'SELECT ...'
//   python3: con.enable_load_extension(True); con.load_extension(".../libprescient_vfs");
//            sqlite3.connect("TARGET")  # or "file:TARGET?vfs=prescient" with uri=True
// The extension links the system libsqlite3 directly (the host has loaded the same library), serves
// tiers 2 and 3 itself from the restore state beside the target, and never writes the database.
#include <sqlite3.h>

#include "restore/restorevfs.h"

extern "C" __attribute__((visibility("default"))) int sqlite3_prescientvfs_init(sqlite3*, char**,
                                                                                const sqlite3_api_routines*) {
    prescient::restore::registerRestoreVfs(true);
    return SQLITE_OK_LOAD_PERMANENTLY;
}
