#pragma once
// UserService: user accounts (tars.md §3.1) as an identity service — password login, demo-user
// seeding, and the account management behind `tars users …` — on top of the store's
// UserRepository. Routes, audit events and CLI commands are built on it.
//
// Cost: login(), addUser(), setPassword() and seedDemoUsers() (when it creates users) run
// argon2id (~0.1 s and 64 MiB each with the default options): callers run them on the password
// hash worker pool, never on an I/O thread.
//
// Timing: login() of an unknown username verifies the password against a dummy hash (made once,
// lazily, with the same options) so that it costs what a known username costs.
//
// Thread safety: thread-safe. The repository, clock and id generator must outlive the service.
// Failure modes: store errors pass through (kUnavailable when the database cannot be reached,
// kInternal otherwise); kResourceExhausted when argon2id cannot get its memory. Method comments
// list the others. Messages never contain passwords or hashes.

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/status.h"
#include "crypto/password.h"
#include "store/page.h"
#include "store/users.h"

namespace tars::identity {

struct UserServiceOptions {
  // argon2id parameters for new hashes; a stored hash made with others is re-hashed at the next
  // successful login.
  crypto::PasswordHashOptions hash;
};

enum class LoginVerdict { kSuccess, kUnknownUser, kWrongPassword, kDisabled };

// "success", "unknown_user", "wrong_password", "disabled" (the audit reason).
std::string_view loginVerdictName(LoginVerdict verdict);

struct LoginResult {
  LoginVerdict verdict = LoginVerdict::kUnknownUser;
  // Set for kSuccess, and for kWrongPassword and kDisabled (for the audit record); never for
  // kUnknownUser. After a re-hash it carries the new hash.
  std::optional<store::UserRecord> user;
};

class UserService {
 public:
  UserService(store::UserRepository& users, const Clock& clock, const IdGenerator& ids,
              UserServiceOptions options = {});

  // Checks a username (matched ignoring ASCII case) and password. A wrong password is reported
  // as kWrongPassword even for a disabled user; kDisabled means the password was right. A
  // success whose stored hash has parameters other than options.hash re-hashes and stores the
  // password (a failure to store it is ignored: the login still succeeds). Blocking (argon2id).
  StatusOr<LoginResult> login(std::string_view username, std::string_view password);

  // Creates the three demo users (tars.md §3.1) that do not exist yet; never modifies an existing
  // user (a disabled demo user stays disabled, a changed password stays changed). Idempotent and
  // safe to run from several replicas at once.
  Status seedDemoUsers();

  // Creates a user with id `usr_<ULID>`. kValidation naming the field (username: 3-64 of
  // [a-z0-9._-] after lowercasing; password: 12-1024 characters; roles: non-empty subset of
  // viewer/developer/admin; email: basic sanity, <= 254); kAlreadyExists "User <name> already
  // exists" when the username is taken (ignoring case).
  StatusOr<store::UserRecord> addUser(std::string_view username, std::string_view password,
                                      const std::vector<std::string>& roles,
                                      std::optional<std::string> email);

  // Replaces the user's password (same rule as addUser). kValidation; kNotFound "User <name> not
  // found".
  Status setPassword(std::string_view username, std::string_view password);

  // Disables the user and revokes all its refresh families (tars.md §3.1). Returns the ids of the
  // families revoked by this call, for the caller to announce (§3.4). kNotFound "User <name> not
  // found".
  StatusOr<std::vector<std::string>> disable(std::string_view username);

  // kNotFound "User not found".
  StatusOr<store::UserRecord> get(const std::string& user_id);

  // Users ordered by username. kInvalidArgument for a cursor the list did not issue.
  StatusOr<store::Page<store::UserRecord>> list(const store::PageRequest& page);

 private:
  // The user named `username` (ignoring case); nullopt when there is none.
  StatusOr<std::optional<store::UserRecord>> findUser(std::string_view username);
  // The dummy hash of login() for unknown users, made on first use.
  StatusOr<std::string> dummyHash();
  // Stores `new_hash` as the password hash of the user, re-reading the record first so that a
  // concurrent change to another field (e.g. disable) is not undone. With `only_if_hash`, gives
  // up (kFailedPrecondition) when the stored hash is no longer that one.
  StatusOr<store::UserRecord> storePasswordHash(const std::string& user_id,
                                                const std::string& new_hash,
                                                const std::optional<std::string>& only_if_hash);

  store::UserRepository& users_;
  const Clock& clock_;
  const IdGenerator& ids_;
  const UserServiceOptions options_;

  std::mutex dummy_mutex_;
  std::optional<std::string> dummy_hash_;  // GUARDED_BY(dummy_mutex_)
};

}  // namespace tars::identity
