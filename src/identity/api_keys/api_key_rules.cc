#include "identity/api_keys/api_key_rules.h"

#include <algorithm>

#include "identity/access.h"

namespace tars::identity {
namespace {

bool isServiceNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' ||
         c == '.' || c == '_' || c == '-';
}

Status fieldError(std::string field, std::string message) {
  std::string text = field + ": " + message;
  return validationError(std::move(text), {FieldError{std::move(field), std::move(message)}});
}

// A scope as it may be echoed in a message: short printable ASCII, else nothing (unknown input
// is not repeated back verbatim).
std::string quoted(std::string_view scope) {
  if (scope.size() > 64)
    return "";
  for (char c : scope) {
    if (c < 0x21 || c > 0x7e)
      return "";
  }
  return " \"" + std::string(scope) + "\"";
}

}  // namespace

Status validateServiceName(std::string_view service_name) {
  if (service_name.empty() || service_name.size() > kMaxServiceNameLength ||
      !std::all_of(service_name.begin(), service_name.end(), isServiceNameChar)) {
    return fieldError("service_name", "must be 1-64 characters of [A-Za-z0-9 ._-]");
  }
  return Status::ok();
}

StatusOr<std::vector<std::string>> normalizeScopes(const std::vector<std::string>& scopes) {
  if (scopes.size() > kMaxApiKeyScopes)
    return fieldError("scopes", "at most 32 scopes");
  std::vector<std::string> out;
  out.reserve(scopes.size());
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    if (!isKnownScope(scopes[i])) {
      return fieldError("scopes[" + std::to_string(i) + "]", "unknown scope" + quoted(scopes[i]));
    }
    if (std::find(out.begin(), out.end(), scopes[i]) == out.end())
      out.push_back(scopes[i]);
  }
  return out;
}

Status validateExpiresInDays(int days) {
  if (days < 1 || days > kMaxExpiresInDays)
    return fieldError("expires_in_days", "must be between 1 and 3650");
  return Status::ok();
}

Status validateRotationGrace(std::chrono::seconds grace) {
  if (grace.count() < 0 || grace > kMaxRotationGrace)
    return fieldError("grace_seconds", "must be between 0 and 604800");
  return Status::ok();
}

Status checkCallerMayGrant(const std::optional<std::vector<std::string>>& caller_scopes,
                           const std::vector<std::string>& scopes) {
  if (!caller_scopes)
    return Status::ok();
  if (roleFromScopes(*caller_scopes) == Role::kAdmin)
    return Status::ok();
  for (const std::string& scope : scopes) {
    if (!scopesSatisfy(*caller_scopes, scope))
      return permissionDenied("Cannot grant scope " + scope + ": the caller does not hold it");
  }
  return Status::ok();
}

}  // namespace tars::identity
