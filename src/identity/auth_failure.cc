#include "identity/auth_failure.h"

namespace tars::identity {
namespace {

// tars.md §3.2, in table order.
constexpr AuthFailureInfo kTable[kAuthFailureCount] = {
    {401, "Missing Authorization header", "auth/missing-auth-header", "", true},
    {401, "Invalid Authorization header format", "auth/invalid-auth-format", "invalid_request",
     true},
    {401, "Invalid token", "auth/invalid-token", "invalid_token", true},
    {401, "Token issuer mismatch", "auth/issuer-mismatch", "invalid_token", true},
    {401, "Key ID not found", "auth/key-id-not-found", "invalid_token", true},
    {401, "Failed to parse JWK", "auth/jwk-parse-error", "invalid_token", true},
    {503, "Failed to fetch JWKS", "auth/jwks-fetch-failed", "", false},
    {401, "Invalid token signature", "auth/invalid-signature", "invalid_token", true},
    {401, "Token expired", "auth/token-expired", "invalid_token", true},
    {401, "Token not yet valid", "auth/token-not-yet-valid", "invalid_token", true},
    {401, "Token audience mismatch", "auth/audience-mismatch", "invalid_token", true},
    {401, "Invalid token type", "auth/wrong-token-type", "invalid_token", true},
    {401, "Token has been revoked", "auth/token-revoked", "invalid_token", true},
    {401, "Invalid API key", "auth/invalid-api-key", "invalid_token", true},
    {403, "Requires <role> role or higher", "auth/insufficient-role", "", false},
    {403, "Insufficient scope", "auth/insufficient-scope", "insufficient_scope", true},
    {500, "Internal authentication error", "auth/internal-error", "", false},
};

}  // namespace

const AuthFailureInfo& authFailureInfo(AuthFailure f) {
  // kSuccess (0) has no row; the table starts at the first failure. Misuse answers InternalError.
  auto i = static_cast<std::size_t>(f);
  return kTable[i == 0 ? kAuthFailureCount - 1 : i - 1];
}

const std::array<AuthFailure, kAuthFailureCount>& allAuthFailures() {
  static const auto kAll = [] {
    std::array<AuthFailure, kAuthFailureCount> a{};
    for (std::size_t i = 0; i < kAuthFailureCount; ++i)
      a[i] = static_cast<AuthFailure>(i + 1);  // skip jwt::Outcome::kSuccess
    return a;
  }();
  return kAll;
}

std::string wwwAuthenticate(AuthFailure f, std::string_view required_scope) {
  const auto& info = authFailureInfo(f);
  if (!info.send_challenge)
    return {};
  std::string out = R"(Bearer realm="tars")";
  if (!info.challenge.empty()) {
    out += R"(, error=")";
    out += info.challenge;
    out += '"';
  }
  if (f == AuthFailure::kInsufficientScope) {
    out += R"(, scope=")";
    out += required_scope;
    out += '"';
  }
  return out;
}

std::string authFailureDetail(AuthFailure f, std::string_view min_role) {
  if (f == AuthFailure::kInsufficientRole) {
    return "Requires " + std::string(min_role) + " role or higher";
  }
  return std::string(authFailureInfo(f).detail);
}

}  // namespace tars::identity
