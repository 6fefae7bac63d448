// POST /auth/login, /auth/refresh, /auth/logout and GET /auth/me (tars.md §3.3, §3.4, §3.6).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/json/json_body.h"
#include "identity/api_keys/api_key_service.h"
#include "identity/authn/auth_metrics.h"
#include "identity/authn/authenticator.h"
#include "identity/sessions/session_service.h"
#include "identity/users/user_service.h"
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

constexpr std::string_view kBadLogin = "Invalid username or password";
constexpr std::string_view kBadRefresh = "Invalid refresh token";
constexpr std::string_view kReuse = "Refresh token reuse detected; session revoked";

boost::json::object tokenPair(const identity::SessionTokens& tokens, const AuthServiceDeps& deps) {
  boost::json::object o;
  o["access_token"] = tokens.access.token;
  o["refresh_token"] = tokens.refresh.token;
  o["token_type"] = "bearer";
  o["expires_in"] = deps.options.access_ttl.count();
  return o;
}

std::string_view loginFailureReason(identity::LoginVerdict v) {
  switch (v) {
    case identity::LoginVerdict::kUnknownUser:
      return "unknown_user";
    case identity::LoginVerdict::kWrongPassword:
      return "wrong_password";
    case identity::LoginVerdict::kDisabled:
      return "disabled";
    case identity::LoginVerdict::kSuccess:
      break;
  }
  return "success";
}

HandlerResult login(const AuthServiceDeps& deps, const Request& req, RequestContext& ctx) {
  TARS_ASSIGN_OR_RETURN(boost::json::object body, http::parseJsonObjectBody(req));
  http::FieldReader fields(body);
  auto username = fields.string("username", true, 1, 64);
  auto password = fields.string("password", true, 1, 1024);
  fields.rejectUnknown({"username", "password"});
  TARS_RETURN_IF_ERROR(fields.finish());
  if (deps.login_rate_limit) {
    if (auto refused = deps.login_rate_limit(*username, req, ctx))
      return std::move(*refused);
  }

  TARS_ASSIGN_OR_RETURN(identity::LoginResult outcome, deps.users.login(*username, *password));
  if (outcome.verdict != identity::LoginVerdict::kSuccess || !outcome.user) {
    deps.metrics.login(identity::LoginAttempt::kFailure);
    identity::AuditEntry e = auditEntry(ctx, "auth.login.failure", "failure");
    if (outcome.user)
      e.target_type = "user", e.target_id = outcome.user->user_id;
    e.details["username"] = *username;
    e.details["reason"] = loginFailureReason(outcome.verdict);
    writeAudit(deps.audit, std::move(e));
    return unauthorized(req, ctx, std::string(kBadLogin));
  }
  const store::UserRecord& user = *outcome.user;
  TARS_ASSIGN_OR_RETURN(identity::SessionTokens tokens, deps.sessions.start(user));
  deps.metrics.login(identity::LoginAttempt::kSuccess);
  deps.metrics.issued(identity::IssuedTokenType::kAccess);
  deps.metrics.issued(identity::IssuedTokenType::kRefresh);
  updateActiveRefreshFamiliesGauge(deps.store, deps.clock, deps.metrics);

  identity::AuditEntry e = auditEntry(ctx, "auth.login.success", "success");
  e.actor_type = "user";
  e.actor_id = user.user_id;
  e.details["username"] = user.username;
  e.details["sid"] = tokens.family_id;
  writeAudit(deps.audit, std::move(e));

  boost::json::object o = tokenPair(tokens, deps);
  boost::json::object u;
  u["user_id"] = user.user_id;
  u["username"] = user.username;
  u["roles"] = stringArray(user.roles);
  u["email"] = user.email ? boost::json::value(*user.email) : boost::json::value(nullptr);
  o["user"] = std::move(u);
  http::Response r = jsonResponse(200, o);
  r.setHeader("Cache-Control", "no-store");
  return r;
}

HandlerResult refresh(const AuthServiceDeps& deps, const Request& req, RequestContext& ctx) {
  TARS_ASSIGN_OR_RETURN(boost::json::object body, http::parseJsonObjectBody(req));
  http::FieldReader fields(body);
  auto token = fields.string("refresh_token", true, 1, kCredentialBodyLimit);
  fields.rejectUnknown({"refresh_token"});
  TARS_RETURN_IF_ERROR(fields.finish());

  auto refused = [&](std::string reason, std::string user_id) {
    deps.metrics.refresh(identity::RefreshOutcome::kInvalid);
    identity::AuditEntry e = auditEntry(ctx, "auth.token.refresh", "failure");
    if (!user_id.empty())
      e.actor_type = "user", e.actor_id = user_id;
    e.details["reason"] = std::move(reason);
    writeAudit(deps.audit, std::move(e));
    return unauthorized(req, ctx, std::string(kBadRefresh));
  };

  auto verified = deps.authenticator.verifyRefreshToken(*token);
  if (!verified.isOk())
    return refused(std::string(jwt::metricLabel(verified.failure().outcome())), "");
  TARS_ASSIGN_OR_RETURN(identity::RefreshOutcomeDetail outcome, deps.sessions.refresh(**verified));
  switch (outcome.verdict) {
    case identity::RefreshVerdict::kInvalid:
      return refused(outcome.reason, outcome.user_id);
    case identity::RefreshVerdict::kReuseDetected: {
      deps.metrics.refresh(identity::RefreshOutcome::kReuseDetected);
      updateActiveRefreshFamiliesGauge(deps.store, deps.clock, deps.metrics);
      identity::AuditEntry e = auditEntry(ctx, "auth.token.reuse_detected", "denied");
      e.actor_type = "user";
      e.actor_id = outcome.user_id;
      e.details["sid"] = outcome.family_id;
      writeAudit(deps.audit, std::move(e));
      return unauthorized(req, ctx, std::string(kReuse));
    }
    case identity::RefreshVerdict::kSuccess:
      break;
  }
  deps.metrics.refresh(identity::RefreshOutcome::kSuccess);
  deps.metrics.issued(identity::IssuedTokenType::kAccess);
  deps.metrics.issued(identity::IssuedTokenType::kRefresh);
  identity::AuditEntry e = auditEntry(ctx, "auth.token.refresh", "success");
  e.actor_type = "user";
  e.actor_id = outcome.user_id;
  e.details["sid"] = outcome.family_id;
  writeAudit(deps.audit, std::move(e));
  http::Response r = jsonResponse(200, tokenPair(*outcome.tokens, deps));
  r.setHeader("Cache-Control", "no-store");
  return r;
}

HandlerResult logout(const AuthServiceDeps& deps, const Request& req, RequestContext& ctx) {
  TARS_ASSIGN_OR_RETURN(boost::json::object body, http::parseJsonObjectBody(req, true));
  http::FieldReader fields(body);
  fields.rejectUnknown({});
  TARS_RETURN_IF_ERROR(fields.finish());
  TARS_RETURN_IF_ERROR(deps.sessions.logout(*ctx.principal));
  updateActiveRefreshFamiliesGauge(deps.store, deps.clock, deps.metrics);
  identity::AuditEntry e = auditEntry(ctx, "auth.logout", "success");
  e.details["sid"] = ctx.principal->sid;
  writeAudit(deps.audit, std::move(e));
  return http::Response::noContent();
}

HandlerResult me(const AuthServiceDeps& deps, const Request&, RequestContext& ctx) {
  const identity::Principal& p = *ctx.principal;
  boost::json::object o;
  if (p.type == identity::PrincipalType::kUser) {
    TARS_ASSIGN_OR_RETURN(std::shared_ptr<const std::string> body, deps.profiles.meBody(p.id));
    return http::Response::json(200, *body);
  }
  boost::json::array scopes;
  for (const auto& s : p.scopes)
    scopes.emplace_back(s);
  if (p.type == identity::PrincipalType::kExternal) {
    o["principal_type"] = "external";
    o["subject"] = p.id;
    o["provider"] = p.provider;
    o["scopes"] = std::move(scopes);
    return jsonResponse(200, o);
  }
  std::string service_name = p.service_name;
  if (service_name.empty()) {
    // A client token names only its key; the service name comes from the key record.
    auto record = deps.store.apiKeys().get(p.id);
    if (record.isOk())
      service_name = record->service_name;
  }
  o["principal_type"] = p.type == identity::PrincipalType::kClient ? "client" : "service";
  o["key_id"] = p.id;
  o["service_name"] = service_name;
  o["scopes"] = std::move(scopes);
  return jsonResponse(200, o);
}

}  // namespace

std::vector<http::RouteSpec> sessionRoutes(const AuthServiceSlot& slot) {
  std::vector<http::RouteSpec> routes;
  routes.push_back(route(Method::kPost, "/auth/login", AccessRule::publicAccess(), "auth",
                         Execution::kBlocking, withDeps(slot, login), kCredentialBodyLimit));
  routes.push_back(route(Method::kPost, "/auth/refresh",
                         AccessRule::of(AccessRule::Kind::kRefreshToken), "auth",
                         Execution::kBlocking, withDeps(slot, refresh), kCredentialBodyLimit));
  routes.push_back(route(Method::kPost, "/auth/logout", AccessRule::of(AccessRule::Kind::kUser),
                         "auto", Execution::kBlocking, withDeps(slot, logout),
                         kCredentialBodyLimit));
  // Inline: answered from the profile cache; only a miss reads the store.
  routes.push_back(route(Method::kGet, "/auth/me", AccessRule::of(AccessRule::Kind::kAuthenticated),
                         "auto", Execution::kInline, withDeps(slot, me), 0));
  return routes;
}

}  // namespace tars::auth
