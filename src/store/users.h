#pragma once
// Users (tars.md §3.1): the account records behind `/auth/login` and `tars users …`.
//
// Thread safety: implementations are thread-safe.
// Failure modes (every method): kUnavailable when the database cannot be reached or is busy past
// its timeout; kInternal for anything unexpected. Method comments list the others.

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/page.h"
#include "store/time_point.h"

namespace tars::store {

struct UserRecord {
  std::string user_id;               // `admin-001`, … for demo users; `usr_<ULID>` otherwise
  std::string username;              // unique, compared case-insensitively (stored as given)
  std::optional<std::string> email;  // nullable
  std::string password_hash;         // argon2id PHC string ($argon2id$…)
  std::vector<std::string> roles;    // role names, order kept
  bool disabled = false;
  Timestamp created_at;
  Timestamp updated_at;

  bool operator==(const UserRecord&) const = default;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // Inserts `user`. kAlreadyExists when the user_id or (case-insensitively) the username is
  // taken.
  virtual Status create(const UserRecord& user) = 0;

  // The user with `user_id`; kNotFound when there is none.
  virtual StatusOr<UserRecord> get(const std::string& user_id) = 0;

  // The user whose username equals `username` ignoring ASCII case; kNotFound when there is none.
  virtual StatusOr<UserRecord> findByUsername(const std::string& username) = 0;

  // Replaces every field of the stored user `user.user_id` except created_at with `user`'s.
  // kNotFound when there is no such user; kAlreadyExists when the new username is taken.
  virtual Status update(const UserRecord& user) = 0;

  // Disables the user and, in the same transaction, revokes every refresh family of the user that
  // is not yet revoked (tars.md §3.1), recording each as a revocation change (§3.4). Returns the
  // ids of the families revoked by this call (already disabled: just the stragglers, if any).
  // kNotFound when there is no such user.
  virtual StatusOr<std::vector<std::string>> disable(const std::string& user_id, Timestamp now,
                                                     const std::string& reason) = 0;

  // Users ordered by username. kInvalidArgument for a cursor this list did not issue.
  virtual StatusOr<Page<UserRecord>> list(const PageRequest& page) = 0;
};

}  // namespace tars::store
