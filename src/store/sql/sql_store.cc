#include "store/sql/sql_store.h"

#include "store/migrations/migrator.h"

namespace tars::store::sql {

StatusOr<MigrationState> SqlStore::migrationState() {
  return migrations::state(*db_);
}

}  // namespace tars::store::sql
