#pragma once
// KeyMaterialSealer: encrypts the private material of signing keys before it reaches the store
// (tars.md §3.5), so a copy of the database alone does not let anyone sign tokens.
//
// Key:    HKDF-SHA256(master secret, salt empty, info "tars/keyring/v1") → 32 bytes.
// Sealed: version (1 byte, 0x01) || nonce (12) || ciphertext || tag (16)  — AES-256-GCM.
// AAD:    "tars/keyring" 0x00 || version || u32be(len kid) || kid || u32be(len alg) || alg.
//         The kid and algorithm are bound, so material cannot be moved to another row or
//         re-labelled with another algorithm; the version byte is authenticated, so a later
//         format cannot be downgraded to this one.
//
// Thread safety: immutable after Create(); seal() and open() may run on many threads at once.
// Failure: Create → kInvalidArgument for an empty master secret; seal → kInternal when the
// random source or OpenSSL fails; open → kFailedPrecondition for an unknown version byte
// (written by a newer tars), and kInvalidArgument (one message for all) when the data does not
// authenticate: wrong master secret, another kid or algorithm, tampered or truncated. No message
// carries key material.

#include <string>
#include <string_view>

#include "core/status.h"
#include "crypto/secret_bytes.h"

namespace tars::identity {

class KeyMaterialSealer {
 public:
  // The first byte of every sealed value this version writes.
  static constexpr char kFormatV1 = 0x01;
  // HKDF info for the encryption key of format v1.
  static constexpr std::string_view kHkdfInfo = "tars/keyring/v1";

  static StatusOr<KeyMaterialSealer> Create(const crypto::SecretBytes& master_secret);

  // Encrypts `material` (SigningKey::privateMaterial()) for the row of `kid` and `algorithm`.
  StatusOr<std::string> seal(std::string_view kid, std::string_view algorithm,
                             const crypto::SecretBytes& material) const;

  // The material sealed for exactly this `kid` and `algorithm`.
  StatusOr<crypto::SecretBytes> open(std::string_view kid, std::string_view algorithm,
                                     std::string_view sealed) const;

 private:
  explicit KeyMaterialSealer(crypto::SecretBytes key) : key_(std::move(key)) {}

  crypto::SecretBytes key_;  // the derived AES-256 key, never the master secret
};

}  // namespace tars::identity
