#pragma once
// ApiKeyRepository over sql::Db (internal to tars_store; see store/api_keys.h).

#include "store/api_keys.h"
#include "store/sql/db.h"

namespace tars::store::sql {

class SqlApiKeyRepository final : public ApiKeyRepository {
 public:
  explicit SqlApiKeyRepository(Db& db) : db_(db) {}

  // ApiKeyRepository::
  Status create(const ApiKeyRecord& key) override;
  StatusOr<ApiKeyRecord> get(const std::string& key_id) override;
  StatusOr<ApiKeyRecord> rotate(const std::string& key_id, const std::string& new_secret_sha256,
                                Timestamp now,
                                std::optional<Timestamp> previous_valid_until) override;
  StatusOr<bool> revoke(const std::string& key_id, Timestamp now) override;
  StatusOr<Page<ApiKeyRecord>> list(bool include_revoked, const PageRequest& page) override;
  StatusOr<std::int64_t> count(bool include_revoked) override;
  Status touchLastUsed(const std::map<std::string, Timestamp>& last_used) override;

 private:
  Db& db_;
};

}  // namespace tars::store::sql
