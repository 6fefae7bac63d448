#pragma once
// Principal: who made a request, once authentication succeeded (tars.md §1.7). The authn filter
// attaches one to the request context; rate limiting keys on it, authz checks it, handlers read
// it (GET /auth/me, audit actors).
//
// Thread safety: immutable once built; shared as PrincipalConstSharedPtr.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/access.h"

namespace tars::identity {

enum class PrincipalType {
  kUser,      // access JWT with `roles`
  kClient,    // access JWT from /oauth/token, `scope` claim
  kService,   // API key
  kExternal,  // access token of a configured JWKS provider
};

// "user", "client", "service", "external" (GET /auth/me `principal_type`, audit actor type).
std::string_view principalTypeName(PrincipalType type);

// The audit actor type (tars.md §3.9: user|client|service|…): an external JWT acts as a user.
std::string_view auditActorType(PrincipalType type);

struct Principal {
  PrincipalType type = PrincipalType::kUser;
  std::string id;                   // user_id | key_id (client, service) | `sub` (external)
  std::string username;             // users
  std::vector<Role> roles;          // users
  std::vector<std::string> scopes;  // clients, services, external (users: none, see hasScope)
  std::string service_name;         // services
  std::string provider;             // external: the provider's configured name
  std::string jti;                  // tokens: the access token's jti (logout denylists it)
  std::string sid;                  // user tokens: the refresh family (logout revokes it)
  std::optional<std::chrono::system_clock::time_point> expires_at;  // tokens: `exp`

  // Limiter key (§1.7): user:<user_id>, client:<key_id>, key:<key_id>, ext:<provider>:<sub>.
  std::string limiterKey() const;
  // The class `auto` resolves to (§2): `default` for users and external JWTs, `internal` for
  // clients and keys.
  std::string_view autoRateClass() const;
  // Whether the principal holds `min` or a higher role: users through their roles, the others
  // through their tars:* scopes.
  bool hasRole(Role min) const;
  // Whether the principal holds `scope` (honouring the tars:* hierarchy): users through what
  // their roles grant (cap.md §10.1), the others through `scopes`.
  bool hasScope(std::string_view scope) const;
};

using PrincipalConstSharedPtr = std::shared_ptr<const Principal>;

}  // namespace tars::identity
