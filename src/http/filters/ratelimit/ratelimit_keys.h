#pragma once
// Which class and key a request is charged to (tars.md §1.7, §4.1, §4.2). Pure functions of the
// route, the principal and the client address; the filter and its tests share them.
//
//   credentials failed (401 pending)  → public,  ip:<client>
//   route class auth | public | static → that,   ip:<client>
//   route class auto                   → default | internal for a principal (its key),
//                                        public for an anonymous caller (ip:<client>)
//   route class sensitive | default | internal → that class, the principal's key (ip:<client>
//                                        when there is none)
//   route class exempt                 → not limited
//
// Thread safety: pure functions.

#include <optional>
#include <string>
#include <string_view>

#include "identity/principal.h"
#include "ratelimit/client_address.h"
#include "ratelimit/policy.h"

namespace tars::http {
class Request;
struct RequestContext;
}  // namespace tars::http

namespace tars::http::filters {

struct RateLimitTarget {
  const ratelimit::RateClass* rate_class = nullptr;
  std::string key;  // limiter key: "ip:…", "user:…", "key:…", …
};

// The limiter's view of a principal's type; kAnonymous without one.
ratelimit::PrincipalKind principalKind(const identity::Principal* principal);

// The client address of a request: the socket peer, or the X-Forwarded-For walk when the peer
// is a trusted proxy (every X-Forwarded-For line, in order). Canonical text.
std::string requestClientAddress(const Request& request, const RequestContext& ctx,
                                 const ratelimit::TrustedProxies& trusted);

// The class and key of a request (see the file comment); nullopt when the route is exempt or
// names a class the policy does not know (the route table is checked at start, so never).
// `credentials_failed`: the authn filter refused the request's credentials.
std::optional<RateLimitTarget> rateLimitTarget(const ratelimit::Policy& policy,
                                               std::string_view route_class,
                                               const identity::Principal* principal,
                                               bool credentials_failed,
                                               std::string_view client_address);

}  // namespace tars::http::filters
