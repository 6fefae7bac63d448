#pragma once
// fetchOnce: one HTTPS GET with the tls module's *client* context — connect, handshake (with
// prepareClientConnection's SNI and name check), request, response — every step under a
// deadline. What the outbound HTTPS client will do, in test form.

#include <chrono>
#include <cstdint>
#include <string>

#include "tls/server_context.h"

namespace tars::tls::test {

struct FetchResult {
  bool ok = false;    // a complete HTTP response arrived
  std::string error;  // the first failure otherwise
  int status = 0;     // HTTP status
  std::string body;
  std::string server_serial;  // serial of the certificate the server presented
  std::string alpn;
};

FetchResult fetchOnce(const SslContextPtr& context, std::uint16_t port, const std::string& host,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace tars::tls::test
