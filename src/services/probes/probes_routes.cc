#include "services/probes/probes_routes.h"

#include "http/filter/problem.h"

namespace tars::probes {
namespace {

using http::AccessRule;
using http::Method;
using http::Request;
using http::RequestContext;
using http::Response;
using http::RouteSpec;

RouteSpec probe(std::string path, http::Handler handler,
                AccessRule access = AccessRule::publicAccess()) {
  RouteSpec r;
  r.method = Method::kGet;
  r.path = std::move(path);
  r.group = "always";
  r.access = std::move(access);
  r.rate_class = "exempt";
  r.body_limit = 0;
  r.handler = std::move(handler);
  return r;
}

RouteSpec healthz(const ProbesService& s) {
  return probe("/healthz", [&s](const Request&, RequestContext&) -> http::HandlerResult {
    return Response::json(200, s.healthz());
  });
}

RouteSpec readyz(const ProbesService& s) {
  return probe("/readyz", [&s](const Request&, RequestContext&) -> http::HandlerResult {
    auto [status, body] = s.readiness();
    return Response::json(status, std::move(body));
  });
}

RouteSpec metrics(std::function<std::string()> scrape, MetricsAccessPolicy access) {
  return probe(
      "/metrics",
      [scrape = std::move(scrape), access](const Request& req,
                                           RequestContext& ctx) -> http::HandlerResult {
        // The authn/authz filters admitted an authenticated scrape; without a principal only a
        // peer metrics.auth opens the endpoint to may read it (fail closed otherwise).
        if (!ctx.principal && !metricsOpenTo(access, ctx.remote_address)) {
          auto r =
              http::problemResponse(401, "auth/missing-auth-header", "Missing Authorization header",
                                    req.path(), ctx.request_id);
          r.setHeader("WWW-Authenticate", "Bearer realm=\"tars\"");
          return r;
        }
        Response r;
        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
        r.body = scrape();
        return r;
      },
      AccessRule::of(AccessRule::Kind::kMetrics));
}

}  // namespace

std::vector<RouteSpec> probeRoutes(const ProbesService& s, std::function<std::string()> scrape,
                                   MetricsAccessPolicy metrics_access) {
  std::vector<RouteSpec> out;
  out.push_back(probe("/health", [&s](const Request&, RequestContext&) -> http::HandlerResult {
    auto [status, body] = s.health();
    return Response::json(status, std::move(body));
  }));
  out.push_back(healthz(s));
  out.push_back(readyz(s));
  out.push_back(metrics(std::move(scrape), metrics_access));
  return out;
}

std::vector<RouteSpec> probePortRoutes(const ProbesService& s, std::function<std::string()> scrape,
                                       MetricsAccessPolicy metrics_access) {
  std::vector<RouteSpec> out;
  out.push_back(healthz(s));
  out.push_back(readyz(s));
  out.push_back(metrics(std::move(scrape), metrics_access));
  return out;
}

}  // namespace tars::probes
