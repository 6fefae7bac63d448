#include "identity/principal.h"

#include <algorithm>

namespace tars::identity {

std::string_view principalTypeName(PrincipalType type) {
  switch (type) {
    case PrincipalType::kUser:
      return "user";
    case PrincipalType::kClient:
      return "client";
    case PrincipalType::kService:
      return "service";
    case PrincipalType::kExternal:
      return "external";
  }
  return "user";
}

std::string_view auditActorType(PrincipalType type) {
  return type == PrincipalType::kExternal ? "user" : principalTypeName(type);
}

std::string Principal::limiterKey() const {
  switch (type) {
    case PrincipalType::kUser:
      return "user:" + id;
    case PrincipalType::kClient:
      return "client:" + id;
    case PrincipalType::kService:
      return "key:" + id;
    case PrincipalType::kExternal:
      return "ext:" + provider + ":" + id;
  }
  return "user:" + id;
}

std::string_view Principal::autoRateClass() const {
  return type == PrincipalType::kClient || type == PrincipalType::kService ? "internal" : "default";
}

bool Principal::hasRole(Role min) const {
  std::optional<Role> held =
      type == PrincipalType::kUser ? highestRole(roles) : roleFromScopes(scopes);
  return held && static_cast<int>(*held) >= static_cast<int>(min);
}

bool Principal::hasScope(std::string_view scope) const {
  if (type == PrincipalType::kUser)  // derived on demand: most routes check roles, not scopes
    return scopesSatisfy(scopesOfRoles(roles), scope);
  return scopesSatisfy(scopes, scope);
}

}  // namespace tars::identity
