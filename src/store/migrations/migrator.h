#pragma once
// Applying and inspecting migrations (internal to tars_store).
//
// The table `schema_migrations(version, name, checksum, applied_at)` records what is applied.
// apply() runs every pending migration and its bookkeeping in ONE write transaction (DDL is
// transactional on both backends), so a failure leaves the schema as it was. PostgreSQL takes a
// transaction-scoped advisory lock first, so replicas starting together migrate once; SQLite's
// BEGIN IMMEDIATE does the same.

#include "core/clock.h"
#include "core/status.h"
#include "store/sql/db.h"
#include "store/store.h"

namespace tars::store::migrations {

// Brings the schema up to date; idempotent. kFailedPrecondition when the database holds a
// version this binary does not know or a checksum that differs from ours (nothing is applied).
Status apply(sql::Db& db, const Clock& clock);

// What is applied, without changing anything. An empty database has applied_version 0.
// kFailedPrecondition as for apply().
StatusOr<MigrationState> state(sql::Db& db);

}  // namespace tars::store::migrations
