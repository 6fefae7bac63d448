// Service tokens (API keys): POST /auth/service-token, GET /auth/service-tokens,
// POST /auth/service-token/{key_id}/rotate, DELETE /auth/service-token/{key_id} (tars.md §3.8).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/json/form.h"
#include "http/json/json_body.h"
#include "identity/api_keys/api_key_service.h"
#include "identity/authn/auth_metrics.h"
#include "identity/revocation/revocation_sync.h"
#include "services/auth/api_key_json.h"
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

HandlerResult create(const AuthServiceDeps& deps, const Request& req, RequestContext& ctx) {
  TARS_ASSIGN_OR_RETURN(boost::json::object body, http::parseJsonObjectBody(req));
  http::FieldReader fields(body);
  auto name = fields.string("service_name", true, 1, 64);
  auto scopes = fields.stringArray("scopes", false, 32, 1, 64);
  auto days = fields.integer("expires_in_days", false, 1, 3650);
  fields.rejectUnknown({"service_name", "scopes", "expires_in_days"});
  TARS_RETURN_IF_ERROR(fields.finish());

  identity::CreateApiKeyRequest request;
  request.service_name = *name;
  request.scopes = scopes;
  if (days)
    request.expires_in_days = static_cast<int>(*days);
  request.created_by = ctx.principal->id;
  // A user's role decides (admin holds every scope); a key or client grants only its own.
  if (ctx.principal->type != identity::PrincipalType::kUser)
    request.caller_scopes = ctx.principal->scopes;
  auto created = deps.api_keys.create(request);
  if (created.status().code() == StatusCode::kPermissionDenied)
    return validationError(created.status().message(), {{"scopes", created.status().message()}});
  TARS_RETURN_IF_ERROR(created.status());
  const store::ApiKeyRecord& k = created->record;
  deps.metrics.apiKeyEvent(identity::ApiKeyEvent::kCreated);
  updateActiveApiKeyGauge(deps.api_keys, deps.metrics);

  identity::AuditEntry e = auditEntry(ctx, "api_key.created", "success");
  e.target_type = "api_key";
  e.target_id = k.key_id;
  e.details["service_name"] = k.service_name;
  e.details["scopes"] = stringArray(k.scopes);
  writeAudit(deps.audit, std::move(e));

  const boost::json::object o = createdApiKeyJson(k, created->api_key);
  http::Response r = jsonResponse(201, o);
  r.setHeader("Cache-Control", "no-store");
  return r;
}

HandlerResult list(const AuthServiceDeps& deps, const Request& req, RequestContext&) {
  TARS_ASSIGN_OR_RETURN(http::FormParams query, http::parseForm(req.query()));
  TARS_RETURN_IF_ERROR(http::onlyKnownParams(query, {"include_revoked", "limit", "cursor"}));
  TARS_ASSIGN_OR_RETURN(bool include_revoked, http::boolParam(query, "include_revoked", false));
  TARS_ASSIGN_OR_RETURN(http::PageParams page, http::pageParams(query));
  auto listed = deps.api_keys.list(include_revoked, {page.cursor, page.limit});
  if (listed.status().code() == StatusCode::kInvalidArgument)
    return validationError("cursor is not valid for this list", {{"cursor", "unknown cursor"}});
  TARS_RETURN_IF_ERROR(listed.status());
  TARS_ASSIGN_OR_RETURN(std::int64_t total, deps.api_keys.count(include_revoked));
  const auto now = deps.clock.now();
  boost::json::array keys;
  for (const store::ApiKeyRecord& k : listed->items)
    keys.push_back(apiKeyListingJson(k, now));
  boost::json::object o;
  o["keys"] = std::move(keys);
  o["total"] = total;
  o["next_cursor"] =
      listed->next_cursor ? boost::json::value(*listed->next_cursor) : boost::json::value(nullptr);
  return jsonResponse(200, o);
}

HandlerResult rotateKey(const AuthServiceDeps& deps, const Request& req, RequestContext& ctx) {
  const std::string key_id(req.pathParam("key_id"));
  TARS_ASSIGN_OR_RETURN(boost::json::object body, http::parseJsonObjectBody(req, true));
  http::FieldReader fields(body);
  auto grace = fields.integer("grace_seconds", false, 0, 604800);
  fields.rejectUnknown({"grace_seconds"});
  TARS_RETURN_IF_ERROR(fields.finish());
  std::optional<std::chrono::seconds> grace_seconds;
  if (grace)
    grace_seconds = std::chrono::seconds(*grace);
  auto rotated = deps.api_keys.rotate(key_id, grace_seconds);
  if (rotated.status().code() == StatusCode::kNotFound)
    return notFound("API key " + key_id + " not found");
  if (rotated.status().code() == StatusCode::kFailedPrecondition)
    return failedPrecondition("API key " + key_id + " is revoked");
  TARS_RETURN_IF_ERROR(rotated.status());
  const store::ApiKeyRecord& k = rotated->record;
  deps.metrics.apiKeyEvent(identity::ApiKeyEvent::kRotated);

  identity::AuditEntry e = auditEntry(ctx, "api_key.rotated", "success");
  e.target_type = "api_key";
  e.target_id = k.key_id;
  e.details["grace_seconds"] = grace.value_or(deps.options.default_rotation_grace.count());
  writeAudit(deps.audit, std::move(e));

  boost::json::object o;
  o["key_id"] = k.key_id;
  o["new_api_key"] = rotated->api_key;
  o["service_name"] = k.service_name;
  o["scopes"] = stringArray(k.scopes);
  o["expires_at"] = timeOrNull(k.expires_at);
  o["rotated_at"] = timeOrNull(k.rotated_at);
  o["old_key_valid_until"] = timeOrNull(rotated->old_key_valid_until);
  o["message"] = "API key rotated for " + k.service_name + ". Old key has been deactivated.";
  http::Response r = jsonResponse(200, o);
  r.setHeader("Cache-Control", "no-store");
  return r;
}

HandlerResult revokeKey(const AuthServiceDeps& deps, const Request& req, RequestContext& ctx) {
  const std::string key_id(req.pathParam("key_id"));
  auto revoked = deps.api_keys.revoke(key_id);
  if (revoked.status().code() == StatusCode::kNotFound)
    return notFound("API key " + key_id + " not found");
  TARS_RETURN_IF_ERROR(revoked.status());
  if (*revoked) {
    store::RevocationChange change;
    change.kind = store::RevocationKind::kApiKey;
    change.id = key_id;
    change.created_at = deps.clock.now();
    // Applied locally at once; other processes learn it by pub/sub or their next poll.
    (void)deps.revocations.announce(change);
    deps.metrics.apiKeyEvent(identity::ApiKeyEvent::kRevoked);
    updateActiveApiKeyGauge(deps.api_keys, deps.metrics);
    identity::AuditEntry e = auditEntry(ctx, "api_key.revoked", "success");
    e.target_type = "api_key";
    e.target_id = key_id;
    writeAudit(deps.audit, std::move(e));
  }
  return http::Response::noContent();
}

}  // namespace

std::vector<http::RouteSpec> serviceTokenRoutes(const AuthServiceSlot& slot) {
  const AccessRule admin = AccessRule::role(http::Role::kAdmin);
  std::vector<http::RouteSpec> routes;
  routes.push_back(route(Method::kPost, "/auth/service-token", admin, "sensitive",
                         Execution::kBlocking, withDeps(slot, create)));
  routes.push_back(route(Method::kGet, "/auth/service-tokens", admin, "auto", Execution::kBlocking,
                         withDeps(slot, list), 0));
  routes.push_back(route(Method::kPost, "/auth/service-token/{key_id}/rotate", admin, "sensitive",
                         Execution::kBlocking, withDeps(slot, rotateKey)));
  routes.push_back(route(Method::kDelete, "/auth/service-token/{key_id}", admin, "sensitive",
                         Execution::kBlocking, withDeps(slot, revokeKey), 0));
  return routes;
}

}  // namespace tars::auth
