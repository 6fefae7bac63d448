#include "tls/tls_error.h"

#include <openssl/err.h>

#include <system_error>

namespace tars::tls::internal {

std::string errnoText(int err) {
  return std::generic_category().message(err);
}

std::string takeOpensslReason() {
  unsigned long err = ERR_peek_last_error();
  std::string reason;
  if (err != 0) {
    const char* text = ERR_reason_error_string(err);
    reason = text != nullptr ? text : "error " + std::to_string(ERR_GET_REASON(err));
  }
  ERR_clear_error();
  return reason;
}

Status opensslFailure(StatusCode code, const std::string& what) {
  std::string reason = takeOpensslReason();
  if (reason.empty())
    return {code, what};
  return {code, what + " (" + reason + ")"};
}

}  // namespace tars::tls::internal
