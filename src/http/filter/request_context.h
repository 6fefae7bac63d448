#pragma once
// RequestContext: per-request state that filters and handlers share. Owned by the session for
// the lifetime of one request.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "http/response.h"
#include "http/router/route_spec.h"
#include "identity/principal.h"
#include "jwt/outcome.h"

namespace tars::tls {
struct PeerIdentity;
}

namespace tars::http {

// The X-RateLimit-* values of a limited request (tars.md §4.3).
struct RateLimitHeaders {
  std::int64_t limit = 0;      // X-RateLimit-Limit
  std::int64_t remaining = 0;  // X-RateLimit-Remaining
  std::int64_t reset_at = 0;   // X-RateLimit-Reset, Unix seconds
};

struct RequestContext {
  std::string request_id;            // X-Request-Id of the response (kept or generated)
  std::string trace_id;              // from a valid `traceparent`, else empty (tars.md §1.9)
  const RouteSpec* route = nullptr;  // null when no route matched (404/405/400)
  std::string remote_address;        // peer IP of the connection
  bool tls = false;                  // connection is TLS
  // TLS connections: the client certificate verified in the handshake (if any) and the SAN
  // allow-list decision, the same for every request of the connection (tls/peer_identity.h).
  std::shared_ptr<const tls::PeerIdentity> tls_peer;
  std::chrono::steady_clock::time_point start;  // head received
  std::size_t bytes_in = 0;                     // body bytes read
  // Set by the authn filter when a credential was accepted (tars.md §1.7).
  identity::PrincipalConstSharedPtr principal;
  // The §3.2 outcome of this request's credential checks (authn, then authz may replace a
  // success with a denial); unset on routes that need no credentials. Counted once per request.
  std::optional<jwt::Outcome> auth_outcome;
  std::chrono::nanoseconds auth_duration{0};  // time spent authenticating
  // A credential refusal (401) the authn filter leaves for the rate-limit filter to send once it
  // has charged the request to `public` (tars.md §4.1: "charged before the 401"). Any later
  // filter that finds it set answers with it, so it can never be lost.
  std::optional<Response> deferred_refusal;
  // Set by the rate-limit filter on a limited route (a login handler may tighten it with
  // login_user); written onto whatever response goes out.
  std::optional<RateLimitHeaders> rate_limit;
};

}  // namespace tars::http
