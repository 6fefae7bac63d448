#pragma once
// AuditLogRepository over sql::Db (internal to tars_store; see store/audit_log.h).

#include "store/audit_log.h"
#include "store/sql/db.h"

namespace tars::store::sql {

class SqlAuditLogRepository final : public AuditLogRepository {
 public:
  explicit SqlAuditLogRepository(Db& db) : db_(db) {}

  // AuditLogRepository::
  StatusOr<AuditRecord> append(const AuditEvent& event) override;
  StatusOr<Page<AuditRecord>> list(const AuditFilter& filter, const PageRequest& page) override;
  StatusOr<AuditHead> head() override;
  StatusOr<AuditVerification> verifyChain() override;

 private:
  Db& db_;
};

}  // namespace tars::store::sql
