#include "store/revocations.h"

namespace tars::store {

std::string_view revocationKindName(RevocationKind kind) {
  switch (kind) {
    case RevocationKind::kJti:
      return "jti";
    case RevocationKind::kFamily:
      return "family";
    case RevocationKind::kApiKey:
      return "api_key";
    case RevocationKind::kSigningKey:
      return "signing_key";
  }
  return "jti";
}

std::optional<RevocationKind> parseRevocationKind(std::string_view name) {
  for (RevocationKind k : {RevocationKind::kJti, RevocationKind::kFamily, RevocationKind::kApiKey,
                           RevocationKind::kSigningKey}) {
    if (revocationKindName(k) == name)
      return k;
  }
  return std::nullopt;
}

}  // namespace tars::store
