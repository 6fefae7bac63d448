#pragma once
// ClaimsValidator: the registered-claim checks of tars.md §3.2 (checks 4, 9–12) and cap.md §10.4
// step 6, run on claims whose signature has already been verified.
//
// Order and outcomes (the first failing check decides):
//   iss  absent or not exactly the policy's issuer          → IssuerMismatch (not a string →
//                                                             InvalidToken)
//   exp  absent or not a finite number                       → InvalidToken
//        now >= exp + leeway                                 → TokenExpired
//   nbf  (if present) not a finite number                    → InvalidToken
//        now + leeway < nbf                                  → TokenNotYetValid
//   iat  (if present) not a finite number                    → InvalidToken
//        iat > now + leeway                                  → TokenNotYetValid
//   aud  a string equal to, or an array of strings containing, the policy's audience; absent or
//        not containing it → AudienceMismatch; another type, or an array with a non-string →
//        InvalidToken
//   type (only when an expected type is given) absent or different → WrongTokenType
// NumericDates may be fractional (RFC 7519 §2); booleans and strings are not numbers.
//
// Thread safety: immutable; validate() may run on many threads. Time comes only from the Clock.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/clock.h"
#include "jwt/outcome.h"
#include "jwt/token_type.h"

namespace tars::jwt {

struct ClaimsPolicy {
  // Exact value `iss` must have (auth.jwt.issuer, or a provider's issuer).
  std::string issuer;
  // Value `aud` must be or contain (auth.jwt.audience, or a provider's audience).
  std::string audience;
  // Clock skew allowed on exp/nbf/iat (auth.jwt.leeway_seconds).
  std::chrono::seconds leeway{30};
};

// What validation learned about the token's lifetime.
struct ClaimTimes {
  std::chrono::system_clock::time_point expires_at;  // exp (sub-second part kept)
  std::optional<TokenType> type;                     // the `type` claim, if it names one
};

class ClaimsValidator {
 public:
  ClaimsValidator(const Clock& clock, ClaimsPolicy policy)
      : clock_(clock), policy_(std::move(policy)) {}

  // All checks above; `expected_type` empty skips the `type` check (provider tokens).
  Result<ClaimTimes> validate(const boost::json::object& claims,
                              std::optional<TokenType> expected_type) const;

  // Single checks, for callers that split the order (the verifier checks the unverified `iss`
  // before looking up the key, as §3.2 check 4 requires).
  std::optional<Failure> checkIssuer(const boost::json::object& claims) const;
  static std::optional<Failure> checkType(const boost::json::object& claims, TokenType expected);

  const ClaimsPolicy& policy() const { return policy_; }

 private:
  const Clock& clock_;
  ClaimsPolicy policy_;
};

}  // namespace tars::jwt
