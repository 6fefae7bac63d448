#include "ratelimit/memory_token_bucket.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <new>

#include "ratelimit/time_math.h"

namespace tars::ratelimit {
namespace {

// Full buckets dropped from the LRU end whenever a new key arrives, so that idle keys leave
// without a sweeper thread.
constexpr int kDropsPerInsert = 2;
// How far from the LRU end a full shard looks for a full bucket before dropping the LRU one.
constexpr int kDropsWhenFull = 8;

std::size_t hashKey(std::string_view key, ClassId class_id) {
  std::size_t h = std::hash<std::string_view>{}(key);
  return h ^ ((static_cast<std::size_t>(class_id) + 1) * 0x9E3779B97F4A7C15ULL);
}

}  // namespace

StatusOr<std::unique_ptr<MemoryTokenBucket>> MemoryTokenBucket::Create(const MemoryOptions& options,
                                                                       const Clock& clock,
                                                                       RateLimitMetrics* metrics) {
  if (options.max_keys < 1) {
    return invalidArgument("ratelimit.memory.max_keys must be at least 1");
  }
  if (options.shards < 1) {
    return invalidArgument("the memory limiter needs at least one shard");
  }
  const auto max_keys = static_cast<std::size_t>(options.max_keys);
  const std::size_t shard_count = std::min(max_keys, static_cast<std::size_t>(options.shards));
  try {
    return std::unique_ptr<MemoryTokenBucket>(
        new MemoryTokenBucket(clock, metrics, max_keys, shard_count));
  } catch (const std::bad_alloc&) {
    return internalError("out of memory creating the memory rate limiter");
  }
}

MemoryTokenBucket::MemoryTokenBucket(const Clock& clock, RateLimitMetrics* metrics,
                                     std::size_t max_keys, std::size_t shard_count)
    : clock_(clock), metrics_(metrics), shard_count_(shard_count), shards_(new Shard[shard_count]) {
  // Spread the cap so that the shards' capacities sum to exactly max_keys.
  for (std::size_t i = 0; i < shard_count_; ++i) {
    shards_[i].capacity = max_keys / shard_count_ + (i < max_keys % shard_count_ ? 1 : 0);
    shards_[i].index.reserve(shards_[i].capacity);
  }
}

MemoryTokenBucket::~MemoryTokenBucket() {
  if (metrics_ != nullptr) {
    metrics_->addMemoryKeys(-static_cast<int64_t>(size()));
  }
}

StatusOr<Decision> MemoryTokenBucket::decide(std::string_view key, const RateClass& rate_class) {
  const int64_t limit = std::max(rate_class.limit, 1);
  const int64_t window_us =
      static_cast<int64_t>(std::max(rate_class.window_seconds, 1)) * 1'000'000;
  const int64_t capacity = limit * window_us;
  const int64_t now_us = toMicros(clock_.monotonicNow().time_since_epoch());

  const std::size_t hash = hashKey(key, rate_class.id);
  Shard& shard = shards_[(hash ^ (hash >> 33)) % shard_count_];

  Decision decision;
  int64_t until_full_us = 0;
  {
    std::lock_guard<std::mutex> lock(shard.mutex);
    auto found = shard.index.find(IndexKey{hash, rate_class.id, key});
    Bucket* bucket;
    if (found != shard.index.end()) {
      BucketList::iterator it = found->second;
      shard.lru.splice(shard.lru.begin(), shard.lru, it);
      bucket = &*it;
      const int64_t elapsed = std::max<int64_t>(now_us - bucket->last_us, 0);
      if (bucket->limit != limit || bucket->window_us != window_us) {
        // The class changed (config reload): keep the whole tokens it had, within the new cap.
        const int64_t old_cap = static_cast<int64_t>(bucket->limit) * bucket->window_us;
        const int64_t refilled = elapsed >= bucket->window_us
                                     ? old_cap
                                     : std::min(old_cap, bucket->tokens + elapsed * bucket->limit);
        bucket->tokens = std::min(refilled / bucket->window_us, limit) * window_us;
        bucket->limit = static_cast<int32_t>(limit);
        bucket->window_us = window_us;
      } else {
        bucket->tokens =
            elapsed >= window_us ? capacity : std::min(capacity, bucket->tokens + elapsed * limit);
      }
      bucket->last_us = now_us;
    } else {
      makeRoom(shard, now_us, kDropsPerInsert);
      shard.lru.push_front(Bucket{std::string(key), rate_class.id, static_cast<int32_t>(limit),
                                  window_us, capacity, now_us, now_us});
      BucketList::iterator it = shard.lru.begin();
      shard.index.emplace(IndexKey{hash, rate_class.id, it->key}, it);
      size_.fetch_add(1, std::memory_order_relaxed);
      if (metrics_ != nullptr) {
        metrics_->addMemoryKeys(1);
      }
      bucket = &*it;
    }

    decision.allowed = bucket->tokens >= window_us;
    if (decision.allowed) {
      bucket->tokens -= window_us;
    } else {
      // Units missing for one token, refilled at `limit` units per microsecond.
      const int64_t wait_us = ceilDiv(window_us - bucket->tokens, limit);
      decision.retry_after = std::max<int64_t>(1, ceilDiv(wait_us, 1'000'000));
    }
    until_full_us = ceilDiv(capacity - bucket->tokens, limit);
    bucket->full_at_us = now_us + until_full_us;
    decision.remaining = bucket->tokens / window_us;
  }
  decision.limit = limit;
  const int64_t wall_us = toMicros(clock_.now().time_since_epoch());
  decision.reset_at = ceilDiv(wall_us + until_full_us, 1'000'000);
  if (metrics_ != nullptr) {
    metrics_->recordDecision(rate_class.id, decision.allowed, Backend::kMemory);
  }
  return decision;
}

void MemoryTokenBucket::erase(Shard& shard, BucketList::iterator it) {
  shard.index.erase(IndexKey{hashKey(it->key, it->class_id), it->class_id, it->key});
  shard.lru.erase(it);
  size_.fetch_sub(1, std::memory_order_relaxed);
  if (metrics_ != nullptr) {
    metrics_->addMemoryKeys(-1);
  }
}

void MemoryTokenBucket::makeRoom(Shard& shard, int64_t now_us, int max_drops) {
  // Full buckets at the LRU end carry no information: dropping them changes no decision.
  for (int i = 0; i < max_drops && !shard.lru.empty() && shard.lru.back().full_at_us <= now_us;
       ++i) {
    erase(shard, std::prev(shard.lru.end()));
  }
  if (shard.lru.size() < shard.capacity) {
    return;
  }
  // Still full: look a little further for a full bucket, else drop the least recently used.
  auto it = shard.lru.end();
  for (int i = 0; i < kDropsWhenFull && it != shard.lru.begin(); ++i) {
    --it;
    if (it->full_at_us <= now_us) {
      erase(shard, it);
      return;
    }
  }
  erase(shard, std::prev(shard.lru.end()));
}

std::size_t MemoryTokenBucket::evictFull() {
  const int64_t now_us = toMicros(clock_.monotonicNow().time_since_epoch());
  std::size_t dropped = 0;
  for (std::size_t i = 0; i < shard_count_; ++i) {
    Shard& shard = shards_[i];
    std::lock_guard<std::mutex> lock(shard.mutex);
    for (auto it = shard.lru.begin(); it != shard.lru.end();) {
      auto next = std::next(it);
      if (it->full_at_us <= now_us) {
        erase(shard, it);
        ++dropped;
      }
      it = next;
    }
  }
  return dropped;
}

}  // namespace tars::ratelimit
