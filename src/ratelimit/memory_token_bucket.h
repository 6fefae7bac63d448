#pragma once
// MemoryTokenBucket: the in-process limiter (spec/tars.md §4.4) — `ratelimit.backend: memory` and
// the fallback of the failover limiter.
//
// Per (class, key) a token bucket with capacity = limit that refills limit / window tokens per
// second, starts full, and takes one token per allowed request; remaining = floor(tokens),
// retry_after = ceil((1 − tokens) / rate) seconds, reset_at = when the bucket is full again.
// Arithmetic is exact (integers in microseconds): exactly `limit` requests pass in a burst.
//
// Memory is bounded: at most MemoryOptions::max_keys buckets over all shards. A bucket that has
// refilled completely carries no information and is dropped first (a few are dropped on every
// new key, so idle keys go away by themselves); when a shard is full of partly used buckets, its
// least recently used bucket is dropped. A flood of distinct keys therefore never grows memory past
// the cap; it can only make an attacker's own old buckets be forgotten.
//
// All time comes from the Clock: monotonicNow() for refill, now() for reset_at.
// Thread safety: thread-safe; keys are spread over independently locked shards by hash.
// decide() never fails.

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "core/status.h"
#include "ratelimit/limiter.h"
#include "ratelimit/options.h"
#include "ratelimit/ratelimit_metrics.h"

namespace tars::ratelimit {

class MemoryTokenBucket final : public Limiter {
 public:
  // `clock` and `metrics` (may be null: no metrics) must outlive the limiter.
  // Fails with kInvalidArgument when max_keys or shards is < 1.
  static StatusOr<std::unique_ptr<MemoryTokenBucket>> Create(const MemoryOptions& options,
                                                             const Clock& clock,
                                                             RateLimitMetrics* metrics);
  ~MemoryTokenBucket() override;

  MemoryTokenBucket(const MemoryTokenBucket&) = delete;
  MemoryTokenBucket& operator=(const MemoryTokenBucket&) = delete;

  // Limiter::
  // Always OK. REQUIRES: rate_class.limit ≥ 1 and rate_class.window_seconds ≥ 1.
  StatusOr<Decision> decide(std::string_view key, const RateClass& rate_class) override;

  // Buckets held now (all shards), ≤ MemoryOptions::max_keys.
  std::size_t size() const noexcept { return size_.load(std::memory_order_relaxed); }

  // Drops every bucket that has refilled completely; returns how many. Optional housekeeping
  // (decide() already drops some on every new key); cost O(size()).
  std::size_t evictFull();

 private:
  struct Bucket {
    std::string key;         // the caller's key (owns the bytes the index points into)
    ClassId class_id{};      // the class the bucket belongs to (part of its identity)
    int32_t limit = 0;       // the class limit the state was computed with
    int64_t window_us = 0;   // the class window the state was computed with
    int64_t tokens = 0;      // scaled: one token = window_us units; capacity = limit × window_us
    int64_t last_us = 0;     // monotonic time of the last refill
    int64_t full_at_us = 0;  // monotonic time at which the bucket is full again
  };
  using BucketList = std::list<Bucket>;  // front = most recently used

  struct IndexKey {
    std::size_t hash;
    ClassId class_id;
    std::string_view bytes;  // points into Bucket::key
    bool operator==(const IndexKey& o) const {
      return hash == o.hash && class_id == o.class_id && bytes == o.bytes;
    }
  };
  struct IndexHash {
    std::size_t operator()(const IndexKey& k) const noexcept { return k.hash; }
  };

  struct alignas(64) Shard {
    std::mutex mutex;
    BucketList lru;                                                       // GUARDED_BY(mutex)
    std::unordered_map<IndexKey, BucketList::iterator, IndexHash> index;  // GUARDED_BY(mutex)
    std::size_t capacity = 0;                                             // set once at Create
  };

  MemoryTokenBucket(const Clock& clock, RateLimitMetrics* metrics, std::size_t max_keys,
                    std::size_t shard_count);

  // Removes `it` from `shard`. REQUIRES: shard.mutex held.
  void erase(Shard& shard, BucketList::iterator it);
  // Drops full buckets from the LRU end of `shard` (at most `max_drops`), and when the shard is
  // still at capacity, the least recently used bucket. REQUIRES: shard.mutex held.
  void makeRoom(Shard& shard, int64_t now_us, int max_drops);

  const Clock& clock_;
  RateLimitMetrics* const metrics_;
  const std::size_t shard_count_;
  std::unique_ptr<Shard[]> shards_;
  std::atomic<std::size_t> size_{0};
};

}  // namespace tars::ratelimit
