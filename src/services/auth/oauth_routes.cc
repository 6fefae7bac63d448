// POST /oauth/token: the OAuth2 client-credentials grant (RFC 6749 §4.4, tars.md §3.7). The
// client is an API key: client_id = its key_id, client_secret = the whole key.
#include <boost/json/object.hpp>

#include <algorithm>

#include "core/base64url.h"
#include "http/filter/problem.h"
#include "http/json/form.h"
#include "http/json/json_body.h"
#include "identity/access.h"
#include "identity/authn/auth_metrics.h"
#include "identity/authn/authenticator.h"
#include "identity/sessions/token_issuer.h"
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

// An RFC 6749 §5.2 error as problem+json with the `error` / `error_description` members.
struct OAuthError {
  int status;
  std::string error;
  std::string description;
};

http::Response oauthProblem(const OAuthError& e, const Request& req, const RequestContext& ctx,
                            bool basic_used) {
  http::Problem p;
  p.status = e.status;
  p.slug = e.status == 401 ? "unauthorized" : "bad-request";
  p.title = std::string(http::problemTitle(p.slug));
  p.detail = e.description;
  p.extensions = {{"error", e.error}, {"error_description", e.description}};
  http::Response r = http::problemResponse(p, req.path(), ctx.request_id);
  if (e.status == 401)
    r.setHeader("WWW-Authenticate", basic_used ? "Basic realm=\"tars\"" : "Bearer realm=\"tars\"");
  r.setHeader("Cache-Control", "no-store");
  return r;
}

// Reads the request parameters from a form or JSON body (string members only).
StatusOr<http::FormParams> readParams(const Request& req) {
  if (http::hasMediaType(req, "application/x-www-form-urlencoded"))
    return http::parseForm(req.body());
  if (!http::hasMediaType(req, "application/json")) {
    return Status(StatusCode::kUnsupportedMediaType,
                  "Content-Type must be application/x-www-form-urlencoded or application/json");
  }
  TARS_ASSIGN_OR_RETURN(boost::json::object body, http::parseJsonObject(req.body()));
  http::FormParams params;
  for (const auto& member : body) {
    if (!member.value().is_string())
      return invalidArgument(std::string(member.key()) + " must be a string");
    params.emplace(std::string(member.key()), std::string(member.value().get_string()));
  }
  return params;
}

struct ClientCredentials {
  std::string client_id;
  std::string client_secret;
  bool basic = false;
};

// HTTP Basic (each part form-urlencoded, RFC 6749 §2.3.1) or body parameters, never both.
std::optional<OAuthError> readClient(const Request& req, const http::FormParams& params,
                                     ClientCredentials& out) {
  std::optional<std::string_view> authorization = req.header("authorization");
  const bool in_body = params.contains("client_id") || params.contains("client_secret");
  if (authorization) {
    if (in_body)
      return OAuthError{400, "invalid_request", "Use either HTTP Basic or body credentials"};
    std::string_view v = *authorization;
    if (v.size() < 7 || !(v.substr(0, 6) == "Basic " || v.substr(0, 6) == "basic "))
      return OAuthError{400, "invalid_request", "Client authentication must use HTTP Basic"};
    std::optional<std::string> decoded = base64StdDecode(v.substr(6));
    std::size_t colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos)
      return OAuthError{400, "invalid_request", "Malformed HTTP Basic credentials"};
    auto id = http::parseForm("x=" + decoded->substr(0, colon));
    auto secret = http::parseForm("x=" + decoded->substr(colon + 1));
    if (!id.isOk() || !secret.isOk())
      return OAuthError{400, "invalid_request", "Malformed HTTP Basic credentials"};
    out.client_id = (*id)["x"];
    out.client_secret = (*secret)["x"];
    out.basic = true;
    return std::nullopt;
  }
  auto id = params.find("client_id");
  auto secret = params.find("client_secret");
  if (id == params.end() || secret == params.end())
    return OAuthError{401, "invalid_client", "Client authentication failed"};
  out.client_id = id->second;
  out.client_secret = secret->second;
  return std::nullopt;
}

HandlerResult token(const AuthServiceDeps& deps, const Request& req, RequestContext& ctx) {
  StatusOr<http::FormParams> read = readParams(req);
  if (read.status().code() == StatusCode::kInvalidArgument ||
      read.status().code() == StatusCode::kValidation) {
    return oauthProblem({400, "invalid_request", read.status().message()}, req, ctx, false);
  }
  TARS_RETURN_IF_ERROR(read.status());
  const http::FormParams& params = *read;
  ClientCredentials client;
  auto deny = [&](const OAuthError& e, std::string reason) {
    identity::AuditEntry a = auditEntry(ctx, "oauth.token.denied", "denied");
    if (!client.client_id.empty() && client.client_id.size() <= 64) {
      a.actor_type = "client";
      a.actor_id = client.client_id;
    }
    a.details["error"] = e.error;
    a.details["reason"] = std::move(reason);
    writeAudit(deps.audit, std::move(a));
    return oauthProblem(e, req, ctx, client.basic);
  };
  if (auto e = readClient(req, params, client))
    return deny(*e, e->description);
  auto grant = params.find("grant_type");
  if (grant == params.end())
    return deny({400, "invalid_request", "grant_type is required"}, "no grant_type");
  if (grant->second != "client_credentials")
    return deny({400, "unsupported_grant_type", "Only client_credentials is supported"},
                "unsupported grant");

  identity::AuthnResult authn =
      deps.authenticator.authenticate({std::nullopt, client.client_secret});
  if (authn.outcome == jwt::Outcome::kInternalError)
    return unavailable("API key store unavailable");
  if (!authn.ok() || authn.principal->id != client.client_id)
    return deny({401, "invalid_client", "Client authentication failed"},
                authn.ok() ? "client_id does not match the key" : authn.reason);
  const identity::Principal& key = *authn.principal;

  std::vector<std::string> granted = key.scopes;
  if (auto scope = params.find("scope"); scope != params.end()) {
    granted = identity::splitScopes(scope->second);
    for (const std::string& s : granted) {
      if (!identity::isKnownScope(s) || !identity::scopesSatisfy(key.scopes, s))
        return deny({400, "invalid_scope", "Requested scope exceeds the client's scopes"},
                    "scope not held: " + s.substr(0, 64));
    }
  }
  std::optional<std::string> audience;
  if (auto aud = params.find("audience"); aud != params.end()) {
    const std::vector<std::string>& allowed = deps.options.oauth_audiences;
    bool ok = aud->second == deps.options.audience ||
              std::find(allowed.begin(), allowed.end(), aud->second) != allowed.end();
    if (!ok)
      return deny({400, "invalid_request", "Audience not allowed"}, "audience not allowed");
    audience = aud->second;
  }
  TARS_ASSIGN_OR_RETURN(identity::IssuedToken issued,
                        deps.issuer.clientAccess(key.id, granted, audience));
  deps.metrics.issued(identity::IssuedTokenType::kClient);
  identity::AuditEntry a = auditEntry(ctx, "oauth.token.issued", "success");
  a.actor_type = "client";
  a.actor_id = key.id;
  std::string scope_text;
  for (const auto& s : granted)
    scope_text += (scope_text.empty() ? "" : " ") + s;
  a.details["scope"] = scope_text;
  writeAudit(deps.audit, std::move(a));

  boost::json::object o;
  o["access_token"] = issued.token;
  o["token_type"] = "bearer";
  o["expires_in"] = deps.options.access_ttl.count();
  o["scope"] = scope_text;
  http::Response r = jsonResponse(200, o);
  r.setHeader("Cache-Control", "no-store");
  r.setHeader("Pragma", "no-cache");
  return r;
}

}  // namespace

std::vector<http::RouteSpec> oauthRoutes(const AuthServiceSlot& slot) {
  std::vector<http::RouteSpec> routes;
  routes.push_back(route(Method::kPost, "/oauth/token",
                         AccessRule::of(AccessRule::Kind::kClientCredentials), "auth",
                         Execution::kBlocking, withDeps(slot, token), kCredentialBodyLimit));
  return routes;
}

}  // namespace tars::auth
