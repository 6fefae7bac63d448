#include "http/client/outbound_jwks_fetcher.h"

#include "http/client/outbound_target.h"

namespace tars::http::client {

StatusOr<std::string> OutboundJwksFetcher::fetch(const std::string& url) {
  OutboundRequest request;
  request.url = url;
  request.headers = {{"Accept", "application/json, application/jwk-set+json"}};
  TARS_ASSIGN_OR_RETURN(OutboundResponse response, client_->send(request));
  if (response.status != 200) {
    TARS_ASSIGN_OR_RETURN(OutboundTarget target,
                          parseOutboundTarget(url, client_->options().allow_plain_http));
    return unavailable("jwks fetch " + target.endpoint + ": HTTP status " +
                       std::to_string(response.status));
  }
  return std::move(response.body);
}

}  // namespace tars::http::client
