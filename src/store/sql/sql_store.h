#pragma once
// SqlStore: the Store facade over one sql::Db (internal to tars_store). Both backends are this
// class with a different Db, which is what keeps their behaviour identical.

#include <memory>

#include "core/clock.h"
#include "store/sql/db.h"
#include "store/sql/sql_api_keys.h"
#include "store/sql/sql_audit_log.h"
#include "store/sql/sql_refresh_families.h"
#include "store/sql/sql_revocations.h"
#include "store/sql/sql_signing_keys.h"
#include "store/sql/sql_users.h"
#include "store/store.h"

namespace tars::store::sql {

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<Db> db, StoreBackendKind backend)
      : db_(std::move(db)),
        backend_(backend),
        users_(*db_),
        families_(*db_),
        revocations_(*db_),
        api_keys_(*db_),
        signing_keys_(*db_),
        audit_log_(*db_) {}

  // Store::
  UserRepository& users() override { return users_; }
  RefreshFamilyRepository& refreshFamilies() override { return families_; }
  RevocationRepository& revocations() override { return revocations_; }
  ApiKeyRepository& apiKeys() override { return api_keys_; }
  SigningKeyRepository& signingKeys() override { return signing_keys_; }
  AuditLogRepository& auditLog() override { return audit_log_; }
  Status ping(std::chrono::milliseconds timeout) override { return db_->ping(timeout); }
  StatusOr<MigrationState> migrationState() override;
  StoreBackendKind backend() const override { return backend_; }
  std::string describe() const override { return db_->describe(); }

  Db& db() { return *db_; }

 private:
  std::unique_ptr<Db> db_;
  const StoreBackendKind backend_;
  SqlUserRepository users_;
  SqlRefreshFamilyRepository families_;
  SqlRevocationRepository revocations_;
  SqlApiKeyRepository api_keys_;
  SqlSigningKeyRepository signing_keys_;
  SqlAuditLogRepository audit_log_;
};

}  // namespace tars::store::sql
