#include "http/filters/ratelimit/ratelimit_keys.h"

#include "http/filter/request_context.h"
#include "http/request.h"

namespace tars::http::filters {

namespace {

// Classes whose key is the client address whoever calls (§4.1 "key" column).
bool keyedByAddress(ratelimit::ClassId id) {
  return id == ratelimit::ClassId::kAuth || id == ratelimit::ClassId::kPublic ||
         id == ratelimit::ClassId::kStatic;
}

}  // namespace

ratelimit::PrincipalKind principalKind(const identity::Principal* principal) {
  if (principal == nullptr)
    return ratelimit::PrincipalKind::kAnonymous;
  switch (principal->type) {
    case identity::PrincipalType::kUser:
      return ratelimit::PrincipalKind::kUser;
    case identity::PrincipalType::kClient:
      return ratelimit::PrincipalKind::kClient;
    case identity::PrincipalType::kService:
      return ratelimit::PrincipalKind::kServiceKey;
    case identity::PrincipalType::kExternal:
      return ratelimit::PrincipalKind::kExternal;
  }
  return ratelimit::PrincipalKind::kAnonymous;
}

std::string requestClientAddress(const Request& request, const RequestContext& ctx,
                                 const ratelimit::TrustedProxies& trusted) {
  if (trusted.empty())  // the common case: nothing to walk, no header to read
    return ctx.remote_address;
  return ratelimit::clientAddress(ctx.remote_address, request.headerList("x-forwarded-for"),
                                  trusted);
}

std::optional<RateLimitTarget> rateLimitTarget(const ratelimit::Policy& policy,
                                               std::string_view route_class,
                                               const identity::Principal* principal,
                                               bool credentials_failed,
                                               std::string_view client_address) {
  if (route_class == "exempt")
    return std::nullopt;
  const ratelimit::RateClass* rate_class =
      credentials_failed ? &policy.get(ratelimit::ClassId::kPublic)
                         : policy.resolve(route_class, principalKind(principal));
  if (rate_class == nullptr)
    return std::nullopt;
  RateLimitTarget target;
  target.rate_class = rate_class;
  if (principal != nullptr && !credentials_failed && !keyedByAddress(rate_class->id))
    target.key = principal->limiterKey();
  else
    target.key = ratelimit::ipKey(client_address);
  return target;
}

}  // namespace tars::http::filters
