#include "http/filters/security_headers/security_headers_filter.h"

namespace tars::http::filters {
namespace {

// Static UI assets may be cached; everything else is API data.
bool isStaticUi(const RequestContext& ctx) {
  return ctx.route != nullptr && ctx.route->rate_class == "static";
}

}  // namespace

std::string_view SecurityHeadersFilter::allowedOrigin(const Request& request) const {
  auto origin = request.header("Origin");
  if (!origin || origin->empty())
    return {};
  for (const auto& allowed : config_->cors_allowed_origins) {
    if (allowed == "*")
      return config_->cors_allow_credentials ? *origin : std::string_view("*");
    if (allowed == *origin)
      return *origin;
  }
  return {};
}

FilterResult SecurityHeadersFilter::onRequestHeaders(const Request& request, RequestContext&) {
  if (request.method() != Method::kOptions)
    return std::nullopt;
  auto allow = router_.allowedMethods(request.path());
  if (allow.empty())
    return std::nullopt;  // unknown path: the router answers 404
  Response r = Response::noContent();
  r.setHeader("Allow", allow);
  bool preflight = request.header("Access-Control-Request-Method").has_value();
  auto origin = allowedOrigin(request);
  if (preflight && !origin.empty()) {
    r.setHeader("Access-Control-Allow-Methods", allow);
    r.setHeader("Access-Control-Allow-Headers",
                "Authorization, Content-Type, X-API-Key, X-Request-Id, traceparent");
    r.setHeader("Access-Control-Max-Age", std::to_string(config_->cors_max_age_seconds));
  }
  return r;
}

void SecurityHeadersFilter::onResponse(const Request& request, RequestContext& ctx,
                                       Response& response) {
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("Referrer-Policy", "no-referrer");
  if (!isStaticUi(ctx))
    response.setHeader("Cache-Control", "no-store");
  if (config_->hsts)
    response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  auto origin = allowedOrigin(request);
  if (!origin.empty()) {
    response.setHeader("Access-Control-Allow-Origin", std::string(origin));
    if (config_->cors_allow_credentials) {
      response.setHeader("Access-Control-Allow-Credentials", "true");
    }
    response.setHeader("Access-Control-Expose-Headers",
                       "X-Request-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, "
                       "X-RateLimit-Reset");
  }
  if (!config_->cors_allowed_origins.empty())
    response.setHeader("Vary", "Origin");
}

}  // namespace tars::http::filters
