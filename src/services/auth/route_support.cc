#include "services/auth/route_support.h"

#include <boost/json/serialize.hpp>

#include "core/time_format.h"
#include "http/filter/problem.h"

namespace tars::auth {

http::RouteSpec route(http::Method method, std::string path, http::AccessRule access,
                      std::string rate_class, http::Execution execution, http::Handler handler,
                      std::size_t body_limit) {
  http::RouteSpec r;
  r.method = method;
  r.path = std::move(path);
  r.group = "auth";
  r.access = std::move(access);
  r.rate_class = std::move(rate_class);
  r.body_limit = body_limit;
  r.execution = execution;
  r.handler = std::move(handler);
  return r;
}

http::Response jsonResponse(int status, const boost::json::value& body) {
  return http::Response::json(status, boost::json::serialize(body));
}

http::Response unauthorized(const http::Request& request, const http::RequestContext& ctx,
                            std::string detail) {
  http::Response r =
      http::problemResponse(401, "unauthorized", std::move(detail), request.path(), ctx.request_id);
  r.setHeader("WWW-Authenticate", "Bearer realm=\"tars\"");
  return r;
}

identity::AuditEntry auditEntry(const http::RequestContext& ctx, std::string type,
                                std::string outcome) {
  identity::AuditEntry e;
  e.type = std::move(type);
  e.outcome = std::move(outcome);
  if (ctx.principal) {
    e.actor_type = std::string(identity::auditActorType(ctx.principal->type));
    e.actor_id = ctx.principal->id;
  } else {
    e.actor_type = "anonymous";
  }
  if (!ctx.remote_address.empty())
    e.source_ip = ctx.remote_address;
  if (!ctx.request_id.empty())
    e.request_id = ctx.request_id;
  return e;
}

void writeAudit(identity::AuditRecorder& audit, identity::AuditEntry entry) {
  identity::AuditEntry copy = entry;
  if (!audit.write(std::move(entry)).isOk())
    audit.record(std::move(copy));
}

boost::json::value timeOrNull(const std::optional<store::Timestamp>& t) {
  if (!t)
    return nullptr;
  return boost::json::value(formatRfc3339Millis(*t));
}

std::string timeString(store::Timestamp t) {
  return formatRfc3339Millis(t);
}

}  // namespace tars::auth
