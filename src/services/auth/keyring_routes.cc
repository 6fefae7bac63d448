// The signing-key ring over HTTP (tars.md §3.5): GET /.well-known/jwks.json, GET /auth/keys,
// POST /auth/keys/rotate, DELETE /auth/keys/{kid}.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "identity/authn/auth_metrics.h"
#include "identity/keyring/key_ring_service.h"
#include "identity/revocation/revocation_sync.h"
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

void announceSigningKey(const AuthServiceDeps& deps, const std::string& kid) {
  store::RevocationChange change;
  change.kind = store::RevocationKind::kSigningKey;
  change.id = kid;
  change.created_at = deps.clock.now();
  (void)deps.revocations.announce(change);
}

HandlerResult jwks(const AuthServiceDeps& deps, const Request&, RequestContext&) {
  http::Response r = http::Response::json(200, deps.keyring.jwksJson());
  r.content_type = "application/jwk-set+json";
  r.setHeader("Cache-Control", "public, max-age=300");
  return r;
}

HandlerResult listKeys(const AuthServiceDeps& deps, const Request&, RequestContext&) {
  boost::json::array keys;
  for (const auto& k : deps.keyring.list()) {
    boost::json::object o;
    o["kid"] = k.kid;
    o["alg"] = k.algorithm;
    o["status"] = k.status;
    o["created_at"] = timeString(k.created_at);
    o["retired_at"] = timeOrNull(k.retired_at);
    o["verify_until"] = timeOrNull(k.verify_until);
    keys.push_back(std::move(o));
  }
  boost::json::object o;
  o["current_kid"] = deps.keyring.currentKid();
  o["keys"] = std::move(keys);
  return jsonResponse(200, o);
}

HandlerResult rotateSigningKey(const AuthServiceDeps& deps, const Request& req,
                               RequestContext& ctx) {
  if (!req.body().empty())
    return validationError("This request takes no body", {{"", "must be empty"}});
  TARS_ASSIGN_OR_RETURN(identity::SigningKeyRotation rotation, deps.keyring.rotate());
  deps.metrics.signingKeyRotated();
  updateSigningKeyGauge(deps.keyring, deps.metrics);
  announceSigningKey(deps, rotation.kid);
  identity::AuditEntry e = auditEntry(ctx, "signing_key.rotated", "success");
  e.target_type = "signing_key";
  e.target_id = rotation.kid;
  e.details["alg"] = rotation.algorithm;
  e.details["previous_kid"] = rotation.previous_kid;
  writeAudit(deps.audit, std::move(e));
  boost::json::object o;
  o["kid"] = rotation.kid;
  o["alg"] = rotation.algorithm;
  o["created_at"] = timeString(rotation.created_at);
  o["previous_kid"] = rotation.previous_kid.empty() ? boost::json::value(nullptr)
                                                    : boost::json::value(rotation.previous_kid);
  return jsonResponse(201, o);
}

HandlerResult revokeSigningKey(const AuthServiceDeps& deps, const Request& req,
                               RequestContext& ctx) {
  const std::string kid(req.pathParam("kid"));
  Status st = deps.keyring.revoke(kid);
  if (st.code() == StatusCode::kNotFound)
    return notFound("Signing key " + kid + " not found");
  if (st.code() == StatusCode::kFailedPrecondition)
    return failedPrecondition("Cannot revoke the current signing key; rotate first");
  TARS_RETURN_IF_ERROR(st);
  updateSigningKeyGauge(deps.keyring, deps.metrics);
  announceSigningKey(deps, kid);
  identity::AuditEntry e = auditEntry(ctx, "signing_key.revoked", "success");
  e.target_type = "signing_key";
  e.target_id = kid;
  writeAudit(deps.audit, std::move(e));
  return http::Response::noContent();
}

}  // namespace

std::vector<http::RouteSpec> keyRingRoutes(const AuthServiceSlot& slot) {
  const AccessRule admin = AccessRule::role(http::Role::kAdmin);
  std::vector<http::RouteSpec> routes;
  routes.push_back(route(Method::kGet, "/.well-known/jwks.json", AccessRule::publicAccess(),
                         "public", Execution::kInline, withDeps(slot, jwks), 0));
  routes.push_back(route(Method::kGet, "/auth/keys", admin, "auto", Execution::kInline,
                         withDeps(slot, listKeys), 0));
  routes.push_back(route(Method::kPost, "/auth/keys/rotate", admin, "sensitive",
                         Execution::kBlocking, withDeps(slot, rotateSigningKey),
                         kCredentialBodyLimit));
  routes.push_back(route(Method::kDelete, "/auth/keys/{kid}", admin, "sensitive",
                         Execution::kBlocking, withDeps(slot, revokeSigningKey), 0));
  return routes;
}

}  // namespace tars::auth
