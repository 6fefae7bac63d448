// The audit log over HTTP (tars.md §3.9): GET /api/v1/audit/events, GET /api/v1/audit/verify.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "core/time_format.h"
#include "http/json/form.h"
#include "services/auth/auth_service.h"
#include "services/auth/route_support.h"

namespace tars::auth {
namespace {

using http::AccessRule;
using http::Execution;
using http::HandlerResult;
using http::Method;
using http::Request;
using http::RequestContext;

boost::json::value optionalString(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

// The §3.9 event shape.
boost::json::object eventJson(const store::AuditRecord& r) {
  const store::AuditEvent& e = r.event;
  boost::json::object o;
  o["seq"] = r.seq;
  o["event_id"] = e.event_id;
  o["timestamp"] = timeString(e.timestamp);
  o["type"] = e.type;
  o["outcome"] = e.outcome;
  boost::json::object actor;
  actor["type"] = e.actor_type;
  actor["id"] = optionalString(e.actor_id);
  o["actor"] = std::move(actor);
  o["source_ip"] = optionalString(e.source_ip);
  o["request_id"] = optionalString(e.request_id);
  if (e.target_type && e.target_id) {
    boost::json::object target;
    target["type"] = *e.target_type;
    target["id"] = *e.target_id;
    o["target"] = std::move(target);
  }
  boost::system::error_code ec;
  boost::json::value details = boost::json::parse(e.details_json, ec);
  o["details"] = ec ? boost::json::value(boost::json::object()) : std::move(details);
  o["prev_hash"] = r.prev_hash;
  o["hash"] = r.hash;
  return o;
}

StatusOr<std::optional<store::Timestamp>> timeParam(const http::FormParams& q,
                                                    std::string_view name) {
  auto it = q.find(name);
  if (it == q.end())
    return std::optional<store::Timestamp>();
  auto t = parseRfc3339(it->second);
  if (!t) {
    return validationError(std::string(name) + " must be an RFC 3339 timestamp",
                           {{std::string(name), "must be an RFC 3339 timestamp"}});
  }
  return std::optional<store::Timestamp>(*t);
}

HandlerResult events(const AuthServiceDeps& deps, const Request& req, RequestContext&) {
  TARS_ASSIGN_OR_RETURN(http::FormParams q, http::parseForm(req.query()));
  TARS_RETURN_IF_ERROR(
      http::onlyKnownParams(q, {"type", "actor", "since", "until", "limit", "cursor"}));
  TARS_ASSIGN_OR_RETURN(http::PageParams page, http::pageParams(q));
  store::AuditFilter filter;
  if (auto it = q.find("type"); it != q.end())
    filter.type = it->second;
  if (auto it = q.find("actor"); it != q.end())
    filter.actor_id = it->second;
  TARS_ASSIGN_OR_RETURN(filter.since, timeParam(q, "since"));
  TARS_ASSIGN_OR_RETURN(filter.until, timeParam(q, "until"));
  auto listed = deps.store.auditLog().list(filter, {page.cursor, page.limit});
  if (listed.status().code() == StatusCode::kInvalidArgument)
    return validationError("cursor is not valid for this list", {{"cursor", "unknown cursor"}});
  TARS_RETURN_IF_ERROR(listed.status());
  boost::json::array items;
  for (const auto& r : listed->items)
    items.push_back(eventJson(r));
  boost::json::object o;
  o["events"] = std::move(items);
  o["next_cursor"] = optionalString(listed->next_cursor);
  return jsonResponse(200, o);
}

HandlerResult verify(const AuthServiceDeps& deps, const Request&, RequestContext&) {
  TARS_ASSIGN_OR_RETURN(store::AuditVerification v, deps.store.auditLog().verifyChain());
  boost::json::object o;
  o["valid"] = v.valid;
  o["events_checked"] = v.events_checked;
  o["head_hash"] = v.head_hash;
  o["first_invalid_seq"] =
      v.first_invalid_seq ? boost::json::value(*v.first_invalid_seq) : boost::json::value(nullptr);
  return jsonResponse(200, o);
}

}  // namespace

std::vector<http::RouteSpec> auditRoutes(const AuthServiceSlot& slot) {
  const AccessRule admin = AccessRule::role(http::Role::kAdmin);
  std::vector<http::RouteSpec> routes;
  routes.push_back(route(Method::kGet, "/api/v1/audit/events", admin, "auto", Execution::kBlocking,
                         withDeps(slot, events), 0));
  routes.push_back(route(Method::kGet, "/api/v1/audit/verify", admin, "auto", Execution::kBlocking,
                         withDeps(slot, verify), 0));
  return routes;
}

}  // namespace tars::auth
