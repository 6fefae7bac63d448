#pragma once
// Small helpers the auth handlers share: route declaration, JSON responses, the credential
// endpoints' own 401, and audit entries attributed from the request context.

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "http/filter/request_context.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router/route_spec.h"
#include "identity/audit/audit_recorder.h"
#include "services/auth/auth_service.h"
#include "store/time_point.h"

namespace tars::auth {

inline constexpr std::size_t kCredentialBodyLimit = 8 * 1024;  // tars.md §1.2

http::RouteSpec route(http::Method method, std::string path, http::AccessRule access,
                      std::string rate_class, http::Execution execution, http::Handler handler,
                      std::size_t body_limit = http::kDefaultBodyLimit);

// A handler that runs `f(deps, request, ctx)` once the slot is filled (503 before).
template <typename F>
http::Handler withDeps(const AuthServiceSlot& slot, F f) {
  return [&slot, f](const http::Request& r, http::RequestContext& c) -> http::HandlerResult {
    if (slot.deps == nullptr)
      return unavailable("Authentication services are not started");
    return f(*slot.deps, r, c);
  };
}

http::Response jsonResponse(int status, const boost::json::value& body);

// 401 `unauthorized` of the credential endpoints (§1.3) with the Bearer challenge (§1.4).
http::Response unauthorized(const http::Request& request, const http::RequestContext& ctx,
                            std::string detail);

// An entry attributed to the context's principal (or anonymous), source address and request id.
identity::AuditEntry auditEntry(const http::RequestContext& ctx, std::string type,
                                std::string outcome);

// Writes synchronously; if the store refuses, hands it to the asynchronous queue (which retries)
// rather than failing the user's request.
void writeAudit(identity::AuditRecorder& audit, identity::AuditEntry entry);

// RFC 3339 with milliseconds, or null.
boost::json::value timeOrNull(const std::optional<store::Timestamp>& t);
std::string timeString(store::Timestamp t);

}  // namespace tars::auth
