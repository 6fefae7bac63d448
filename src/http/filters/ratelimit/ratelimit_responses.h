#pragma once
// The answers of the rate-limit filter (tars.md §4.3, §4.6): the X-RateLimit-* headers, the 429
// problem and the 503 of `failure_mode: closed`.
//
// Thread safety: pure functions.

#include <string_view>

#include "http/filter/request_context.h"
#include "http/response.h"
#include "ratelimit/limiter.h"

namespace tars::http::filters {

// The header values of a decision.
RateLimitHeaders rateLimitHeaders(const ratelimit::Decision& decision);

// Sets X-RateLimit-Limit, -Remaining and -Reset on `response`, replacing any earlier values.
void applyRateLimitHeaders(const RateLimitHeaders& headers, Response& response);

// 429 problem+json `rate-limited`, detail "Rate limit exceeded. Retry after <n> seconds",
// extension "retry_after": n, header Retry-After: n (n ≥ 1).
Response tooManyRequests(const ratelimit::Decision& decision, std::string_view instance,
                         std::string_view request_id);

// 503 `service-unavailable` "Rate limiter unavailable" with Retry-After: 1 (failure_mode closed).
Response limiterUnavailable(std::string_view instance, std::string_view request_id);

}  // namespace tars::http::filters
