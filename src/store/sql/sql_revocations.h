#pragma once
// RevocationRepository over sql::Db (internal to tars_store; see store/revocations.h).

#include "store/revocations.h"
#include "store/sql/db.h"

namespace tars::store::sql {

class SqlRevocationRepository final : public RevocationRepository {
 public:
  explicit SqlRevocationRepository(Db& db) : db_(db) {}

  // RevocationRepository::
  Status denyJti(const std::string& jti, Timestamp expires_at, Timestamp now) override;
  StatusOr<bool> isJtiDenied(const std::string& jti, Timestamp now) override;
  StatusOr<RevocationSnapshot> snapshot(Timestamp now) override;
  StatusOr<RevocationBatch> changesSince(std::int64_t cursor, int limit) override;
  StatusOr<std::int64_t> purgeExpired(Timestamp now) override;

 private:
  Db& db_;
};

}  // namespace tars::store::sql
