#include "ratelimit/redis/redis_limiter.h"

#include <cstdio>
#include <random>

#include "ratelimit/redis/gcra.h"
#include "ratelimit/redis/sliding_window.h"

namespace tars::ratelimit::redis {

using ::tars::redis::Client;

std::string redisKey(const RateClass& rate_class, std::string_view client_key) {
  std::string key;
  key.reserve(11 + rate_class.name().size() + client_key.size());
  key.append("ratelimit:").append(rate_class.name()).append(":").append(client_key);
  return key;
}

ErrorReason errorReasonOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kDeadlineExceeded:
      return ErrorReason::kTimeout;
    case StatusCode::kUnavailable:
      return ErrorReason::kConnection;
    default:
      return ErrorReason::kScript;
  }
}

StatusOr<std::unique_ptr<RedisLimiter>> RedisLimiter::Create(std::unique_ptr<Client> client,
                                                             const RedisLimiterOptions& options,
                                                             RateLimitMetrics* metrics) {
  if (!client) {
    return invalidArgument("RedisLimiter needs a Redis client");
  }
  uint64_t instance_id = 0;
  if (options.instance_id) {
    instance_id = *options.instance_id;
  } else {
    std::random_device random;
    instance_id = (static_cast<uint64_t>(random()) << 32) ^ random();
  }
  // Best effort: a Redis that is down now is retried on the first decisions.
  if (client->loadScript(slidingWindowScript()).isOk()) {
    (void)client->loadScript(gcraScript());
  }
  return std::unique_ptr<RedisLimiter>(new RedisLimiter(std::move(client), instance_id, metrics));
}

StatusOr<Decision> RedisLimiter::decide(std::string_view key, const RateClass& rate_class) {
  const std::string redis_key = redisKey(rate_class, key);
  StatusOr<Decision> decision = [&]() -> StatusOr<Decision> {
    if (rate_class.algorithm == Algorithm::kGcra) {
      return decideGcra(*client_, redis_key, rate_class);
    }
    char request_id[40];
    const int n = std::snprintf(
        request_id, sizeof(request_id), "%016llx-%llx",
        static_cast<unsigned long long>(instance_id_),
        static_cast<unsigned long long>(next_request_.fetch_add(1, std::memory_order_relaxed)));
    return decideSlidingWindow(*client_, redis_key, rate_class,
                               std::string_view(request_id, static_cast<std::size_t>(n)));
  }();
  if (metrics_ != nullptr) {
    if (decision.isOk()) {
      metrics_->recordDecision(rate_class.id, decision->allowed, Backend::kRedis);
    } else {
      metrics_->recordBackendError(errorReasonOf(decision.status()));
    }
  }
  return decision;
}

}  // namespace tars::ratelimit::redis
