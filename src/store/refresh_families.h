#pragma once
// Refresh-token families (tars.md §3.3): one family per login, one current refresh token (`jti`)
// per family, every earlier token of the family remembered as used so that a replay is detected.
//
// Thread safety: implementations are thread-safe; rotate() is a compare-and-set that holds under
// concurrent callers in any number of processes sharing the database.
// Failure modes (every method): kUnavailable when the database cannot be reached or is busy past
// its timeout; kInternal for anything unexpected. Method comments list the others.

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/time_point.h"

namespace tars::store {

struct RefreshFamilyRecord {
  std::string family_id;    // 16 random bytes, base64url (tars.md §1.5)
  std::string user_id;      // the user who logged in
  std::string current_jti;  // the one refresh token of the family that may still be used
  Timestamp created_at;     // login time
  Timestamp updated_at;     // last rotation (created_at before the first)
  Timestamp expires_at;     // created_at + auth.jwt.refresh_family_max_days
  std::optional<Timestamp> revoked_at;
  std::optional<std::string> revoke_reason;  // e.g. "logout", "reuse_detected", "user_disabled"

  bool operator==(const RefreshFamilyRecord&) const = default;
};

// One refresh token ever issued in a family.
struct RefreshTokenRecord {
  std::string jti;
  std::string family_id;
  Timestamp issued_at;
  std::optional<Timestamp> used_at;  // set when it was rotated away

  bool operator==(const RefreshTokenRecord&) const = default;
};

class RefreshFamilyRepository {
 public:
  virtual ~RefreshFamilyRepository() = default;

  // Inserts `family` with its first token `family.current_jti` (issued at created_at).
  // kNotFound when family.user_id names no user; kAlreadyExists when the family id or the jti is
  // taken.
  virtual Status create(const RefreshFamilyRecord& family) = 0;

  // The family; kNotFound when there is none (never created, or purged after expiry).
  virtual StatusOr<RefreshFamilyRecord> get(const std::string& family_id) = 0;

  // The token `jti`; kNotFound when no family ever issued it.
  virtual StatusOr<RefreshTokenRecord> getToken(const std::string& jti) = 0;

  // Atomically: if the family's current jti is `expected_jti`, the family is not revoked and
  // `now` < expires_at, marks `expected_jti` used at `now`, issues `new_jti` and makes it current.
  // kNotFound: no such family. kFailedPrecondition: the family is revoked or expired, or
  // `expected_jti` is not current (a replay of a used token, or a lost race with a concurrent
  // rotation) — nothing changed; get() and getToken() tell which. kAlreadyExists: `new_jti` is
  // taken.
  virtual Status rotate(const std::string& family_id, const std::string& expected_jti,
                        const std::string& new_jti, Timestamp now) = 0;

  // Revokes the family (all its tokens, and access tokens carrying its `sid`), recording a
  // revocation change of kind `family`. Idempotent: an already revoked family keeps its first
  // revoked_at and reason, and the call returns OK. kNotFound when there is no such family.
  virtual Status revoke(const std::string& family_id, Timestamp now, const std::string& reason) = 0;

  // Revokes every family of `user_id` not yet revoked; returns the ids revoked by this call.
  virtual StatusOr<std::vector<std::string>> revokeAllForUser(const std::string& user_id,
                                                              Timestamp now,
                                                              const std::string& reason) = 0;

  // How many families are active at `now`: not revoked and expires_at after `now` (the
  // tars_auth_active_refresh_families gauge: logged-in sessions across every replica).
  virtual StatusOr<std::int64_t> countActive(Timestamp now) = 0;

  // Deletes families (and their tokens) whose expires_at is at or before `now`; returns how many.
  virtual StatusOr<std::int64_t> purgeExpired(Timestamp now) = 0;
};

}  // namespace tars::store
