#pragma once
// OutboundJwksFetcher: the production JwksFetcher (jwt/jwks_fetcher.h) — GET the provider's
// jwks_url with the outbound client. A body over jwt::kMaxJwksBytes (what the parser accepts),
// any status other than 200, or a redirect is a failed fetch (the cache then keeps its last good
// set). Messages name the provider's host, never the path.
//
// Thread safety: thread-safe (OutboundClient::send is).

#include <memory>

#include "http/client/outbound_client.h"
#include "jwt/jwks.h"
#include "jwt/jwks_fetcher.h"

namespace tars::http::client {

class OutboundJwksFetcher final : public jwt::JwksFetcher {
 public:
  static constexpr std::size_t kMaxDocumentBytes = jwt::kMaxJwksBytes;

  explicit OutboundJwksFetcher(std::unique_ptr<OutboundClient> client)
      : client_(std::move(client)) {}

  // jwt::JwksFetcher::
  StatusOr<std::string> fetch(const std::string& url) override;

 private:
  std::unique_ptr<OutboundClient> client_;
};

}  // namespace tars::http::client
