#include "store/store_factory.h"

#include <exception>

#include "store/migrations/migrator.h"
#include "store/postgres/pg_db.h"
#include "store/postgres/pg_url.h"
#include "store/sql/open_db.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_db.h"

namespace tars::store {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite://";

std::string_view schemeOf(std::string_view url) {
  std::size_t pos = url.find("://");
  return pos == std::string_view::npos ? std::string_view() : url.substr(0, pos);
}

}  // namespace

StatusOr<StoreLocation> parseStoreUrl(std::string_view url) {
  const std::string_view scheme = schemeOf(url);
  StoreLocation location;
  if (scheme == "sqlite") {
    location.backend = StoreBackendKind::kSqlite;
    location.sqlite_path = std::string(url.substr(kSqlitePrefix.size()));
    if (location.sqlite_path.empty())
      return invalidArgument("store URL 'sqlite://' names no file (use sqlite://PATH)");
    return location;
  }
  if (scheme == "postgresql" || scheme == "postgres") {
    location.backend = StoreBackendKind::kPostgres;
    location.postgres_url = std::string(url);
    return location;
  }
  return invalidArgument("store URL '" + redactStoreUrl(url) +
                         "' has an unsupported scheme (use sqlite:// or postgresql://)");
}

std::string redactStoreUrl(std::string_view url) {
  const std::string_view scheme = schemeOf(url);
  if (scheme == "sqlite")
    return std::string(url);
  if (scheme == "postgresql" || scheme == "postgres") {
    StatusOr<postgres::PgUrlInfo> info = postgres::inspectPgUrl(url);
    if (info.isOk())
      return info->description;
  }
  return "(store URL not shown)";
}

namespace sql {

StatusOr<std::unique_ptr<Db>> openDb(const std::string& url, const StoreOptions& options) {
  TARS_ASSIGN_OR_RETURN(StoreLocation location, parseStoreUrl(url));
  if (location.backend == StoreBackendKind::kSqlite) {
    sqlite::SqliteDbOptions o;
    o.create_if_missing = options.create_if_missing;
    o.busy_timeout = options.busy_timeout;
    o.read_connections = options.sqlite_read_connections;
    TARS_ASSIGN_OR_RETURN(auto db, sqlite::SqliteDb::Create(location.sqlite_path, o));
    return std::unique_ptr<Db>(std::move(db));
  }
  postgres::PgDbOptions o;
  o.pool_size = options.pool_size;
  o.connect_timeout = options.connect_timeout;
  o.acquire_timeout = options.acquire_timeout;
  TARS_ASSIGN_OR_RETURN(auto db, postgres::PgDb::Create(location.postgres_url, o));
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace sql

StatusOr<std::unique_ptr<Store>> openStore(const std::string& url, const Clock& clock,
                                           const StoreOptions& options) {
  try {
    TARS_ASSIGN_OR_RETURN(StoreLocation location, parseStoreUrl(url));
    TARS_ASSIGN_OR_RETURN(std::unique_ptr<sql::Db> db, sql::openDb(url, options));
    if (options.apply_migrations)
      TARS_RETURN_IF_ERROR(migrations::apply(*db, clock));
    return std::unique_ptr<Store>(std::make_unique<sql::SqlStore>(std::move(db), location.backend));
  } catch (const std::exception& e) {
    return internalError(std::string("cannot open store: ") + e.what());
  }
}

}  // namespace tars::store
