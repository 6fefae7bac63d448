#pragma once
// ApiKeyService: API keys (service tokens, tars.md §3.8) as an identity service — create, verify,
// rotate, revoke, list — on top of the store's ApiKeyRepository. Routes, audit events and CLI
// commands are built on it; they map its results to HTTP, audit reasons and exit codes.
//
// verify() is the per-request path (§3.2 checks 2 and 15): it parses the key, finds the record
// (cached for `record_cache_ttl`), compares SHA-256 digests in constant time (the current digest,
// and the previous one while a rotation grace lasts), then refuses revoked and expired keys. A
// valid use is noted in memory; last_used is written in batches (flushLastUsed, or every
// `last_used_flush_interval` once startBackgroundFlush() has run).
//
// Caching: revoke() and rotate() in this process evict the record at once; a change made by
// another process is seen within `record_cache_ttl`, or at once when the process calls evict()
// on learning of it (tars:revocations). A secret that does not match a cached record is checked
// once more against a fresh read, so a key rotated elsewhere works here at once (this costs no
// more store reads than an unknown key id does).
//
// Thread safety: thread-safe. The repository and the clock must outlive the service.
// Failure modes: store errors pass through (kUnavailable when the database cannot be reached,
// kInternal otherwise); kInternal when the random source fails. Method comments list the others.
// Messages never contain a secret.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "identity/api_keys/api_key_record_cache.h"
#include "identity/api_keys/last_used_batcher.h"
#include "store/api_keys.h"
#include "store/page.h"
#include "store/time_point.h"

namespace tars::identity {

struct ApiKeyServiceOptions {
  // Scopes of a key created without `scopes` (auth.api_keys.default_scopes).
  std::vector<std::string> default_scopes{"tars:viewer"};
  // Grace of a rotation that names none (auth.api_keys.rotation_grace_seconds); 0–604800.
  std::chrono::seconds default_rotation_grace{0};
  // How often the background flusher writes last_used (auth.api_keys.last_used_flush_seconds).
  std::chrono::seconds last_used_flush_interval{60};
  // How long verify() trusts a cached record (0 disables the cache).
  std::chrono::milliseconds record_cache_ttl{2000};
  // At most this many records are cached.
  std::size_t record_cache_max_entries = 10000;
  // Hears of failed background (and final) last_used flushes, e.g. to log them; may be empty.
  std::function<void(const Status&)> on_flush_error;
};

// Why verify() accepted or refused a key.
enum class ApiKeyVerdict { kValid, kMalformed, kUnknown, kWrongSecret, kRevoked, kExpired };

// "valid", "malformed", "unknown", "wrong_secret", "revoked", "expired" (the audit reason).
std::string_view apiKeyVerdictName(ApiKeyVerdict verdict);

// Who a valid key is (the principal of §1.7).
struct ApiKeyIdentity {
  std::string key_id;
  std::string service_name;
  std::vector<std::string> scopes;
  std::optional<store::Timestamp> expires_at;
};

struct ApiKeyCheck {
  ApiKeyVerdict verdict = ApiKeyVerdict::kMalformed;
  std::optional<ApiKeyIdentity> identity;  // set exactly when verdict == kValid
  std::string key_id;                      // set whenever the key parsed (for the audit record)
};

struct CreateApiKeyRequest {
  std::string service_name;                               // 1–64 chars of [A-Za-z0-9 ._-]
  std::optional<std::vector<std::string>> scopes;         // nullopt: options.default_scopes
  std::optional<int> expires_in_days;                     // nullopt: never expires
  std::string created_by;                                 // principal id, or "system" for the CLI
  std::optional<std::vector<std::string>> caller_scopes;  // nullopt: may grant any known scope
};

struct CreatedApiKey {
  store::ApiKeyRecord record;
  std::string api_key;  // the full key; shown once, never stored
};

struct RotatedApiKey {
  store::ApiKeyRecord record;
  std::string api_key;                                  // the new full key
  std::optional<store::Timestamp> old_key_valid_until;  // nullopt when the grace was 0
};

// Not revoked and not expired at `now` (the listing's `is_active`).
bool isApiKeyActive(const store::ApiKeyRecord& record, store::Timestamp now);

class ApiKeyService {
 public:
  // REQUIRES: `options` valid (default scopes known, grace in range); the config layer checks.
  ApiKeyService(store::ApiKeyRepository& repo, const Clock& clock, ApiKeyServiceOptions options);
  // Stops the background flusher and flushes pending last_used times.
  ~ApiKeyService();

  ApiKeyService(const ApiKeyService&) = delete;
  ApiKeyService& operator=(const ApiKeyService&) = delete;

  // Checks a presented key. A refusal is a verdict, not an error: the StatusOr is non-OK only
  // when the store could not answer (kUnavailable, kInternal) — fail closed, never as kValid.
  StatusOr<ApiKeyCheck> verify(std::string_view api_key);

  // Creates a key. kValidation naming the field (service_name, scopes[i], expires_in_days);
  // kPermissionDenied naming a scope the caller does not hold; kAlreadyExists "An active API key
  // named <name> already exists" (names compare ignoring ASCII case); kInvalidArgument for an
  // empty created_by.
  StatusOr<CreatedApiKey> create(const CreateApiKeyRequest& request);

  // Gives the key a new secret (same key_id). With a grace > 0 the old key stays valid until
  // now + grace; with 0 (nullopt: options.default_rotation_grace) it dies at once.
  // kValidation (grace_seconds) outside 0–604800; kNotFound "API key <id> not found";
  // kFailedPrecondition "API key <id> is revoked".
  StatusOr<RotatedApiKey> rotate(const std::string& key_id,
                                 std::optional<std::chrono::seconds> grace);

  // Revokes the key: true when this call revoked it, false when it already was.
  // kNotFound "API key <id> not found".
  StatusOr<bool> revoke(const std::string& key_id);

  // Keys ordered by (created_at, key_id); revoked ones only when `include_revoked`.
  // kInvalidArgument for a cursor the list did not issue.
  StatusOr<store::Page<store::ApiKeyRecord>> list(bool include_revoked,
                                                  const store::PageRequest& page);
  StatusOr<std::int64_t> count(bool include_revoked);

  // Drops a cached record (a revocation or rotation learned from another process).
  void evict(std::string_view key_id);

  // Writes the batched last_used times now. On failure they stay pending for the next flush.
  Status flushLastUsed();

  // Starts flushing last_used every options.last_used_flush_interval (idempotent).
  void startBackgroundFlush();
  // Stops the background flusher and flushes (idempotent; the destructor calls it).
  void stop();

 private:
  // The record for `key_id` read from the store (and cached); nullptr when there is none.
  StatusOr<ApiKeyRecordConstSharedPtr> loadRecord(const std::string& key_id);
  static bool secretMatches(const store::ApiKeyRecord& record, std::string_view digest,
                            store::Timestamp now);
  Status notFoundOr(const Status& status, const std::string& key_id) const;

  store::ApiKeyRepository& repo_;
  const Clock& clock_;
  const ApiKeyServiceOptions options_;
  ApiKeyRecordCache cache_;
  LastUsedBatcher last_used_;
};

}  // namespace tars::identity
