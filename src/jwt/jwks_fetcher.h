#pragma once
// JwksFetcher: how a JwksCache gets a provider's JWKS document. Production uses the outbound
// HTTPS client (http/); tests use a fake. Injected so jwt/ never does I/O itself (STYLE.md rule 7).
//
// Thread safety: implementations must allow calls from any thread (a JwksCache makes at most one
// call at a time per provider).

#include <string>

#include "core/status.h"

namespace tars::jwt {

class JwksFetcher {
 public:
  virtual ~JwksFetcher() = default;

  // The response body of GET `url`. Any failure (connection, TLS, timeout, non-2xx status) is a
  // non-OK Status; its message must not contain secrets.
  virtual StatusOr<std::string> fetch(const std::string& url) = 0;
};

}  // namespace tars::jwt
