#include "http/filters/ratelimit/ratelimit_responses.h"

#include <algorithm>
#include <string>

#include "http/filter/problem.h"

namespace tars::http::filters {

RateLimitHeaders rateLimitHeaders(const ratelimit::Decision& decision) {
  return {decision.limit, std::max<std::int64_t>(decision.remaining, 0), decision.reset_at};
}

void applyRateLimitHeaders(const RateLimitHeaders& headers, Response& response) {
  response.setHeader("X-RateLimit-Limit", std::to_string(headers.limit));
  response.setHeader("X-RateLimit-Remaining", std::to_string(headers.remaining));
  response.setHeader("X-RateLimit-Reset", std::to_string(headers.reset_at));
}

Response tooManyRequests(const ratelimit::Decision& decision, std::string_view instance,
                         std::string_view request_id) {
  // A refusal always names a wait of at least one second (§4.3), whatever the backend said.
  const std::int64_t retry_after = std::max<std::int64_t>(decision.retry_after, 1);
  Problem p;
  p.status = 429;
  p.slug = "rate-limited";
  p.detail = "Rate limit exceeded. Retry after " + std::to_string(retry_after) + " seconds";
  p.integer_extensions.emplace_back("retry_after", retry_after);
  Response r = problemResponse(p, instance, request_id);
  r.setHeader("Retry-After", std::to_string(retry_after));
  return r;
}

Response limiterUnavailable(std::string_view instance, std::string_view request_id) {
  Response r =
      problemResponse(503, "service-unavailable", "Rate limiter unavailable", instance, request_id);
  r.setHeader("Retry-After", "1");
  return r;
}

}  // namespace tars::http::filters
