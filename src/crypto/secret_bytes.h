#pragma once
// SecretBytes: an owned byte string holding secret material (an HMAC key, a private scalar). Its
// memory is wiped (OPENSSL_cleanse) when it is destroyed or overwritten, it has no stream
// operator, and it never appears in a Status message.
//
// Thread safety: a value; const access from many threads is safe.

#include <string>
#include <string_view>

namespace tars::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::string_view bytes) : bytes_(bytes) {}
  explicit SecretBytes(std::string&& bytes) : bytes_(std::move(bytes)) {}
  SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(const SecretBytes& other);
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  ~SecretBytes();

  std::string_view view() const { return bytes_; }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }

 private:
  void wipe();

  std::string bytes_;
};

}  // namespace tars::crypto
