#pragma once
// The bridge from the typed Config (core/config/config.h) to the engine's small option structs,
// so that nothing else in ratelimit/ sees config::Config. The App picks the backend (ARCHITECTURE
// "composition root"); these functions only translate.
//
// Errors are kInvalidArgument naming the config key; a redis.url is shown only redacted and its
// password never appears.
//
// Thread safety: pure functions.

#include <vector>

#include "core/config/config.h"
#include "core/status.h"
#include "ratelimit/client_address.h"
#include "ratelimit/options.h"
#include "ratelimit/policy.h"
#include "ratelimit/rate_class.h"

namespace tars::ratelimit {

// ratelimit.classes → RateClass values; fails on a class name outside §4.1.
StatusOr<std::vector<RateClass>> rateClassesFromConfig(const config::RateLimitConfig& config);

// The Policy of ratelimit.classes.
StatusOr<PolicyConstSharedPtr> policyFromConfig(const config::RateLimitConfig& config);

// ratelimit.trusted_proxies.
StatusOr<TrustedProxies> trustedProxiesFromConfig(const config::RateLimitConfig& config);

MemoryOptions memoryOptionsFromConfig(const config::RateLimitConfig& config);
FailoverOptions failoverOptionsFromConfig(const config::RateLimitConfig& config);

// redis.url and the redis.* timeouts and pool size: redis::redisOptionsFromConfig
// (redis/redis_config.h), which the App also uses for the revocation broadcast.
StatusOr<RedisOptions> redisOptionsFromConfig(const config::RedisConfig& config);

}  // namespace tars::ratelimit
