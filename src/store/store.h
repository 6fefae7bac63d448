#pragma once
// Store: the facade over the repositories of the system of record (ARCHITECTURE.md `store/`).
// Two backends implement it with the same schema and the same behaviour: SQLite (embedded
// default) and PostgreSQL (scale-out). Pick one with openStore() (store/store_factory.h).
//
// Thread safety: a Store and its repositories are thread-safe; share one per process. The
// repositories live as long as the Store.
// No method throws.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/api_keys.h"
#include "store/audit_log.h"
#include "store/refresh_families.h"
#include "store/revocations.h"
#include "store/signing_keys.h"
#include "store/users.h"

namespace tars::store {

enum class StoreBackendKind { kSqlite, kPostgres };

struct MigrationState {
  std::int64_t applied_version = 0;   // highest applied migration; 0 for an empty database
  std::int64_t latest_version = 0;    // highest migration this binary knows
  std::vector<std::int64_t> pending;  // known but not applied, ascending

  bool isCurrent() const { return pending.empty() && applied_version == latest_version; }
};

class Store {
 public:
  virtual ~Store() = default;

  virtual UserRepository& users() = 0;
  virtual RefreshFamilyRepository& refreshFamilies() = 0;
  virtual RevocationRepository& revocations() = 0;
  virtual ApiKeyRepository& apiKeys() = 0;
  virtual SigningKeyRepository& signingKeys() = 0;
  virtual AuditLogRepository& auditLog() = 0;

  // Readiness (tars.md §10.2): runs a trivial query. OK within `timeout`, else kUnavailable (or
  // kDeadlineExceeded when the query did not answer in time).
  virtual Status ping(std::chrono::milliseconds timeout = std::chrono::seconds(1)) = 0;

  // Which migrations are applied. kFailedPrecondition when the database holds a migration this
  // binary does not know (it is newer) or one whose text differs from ours.
  virtual StatusOr<MigrationState> migrationState() = 0;

  // True when every known migration is applied (`tars doctor` check 6).
  StatusOr<bool> migrationsCurrent() {
    StatusOr<MigrationState> state = migrationState();
    if (!state.isOk())
      return state.status();
    return state->isCurrent();
  }

  virtual StoreBackendKind backend() const = 0;

  // Where the data lives, safe for logs: the SQLite path, or the PostgreSQL URL without password.
  virtual std::string describe() const = 0;
};

}  // namespace tars::store
