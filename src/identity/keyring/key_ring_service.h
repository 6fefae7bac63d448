#pragma once
// KeyRingService: tars' signing-key ring backed by the store (tars.md §3.5, §3.2 check 5).
//
// The store is the system of record; this service keeps a jwt::KeyRing in memory for the
// per-request lookups and keeps it in step with the store:
//   - start(): loads the ring; an empty ring gets its first key through createFirst(), and a
//     replica that loses that race reads the winner's key.
//   - reload(): store → ring (replaceAll), also deleting expired verify-only keys. Called every
//     reload_interval by the background thread, on an unknown kid (findKey, at most once per
//     miss_reload_min_interval) and by the composition root on a `signing_key` revocation
//     message (§3.4).
//   - rotate()/revoke(): write the store first, then apply the change to the ring before
//     returning, so the process that answered the request already acts on it.
// Private material is sealed (KeyMaterialSealer) before it is written and opened when loaded; a
// key already in the ring is not decrypted again on reload (a kid's material never changes).
//
// Thread safety: thread-safe. reload(), rotate() and revoke() are serialised (a reload cannot
// overwrite a rotation it did not see); findKey() on a known kid only takes the ring's shared
// lock; on a miss it may block on one store round trip.
// Failure modes: store errors pass through (kUnavailable, kInternal); see each method.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "core/status.h"
#include "identity/keyring/key_material_sealer.h"
#include "jwt/algorithm.h"
#include "jwt/key_ring.h"
#include "jwt/key_source.h"
#include "jwt/signing_key.h"
#include "store/signing_keys.h"
#include "store/time_point.h"

namespace tars::identity {

struct KeyRingServiceOptions {
  // Algorithm of keys created from now on (auth.jwt.algorithm: HS256, ES256 or RS256); existing
  // keys keep their own.
  jwt::Algorithm algorithm = jwt::Algorithm::kHs256;
  // How long a retired key still verifies: refresh TTL + leeway (§3.5).
  std::chrono::seconds verify_for{7 * 24 * 3600 + 30};
  // Background reload period (auth.jwt.keyring_refresh_seconds).
  std::chrono::seconds reload_interval{30};
  // An unknown kid reloads the ring at most this often (§3.2 check 5).
  std::chrono::seconds miss_reload_min_interval{5};
};

// One ring entry as GET /auth/keys shows it.
struct SigningKeyInfo {
  std::string kid;
  std::string algorithm;  // "HS256", "ES256", "RS256"
  std::string status;     // "current", "verify_only", "revoked"
  store::Timestamp created_at;
  std::optional<store::Timestamp> retired_at;
  std::optional<store::Timestamp> verify_until;
};

// The first key of an empty ring, created by start() (the `signing_key.created` audit event).
struct SigningKeyCreation {
  std::string kid;
  std::string algorithm;
};

// What POST /auth/keys/rotate answers.
struct SigningKeyRotation {
  std::string kid;
  std::string algorithm;
  store::Timestamp created_at;
  std::string previous_kid;
};

class KeyRingService final : public jwt::KeySource {
 public:
  // The message of start()/reload() when a stored key does not decrypt.
  static constexpr std::string_view kSecretMismatchMessage =
      "auth.jwt.secret does not decrypt the signing keys in the store (was it changed?)";

  // Holds references: repo, clock and logger must outlive the service.
  KeyRingService(store::SigningKeyRepository& repo, const Clock& clock, KeyMaterialSealer sealer,
                 KeyRingServiceOptions options, Logger& logger);
  // Stops the background reload.
  ~KeyRingService() override;

  KeyRingService(const KeyRingService&) = delete;
  KeyRingService& operator=(const KeyRingService&) = delete;

  // Loads the ring, creating the first key when the store has no current key. OK when the ring
  // has a current key. kInvalidArgument: options.algorithm is not HS256, ES256 or RS256;
  // kFailedPrecondition (kSecretMismatchMessage): a stored key does not decrypt; kInternal: a
  // stored key is unusable (unknown algorithm, malformed kid) or the ring is inconsistent.
  Status start();

  // Store → ring, after deleting expired verify-only keys from the store (a failure to delete is
  // logged, not returned) and from the ring. On failure the ring is left as it was. Errors as
  // start().
  Status reload();

  // Starts a thread that calls reload() every reload_interval until stop(); failures are logged
  // (the first of a run at once, then at most once a minute) and the ring is kept. Idempotent.
  void startBackgroundReload();
  // Stops and joins the background thread, if any. Idempotent.
  void stop();

  // Makes a new key of options.algorithm current; the previous one verifies until now +
  // verify_for. A rotation that loses a race with another replica (its current key was stale)
  // reloads and retries once. kFailedPrecondition: not started, or the retry lost too.
  StatusOr<SigningKeyRotation> rotate();

  // Revokes `kid` (tokens it signed fail at once here). kNotFound: unknown kid;
  // kFailedPrecondition "Cannot revoke the current signing key; rotate first". Idempotent.
  Status revoke(std::string_view kid);

  // The key start() created because the store had none; nullopt when it found one (or another
  // replica won the race to create it). Set once, by start().
  const std::optional<SigningKeyCreation>& createdAtStart() const { return created_at_start_; }

  // Every ring entry, oldest first.
  std::vector<SigningKeyInfo> list() const;
  // The current kid; "" before start().
  std::string currentKid() const;
  // The key that signs new tokens; null only before start().
  jwt::SigningKeyConstSharedPtr currentSigningKey() const;
  // {"keys":[...]}: public keys of the ES256/RS256 keys that still verify (never HS256).
  std::string jwksJson() const;
  jwt::KeyRing& ring() { return ring_; }

  // jwt::KeySource::
  // The ring's answer; a kid the ring does not know at all reloads the ring from the store (at
  // most once per miss_reload_min_interval, one reload at a time) and asks again. A known but
  // revoked or expired kid never reloads (the store cannot bring it back).
  jwt::Result<jwt::VerificationKeyConstSharedPtr> findKey(std::string_view kid,
                                                          jwt::Algorithm algorithm) override;
  std::uint64_t generation() const override { return ring_.generation(); }

 private:
  Status reloadLocked();    // REQUIRES: write_mu_ held
  Status createFirstKey();  // REQUIRES: write_mu_ held
  bool ringHasKid(std::string_view kid) const;
  void backgroundLoop();
  void noteBackgroundResult(const Status& status);

  store::SigningKeyRepository& repo_;
  const Clock& clock_;
  const KeyMaterialSealer sealer_;
  const KeyRingServiceOptions options_;
  Logger& logger_;
  jwt::KeyRing ring_;

  // Serialises every store → ring write (reload, rotate, revoke).
  std::mutex write_mu_;
  std::optional<SigningKeyCreation> created_at_start_;  // written by start() only

  // One miss-triggered reload at a time, and not more often than miss_reload_min_interval.
  std::mutex miss_mu_;
  std::optional<std::chrono::steady_clock::time_point> last_miss_reload_;  // GUARDED_BY(miss_mu_)

  std::mutex bg_mu_;
  std::condition_variable bg_cv_;
  bool bg_stopping_ = false;  // GUARDED_BY(bg_mu_)
  std::thread bg_thread_;     // GUARDED_BY(bg_mu_) for start/stop

  // Rate limit of background failure logs.
  std::mutex log_mu_;
  bool failing_ = false;                                                   // GUARDED_BY(log_mu_)
  std::optional<std::chrono::steady_clock::time_point> last_failure_log_;  // GUARDED_BY(log_mu_)
  std::uint64_t suppressed_failures_ = 0;                                  // GUARDED_BY(log_mu_)
};

}  // namespace tars::identity
