#pragma once
// Key: an asymmetric key (RSA, EC P-256, EC P-384, Ed25519) over an OpenSSL EVP_PKEY, public or
// private. Load from PEM, generate, export PEM; JWK conversion is in crypto/jwk.h.
//
// Invariants (checked by every factory): the type is one of KeyType; RSA keys have a modulus of
// 2048..8192 bits (smaller keys are refused at load, larger ones would let a key publisher make
// every verification slow); EC points are on their curve.
//
// Thread safety: Key is an immutable value sharing one EVP_PKEY (reference counted); copies may be
// used from many threads at once for signing and verifying (OpenSSL 3 guarantees this for
// EVP_PKEY). Failure: a Status without key material (kInvalidArgument for bad input, kInternal for
// an OpenSSL failure).

#include <openssl/types.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::crypto {

enum class KeyType { kRsa, kEcP256, kEcP384, kEd25519 };

// "RSA", "EC P-256", "EC P-384", "Ed25519" (for messages and logs).
std::string_view keyTypeName(KeyType type);

inline constexpr int kMinRsaBits = 2048;
inline constexpr int kMaxRsaBits = 8192;

class Key {
 public:
  // A PEM private key (PKCS#8 or traditional, unencrypted) or public key (SubjectPublicKeyInfo).
  static StatusOr<Key> FromPem(std::string_view pem);

  // A fresh key pair: RSA-2048 (e = 65537), P-256, P-384 or Ed25519.
  static StatusOr<Key> Generate(KeyType type);
  // A fresh RSA key pair of `bits` (kMinRsaBits..kMaxRsaBits).
  static StatusOr<Key> GenerateRsa(int bits);

  // Adopts `pkey` (one reference is taken over; on failure it is released). For crypto/ code that
  // builds keys (JWK import); `has_private` says whether private material is present.
  static StatusOr<Key> Adopt(EVP_PKEY* pkey, bool has_private);

  KeyType type() const { return type_; }
  bool hasPrivate() const { return has_private_; }
  // Modulus size for RSA, field size for EC, 253 for Ed25519 (OpenSSL's EVP_PKEY_get_bits).
  int bits() const;

  // SubjectPublicKeyInfo PEM.
  StatusOr<std::string> publicPem() const;
  // Unencrypted PKCS#8 PEM of the private key. REQUIRES: hasPrivate() (else kFailedPrecondition).
  // The result is secret: store it encrypted, never log it.
  StatusOr<std::string> privatePem() const;

  // True when both keys have the same type and public key.
  bool samePublicKey(const Key& other) const;

  // The underlying key, for crypto/ internals. Never null.
  EVP_PKEY* evpKey() const { return pkey_.get(); }

 private:
  Key(std::shared_ptr<EVP_PKEY> pkey, KeyType type, bool has_private)
      : pkey_(std::move(pkey)), type_(type), has_private_(has_private) {}

  std::shared_ptr<EVP_PKEY> pkey_;
  KeyType type_;
  bool has_private_;
};

}  // namespace tars::crypto
