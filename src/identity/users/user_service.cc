#include "identity/users/user_service.h"

#include <utility>

#include "core/base64url.h"
#include "crypto/random.h"
#include "identity/users/demo_users.h"
#include "identity/users/user_rules.h"

namespace tars::identity {
namespace {

// Why a user's refresh families were revoked (store::RefreshFamilyRecord::revoke_reason).
constexpr std::string_view kDisableReason = "user_disabled";

Status userNotFound(std::string_view username) {
  // Names that pass the username rule are safe to echo; anything else is not repeated.
  StatusOr<std::string> normalized = normalizeUsername(username);
  return notFound(normalized.isOk() ? "User " + *normalized + " not found" : "User not found");
}

}  // namespace

std::string_view loginVerdictName(LoginVerdict verdict) {
  switch (verdict) {
    case LoginVerdict::kSuccess:
      return "success";
    case LoginVerdict::kUnknownUser:
      return "unknown_user";
    case LoginVerdict::kWrongPassword:
      return "wrong_password";
    case LoginVerdict::kDisabled:
      return "disabled";
  }
  return "unknown_user";
}

UserService::UserService(store::UserRepository& users, const Clock& clock, const IdGenerator& ids,
                         UserServiceOptions options)
    : users_(users), clock_(clock), ids_(ids), options_(std::move(options)) {}

StatusOr<std::optional<store::UserRecord>> UserService::findUser(std::string_view username) {
  // A name that breaks the username rule cannot exist; not asking the store also keeps
  // arbitrary bytes (invalid UTF-8) away from it.
  StatusOr<std::string> normalized = normalizeUsername(username);
  if (!normalized.isOk())
    return std::optional<store::UserRecord>();
  StatusOr<store::UserRecord> user = users_.findByUsername(*normalized);
  if (!user.isOk()) {
    if (user.status().code() == StatusCode::kNotFound)
      return std::optional<store::UserRecord>();
    return user.status();
  }
  return std::optional<store::UserRecord>(std::move(user).value());
}

StatusOr<std::string> UserService::dummyHash() {
  std::lock_guard lock(dummy_mutex_);
  if (!dummy_hash_) {
    // A random password nobody knows: verifying against it always fails, at the full cost.
    TARS_ASSIGN_OR_RETURN(std::string secret, crypto::randomBytes(16));
    TARS_ASSIGN_OR_RETURN(std::string hash,
                          crypto::hashPassword(base64UrlEncode(secret), options_.hash));
    dummy_hash_ = std::move(hash);
  }
  return *dummy_hash_;
}

StatusOr<LoginResult> UserService::login(std::string_view username, std::string_view password) {
  TARS_ASSIGN_OR_RETURN(std::optional<store::UserRecord> user, findUser(username));
  if (!user) {
    TARS_ASSIGN_OR_RETURN(const std::string dummy, dummyHash());
    (void)crypto::verifyPassword(dummy, password);
    return LoginResult{LoginVerdict::kUnknownUser, std::nullopt};
  }
  if (!crypto::verifyPassword(user->password_hash, password))
    return LoginResult{LoginVerdict::kWrongPassword, std::move(user)};
  if (user->disabled)
    return LoginResult{LoginVerdict::kDisabled, std::move(user)};
  if (crypto::passwordNeedsRehash(user->password_hash, options_.hash)) {
    StatusOr<std::string> rehashed = crypto::hashPassword(password, options_.hash);
    if (rehashed.isOk()) {
      StatusOr<store::UserRecord> updated =
          storePasswordHash(user->user_id, *rehashed, user->password_hash);
      if (updated.isOk())
        user = std::move(updated).value();
    }
  }
  return LoginResult{LoginVerdict::kSuccess, std::move(user)};
}

StatusOr<store::UserRecord> UserService::storePasswordHash(
    const std::string& user_id, const std::string& new_hash,
    const std::optional<std::string>& only_if_hash) {
  // update() replaces every field, so start from a fresh read: the window in which a concurrent
  // change (disable, passwd) could be lost shrinks from one argon2id run to one round trip.
  TARS_ASSIGN_OR_RETURN(store::UserRecord fresh, users_.get(user_id));
  if (only_if_hash && fresh.password_hash != *only_if_hash)
    return failedPrecondition("the password changed meanwhile");
  fresh.password_hash = new_hash;
  fresh.updated_at = store::truncateToMillis(clock_.now());
  TARS_RETURN_IF_ERROR(users_.update(fresh));
  return fresh;
}

Status UserService::seedDemoUsers() {
  for (const DemoUser& demo : demoUsers()) {
    TARS_ASSIGN_OR_RETURN(std::optional<store::UserRecord> existing, findUser(demo.username));
    if (existing)
      continue;
    StatusOr<store::UserRecord> by_id = users_.get(std::string(demo.user_id));
    if (by_id.isOk())
      continue;  // renamed: still the demo account, left as it is
    if (by_id.status().code() != StatusCode::kNotFound)
      return by_id.status();
    store::UserRecord user;
    user.user_id = demo.user_id;
    user.username = demo.username;
    user.email = std::string(demo.email);
    TARS_ASSIGN_OR_RETURN(user.password_hash, crypto::hashPassword(demo.password, options_.hash));
    user.roles = {std::string(demo.role)};
    user.created_at = store::truncateToMillis(clock_.now());
    user.updated_at = user.created_at;
    Status created = users_.create(user);
    // kAlreadyExists: another replica seeded it first.
    if (!created.isOk() && created.code() != StatusCode::kAlreadyExists)
      return created;
  }
  return Status::ok();
}

StatusOr<store::UserRecord> UserService::addUser(std::string_view username,
                                                 std::string_view password,
                                                 const std::vector<std::string>& roles,
                                                 std::optional<std::string> email) {
  TARS_ASSIGN_OR_RETURN(std::string name, normalizeUsername(username));
  TARS_RETURN_IF_ERROR(validateNewPassword(password));
  TARS_ASSIGN_OR_RETURN(std::vector<std::string> role_names, normalizeRoles(roles));
  if (email)
    TARS_RETURN_IF_ERROR(validateEmail(*email));

  const Status taken = alreadyExists("User " + name + " already exists");
  TARS_ASSIGN_OR_RETURN(std::optional<store::UserRecord> existing, findUser(name));
  if (existing)
    return taken;  // before hashing: argon2id is the expensive part

  store::UserRecord user;
  user.user_id = ids_.newId("usr_");
  user.username = name;
  user.email = std::move(email);
  TARS_ASSIGN_OR_RETURN(user.password_hash, crypto::hashPassword(password, options_.hash));
  user.roles = std::move(role_names);
  user.created_at = store::truncateToMillis(clock_.now());
  user.updated_at = user.created_at;
  Status created = users_.create(user);
  if (created.code() == StatusCode::kAlreadyExists)
    return taken;
  TARS_RETURN_IF_ERROR(created);
  return user;
}

Status UserService::setPassword(std::string_view username, std::string_view password) {
  TARS_RETURN_IF_ERROR(validateNewPassword(password));
  TARS_ASSIGN_OR_RETURN(std::optional<store::UserRecord> user, findUser(username));
  if (!user)
    return userNotFound(username);
  TARS_ASSIGN_OR_RETURN(std::string hash, crypto::hashPassword(password, options_.hash));
  StatusOr<store::UserRecord> updated = storePasswordHash(user->user_id, hash, std::nullopt);
  if (updated.status().code() == StatusCode::kNotFound)
    return userNotFound(username);
  return updated.status();
}

StatusOr<std::vector<std::string>> UserService::disable(std::string_view username) {
  TARS_ASSIGN_OR_RETURN(std::optional<store::UserRecord> user, findUser(username));
  if (!user)
    return userNotFound(username);
  StatusOr<std::vector<std::string>> families =
      users_.disable(user->user_id, clock_.now(), std::string(kDisableReason));
  if (families.status().code() == StatusCode::kNotFound)
    return userNotFound(username);
  return families;
}

StatusOr<store::UserRecord> UserService::get(const std::string& user_id) {
  StatusOr<store::UserRecord> user = users_.get(user_id);
  if (user.status().code() == StatusCode::kNotFound)
    return notFound("User not found");
  return user;
}

StatusOr<store::Page<store::UserRecord>> UserService::list(const store::PageRequest& page) {
  return users_.list(page);
}

}  // namespace tars::identity
