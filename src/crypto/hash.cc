#include "crypto/hash.h"

#include <openssl/evp.h>

#include <algorithm>

#include "crypto/openssl_util.h"

namespace tars::crypto {

std::size_t digestSize(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kSha256:
    case HashAlgorithm::kSha3_256:
      return 32;
    case HashAlgorithm::kSha384:
      return 48;
    case HashAlgorithm::kSha512:
      return 64;
  }
  return 0;
}

std::string_view hashName(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kSha256:
      return "SHA256";
    case HashAlgorithm::kSha384:
      return "SHA384";
    case HashAlgorithm::kSha512:
      return "SHA512";
    case HashAlgorithm::kSha3_256:
      return "SHA3-256";
  }
  return "";
}

StatusOr<std::string> digest(HashAlgorithm algorithm, std::string_view data) {
  const EVP_MD* md = internal::fetchedDigest(hashName(algorithm));
  if (md == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "digest algorithm unavailable");
  }
  std::string out(digestSize(algorithm), '\0');
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &len, md,
                 nullptr) != 1 ||
      len != out.size()) {
    return internal::opensslError(StatusCode::kInternal, "digest failed");
  }
  return out;
}

namespace {

std::string digestOrEmpty(HashAlgorithm algorithm, std::string_view data) {
  auto result = digest(algorithm, data);
  return result.isOk() ? std::move(result).value() : std::string();
}

}  // namespace

std::string sha256(std::string_view data) {
  return digestOrEmpty(HashAlgorithm::kSha256, data);
}
std::string sha384(std::string_view data) {
  return digestOrEmpty(HashAlgorithm::kSha384, data);
}
std::string sha512(std::string_view data) {
  return digestOrEmpty(HashAlgorithm::kSha512, data);
}
std::string sha3_256(std::string_view data) {
  return digestOrEmpty(HashAlgorithm::kSha3_256, data);
}

bool sha256Into(std::string_view data, std::span<std::uint8_t, 32> out) {
  // One context per thread, re-initialised for every message (no allocation after the first).
  thread_local internal::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  const EVP_MD* md = internal::fetchedDigest("SHA256");
  unsigned int len = 0;
  if (!ctx || md == nullptr || EVP_DigestInit_ex2(ctx.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != out.size()) {
    internal::clearErrors();
    std::fill(out.begin(), out.end(), 0);
    return false;
  }
  return true;
}

std::string toHex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace tars::crypto
