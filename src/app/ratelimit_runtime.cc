#include "app/ratelimit_runtime.h"

#include "ratelimit/config_adapter.h"
#include "ratelimit/failover_limiter.h"
#include "ratelimit/memory_token_bucket.h"
#include "ratelimit/ratelimit_metrics.h"
#include "ratelimit/redis/redis_limiter.h"
#include "redis/client.h"

namespace tars::app {

namespace {

// Every route's declared class must be one the policy resolves (a typo in a route table would
// otherwise leave that route unlimited).
Status checkRouteClasses(const ratelimit::Policy& policy,
                         const std::vector<http::RouteSpec>& routes) {
  for (const auto& r : routes) {
    if (r.rate_class == "auto" || r.rate_class == "exempt" || policy.find(r.rate_class) != nullptr)
      continue;
    return invalidArgument("route " + std::string(http::methodName(r.method)) + " " + r.path +
                           ": unknown rate class '" + r.rate_class + "'");
  }
  return Status::ok();
}

}  // namespace

RateLimitRuntime::~RateLimitRuntime() = default;

StatusOr<std::unique_ptr<RateLimitRuntime>> RateLimitRuntime::Start(
    const config::Config& config, const Clock& clock, metrics::Registry& registry,
    const std::vector<http::RouteSpec>& routes) {
  std::unique_ptr<RateLimitRuntime> rt(new RateLimitRuntime());
  const config::RateLimitConfig& rl = config.ratelimit;
  TARS_ASSIGN_OR_RETURN(rt->metrics_, ratelimit::RateLimitMetrics::Create(registry));
  TARS_ASSIGN_OR_RETURN(rt->policy_, ratelimit::policyFromConfig(rl));
  TARS_ASSIGN_OR_RETURN(rt->trusted_, ratelimit::trustedProxiesFromConfig(rl));
  TARS_RETURN_IF_ERROR(checkRouteClasses(*rt->policy_, routes));

  TARS_ASSIGN_OR_RETURN(auto memory,
                        ratelimit::MemoryTokenBucket::Create(ratelimit::memoryOptionsFromConfig(rl),
                                                             clock, rt->metrics_.get()));
  if (rl.backend != config::RateLimitBackend::kRedis) {
    rt->limiter_ = std::move(memory);
    return rt;
  }
  TARS_ASSIGN_OR_RETURN(ratelimit::RedisOptions redis_options,
                        ratelimit::redisOptionsFromConfig(config.redis));
  TARS_ASSIGN_OR_RETURN(auto client, ::tars::redis::Client::Create(redis_options));
  TARS_ASSIGN_OR_RETURN(auto redis, ratelimit::redis::RedisLimiter::Create(std::move(client), {},
                                                                           rt->metrics_.get()));
  const ratelimit::FailoverOptions failover_options = ratelimit::failoverOptionsFromConfig(rl);
  ratelimit::LimiterPtr fallback;
  if (failover_options.failure_mode == ratelimit::FailureMode::kLocal)
    fallback = std::move(memory);
  TARS_ASSIGN_OR_RETURN(auto failover, ratelimit::FailoverLimiter::Create(
                                           std::move(redis), std::move(fallback), failover_options,
                                           clock, rt->metrics_.get()));
  rt->failover_ = failover.get();
  rt->limiter_ = std::move(failover);
  return rt;
}

Status RateLimitRuntime::fallbackStatus() const {
  if (failover_ != nullptr && failover_->fallbackActive())
    return unavailable("Redis circuit breaker open: decisions are per process");
  return Status::ok();
}

}  // namespace tars::app
