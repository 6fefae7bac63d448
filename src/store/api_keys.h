#pragma once
// API keys (service tokens, tars.md §3.8). Only the SHA-256 of a key's secret is stored; during a
// rotation grace the previous secret's digest stays valid until previous_valid_until.
//
// "Active" below means not revoked. A service name is unique among active keys, compared ignoring
// ASCII case; create() first releases the name held by an active key that has already expired by
// revoking that key at its expires_at.
//
// Thread safety: implementations are thread-safe.
// Failure modes (every method): kUnavailable when the database cannot be reached or is busy past
// its timeout; kInternal for anything unexpected. Method comments list the others.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/page.h"
#include "store/time_point.h"

namespace tars::store {

struct ApiKeyRecord {
  std::string key_id;               // 12 chars of [a-z2-7]
  std::string service_name;         // as given; unique among active keys ignoring ASCII case
  std::string secret_sha256;        // 32 raw bytes: SHA-256 of the secret part
  std::vector<std::string> scopes;  // order kept
  Timestamp created_at;
  std::string created_by;  // principal id, or "system" for the CLI
  std::optional<Timestamp> expires_at;
  std::optional<Timestamp> last_used_at;
  std::optional<Timestamp> revoked_at;
  std::optional<Timestamp> rotated_at;                // last rotation
  std::optional<std::string> previous_secret_sha256;  // rotation grace: the old digest …
  std::optional<Timestamp> previous_valid_until;      // … accepted until this instant

  bool operator==(const ApiKeyRecord&) const = default;
};

class ApiKeyRepository {
 public:
  virtual ~ApiKeyRepository() = default;

  // Inserts `key`. kAlreadyExists when key_id is taken or an active key has the same service
  // name (ignoring ASCII case).
  virtual Status create(const ApiKeyRecord& key) = 0;

  // The key; kNotFound when there is none.
  virtual StatusOr<ApiKeyRecord> get(const std::string& key_id) = 0;

  // Gives the key a new secret digest at `now`. With `previous_valid_until` the old digest stays
  // accepted until then; without it the old digest dies at once. Returns the updated record.
  // kNotFound: no such key; kFailedPrecondition: the key is revoked.
  virtual StatusOr<ApiKeyRecord> rotate(const std::string& key_id,
                                        const std::string& new_secret_sha256, Timestamp now,
                                        std::optional<Timestamp> previous_valid_until) = 0;

  // Revokes the key at `now` and records a revocation change of kind `api_key`. Returns true when
  // this call revoked it, false when it was already revoked (idempotent). kNotFound: no such key.
  virtual StatusOr<bool> revoke(const std::string& key_id, Timestamp now) = 0;

  // Keys ordered by (created_at, key_id); revoked ones only when `include_revoked`.
  // kInvalidArgument for a cursor this list did not issue.
  virtual StatusOr<Page<ApiKeyRecord>> list(bool include_revoked, const PageRequest& page) = 0;

  // How many keys list() would return in all.
  virtual StatusOr<std::int64_t> count(bool include_revoked) = 0;

  // Batched last_used update (tars.md §3.8: kept in memory, flushed every 60 s), in one
  // transaction. A stored last_used_at only moves forward; unknown key ids are ignored.
  virtual Status touchLastUsed(const std::map<std::string, Timestamp>& last_used) = 0;
};

}  // namespace tars::store
