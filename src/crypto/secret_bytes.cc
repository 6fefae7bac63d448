#include "crypto/secret_bytes.h"

#include <openssl/crypto.h>

namespace tars::crypto {

// NOLINTNEXTLINE(performance-move-constructor-init): copying is the point, see below.
SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(other.bytes_) {
  // Copied rather than moved: a moved-from short string keeps its bytes in the source's SSO
  // buffer; wiping the source afterwards leaves exactly one copy.
  other.wipe();
}

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
  if (this != &other) {
    wipe();
    bytes_ = other.bytes_;
  }
  return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = other.bytes_;
    other.wipe();
  }
  return *this;
}

SecretBytes::~SecretBytes() {
  wipe();
}

void SecretBytes::wipe() {
  if (!bytes_.empty()) {
    OPENSSL_cleanse(bytes_.data(), bytes_.size());
  }
  bytes_.clear();
}

}  // namespace tars::crypto
