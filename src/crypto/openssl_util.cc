#include "crypto/openssl_util.h"

#include <openssl/err.h>

namespace tars::crypto::internal {

Status opensslError(StatusCode code, std::string_view what) {
  ERR_clear_error();
  return Status(code, std::string(what));
}

void clearErrors() {
  ERR_clear_error();
}

const EVP_MD* fetchedDigest(std::string_view name) {
  // Explicit fetches avoid the per-call implicit fetch of EVP_sha256() and friends.
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  static EVP_MD* const kSha384 = EVP_MD_fetch(nullptr, "SHA384", nullptr);
  static EVP_MD* const kSha512 = EVP_MD_fetch(nullptr, "SHA512", nullptr);
  static EVP_MD* const kSha3_256 = EVP_MD_fetch(nullptr, "SHA3-256", nullptr);
  if (name == "SHA256")
    return kSha256;
  if (name == "SHA384")
    return kSha384;
  if (name == "SHA512")
    return kSha512;
  if (name == "SHA3-256")
    return kSha3_256;
  return nullptr;
}

EVP_MAC* fetchedHmac() {
  static EVP_MAC* const kHmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return kHmac;
}

BnPtr bnFromBytes(std::string_view bytes) {
  return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                         static_cast<int>(bytes.size()), nullptr));
}

SecretBnPtr secretBnFromBytes(std::string_view bytes) {
  SecretBnPtr bn(BN_secure_new());
  if (!bn)
    return bn;
  if (BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                static_cast<int>(bytes.size()), bn.get()) == nullptr) {
    return nullptr;
  }
  return bn;
}

std::string bnToBytes(const BIGNUM* bn, int width) {
  if (bn == nullptr)
    return {};
  const int natural = BN_num_bytes(bn);
  if (width == 0)
    width = natural;
  if (natural > width)
    return {};
  std::string out(static_cast<std::size_t>(width), '\0');
  if (BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), width) != width) {
    return {};
  }
  return out;
}

}  // namespace tars::crypto::internal
