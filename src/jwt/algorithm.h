#pragma once
// The JWS algorithms tars supports (RFC 7518 §3, RFC 8037 §3.1) and what each needs.
//
// Supported: HS256, HS384, HS512, RS256, RS384, RS512, PS256, ES256, ES384, EdDSA (Ed25519 only).
// Deliberately not supported (docs/SECURITY.md says why): "none", PS384, PS512, ES512, EdDSA with
// Ed448, ES256K, and every JWE algorithm. Names are case-sensitive (RFC 7515 §4.1.1).
//
// Thread safety: pure functions.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "crypto/hash.h"
#include "crypto/key.h"
#include "crypto/signature.h"

namespace tars::jwt {

enum class Algorithm {
  kHs256,
  kHs384,
  kHs512,
  kRs256,
  kRs384,
  kRs512,
  kPs256,
  kEs256,
  kEs384,
  kEdDsa
};

inline constexpr std::array<Algorithm, 10> kAllAlgorithms = {
    Algorithm::kHs256, Algorithm::kHs384, Algorithm::kHs512, Algorithm::kRs256, Algorithm::kRs384,
    Algorithm::kRs512, Algorithm::kPs256, Algorithm::kEs256, Algorithm::kEs384, Algorithm::kEdDsa};

// The JOSE name: "HS256", ..., "EdDSA".
std::string_view algorithmName(Algorithm algorithm);

// The algorithm named exactly `name`; nullopt for anything else ("none", "hs256", "PS384", ...).
std::optional<Algorithm> algorithmFromName(std::string_view name);

bool isHmac(Algorithm algorithm);

// REQUIRES: isHmac(algorithm).
crypto::HashAlgorithm hmacHash(Algorithm algorithm);
// Minimum HMAC secret length in bytes: the hash output size (32, 48, 64), per RFC 7518 §3.2.
std::size_t minHmacSecretBytes(Algorithm algorithm);

// REQUIRES: !isHmac(algorithm).
crypto::SignatureAlgorithm signatureAlgorithm(Algorithm algorithm);
crypto::KeyType keyTypeFor(Algorithm algorithm);

}  // namespace tars::jwt
