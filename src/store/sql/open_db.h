#pragma once
// Opening the raw sql::Db behind a store URL (internal to tars_store; tests use it to inspect or
// tamper with tables the public interface never exposes).

#include <memory>
#include <string>

#include "core/status.h"
#include "store/sql/db.h"
#include "store/store_options.h"

namespace tars::store::sql {

// The Db for `url`, without migrations. Errors as openStore().
StatusOr<std::unique_ptr<Db>> openDb(const std::string& url, const StoreOptions& options);

}  // namespace tars::store::sql
