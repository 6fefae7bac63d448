#pragma once
// RateLimitRuntime: the rate-limiting engine of `tars serve`, assembled from the config
// (tars.md §4): the policy and trusted proxies, the memory token bucket, and with
// `ratelimit.backend: redis` the Redis limiter behind the failover limiter (memory fallback or
// fail closed, circuit breaker). It also checks at start that every route names a known class.
//
// Lifetimes: `clock` and `registry` must outlive the runtime; the filter and the login limit
// built on it must not outlive it.
// Thread safety: every accessor is thread-safe.

#include <memory>
#include <vector>

#include "core/clock.h"
#include "core/config/config.h"
#include "core/status.h"
#include "http/router/route_spec.h"
#include "metrics/registry.h"
#include "ratelimit/client_address.h"
#include "ratelimit/limiter.h"
#include "ratelimit/policy.h"

namespace tars::ratelimit {
class FailoverLimiter;
class RateLimitMetrics;
}  // namespace tars::ratelimit

namespace tars::app {

class RateLimitRuntime {
 public:
  // Fails with kInvalidArgument naming the key on a bad ratelimit.* / redis.* value, or naming
  // the route whose rate class is not a §4.1 class, "auto" or "exempt". Does no network I/O: a
  // Redis that is down at start is found by the first decision (and answered from memory).
  static StatusOr<std::unique_ptr<RateLimitRuntime>> Start(
      const config::Config& config, const Clock& clock, metrics::Registry& registry,
      const std::vector<http::RouteSpec>& routes);
  ~RateLimitRuntime();

  ratelimit::Limiter& limiter() const { return *limiter_; }
  const ratelimit::PolicyConstSharedPtr& policy() const { return policy_; }
  const ratelimit::TrustedProxies& trustedProxies() const { return trusted_; }

  // Whether decisions come from Redis through the failover limiter.
  bool sharedBackend() const { return failover_ != nullptr; }
  // The readiness check `ratelimit` (tars.md §10.2): an error while the breaker is open or
  // probing (decisions from memory, or refused in failure_mode closed); OK otherwise.
  Status fallbackStatus() const;

 private:
  RateLimitRuntime() = default;

  std::unique_ptr<ratelimit::RateLimitMetrics> metrics_;
  ratelimit::PolicyConstSharedPtr policy_;
  ratelimit::TrustedProxies trusted_;
  ratelimit::LimiterPtr limiter_;
  ratelimit::FailoverLimiter* failover_ = nullptr;  // = limiter_ with the Redis backend
};

}  // namespace tars::app
