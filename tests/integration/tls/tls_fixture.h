#pragma once
// TlsFixture: a PKI in a temporary directory (a server CA with an ECDSA and an RSA server
// certificate for "localhost"/127.0.0.1, a separate client CA), a TlsTestServer built from a
// tls.* config, and the real clients — `openssl s_client` and `curl` — run against it.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "process_runner.h"
#include "tls/context_provider.h"
#include "tls_test_server.h"
#include "tls_test_util.h"

namespace tars::tls::test {

inline constexpr char kRequest[] = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

class TlsFixture : public ::testing::Test {
 protected:
  TlsFixture();
  ~TlsFixture() override;

  // tls.* with TLS on and the ECDSA (or RSA) server certificate.
  config::TlsConfig baseConfig(bool rsa = false) const;
  // Client certificates required/optional from client_ca_.
  config::TlsConfig mtlsConfig(config::ClientCertValidation mode) const;

  // Starts the server (replacing a running one). Fails the test when the provider refuses.
  void serve(const config::TlsConfig& tls, TlsTestServer::Options options = {});

  // `openssl s_client` against the server (verifying it as "localhost" under ca_), with `args`
  // appended. With `send_request` the HTTP request goes on stdin and stdout holds the response.
  ProcessResult sClient(const std::vector<std::string>& args, bool send_request = true) const;
  // `curl https://localhost:<port>/` (resolved to 127.0.0.1) with `args` appended; stdout ends
  // with "\nstatus=<code>".
  ProcessResult curl(const std::vector<std::string>& args) const;

  // Writes a client certificate/key pair and returns {"-cert", c, "-key", k} for s_client.
  std::vector<std::string> clientCertArgs(const Pem& pem, const std::string& stem) const;

  // The number of handshakes recorded so far; the next one is waitNext().
  std::size_t recorded() const { return server_->records().size(); }
  HandshakeRecord waitNext(std::size_t before) const;

  TempDir dir_;
  CapturedLog log_;
  Pem ca_;
  Pem client_ca_;
  PemPaths server_ec_;
  PemPaths server_rsa_;
  std::string ca_path_;
  std::string client_ca_path_;
  std::unique_ptr<TlsContextProvider> provider_;
  std::unique_ptr<TlsTestServer> server_;
};

bool gotHttp(const ProcessResult& r, int status);

}  // namespace tars::tls::test
