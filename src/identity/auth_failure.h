#pragma once
// The one authentication error table (tars.md §3.2): every refusal of a credential or of an
// authorisation is one of these variants, with a fixed status, detail, problem slug,
// WWW-Authenticate challenge and metric label. Details never contain token contents, URLs or
// personal data; the audit record carries the reason.

#include <array>
#include <string>
#include <string_view>

#include "jwt/outcome.h"

namespace tars::identity {

// The variants are jwt::Outcome's (one enum for the whole table); kSuccess is not a failure and
// must not be passed to the functions below.
using AuthFailure = jwt::Outcome;

inline constexpr std::size_t kAuthFailureCount = 17;

// How a variant is answered.
struct AuthFailureInfo {
  int status;               // 401, 403, 503 or 500
  std::string_view detail;  // fixed text ("Token expired"); InsufficientRole is formatted
  std::string_view slug;    // "auth/token-expired" (type urn:tars:problem:<slug>)
  std::string_view
      challenge;        // WWW-Authenticate error: "", "invalid_request", "invalid_token", ...
  bool send_challenge;  // whether WWW-Authenticate is sent at all
};

const AuthFailureInfo& authFailureInfo(AuthFailure f);

// Every failure variant in table order (jwt::kAllOutcomes without kSuccess). The metric label of
// a variant is jwt::metricLabel().
const std::array<AuthFailure, kAuthFailureCount>& allAuthFailures();

// The WWW-Authenticate value of a refusal: `Bearer realm="tars"` plus the RFC 6750 error (and
// `scope` for InsufficientScope). Empty when the variant sends none.
std::string wwwAuthenticate(AuthFailure f, std::string_view required_scope = {});

// The problem detail: the fixed text, or "Requires <role> role or higher" for InsufficientRole.
std::string authFailureDetail(AuthFailure f, std::string_view min_role = {});

}  // namespace tars::identity
