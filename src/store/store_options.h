#pragma once
// Options for openStore(). Every field has a default.

#include <chrono>

namespace tars::store {

struct StoreOptions {
  // Apply pending migrations at open. `tars doctor` opens with false and asks migrationState().
  bool apply_migrations = true;
  // SQLite: create the database file (mode 0600) when missing. The directory must exist.
  bool create_if_missing = true;
  // SQLite: how long a writer waits for another process's write lock before kUnavailable.
  std::chrono::milliseconds busy_timeout{5000};
  // SQLite: read connections beside the one writer connection.
  int sqlite_read_connections = 4;
  // PostgreSQL: most connections the pool holds open.
  int pool_size = 8;
  // PostgreSQL: connect timeout (rounded up to whole seconds; libpq's connect_timeout in the URL
  // wins).
  std::chrono::milliseconds connect_timeout{5000};
  // PostgreSQL: how long a call waits for a free pooled connection before kUnavailable.
  std::chrono::milliseconds acquire_timeout{5000};
};

}  // namespace tars::store
