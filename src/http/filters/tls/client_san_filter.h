#pragma once
// ClientSanFilter: the SAN allow-list of mTLS connections (spec/cap.md §11). When the connection's
// verified client certificate has no DNS SAN matching tls.allowed_client_sans, every request on
// it is answered 403 `tls/client-san-not-allowed` before authentication. The decision itself was
// made once per connection after the handshake (tls/peer_identity.h); plain connections and
// connections without a certificate pass, except on routes whose access rule requires a client
// certificate (AccessRule::client_certificate): those answer 403 `tls/client-certificate-required`
// unless the connection carries a verified one.
//
// Thread safety: stateless.

#include "http/filter/filter.h"

namespace tars::http::filters {

class ClientSanFilter final : public Filter {
 public:
  FilterResult onRequestHeaders(const Request& request, RequestContext& ctx) override;
  void onResponse(const Request&, RequestContext&, Response&) override {}
};

}  // namespace tars::http::filters
