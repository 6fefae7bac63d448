#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <charconv>
#include <string>

namespace tars::store::sqlite {
namespace {

// More distinct statements than this is a sign of generated SQL; the cache then starts over.
constexpr std::size_t kMaxCachedStatements = 128;

}  // namespace

StatusCode sqliteCodeToStatus(int extended_rc) {
  switch (extended_rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return StatusCode::kAlreadyExists;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return StatusCode::kFailedPrecondition;
    default:
      break;
  }
  switch (extended_rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
      return StatusCode::kUnavailable;
    default:
      return StatusCode::kInternal;
  }
}

StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Create(
    const std::string& path, Role role, std::chrono::milliseconds busy_timeout) {
  sqlite3* db = nullptr;
  // NOMUTEX: SqliteDb guarantees one thread per connection at a time.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return unavailable("cannot open SQLite store '" + path + "': " + msg);
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  if (role == Role::kWriter) {
    // journal_mode answers with a row; WAL persists in the file once set.
    StatusOr<sql::Rows> mode = conn->query("PRAGMA journal_mode=WAL");
    if (!mode.isOk())
      return mode.status();
    if (mode->empty() || (*mode)[0].text(0) != "wal")
      return unavailable("SQLite store '" + path + "' refused journal_mode=WAL");
  }
  TARS_RETURN_IF_ERROR(conn->run("PRAGMA foreign_keys=ON"));
  TARS_RETURN_IF_ERROR(conn->run("PRAGMA synchronous=FULL"));
  if (role == Role::kReader)
    TARS_RETURN_IF_ERROR(conn->run("PRAGMA query_only=ON"));
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [text, stmt] : statements_)
    sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status SqliteConnection::error(int rc, std::string_view what) const {
  const int extended = sqlite3_extended_errcode(db_);
  std::string msg = "sqlite: ";
  msg.append(what);
  msg.append(": ");
  msg.append(rc == SQLITE_OK ? "?" : sqlite3_errmsg(db_));
  return Status(sqliteCodeToStatus(extended != SQLITE_OK ? extended : rc), std::move(msg));
}

StatusOr<sqlite3_stmt*> SqliteConnection::prepare(std::string_view sql, const sql::Params& params) {
  TARS_RETURN_IF_ERROR(sql::checkTextParams(params));
  std::string key(sql);
  sqlite3_stmt* stmt = nullptr;
  if (auto it = statements_.find(key); it != statements_.end()) {
    stmt = it->second;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  } else {
    if (statements_.size() >= kMaxCachedStatements) {
      for (auto& [text, cached] : statements_)
        sqlite3_finalize(cached);
      statements_.clear();
    }
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK)
      return error(rc, "prepare");
    if (stmt == nullptr)
      return internalError("sqlite: empty statement");
    statements_.emplace(std::move(key), stmt);
  }
  // Parameters are named `$N`: bind each by its number, so `$1` may appear twice.
  const int count = sqlite3_bind_parameter_count(stmt);
  for (int i = 1; i <= count; ++i) {
    const char* name = sqlite3_bind_parameter_name(stmt, i);
    std::size_t n = 0;
    if (name == nullptr || name[0] != '$' ||
        std::from_chars(name + 1, name + std::char_traits<char>::length(name), n).ec !=
            std::errc() ||
        n == 0 || n > params.size()) {
      return internalError("sqlite: statement parameter without a value");
    }
    const sql::Value& v = params[n - 1];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v)) {
      rc = sqlite3_bind_null(stmt, i);
    } else if (const auto* x = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, i, *x);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(stmt, i, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else {
      const auto& b = std::get<sql::Blob>(v).bytes;
      rc = sqlite3_bind_blob64(stmt, i, b.data(), b.size(), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK)
      return error(rc, "bind");
  }
  return stmt;
}

StatusOr<sql::Rows> SqliteConnection::query(std::string_view sql, const sql::Params& params) {
  TARS_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, prepare(sql, params));
  sql::Rows rows;
  const int columns = sqlite3_column_count(stmt);
  while (true) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE)
      break;
    if (rc != SQLITE_ROW) {
      Status status = error(rc, "step");
      sqlite3_reset(stmt);
      return status;
    }
    std::vector<sql::Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_BLOB: {
          const void* data = sqlite3_column_blob(stmt, c);
          const int size = sqlite3_column_bytes(stmt, c);
          values.emplace_back(sql::Blob{
              std::string(static_cast<const char*>(data), static_cast<std::size_t>(size))});
          break;
        }
        case SQLITE_NULL:
          values.emplace_back(std::monostate{});
          break;
        default: {  // TEXT (and FLOAT, which our schema does not use)
          const unsigned char* data = sqlite3_column_text(stmt, c);
          const int size = sqlite3_column_bytes(stmt, c);
          values.emplace_back(
              std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)));
        }
      }
    }
    rows.emplace_back(std::move(values));
  }
  sqlite3_reset(stmt);
  return rows;
}

StatusOr<std::int64_t> SqliteConnection::exec(std::string_view sql, const sql::Params& params) {
  TARS_RETURN_IF_ERROR(query(sql, params).status());
  return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

Status SqliteConnection::execScript(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = "sqlite: script: ";
    msg.append(err ? err : sqlite3_errstr(rc));
    sqlite3_free(err);
    return Status(sqliteCodeToStatus(sqlite3_extended_errcode(db_)), std::move(msg));
  }
  return Status::ok();
}

Status SqliteConnection::run(const char* sql) {
  return query(sql).status();
}

}  // namespace tars::store::sqlite
