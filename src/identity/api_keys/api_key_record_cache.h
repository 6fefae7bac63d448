#pragma once
// ApiKeyRecordCache: API key records recently read from the store, so that verifying a key does
// not cost a database round trip per request (tars.md §3.10: verification < 1 ms).
//
// An entry is served for `ttl` after it was read (Clock's monotonic time); after that the caller
// reads the store again. evict() drops an entry at once (a revocation or rotation made or learned
// by this process). Only keys that exist are cached: unknown key ids are random under attack, so
// caching them would only grow memory.
//
// A read that started before an evict() must not put its (now stale) record back: callers take a
// ticket() before reading the store and insert() with it; insert() ignores a record whose ticket
// predates the last eviction.
//
// The cache holds at most `max_entries`; when full, expired entries are dropped, and if none are,
// the whole cache is cleared (it refills from the store).
//
// Thread safety: thread-safe.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "store/api_keys.h"

namespace tars::identity {

using ApiKeyRecordConstSharedPtr = std::shared_ptr<const store::ApiKeyRecord>;

class ApiKeyRecordCache {
 public:
  ApiKeyRecordCache(const Clock& clock, std::chrono::milliseconds ttl, std::size_t max_entries);

  // The cached record for `key_id` if it is younger than the TTL; nullptr otherwise.
  ApiKeyRecordConstSharedPtr find(std::string_view key_id) const;

  // Take before reading the store; pass to insert().
  std::uint64_t ticket() const;

  // Caches `record` (read from the store after `ticket` was taken) unless an eviction happened
  // since. A TTL of zero caches nothing.
  void insert(ApiKeyRecordConstSharedPtr record, std::uint64_t ticket);

  // Drops the entry for `key_id` and invalidates reads in flight.
  void evict(std::string_view key_id);

  std::size_t size() const;

 private:
  using MonoTime = std::chrono::steady_clock::time_point;
  struct Entry {
    ApiKeyRecordConstSharedPtr record;
    MonoTime fetched_at;
  };

  const Clock& clock_;
  const std::chrono::milliseconds ttl_;
  const std::size_t max_entries_;

  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mutex_)
  std::uint64_t evictions_ = 0;                     // GUARDED_BY(mutex_)
};

}  // namespace tars::identity
