#pragma once
// The one authentication error table (tars.md §3.2): every refusal of a credential or of an
// authorisation is one of these variants, with a fixed status, detail, problem slug,
// WWW-Authenticate challenge and metric label. Details never contain token contents, URLs or
// personal data; the audit record carries the reason.

#include <array>
#include <string>
#include <string_view>

namespace tars::identity {

enum class AuthFailure {
  kMissingAuthHeader,
  kInvalidAuthFormat,
  kInvalidToken,
  kIssuerMismatch,
  kKeyIdNotFound,
  kJwkParseError,
  kJwksFetchFailed,
  kInvalidSignature,
  kTokenExpired,
  kTokenNotYetValid,
  kAudienceMismatch,
  kWrongTokenType,
  kTokenRevoked,
  kInvalidApiKey,
  kInsufficientRole,
  kInsufficientScope,
  kInternalError,
};

inline constexpr std::size_t kAuthFailureCount = 17;

// How a variant is answered.
struct AuthFailureInfo {
  int status;               // 401, 403, 503 or 500
  std::string_view detail;  // fixed text ("Token expired"); InsufficientRole is formatted
  std::string_view slug;    // "auth/token-expired" (type urn:tars:problem:<slug>)
  std::string_view
      challenge;        // WWW-Authenticate error: "", "invalid_request", "invalid_token", ...
  bool send_challenge;  // whether WWW-Authenticate is sent at all
  std::string_view metric_label;  // tars_auth_jwt_verifications_total{outcome}
};

const AuthFailureInfo& authFailureInfo(AuthFailure f);

// Every variant in table order (for initialising metric series at 0).
const std::array<AuthFailure, kAuthFailureCount>& allAuthFailures();

// The WWW-Authenticate value of a refusal: `Bearer realm="tars"` plus the RFC 6750 error (and
// `scope` for InsufficientScope). Empty when the variant sends none.
std::string wwwAuthenticate(AuthFailure f, std::string_view required_scope = {});

// The problem detail: the fixed text, or "Requires <role> role or higher" for InsufficientRole.
std::string authFailureDetail(AuthFailure f, std::string_view min_role = {});

}  // namespace tars::identity
