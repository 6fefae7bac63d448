#pragma once
// Credentials: what a request presents (tars.md §3.2 checks 1–2), and how the Authorization /
// X-API-Key headers are read into one credential before anything is verified.
//
// Thread safety: pure functions.

#include <optional>
#include <string_view>

#include "jwt/outcome.h"

namespace tars::identity {

// The raw header values of one request (views into the request; absent when not sent).
struct Credentials {
  std::optional<std::string_view> authorization;
  std::optional<std::string_view> api_key;  // X-API-Key
};

// One presented credential after checks 1 and 2.
struct PresentedCredential {
  enum class Kind { kBearerToken, kApiKey };
  Kind kind = Kind::kBearerToken;
  std::string_view value;  // the token, or the full API key text
};

// Check 1 (a credential present → else MissingAuthHeader) and check 2 (`Bearer` scheme,
// case-insensitive, exactly one space, non-empty value; not both headers → else
// InvalidAuthFormat). A Bearer value starting `tars_` is an API key. The API key's own format is
// checked by its verifier (InvalidApiKey).
jwt::Result<PresentedCredential> readCredential(const Credentials& credentials);

}  // namespace tars::identity
