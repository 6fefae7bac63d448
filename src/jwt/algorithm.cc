#include "jwt/algorithm.h"

namespace tars::jwt {

std::string_view algorithmName(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kHs256:
      return "HS256";
    case Algorithm::kHs384:
      return "HS384";
    case Algorithm::kHs512:
      return "HS512";
    case Algorithm::kRs256:
      return "RS256";
    case Algorithm::kRs384:
      return "RS384";
    case Algorithm::kRs512:
      return "RS512";
    case Algorithm::kPs256:
      return "PS256";
    case Algorithm::kEs256:
      return "ES256";
    case Algorithm::kEs384:
      return "ES384";
    case Algorithm::kEdDsa:
      return "EdDSA";
  }
  return "";
}

std::optional<Algorithm> algorithmFromName(std::string_view name) {
  for (Algorithm a : kAllAlgorithms) {
    if (algorithmName(a) == name) {
      return a;
    }
  }
  return std::nullopt;
}

bool isHmac(Algorithm algorithm) {
  return algorithm == Algorithm::kHs256 || algorithm == Algorithm::kHs384 ||
         algorithm == Algorithm::kHs512;
}

crypto::HashAlgorithm hmacHash(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kHs384:
      return crypto::HashAlgorithm::kSha384;
    case Algorithm::kHs512:
      return crypto::HashAlgorithm::kSha512;
    default:
      return crypto::HashAlgorithm::kSha256;
  }
}

std::size_t minHmacSecretBytes(Algorithm algorithm) {
  return crypto::digestSize(hmacHash(algorithm));
}

crypto::SignatureAlgorithm signatureAlgorithm(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kRs384:
      return crypto::SignatureAlgorithm::kRsaPkcs1Sha384;
    case Algorithm::kRs512:
      return crypto::SignatureAlgorithm::kRsaPkcs1Sha512;
    case Algorithm::kPs256:
      return crypto::SignatureAlgorithm::kRsaPssSha256;
    case Algorithm::kEs256:
      return crypto::SignatureAlgorithm::kEcdsaP256Sha256;
    case Algorithm::kEs384:
      return crypto::SignatureAlgorithm::kEcdsaP384Sha384;
    case Algorithm::kEdDsa:
      return crypto::SignatureAlgorithm::kEd25519;
    default:
      return crypto::SignatureAlgorithm::kRsaPkcs1Sha256;
  }
}

crypto::KeyType keyTypeFor(Algorithm algorithm) {
  return crypto::requiredKeyType(signatureAlgorithm(algorithm));
}

}  // namespace tars::jwt
