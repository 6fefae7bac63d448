#include "jwt/signing_key.h"

#include "crypto/hmac.h"
#include "crypto/random.h"
#include "crypto/signature.h"

namespace tars::jwt {

StatusOr<SigningKey> SigningKey::CreateHmac(Algorithm algorithm, crypto::SecretBytes secret,
                                            std::string kid) {
  TARS_ASSIGN_OR_RETURN(VerificationKey verification,
                        VerificationKey::CreateHmac(algorithm, secret, std::move(kid)));
  TARS_ASSIGN_OR_RETURN(crypto::HmacKey hmac,
                        crypto::HmacKey::Create(hmacHash(algorithm), secret.view()));
  SigningKey out(std::make_shared<const VerificationKey>(std::move(verification)));
  out.secret_.emplace(std::move(secret));
  out.hmac_.emplace(std::move(hmac));
  return out;
}

StatusOr<SigningKey> SigningKey::CreateAsymmetric(Algorithm algorithm, crypto::Key key,
                                                  std::string kid) {
  if (!key.hasPrivate()) {
    return invalidArgument("a signing key needs a private key");
  }
  TARS_ASSIGN_OR_RETURN(VerificationKey verification,
                        VerificationKey::CreateAsymmetric(algorithm, key, std::move(kid)));
  SigningKey out(std::make_shared<const VerificationKey>(std::move(verification)));
  out.key_.emplace(std::move(key));
  return out;
}

StatusOr<SigningKey> SigningKey::Generate(Algorithm algorithm, std::string kid) {
  if (isHmac(algorithm)) {
    TARS_ASSIGN_OR_RETURN(std::string bytes, crypto::randomBytes(minHmacSecretBytes(algorithm)));
    return CreateHmac(algorithm, crypto::SecretBytes(std::move(bytes)), std::move(kid));
  }
  TARS_ASSIGN_OR_RETURN(crypto::Key key, crypto::Key::Generate(keyTypeFor(algorithm)));
  return CreateAsymmetric(algorithm, std::move(key), std::move(kid));
}

StatusOr<SigningKey> SigningKey::FromPrivateMaterial(Algorithm algorithm, std::string_view material,
                                                     std::string kid) {
  if (isHmac(algorithm)) {
    return CreateHmac(algorithm, crypto::SecretBytes(material), std::move(kid));
  }
  TARS_ASSIGN_OR_RETURN(crypto::Key key, crypto::Key::FromPem(material));
  return CreateAsymmetric(algorithm, std::move(key), std::move(kid));
}

StatusOr<std::string> SigningKey::sign(std::string_view signing_input) const {
  if (hmac_) {
    return hmac_->compute(signing_input);
  }
  return crypto::sign(signatureAlgorithm(algorithm()), *key_, signing_input);
}

StatusOr<crypto::SecretBytes> SigningKey::privateMaterial() const {
  if (secret_) {
    return *secret_;
  }
  TARS_ASSIGN_OR_RETURN(std::string pem, key_->privatePem());
  return crypto::SecretBytes(std::move(pem));
}

}  // namespace tars::jwt
