#include "jwt/verification_key.h"

#include "crypto/jwk.h"

namespace tars::jwt {

StatusOr<VerificationKey> VerificationKey::CreateHmac(Algorithm algorithm,
                                                      const crypto::SecretBytes& secret,
                                                      std::string kid) {
  if (!jwt::isHmac(algorithm)) {
    return invalidArgument(std::string(algorithmName(algorithm)) + " is not an HMAC algorithm");
  }
  if (secret.size() < minHmacSecretBytes(algorithm)) {
    return invalidArgument(std::string(algorithmName(algorithm)) + " needs a secret of at least " +
                           std::to_string(minHmacSecretBytes(algorithm)) + " bytes");
  }
  TARS_ASSIGN_OR_RETURN(crypto::HmacKey hmac,
                        crypto::HmacKey::Create(hmacHash(algorithm), secret.view()));
  VerificationKey key(algorithm, std::move(kid));
  key.hmac_.emplace(std::move(hmac));
  return key;
}

StatusOr<VerificationKey> VerificationKey::CreateAsymmetric(Algorithm algorithm, crypto::Key key,
                                                            std::string kid) {
  if (jwt::isHmac(algorithm)) {
    return invalidArgument(std::string(algorithmName(algorithm)) +
                           " needs a secret, not an asymmetric key");
  }
  if (key.type() != keyTypeFor(algorithm)) {
    return invalidArgument(std::string(algorithmName(algorithm)) + " needs a " +
                           std::string(crypto::keyTypeName(keyTypeFor(algorithm))) + " key, not " +
                           std::string(crypto::keyTypeName(key.type())));
  }
  TARS_ASSIGN_OR_RETURN(
      crypto::SignatureVerifier verifier,
      crypto::SignatureVerifier::Create(signatureAlgorithm(algorithm), std::move(key)));
  VerificationKey out(algorithm, std::move(kid));
  out.verifier_.emplace(std::move(verifier));
  return out;
}

bool VerificationKey::verify(Algorithm token_algorithm, std::string_view signing_input,
                             std::string_view signature) const {
  if (token_algorithm != algorithm_) {
    return false;
  }
  if (hmac_) {
    return hmac_->verify(signing_input, signature);
  }
  return verifier_->verify(signing_input, signature);
}

StatusOr<boost::json::object> VerificationKey::publicJwk() const {
  if (!verifier_) {
    return failedPrecondition("an HMAC key has no public JWK");
  }
  TARS_ASSIGN_OR_RETURN(boost::json::object jwk, crypto::publicJwk(verifier_->key()));
  jwk["kid"] = kid_;
  jwk["alg"] = algorithmName(algorithm_);
  jwk["use"] = "sig";
  return jwk;
}

}  // namespace tars::jwt
