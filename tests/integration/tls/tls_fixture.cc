#include "tls_fixture.h"

namespace tars::tls::test {

TlsFixture::TlsFixture()
    : ca_(makeCa("Server CA")),
      client_ca_(makeCa("Client CA")),
      server_ec_(writePem(dir_, "server-ec", makeServer(ca_))),
      server_rsa_(
          writePem(dir_, "server-rsa", makeServer(ca_, "localhost", KeyAlgorithm::kRsa2048))),
      ca_path_(dir_.write("ca.crt", ca_.cert)),
      client_ca_path_(dir_.write("client-ca.crt", client_ca_.cert)) {}

TlsFixture::~TlsFixture() {
  server_.reset();  // before the provider it asks for contexts
}

config::TlsConfig TlsFixture::baseConfig(bool rsa) const {
  return serverConfig(rsa ? server_rsa_ : server_ec_);
}

config::TlsConfig TlsFixture::mtlsConfig(config::ClientCertValidation mode) const {
  config::TlsConfig tls = baseConfig();
  tls.client_cert_validation = mode;
  tls.client_ca_bundle = client_ca_path_;
  return tls;
}

void TlsFixture::serve(const config::TlsConfig& tls, TlsTestServer::Options options) {
  server_.reset();
  StatusOr<std::unique_ptr<TlsContextProvider>> p = TlsContextProvider::Create(tls, log_.logger());
  ASSERT_TRUE(p.isOk()) << p.status().toString();
  provider_ = std::move(p).value();
  server_ = std::make_unique<TlsTestServer>(*provider_, options);
}

ProcessResult TlsFixture::sClient(const std::vector<std::string>& args, bool send_request) const {
  std::vector<std::string> argv = {"openssl",
                                   "s_client",
                                   "-connect",
                                   "127.0.0.1:" + std::to_string(server_->port()),
                                   "-servername",
                                   "localhost",
                                   "-CAfile",
                                   ca_path_,
                                   "-verify_return_error",
                                   "-verify_hostname",
                                   "localhost",
                                   "-quiet"};
  argv.insert(argv.end(), args.begin(), args.end());
  return runProcess(argv, send_request ? kRequest : "");
}

ProcessResult TlsFixture::curl(const std::vector<std::string>& args) const {
  const std::string port = std::to_string(server_->port());
  std::vector<std::string> argv = {"curl",       "-sS",
                                   "--max-time", "10",
                                   "--cacert",   ca_path_,
                                   "--resolve",  "localhost:" + port + ":127.0.0.1",
                                   "-w",         "\nstatus=%{http_code}"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("https://localhost:" + port + "/");
  return runProcess(argv);
}

std::vector<std::string> TlsFixture::clientCertArgs(const Pem& pem, const std::string& stem) const {
  PemPaths p = writePem(dir_, stem, pem);
  return {"-cert", p.cert, "-key", p.key};
}

HandshakeRecord TlsFixture::waitNext(std::size_t before) const {
  std::optional<HandshakeRecord> r = server_->waitForRecord(before + 1);
  EXPECT_TRUE(r.has_value()) << "the server recorded no handshake";
  return r.value_or(HandshakeRecord{});
}

bool gotHttp(const ProcessResult& r, int status) {
  return r.out.find("HTTP/1.1 " + std::to_string(status)) != std::string::npos ||
         r.out.find("status=" + std::to_string(status)) != std::string::npos;
}

}  // namespace tars::tls::test
