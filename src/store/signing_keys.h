#pragma once
// The signing-key ring (tars.md §3.5). The store keeps key material as opaque bytes: whoever
// writes it decides its protection (identity encrypts private material with AES-256-GCM under a
// key derived from auth.jwt.secret before it reaches the store).
//
// Invariant kept by the database itself: at most one key has status kCurrent.
//
// Thread safety: implementations are thread-safe; createFirst() and rotate() are safe under
// concurrent callers in several processes (exactly one wins).
// Failure modes (every method): kUnavailable when the database cannot be reached or is busy past
// its timeout; kInternal for anything unexpected. Method comments list the others.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/time_point.h"

namespace tars::store {

enum class SigningKeyStatus { kCurrent, kVerifyOnly, kRevoked };

// "current", "verify_only", "revoked".
std::string_view signingKeyStatusName(SigningKeyStatus status);
std::optional<SigningKeyStatus> parseSigningKeyStatus(std::string_view name);

struct SigningKeyRecord {
  std::string kid;           // key-YYYYmmddHHMMSS-<8 hex>
  std::string algorithm;     // HS256, ES256, RS256 — the key's one algorithm
  std::string key_material;  // opaque bytes
  SigningKeyStatus status = SigningKeyStatus::kCurrent;
  Timestamp created_at;
  std::optional<Timestamp> retired_at;    // when it stopped signing
  std::optional<Timestamp> verify_until;  // retired_at + refresh_ttl + leeway
  std::optional<Timestamp> revoked_at;

  bool operator==(const SigningKeyRecord&) const = default;
};

class SigningKeyRepository {
 public:
  virtual ~SigningKeyRepository() = default;

  // Inserts `key` as the current key when no current key exists (the first start with an empty
  // ring; replicas that lose the race get kAlreadyExists and read the winner's key with list()).
  // REQUIRES: key.status == kCurrent. kAlreadyExists: a current key exists or kid is taken.
  virtual Status createFirst(const SigningKeyRecord& key) = 0;

  // Every key of the ring, ordered by created_at then kid.
  virtual StatusOr<std::vector<SigningKeyRecord>> list() = 0;

  // The key; kNotFound when there is none.
  virtual StatusOr<SigningKeyRecord> get(const std::string& kid) = 0;

  // Atomically: if `expected_current_kid` is the current key, makes it verify_only (retired_at =
  // now, verify_until as given) and inserts `new_key` as current; records a revocation change of
  // kind `signing_key`. REQUIRES: new_key.status == kCurrent. kFailedPrecondition: the current
  // key is another one (a concurrent rotation won); kAlreadyExists: new_key.kid is taken.
  virtual Status rotate(const SigningKeyRecord& new_key, const std::string& expected_current_kid,
                        Timestamp now, Timestamp verify_until) = 0;

  // Marks the key revoked (it verifies nothing) and records a change of kind `signing_key`.
  // Idempotent for an already revoked key. kNotFound: no such key; kFailedPrecondition: it is the
  // current key (rotate first).
  virtual Status revoke(const std::string& kid, Timestamp now) = 0;

  // Deletes non-current keys whose verify_until is at or before `now`; returns how many.
  virtual StatusOr<std::int64_t> deleteExpired(Timestamp now) = 0;
};

}  // namespace tars::store
