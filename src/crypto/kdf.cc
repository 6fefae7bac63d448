#include "crypto/kdf.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>

#include <memory>
#include <string>

#include "crypto/openssl_util.h"

namespace tars::crypto {
namespace {

constexpr std::size_t kSha256Size = 32;
constexpr std::size_t kMaxOutput = 255 * kSha256Size;  // RFC 5869 §2.3: L <= 255 * HashLen

using EvpKdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, internal::Deleter<EVP_KDF_CTX_free>>;

// The HKDF EVP_KDF, fetched once per process (immutable, never freed).
EVP_KDF* fetchedHkdf() {
  static EVP_KDF* const kHkdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  return kHkdf;
}

// OSSL_PARAM takes non-const pointers; OpenSSL only reads these buffers. An empty input still
// gets a non-null pointer, which OpenSSL would otherwise read as "parameter not set".
void* mutableBytes(std::string_view bytes) {
  static char empty[1] = {0};
  return bytes.empty() ? empty : const_cast<char*>(bytes.data());
}

}  // namespace

StatusOr<SecretBytes> hkdfSha256(std::string_view ikm, std::string_view salt, std::string_view info,
                                 std::size_t length) {
  if (length == 0 || length > kMaxOutput) {
    return invalidArgument("HKDF output length must be 1..8160 bytes");
  }
  EVP_KDF* kdf = fetchedHkdf();
  if (kdf == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "HKDF is not available");
  }
  EvpKdfCtxPtr ctx(EVP_KDF_CTX_new(kdf));
  if (!ctx) {
    return internal::opensslError(StatusCode::kInternal, "HKDF context allocation failed");
  }
  char digest[] = "SHA256";
  OSSL_PARAM params[5];
  std::size_t n = 0;
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
  params[n++] =
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, mutableBytes(ikm), ikm.size());
  if (!salt.empty()) {
    params[n++] =
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, mutableBytes(salt), salt.size());
  }
  if (!info.empty()) {
    params[n++] =
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, mutableBytes(info), info.size());
  }
  params[n] = OSSL_PARAM_construct_end();

  std::string out(length, '\0');
  const int rc =
      EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), length, params);
  // Copied into SecretBytes and the scratch buffer wiped, so exactly one copy survives.
  SecretBytes result(std::string_view{out});
  OPENSSL_cleanse(out.data(), out.size());
  if (rc != 1) {
    return internal::opensslError(StatusCode::kInternal, "HKDF derivation failed");
  }
  return result;
}

}  // namespace tars::crypto
