#include "tls/peer_identity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>

#include "tls/client_context.h"
#include "tls/server_context.h"
#include "tls_test_util.h"

namespace tars::tls {
namespace {

using config::ClientCertValidation;
using ::testing::ElementsAre;

// In-memory handshakes between a server context from config and our client context.
class PeerIdentityTest : public ::testing::Test {
 protected:
  PeerIdentityTest() : ca_(test::makeCa("Server CA")), client_ca_(test::makeCa("Client CA")) {
    server_paths_ = test::writePem(dir_, "server", test::makeServer(ca_));
    dir_.write("ca.crt", ca_.cert);
    dir_.write("client-ca.crt", client_ca_.cert);
  }

  config::TlsConfig config(ClientCertValidation mode, std::vector<std::string> sans = {}) {
    config::TlsConfig tls = test::serverConfig(server_paths_);
    tls.client_cert_validation = mode;
    if (mode != ClientCertValidation::kNone)
      tls.client_ca_bundle = dir_.file("client-ca.crt");
    tls.verify_client_san = !sans.empty();
    tls.allowed_client_sans = std::move(sans);
    return tls;
  }

  SslContextPtr client(const test::Pem* cert) {
    ClientTlsOptions o;
    o.ca_bundle = dir_.file("ca.crt");
    if (cert != nullptr) {
      test::PemPaths p = test::writePem(dir_, "client" + std::to_string(++clients_), *cert);
      o.client_cert = p.cert;
      o.client_key = p.key;
    }
    StatusOr<SslContextPtr> ctx = buildClientContext(o);
    EXPECT_TRUE(ctx.isOk()) << ctx.status().toString();
    return *ctx;
  }

  test::MemoryHandshake handshake(const config::TlsConfig& tls, const test::Pem* cert) {
    StatusOr<ServerTlsContext> server = buildServerContext(tls);
    EXPECT_TRUE(server.isOk()) << server.status().toString();
    server_ = *server;
    client_ = client(cert);
    return test::handshakeInMemory(server_.ssl->native_handle(), client_->native_handle(),
                                   "localhost");
  }

  test::TempDir dir_;
  test::Pem ca_;
  test::Pem client_ca_;
  test::PemPaths server_paths_;
  ServerTlsContext server_;
  SslContextPtr client_;
  int clients_ = 0;
};

TEST_F(PeerIdentityTest, NoClientCertificateModeGivesNoIdentity) {
  test::Pem cert = test::makeClient(client_ca_, "client1.cap-verifier.local");
  test::MemoryHandshake hs = handshake(config(ClientCertValidation::kNone), &cert);
  ASSERT_TRUE(hs.ok) << hs.server_error;
  StatusOr<PeerIdentity> peer = verifiedPeerIdentity(hs.server.get(), ClientSanPolicy::disabled());
  ASSERT_TRUE(peer.isOk());
  EXPECT_FALSE(peer->hasCertificate());  // never asked for, so never sent
  EXPECT_TRUE(peer->sanAllowed());
  EXPECT_EQ(verifyFailureReason(hs.server.get()), std::nullopt);
}

TEST_F(PeerIdentityTest, RequiredModeYieldsTheVerifiedCertificate) {
  test::LeafOptions o;
  o.role = CertificateRole::kClient;
  o.cn = "tars-hypersync-client";
  o.dns = {"tars-hypersync.tars.svc.cluster.local"};
  o.uri = {"spiffe://cluster.local/ns/tars/sa/tars-hypersync"};
  test::Pem cert = test::makeLeaf(client_ca_, o);
  config::TlsConfig tls =
      config(ClientCertValidation::kRequired, {"tars-hypersync.tars.svc.cluster.local"});
  test::MemoryHandshake hs = handshake(tls, &cert);
  ASSERT_TRUE(hs.ok) << hs.server_error;
  StatusOr<ClientSanPolicy> policy = ClientSanPolicy::Create(tls);
  ASSERT_TRUE(policy.isOk());
  StatusOr<PeerIdentity> peer = verifiedPeerIdentity(hs.server.get(), *policy);
  ASSERT_TRUE(peer.isOk()) << peer.status().toString();
  ASSERT_TRUE(peer->hasCertificate());
  EXPECT_EQ(peer->certificate->subject_cn, "tars-hypersync-client");
  EXPECT_THAT(peer->certificate->dns_sans, ElementsAre("tars-hypersync.tars.svc.cluster.local"));
  EXPECT_THAT(peer->certificate->uri_sans,
              ElementsAre("spiffe://cluster.local/ns/tars/sa/tars-hypersync"));
  EXPECT_EQ(peer->certificate->issuer, "CN=Client CA,O=T.A.R.S.");
  EXPECT_EQ(peer->san, SanDecision::kAllowed);
}

TEST_F(PeerIdentityTest, DisallowedSanIsAVerifiedIdentityThatIsNotAllowed) {
  test::Pem cert = test::makeClient(client_ca_, "client1.other-domain.com");
  config::TlsConfig tls = config(ClientCertValidation::kRequired, {"*.cap-verifier.local"});
  test::MemoryHandshake hs = handshake(tls, &cert);
  ASSERT_TRUE(hs.ok) << hs.server_error;  // the handshake is fine; requests get 403
  StatusOr<PeerIdentity> peer =
      verifiedPeerIdentity(hs.server.get(), *ClientSanPolicy::Create(tls));
  ASSERT_TRUE(peer.isOk());
  EXPECT_TRUE(peer->hasCertificate());
  EXPECT_EQ(peer->san, SanDecision::kNotAllowed);
  EXPECT_FALSE(peer->sanAllowed());
}

TEST_F(PeerIdentityTest, OptionalModeWithoutCertificateIsNotChecked) {
  config::TlsConfig tls = config(ClientCertValidation::kOptional, {"*.cap-verifier.local"});
  test::MemoryHandshake hs = handshake(tls, nullptr);
  ASSERT_TRUE(hs.ok) << hs.server_error;
  StatusOr<PeerIdentity> peer =
      verifiedPeerIdentity(hs.server.get(), *ClientSanPolicy::Create(tls));
  ASSERT_TRUE(peer.isOk());
  EXPECT_FALSE(peer->hasCertificate());
  EXPECT_EQ(peer->san, SanDecision::kNotChecked);
}

TEST_F(PeerIdentityTest, RefusedChainsFailTheHandshakeWithAReason) {
  test::Pem foreign_ca = test::makeCa("Foreign CA");
  test::Pem foreign = test::makeClient(foreign_ca, "client1.cap-verifier.local");
  test::LeafOptions expired_options;
  expired_options.role = CertificateRole::kClient;
  expired_options.dns = {"client1.cap-verifier.local"};
  expired_options.valid_from = -std::chrono::hours(48);
  expired_options.valid_until = -std::chrono::hours(24);
  test::Pem expired = test::makeLeaf(client_ca_, expired_options);

  for (ClientCertValidation mode :
       {ClientCertValidation::kOptional, ClientCertValidation::kRequired}) {
    test::MemoryHandshake hs = handshake(config(mode), &foreign);
    EXPECT_FALSE(hs.ok);
    EXPECT_EQ(verifyFailureReason(hs.server.get()), "unable to get local issuer certificate");

    hs = handshake(config(mode), &expired);
    EXPECT_FALSE(hs.ok);
    EXPECT_EQ(verifyFailureReason(hs.server.get()), "certificate has expired");
  }
  test::MemoryHandshake none = handshake(config(ClientCertValidation::kRequired), nullptr);
  EXPECT_FALSE(none.ok);
  EXPECT_EQ(none.server_error, "peer did not return a certificate");
}

// max_client_chain_depth (8) allows the leaf, up to 8 intermediate CAs and the trusted root.
TEST_F(PeerIdentityTest, ChainDepthBoundary) {
  auto chainClient = [&](int intermediates) {
    std::vector<test::Pem> cas{client_ca_};
    for (int i = 0; i < intermediates; ++i)
      cas.push_back(test::makeCa("Inter " + std::to_string(i), &cas.back(), std::nullopt));
    test::Pem leaf = test::makeClient(cas.back(), "deep.local");
    for (auto it = cas.rbegin(); it != cas.rend() - 1; ++it)
      leaf.cert += it->cert;  // leaf first, then its issuers; the root stays out
    return leaf;
  };
  client_ca_ = test::makeCa("Unlimited Client CA", nullptr, std::nullopt);
  dir_.write("client-ca.crt", client_ca_.cert);
  test::Pem ok = chainClient(8);
  test::MemoryHandshake hs = handshake(config(ClientCertValidation::kRequired), &ok);
  EXPECT_TRUE(hs.ok) << hs.server_error << " " << verifyFailureReason(hs.server.get()).value_or("");
  test::Pem too_deep = chainClient(9);
  hs = handshake(config(ClientCertValidation::kRequired), &too_deep);
  EXPECT_FALSE(hs.ok);
  EXPECT_EQ(verifyFailureReason(hs.server.get()), "certificate chain too long");
}

}  // namespace
}  // namespace tars::tls
