#pragma once
// TokenVerifier: the JWT part of the verification contract (tars.md §3.2 checks 3–12, cap.md
// §10.4) for ONE issuer: its key source (tars' KeyRing or a provider's JwksCache), its audience,
// the algorithms it may use.
//
// verify() runs, and the first failure decides:
//   3  token ≤ 8 KiB (before anything else, the cache hash included), compact JWS parsing
//      (jwt/token.h), `alg` in options.allowed_algorithms      → InvalidToken
//   4  unverified `iss` is this verifier's issuer              → IssuerMismatch
//   5  `kid` present (else InvalidToken) and known             → KeyIdNotFound
//   6,7 (JwksCache) the key set and key parse and are usable   → JwkParseError / JwksFetchFailed
//   8  the key's one algorithm is the token's `alg`, and the signature verifies
//                                                              → InvalidSignature
//   9–11 exp, nbf, iat, aud (jwt/claims_validator.h)           → TokenExpired, TokenNotYetValid,
//                                                                AudienceMismatch, InvalidToken
//   12 `type` when an expected type is given                   → WrongTokenType
// Roles, revocation (13–14) and authorisation are the caller's (identity/, the authn filter).
//
// With a VerifiedTokenCache, a token verified before is answered from the cache (after the size
// check) while it is unexpired and its key source's generation is unchanged; the type check still
// runs on every call.
//
// Thread safety: thread-safe (the key source and cache are). The verifier holds references: the
// clock, key source and cache must outlive it.

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "jwt/algorithm.h"
#include "jwt/claims_validator.h"
#include "jwt/key_source.h"
#include "jwt/outcome.h"
#include "jwt/token.h"
#include "jwt/verified_token.h"
#include "jwt/verified_token_cache.h"

namespace tars::jwt {

struct VerifierOptions {
  // iss, aud and leeway to enforce.
  ClaimsPolicy claims;
  // Algorithms this issuer's tokens may use: {HS256} (or the ring's algorithm) for tars,
  // {RS256, ES256} for a JWKS provider.
  std::vector<Algorithm> allowed_algorithms;
};

class TokenVerifier {
 public:
  // `cache` may be null (no caching).
  TokenVerifier(const Clock& clock, KeySource& keys, VerifierOptions options,
                VerifiedTokenCache* cache = nullptr);

  // The verified token, or the Failure that refused it. `expected_type` empty skips check 12.
  Result<VerifiedTokenConstSharedPtr> verify(std::string_view compact,
                                             std::optional<TokenType> expected_type) const;

  // The same for a token the caller already parsed (e.g. to read `iss` and pick the verifier);
  // `compact` must be the text `token` was parsed from.
  Result<VerifiedTokenConstSharedPtr> verifyParsed(std::string_view compact, Token token,
                                                   std::optional<TokenType> expected_type) const;

  const VerifierOptions& options() const { return options_; }

 private:
  Result<VerifiedTokenConstSharedPtr> verifyUncached(Token token,
                                                     std::optional<TokenType> expected_type,
                                                     const VerifiedTokenCache::Digest* digest,
                                                     std::uint64_t generation) const;
  bool allowed(Algorithm algorithm) const;

  const Clock& clock_;
  KeySource& keys_;
  const VerifierOptions options_;
  const ClaimsValidator validator_;
  VerifiedTokenCache* const cache_;
};

}  // namespace tars::jwt
