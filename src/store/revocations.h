#pragma once
// Revocations (tars.md §3.4): the store is the system of record for denylisted access-token
// `jti`s, revoked refresh families, revoked API keys and signing-key state changes. Every such
// change is also appended to an ordered change feed, so each process can keep its in-memory sets
// current by polling changesSince() (Redis pub/sub, when configured, only makes it faster).
//
// Feed contract: sequence numbers are assigned in commit order (a change becomes visible only
// after every change with a smaller seq), so a poller that remembers the last seq it saw never
// misses one. A process starts from snapshot(), whose cursor is taken before its sets are read:
// changes after the cursor may also be in the sets, which is harmless (applying is idempotent).
//
// Thread safety: implementations are thread-safe.
// Failure modes (every method): kUnavailable when the database cannot be reached or is busy past
// its timeout; kInternal for anything unexpected.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/time_point.h"

namespace tars::store {

enum class RevocationKind { kJti, kFamily, kApiKey, kSigningKey };

// "jti", "family", "api_key", "signing_key" (the `kind` of the Redis message, §3.4).
std::string_view revocationKindName(RevocationKind kind);
std::optional<RevocationKind> parseRevocationKind(std::string_view name);

struct RevocationChange {
  std::int64_t seq = 0;  // position in the feed, from 1
  RevocationKind kind = RevocationKind::kJti;
  std::string id;                       // the jti, family id, key_id or kid
  std::optional<Timestamp> expires_at;  // when the entry stops mattering (jti, family)
  Timestamp created_at;

  bool operator==(const RevocationChange&) const = default;
};

struct RevocationBatch {
  std::vector<RevocationChange> changes;  // ascending seq
  std::int64_t next_cursor = 0;           // pass to the next changesSince()
};

struct DeniedJti {
  std::string jti;
  Timestamp expires_at;
  bool operator==(const DeniedJti&) const = default;
};

struct RevokedFamily {
  std::string family_id;
  Timestamp expires_at;
  bool operator==(const RevokedFamily&) const = default;
};

struct RevocationSnapshot {
  std::int64_t cursor = 0;               // feed position the sets are at least as new as
  std::vector<DeniedJti> jtis;           // denylisted and not yet expired
  std::vector<RevokedFamily> families;   // revoked and not yet expired
  std::vector<std::string> api_key_ids;  // every revoked API key
};

class RevocationRepository {
 public:
  virtual ~RevocationRepository() = default;

  // Denylists the access token `jti` until `expires_at` (its `exp`). Idempotent: a jti already
  // denylisted keeps its first entry and records no second change.
  virtual Status denyJti(const std::string& jti, Timestamp expires_at, Timestamp now) = 0;

  // True when `jti` is denylisted and its entry has not expired at `now`.
  virtual StatusOr<bool> isJtiDenied(const std::string& jti, Timestamp now) = 0;

  // The current revocation sets (entries expired at `now` left out) and the feed cursor.
  virtual StatusOr<RevocationSnapshot> snapshot(Timestamp now) = 0;

  // Up to `limit` (clamped to 1…1000) changes with seq > `cursor`, in order. At the end of the
  // feed, `next_cursor` equals `cursor`. A cursor of 0 reads from the start.
  virtual StatusOr<RevocationBatch> changesSince(std::int64_t cursor, int limit) = 0;

  // Deletes denylist entries and feed changes whose expires_at is at or before `now`; returns how
  // many rows went. Changes without expiry (API keys, signing keys) are kept.
  virtual StatusOr<std::int64_t> purgeExpired(Timestamp now) = 0;
};

}  // namespace tars::store
