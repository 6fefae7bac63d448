#pragma once
// openStore(): the one way to get a Store (the App is its only production caller).
//
// URL forms (ARCHITECTURE.md `store.url`):
//   sqlite:///abs/path/tars.db   absolute path
//   sqlite://relative/path.db    relative to the working directory
//   postgresql://[user[:password]@]host[:port]/dbname[?param=value…]   (also postgres://)
//     handed to libpq unchanged (every libpq URI parameter works).
// The URL's password never appears in a Status message or in Store::describe().

#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"
#include "store/store_options.h"

namespace tars::store {

// Opens the store at `url` and, when options.apply_migrations, brings its schema up to date.
// `clock` stamps migrations (applied_at) and must outlive the Store.
// kInvalidArgument: malformed or unsupported URL. kNotFound: SQLite file missing and
// !create_if_missing. kUnavailable: the database cannot be opened or reached (connect timeout).
// kFailedPrecondition: the schema is newer than this binary or a migration's text changed.
StatusOr<std::unique_ptr<Store>> openStore(const std::string& url, const Clock& clock,
                                           const StoreOptions& options = {});

// How a store URL is understood (exposed for tests and `tars doctor`).
struct StoreLocation {
  StoreBackendKind backend = StoreBackendKind::kSqlite;
  std::string sqlite_path;   // kSqlite: the file path
  std::string postgres_url;  // kPostgres: the URL as given
};

// kInvalidArgument for an unsupported scheme or an empty SQLite path; the message shows the URL
// only redacted.
StatusOr<StoreLocation> parseStoreUrl(std::string_view url);

// `url` safe for logs: a SQLite URL as is; a PostgreSQL URL rebuilt without its password (and
// without query parameters); anything unparseable as "(store URL not shown)".
std::string redactStoreUrl(std::string_view url);

}  // namespace tars::store
