#pragma once
// SigningKeyRepository over sql::Db (internal to tars_store; see store/signing_keys.h).

#include "store/signing_keys.h"
#include "store/sql/db.h"

namespace tars::store::sql {

class SqlSigningKeyRepository final : public SigningKeyRepository {
 public:
  explicit SqlSigningKeyRepository(Db& db) : db_(db) {}

  // SigningKeyRepository::
  Status createFirst(const SigningKeyRecord& key) override;
  StatusOr<std::vector<SigningKeyRecord>> list() override;
  StatusOr<SigningKeyRecord> get(const std::string& kid) override;
  Status rotate(const SigningKeyRecord& new_key, const std::string& expected_current_kid,
                Timestamp now, Timestamp verify_until) override;
  Status revoke(const std::string& kid, Timestamp now) override;
  StatusOr<std::int64_t> deleteExpired(Timestamp now) override;

 private:
  Db& db_;
};

}  // namespace tars::store::sql
