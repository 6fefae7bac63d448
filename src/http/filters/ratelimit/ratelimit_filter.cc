#include "http/filters/ratelimit/ratelimit_filter.h"

#include <utility>

#include "http/filters/ratelimit/ratelimit_keys.h"
#include "http/filters/ratelimit/ratelimit_responses.h"
#include "identity/audit/audit_recorder.h"

namespace tars::http::filters {

void recordRateLimitRefusal(identity::AuditRecorder* audit, const RequestContext& ctx,
                            std::string_view client_address, std::string_view class_name) {
  if (audit == nullptr)
    return;
  identity::AuditEntry e;
  e.type = "rate_limit.exceeded";
  e.outcome = "denied";
  if (ctx.principal != nullptr) {
    e.actor_type = std::string(identity::auditActorType(ctx.principal->type));
    e.actor_id = ctx.principal->id;
  } else {
    e.actor_type = "anonymous";
  }
  e.source_ip = std::string(client_address);
  e.request_id = ctx.request_id;
  e.details["class"] = class_name;
  if (ctx.route != nullptr)
    e.details["route"] = ctx.route->path;
  audit->record(std::move(e));
}

FilterResult RateLimitFilter::onRequestHeaders(const Request& request, RequestContext& ctx) {
  if (ctx.route == nullptr)
    return std::nullopt;
  const bool credentials_failed = ctx.deferred_refusal.has_value();
  const std::string client = requestClientAddress(request, ctx, config_.trusted_proxies);
  auto target = rateLimitTarget(*config_.policy, ctx.route->rate_class, ctx.principal.get(),
                                credentials_failed, client);
  if (!target)  // exempt: never limited, no headers; a pending 401 still goes out
    return std::exchange(ctx.deferred_refusal, std::nullopt);

  auto decision = config_.limiter->decide(target->key, *target->rate_class);
  if (!decision.isOk()) {  // failure_mode closed and Redis cannot decide: never fail open
    ctx.deferred_refusal.reset();
    return limiterUnavailable(request.path(), ctx.request_id);
  }
  ctx.rate_limit = rateLimitHeaders(*decision);
  if (!decision->allowed) {
    ctx.deferred_refusal.reset();
    recordRateLimitRefusal(config_.audit, ctx, client, target->rate_class->name());
    return tooManyRequests(*decision, request.path(), ctx.request_id);
  }
  return std::exchange(ctx.deferred_refusal, std::nullopt);
}

void RateLimitFilter::onResponse(const Request&, RequestContext& ctx, Response& response) {
  if (ctx.rate_limit)
    applyRateLimitHeaders(*ctx.rate_limit, response);
}

}  // namespace tars::http::filters
