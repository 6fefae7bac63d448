#include "identity/access.h"

#include <algorithm>

namespace tars::identity {

std::string_view roleName(Role r) {
  switch (r) {
    case Role::kViewer:
      return "viewer";
    case Role::kDeveloper:
      return "developer";
    case Role::kAdmin:
      return "admin";
  }
  return "viewer";
}

std::optional<Role> parseRole(std::string_view name) {
  if (name == "viewer")
    return Role::kViewer;
  if (name == "developer")
    return Role::kDeveloper;
  if (name == "admin")
    return Role::kAdmin;
  return std::nullopt;
}

const std::vector<std::string>& knownScopes() {
  static const std::vector<std::string> kScopes{"tars:viewer",  "tars:developer", "tars:admin",
                                                "metrics:read", "verify:run",     "policy:compile",
                                                "policy:read"};
  return kScopes;
}

bool isKnownScope(std::string_view scope) {
  const auto& k = knownScopes();
  return std::find(k.begin(), k.end(), scope) != k.end();
}

namespace {

std::optional<Role> roleOfScope(std::string_view scope) {
  if (scope == "tars:viewer")
    return Role::kViewer;
  if (scope == "tars:developer")
    return Role::kDeveloper;
  if (scope == "tars:admin")
    return Role::kAdmin;
  return std::nullopt;
}

}  // namespace

std::optional<Role> roleFromScopes(const std::vector<std::string>& scopes) {
  std::optional<Role> best;
  for (const auto& s : scopes) {
    if (auto r = roleOfScope(s); r && (!best || *r > *best))
      best = r;
  }
  return best;
}

bool scopesSatisfy(const std::vector<std::string>& held, std::string_view required) {
  if (auto need = roleOfScope(required)) {
    auto have = roleFromScopes(held);
    return have && *have >= *need;
  }
  return std::find(held.begin(), held.end(), required) != held.end();
}

std::optional<Role> highestRole(const std::vector<Role>& roles) {
  if (roles.empty())
    return std::nullopt;
  return *std::max_element(roles.begin(), roles.end());
}

std::vector<std::string> scopesOfRoles(const std::vector<Role>& roles) {
  auto top = highestRole(roles);
  if (!top)
    return {};
  std::vector<std::string> out{"tars:" + std::string(roleName(*top)), "metrics:read",
                               "policy:read"};
  if (*top >= Role::kDeveloper)
    out.emplace_back("verify:run");
  if (*top == Role::kAdmin)
    out.emplace_back("policy:compile");
  return out;
}

std::vector<std::string> splitScopes(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos)
      end = text.size();
    if (end > start)
      out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace tars::identity
