#include "tls/server_context.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/ssl/context.hpp>

#include "tls/client_context.h"
#include "tls_test_util.h"

namespace tars::tls {
namespace {

using config::ClientCertValidation;
using test::Pem;
using test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

class ServerContextTest : public ::testing::Test {
 protected:
  ServerContextTest()
      : ca_(test::makeCa("Test CA")),
        server_(test::makeServer(ca_)),
        paths_(test::writePem(dir_, "server", server_)) {}

  // The body of a PEM key, which must never appear in an error.
  std::string keyBody(const std::string& pem) const { return pem.substr(40, 30); }

  TempDir dir_;
  Pem ca_;
  Pem server_;
  test::PemPaths paths_;
};

TEST_F(ServerContextTest, BuildsFromCertAndKey) {
  StatusOr<ServerTlsContext> ctx = buildServerContext(test::serverConfig(paths_));
  ASSERT_TRUE(ctx.isOk()) << ctx.status().toString();
  ASSERT_NE(ctx->ssl, nullptr);
  SSL_CTX* native = ctx->ssl->native_handle();
  EXPECT_EQ(SSL_CTX_get_verify_mode(native), SSL_VERIFY_NONE);
  EXPECT_EQ(SSL_CTX_get_min_proto_version(native), TLS1_2_VERSION);  // intermediate default
  EXPECT_EQ(SSL_CTX_get_options(native) & SSL_OP_NO_TICKET, 0u);     // tickets on
  EXPECT_NE(SSL_CTX_get_options(native) & SSL_OP_NO_RENEGOTIATION, 0u);
  EXPECT_NE(SSL_CTX_get_session_cache_mode(native) & SSL_SESS_CACHE_SERVER, 0);
  EXPECT_EQ(ctx->certificate.subject_cn, "localhost");
  EXPECT_THAT(ctx->certificate.dns_sans, ::testing::ElementsAre("localhost"));
}

TEST_F(ServerContextTest, ServesTheWholeChain) {
  Pem intermediate = test::makeCa("Intermediate", &ca_, 0);
  Pem leaf = test::makeServer(intermediate);
  dir_.write("chain.crt", leaf.cert + intermediate.cert);
  dir_.write("chain.key", leaf.key);
  config::TlsConfig tls = test::serverConfig({dir_.file("chain.crt"), dir_.file("chain.key")});
  StatusOr<ServerTlsContext> ctx = buildServerContext(tls);
  ASSERT_TRUE(ctx.isOk()) << ctx.status().toString();
  STACK_OF(X509)* chain = nullptr;
  ASSERT_EQ(SSL_CTX_get0_chain_certs(ctx->ssl->native_handle(), &chain), 1);
  EXPECT_EQ(sk_X509_num(chain), 1);
}

TEST_F(ServerContextTest, MismatchedKeyIsRefusedNamingTheFieldNotTheKey) {
  Pem other = test::makeServer(ca_);
  dir_.write("other.key", other.key);
  config::TlsConfig tls = test::serverConfig({paths_.cert, dir_.file("other.key")});
  StatusOr<ServerTlsContext> ctx = buildServerContext(tls);
  ASSERT_FALSE(ctx.isOk());
  EXPECT_EQ(ctx.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(ctx.status().message(), HasSubstr("tls.server_key"));
  EXPECT_THAT(ctx.status().message(), HasSubstr("does not belong to the certificate"));
  EXPECT_THAT(ctx.status().message(), Not(HasSubstr("PRIVATE KEY")));
  EXPECT_THAT(ctx.status().message(), Not(HasSubstr(keyBody(other.key))));
}

TEST_F(ServerContextTest, UnreadableEmptyOrGarbageFilesAreRefusedNamingTheField) {
  struct Case {
    std::string cert, key, field, message;
  };
  dir_.write("empty", "");
  dir_.write("garbage",
             "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
  dir_.write("text", "hello");
  const std::vector<Case> cases = {
      {dir_.file("missing.crt"), paths_.key, "tls.server_cert", "cannot read"},
      {paths_.cert, dir_.file("missing.key"), "tls.server_key", "cannot read"},
      {dir_.file("empty"), paths_.key, "tls.server_cert", "is empty"},
      {dir_.file("garbage"), paths_.key, "tls.server_cert", "damaged PEM certificate"},
      {dir_.file("text"), paths_.key, "tls.server_cert", "holds no PEM certificate"},
      {paths_.cert, dir_.file("text"), "tls.server_key", "no unencrypted PEM private key"},
      {paths_.cert, paths_.cert, "tls.server_key", "no unencrypted PEM private key"},
      {dir_.path(), paths_.key, "tls.server_cert", "not a regular file"},
  };
  for (const Case& c : cases) {
    StatusOr<ServerTlsContext> ctx = buildServerContext(test::serverConfig({c.cert, c.key}));
    ASSERT_FALSE(ctx.isOk()) << c.cert << " " << c.key;
    EXPECT_THAT(ctx.status().message(), HasSubstr(c.field)) << ctx.status().message();
    EXPECT_THAT(ctx.status().message(), HasSubstr(c.message)) << ctx.status().message();
  }
}

TEST_F(ServerContextTest, AFileWithoutReadPermissionIsRefused) {
  if (::geteuid() == 0)
    GTEST_SKIP() << "root reads any file";
  ::chmod(paths_.key.c_str(), 0);
  StatusOr<ServerTlsContext> ctx = buildServerContext(test::serverConfig(paths_));
  ASSERT_FALSE(ctx.isOk());
  EXPECT_THAT(ctx.status().message(), HasSubstr("tls.server_key: cannot read"));
}

TEST_F(ServerContextTest, EncryptedKeyIsRefusedWithoutPrompting) {
  // PKCS#8 encrypted key written by OpenSSL itself.
  BIO* in = BIO_new_mem_buf(server_.key.data(), static_cast<int>(server_.key.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
  BIO_free(in);
  ASSERT_NE(key, nullptr);
  BIO* out = BIO_new(BIO_s_mem());
  const char kPass[] = "secret";
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(out, key, EVP_aes_256_cbc(), kPass, 6, nullptr, nullptr),
            1);
  char* data = nullptr;
  long len = BIO_get_mem_data(out, &data);
  dir_.write("enc.key", std::string(data, static_cast<std::size_t>(len)));
  BIO_free(out);
  EVP_PKEY_free(key);
  StatusOr<ServerTlsContext> ctx =
      buildServerContext(test::serverConfig({paths_.cert, dir_.file("enc.key")}));
  ASSERT_FALSE(ctx.isOk());
  EXPECT_THAT(ctx.status().message(), HasSubstr("encrypted keys are not supported"));
}

TEST_F(ServerContextTest, MissingPathsAreRefused) {
  config::TlsConfig tls;
  tls.enabled = true;
  EXPECT_THAT(buildServerContext(tls).status().message(), HasSubstr("tls.server_cert"));
  tls.server_cert = paths_.cert;
  EXPECT_THAT(buildServerContext(tls).status().message(), HasSubstr("tls.server_key"));
}

TEST_F(ServerContextTest, ModernBelowTls13IsRefused) {
  config::TlsConfig tls = test::serverConfig(paths_);
  tls.cipher_profile = config::CipherProfile::kModern;
  tls.tls_min_version = config::TlsVersion::kTls12;
  EXPECT_THAT(buildServerContext(tls).status().message(), HasSubstr("tls.tls_min_version"));
}

TEST_F(ServerContextTest, ClientCertificateModes) {
  std::string bundle = dir_.write("clients-ca.crt", ca_.cert);
  struct Case {
    ClientCertValidation mode;
    bool require_mtls;
    int expected;
  };
  for (const Case& c : {Case{ClientCertValidation::kOptional, false, SSL_VERIFY_PEER},
                        Case{ClientCertValidation::kRequired, false,
                             SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT},
                        Case{ClientCertValidation::kNone, true,
                             SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT}}) {
    config::TlsConfig tls = test::serverConfig(paths_);
    tls.client_cert_validation = c.mode;
    tls.require_mtls = c.require_mtls;
    tls.client_ca_bundle = bundle;
    StatusOr<ServerTlsContext> ctx = buildServerContext(tls);
    ASSERT_TRUE(ctx.isOk()) << ctx.status().toString();
    SSL_CTX* native = ctx->ssl->native_handle();
    EXPECT_EQ(SSL_CTX_get_verify_mode(native) & ~SSL_VERIFY_CLIENT_ONCE, c.expected);
    EXPECT_EQ(SSL_CTX_get_verify_depth(native), 8);
    // The CA names are announced so clients choose the right certificate.
    STACK_OF(X509_NAME)* names = SSL_CTX_get_client_CA_list(native);
    ASSERT_EQ(sk_X509_NAME_num(names), 1);
  }
}

TEST_F(ServerContextTest, VerifyDepthFollowsTheOption) {
  config::TlsConfig tls = test::serverConfig(paths_);
  tls.client_cert_validation = ClientCertValidation::kRequired;
  tls.client_ca_bundle = dir_.write("clients-ca.crt", ca_.cert);
  ServerContextOptions options;
  options.max_client_chain_depth = 3;
  StatusOr<ServerTlsContext> ctx = buildServerContext(tls, options);
  ASSERT_TRUE(ctx.isOk());
  EXPECT_EQ(SSL_CTX_get_verify_depth(ctx->ssl->native_handle()), 3);
}

TEST_F(ServerContextTest, VerifiedModesNeedAReadableCaBundle) {
  for (ClientCertValidation mode :
       {ClientCertValidation::kOptional, ClientCertValidation::kRequired}) {
    config::TlsConfig tls = test::serverConfig(paths_);
    tls.client_cert_validation = mode;
    EXPECT_THAT(buildServerContext(tls).status().message(), HasSubstr("tls.client_ca_bundle"));
    // No path is exempt (the original skipped the check under /etc/ssl).
    tls.client_ca_bundle = "/etc/ssl/certs/tars-test-does-not-exist.pem";
    EXPECT_THAT(buildServerContext(tls).status().message(),
                HasSubstr("tls.client_ca_bundle: cannot read /etc/ssl/certs/"));
    tls.client_ca_bundle = dir_.write("junk.pem", "junk");
    EXPECT_THAT(buildServerContext(tls).status().message(), HasSubstr("tls.client_ca_bundle"));
  }
}

TEST_F(ServerContextTest, SessionIdContextIsBounded) {
  ServerContextOptions options;
  options.session_id_context = std::string(33, 'x');
  EXPECT_FALSE(buildServerContext(test::serverConfig(paths_), options).isOk());
  options.session_id_context = "";
  EXPECT_FALSE(buildServerContext(test::serverConfig(paths_), options).isOk());
}

// A real handshake in memory: the context serves its certificate and selects http/1.1.
TEST_F(ServerContextTest, HandshakesAndSelectsHttp11) {
  StatusOr<ServerTlsContext> server = buildServerContext(test::serverConfig(paths_));
  ASSERT_TRUE(server.isOk());
  ClientTlsOptions client_options;
  client_options.ca_bundle = dir_.write("ca.crt", ca_.cert);
  StatusOr<SslContextPtr> client = buildClientContext(client_options);
  ASSERT_TRUE(client.isOk()) << client.status().toString();
  test::MemoryHandshake hs = test::handshakeInMemory(server->ssl->native_handle(),
                                                     (*client)->native_handle(), "localhost");
  ASSERT_TRUE(hs.ok) << hs.server_error << " / " << hs.client_error;
  const unsigned char* alpn = nullptr;
  unsigned int alpn_len = 0;
  SSL_get0_alpn_selected(hs.server.get(), &alpn, &alpn_len);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(alpn), alpn_len), "http/1.1");
  EXPECT_EQ(SSL_version(hs.server.get()), TLS1_3_VERSION);
}

}  // namespace
}  // namespace tars::tls
