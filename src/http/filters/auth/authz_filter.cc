#include "http/filters/auth/authz_filter.h"

#include <utility>

#include "http/filters/auth/auth_problem.h"
#include "identity/audit/audit_recorder.h"

namespace tars::http::filters {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::string_view kMetricsScope = "metrics:read";

}  // namespace

std::vector<identity::AuthMetrics::RouteRequirement> AuthzFilter::protectedRoutes(
    const std::vector<RouteSpec>& routes) {
  std::vector<identity::AuthMetrics::RouteRequirement> out;
  for (const RouteSpec& r : routes) {
    if (r.access.needsCredentials())
      out.emplace_back(r.path, r.access.describe());
  }
  return out;
}

AuthzFilter::AuthzFilter(const std::vector<RouteSpec>& routes, identity::AuthMetrics& metrics,
                         identity::AuditRecorder* audit)
    : metrics_(metrics), audit_(audit) {
  std::size_t next = 0;
  for (const RouteSpec& r : routes) {
    if (denial_index_.size() <= r.index)
      denial_index_.resize(r.index + 1, kNone);
    if (r.access.needsCredentials())
      denial_index_[r.index] = next++;
  }
}

FilterResult AuthzFilter::onRequestHeaders(const Request& request, RequestContext& ctx) {
  // A credential refusal nobody sent yet (no rate-limit filter before us): fail closed with it.
  if (ctx.deferred_refusal)
    return std::exchange(ctx.deferred_refusal, std::nullopt);
  if (ctx.route == nullptr || ctx.principal == nullptr)
    return std::nullopt;  // public route, or /metrics open to this peer
  const AccessRule& access = ctx.route->access;
  const identity::Principal& p = *ctx.principal;
  switch (access.kind) {
    case AccessRule::Kind::kUser:
      if (p.type != identity::PrincipalType::kUser)
        return deny(request, ctx, identity::AuthFailure::kInsufficientRole, "viewer", {});
      break;
    case AccessRule::Kind::kRole:
      if (!p.hasRole(access.min_role))
        return deny(request, ctx, identity::AuthFailure::kInsufficientRole,
                    identity::roleName(access.min_role), {});
      break;
    case AccessRule::Kind::kScopes:
      for (const std::string& scope : access.scopes) {
        if (!p.hasScope(scope))
          return deny(request, ctx, identity::AuthFailure::kInsufficientScope, {}, scope);
      }
      break;
    case AccessRule::Kind::kMetrics:
      if (!p.hasRole(identity::Role::kViewer) && !p.hasScope(kMetricsScope))
        return deny(request, ctx, identity::AuthFailure::kInsufficientScope, {}, kMetricsScope);
      break;
    default:
      break;
  }
  return std::nullopt;
}

FilterResult AuthzFilter::deny(const Request& request, RequestContext& ctx,
                               identity::AuthFailure failure, std::string_view min_role,
                               std::string_view scope) {
  ctx.auth_outcome = failure;
  if (ctx.route->index < denial_index_.size() && denial_index_[ctx.route->index] != kNone)
    metrics_.authzDenied(denial_index_[ctx.route->index]);
  if (audit_ != nullptr) {
    identity::AuditEntry e;
    e.type = "authz.denied";
    e.outcome = "denied";
    e.actor_type = std::string(identity::principalTypeName(ctx.principal->type));
    e.actor_id = ctx.principal->id;
    e.source_ip = ctx.remote_address;
    e.request_id = ctx.request_id;
    e.details["route"] = ctx.route->path;
    e.details["required"] = ctx.route->access.describe();
    audit_->record(std::move(e));
  }
  return authProblem(failure, request, ctx, min_role, scope);
}

}  // namespace tars::http::filters
