#include "crypto/jwk.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base64url.h"
#include "crypto/openssl_util.h"

namespace tars::crypto {
namespace {

using internal::opensslError;

// The decoded bytes of member `name`: nullopt when absent; an error when present but not a
// canonical base64url string.
StatusOr<std::optional<std::string>> member(const boost::json::object& jwk, std::string_view name) {
  const boost::json::value* v = jwk.if_contains(name);
  if (v == nullptr) {
    return std::optional<std::string>();
  }
  const boost::json::string* s = v->if_string();
  if (s == nullptr) {
    return invalidArgument("JWK member '" + std::string(name) + "' is not a string");
  }
  auto decoded = base64UrlDecode(std::string_view(s->data(), s->size()));
  if (!decoded) {
    return invalidArgument("JWK member '" + std::string(name) + "' is not canonical base64url");
  }
  return std::optional<std::string>(std::move(*decoded));
}

StatusOr<std::string> required(const boost::json::object& jwk, std::string_view name) {
  TARS_ASSIGN_OR_RETURN(std::optional<std::string> value, member(jwk, name));
  if (!value) {
    return invalidArgument("JWK member '" + std::string(name) + "' is missing");
  }
  return std::move(*value);
}

// Wipes a decoded private member when it goes out of scope.
struct Wiped {
  std::string bytes;
  ~Wiped() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

std::string_view stringMember(const boost::json::object& jwk, std::string_view name) {
  const boost::json::value* v = jwk.if_contains(name);
  if (v == nullptr || !v->is_string()) {
    return {};
  }
  return std::string_view(v->get_string().data(), v->get_string().size());
}

StatusOr<Key> fromData(const char* type, OSSL_PARAM_BLD* bld, bool is_private) {
  internal::ParamPtr params(OSSL_PARAM_BLD_to_param(bld));
  internal::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) {
    return opensslError(StatusCode::kInternal, "JWK import setup failed");
  }
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, is_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                        params.get()) != 1) {
    return opensslError(StatusCode::kInvalidArgument, "JWK key material is not a valid key");
  }
  internal::EvpPkeyPtr pkey(raw);
  // Validate what was imported: the point is on the curve, the RSA modulus and exponent are sane,
  // the private part matches the public part.
  internal::EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!check) {
    return opensslError(StatusCode::kInternal, "JWK check setup failed");
  }
  const int ok =
      is_private ? EVP_PKEY_pairwise_check(check.get()) : EVP_PKEY_public_check(check.get());
  if (ok != 1) {
    return opensslError(StatusCode::kInvalidArgument, "JWK key material is not a valid key");
  }
  return Key::Adopt(pkey.release(), is_private);
}

StatusOr<Key> rsaFromJwk(const boost::json::object& jwk) {
  if (jwk.contains("oth")) {
    return invalidArgument("multi-prime RSA JWK is not supported");
  }
  TARS_ASSIGN_OR_RETURN(std::string n, required(jwk, "n"));
  TARS_ASSIGN_OR_RETURN(std::string e, required(jwk, "e"));
  if (n.empty() || e.empty()) {
    return invalidArgument("JWK RSA 'n' or 'e' is empty");
  }
  // Reject small keys before building anything (leading zero bytes do not count).
  std::size_t lead = 0;
  while (lead < n.size() && n[lead] == '\0')
    ++lead;
  const std::size_t n_bits = (n.size() - lead) * 8;
  if (n_bits < static_cast<std::size_t>(kMinRsaBits) - 7) {
    return invalidArgument("RSA key smaller than 2048 bits");
  }
  if (n_bits > static_cast<std::size_t>(kMaxRsaBits)) {
    return invalidArgument("RSA key larger than 8192 bits");
  }
  internal::ParamBldPtr bld(OSSL_PARAM_BLD_new());
  internal::BnPtr bn_n = internal::bnFromBytes(n);
  internal::BnPtr bn_e = internal::bnFromBytes(e);
  if (!bld || !bn_n || !bn_e ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return opensslError(StatusCode::kInternal, "JWK import setup failed");
  }
  if (!jwk.contains("d")) {
    return fromData("RSA", bld.get(), false);
  }
  // Private: d and all CRT members (RFC 7518 §6.3.2; we do not sign without CRT).
  static constexpr std::pair<const char*, const char*> kPrivate[] = {
      {"d", OSSL_PKEY_PARAM_RSA_D},          {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
      {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
      {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1}};
  std::vector<internal::SecretBnPtr> held;
  for (const auto& [name, param] : kPrivate) {
    TARS_ASSIGN_OR_RETURN(std::string raw, required(jwk, name));
    Wiped value{std::move(raw)};
    internal::SecretBnPtr bn = internal::secretBnFromBytes(value.bytes);
    if (!bn || OSSL_PARAM_BLD_push_BN(bld.get(), param, bn.get()) != 1) {
      return opensslError(StatusCode::kInternal, "JWK import setup failed");
    }
    held.push_back(std::move(bn));
  }
  return fromData("RSA", bld.get(), true);
}

StatusOr<Key> ecFromJwk(const boost::json::object& jwk) {
  const std::string_view crv = stringMember(jwk, "crv");
  std::size_t size = 0;
  const char* group = nullptr;
  if (crv == "P-256") {
    size = 32;
    group = "prime256v1";
  } else if (crv == "P-384") {
    size = 48;
    group = "secp384r1";
  } else {
    return invalidArgument("unsupported JWK EC curve (P-256 and P-384 only)");
  }
  TARS_ASSIGN_OR_RETURN(std::string x, required(jwk, "x"));
  TARS_ASSIGN_OR_RETURN(std::string y, required(jwk, "y"));
  if (x.size() != size || y.size() != size) {
    return invalidArgument("JWK EC 'x' or 'y' has the wrong length for the curve");
  }
  std::string point;
  point.reserve(1 + 2 * size);
  point.push_back('\x04');  // uncompressed SEC1 point
  point.append(x);
  point.append(y);
  internal::ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return opensslError(StatusCode::kInternal, "JWK import setup failed");
  }
  TARS_ASSIGN_OR_RETURN(std::optional<std::string> d_raw, member(jwk, "d"));
  if (!d_raw) {
    return fromData("EC", bld.get(), false);
  }
  Wiped d{std::move(*d_raw)};
  if (d.bytes.size() != size) {
    return invalidArgument("JWK EC 'd' has the wrong length for the curve");
  }
  internal::SecretBnPtr bn_d = internal::secretBnFromBytes(d.bytes);
  if (!bn_d || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, bn_d.get()) != 1) {
    return opensslError(StatusCode::kInternal, "JWK import setup failed");
  }
  return fromData("EC", bld.get(), true);
}

StatusOr<Key> okpFromJwk(const boost::json::object& jwk) {
  if (stringMember(jwk, "crv") != "Ed25519") {
    return invalidArgument("unsupported JWK OKP curve (Ed25519 only)");
  }
  TARS_ASSIGN_OR_RETURN(std::string x, required(jwk, "x"));
  if (x.size() != 32) {
    return invalidArgument("JWK Ed25519 'x' must be 32 bytes");
  }
  TARS_ASSIGN_OR_RETURN(std::optional<std::string> d_raw, member(jwk, "d"));
  if (!d_raw) {
    EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key_ex(
        nullptr, "ED25519", nullptr, reinterpret_cast<const unsigned char*>(x.data()), x.size());
    if (pkey == nullptr) {
      return opensslError(StatusCode::kInvalidArgument, "JWK key material is not a valid key");
    }
    return Key::Adopt(pkey, false);
  }
  Wiped d{std::move(*d_raw)};
  if (d.bytes.size() != 32) {
    return invalidArgument("JWK Ed25519 'd' must be 32 bytes");
  }
  internal::EvpPkeyPtr pkey(EVP_PKEY_new_raw_private_key_ex(
      nullptr, "ED25519", nullptr, reinterpret_cast<const unsigned char*>(d.bytes.data()),
      d.bytes.size()));
  if (!pkey) {
    return opensslError(StatusCode::kInvalidArgument, "JWK key material is not a valid key");
  }
  // The public key derived from d must be the x given.
  std::string derived(32, '\0');
  std::size_t len = derived.size();
  if (EVP_PKEY_get_raw_public_key(pkey.get(), reinterpret_cast<unsigned char*>(derived.data()),
                                  &len) != 1 ||
      len != 32 || derived != x) {
    return opensslError(StatusCode::kInvalidArgument, "JWK Ed25519 'd' does not match 'x'");
  }
  return Key::Adopt(pkey.release(), true);
}

}  // namespace

StatusOr<Key> keyFromJwk(const boost::json::object& jwk) {
  const std::string_view kty = stringMember(jwk, "kty");
  if (kty == "RSA")
    return rsaFromJwk(jwk);
  if (kty == "EC")
    return ecFromJwk(jwk);
  if (kty == "OKP")
    return okpFromJwk(jwk);
  return invalidArgument("unsupported JWK 'kty' (RSA, EC, OKP only)");
}

StatusOr<SecretBytes> octSecretFromJwk(const boost::json::object& jwk) {
  if (stringMember(jwk, "kty") != "oct") {
    return invalidArgument("JWK 'kty' is not 'oct'");
  }
  TARS_ASSIGN_OR_RETURN(std::string k, required(jwk, "k"));
  return SecretBytes(std::move(k));
}

StatusOr<boost::json::object> publicJwk(const Key& key) {
  EVP_PKEY* pkey = key.evpKey();
  boost::json::object out;
  switch (key.type()) {
    case KeyType::kRsa: {
      BIGNUM* n = nullptr;
      BIGNUM* e = nullptr;
      const bool ok = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n) == 1 &&
                      EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e) == 1;
      internal::BnPtr own_n(n);
      internal::BnPtr own_e(e);
      if (!ok) {
        return opensslError(StatusCode::kInternal, "RSA public key export failed");
      }
      out["kty"] = "RSA";
      out["n"] = base64UrlEncode(internal::bnToBytes(n));
      out["e"] = base64UrlEncode(internal::bnToBytes(e));
      return out;
    }
    case KeyType::kEcP256:
    case KeyType::kEcP384: {
      const int size = key.type() == KeyType::kEcP256 ? 32 : 48;
      BIGNUM* x = nullptr;
      BIGNUM* y = nullptr;
      const bool ok = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, &x) == 1 &&
                      EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, &y) == 1;
      internal::BnPtr own_x(x);
      internal::BnPtr own_y(y);
      const std::string xb = ok ? internal::bnToBytes(x, size) : std::string();
      const std::string yb = ok ? internal::bnToBytes(y, size) : std::string();
      if (xb.empty() || yb.empty()) {
        return opensslError(StatusCode::kInternal, "EC public key export failed");
      }
      out["kty"] = "EC";
      out["crv"] = key.type() == KeyType::kEcP256 ? "P-256" : "P-384";
      out["x"] = base64UrlEncode(xb);
      out["y"] = base64UrlEncode(yb);
      return out;
    }
    case KeyType::kEd25519: {
      std::string x(32, '\0');
      std::size_t len = x.size();
      if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(x.data()), &len) !=
              1 ||
          len != 32) {
        return opensslError(StatusCode::kInternal, "Ed25519 public key export failed");
      }
      out["kty"] = "OKP";
      out["crv"] = "Ed25519";
      out["x"] = base64UrlEncode(x);
      return out;
    }
  }
  return internalError("unknown key type");
}

}  // namespace tars::crypto
