#include "http/filters/ratelimit/login_user_limit.h"

#include "http/filters/ratelimit/ratelimit_filter.h"
#include "http/filters/ratelimit/ratelimit_keys.h"
#include "http/filters/ratelimit/ratelimit_responses.h"

namespace tars::http::filters {

std::optional<Response> LoginUserLimit::check(std::string_view username, const Request& request,
                                              RequestContext& ctx) const {
  const ratelimit::RateClass& rate_class = policy_->get(ratelimit::ClassId::kLoginUser);
  auto decision = limiter_.decide(ratelimit::loginUserKey(username), rate_class);
  if (!decision.isOk())
    return limiterUnavailable(request.path(), ctx.request_id);
  ratelimit::Decision combined = *decision;
  if (ctx.rate_limit) {
    ratelimit::Decision auth;
    auth.allowed = true;
    auth.limit = ctx.rate_limit->limit;
    auth.remaining = ctx.rate_limit->remaining;
    auth.reset_at = ctx.rate_limit->reset_at;
    combined = ratelimit::tighter(auth, *decision);
  }
  ctx.rate_limit = rateLimitHeaders(combined);
  if (decision->allowed)
    return std::nullopt;
  recordRateLimitRefusal(audit_, ctx, requestClientAddress(request, ctx, trusted_),
                         rate_class.name());
  return tooManyRequests(*decision, request.path(), ctx.request_id);
}

}  // namespace tars::http::filters
