#include "crypto/signature.h"

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "crypto/ecdsa_format.h"
#include "crypto/openssl_util.h"

namespace tars::crypto {
namespace {

// The digest name for EVP_DigestSign/VerifyInit; null for Ed25519 (hashes internally).
const char* digestName(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kRsaPkcs1Sha256:
    case SignatureAlgorithm::kRsaPssSha256:
    case SignatureAlgorithm::kEcdsaP256Sha256:
      return "SHA256";
    case SignatureAlgorithm::kRsaPkcs1Sha384:
    case SignatureAlgorithm::kEcdsaP384Sha384:
      return "SHA384";
    case SignatureAlgorithm::kRsaPkcs1Sha512:
      return "SHA512";
    case SignatureAlgorithm::kEd25519:
      return nullptr;
  }
  return nullptr;
}

std::size_t ecdsaScalarSize(SignatureAlgorithm algorithm) {
  return algorithm == SignatureAlgorithm::kEcdsaP256Sha256 ? 32 : 48;
}

bool isEcdsa(SignatureAlgorithm algorithm) {
  return algorithm == SignatureAlgorithm::kEcdsaP256Sha256 ||
         algorithm == SignatureAlgorithm::kEcdsaP384Sha384;
}

// Sets up `ctx` for signing or verifying with `algorithm` (PSS parameters included).
bool initContext(EVP_MD_CTX* ctx, SignatureAlgorithm algorithm, EVP_PKEY* pkey, bool for_signing) {
  EVP_PKEY_CTX* pctx = nullptr;
  const char* md = digestName(algorithm);
  const int ok = for_signing
                     ? EVP_DigestSignInit_ex(ctx, &pctx, md, nullptr, nullptr, pkey, nullptr)
                     : EVP_DigestVerifyInit_ex(ctx, &pctx, md, nullptr, nullptr, pkey, nullptr);
  if (ok != 1) {
    return false;
  }
  if (algorithm == SignatureAlgorithm::kRsaPssSha256) {
    // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash. On verification a fixed
    // salt length (not "auto") makes any other salt length fail.
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, "SHA256", nullptr) != 1) {
      return false;
    }
  } else if (requiredKeyType(algorithm) == KeyType::kRsa) {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view signatureAlgorithmName(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kRsaPkcs1Sha256:
      return "RSASSA-PKCS1-v1_5/SHA-256";
    case SignatureAlgorithm::kRsaPkcs1Sha384:
      return "RSASSA-PKCS1-v1_5/SHA-384";
    case SignatureAlgorithm::kRsaPkcs1Sha512:
      return "RSASSA-PKCS1-v1_5/SHA-512";
    case SignatureAlgorithm::kRsaPssSha256:
      return "RSASSA-PSS/SHA-256";
    case SignatureAlgorithm::kEcdsaP256Sha256:
      return "ECDSA/P-256/SHA-256";
    case SignatureAlgorithm::kEcdsaP384Sha384:
      return "ECDSA/P-384/SHA-384";
    case SignatureAlgorithm::kEd25519:
      return "Ed25519";
  }
  return "unknown";
}

KeyType requiredKeyType(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kRsaPkcs1Sha256:
    case SignatureAlgorithm::kRsaPkcs1Sha384:
    case SignatureAlgorithm::kRsaPkcs1Sha512:
    case SignatureAlgorithm::kRsaPssSha256:
      return KeyType::kRsa;
    case SignatureAlgorithm::kEcdsaP256Sha256:
      return KeyType::kEcP256;
    case SignatureAlgorithm::kEcdsaP384Sha384:
      return KeyType::kEcP384;
    case SignatureAlgorithm::kEd25519:
      return KeyType::kEd25519;
  }
  return KeyType::kRsa;
}

Status checkKeyForAlgorithm(SignatureAlgorithm algorithm, const Key& key) {
  if (key.type() != requiredKeyType(algorithm)) {
    return invalidArgument(std::string(signatureAlgorithmName(algorithm)) + " needs a " +
                           std::string(keyTypeName(requiredKeyType(algorithm))) + " key, not " +
                           std::string(keyTypeName(key.type())));
  }
  return Status::ok();
}

StatusOr<std::string> sign(SignatureAlgorithm algorithm, const Key& key, std::string_view data) {
  TARS_RETURN_IF_ERROR(checkKeyForAlgorithm(algorithm, key));
  if (!key.hasPrivate()) {
    return invalidArgument("signing needs a private key");
  }
  internal::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || !initContext(ctx.get(), algorithm, key.evpKey(), /*for_signing=*/true)) {
    return internal::opensslError(StatusCode::kInternal, "signature setup failed");
  }
  const auto* tbs = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, tbs, data.size()) != 1) {
    return internal::opensslError(StatusCode::kInternal, "signing failed");
  }
  std::string out(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, tbs,
                     data.size()) != 1) {
    return internal::opensslError(StatusCode::kInternal, "signing failed");
  }
  out.resize(len);
  if (isEcdsa(algorithm)) {
    return ecdsaDerToRaw(out, ecdsaScalarSize(algorithm));
  }
  return out;
}

bool verify(SignatureAlgorithm algorithm, const Key& key, std::string_view data,
            std::string_view signature) {
  if (!checkKeyForAlgorithm(algorithm, key).isOk()) {
    return false;
  }
  std::string der;
  std::string_view sig = signature;
  switch (requiredKeyType(algorithm)) {
    case KeyType::kRsa:
      if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key.evpKey()))) {
        return false;
      }
      break;
    case KeyType::kEcP256:
    case KeyType::kEcP384: {
      auto converted = ecdsaRawToDer(signature, ecdsaScalarSize(algorithm));
      if (!converted.isOk()) {
        return false;
      }
      der = std::move(converted).value();
      sig = der;
      break;
    }
    case KeyType::kEd25519:
      if (signature.size() != 64) {
        return false;
      }
      break;
  }
  internal::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || !initContext(ctx.get(), algorithm, key.evpKey(), /*for_signing=*/false)) {
    internal::clearErrors();
    return false;
  }
  const bool ok =
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  if (!ok) {
    internal::clearErrors();  // a bad signature leaves errors on the queue
  }
  return ok;
}

}  // namespace tars::crypto
