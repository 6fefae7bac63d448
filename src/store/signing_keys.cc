#include "store/signing_keys.h"

namespace tars::store {

std::string_view signingKeyStatusName(SigningKeyStatus status) {
  switch (status) {
    case SigningKeyStatus::kCurrent:
      return "current";
    case SigningKeyStatus::kVerifyOnly:
      return "verify_only";
    case SigningKeyStatus::kRevoked:
      return "revoked";
  }
  return "revoked";
}

std::optional<SigningKeyStatus> parseSigningKeyStatus(std::string_view name) {
  for (SigningKeyStatus s :
       {SigningKeyStatus::kCurrent, SigningKeyStatus::kVerifyOnly, SigningKeyStatus::kRevoked}) {
    if (signingKeyStatusName(s) == name)
      return s;
  }
  return std::nullopt;
}

}  // namespace tars::store
