#pragma once
// RouteSpec: a route declared once with everything the filter chain needs (ARCHITECTURE.md
// "Request flow"). The route table is the single source for the server, `tars routes` and the
// OpenAPI contract test.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"
#include "identity/access.h"

namespace tars::http {

struct RequestContext;

// Roles are identity's (viewer < developer < admin); routes declare the minimum one.
using Role = identity::Role;
using identity::roleName;

// Who may call a route (tars.md §1.7, §2; cap.md §10.2).
struct AccessRule {
  enum class Kind {
    kPublic,             // no credentials
    kAuthenticated,      // any authenticated principal ("any")
    kUser,               // a user's access token
    kRole,               // min_role or higher
    kScopes,             // every scope in `scopes`
    kMetrics,            // metrics.auth (tars.md §10.1)
    kRefreshToken,       // refresh token in the body (/auth/refresh)
    kClientCredentials,  // OAuth2 client credentials (/oauth/token)
  };
  Kind kind = Kind::kPublic;
  Role min_role = Role::kViewer;
  std::vector<std::string> scopes;
  // Also require a verified client certificate on the connection (mTLS, cap.md §11): without
  // one the request is refused 403 `tls/client-certificate-required` before authentication.
  bool client_certificate = false;

  static AccessRule publicAccess() { return {}; }
  static AccessRule role(Role r) { return {Kind::kRole, r, {}}; }
  static AccessRule scopesAll(std::vector<std::string> s) {
    return {Kind::kScopes, Role::kViewer, std::move(s)};
  }
  static AccessRule of(Kind k) { return {k, Role::kViewer, {}}; }
  // This rule, and a verified client certificate on top.
  AccessRule withClientCertificate() const {
    AccessRule r = *this;
    r.client_certificate = true;
    return r;
  }

  // The spec's wording: "public", "any", "user", "viewer+", "developer+", "admin",
  // "scope:verify:run", "metrics", "refresh_token", "client_credentials"; " + mtls" appended
  // when a client certificate is required too.
  std::string describe() const;
  // Whether the authn filter checks a credential from the headers: every kind except public
  // routes and those whose credential is in the body (refresh token, client credentials).
  bool needsCredentials() const {
    return kind != Kind::kPublic && kind != Kind::kRefreshToken && kind != Kind::kClientCredentials;
  }
};

// Whether the handler may block (store, argon2id): such handlers run on the worker pool and the
// session resumes on its strand with the result.
enum class Execution { kInline, kBlocking };

using HandlerResult = StatusOr<Response>;
using Handler = std::function<HandlerResult(const Request&, RequestContext&)>;

inline constexpr std::size_t kDefaultBodyLimit = 1024 * 1024;

struct RouteSpec {
  Method method = Method::kGet;
  std::string path;   // template: "/api/v1/optimize/{optimization_id}", "/dashboard/{path...}"
  std::string group;  // "always", "auth", "orchestration", ... (tars.md §1.1)
  AccessRule access;  // who may call it
  std::string rate_class = "auto";             // tars.md §4.1 class, "auto" or "exempt"
  std::size_t body_limit = kDefaultBodyLimit;  // bytes; larger bodies get 413
  Execution execution = Execution::kInline;
  Handler handler;

  // Set by the Router: position in the route table, used to index per-route state (metrics).
  std::size_t index = 0;
};

}  // namespace tars::http
