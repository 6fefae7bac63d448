#pragma once
// The `auth` route group (tars.md §2, §3): sessions (/auth/login, /auth/refresh, /auth/logout,
// /auth/me), service tokens (/auth/service-token*), the OAuth2 client-credentials grant
// (/oauth/token), the signing-key ring (/.well-known/jwks.json, /auth/keys*) and the audit log
// (/api/v1/audit/*). Handlers are thin: they read and validate the request, call the identity
// services, write the audit event and shape the JSON; the services hold the rules.
//
// Lifetimes: everything in AuthServiceDeps must outlive the routes.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "http/router/route_spec.h"
#include "services/auth/user_profile_cache.h"
#include "store/store.h"

namespace tars::identity {
class UserService;
class SessionService;
class Authenticator;
class ApiKeyService;
class KeyRingService;
class TokenIssuer;
class RevocationSync;
class AuditRecorder;
class AuthMetrics;
}  // namespace tars::identity

namespace tars::auth {

struct AuthServiceOptions {
  std::chrono::seconds access_ttl{3600};           // expires_in of issued access tokens
  std::string audience = "tars";                   // auth.jwt.audience
  std::vector<std::string> oauth_audiences;        // auth.oauth.audiences (empty: {audience})
  std::chrono::seconds default_rotation_grace{0};  // auth.api_keys.rotation_grace_seconds
};

struct AuthServiceDeps {
  AuthServiceOptions options;
  const Clock& clock;
  Logger& logger;
  store::Store& store;
  identity::UserService& users;
  identity::SessionService& sessions;
  const identity::Authenticator& authenticator;
  identity::ApiKeyService& api_keys;
  identity::KeyRingService& keyring;
  const identity::TokenIssuer& issuer;
  identity::RevocationSync& revocations;
  identity::AuditRecorder& audit;
  identity::AuthMetrics& metrics;
  UserProfileCache& profiles;  // GET /auth/me
  // The login_user limit (tars.md §4.1), asked once /auth/login's body names a username and
  // before the password is checked; a response it returns (429, or 503 when the limiter cannot
  // decide) is sent instead. Empty: no per-username limit.
  std::function<std::optional<http::Response>(std::string_view username, const http::Request&,
                                              http::RequestContext&)>
      login_rate_limit;
};

// Where the routes find their services. The route table is built before anything is opened
// (`tars routes` lists it without a store); `tars serve` sets `deps` once the services are up and
// before the first request. While unset, the routes answer 503.
struct AuthServiceSlot {
  const AuthServiceDeps* deps = nullptr;
};

// The group's routes, in the §2 table's order. `slot` must outlive them.
std::vector<http::RouteSpec> authRoutes(const AuthServiceSlot& slot);

// The gauges tars_auth_signing_keys{status} and tars_api_keys_active, from the current state (at
// start and after every change).
void updateSigningKeyGauge(const identity::KeyRingService& keyring, identity::AuthMetrics& metrics);
void updateActiveApiKeyGauge(identity::ApiKeyService& api_keys, identity::AuthMetrics& metrics);
// tars_auth_active_refresh_families from the store (every replica's sessions): after this
// process starts or ends a session, and periodically for the others' changes.
void updateActiveRefreshFamiliesGauge(store::Store& store, const Clock& clock,
                                      identity::AuthMetrics& metrics);

// The parts, for tests and for the table above.
std::vector<http::RouteSpec> sessionRoutes(const AuthServiceSlot& slot);
std::vector<http::RouteSpec> serviceTokenRoutes(const AuthServiceSlot& slot);
std::vector<http::RouteSpec> oauthRoutes(const AuthServiceSlot& slot);
std::vector<http::RouteSpec> keyRingRoutes(const AuthServiceSlot& slot);
std::vector<http::RouteSpec> auditRoutes(const AuthServiceSlot& slot);

}  // namespace tars::auth
