#include "crypto/random.h"

#include <openssl/rand.h>

#include <climits>

#include "crypto/openssl_util.h"

namespace tars::crypto {

Status randomFill(std::span<std::uint8_t> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    const std::size_t chunk = std::min<std::size_t>(out.size() - done, INT_MAX);
    if (RAND_bytes(out.data() + done, static_cast<int>(chunk)) != 1) {
      return internal::opensslError(StatusCode::kInternal, "secure random generator failed");
    }
    done += chunk;
  }
  return Status::ok();
}

StatusOr<std::string> randomBytes(std::size_t n) {
  std::string out(n, '\0');
  TARS_RETURN_IF_ERROR(
      randomFill(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(out.data()), n)));
  return out;
}

}  // namespace tars::crypto
