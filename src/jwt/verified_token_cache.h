#pragma once
// VerifiedTokenCache: a bounded LRU of tokens whose signature and claims were verified, so a
// repeated RS256/ES256 token costs a SHA-256 and a lookup instead of a signature check.
//
// - Keyed by SHA-256 of the exact token text (collision resistance: no attacker-chosen token can
//   hit another token's entry); the token itself is not stored.
// - An entry is never returned at or after its token's `exp` (leeway is not applied here: the
//   cache is only ever stricter than a full verification) and is dropped then.
// - An entry carries the key source generation it was verified under; a lookup with another
//   generation (a key revoked, removed or replaced) misses and drops it.
// - At most `max_entries` entries; the least recently used goes first.
// One cache belongs to one TokenVerifier (one issuer, audience and key source): entries say
// nothing about other policies.
//
// Thread safety: thread-safe (one mutex; the hash is computed outside it).

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "jwt/verified_token.h"

namespace tars::jwt {

class VerifiedTokenCache {
 public:
  using Digest = std::array<std::uint8_t, 32>;

  // REQUIRES: max_entries > 0.
  explicit VerifiedTokenCache(std::size_t max_entries = 10000) : max_entries_(max_entries) {}

  // SHA-256 of `token` (exposed so a caller can hash once for lookup and insert).
  static Digest digestOf(std::string_view token);

  // The cached verification of the token with `digest`, if present, not expired at `now` and
  // verified under `generation`; null otherwise.
  VerifiedTokenConstSharedPtr lookup(const Digest& digest,
                                     std::chrono::system_clock::time_point now,
                                     std::uint64_t generation);

  // Remembers `token` (ignored when already expired at `now`).
  void insert(const Digest& digest, VerifiedTokenConstSharedPtr token,
              std::chrono::system_clock::time_point now, std::uint64_t generation);

  std::size_t size() const;
  void clear();

 private:
  struct DigestHash {
    std::size_t operator()(const Digest& d) const;
  };
  struct Entry {
    Digest digest;
    VerifiedTokenConstSharedPtr token;
    std::uint64_t generation;
  };
  using List = std::list<Entry>;

  const std::size_t max_entries_;
  mutable std::mutex mu_;
  List lru_;                                                      // GUARDED_BY(mu_), front = newest
  std::unordered_map<Digest, List::iterator, DigestHash> index_;  // GUARDED_BY(mu_)
};

}  // namespace tars::jwt
