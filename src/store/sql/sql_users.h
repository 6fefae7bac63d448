#pragma once
// UserRepository over sql::Db (internal to tars_store; see store/users.h for the contract).

#include "store/sql/db.h"
#include "store/users.h"

namespace tars::store::sql {

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(Db& db) : db_(db) {}

  // UserRepository::
  Status create(const UserRecord& user) override;
  StatusOr<UserRecord> get(const std::string& user_id) override;
  StatusOr<UserRecord> findByUsername(const std::string& username) override;
  Status update(const UserRecord& user) override;
  StatusOr<std::vector<std::string>> disable(const std::string& user_id, Timestamp now,
                                             const std::string& reason) override;
  StatusOr<Page<UserRecord>> list(const PageRequest& page) override;

 private:
  StatusOr<UserRecord> getWhere(const char* where, const std::string& key);

  Db& db_;
};

}  // namespace tars::store::sql
