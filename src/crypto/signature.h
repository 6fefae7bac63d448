#pragma once
// Digital signatures over OpenSSL 3 EVP: RSASSA-PKCS1-v1_5 with SHA-256/384/512, RSASSA-PSS with
// SHA-256 (MGF1-SHA-256, salt length = 32 bytes, as JWS PS256 requires), ECDSA P-256/SHA-256 and
// P-384/SHA-384 in JOSE's raw r||s form, and Ed25519 (pure, RFC 8032).
//
// Thread safety: thread-safe; a Key may be shared by concurrent calls.
// Failure: sign() returns kInvalidArgument when the key does not fit the algorithm or has no
// private part, kInternal when OpenSSL fails. verify() fails closed: any problem (wrong key type,
// wrong signature length, malformed signature, OpenSSL error) is simply "not verified".

#include <string>
#include <string_view>

#include "core/status.h"
#include "crypto/key.h"

namespace tars::crypto {

enum class SignatureAlgorithm {
  kRsaPkcs1Sha256,
  kRsaPkcs1Sha384,
  kRsaPkcs1Sha512,
  kRsaPssSha256,
  kEcdsaP256Sha256,
  kEcdsaP384Sha384,
  kEd25519,
};

// e.g. "RSASSA-PKCS1-v1_5/SHA-256" (for messages).
std::string_view signatureAlgorithmName(SignatureAlgorithm algorithm);

// The one key type `algorithm` works with (RSA for both RSA schemes).
KeyType requiredKeyType(SignatureAlgorithm algorithm);

// OK when `key` has the type `algorithm` needs; kInvalidArgument otherwise.
Status checkKeyForAlgorithm(SignatureAlgorithm algorithm, const Key& key);

// The signature of `data`. ECDSA signatures are returned as fixed-length r||s (64 or 96 bytes).
// REQUIRES: key.hasPrivate().
StatusOr<std::string> sign(SignatureAlgorithm algorithm, const Key& key, std::string_view data);

// True only when `signature` is a valid signature of `data` under `key` and `algorithm`. ECDSA
// signatures must be r||s of exactly 64 (P-256) or 96 (P-384) bytes; RSA signatures exactly the
// modulus length; Ed25519 exactly 64 bytes.
bool verify(SignatureAlgorithm algorithm, const Key& key, std::string_view data,
            std::string_view signature);

}  // namespace tars::crypto
