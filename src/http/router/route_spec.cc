#include "http/router/route_spec.h"

namespace tars::http {

namespace {

std::string describeKind(AccessRule::Kind kind, Role min_role,
                         const std::vector<std::string>& scopes) {
  using Kind = AccessRule::Kind;
  switch (kind) {
    case Kind::kPublic:
      return "public";
    case Kind::kAuthenticated:
      return "any";
    case Kind::kUser:
      return "user";
    case Kind::kRole:
      return min_role == Role::kAdmin ? std::string("admin")
                                      : std::string(roleName(min_role)) + "+";
    case Kind::kScopes: {
      std::string out = "scope:";
      for (std::size_t i = 0; i < scopes.size(); ++i) {
        if (i > 0)
          out += ' ';
        out += scopes[i];
      }
      return out;
    }
    case Kind::kMetrics:
      return "metrics";
    case Kind::kRefreshToken:
      return "refresh_token";
    case Kind::kClientCredentials:
      return "client_credentials";
  }
  return "public";
}

}  // namespace

std::string AccessRule::describe() const {
  std::string text = describeKind(kind, min_role, scopes);
  return client_certificate ? text + " + mtls" : text;
}

}  // namespace tars::http
