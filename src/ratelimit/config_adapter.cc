#include "ratelimit/config_adapter.h"

#include <optional>
#include <string>

#include "redis/redis_config.h"

namespace tars::ratelimit {

StatusOr<std::vector<RateClass>> rateClassesFromConfig(const config::RateLimitConfig& config) {
  std::vector<RateClass> classes;
  classes.reserve(config.classes.size());
  for (const auto& [name, c] : config.classes) {
    std::optional<ClassId> id = classIdFromName(name);
    if (!id) {
      return invalidArgument("ratelimit.classes: unknown class '" + name + "'");
    }
    classes.push_back(RateClass{*id, c.limit, c.window_seconds,
                                c.algorithm == config::RateLimitAlgorithm::kGcra
                                    ? Algorithm::kGcra
                                    : Algorithm::kSlidingWindow});
  }
  return classes;
}

StatusOr<PolicyConstSharedPtr> policyFromConfig(const config::RateLimitConfig& config) {
  TARS_ASSIGN_OR_RETURN(std::vector<RateClass> classes, rateClassesFromConfig(config));
  return Policy::Create(classes);
}

StatusOr<TrustedProxies> trustedProxiesFromConfig(const config::RateLimitConfig& config) {
  return TrustedProxies::Create(config.trusted_proxies);
}

MemoryOptions memoryOptionsFromConfig(const config::RateLimitConfig& config) {
  MemoryOptions options;
  options.max_keys = config.memory.max_keys;
  return options;
}

FailoverOptions failoverOptionsFromConfig(const config::RateLimitConfig& config) {
  FailoverOptions options;
  options.failure_mode = config.failure_mode == config::RateLimitFailureMode::kClosed
                             ? FailureMode::kClosed
                             : FailureMode::kLocal;
  options.breaker.failure_threshold = config.breaker.failure_threshold;
  options.breaker.open_seconds = config.breaker.open_seconds;
  return options;
}

StatusOr<RedisOptions> redisOptionsFromConfig(const config::RedisConfig& config) {
  return ::tars::redis::redisOptionsFromConfig(config);
}

}  // namespace tars::ratelimit
