#pragma once
// TlsTestServer: a minimal HTTPS server on 127.0.0.1:0 built the way the product's listener is
// meant to use the tls module — one TlsContextProvider::current() per accepted connection, a
// handshake under a timeout, then verifiedPeerIdentity() — so that the tests exercise the
// module's contexts with real sockets and real clients (openssl s_client, curl).
//
// Each connection reads one request head and answers:
//   200 application/json  {"client_cert":bool,"cn":...,"dns_sans":[...],"server_serial":...}
//   403 application/problem+json  tls/client-san-not-allowed   when the SAN decision says so
// then closes. Every handshake is recorded (protocol, cipher, ALPN, resumption, errors, why a
// client chain was refused) for the tests to assert the server's side.
//
// Thread safety: the server runs its own I/O thread; the public methods are thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tls/context_provider.h"
#include "tls/peer_identity.h"

namespace tars::tls::test {

struct HandshakeRecord {
  bool ok = false;
  std::string error;                          // the failed handshake's error text
  std::optional<std::string> verify_failure;  // why a client chain was refused
  std::string protocol;                       // "TLSv1.3", ...
  std::string cipher;                         // OpenSSL name
  std::string alpn;                           // selected protocol, "" when none
  bool resumed = false;
  std::optional<PeerIdentity> peer;       // after a successful handshake
  std::chrono::milliseconds duration{0};  // accept to handshake end
};

class TlsTestServer {
 public:
  struct Options {
    std::chrono::milliseconds handshake_timeout{2000};
    std::chrono::milliseconds request_timeout{2000};
  };

  TlsTestServer(TlsContextProvider& provider, Options options);
  explicit TlsTestServer(TlsContextProvider& provider) : TlsTestServer(provider, Options{}) {}
  ~TlsTestServer();

  std::uint16_t port() const { return port_; }
  std::vector<HandshakeRecord> records() const;
  // The last record, after waiting (up to `timeout`) for at least `count` records in total.
  std::optional<HandshakeRecord> waitForRecord(
      std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  // Connections accepted and not yet closed.
  int openConnections() const;
  // Waits until openConnections() == 0; false at the timeout.
  bool waitForNoConnections(std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  friend struct Connection;
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
};

}  // namespace tars::tls::test
