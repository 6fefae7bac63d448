#include "crypto/signature_verifier.h"

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <array>
#include <mutex>
#include <vector>

#include "crypto/ecdsa_format.h"
#include "crypto/hash.h"
#include "crypto/openssl_util.h"

namespace tars::crypto {

struct SignatureVerifier::Pool {
  ~Pool() {
    for (EVP_PKEY_CTX* ctx : free) {
      EVP_PKEY_CTX_free(ctx);
    }
  }

  internal::EvpPkeyCtxPtr prototype;  // verify-initialised; only ever duplicated
  const EVP_MD* md = nullptr;
  std::size_t digest_size = 0;
  std::mutex mu;
  std::vector<EVP_PKEY_CTX*> free;  // GUARDED_BY(mu)
};

namespace {

HashAlgorithm hashFor(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kRsaPkcs1Sha384:
    case SignatureAlgorithm::kEcdsaP384Sha384:
      return HashAlgorithm::kSha384;
    case SignatureAlgorithm::kRsaPkcs1Sha512:
      return HashAlgorithm::kSha512;
    default:
      return HashAlgorithm::kSha256;
  }
}

// The digest of `data` into `out` with a per-thread context for `md`.
bool digestInto(const EVP_MD* md, std::string_view data, unsigned char* out, std::size_t size) {
  thread_local internal::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  unsigned int len = 0;
  return ctx && EVP_DigestInit_ex2(ctx.get(), md, nullptr) == 1 &&
         EVP_DigestUpdate(ctx.get(), data.data(), data.size()) == 1 &&
         EVP_DigestFinal_ex(ctx.get(), out, &len) == 1 && len == size;
}

}  // namespace

StatusOr<SignatureVerifier> SignatureVerifier::Create(SignatureAlgorithm algorithm, Key key) {
  TARS_RETURN_IF_ERROR(checkKeyForAlgorithm(algorithm, key));
  if (algorithm == SignatureAlgorithm::kEd25519) {
    return SignatureVerifier(algorithm, std::move(key), nullptr);
  }
  auto pool = std::make_shared<Pool>();
  const HashAlgorithm hash = hashFor(algorithm);
  pool->md = internal::fetchedDigest(hashName(hash));
  pool->digest_size = digestSize(hash);
  pool->prototype.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key.evpKey(), nullptr));
  EVP_PKEY_CTX* ctx = pool->prototype.get();
  bool ok = pool->md != nullptr && ctx != nullptr && EVP_PKEY_verify_init(ctx) == 1 &&
            EVP_PKEY_CTX_set_signature_md(ctx, pool->md) == 1;
  if (ok && requiredKeyType(algorithm) == KeyType::kRsa) {
    if (algorithm == SignatureAlgorithm::kRsaPssSha256) {
      // RFC 7518 §3.5: MGF1 with the same hash, salt exactly as long as the hash.
      ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, pool->md) == 1;
    } else {
      ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1;
    }
  }
  if (!ok) {
    return internal::opensslError(StatusCode::kInternal, "verification setup failed");
  }
  return SignatureVerifier(algorithm, std::move(key), std::move(pool));
}

bool SignatureVerifier::verify(std::string_view data, std::string_view signature) const {
  if (!pool_) {
    return crypto::verify(algorithm_, key_, data, signature);  // Ed25519: pure, no pre-hash
  }
  std::string der;
  std::string_view sig = signature;
  if (requiredKeyType(algorithm_) == KeyType::kRsa) {
    if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key_.evpKey()))) {
      return false;
    }
  } else {
    auto converted = ecdsaRawToDer(signature, key_.type() == KeyType::kEcP256 ? 32 : 48);
    if (!converted.isOk()) {
      return false;
    }
    der = std::move(converted).value();
    sig = der;
  }
  std::array<unsigned char, 64> digest{};
  if (!digestInto(pool_->md, data, digest.data(), pool_->digest_size)) {
    internal::clearErrors();
    return false;
  }
  EVP_PKEY_CTX* ctx = nullptr;
  {
    std::lock_guard lock(pool_->mu);
    if (!pool_->free.empty()) {
      ctx = pool_->free.back();
      pool_->free.pop_back();
    }
  }
  if (ctx == nullptr) {
    ctx = EVP_PKEY_CTX_dup(pool_->prototype.get());
    if (ctx == nullptr) {
      internal::clearErrors();
      return false;
    }
  }
  const bool ok = EVP_PKEY_verify(ctx, reinterpret_cast<const unsigned char*>(sig.data()),
                                  sig.size(), digest.data(), pool_->digest_size) == 1;
  if (!ok) {
    internal::clearErrors();
  }
  {
    std::lock_guard lock(pool_->mu);
    if (pool_->free.size() < kMaxPooledContexts) {
      pool_->free.push_back(ctx);
      ctx = nullptr;
    }
  }
  EVP_PKEY_CTX_free(ctx);  // no-op when pooled
  return ok;
}

}  // namespace tars::crypto
