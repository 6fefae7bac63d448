#include "http/filters/tls/client_san_filter.h"

#include "http/filter/problem.h"
#include "tls/peer_identity.h"

namespace tars::http::filters {

FilterResult ClientSanFilter::onRequestHeaders(const Request& request, RequestContext& ctx) {
  if (ctx.tls_peer == nullptr || ctx.tls_peer->sanAllowed())
    return std::nullopt;
  Problem p;
  p.status = 403;
  p.slug = "tls/client-san-not-allowed";
  p.title = "Forbidden";
  p.detail = "client certificate SAN not allowed";
  return problemResponse(p, request.path(), ctx.request_id);
}

}  // namespace tars::http::filters
