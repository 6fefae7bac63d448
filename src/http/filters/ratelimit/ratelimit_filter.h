#pragma once
// RateLimitFilter: the rate-limit step of the chain (ARCHITECTURE.md "Request flow", after authn,
// before authz; tars.md §4).
//
// Every request to a non-exempt route is charged to one class and key (ratelimit_keys.h). An
// allowed request continues; a refused one is answered 429 (Retry-After, "retry_after") and
// recorded as the aggregated audit event `rate_limit.exceeded`; a limiter that cannot decide
// (failure_mode closed) answers 503. A request whose credentials failed is charged to `public`
// first, then gets its deferred 401 (or the 429). onResponse writes X-RateLimit-* with the values
// of this request's decision on whatever response goes out — the handler's, another filter's or
// the 429 itself — and none on exempt routes.
//
// The decision is taken on the I/O thread: memory decisions take well under a microsecond, a
// Redis decision one loopback round trip bounded by redis.command_timeout_ms, after which the
// failover limiter decides from memory.
//
// Thread safety: one instance serves every thread; its config is immutable and the limiter is
// thread-safe.

#include <memory>
#include <string_view>

#include "http/filter/filter.h"
#include "ratelimit/client_address.h"
#include "ratelimit/limiter.h"
#include "ratelimit/policy.h"

namespace tars::identity {
class AuditRecorder;
}

namespace tars::http::filters {

struct RateLimitFilterConfig {
  ratelimit::PolicyConstSharedPtr policy;     // classes and limits
  ratelimit::TrustedProxies trusted_proxies;  // whose X-Forwarded-For is believed
  ratelimit::Limiter* limiter = nullptr;      // decides; must outlive the filter
  identity::AuditRecorder* audit = nullptr;   // rate_limit.exceeded; may be null
};

class RateLimitFilter final : public Filter {
 public:
  explicit RateLimitFilter(RateLimitFilterConfig config) : config_(std::move(config)) {}

  FilterResult onRequestHeaders(const Request& request, RequestContext& ctx) override;
  void onResponse(const Request& request, RequestContext& ctx, Response& response) override;

 private:
  const RateLimitFilterConfig config_;
};

// Records the aggregated audit event of a refusal (tars.md §3.9): actor = the principal, or
// anonymous from `client_address`; details name the class and the route. `audit` may be null.
void recordRateLimitRefusal(identity::AuditRecorder* audit, const RequestContext& ctx,
                            std::string_view client_address, std::string_view class_name);

}  // namespace tars::http::filters
