#include "crypto/ecdsa_format.h"

#include <openssl/ec.h>

#include <memory>

#include "crypto/openssl_util.h"

namespace tars::crypto {
namespace {

using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, internal::Deleter<ECDSA_SIG_free>>;

}  // namespace

StatusOr<std::string> ecdsaRawToDer(std::string_view raw, std::size_t scalar_size) {
  if (scalar_size == 0 || raw.size() != 2 * scalar_size) {
    return invalidArgument("ECDSA signature has the wrong length");
  }
  EcdsaSigPtr sig(ECDSA_SIG_new());
  internal::BnPtr r = internal::bnFromBytes(raw.substr(0, scalar_size));
  internal::BnPtr s = internal::bnFromBytes(raw.substr(scalar_size));
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    return internal::opensslError(StatusCode::kInternal, "ECDSA signature conversion failed");
  }
  static_cast<void>(r.release());  // owned by sig now
  static_cast<void>(s.release());
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0 || der == nullptr) {
    return internal::opensslError(StatusCode::kInternal, "ECDSA signature conversion failed");
  }
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

StatusOr<std::string> ecdsaDerToRaw(std::string_view der, std::size_t scalar_size) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig || p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return internal::opensslError(StatusCode::kInvalidArgument, "ECDSA DER signature is malformed");
  }
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  const int width = static_cast<int>(scalar_size);
  std::string out = internal::bnToBytes(r, width);
  const std::string s_bytes = internal::bnToBytes(s, width);
  if (out.size() != scalar_size || s_bytes.size() != scalar_size) {
    return invalidArgument("ECDSA signature values do not fit the curve");
  }
  out.append(s_bytes);
  return out;
}

}  // namespace tars::crypto
