#include "store/sqlite/sqlite_db.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>

namespace tars::store::sqlite {
namespace {

// Creates `path` with mode 0600 unless it exists. SQLite would create it with 0644 (umask
// permitting); creating it first makes its -wal and -shm files 0600 as well.
Status ensureFile(const std::string& path, bool create_if_missing) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0)
    return Status::ok();
  if (errno != ENOENT)
    return unavailable("cannot stat SQLite store '" + path + "': " + std::strerror(errno));
  if (!create_if_missing)
    return notFound("SQLite store '" + path + "' does not exist");
  int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST) {
    return unavailable("cannot create SQLite store '" + path + "': " + std::strerror(errno) +
                       " (does its directory exist?)");
  }
  if (fd >= 0) {
    ::fchmod(fd, 0600);  // in case the umask removed bits we want (it cannot add any)
    ::close(fd);
  }
  return Status::ok();
}

}  // namespace

StatusOr<std::unique_ptr<SqliteDb>> SqliteDb::Create(const std::string& path,
                                                     const SqliteDbOptions& options) {
  if (path.empty())
    return invalidArgument("SQLite store path is empty");
  TARS_RETURN_IF_ERROR(ensureFile(path, options.create_if_missing));
  TARS_ASSIGN_OR_RETURN(auto writer, SqliteConnection::Create(path, SqliteConnection::Role::kWriter,
                                                              options.busy_timeout));
  const int n = std::clamp(options.read_connections, 1, 64);
  std::vector<std::unique_ptr<SqliteConnection>> readers;
  for (int i = 0; i < n; ++i) {
    TARS_ASSIGN_OR_RETURN(
        auto reader,
        SqliteConnection::Create(path, SqliteConnection::Role::kReader, options.busy_timeout));
    readers.push_back(std::move(reader));
  }
  return std::unique_ptr<SqliteDb>(new SqliteDb(path, std::move(writer), std::move(readers)));
}

SqliteDb::SqliteDb(std::string path, std::unique_ptr<SqliteConnection> writer,
                   std::vector<std::unique_ptr<SqliteConnection>> readers)
    : path_(std::move(path)), writer_(std::move(writer)), idle_readers_(std::move(readers)) {}

Status SqliteDb::runInTransaction(SqliteConnection& conn, const char* begin,
                                  const sql::TxBody& body) {
  TARS_RETURN_IF_ERROR(conn.run(begin));
  Status status;
  try {
    status = body(conn);
  } catch (const std::exception& e) {
    status = internalError(std::string("store transaction failed: ") + e.what());
  } catch (...) {
    status = internalError("store transaction failed");
  }
  if (status.isOk()) {
    status = conn.run("COMMIT");
    if (status.isOk())
      return status;
  }
  // ROLLBACK can only fail when SQLite already rolled back (e.g. after SQLITE_FULL).
  (void)conn.run("ROLLBACK");
  return status;
}

std::unique_ptr<SqliteConnection> SqliteDb::takeReader(
    std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(readers_mu_);
  if (!readers_cv_.wait_until(lock, deadline, [this] { return !idle_readers_.empty(); }))
    return nullptr;
  std::unique_ptr<SqliteConnection> conn = std::move(idle_readers_.back());
  idle_readers_.pop_back();
  return conn;
}

void SqliteDb::returnReader(std::unique_ptr<SqliteConnection> conn) {
  {
    std::lock_guard lock(readers_mu_);
    idle_readers_.push_back(std::move(conn));
  }
  readers_cv_.notify_one();
}

Status SqliteDb::transact(sql::TxMode mode, const sql::TxBody& body) {
  if (mode == sql::TxMode::kWrite) {
    std::lock_guard lock(writer_mu_);
    return runInTransaction(*writer_, "BEGIN IMMEDIATE", body);
  }
  // Readers are held only for the length of one read transaction; waiting long means something
  // is badly wrong, so give up after a generous bound rather than hang.
  auto conn = takeReader(std::chrono::steady_clock::now() + std::chrono::seconds(30));
  if (!conn)
    return unavailable("no SQLite read connection became free");
  Status status = runInTransaction(*conn, "BEGIN", body);
  returnReader(std::move(conn));
  return status;
}

Status SqliteDb::ping(std::chrono::milliseconds timeout) {
  auto conn = takeReader(std::chrono::steady_clock::now() + timeout);
  if (!conn)
    return unavailable("store did not answer within the readiness timeout");
  Status status = conn->query("SELECT count(*) FROM sqlite_master").status();
  returnReader(std::move(conn));
  return status;
}

}  // namespace tars::store::sqlite
