#include "services/verifier/hash_notation.h"

#include "crypto/hash.h"

namespace tars::verifier {

StatusOr<std::string> s3(std::string_view data) {
  TARS_ASSIGN_OR_RETURN(std::string digest, crypto::digest(crypto::HashAlgorithm::kSha3_256, data));
  return crypto::toHex(digest);
}

StatusOr<std::string> sha3Tagged(std::string_view data) {
  TARS_ASSIGN_OR_RETURN(std::string hex, s3(data));
  return "sha3-256:" + hex;
}

StatusOr<std::string> sha3HashString(std::string_view data) {
  TARS_ASSIGN_OR_RETURN(std::string hex, s3(data));
  return "0x" + hex;
}

bool isHashString(std::string_view s) {
  if (s.size() != 66 || s[0] != '0' || s[1] != 'x')
    return false;
  for (char c : s.substr(2)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  }
  return true;
}

}  // namespace tars::verifier
