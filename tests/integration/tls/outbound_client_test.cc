// The outbound client context over real sockets: CA pinning, the server-name check, the client
// certificate for mTLS, and a caller-side deadline against a server that never answers.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "tls/client_context.h"
#include "tls_client.h"
#include "tls_fixture.h"

namespace tars::tls::test {
namespace {

using ::testing::HasSubstr;

class OutboundClientTest : public TlsFixture {
 protected:
  SslContextPtr client(std::optional<std::string> ca, const Pem* cert = nullptr) {
    ClientTlsOptions o;
    o.ca_bundle = std::move(ca);
    if (cert != nullptr) {
      PemPaths p = writePem(dir_, "outbound-client", *cert);
      o.client_cert = p.cert;
      o.client_key = p.key;
    }
    StatusOr<SslContextPtr> ctx = buildClientContext(o);
    EXPECT_TRUE(ctx.isOk()) << ctx.status().toString();
    return *ctx;
  }
};

TEST_F(OutboundClientTest, PinnedCaAndMatchingNameSucceed) {
  serve(baseConfig());
  for (const char* host : {"localhost", "127.0.0.1"}) {
    FetchResult r = fetchOnce(client(ca_path_), server_->port(), host);
    EXPECT_TRUE(r.ok) << host << ": " << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.alpn, "http/1.1");
  }
}

TEST_F(OutboundClientTest, TheServerNameIsChecked) {
  serve(baseConfig());
  FetchResult r = fetchOnce(client(ca_path_), server_->port(), "tars-auth.tars.svc");
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.error, HasSubstr("handshake"));
  EXPECT_THAT(r.error, HasSubstr("certificate verify failed"));
}

TEST_F(OutboundClientTest, OnlyThePinnedCaIsTrusted) {
  Pem other_ca = makeCa("Other Server CA");
  PemPaths other = writePem(dir_, "other-server", makeServer(other_ca));
  serve(serverConfig(other));
  FetchResult pinned = fetchOnce(client(ca_path_), server_->port(), "localhost");
  EXPECT_FALSE(pinned.ok);
  EXPECT_THAT(pinned.error, HasSubstr("certificate verify failed"));
  // The system store does not know a private CA either.
  FetchResult system = fetchOnce(client(std::nullopt), server_->port(), "localhost");
  EXPECT_FALSE(system.ok);
}

TEST_F(OutboundClientTest, PresentsItsClientCertificateForMtls) {
  serve(mtlsConfig(config::ClientCertValidation::kRequired));
  Pem cert = makeClient(client_ca_, "tars-hypersync.tars.svc.cluster.local", "hypersync");
  FetchResult with_cert = fetchOnce(client(ca_path_, &cert), server_->port(), "localhost");
  ASSERT_TRUE(with_cert.ok) << with_cert.error;
  EXPECT_THAT(with_cert.body, HasSubstr(R"("cn":"hypersync")"));
  FetchResult without = fetchOnce(client(ca_path_), server_->port(), "localhost");
  EXPECT_FALSE(without.ok);
}

TEST_F(OutboundClientTest, ADeadlineEndsAHandshakeThatNeverAnswers) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor silent(
      ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});  // accepts (backlog), never speaks
  auto start = std::chrono::steady_clock::now();
  FetchResult r = fetchOnce(client(ca_path_), silent.local_endpoint().port(), "localhost",
                            std::chrono::milliseconds(300));
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.error, HasSubstr("timeout"));
  EXPECT_LT(took, std::chrono::seconds(3));
}

}  // namespace
}  // namespace tars::tls::test
