#pragma once
// Roles, scopes and what a principal may do (tars.md §1.7, cap.md §10.1).
//
// Roles: viewer < developer < admin; a higher role implies the lower ones. T.A.R.S. scopes mirror
// them (tars:viewer < tars:developer < tars:admin) plus metrics:read; CAP scopes are verify:run,
// policy:compile, policy:read. A user token's roles grant CAP scopes (cap.md §10.1): admin →
// verify:run, policy:compile, policy:read, metrics:read; developer → verify:run, policy:read,
// metrics:read; viewer → policy:read, metrics:read.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tars::identity {

enum class Role { kViewer = 0, kDeveloper = 1, kAdmin = 2 };

std::string_view roleName(Role r);
// "viewer" → kViewer (exact, lowercase); nullopt for anything else.
std::optional<Role> parseRole(std::string_view name);

// Every scope tars knows, in a fixed order.
const std::vector<std::string>& knownScopes();
bool isKnownScope(std::string_view scope);

// The role a set of tars:* scopes amounts to (the highest), if any.
std::optional<Role> roleFromScopes(const std::vector<std::string>& scopes);

// Whether `held` (a scope principal's scopes) include `required`, honouring the tars:* hierarchy.
bool scopesSatisfy(const std::vector<std::string>& held, std::string_view required);

// The scopes a user with these roles holds (cap.md §10.1 grants plus the tars:* mirror).
std::vector<std::string> scopesOfRoles(const std::vector<Role>& roles);

// "a b c" → {"a", "b", "c"}: the space-separated scope syntax of RFC 6749 §3.3 (empty items
// skipped).
std::vector<std::string> splitScopes(std::string_view text);

// The highest of `roles`; nullopt when empty.
std::optional<Role> highestRole(const std::vector<Role>& roles);

}  // namespace tars::identity
