#pragma once
// SecurityHeadersFilter: X-Content-Type-Options, Referrer-Policy, Cache-Control: no-store on API
// responses, HSTS when TLS, and CORS (tars.md §1.8): allowed origins get
// Access-Control-Allow-Origin; a preflight (OPTIONS + Access-Control-Request-Method) is answered
// here with 204. A disallowed origin simply gets no CORS headers (the browser then refuses).

#include <memory>

#include "http/filter/filter.h"
#include "http/filters/security_headers/security_headers_config.h"
#include "http/router/router.h"

namespace tars::http::filters {

class SecurityHeadersFilter final : public Filter {
 public:
  SecurityHeadersFilter(std::shared_ptr<const SecurityHeadersConfig> config, const Router& router)
      : config_(std::move(config)), router_(router) {}

  // Filter::
  FilterResult onRequestHeaders(const Request& request, RequestContext& ctx) override;
  void onResponse(const Request& request, RequestContext& ctx, Response& response) override;

 private:
  // The allowed origin to echo for this request, or empty.
  std::string_view allowedOrigin(const Request& request) const;

  std::shared_ptr<const SecurityHeadersConfig> config_;
  const Router& router_;
};

}  // namespace tars::http::filters
