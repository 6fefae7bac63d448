#pragma once
// RefreshFamilyRepository over sql::Db (internal to tars_store; see store/refresh_families.h).

#include "store/refresh_families.h"
#include "store/sql/db.h"

namespace tars::store::sql {

class SqlRefreshFamilyRepository final : public RefreshFamilyRepository {
 public:
  explicit SqlRefreshFamilyRepository(Db& db) : db_(db) {}

  // RefreshFamilyRepository::
  Status create(const RefreshFamilyRecord& family) override;
  StatusOr<RefreshFamilyRecord> get(const std::string& family_id) override;
  StatusOr<RefreshTokenRecord> getToken(const std::string& jti) override;
  Status rotate(const std::string& family_id, const std::string& expected_jti,
                const std::string& new_jti, Timestamp now) override;
  Status revoke(const std::string& family_id, Timestamp now, const std::string& reason) override;
  StatusOr<std::vector<std::string>> revokeAllForUser(const std::string& user_id, Timestamp now,
                                                      const std::string& reason) override;
  StatusOr<std::int64_t> countActive(Timestamp now) override;
  StatusOr<std::int64_t> purgeExpired(Timestamp now) override;

 private:
  Db& db_;
};

// Inside a write transaction: revokes every unrevoked family of `user_id`, appending a feed
// change for each; returns their ids (shared with SqlUserRepository::disable).
StatusOr<std::vector<std::string>> revokeFamiliesOfUser(Tx& tx, const std::string& user_id,
                                                        Timestamp now, const std::string& reason);

}  // namespace tars::store::sql
