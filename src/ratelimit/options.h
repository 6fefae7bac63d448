#pragma once
// Options of the rate-limiting engine: small value structs, every field defaulted (STYLE.md
// rule 5), built from the whole Config by config_adapter.h so that the engine itself never sees
// config::Config.

#include <cstdint>
#include <optional>
#include <string>

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

// Where and how to reach Redis. `password` is a secret: it is sent with AUTH and never appears in
// a Status message or a log line.
struct RedisOptions {
  std::string host = "127.0.0.1";  // hostname or IP literal (no brackets)
  int port = 6379;                 // TCP port
  std::string username;            // ACL user (Redis 6+); empty = the default user
  std::string password;            // AUTH password; empty = no AUTH
  int db = 0;                      // SELECT index; 0 = no SELECT
  int connect_timeout_ms = 100;    // per connection attempt (redis.connect_timeout_ms)
  int command_timeout_ms = 25;     // per command read/write (redis.command_timeout_ms)
  int pool_size = 8;               // connections kept open at most
};

struct RedisLimiterOptions {
  // Distinguishes this process's sliding-window members from other replicas'; unset = random
  // (64 bits from std::random_device), which is what production wants.
  std::optional<uint64_t> instance_id;
};

}  // namespace tars::ratelimit
