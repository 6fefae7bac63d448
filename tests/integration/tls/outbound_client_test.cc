// The outbound HTTP(S) client (http/client/outbound_client.h) over real sockets: CA pinning, the
// server-name check, the client certificate for mTLS, deadlines against servers that never
// answer, response limits, and answers that are not HTTP.

#include "http/client/outbound_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <optional>

#include "harness/scripted_peer.h"
#include "tls_client.h"
#include "tls_fixture.h"

namespace tars::tls::test {
namespace {

using http::client::OutboundClient;
using http::client::OutboundOptions;
using http::client::OutboundRequest;
using http::client::OutboundResponse;
using tars::test::ScriptedPeer;
using ::testing::HasSubstr;
using tcp = boost::asio::ip::tcp;

class OutboundClientTest : public TlsFixture {
 protected:
  std::unique_ptr<OutboundClient> client(std::optional<std::string> ca, const Pem* cert = nullptr,
                                         OutboundOptions o = {}) {
    o.tls.ca_bundle = std::move(ca);
    if (cert != nullptr) {
      PemPaths p = writePem(dir_, "outbound-client", *cert);
      o.tls.client_cert = p.cert;
      o.tls.client_key = p.key;
    }
    auto made = OutboundClient::Create(o);
    EXPECT_TRUE(made.isOk()) << made.status().toString();
    return made.isOk() ? std::move(*made) : nullptr;
  }

  StatusOr<OutboundResponse> get(const OutboundClient& c, const std::string& host,
                                 std::uint16_t port) {
    OutboundRequest r;
    r.url = "https://" + host + ":" + std::to_string(port) + "/";
    return c.send(r);
  }
};

TEST_F(OutboundClientTest, PinnedCaAndMatchingNameSucceed) {
  serve(baseConfig());
  auto c = client(ca_path_);
  for (const char* host : {"localhost", "127.0.0.1"}) {
    auto r = get(*c, host, server_->port());
    ASSERT_TRUE(r.isOk()) << host << ": " << r.status().toString();
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->content_type, "application/json");
    EXPECT_THAT(r->body, HasSubstr(R"("client_cert":false)"));
  }
}

TEST_F(OutboundClientTest, TheContextOffersHttp11Alpn) {
  serve(baseConfig());
  ClientTlsOptions o;
  o.ca_bundle = ca_path_;
  auto ctx = buildClientContext(o);
  ASSERT_TRUE(ctx.isOk());
  FetchResult r = fetchOnce(*ctx, server_->port(), "localhost");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.alpn, "http/1.1");
}

TEST_F(OutboundClientTest, TheServerNameIsChecked) {
  // A certificate from the pinned CA for another name, and no IP SAN.
  LeafOptions o;
  o.role = CertificateRole::kServer;
  o.cn = "tars-auth.example";
  o.dns = {"tars-auth.example"};
  serve(serverConfig(writePem(dir_, "other-name", makeLeaf(ca_, o))));
  auto c = client(ca_path_);
  auto by_name = get(*c, "localhost", server_->port());
  ASSERT_FALSE(by_name.isOk());
  EXPECT_EQ(by_name.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(by_name.status().message(), HasSubstr("tls handshake localhost:"));
  EXPECT_THAT(by_name.status().message(), HasSubstr("hostname mismatch"));
  auto by_ip = get(*c, "127.0.0.1", server_->port());
  ASSERT_FALSE(by_ip.isOk());
  EXPECT_THAT(by_ip.status().message(), HasSubstr("IP address mismatch"));
}

TEST_F(OutboundClientTest, OnlyThePinnedCaIsTrusted) {
  Pem other_ca = makeCa("Other Server CA");
  PemPaths other = writePem(dir_, "other-server", makeServer(other_ca));
  serve(serverConfig(other));
  auto pinned = get(*client(ca_path_), "localhost", server_->port());
  ASSERT_FALSE(pinned.isOk());
  EXPECT_THAT(pinned.status().message(), HasSubstr("certificate verify failed"));
  // The system store does not know a private CA either.
  EXPECT_FALSE(get(*client(std::nullopt), "localhost", server_->port()).isOk());
}

TEST_F(OutboundClientTest, PresentsItsClientCertificateForMtls) {
  serve(mtlsConfig(config::ClientCertValidation::kRequired));
  Pem cert = makeClient(client_ca_, "tars-hypersync.tars.svc.cluster.local", "hypersync");
  auto with_cert = get(*client(ca_path_, &cert), "localhost", server_->port());
  ASSERT_TRUE(with_cert.isOk()) << with_cert.status().toString();
  EXPECT_THAT(with_cert->body, HasSubstr(R"("cn":"hypersync")"));
  auto without = get(*client(ca_path_), "localhost", server_->port());
  EXPECT_FALSE(without.isOk());
}

TEST_F(OutboundClientTest, UnusableCaOrKeyFilesAreRefusedAtCreate) {
  OutboundOptions o;
  o.tls.ca_bundle = dir_.write("garbage.crt", "not a certificate");
  EXPECT_FALSE(OutboundClient::Create(o).isOk());
  OutboundOptions zero;
  zero.timeout = std::chrono::milliseconds(0);
  EXPECT_FALSE(OutboundClient::Create(zero).isOk());
}

TEST_F(OutboundClientTest, ADeadlineEndsAHandshakeThatNeverAnswers) {
  boost::asio::io_context ioc;
  tcp::acceptor silent(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});  // never speaks
  OutboundOptions o;
  o.timeout = std::chrono::milliseconds(300);
  auto c = client(ca_path_, nullptr, o);
  const auto start = std::chrono::steady_clock::now();
  auto r = get(*c, "localhost", silent.local_endpoint().port());
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kDeadlineExceeded) << r.status().toString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST_F(OutboundClientTest, ADeadlineEndsAResponseThatNeverComes) {
  ScriptedPeer silent("");
  OutboundOptions o;
  o.allow_plain_http = true;
  auto c = client(std::nullopt, nullptr, o);
  OutboundRequest r;
  r.url = "http://127.0.0.1:" + std::to_string(silent.port()) + "/jwks?token=q-secret";
  r.timeout = std::chrono::milliseconds(300);
  auto got = c->send(r);
  ASSERT_FALSE(got.isOk());
  EXPECT_EQ(got.status().code(), StatusCode::kDeadlineExceeded);
  EXPECT_THAT(got.status().message(), HasSubstr("read 127.0.0.1:"));
  EXPECT_EQ(got.status().message().find("q-secret"), std::string::npos);
}

TEST_F(OutboundClientTest, PlainHttpSendsTheRequestAsGiven) {
  ScriptedPeer peer(
      "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nX-Seen: 1\r\n"
      "Content-Length: 5\r\n\r\nhello");
  OutboundOptions o;
  o.allow_plain_http = true;
  auto c = client(std::nullopt, nullptr, o);
  OutboundRequest r;
  r.method = "POST";
  r.url = "http://127.0.0.1:" + std::to_string(peer.port()) + "/api/v1/x?a=1#frag";
  r.headers = {{"X-API-Key", "tars_k"}};
  r.body = R"({"n":1})";
  auto got = c->send(r);
  ASSERT_TRUE(got.isOk()) << got.status().toString();
  EXPECT_EQ(got->status, 201);
  EXPECT_EQ(got->body, "hello");
  EXPECT_EQ(got->header("x-seen"), "1");
  const std::string seen = peer.lastRequest();
  EXPECT_THAT(seen, HasSubstr("POST /api/v1/x?a=1 HTTP/1.1\r\n"));
  EXPECT_THAT(seen, HasSubstr("Host: 127.0.0.1:" + std::to_string(peer.port()) + "\r\n"));
  EXPECT_THAT(seen, HasSubstr("X-API-Key: tars_k\r\n"));
  EXPECT_THAT(seen, HasSubstr("Content-Length: 7\r\n"));
  EXPECT_THAT(seen, HasSubstr("Connection: close\r\n"));
}

TEST_F(OutboundClientTest, PlainHttpIsRefusedUnlessAllowed) {
  ScriptedPeer peer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  OutboundRequest r;
  r.url = "http://127.0.0.1:" + std::to_string(peer.port()) + "/";
  auto got = client(std::nullopt)->send(r);
  ASSERT_FALSE(got.isOk());
  EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(peer.lastRequest(), "") << "nothing was sent";
}

TEST_F(OutboundClientTest, ResponsesOverTheLimitsAreRefused) {
  ScriptedPeer big("HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n" + std::string(1000, 'x'));
  ScriptedPeer tall("HTTP/1.1 200 OK\r\nX-Pad: " + std::string(20000, 'p') +
                    "\r\nContent-Length: 0\r\n\r\n");
  OutboundOptions o;
  o.allow_plain_http = true;
  o.max_response_bytes = 1024;
  auto c = client(std::nullopt, nullptr, o);
  for (const ScriptedPeer* peer : {&big, &tall}) {
    OutboundRequest r;
    r.url = "http://127.0.0.1:" + std::to_string(peer->port()) + "/";
    auto got = c->send(r);
    ASSERT_FALSE(got.isOk());
    EXPECT_EQ(got.status().code(), StatusCode::kPayloadTooLarge) << got.status().toString();
  }
}

TEST_F(OutboundClientTest, AnAnswerThatIsNotHttpIsUnavailable) {
  ScriptedPeer garbage("SSH-2.0-OpenSSH_9.2\r\n\r\n");
  OutboundOptions o;
  o.allow_plain_http = true;
  auto c = client(std::nullopt, nullptr, o);
  OutboundRequest r;
  r.url = "http://127.0.0.1:" + std::to_string(garbage.port()) + "/";
  auto got = c->send(r);
  ASSERT_FALSE(got.isOk());
  EXPECT_EQ(got.status().code(), StatusCode::kUnavailable) << got.status().toString();
}

TEST_F(OutboundClientTest, ARefusedConnectionIsUnavailableAtOnce) {
  std::uint16_t closed_port = 0;
  {
    boost::asio::io_context ioc;
    tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    closed_port = a.local_endpoint().port();
  }
  auto got = get(*client(ca_path_), "127.0.0.1", closed_port);
  ASSERT_FALSE(got.isOk());
  EXPECT_EQ(got.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(got.status().message(), HasSubstr("connect 127.0.0.1:"));
}

}  // namespace
}  // namespace tars::tls::test
