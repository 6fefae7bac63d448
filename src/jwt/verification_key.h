#pragma once
// VerificationKey: a key bound, at construction, to exactly ONE JWS algorithm (RFC 8725 §3.1).
// verify() refuses a token whose `alg` is not that algorithm, so an RSA key made for RS256 never
// verifies PS256 or HS256 (no algorithm confusion), and an HMAC secret never verifies an
// asymmetric algorithm.
//
// Construction rules: HS256/384/512 take a raw secret of at least 32/48/64 bytes; RS*/PS256 an RSA
// key of at least 2048 bits; ES256 a P-256 key; ES384 a P-384 key; EdDSA an Ed25519 key. A private
// key may be given (its public half is what verifies).
//
// Thread safety: immutable after Create*(); verify() may run on many threads at once.
// Failure: Create* return kInvalidArgument naming the rule broken (never key material).

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/status.h"
#include "crypto/hmac.h"
#include "crypto/key.h"
#include "crypto/secret_bytes.h"
#include "crypto/signature_verifier.h"
#include "jwt/algorithm.h"

namespace tars::jwt {

class VerificationKey {
 public:
  // REQUIRES: isHmac(algorithm); secret.size() >= minHmacSecretBytes(algorithm).
  static StatusOr<VerificationKey> CreateHmac(Algorithm algorithm,
                                              const crypto::SecretBytes& secret, std::string kid);
  // REQUIRES: !isHmac(algorithm); key.type() == keyTypeFor(algorithm).
  static StatusOr<VerificationKey> CreateAsymmetric(Algorithm algorithm, crypto::Key key,
                                                    std::string kid);

  Algorithm algorithm() const { return algorithm_; }
  const std::string& kid() const { return kid_; }
  bool isHmac() const { return hmac_.has_value(); }

  // True only when `token_algorithm` is this key's algorithm and `signature` is valid for
  // `signing_input`. HMAC tags are compared in constant time. Fails closed on any error.
  bool verify(Algorithm token_algorithm, std::string_view signing_input,
              std::string_view signature) const;

  // The public JWK with "kid", "alg" and "use":"sig". kFailedPrecondition for HMAC keys (a
  // secret is never published).
  StatusOr<boost::json::object> publicJwk() const;

  // The asymmetric key; null for HMAC keys.
  const crypto::Key* asymmetricKey() const { return verifier_ ? &verifier_->key() : nullptr; }

 private:
  VerificationKey(Algorithm algorithm, std::string kid)
      : algorithm_(algorithm), kid_(std::move(kid)) {}

  Algorithm algorithm_;
  std::string kid_;
  std::optional<crypto::HmacKey> hmac_;
  std::optional<crypto::SignatureVerifier> verifier_;
};

using VerificationKeyConstSharedPtr = std::shared_ptr<const VerificationKey>;

}  // namespace tars::jwt
