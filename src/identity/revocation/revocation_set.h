#pragma once
// RevocationSet: this process's in-memory copy of the revocation sets (tars.md §3.4) for the
// per-request check §3.2 #14 — denylisted access-token `jti`s, revoked refresh families (the
// access token's `sid`) and revoked API keys (the client token's `client_id`, and API keys
// themselves). The store is the system of record; RevocationSync (revocation_sync.h) fills and
// refreshes this copy from it.
//
// - A jti or family entry counts until its expires_at (the token's `exp`, the family's end of
//   life): at or after that instant, clock.now() no longer reports it and purgeExpired() drops it.
//   After expiry the token fails its `exp` check anyway, so forgetting it is safe.
// - API-key revocations never expire (a revoked key stays revoked).
// - Adding is idempotent; an entry seen twice keeps the later expiry. Nothing is ever removed
//   except by expiry or load(): a revocation is never undone.
//
// Hot path: lookups take a string_view and allocate nothing; the sets are split into shards
// with a shared_mutex each, so concurrent lookups share locks and writers block one shard only.
//
// Thread safety: thread-safe. Lifetimes: `clock` must outlive the set.

#include <array>
#include <cstddef>
#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/clock.h"
#include "store/revocations.h"
#include "store/time_point.h"

namespace tars::identity {

class RevocationSet {
 public:
  explicit RevocationSet(const Clock& clock);

  RevocationSet(const RevocationSet&) = delete;
  RevocationSet& operator=(const RevocationSet&) = delete;

  // Replaces all three sets with `snapshot` (entries already expired are left out).
  void load(const store::RevocationSnapshot& snapshot);

  // Adds the entry a feed change or broadcast names: kJti → denyJti, kFamily → revokeFamily,
  // kApiKey → revokeApiKey. kSigningKey is ignored here (the key ring handles it). A jti or
  // family change without expires_at is kept forever (until the next load()): failing closed.
  void apply(const store::RevocationChange& change);

  void denyJti(std::string jti, store::Timestamp expires_at);
  void revokeFamily(std::string family_id, store::Timestamp expires_at);
  void revokeApiKey(std::string key_id);

  // True while `jti` is denylisted and clock.now() < its expires_at.
  bool isJtiDenied(std::string_view jti) const;
  // True while `family_id` is revoked and clock.now() < its expires_at.
  bool isFamilyRevoked(std::string_view family_id) const;
  // True when `key_id` is revoked.
  bool isApiKeyRevoked(std::string_view key_id) const;

  // Drops the jti and family entries expired at clock.now(); returns how many went.
  std::size_t purgeExpired();

  // Entries held in all three sets (expired ones not yet purged included).
  std::size_t size() const;

 private:
  // Transparent hashing: find(string_view) without building a std::string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using ExpiryMap = std::unordered_map<std::string, store::Timestamp, Hash, std::equal_to<>>;
  using IdSet = std::unordered_set<std::string, Hash, std::equal_to<>>;

  static constexpr std::size_t kShards = 16;
  struct Shard {
    mutable std::shared_mutex mutex;
    ExpiryMap jtis;      // GUARDED_BY(mutex)
    ExpiryMap families;  // GUARDED_BY(mutex)
    IdSet api_keys;      // GUARDED_BY(mutex)
  };

  Shard& shardFor(std::string_view id) { return shards_[Hash{}(id) % kShards]; }
  const Shard& shardFor(std::string_view id) const { return shards_[Hash{}(id) % kShards]; }
  bool isLive(const ExpiryMap Shard::*map, std::string_view id) const;
  void add(ExpiryMap Shard::*map, std::string id, store::Timestamp expires_at);

  const Clock& clock_;
  std::array<Shard, kShards> shards_;
};

}  // namespace tars::identity
