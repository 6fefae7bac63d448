#include "crypto/key.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>

#include "crypto/openssl_util.h"

namespace tars::crypto {
namespace {

using BioPtr = std::unique_ptr<BIO, internal::Deleter<BIO_free>>;

StatusOr<KeyType> classify(EVP_PKEY* pkey) {
  if (EVP_PKEY_is_a(pkey, "RSA")) {
    const int bits = EVP_PKEY_get_bits(pkey);
    if (bits < kMinRsaBits) {
      return invalidArgument("RSA key smaller than 2048 bits");
    }
    if (bits > kMaxRsaBits) {
      return invalidArgument("RSA key larger than 8192 bits");
    }
    return KeyType::kRsa;
  }
  if (EVP_PKEY_is_a(pkey, "EC")) {
    std::array<char, 64> group{};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(),
                                       &len) != 1) {
      return internal::opensslError(StatusCode::kInvalidArgument, "EC key without a named curve");
    }
    const std::string_view name(group.data(), len);
    if (name == "prime256v1" || name == "P-256")
      return KeyType::kEcP256;
    if (name == "secp384r1" || name == "P-384")
      return KeyType::kEcP384;
    return invalidArgument("unsupported EC curve (P-256 and P-384 only)");
  }
  if (EVP_PKEY_is_a(pkey, "ED25519")) {
    return KeyType::kEd25519;
  }
  return invalidArgument("unsupported key type (RSA, EC P-256/P-384, Ed25519 only)");
}

}  // namespace

std::string_view keyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kRsa:
      return "RSA";
    case KeyType::kEcP256:
      return "EC P-256";
    case KeyType::kEcP384:
      return "EC P-384";
    case KeyType::kEd25519:
      return "Ed25519";
  }
  return "unknown";
}

StatusOr<Key> Key::Adopt(EVP_PKEY* pkey, bool has_private) {
  std::shared_ptr<EVP_PKEY> owned(pkey, EVP_PKEY_free);
  if (!owned) {
    return internal::opensslError(StatusCode::kInternal, "no key");
  }
  TARS_ASSIGN_OR_RETURN(KeyType type, classify(owned.get()));
  internal::clearErrors();
  return Key(std::move(owned), type, has_private);
}

StatusOr<Key> Key::FromPem(std::string_view pem) {
  if (pem.empty() || pem.size() > std::size_t{64} * 1024) {
    return invalidArgument("PEM key is empty or too large");
  }
  const bool is_private = pem.find("PRIVATE KEY-----") != std::string_view::npos;
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) {
    return internal::opensslError(StatusCode::kInternal, "BIO allocation failed");
  }
  // A passphrase callback that supplies none: encrypted PEM fails instead of prompting on a tty.
  pem_password_cb* no_passphrase = [](char*, int, int, void*) { return 0; };
  EVP_PKEY* pkey = is_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr)
                              : PEM_read_bio_PUBKEY(bio.get(), nullptr, no_passphrase, nullptr);
  if (pkey == nullptr) {
    return internal::opensslError(StatusCode::kInvalidArgument, "PEM key does not parse");
  }
  return Adopt(pkey, is_private);
}

StatusOr<Key> Key::Generate(KeyType type) {
  EVP_PKEY* pkey = nullptr;
  switch (type) {
    case KeyType::kRsa:
      return GenerateRsa(2048);
    case KeyType::kEcP256:
      pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
      break;
    case KeyType::kEcP384:
      pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
      break;
    case KeyType::kEd25519:
      pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
      break;
  }
  if (pkey == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "key generation failed");
  }
  return Adopt(pkey, true);
}

StatusOr<Key> Key::GenerateRsa(int bits) {
  if (bits < kMinRsaBits || bits > kMaxRsaBits) {
    return invalidArgument("RSA key size must be 2048..8192 bits");
  }
  EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
  if (pkey == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "RSA key generation failed");
  }
  return Adopt(pkey, true);
}

int Key::bits() const {
  return EVP_PKEY_get_bits(pkey_.get());
}

namespace {

StatusOr<std::string> drain(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  if (len <= 0 || data == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "PEM encoding failed");
  }
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

StatusOr<std::string> Key::publicPem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey_.get()) != 1) {
    return internal::opensslError(StatusCode::kInternal, "PEM encoding failed");
  }
  return drain(bio.get());
}

StatusOr<std::string> Key::privatePem() const {
  if (!has_private_) {
    return failedPrecondition("key has no private part");
  }
  BioPtr bio(BIO_new(BIO_s_secmem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    return internal::opensslError(StatusCode::kInternal, "PEM encoding failed");
  }
  return drain(bio.get());
}

bool Key::samePublicKey(const Key& other) const {
  const bool same = EVP_PKEY_eq(pkey_.get(), other.pkey_.get()) == 1;
  internal::clearErrors();
  return same;
}

}  // namespace tars::crypto
