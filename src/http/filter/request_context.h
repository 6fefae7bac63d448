#pragma once
// RequestContext: per-request state that filters and handlers share. Owned by the session for
// the lifetime of one request.

#include <chrono>
#include <optional>
#include <string>

#include "http/router/route_spec.h"
#include "identity/principal.h"
#include "jwt/outcome.h"

namespace tars::http {

struct RequestContext {
  std::string request_id;            // X-Request-Id of the response (kept or generated)
  std::string trace_id;              // from a valid `traceparent`, else empty (tars.md §1.9)
  const RouteSpec* route = nullptr;  // null when no route matched (404/405/400)
  std::string remote_address;        // peer IP of the connection
  bool tls = false;                  // connection is TLS (HSTS, client-cert identity later)
  std::chrono::steady_clock::time_point start;  // head received
  std::size_t bytes_in = 0;                     // body bytes read
  // Set by the authn filter when a credential was accepted (tars.md §1.7).
  identity::PrincipalConstSharedPtr principal;
  // The §3.2 outcome of this request's credential checks (authn, then authz may replace a
  // success with a denial); unset on routes that need no credentials. Counted once per request.
  std::optional<jwt::Outcome> auth_outcome;
  std::chrono::nanoseconds auth_duration{0};  // time spent authenticating
};

}  // namespace tars::http
