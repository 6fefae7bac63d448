#pragma once
// Authenticator: the credential half of the one verification contract (tars.md §3.2, checks
// 1–15) for every route. A JWT goes to the verifier of the issuer its unverified `iss` names
// (tars' own key ring, or a configured JWKS provider), then through the tars-specific checks 13
// (roles known) and 14 (revocation sets); an API key goes to the ApiKeyService (check 15).
// Authorisation (16–17) is the caller's: it runs after rate limiting.
//
// Thread safety: thread-safe; the verifiers, revocation set and key service it references must
// outlive it.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/authn/auth_metrics.h"
#include "identity/authn/credentials.h"
#include "identity/principal.h"
#include "jwt/outcome.h"
#include "jwt/verified_token.h"
#include "jwt/verifier.h"

namespace tars::identity {

class RevocationSet;
class ApiKeyService;

// A JWKS provider's verifier (cap.md §10.3), chosen by the token's `iss`.
struct ExternalIssuer {
  std::string name;                                    // limiter key part, metrics-free
  std::shared_ptr<const jwt::TokenVerifier> verifier;  // its issuer is options().claims.issuer
};

// What authentication decided.
struct AuthnResult {
  jwt::Outcome outcome = jwt::Outcome::kSuccess;
  PrincipalConstSharedPtr principal;  // set on kSuccess
  // Why it failed, for logs and the audit record: a fixed phrase, never credential contents.
  std::string reason;
  // The key_id of a refused API key (audit actor), when the key parsed; empty otherwise.
  std::string key_id;
  // Set when the credential was an API key that reached its check (tars_api_key_checks_total).
  std::optional<ApiKeyCheckOutcome> api_key_check;

  bool ok() const { return outcome == jwt::Outcome::kSuccess; }
};

class Authenticator {
 public:
  // `api_keys` may be null (API keys are then refused as InvalidApiKey).
  Authenticator(const jwt::TokenVerifier& local, std::vector<ExternalIssuer> external,
                const RevocationSet& revocations, ApiKeyService* api_keys);

  // Checks 1–15 for an access credential (a route that needs credentials).
  AuthnResult authenticate(const Credentials& credentials) const;

  // Checks 3–14 for a tars refresh token (POST /auth/refresh, where the token is in the body):
  // type must be `refresh` and its family not revoked. Returns the verified token.
  jwt::Result<jwt::VerifiedTokenConstSharedPtr> verifyRefreshToken(std::string_view token) const;

 private:
  AuthnResult authenticateToken(std::string_view token) const;
  AuthnResult authenticateApiKey(std::string_view api_key) const;
  AuthnResult localPrincipal(const jwt::VerifiedToken& token) const;
  AuthnResult externalPrincipal(const ExternalIssuer& issuer,
                                const jwt::VerifiedToken& token) const;

  const jwt::TokenVerifier& local_;
  const std::vector<ExternalIssuer> external_;
  const RevocationSet& revocations_;
  ApiKeyService* const api_keys_;
};

}  // namespace tars::identity
