#pragma once
// AuthzFilter: checks 16–17 of tars.md §3.2 — the route's declared role or scopes against the
// principal the authn filter attached. Runs after rate limiting, so a denied caller still spends
// its budget. A denial answers 403 (InsufficientRole / InsufficientScope), replaces the request's
// auth outcome (counted once by the authn filter), counts tars_authz_denials_total{route,
// required} and records an aggregated `authz.denied` audit event.
//
// Thread safety: one instance serves every thread.

#include <string>
#include <vector>

#include "http/filter/filter.h"
#include "identity/auth_failure.h"
#include "identity/authn/auth_metrics.h"

namespace tars::identity {
class AuditRecorder;
}

namespace tars::http::filters {

class AuthzFilter final : public Filter {
 public:
  // `routes` is the router's table; the denial series are made for each protected route, in
  // this order (see protectedRoutes()).
  AuthzFilter(const std::vector<RouteSpec>& routes, identity::AuthMetrics& metrics,
              identity::AuditRecorder* audit);

  // {route template, requirement} of every route that needs credentials, in table order: the
  // fixed label set of tars_authz_denials_total.
  static std::vector<identity::AuthMetrics::RouteRequirement> protectedRoutes(
      const std::vector<RouteSpec>& routes);

  FilterResult onRequestHeaders(const Request& request, RequestContext& ctx) override;
  void onResponse(const Request&, RequestContext&, Response&) override {}

 private:
  FilterResult deny(const Request& request, RequestContext& ctx, identity::AuthFailure failure,
                    std::string_view min_role, std::string_view scope);

  identity::AuthMetrics& metrics_;
  identity::AuditRecorder* const audit_;
  std::vector<std::size_t> denial_index_;  // route index → series index (or npos)
};

}  // namespace tars::http::filters
