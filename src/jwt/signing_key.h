#pragma once
// SigningKey: a private key or HMAC secret bound to exactly one JWS algorithm and a kid, plus the
// VerificationKey that checks what it signs.
//
// Private material can be exported for storage (privateMaterial(): the raw HMAC secret, or the
// PKCS#8 PEM of the private key) and loaded back (FromPrivateMaterial); the caller stores it
// encrypted (tars.md §3.5) and never logs it.
//
// Thread safety: immutable after creation; sign() may run on many threads at once.
// Failure: kInvalidArgument for a key that does not fit the algorithm (same rules as
// VerificationKey, plus: the key must be private); kInternal for an OpenSSL failure.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "crypto/hmac.h"
#include "crypto/key.h"
#include "crypto/secret_bytes.h"
#include "jwt/algorithm.h"
#include "jwt/verification_key.h"

namespace tars::jwt {

class SigningKey {
 public:
  static StatusOr<SigningKey> CreateHmac(Algorithm algorithm, crypto::SecretBytes secret,
                                         std::string kid);
  // REQUIRES: key.hasPrivate().
  static StatusOr<SigningKey> CreateAsymmetric(Algorithm algorithm, crypto::Key key,
                                               std::string kid);
  // A fresh key for `algorithm`: HS* a random secret of minHmacSecretBytes (32/48/64 bytes),
  // RS*/PS256 RSA-2048, ES256 P-256, ES384 P-384, EdDSA Ed25519.
  static StatusOr<SigningKey> Generate(Algorithm algorithm, std::string kid);
  // The inverse of privateMaterial().
  static StatusOr<SigningKey> FromPrivateMaterial(Algorithm algorithm, std::string_view material,
                                                  std::string kid);

  Algorithm algorithm() const { return verification_->algorithm(); }
  const std::string& kid() const { return verification_->kid(); }

  // The raw signature of `signing_input` (ECDSA as r||s).
  StatusOr<std::string> sign(std::string_view signing_input) const;

  // The key that verifies this key's signatures (shared, immutable).
  const VerificationKeyConstSharedPtr& verificationKey() const { return verification_; }

  // The secret material to store (encrypted): the HMAC secret, or the private key as PKCS#8 PEM.
  StatusOr<crypto::SecretBytes> privateMaterial() const;

 private:
  explicit SigningKey(VerificationKeyConstSharedPtr verification)
      : verification_(std::move(verification)) {}

  VerificationKeyConstSharedPtr verification_;
  std::optional<crypto::SecretBytes> secret_;  // HMAC: kept for privateMaterial()
  std::optional<crypto::HmacKey> hmac_;        // HMAC: the keyed context that signs
  std::optional<crypto::Key> key_;             // asymmetric, private
};

using SigningKeyConstSharedPtr = std::shared_ptr<const SigningKey>;

}  // namespace tars::jwt
