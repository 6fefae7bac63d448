#include "identity/auth_failure.h"

namespace tars::identity {
namespace {

// tars.md §3.2, in table order.
constexpr AuthFailureInfo kTable[kAuthFailureCount] = {
    {401, "Missing Authorization header", "auth/missing-auth-header", "", true,
     "missing_auth_header"},
    {401, "Invalid Authorization header format", "auth/invalid-auth-format", "invalid_request",
     true, "invalid_auth_format"},
    {401, "Invalid token", "auth/invalid-token", "invalid_token", true, "invalid_token"},
    {401, "Token issuer mismatch", "auth/issuer-mismatch", "invalid_token", true,
     "issuer_mismatch"},
    {401, "Key ID not found", "auth/key-id-not-found", "invalid_token", true, "key_id_not_found"},
    {401, "Failed to parse JWK", "auth/jwk-parse-error", "invalid_token", true, "jwk_parse_error"},
    {503, "Failed to fetch JWKS", "auth/jwks-fetch-failed", "", false, "jwks_fetch_failed"},
    {401, "Invalid token signature", "auth/invalid-signature", "invalid_token", true,
     "invalid_signature"},
    {401, "Token expired", "auth/token-expired", "invalid_token", true, "token_expired"},
    {401, "Token not yet valid", "auth/token-not-yet-valid", "invalid_token", true,
     "token_not_yet_valid"},
    {401, "Token audience mismatch", "auth/audience-mismatch", "invalid_token", true,
     "audience_mismatch"},
    {401, "Invalid token type", "auth/wrong-token-type", "invalid_token", true, "wrong_token_type"},
    {401, "Token has been revoked", "auth/token-revoked", "invalid_token", true, "token_revoked"},
    {401, "Invalid API key", "auth/invalid-api-key", "invalid_token", true, "invalid_api_key"},
    {403, "Requires <role> role or higher", "auth/insufficient-role", "", false,
     "insufficient_role"},
    {403, "Insufficient scope", "auth/insufficient-scope", "insufficient_scope", true,
     "insufficient_scope"},
    {500, "Internal authentication error", "auth/internal-error", "", false, "internal_error"},
};

}  // namespace

const AuthFailureInfo& authFailureInfo(AuthFailure f) {
  return kTable[static_cast<std::size_t>(f)];
}

const std::array<AuthFailure, kAuthFailureCount>& allAuthFailures() {
  static const auto kAll = [] {
    std::array<AuthFailure, kAuthFailureCount> a{};
    for (std::size_t i = 0; i < kAuthFailureCount; ++i)
      a[i] = static_cast<AuthFailure>(i);
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
