// `tars certs generate` through the real binary (spec/tars.md §5): the files, their modes, their
// extensions (X509 API), `openssl verify` against ca.crt, refusal to overwrite keys (exit 3),
// --force, --rsa, validity flags and the default output directory.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/obj_mac.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <filesystem>

#include "harness/tars_process.h"
#include "process_runner.h"
#include "test_util/file_mode.h"
#include "tls_test_util.h"

namespace tars::tls::test {
namespace {

using tars::test::modeOf;

using tars::test::runTars;
using ::testing::HasSubstr;

int lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

class CertsCliTest : public ::testing::Test {
 protected:
  std::string out(const std::string& name = "") const {
    return dir_.file("certs") + (name.empty() ? "" : "/" + name);
  }
  tars::test::RunResult generate(std::vector<std::string> extra) {
    std::vector<std::string> args = {"certs", "generate", "--out", out()};
    args.insert(args.end(), extra.begin(), extra.end());
    return runTars(args, {}, std::chrono::seconds(120));
  }
  // `openssl verify -CAfile ca.crt [-purpose P] file`.
  bool verifies(const std::string& file, const std::string& purpose = "") {
    std::vector<std::string> argv = {"openssl", "verify", "-CAfile", out("ca.crt")};
    if (!purpose.empty()) {
      argv.push_back("-purpose");
      argv.push_back(purpose);
    }
    argv.push_back(file);
    ProcessResult r = runProcess(argv);
    return r.exit_code == 0 && r.out.find(": OK") != std::string::npos;
  }

  TempDir dir_;
};

TEST_F(CertsCliTest, GeneratesAVerifiableSetWithTheSpecExtensions) {
  tars::test::RunResult r = generate({"--services", "auth,hypersync"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines(r.out), 12) << r.out;  // (ca, 2 x 2 leaves, ingress) x (key, cert)
  EXPECT_THAT(r.out, HasSubstr(out("hypersync.crt") + "  written  CN=tars-hypersync,O=T.A.R.S."));
  EXPECT_THAT(r.out, HasSubstr("DNS:hypersync-service.tars.svc.cluster.local"));
  EXPECT_THAT(r.out, HasSubstr(out("ca.key") + "  written  private key (0600)"));
  EXPECT_THAT(r.out, HasSubstr("expires 20"));
  EXPECT_EQ(modeOf(out()), 0700u);

  for (const char* server : {"auth", "hypersync", "ingress"}) {
    SCOPED_TRACE(server);
    const std::string crt = out(std::string(server) + ".crt");
    EXPECT_TRUE(verifies(crt));
    EXPECT_TRUE(verifies(crt, "sslserver"));
    EXPECT_FALSE(verifies(crt, "sslclient"));  // serverAuth only
    CertFacts f = inspectCertificate(readFile(crt));
    EXPECT_FALSE(f.is_ca);
    EXPECT_TRUE(f.basic_constraints_critical);
    EXPECT_TRUE(f.key_usage_critical);
    EXPECT_EQ(f.key_usage, static_cast<std::uint32_t>(KU_DIGITAL_SIGNATURE));
    EXPECT_EQ(f.extended_key_usage, static_cast<std::uint32_t>(XKU_SSL_SERVER));
    EXPECT_FALSE(f.subject_key_id.empty());
    EXPECT_EQ(f.authority_key_id, inspectCertificate(readFile(out("ca.crt"))).subject_key_id);
    EXPECT_EQ(f.signature_nid, NID_ecdsa_with_SHA256);
    EXPECT_EQ(f.curve, "prime256v1");
    EXPECT_EQ(f.serial_der_hex.size(), 32u);
    EXPECT_EQ(modeOf(out(std::string(server) + ".key")), 0600u);
    EXPECT_EQ(modeOf(crt), 0644u);
  }
  for (const char* client : {"auth-client", "hypersync-client"}) {
    SCOPED_TRACE(client);
    const std::string crt = out(std::string(client) + ".crt");
    EXPECT_TRUE(verifies(crt, "sslclient"));
    EXPECT_FALSE(verifies(crt, "sslserver"));  // clientAuth only
    EXPECT_EQ(inspectCertificate(readFile(crt)).extended_key_usage,
              static_cast<std::uint32_t>(XKU_SSL_CLIENT));
    EXPECT_EQ(modeOf(out(std::string(client) + ".key")), 0600u);
  }
  CertFacts hs = inspectCertificate(readFile(out("hypersync.crt")));
  EXPECT_THAT(
      hs.identity.dns_sans,
      ::testing::ElementsAre("tars-hypersync", "tars-hypersync.tars", "tars-hypersync.tars.svc",
                             "tars-hypersync.tars.svc.cluster.local", "hypersync", "localhost",
                             "hypersync-service", "hypersync-service.tars.svc",
                             "hypersync-service.tars.svc.cluster.local"));
  EXPECT_THAT(hs.identity.ip_sans, ::testing::ElementsAre("127.0.0.1", "::1"));
  CertFacts hc = inspectCertificate(readFile(out("hypersync-client.crt")));
  EXPECT_EQ(hc.identity.subject, "CN=tars-hypersync-client,O=T.A.R.S.");
  EXPECT_THAT(hc.identity.uri_sans,
              ::testing::ElementsAre("spiffe://cluster.local/ns/tars/sa/tars-hypersync"));
  CertFacts ingress = inspectCertificate(readFile(out("ingress.crt")));
  EXPECT_THAT(ingress.identity.dns_sans, ::testing::ElementsAre("tars.local", "*.tars.local"));

  CertFacts ca = inspectCertificate(readFile(out("ca.crt")));
  EXPECT_EQ(ca.identity.subject, "CN=T.A.R.S. Root CA,O=T.A.R.S.");
  EXPECT_TRUE(ca.is_ca);
  EXPECT_EQ(ca.path_length, 0);
  EXPECT_TRUE(ca.basic_constraints_critical);
  EXPECT_EQ(ca.key_usage, static_cast<std::uint32_t>(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  EXPECT_TRUE(ca.key_usage_critical);
  EXPECT_TRUE(verifies(out("ca.crt")));
  EXPECT_EQ(modeOf(out("ca.key")), 0600u);
}

TEST_F(CertsCliTest, ExistingKeysNeedForce) {
  ASSERT_EQ(generate({"--services", "auth"}).exit_code, 0);
  const std::string key = readFile(out("auth.key"));
  const std::string ca = readFile(out("ca.crt"));

  tars::test::RunResult again = generate({"--services", "auth"});
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_THAT(again.err, HasSubstr(out("auth.key") + " exists; pass --force"));
  EXPECT_EQ(readFile(out("auth.key")), key);

  tars::test::RunResult forced = generate({"--services", "auth", "--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_THAT(forced.out, HasSubstr(out("ca.crt") + "  reused"));
  EXPECT_NE(readFile(out("auth.key")), key);
  EXPECT_EQ(readFile(out("ca.crt")), ca);
  EXPECT_EQ(modeOf(out("auth.key")), 0600u);
  EXPECT_TRUE(verifies(out("auth.crt")));
}

TEST_F(CertsCliTest, RsaAndValidityFlags) {
  tars::test::RunResult r =
      generate({"--services", "verifier", "--rsa", "--days", "10", "--ca-days", "20",
                "--ingress-host", "tars.example.com", "--extra-san", "10.1.2.3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CertFacts leaf = inspectCertificate(readFile(out("verifier.crt")));
  EXPECT_EQ(leaf.key_type, "RSA");
  EXPECT_EQ(leaf.key_bits, 2048);
  EXPECT_EQ(leaf.signature_nid, NID_sha256WithRSAEncryption);
  EXPECT_EQ(leaf.key_usage, static_cast<std::uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
  EXPECT_THAT(leaf.identity.ip_sans, ::testing::Contains("10.1.2.3"));
  auto days = [](std::chrono::system_clock::duration d) {
    return std::chrono::duration_cast<std::chrono::hours>(d).count() / 24.0;
  };
  EXPECT_NEAR(days(leaf.identity.not_after - leaf.identity.not_before), 10.0, 0.01);
  CertFacts ca = inspectCertificate(readFile(out("ca.crt")));
  EXPECT_NEAR(days(ca.identity.not_after - ca.identity.not_before), 20.0, 0.01);
  EXPECT_THAT(inspectCertificate(readFile(out("ingress.crt"))).identity.dns_sans,
              ::testing::ElementsAre("tars.example.com", "*.tars.example.com"));
  EXPECT_TRUE(verifies(out("verifier.crt"), "sslserver"));
}

TEST_F(CertsCliTest, BadFlagsAreUsageErrors) {
  tars::test::RunResult r = generate({"--services", "auth,nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--services: unknown service 'nope'"));
  EXPECT_FALSE(std::filesystem::exists(out()));
  EXPECT_EQ(generate({"--days", "0"}).exit_code, 2);
}

TEST_F(CertsCliTest, DefaultOutputIsTheDataDir) {
  tars::test::RunResult r =
      runTars({"certs", "generate", "--services", "auth"}, {{"TARS_DATA_DIR", dir_.file("data")}},
              std::chrono::seconds(120));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir_.file("data/certs/auth.crt")));
  EXPECT_EQ(modeOf(dir_.file("data/certs")), 0700u);
}

}  // namespace
}  // namespace tars::tls::test
