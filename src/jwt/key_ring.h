#pragma once
// KeyRing: tars' own signing keys by kid (tars.md §3.5). Exactly one key is current (it signs);
// after a rotation the previous key stays verify-only until its verify_until, so tokens it signed
// keep working until they expire; a revoked key verifies nothing, at once.
//
// The store is the system of record: the composition root loads the ring with replaceAll() at
// start and on every reload (auth.jwt.keyring_refresh_seconds, an unknown kid, a `signing_key`
// revocation message), and applies rotate()/revoke() locally after writing the store.
//
// Thread safety: thread-safe; lookups (many, on every request) take a shared lock, changes (rare)
// an exclusive one. Time comes only from the Clock.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "jwt/key_source.h"
#include "jwt/signing_key.h"

namespace tars::jwt {

enum class KeyState { kCurrent, kVerifyOnly, kRevoked };

// "current", "verify_only", "revoked" (GET /auth/keys).
std::string_view keyStateName(KeyState state);

struct KeyRingEntry {
  SigningKeyConstSharedPtr key;  // never null in a ring
  KeyState state = KeyState::kVerifyOnly;
  std::chrono::system_clock::time_point created_at{};
  // When the key stopped being current.
  std::optional<std::chrono::system_clock::time_point> retired_at;
  // Verify-only keys verify while now < verify_until (no value: until pruned or revoked).
  std::optional<std::chrono::system_clock::time_point> verify_until;
};

class KeyRing final : public KeySource {
 public:
  explicit KeyRing(const Clock& clock) : clock_(clock) {}

  // Replaces every entry (a reload). kInvalidArgument, leaving the ring unchanged, when an entry
  // has no key, a kid is malformed (jwt/kid.h) or repeated, or more than one entry is current.
  Status replaceAll(std::vector<KeyRingEntry> entries);

  // Adds one entry. kInvalidArgument as above; kAlreadyExists for a known kid;
  // kFailedPrecondition when adding a current key while another is current (use rotate()).
  Status add(KeyRingEntry entry);

  // Makes `next` (a new kid) current. The previous current key, if any, becomes verify-only with
  // retired_at = now and verify_until = now + verify_for (refresh TTL + leeway, §3.5).
  // Returns the previous current kid, or "" when there was none.
  StatusOr<std::string> rotate(SigningKeyConstSharedPtr next, std::chrono::seconds verify_for);

  // Revokes `kid`: it verifies nothing from now on. kNotFound for an unknown kid;
  // kFailedPrecondition for the current key ("rotate first", §3.5). Revoking twice is OK.
  Status revoke(std::string_view kid);

  // Deletes verify-only keys whose verify_until has passed; returns how many were deleted.
  std::size_t pruneExpired();

  // The key that signs new tokens; null when the ring has no current key.
  SigningKeyConstSharedPtr currentSigningKey() const;

  // Every entry, oldest first.
  std::vector<KeyRingEntry> entries() const;

  // {"keys":[...]}: public JWKs of the asymmetric keys that still verify (current and unexpired
  // verify-only; never revoked, never HMAC).
  std::string jwksJson() const;

  // KeySource::
  // KeyIdNotFound for an unknown, revoked or expired verify-only kid.
  Result<VerificationKeyConstSharedPtr> findKey(std::string_view kid, Algorithm algorithm) override;
  std::uint64_t generation() const override { return generation_.load(std::memory_order_acquire); }

 private:
  using Map = std::map<std::string, KeyRingEntry, std::less<>>;

  static Status checkEntry(const KeyRingEntry& entry);
  bool verifies(const KeyRingEntry& entry, std::chrono::system_clock::time_point now) const;
  void bump() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  const Clock& clock_;
  mutable std::shared_mutex mu_;
  Map entries_;  // GUARDED_BY(mu_)
  std::atomic<std::uint64_t> generation_{1};
};

}  // namespace tars::jwt
