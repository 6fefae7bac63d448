#pragma once
// RedisLimiter: the shared limiter of `ratelimit.backend: redis` (spec/tars.md §4.4, §4.5).
//
// Each class uses its configured algorithm (sliding window by default, or GCRA) on the key
// "ratelimit:<class>:<client key>" with expiry = window; one EVALSHA round trip per decision;
// the scripts read Redis TIME, so all replicas share one clock. Errors are returned, never turned
// into a decision: wrap this limiter in a FailoverLimiter (failover_limiter.h).
//
// Thread safety: thread-safe.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ratelimit/limiter.h"
#include "ratelimit/options.h"
#include "ratelimit/ratelimit_metrics.h"
#include "redis/client.h"

namespace tars::ratelimit::redis {

// "ratelimit:<class>:<client key>" (§4.5); the client key's bytes are kept as they are.
std::string redisKey(const RateClass& rate_class, std::string_view client_key);

// The `reason` label of a tars::redis::Client error: kDeadlineExceeded → timeout, kUnavailable →
// connection, anything else → script.
ErrorReason errorReasonOf(const Status& status);

class RedisLimiter final : public Limiter {
 public:
  // Takes the client; `metrics` (may be null) must outlive the limiter. Tries to load both scripts
  // (best effort: Redis may be down at start; EVALSHA loads them on NOSCRIPT later).
  static StatusOr<std::unique_ptr<RedisLimiter>> Create(
      std::unique_ptr<::tars::redis::Client> client, const RedisLimiterOptions& options,
      RateLimitMetrics* metrics);

  // Limiter::
  // Errors as Client::evalScript(); each is counted in tars_ratelimit_backend_errors_total.
  StatusOr<Decision> decide(std::string_view key, const RateClass& rate_class) override;

  ::tars::redis::Client& client() { return *client_; }

 private:
  RedisLimiter(std::unique_ptr<::tars::redis::Client> client, uint64_t instance_id,
               RateLimitMetrics* metrics)
      : client_(std::move(client)), instance_id_(instance_id), metrics_(metrics) {}

  const std::unique_ptr<::tars::redis::Client> client_;
  const uint64_t instance_id_;
  RateLimitMetrics* const metrics_;
  std::atomic<uint64_t> next_request_{0};
};

}  // namespace tars::ratelimit::redis
