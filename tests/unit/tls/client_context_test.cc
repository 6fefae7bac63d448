#include "tls/client_context.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/ssl/context.hpp>

#include "tls/server_context.h"
#include "tls_test_util.h"

namespace tars::tls {
namespace {

using ::testing::HasSubstr;

// Options by hand: designated initializers would trip -Wmissing-field-initializers.
ClientTlsOptions opts(std::optional<std::string> ca, std::optional<std::string> cert = std::nullopt,
                      std::optional<std::string> key = std::nullopt) {
  ClientTlsOptions o;
  o.ca_bundle = std::move(ca);
  o.client_cert = std::move(cert);
  o.client_key = std::move(key);
  return o;
}

class ClientContextTest : public ::testing::Test {
 protected:
  ClientContextTest() : ca_(test::makeCa("Pinned CA")) {
    ca_path_ = dir_.write("ca.crt", ca_.cert);
  }

  SslContextPtr server(const test::Pem& cert, config::TlsConfig extra = {}) {
    test::PemPaths p = test::writePem(dir_, "server", cert);
    extra.enabled = true;
    extra.server_cert = p.cert;
    extra.server_key = p.key;
    StatusOr<ServerTlsContext> ctx = buildServerContext(extra);
    EXPECT_TRUE(ctx.isOk()) << ctx.status().toString();
    return ctx->ssl;
  }

  SslContextPtr client(ClientTlsOptions o) {
    StatusOr<SslContextPtr> ctx = buildClientContext(o);
    EXPECT_TRUE(ctx.isOk()) << ctx.status().toString();
    return *ctx;
  }

  test::TempDir dir_;
  test::Pem ca_;
  std::string ca_path_;
};

TEST_F(ClientContextTest, PinnedCaAcceptsItsServerAndChecksTheName) {
  SslContextPtr s = server(test::makeServer(ca_));
  SslContextPtr c = client(opts(ca_path_));
  EXPECT_TRUE(test::handshakeInMemory(s->native_handle(), c->native_handle(), "localhost").ok);
  EXPECT_TRUE(test::handshakeInMemory(s->native_handle(), c->native_handle(), "127.0.0.1").ok);
  test::MemoryHandshake wrong_name =
      test::handshakeInMemory(s->native_handle(), c->native_handle(), "other.example");
  EXPECT_FALSE(wrong_name.ok);
  EXPECT_EQ(wrong_name.client_error, "certificate verify failed");
  EXPECT_FALSE(test::handshakeInMemory(s->native_handle(), c->native_handle(), "127.0.0.2").ok);
}

TEST_F(ClientContextTest, PinningRefusesOtherCas) {
  test::Pem other_ca = test::makeCa("Other CA");
  SslContextPtr s = server(test::makeServer(other_ca));
  SslContextPtr c = client(opts(ca_path_));
  test::MemoryHandshake hs =
      test::handshakeInMemory(s->native_handle(), c->native_handle(), "localhost");
  EXPECT_FALSE(hs.ok);
  EXPECT_EQ(hs.client_error, "certificate verify failed");
}

TEST_F(ClientContextTest, TheSubjectCnIsNotAName) {
  test::LeafOptions o;
  o.cn = "cn-only.example";
  test::Pem cn_only = test::makeLeaf(ca_, o);  // no SAN at all
  SslContextPtr s = server(cn_only);
  SslContextPtr c = client(opts(ca_path_));
  EXPECT_FALSE(
      test::handshakeInMemory(s->native_handle(), c->native_handle(), "cn-only.example").ok);
}

TEST_F(ClientContextTest, PresentsTheClientCertificateForMtls) {
  test::Pem client_ca = test::makeCa("Client CA");
  config::TlsConfig mtls;
  mtls.client_cert_validation = config::ClientCertValidation::kRequired;
  mtls.client_ca_bundle = dir_.write("client-ca.crt", client_ca.cert);
  SslContextPtr s = server(test::makeServer(ca_), mtls);

  SslContextPtr anonymous = client(opts(ca_path_));
  EXPECT_FALSE(
      test::handshakeInMemory(s->native_handle(), anonymous->native_handle(), "localhost").ok);

  test::PemPaths cert = test::writePem(dir_, "client", test::makeClient(client_ca, "svc.local"));
  SslContextPtr with_cert = client(opts(ca_path_, cert.cert, cert.key));
  EXPECT_TRUE(
      test::handshakeInMemory(s->native_handle(), with_cert->native_handle(), "localhost").ok);
}

TEST_F(ClientContextTest, OptionErrorsNameTheOption) {
  test::PemPaths cert = test::writePem(dir_, "client", test::makeClient(ca_, "svc.local"));
  test::PemPaths other = test::writePem(dir_, "other", test::makeClient(ca_, "svc.local"));
  EXPECT_THAT(buildClientContext(opts(dir_.file("none"))).status().message(),
              HasSubstr("ca_bundle: cannot read"));
  EXPECT_THAT(buildClientContext(opts(std::nullopt, cert.cert)).status().message(),
              HasSubstr("give both or neither"));
  EXPECT_THAT(buildClientContext(opts(std::nullopt, cert.cert, other.key)).status().message(),
              HasSubstr("client_key: the key in"));
  ClientTlsOptions tls13_only;
  tls13_only.min_version = config::TlsVersion::kTls13;
  EXPECT_TRUE(buildClientContext(tls13_only).isOk());
}

TEST_F(ClientContextTest, PrepareSetsSniAndTheExpectedName) {
  SslContextPtr c = client(opts(ca_path_));
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(c->native_handle()), SSL_free);
  ASSERT_TRUE(prepareClientConnection(ssl.get(), "tars-orchestration.tars.svc").isOk());
  EXPECT_STREQ(SSL_get_servername(ssl.get(), TLSEXT_NAMETYPE_host_name),
               "tars-orchestration.tars.svc");
  EXPECT_STREQ(X509_VERIFY_PARAM_get0_host(SSL_get0_param(ssl.get()), 0),
               "tars-orchestration.tars.svc");
  EXPECT_EQ(SSL_get_verify_mode(ssl.get()), SSL_VERIFY_PEER);

  std::unique_ptr<SSL, decltype(&SSL_free)> ip(SSL_new(c->native_handle()), SSL_free);
  ASSERT_TRUE(prepareClientConnection(ip.get(), "127.0.0.1").isOk());
  EXPECT_EQ(SSL_get_servername(ip.get(), TLSEXT_NAMETYPE_host_name), nullptr);  // no SNI for IPs

  EXPECT_FALSE(prepareClientConnection(ip.get(), "").isOk());
}

}  // namespace
}  // namespace tars::tls
