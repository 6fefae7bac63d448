#include "crypto/constant_time.h"

#include <openssl/crypto.h>

namespace tars::crypto {

bool constantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    // Same work as a real comparison of a's length, so the caller's timing reveals no content.
    volatile int sink = CRYPTO_memcmp(a.data(), a.data(), a.size());
    (void)sink;
    return false;
  }
  if (a.empty()) {
    return true;
  }
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tars::crypto
