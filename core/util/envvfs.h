// EnvVfs: a pass-through SQLite VFS (the shape of SQLite's test_devsym.c) that asks an Env before each
// write, truncate and sync of the files SQLite opens through it. It lets fault-injection Envs fail or
// "crash" the catalog's own SQLite I/O exactly like pack I/O. Everything else goes to the default VFS.
//
// Each EnvVfs registers a uniquely named VFS for its lifetime; open databases with name(). Destroy it
// only after every connection using it is closed. Thread-safe as the underlying VFS is.
#pragma once

#include <sqlite3.h>

#include <string>

#include "util/env.h"

namespace prescient {

class EnvVfs {
public:
    explicit EnvVfs(Env* env);
    ~EnvVfs();
    EnvVfs(const EnvVfs&) = delete;
    EnvVfs& operator=(const EnvVfs&) = delete;
    const char* name() const { return m_name.c_str(); }
    Env* env() const { return m_env; }
    sqlite3_vfs* base() const { return m_base; }

private:
    Env* m_env;
    sqlite3_vfs* m_base;
    sqlite3_vfs m_vfs;
    std::string m_name;
};

}  // namespace prescient
