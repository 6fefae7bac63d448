#include "ratelimit/failover_limiter.h"

#include <utility>

namespace tars::ratelimit {

StatusOr<std::unique_ptr<FailoverLimiter>> FailoverLimiter::Create(LimiterPtr primary,
                                                                   LimiterPtr fallback,
                                                                   const FailoverOptions& options,
                                                                   const Clock& clock,
                                                                   RateLimitMetrics* metrics) {
  if (!primary) {
    return invalidArgument("FailoverLimiter needs a primary limiter");
  }
  if (!fallback && options.failure_mode == FailureMode::kLocal) {
    return invalidArgument("ratelimit.failure_mode: local needs a memory fallback limiter");
  }
  return std::unique_ptr<FailoverLimiter>(
      new FailoverLimiter(std::move(primary), std::move(fallback), options, clock, metrics));
}

FailoverLimiter::FailoverLimiter(LimiterPtr primary, LimiterPtr fallback,
                                 const FailoverOptions& options, const Clock& clock,
                                 RateLimitMetrics* metrics)
    : primary_(std::move(primary)),
      fallback_(std::move(fallback)),
      failure_mode_(options.failure_mode),
      breaker_(options.breaker, clock),
      metrics_(metrics) {
  publishState();
}

StatusOr<Decision> FailoverLimiter::decide(std::string_view key, const RateClass& rate_class) {
  if (!breaker_.allowRequest()) {
    return fallBack(key, rate_class);
  }
  StatusOr<Decision> decision = primary_->decide(key, rate_class);
  if (decision.isOk()) {
    breaker_.onSuccess();
    publishState();
    return decision;
  }
  breaker_.onFailure();
  publishState();
  return fallBack(key, rate_class);
}

StatusOr<Decision> FailoverLimiter::fallBack(std::string_view key, const RateClass& rate_class) {
  if (failure_mode_ == FailureMode::kClosed) {
    return unavailable("Rate limiter unavailable");
  }
  return fallback_->decide(key, rate_class);
}

void FailoverLimiter::publishState() {
  if (metrics_ != nullptr) {
    metrics_->setFallbackActive(breaker_.isOpen());
  }
}

}  // namespace tars::ratelimit
