#pragma once
// Options of the rate-limiting engine: small value structs, every field defaulted (STYLE.md
// rule 5), built from the whole Config by config_adapter.h so that the engine itself never sees
// config::Config.

#include <cstdint>
#include <optional>
#include <string>

#include "redis/options.h"

namespace tars::ratelimit {

struct MemoryOptions {
  int max_keys = 100000;  // buckets kept in all shards together (ratelimit.memory.max_keys)
  int shards = 32;        // independent lock domains; reduced to max_keys when that is smaller
};

struct BreakerOptions {
  int failure_threshold = 5;  // consecutive backend errors that open the breaker
  int open_seconds = 5;       // time open before one probe is let through
};

// What the failover limiter does when Redis cannot decide (spec/tars.md §4.6). There is no
// fail-open mode on purpose.
enum class FailureMode : uint8_t {
  kLocal,   // the memory token bucket decides
  kClosed,  // the request is refused with kUnavailable (503 "Rate limiter unavailable")
};

struct FailoverOptions {
  FailureMode failure_mode = FailureMode::kLocal;  // on a Redis error, timeout or open breaker
  BreakerOptions breaker;                          // when to stop calling Redis
};

// Where and how to reach Redis: the shared client's options (redis/options.h). The alias keeps
// the engine's existing spelling; new code names redis::RedisOptions.
using RedisOptions = ::tars::redis::RedisOptions;

struct RedisLimiterOptions {
  // Distinguishes this process's sliding-window members from other replicas'; unset = random
  // (64 bits from std::random_device), which is what production wants.
  std::optional<uint64_t> instance_id;
};

}  // namespace tars::ratelimit
