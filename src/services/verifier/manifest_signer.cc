#include "services/verifier/manifest_signer.h"

#include <boost/json/object.hpp>

#include "core/base64url.h"
#include "crypto/blake3.h"
#include "crypto/hash.h"
#include "crypto/jwk.h"
#include "crypto/signature.h"
#include "services/verifier/hash_notation.h"

namespace tars::verifier {
namespace {

constexpr std::size_t kPublicKeySize = 32;
constexpr std::size_t kSignatureSize = 64;

// Standard base64 (RFC 4648 §4) with padding.
std::string base64Std(std::string_view bytes) {
  std::string out = base64UrlEncode(bytes);
  for (char& c : out) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
  }
  while (out.size() % 4 != 0)
    out.push_back('=');
  return out;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

// The bytes of "0x" + lower-case hex of exactly `size` bytes; nullopt otherwise.
std::optional<std::string> decodeHexString(std::string_view text, std::size_t size) {
  if (text.size() != 2 + 2 * size || !text.starts_with("0x"))
    return std::nullopt;
  std::string out;
  out.reserve(size);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    const int hi = hexValue(text[i]);
    const int lo = hexValue(text[i + 1]);
    if (hi < 0 || lo < 0)
      return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace

std::string manifestKid(std::string_view raw_public_key) {
  return crypto::blake3Hex(base64Std(raw_public_key)).substr(2, 32);
}

StatusOr<std::string> ed25519RawPublicKey(const crypto::Key& key) {
  if (key.type() != crypto::KeyType::kEd25519)
    return invalidArgument("expected an Ed25519 key");
  TARS_ASSIGN_OR_RETURN(boost::json::object jwk, crypto::publicJwk(key));
  const boost::json::value* x = jwk.if_contains("x");
  std::optional<std::string> raw;
  if (x != nullptr && x->is_string())
    raw = base64UrlDecode(std::string_view(x->get_string().data(), x->get_string().size()));
  if (!raw || raw->size() != kPublicKeySize)
    return internalError("Ed25519 public key has an unexpected encoding");
  return *raw;
}

StatusOr<crypto::Key> ed25519PublicKeyFromHex(std::string_view pubkey_hex) {
  std::optional<std::string> raw = decodeHexString(pubkey_hex, kPublicKeySize);
  if (!raw)
    return invalidArgument("expected 0x followed by 64 lower-case hex digits");
  boost::json::object jwk;
  jwk["kty"] = "OKP";
  jwk["crv"] = "Ed25519";
  jwk["x"] = base64UrlEncode(*raw);
  return crypto::keyFromJwk(jwk);
}

StatusOr<crypto::Key> ed25519KeyFromSeed(std::string_view seed) {
  if (seed.size() != 32)
    return invalidArgument("an Ed25519 seed is 32 bytes");
  // PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410 §7): a fixed 16-byte prefix, then the seed.
  static constexpr unsigned char kPrefix[] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                              0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
  std::string der(reinterpret_cast<const char*>(kPrefix), sizeof(kPrefix));
  der.append(seed);
  const std::string pem =
      "-----BEGIN PRIVATE KEY-----\n" + base64Std(der) + "\n-----END PRIVATE KEY-----\n";
  return crypto::Key::FromPem(pem);
}

StatusOr<ManifestSigner> ManifestSigner::Create(crypto::Key key) {
  if (key.type() != crypto::KeyType::kEd25519 || !key.hasPrivate())
    return invalidArgument("the manifest signing key must be a private Ed25519 key");
  TARS_ASSIGN_OR_RETURN(std::string raw, ed25519RawPublicKey(key));
  std::string kid = manifestKid(raw);
  return ManifestSigner(std::move(key), std::move(kid), "0x" + crypto::toHex(raw));
}

StatusOr<ManifestSignature> ManifestSigner::sign(std::string_view manifest_bytes) const {
  TARS_ASSIGN_OR_RETURN(std::string sig,
                        crypto::sign(crypto::SignatureAlgorithm::kEd25519, key_, manifest_bytes));
  if (sig.size() != kSignatureSize)
    return internalError("Ed25519 signature has an unexpected length");
  ManifestSignature out;
  out.kid = kid_;
  out.pubkey_hex = pubkey_hex_;
  out.sig_hex = "0x" + crypto::toHex(sig);
  return out;
}

bool verifyManifestSignature(const ManifestSignature& signature, std::string_view manifest_bytes) {
  if (signature.alg != "Ed25519")
    return false;
  std::optional<std::string> raw = decodeHexString(signature.pubkey_hex, kPublicKeySize);
  std::optional<std::string> sig = decodeHexString(signature.sig_hex, kSignatureSize);
  if (!raw || !sig || manifestKid(*raw) != signature.kid)
    return false;
  StatusOr<crypto::Key> key = ed25519PublicKeyFromHex(signature.pubkey_hex);
  if (!key.isOk())
    return false;
  return crypto::verify(crypto::SignatureAlgorithm::kEd25519, *key, manifest_bytes, *sig);
}

}  // namespace tars::verifier
