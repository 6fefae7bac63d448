#include "http/filters/auth/authn_filter.h"

#include "http/filters/auth/auth_problem.h"
#include "identity/audit/audit_recorder.h"

namespace tars::http::filters {
AuthnFilter::AuthnFilter(const identity::Authenticator& authenticator,
                         identity::AuthMetrics& metrics, identity::AuditRecorder* audit,
                         const Clock& clock, std::function<bool(std::string_view)> metrics_open,
                         bool defer_refusals)
    : authenticator_(authenticator),
      metrics_(metrics),
      audit_(audit),
      clock_(clock),
      metrics_open_(std::move(metrics_open)),
      defer_refusals_(defer_refusals) {}

FilterResult AuthnFilter::onRequestHeaders(const Request& request, RequestContext& ctx) {
  if (ctx.route == nullptr || !ctx.route->access.needsCredentials())
    return std::nullopt;
  if (ctx.route->access.kind == AccessRule::Kind::kMetrics && metrics_open_ &&
      metrics_open_(ctx.remote_address))
    return std::nullopt;

  const auto started = clock_.monotonicNow();
  identity::Credentials credentials{request.header("authorization"), request.header("x-api-key")};
  identity::AuthnResult result = authenticator_.authenticate(credentials);
  ctx.auth_duration = clock_.monotonicNow() - started;
  ctx.auth_outcome = result.outcome;
  if (result.api_key_check)
    metrics_.apiKeyCheck(*result.api_key_check);
  if (result.ok()) {
    ctx.principal = std::move(result.principal);
    return std::nullopt;
  }
  if (audit_ != nullptr && result.outcome != jwt::Outcome::kMissingAuthHeader) {
    identity::AuditEntry e;
    const bool api_key = result.outcome == jwt::Outcome::kInvalidApiKey;
    e.type = api_key ? "api_key.invalid" : "auth.token.invalid";
    e.outcome = "failure";
    e.actor_type = api_key && !result.key_id.empty() ? "service" : "anonymous";
    if (api_key && !result.key_id.empty())
      e.actor_id = result.key_id;
    e.source_ip = ctx.remote_address;
    e.request_id = ctx.request_id;
    e.details["reason"] = result.reason;
    e.details["variant"] = jwt::metricLabel(result.outcome);
    e.details["route"] = ctx.route->path;
    audit_->record(std::move(e));
  }
  Response refusal = authProblem(result.outcome, request, ctx);
  if (!defer_refusals_)
    return refusal;
  ctx.deferred_refusal = std::move(refusal);
  return std::nullopt;
}

void AuthnFilter::onResponse(const Request&, RequestContext& ctx, Response&) {
  if (ctx.auth_outcome)
    metrics_.verification(*ctx.auth_outcome, ctx.auth_duration);
}

}  // namespace tars::http::filters
