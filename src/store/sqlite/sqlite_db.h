#pragma once
// SqliteDb: the SQLite implementation of sql::Db (internal to tars_store).
//
// One writer connection guarded by a mutex (writes are serialised in the process; BEGIN
// IMMEDIATE serialises them with other processes, waiting up to busy_timeout) and a small pool of
// read connections (WAL lets readers run beside the writer). The database file is created with
// mode 0600 when missing; SQLite gives its -wal and -shm files the same mode.
//
// Thread safety: thread-safe.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sql/db.h"
#include "store/sqlite/sqlite_connection.h"

namespace tars::store::sqlite {

struct SqliteDbOptions {
  bool create_if_missing = true;                 // create the file (0600) when absent
  std::chrono::milliseconds busy_timeout{5000};  // wait for another process's lock
  int read_connections = 4;                      // 1 … 64
};

class SqliteDb final : public sql::Db {
 public:
  // kNotFound: the file is missing and !create_if_missing. kUnavailable: it cannot be created or
  // opened (e.g. its directory does not exist), or WAL cannot be enabled.
  static StatusOr<std::unique_ptr<SqliteDb>> Create(const std::string& path,
                                                    const SqliteDbOptions& options);

  // sql::Db::
  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  Status transact(sql::TxMode mode, const sql::TxBody& body) override;
  Status ping(std::chrono::milliseconds timeout) override;
  std::string describe() const override { return "sqlite://" + path_; }

 private:
  SqliteDb(std::string path, std::unique_ptr<SqliteConnection> writer,
           std::vector<std::unique_ptr<SqliteConnection>> readers);
  Status runInTransaction(SqliteConnection& conn, const char* begin, const sql::TxBody& body);
  // A free reader, waiting for one when all are busy; nullptr after `deadline`.
  std::unique_ptr<SqliteConnection> takeReader(std::chrono::steady_clock::time_point deadline);
  void returnReader(std::unique_ptr<SqliteConnection> conn);

  const std::string path_;
  std::mutex writer_mu_;
  std::unique_ptr<SqliteConnection> writer_;  // GUARDED_BY(writer_mu_)
  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // GUARDED_BY(readers_mu_)
};

}  // namespace tars::store::sqlite
