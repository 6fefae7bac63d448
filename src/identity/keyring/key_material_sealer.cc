#include "identity/keyring/key_material_sealer.h"

#include <cstdint>

#include "crypto/aead.h"
#include "crypto/kdf.h"

namespace tars::identity {
namespace {

void appendLengthPrefixed(std::string& out, std::string_view field) {
  const auto n = static_cast<std::uint32_t>(field.size());
  out.push_back(static_cast<char>((n >> 24) & 0xFF));
  out.push_back(static_cast<char>((n >> 16) & 0xFF));
  out.push_back(static_cast<char>((n >> 8) & 0xFF));
  out.push_back(static_cast<char>(n & 0xFF));
  out.append(field);
}

// Length prefixes keep the encoding unambiguous: ("ab","c") and ("a","bc") differ.
std::string associatedData(char version, std::string_view kid, std::string_view algorithm) {
  std::string aad("tars/keyring");
  aad.push_back('\0');
  aad.push_back(version);
  appendLengthPrefixed(aad, kid);
  appendLengthPrefixed(aad, algorithm);
  return aad;
}

}  // namespace

StatusOr<KeyMaterialSealer> KeyMaterialSealer::Create(const crypto::SecretBytes& master_secret) {
  if (master_secret.empty()) {
    return invalidArgument("the master secret is empty");
  }
  TARS_ASSIGN_OR_RETURN(
      crypto::SecretBytes key,
      crypto::hkdfSha256(master_secret.view(), "", kHkdfInfo, crypto::kAes256GcmKeyBytes));
  return KeyMaterialSealer(std::move(key));
}

StatusOr<std::string> KeyMaterialSealer::seal(std::string_view kid, std::string_view algorithm,
                                              const crypto::SecretBytes& material) const {
  TARS_ASSIGN_OR_RETURN(
      std::string body,
      crypto::aes256GcmSeal(key_, material.view(), associatedData(kFormatV1, kid, algorithm)));
  std::string out;
  out.reserve(1 + body.size());
  out.push_back(kFormatV1);
  out += body;
  return out;
}

StatusOr<crypto::SecretBytes> KeyMaterialSealer::open(std::string_view kid,
                                                      std::string_view algorithm,
                                                      std::string_view sealed) const {
  if (sealed.empty()) {
    return invalidArgument("sealed key material is empty");
  }
  if (sealed.front() != kFormatV1) {
    return failedPrecondition("sealed key material has an unknown format version");
  }
  return crypto::aes256GcmOpen(key_, sealed.substr(1), associatedData(kFormatV1, kid, algorithm));
}

}  // namespace tars::identity
