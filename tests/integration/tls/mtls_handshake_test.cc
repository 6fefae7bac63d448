// Client certificates with real clients: the three validation modes, foreign and expired
// certificates, deep chains, and the SAN allow-list decision (200 / 403) — spec/cap.md §11.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <algorithm>

#include "tls/certgen/cert_generator.h"
#include "tls_fixture.h"

namespace tars::tls::test {
namespace {

using config::ClientCertValidation;
using ::testing::HasSubstr;

class MtlsHandshakeTest : public TlsFixture {
 protected:
  // s_client with a request; returns {response, the server's record}.
  std::pair<ProcessResult, HandshakeRecord> request(const std::vector<std::string>& args) {
    std::size_t before = recorded();
    ProcessResult r = sClient(args);
    return {r, waitNext(before)};
  }
};

TEST_F(MtlsHandshakeTest, RequiredRefusesAClientWithoutCertificate) {
  serve(mtlsConfig(ClientCertValidation::kRequired));
  for (const char* version : {"-tls1_3", "-tls1_2"}) {
    auto [r, rec] = request({version});
    EXPECT_FALSE(gotHttp(r, 200)) << version;
    EXPECT_FALSE(rec.ok);
    EXPECT_THAT(rec.error, HasSubstr("peer did not return a certificate"));
  }
  ProcessResult c = curl({});
  EXPECT_FALSE(gotHttp(c, 200));
}

TEST_F(MtlsHandshakeTest, RequiredAcceptsAValidCertificateAndExposesTheIdentity) {
  serve(mtlsConfig(ClientCertValidation::kRequired));
  Pem client = makeClient(client_ca_, "client1.cap-verifier.local", "client1");
  for (const char* version : {"-tls1_3", "-tls1_2"}) {
    std::vector<std::string> args = clientCertArgs(client, "client1");
    args.push_back(version);
    auto [r, rec] = request(args);
    EXPECT_TRUE(gotHttp(r, 200)) << r.err;
    EXPECT_THAT(r.out, HasSubstr(R"("client_cert":true)"));
    EXPECT_THAT(r.out, HasSubstr(R"("cn":"client1")"));
    EXPECT_THAT(r.out, HasSubstr(R"("dns_sans":["client1.cap-verifier.local"])"));
    ASSERT_TRUE(rec.peer.has_value());
    EXPECT_EQ(rec.peer->certificate->issuer, "CN=Client CA,O=T.A.R.S.");
    EXPECT_EQ(rec.peer->san, SanDecision::kNotChecked);
  }
}

TEST_F(MtlsHandshakeTest, ACertificateFromAnotherCaIsRefused) {
  Pem other_ca = makeCa("Other CA");
  Pem foreign = makeClient(other_ca, "client1.cap-verifier.local");
  for (ClientCertValidation mode :
       {ClientCertValidation::kRequired, ClientCertValidation::kOptional}) {
    serve(mtlsConfig(mode));
    auto [r, rec] = request(clientCertArgs(foreign, "foreign"));
    EXPECT_FALSE(gotHttp(r, 200));
    EXPECT_FALSE(rec.ok);
    EXPECT_EQ(rec.verify_failure, "unable to get local issuer certificate");
  }
  // The server's own CA does not vouch for clients either: only client_ca_bundle counts.
  serve(mtlsConfig(ClientCertValidation::kRequired));
  auto [r, rec] = request(clientCertArgs(makeClient(ca_, "client1.cap-verifier.local"), "srvca"));
  EXPECT_FALSE(rec.ok);
}

TEST_F(MtlsHandshakeTest, OptionalLetsAClientWithoutCertificateInUnauthenticated) {
  serve(mtlsConfig(ClientCertValidation::kOptional));
  auto [r, rec] = request({});
  EXPECT_TRUE(gotHttp(r, 200)) << r.err;
  EXPECT_THAT(r.out, HasSubstr(R"("client_cert":false)"));
  ASSERT_TRUE(rec.peer.has_value());
  EXPECT_FALSE(rec.peer->hasCertificate());

  // ... and one with a valid certificate authenticated.
  auto [r2, rec2] = request(clientCertArgs(makeClient(client_ca_, "a.local"), "a"));
  EXPECT_TRUE(gotHttp(r2, 200));
  EXPECT_THAT(r2.out, HasSubstr(R"("client_cert":true)"));
}

TEST_F(MtlsHandshakeTest, AnExpiredClientCertificateIsRefusedQuickly) {
  serve(mtlsConfig(ClientCertValidation::kRequired));
  LeafOptions o;
  o.role = CertificateRole::kClient;
  o.dns = {"client1.cap-verifier.local"};
  o.valid_from = -std::chrono::hours(72);
  o.valid_until = -std::chrono::hours(1);
  auto [r, rec] = request(clientCertArgs(makeLeaf(client_ca_, o), "expired"));
  EXPECT_FALSE(gotHttp(r, 200));
  EXPECT_FALSE(rec.ok);
  EXPECT_EQ(rec.verify_failure, "certificate has expired");
  EXPECT_LT(rec.duration, std::chrono::seconds(2));
  EXPECT_TRUE(server_->waitForNoConnections(std::chrono::seconds(5)));
}

// A chain of 50 certificates (root, 48 intermediates, leaf) is valid but deeper than
// max_client_chain_depth: refused. The same mechanism with 3 certificates is accepted.
TEST_F(MtlsHandshakeTest, AFiftyCertificateChainIsRefused) {
  auto chainArgs = [&](int intermediates, const std::string& stem) {
    Pem root = makeCa("Chain Root " + stem, nullptr, std::nullopt);
    std::vector<Pem> cas{root};
    for (int i = 0; i < intermediates; ++i)
      cas.push_back(makeCa("Chain CA " + std::to_string(i), &cas.back(), std::nullopt));
    Pem leaf = makeClient(cas.back(), "deep.local");
    std::string chain;
    for (auto it = cas.rbegin(); it != cas.rend(); ++it)
      chain += it->cert;
    dir_.write(stem + "-root.crt", root.cert);
    std::vector<std::string> args = clientCertArgs(leaf, stem);
    args.push_back("-cert_chain");
    args.push_back(dir_.write(stem + "-chain.crt", chain));
    return args;
  };

  std::vector<std::string> short_chain = chainArgs(1, "short");
  config::TlsConfig tls = mtlsConfig(ClientCertValidation::kRequired);
  tls.client_ca_bundle = dir_.file("short-root.crt");
  serve(tls);
  auto [ok, ok_rec] = request(short_chain);
  EXPECT_TRUE(gotHttp(ok, 200)) << ok.err;

  std::vector<std::string> long_chain = chainArgs(48, "long");
  // The leaf plus 49 chain certificates (48 intermediates and the root) = 50.
  const std::string chain_text = readFile(dir_.file("long-chain.crt"));
  std::size_t in_chain = 0;
  for (std::size_t at = chain_text.find("BEGIN CERTIFICATE"); at != std::string::npos;
       at = chain_text.find("BEGIN CERTIFICATE", at + 1)) {
    ++in_chain;
  }
  ASSERT_EQ(in_chain, 49u);
  tls.client_ca_bundle = dir_.file("long-root.crt");
  serve(tls);
  // The chain verifies without a depth limit: the refusal below is about depth alone.
  ProcessResult verify =
      runProcess({"openssl", "verify", "-CAfile", dir_.file("long-root.crt"), "-untrusted",
                  dir_.file("long-chain.crt"), dir_.file("long.crt")});
  EXPECT_THAT(verify.out, HasSubstr(": OK")) << verify.err;
  auto [r, rec] = request(long_chain);
  EXPECT_FALSE(gotHttp(r, 200));
  EXPECT_FALSE(rec.ok);
  EXPECT_EQ(rec.verify_failure, "certificate chain too long");
  EXPECT_LT(rec.duration, std::chrono::seconds(2));
  EXPECT_TRUE(server_->waitForNoConnections(std::chrono::seconds(5)));
}

// The generated certificate set end to end: the orchestration's allow-list admits HyperSync's
// client certificate (200) and answers the dashboard's 403 problem+json (tars.md §5.2 example).
TEST_F(MtlsHandshakeTest, SanAllowListWithTheGeneratedCertificateSet) {
  GenerateOptions gen;
  gen.out_dir = dir_.file("certs");
  gen.set.services = {"orchestration", "hypersync", "dashboard"};
  ASSERT_TRUE(generateCertificateSet(gen, std::chrono::system_clock::now()).isOk());
  const std::string certs = gen.out_dir + "/";

  config::TlsConfig tls;
  tls.enabled = true;
  tls.server_cert = certs + "orchestration.crt";
  tls.server_key = certs + "orchestration.key";
  tls.client_cert_validation = ClientCertValidation::kRequired;
  tls.client_ca_bundle = certs + "ca.crt";
  tls.verify_client_san = true;
  tls.allowed_client_sans = {"tars-hypersync.tars.svc.cluster.local"};
  serve(tls);

  const std::string port = std::to_string(server_->port());
  auto curlAs = [&](const std::string& service) {
    return runProcess({"curl", "-sS", "--max-time", "10", "--cacert", certs + "ca.crt", "--cert",
                       certs + service + "-client.crt", "--key", certs + service + "-client.key",
                       "-w", "\nstatus=%{http_code}", "--resolve",
                       "tars-orchestration.tars.svc:" + port + ":127.0.0.1",
                       "https://tars-orchestration.tars.svc:" + port + "/"});
  };
  std::size_t before = recorded();
  ProcessResult allowed = curlAs("hypersync");
  EXPECT_TRUE(gotHttp(allowed, 200)) << allowed.out << allowed.err;
  EXPECT_THAT(allowed.out, HasSubstr(R"("cn":"tars-hypersync-client")"));
  EXPECT_EQ(waitNext(before).peer->san, SanDecision::kAllowed);

  before = recorded();
  ProcessResult denied = curlAs("dashboard");
  EXPECT_TRUE(gotHttp(denied, 403)) << denied.out << denied.err;
  EXPECT_THAT(denied.out, HasSubstr(R"("type":"tls/client-san-not-allowed")"));
  EXPECT_THAT(denied.out, HasSubstr(R"("detail":"client certificate SAN not allowed")"));
  EXPECT_EQ(waitNext(before).peer->san, SanDecision::kNotAllowed);
}

TEST_F(MtlsHandshakeTest, WildcardAllowListOnRealConnections) {
  config::TlsConfig tls = mtlsConfig(ClientCertValidation::kRequired);
  tls.verify_client_san = true;
  tls.allowed_client_sans = {"*.cap-verifier.local"};
  serve(tls);
  struct Case {
    std::string san;
    int status;
  };
  int n = 0;
  for (const Case& c :
       {Case{"client1.cap-verifier.local", 200}, Case{"CLIENT2.Cap-Verifier.LOCAL", 200},
        Case{"cap-verifier.local", 403}, Case{"a.b.cap-verifier.local", 403},
        Case{"client1.other-domain.com", 403}}) {
    auto [r, rec] =
        request(clientCertArgs(makeClient(client_ca_, c.san), "w" + std::to_string(++n)));
    EXPECT_TRUE(gotHttp(r, c.status)) << c.san << "\n" << r.out;
  }
  // A CN that would match does not count: only DNS SANs do.
  auto [r, rec] =
      request(clientCertArgs(makeClient(client_ca_, "", "client1.cap-verifier.local"), "cn"));
  EXPECT_TRUE(gotHttp(r, 403)) << r.out;
}

// A resumed session carries the identity verified at its full handshake.
TEST_F(MtlsHandshakeTest, AResumedSessionKeepsTheClientIdentity) {
  serve(mtlsConfig(ClientCertValidation::kRequired));
  std::vector<std::string> cert =
      clientCertArgs(makeClient(client_ca_, "client1.cap-verifier.local", "client1"), "resume");
  for (const char* version : {"-tls1_3", "-tls1_2"}) {
    SCOPED_TRACE(version);
    const std::string session = dir_.file(std::string("mtls-session") + version);
    std::vector<std::string> first = cert;
    first.insert(first.end(), {version, "-sess_out", session});
    auto [r1, rec1] = request(first);
    EXPECT_TRUE(gotHttp(r1, 200)) << r1.err;
    EXPECT_FALSE(rec1.resumed);
    std::vector<std::string> second = cert;
    second.insert(second.end(), {version, "-sess_in", session});
    auto [r2, rec2] = request(second);
    EXPECT_TRUE(gotHttp(r2, 200)) << r2.err;
    EXPECT_TRUE(rec2.resumed);
    ASSERT_TRUE(rec2.peer.has_value());
    ASSERT_TRUE(rec2.peer->hasCertificate());
    EXPECT_EQ(rec2.peer->certificate->subject_cn, "client1");
    EXPECT_THAT(r2.out, HasSubstr(R"("cn":"client1")"));
  }
}

}  // namespace
}  // namespace tars::tls::test
