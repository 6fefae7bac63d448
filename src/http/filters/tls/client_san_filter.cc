#include "http/filters/tls/client_san_filter.h"

#include "http/filter/problem.h"
#include "tls/peer_identity.h"

namespace tars::http::filters {

namespace {

Response forbidden(const Request& request, const RequestContext& ctx, std::string slug,
                   std::string detail) {
  Problem p;
  p.status = 403;
  p.slug = std::move(slug);
  p.title = "Forbidden";
  p.detail = std::move(detail);
  return problemResponse(p, request.path(), ctx.request_id);
}

}  // namespace

FilterResult ClientSanFilter::onRequestHeaders(const Request& request, RequestContext& ctx) {
  if (ctx.tls_peer != nullptr && !ctx.tls_peer->sanAllowed())
    return forbidden(request, ctx, "tls/client-san-not-allowed",
                     "client certificate SAN not allowed");
  const bool required = ctx.route != nullptr && ctx.route->access.client_certificate;
  if (required && (ctx.tls_peer == nullptr || !ctx.tls_peer->hasCertificate())) {
    return forbidden(request, ctx, "tls/client-certificate-required",
                     "this route requires a verified client certificate (mTLS)");
  }
  return std::nullopt;
}

}  // namespace tars::http::filters
