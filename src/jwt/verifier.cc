#include "jwt/verifier.h"

#include <algorithm>

namespace tars::jwt {

TokenVerifier::TokenVerifier(const Clock& clock, KeySource& keys, VerifierOptions options,
                             VerifiedTokenCache* cache)
    : clock_(clock),
      keys_(keys),
      options_(std::move(options)),
      validator_(clock, options_.claims),
      cache_(cache) {}

namespace {

// The type check of §3.2 row 12 (the `type` claim was read when the token was verified), done
// per call so that one cached verification serves both expectations.
Result<VerifiedTokenConstSharedPtr> requireType(VerifiedTokenConstSharedPtr hit,
                                                std::optional<TokenType> expected_type) {
  if (expected_type && hit->type != expected_type) {
    return Failure(Outcome::kWrongTokenType, *expected_type == TokenType::kAccess
                                                 ? "not an access token"
                                                 : "not a refresh token");
  }
  return hit;
}

}  // namespace

bool TokenVerifier::allowed(Algorithm algorithm) const {
  return std::find(options_.allowed_algorithms.begin(), options_.allowed_algorithms.end(),
                   algorithm) != options_.allowed_algorithms.end();
}

Result<VerifiedTokenConstSharedPtr> TokenVerifier::verify(
    std::string_view compact, std::optional<TokenType> expected_type) const {
  if (compact.size() > kMaxTokenBytes) {
    return Failure(Outcome::kInvalidToken, "token larger than 8 KiB");
  }
  VerifiedTokenCache::Digest digest{};
  std::uint64_t generation = 0;
  if (cache_ != nullptr) {
    digest = VerifiedTokenCache::digestOf(compact);
    generation = keys_.generation();
    if (VerifiedTokenConstSharedPtr hit = cache_->lookup(digest, clock_.now(), generation)) {
      return requireType(std::move(hit), expected_type);
    }
  }
  Result<Token> token = parseToken(compact);
  if (!token.isOk()) {
    return token.failure();
  }
  return verifyUncached(std::move(token).value(), expected_type,
                        cache_ != nullptr ? &digest : nullptr, generation);
}

Result<VerifiedTokenConstSharedPtr> TokenVerifier::verifyParsed(
    std::string_view compact, Token token, std::optional<TokenType> expected_type) const {
  if (compact.size() > kMaxTokenBytes) {
    return Failure(Outcome::kInvalidToken, "token larger than 8 KiB");
  }
  if (cache_ == nullptr) {
    return verifyUncached(std::move(token), expected_type, nullptr, 0);
  }
  const VerifiedTokenCache::Digest digest = VerifiedTokenCache::digestOf(compact);
  const std::uint64_t generation = keys_.generation();
  if (VerifiedTokenConstSharedPtr hit = cache_->lookup(digest, clock_.now(), generation)) {
    return requireType(std::move(hit), expected_type);
  }
  return verifyUncached(std::move(token), expected_type, &digest, generation);
}

Result<VerifiedTokenConstSharedPtr> TokenVerifier::verifyUncached(
    Token token, std::optional<TokenType> expected_type, const VerifiedTokenCache::Digest* digest,
    std::uint64_t generation) const {
  Jws& jws = token.jws;
  if (!allowed(jws.algorithm)) {
    return Failure(Outcome::kInvalidToken, "alg not allowed for this issuer");
  }
  if (auto f = validator_.checkIssuer(token.claims)) {
    return *f;
  }
  if (!jws.kid) {
    return Failure(Outcome::kInvalidToken, "kid missing");
  }
  Result<VerificationKeyConstSharedPtr> key = keys_.findKey(*jws.kid, jws.algorithm);
  if (!key.isOk()) {
    return key.failure();
  }
  if ((*key)->algorithm() != jws.algorithm) {
    return Failure(Outcome::kInvalidSignature, "alg differs from the key's algorithm");
  }
  if (!(*key)->verify(jws.algorithm, jws.signing_input, jws.signature)) {
    return Failure(Outcome::kInvalidSignature, "signature does not verify");
  }
  // Claims without the type check first: a cached entry must not depend on the expected type.
  Result<ClaimTimes> times = validator_.validate(token.claims, std::nullopt);
  if (!times.isOk()) {
    return times.failure();
  }
  // Move-constructed (not assigned): the JSON values keep their arena instead of being copied.
  VerifiedTokenConstSharedPtr result = std::make_shared<const VerifiedToken>(
      VerifiedToken{jws.algorithm, std::move(*jws.kid), std::move(jws.header),
                    std::move(token.claims), times->expires_at, times->type});
  if (cache_ != nullptr && digest != nullptr) {
    cache_->insert(*digest, result, clock_.now(), generation);
  }
  return requireType(std::move(result), expected_type);
}

}  // namespace tars::jwt
