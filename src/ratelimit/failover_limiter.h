#pragma once
// FailoverLimiter: Redis first, memory when Redis cannot decide (spec/tars.md §4.6). Never fails
// open.
//
//   breaker closed (or the one half-open probe): ask the primary (Redis).
//     OK          → that decision; the breaker closes.
//     error       → counted by the breaker (failure_threshold in a row open it); then
//                   failure_mode local:  the fallback (memory token bucket) decides;
//                   failure_mode closed: kUnavailable "Rate limiter unavailable" (→ 503,
//                                        Retry-After: 1).
//   breaker open: Redis is not called at all; the fallback decides (local) or kUnavailable
//                 (closed). After open_seconds one probe goes to Redis; its success closes the
//                 breaker and shared decisions resume by themselves.
// While the breaker is not closed fallbackActive() is true and tars_ratelimit_fallback_active is 1
// (the readiness check `ratelimit` reports degraded).
//
// The fallback's buckets start full when it takes over: decisions continue per process, at the
// class limit, instead of shared across replicas.
//
// Thread safety: thread-safe.

#include <memory>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "ratelimit/circuit_breaker.h"
#include "ratelimit/limiter.h"
#include "ratelimit/options.h"
#include "ratelimit/ratelimit_metrics.h"

namespace tars::ratelimit {

class FailoverLimiter final : public Limiter {
 public:
  // `fallback` may be null only with FailureMode::kClosed. `clock` and `metrics` (may be null)
  // must outlive the limiter. Fails with kInvalidArgument without a primary, or without a fallback
  // in local mode.
  static StatusOr<std::unique_ptr<FailoverLimiter>> Create(LimiterPtr primary, LimiterPtr fallback,
                                                           const FailoverOptions& options,
                                                           const Clock& clock,
                                                           RateLimitMetrics* metrics);

  // Limiter::
  // Never an error in local mode; in closed mode kUnavailable whenever Redis cannot decide.
  StatusOr<Decision> decide(std::string_view key, const RateClass& rate_class) override;

  // True while the breaker is open or probing: Redis is being avoided.
  bool fallbackActive() const { return breaker_.isOpen(); }
  CircuitBreaker::State breakerState() const { return breaker_.state(); }

 private:
  FailoverLimiter(LimiterPtr primary, LimiterPtr fallback, const FailoverOptions& options,
                  const Clock& clock, RateLimitMetrics* metrics);

  StatusOr<Decision> fallBack(std::string_view key, const RateClass& rate_class);
  void publishState();

  const LimiterPtr primary_;
  const LimiterPtr fallback_;
  const FailureMode failure_mode_;
  CircuitBreaker breaker_;
  RateLimitMetrics* const metrics_;
};

}  // namespace tars::ratelimit
