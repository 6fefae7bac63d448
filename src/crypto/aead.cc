#include "crypto/aead.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <climits>
#include <memory>

#include "crypto/openssl_util.h"
#include "crypto/random.h"

namespace tars::crypto {
namespace {

using EvpCipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, internal::Deleter<EVP_CIPHER_CTX_free>>;

// The one message for every refused open(): which check failed is not revealed.
constexpr std::string_view kNotAuthentic = "sealed data does not authenticate";

// Fetched once per process (immutable, never freed); null on a broken installation.
const EVP_CIPHER* fetchedAes256Gcm() {
  static EVP_CIPHER* const kCipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
  return kCipher;
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

// Wipes a scratch buffer that held plaintext when it goes out of scope.
struct Wiper {
  std::string& buffer;
  ~Wiper() { OPENSSL_cleanse(buffer.data(), buffer.size()); }
};

Status checkKey(const SecretBytes& key) {
  if (key.size() != kAes256GcmKeyBytes) {
    return invalidArgument("AES-256-GCM key must be 32 bytes");
  }
  return Status::ok();
}

// Feeds `aad` to an initialised context (encrypting or decrypting alike).
bool addAad(EVP_CIPHER_CTX* ctx, std::string_view aad, bool encrypt) {
  if (aad.empty()) {
    return true;
  }
  int len = 0;
  return encrypt ? EVP_EncryptUpdate(ctx, nullptr, &len, bytes(aad), static_cast<int>(aad.size()))
                 : EVP_DecryptUpdate(ctx, nullptr, &len, bytes(aad), static_cast<int>(aad.size()));
}

}  // namespace

StatusOr<std::string> aes256GcmSeal(const SecretBytes& key, std::string_view plaintext,
                                    std::string_view aad) {
  TARS_RETURN_IF_ERROR(checkKey(key));
  if (plaintext.size() > INT_MAX - kAes256GcmOverhead || aad.size() > INT_MAX) {
    return invalidArgument("AES-256-GCM input too large");
  }
  const EVP_CIPHER* cipher = fetchedAes256Gcm();
  if (cipher == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "AES-256-GCM is not available");
  }
  TARS_ASSIGN_OR_RETURN(std::string out, randomBytes(kAes256GcmNonceBytes));
  out.resize(kAes256GcmOverhead + plaintext.size());
  unsigned char* const nonce = bytes(out);
  unsigned char* const body = nonce + kAes256GcmNonceBytes;

  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  // The default GCM IV length is 12 bytes, the size SP 800-38D recommends.
  if (!ctx || EVP_EncryptInit_ex2(ctx.get(), cipher, bytes(key.view()), nonce, nullptr) != 1 ||
      !addAad(ctx.get(), aad, /*encrypt=*/true)) {
    return internal::opensslError(StatusCode::kInternal, "AES-256-GCM encryption failed");
  }
  int len = 0;
  if (!plaintext.empty() && EVP_EncryptUpdate(ctx.get(), body, &len, bytes(plaintext),
                                              static_cast<int>(plaintext.size())) != 1) {
    return internal::opensslError(StatusCode::kInternal, "AES-256-GCM encryption failed");
  }
  int final_len = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), body + len, &final_len) != 1 ||
      static_cast<std::size_t>(len + final_len) != plaintext.size() ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(kAes256GcmTagBytes),
                          body + plaintext.size()) != 1) {
    return internal::opensslError(StatusCode::kInternal, "AES-256-GCM encryption failed");
  }
  return out;
}

StatusOr<SecretBytes> aes256GcmOpen(const SecretBytes& key, std::string_view sealed,
                                    std::string_view aad) {
  TARS_RETURN_IF_ERROR(checkKey(key));
  if (sealed.size() < kAes256GcmOverhead || sealed.size() > INT_MAX || aad.size() > INT_MAX) {
    return invalidArgument(std::string(kNotAuthentic));
  }
  const EVP_CIPHER* cipher = fetchedAes256Gcm();
  if (cipher == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "AES-256-GCM is not available");
  }
  const std::string_view nonce = sealed.substr(0, kAes256GcmNonceBytes);
  const std::string_view ciphertext =
      sealed.substr(kAes256GcmNonceBytes, sealed.size() - kAes256GcmOverhead);
  // OpenSSL's SET_TAG takes a non-const buffer; it only reads it.
  std::string tag(sealed.substr(sealed.size() - kAes256GcmTagBytes));

  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx ||
      EVP_DecryptInit_ex2(ctx.get(), cipher, bytes(key.view()), bytes(nonce), nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(kAes256GcmTagBytes),
                          tag.data()) != 1) {
    return internal::opensslError(StatusCode::kInternal, "AES-256-GCM decryption failed");
  }
  // Plaintext is produced before the tag is checked: it lives only in this wiped scratch buffer
  // and is released only when the tag verified.
  std::string scratch(ciphertext.size(), '\0');
  Wiper wiper{scratch};
  int len = 0;
  if (!addAad(ctx.get(), aad, /*encrypt=*/false) ||
      (!ciphertext.empty() && EVP_DecryptUpdate(ctx.get(), bytes(scratch), &len, bytes(ciphertext),
                                                static_cast<int>(ciphertext.size())) != 1)) {
    return internal::opensslError(StatusCode::kInvalidArgument, kNotAuthentic);
  }
  int final_len = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), bytes(scratch) + len, &final_len) != 1 ||
      static_cast<std::size_t>(len + final_len) != ciphertext.size()) {
    return internal::opensslError(StatusCode::kInvalidArgument, kNotAuthentic);
  }
  return SecretBytes(std::string_view{scratch});
}

}  // namespace tars::crypto
