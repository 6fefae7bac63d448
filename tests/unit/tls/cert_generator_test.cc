#include "tls/certgen/cert_generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <filesystem>

#include "test_util/file_mode.h"
#include "tls_test_util.h"

namespace tars::tls {
namespace {

using tars::test::modeOf;

using ::testing::HasSubstr;
using Clock = std::chrono::system_clock;

// True when `cert_pem` is signed by the key of `ca_pem` (X509_verify over the TBS).
bool signedBy(const std::string& cert_pem, const std::string& ca_pem) {
  auto read = [](const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* c = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return c;
  };
  X509* cert = read(cert_pem);
  X509* ca = read(ca_pem);
  bool ok = cert != nullptr && ca != nullptr && X509_verify(cert, X509_get0_pubkey(ca)) == 1;
  X509_free(cert);
  X509_free(ca);
  return ok;
}

class CertGeneratorTest : public ::testing::Test {
 protected:
  GenerateOptions options(std::vector<std::string> services = {"auth", "hypersync"}) {
    GenerateOptions o;
    o.out_dir = dir_.file("certs");
    o.set.services = std::move(services);
    return o;
  }
  std::string file(const std::string& name) const { return dir_.file("certs/" + name); }

  test::TempDir dir_;
  Clock::time_point now_ = std::chrono::time_point_cast<std::chrono::seconds>(Clock::now());
};

TEST_F(CertGeneratorTest, WritesTheSetWithModesAndSignatures) {
  StatusOr<std::vector<GeneratedFile>> files = generateCertificateSet(options(), now_);
  ASSERT_TRUE(files.isOk()) << files.status().toString();
  // CA + 2 services x (server + client) + ingress, key and certificate each.
  EXPECT_EQ(files->size(), 12u);
  EXPECT_EQ(modeOf(dir_.file("certs")), 0700u);
  const std::string ca = test::readFile(file("ca.crt"));
  for (const char* stem :
       {"ca", "auth", "auth-client", "hypersync", "hypersync-client", "ingress"}) {
    SCOPED_TRACE(stem);
    EXPECT_EQ(modeOf(file(std::string(stem) + ".key")), 0600u);
    EXPECT_EQ(modeOf(file(std::string(stem) + ".crt")), 0644u);
    EXPECT_THAT(test::readFile(file(std::string(stem) + ".key")),
                ::testing::StartsWith("-----BEGIN PRIVATE KEY-----"));
    EXPECT_TRUE(signedBy(test::readFile(file(std::string(stem) + ".crt")), ca));
  }
  test::CertFacts leaf = test::inspectCertificate(test::readFile(file("auth.crt")));
  EXPECT_EQ(leaf.identity.not_before, now_ - std::chrono::minutes(5));
  EXPECT_EQ(leaf.identity.not_after, now_ + std::chrono::hours(24 * 365));
  EXPECT_EQ(leaf.signature_nid, NID_ecdsa_with_SHA256);
  test::CertFacts root = test::inspectCertificate(ca);
  EXPECT_EQ(root.identity.subject, "CN=T.A.R.S. Root CA,O=T.A.R.S.");
  EXPECT_EQ(root.identity.not_after, now_ + std::chrono::hours(24 * 3650));

  // What the CLI prints comes from here.
  const GeneratedFile& first_cert = (*files)[1];
  EXPECT_EQ(first_cert.path, file("ca.crt"));
  EXPECT_FALSE(first_cert.is_key);
  EXPECT_EQ(first_cert.subject, "CN=T.A.R.S. Root CA,O=T.A.R.S.");
  const GeneratedFile& auth = (*files)[3];
  EXPECT_EQ(auth.path, file("auth.crt"));
  EXPECT_THAT(auth.sans, ::testing::Contains("DNS:tars-auth.tars.svc.cluster.local"));
  EXPECT_THAT(auth.sans, ::testing::Contains("IP:::1"));
}

TEST_F(CertGeneratorTest, RsaOption) {
  GenerateOptions o = options({"auth"});
  o.set.algorithm = KeyAlgorithm::kRsa2048;
  o.set.days = 30;
  ASSERT_TRUE(generateCertificateSet(o, now_).isOk());
  test::CertFacts f = test::inspectCertificate(test::readFile(file("auth.crt")));
  EXPECT_EQ(f.key_type, "RSA");
  EXPECT_EQ(f.key_bits, 2048);
  EXPECT_EQ(f.signature_nid, NID_sha256WithRSAEncryption);
  EXPECT_EQ(f.key_usage, static_cast<std::uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
  EXPECT_EQ(f.identity.not_after, now_ + std::chrono::hours(24 * 30));
}

TEST_F(CertGeneratorTest, ExistingKeysAreNotOverwrittenWithoutForce) {
  ASSERT_TRUE(generateCertificateSet(options(), now_).isOk());
  const std::string auth_key = test::readFile(file("auth.key"));
  const std::string ca_crt = test::readFile(file("ca.crt"));

  StatusOr<std::vector<GeneratedFile>> again = generateCertificateSet(options(), now_);
  ASSERT_FALSE(again.isOk());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(again.status().message(), HasSubstr(file("auth.key")));
  EXPECT_THAT(again.status().message(), HasSubstr("--force"));
  EXPECT_EQ(test::readFile(file("auth.key")), auth_key);

  GenerateOptions forced = options();
  forced.force = true;
  StatusOr<std::vector<GeneratedFile>> replaced = generateCertificateSet(forced, now_);
  ASSERT_TRUE(replaced.isOk()) << replaced.status().toString();
  EXPECT_NE(test::readFile(file("auth.key")), auth_key);
  EXPECT_EQ(modeOf(file("auth.key")), 0600u);
  // The CA is reused even with --force: trust stores holding ca.crt stay valid.
  EXPECT_EQ(test::readFile(file("ca.crt")), ca_crt);
  EXPECT_TRUE((*replaced)[0].reused);
  EXPECT_TRUE(signedBy(test::readFile(file("auth.crt")), ca_crt));
}

TEST_F(CertGeneratorTest, NewServicesAreSignedByTheExistingCa) {
  ASSERT_TRUE(generateCertificateSet(options({"auth"}), now_).isOk());
  const std::string ca_crt = test::readFile(file("ca.crt"));
  std::filesystem::remove(file("ingress.key"));  // ingress is in every run
  StatusOr<std::vector<GeneratedFile>> more = generateCertificateSet(options({"verifier"}), now_);
  ASSERT_TRUE(more.isOk()) << more.status().toString();
  EXPECT_EQ(test::readFile(file("ca.crt")), ca_crt);
  EXPECT_TRUE(signedBy(test::readFile(file("verifier.crt")), ca_crt));
  EXPECT_TRUE(std::filesystem::exists(file("auth.key")));
}

TEST_F(CertGeneratorTest, AnUnusableCaNeedsForce) {
  GenerateOptions o = options({"auth"});
  std::filesystem::create_directories(o.out_dir);
  // A key without its certificate.
  test::Pem other = test::makeCa("Other");
  dir_.write("certs/ca.key", other.key);
  StatusOr<std::vector<GeneratedFile>> r = generateCertificateSet(o, now_);
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(r.status().message(), HasSubstr("ca.key exists without"));

  // A certificate whose key does not match.
  dir_.write("certs/ca.crt", test::makeCa("Mismatch").cert);
  r = generateCertificateSet(o, now_);
  ASSERT_FALSE(r.isOk());
  EXPECT_THAT(r.status().message(), HasSubstr("does not belong to"));

  // A leaf is not a CA.
  test::Pem leaf = test::makeServer(other);
  dir_.write("certs/ca.crt", leaf.cert);
  dir_.write("certs/ca.key", leaf.key);
  r = generateCertificateSet(o, now_);
  ASSERT_FALSE(r.isOk());
  EXPECT_THAT(r.status().message(), HasSubstr("not a CA certificate"));

  o.force = true;
  r = generateCertificateSet(o, now_);
  ASSERT_TRUE(r.isOk()) << r.status().toString();
  EXPECT_FALSE((*r)[0].reused);
  EXPECT_EQ(test::inspectCertificate(test::readFile(file("ca.crt"))).identity.subject_cn,
            "T.A.R.S. Root CA");
}

TEST_F(CertGeneratorTest, ACertificateWithoutItsKeyIsNotReplacedSilently) {
  GenerateOptions o = options({"auth"});
  std::filesystem::create_directories(o.out_dir);
  dir_.write("certs/ca.crt", test::makeCa("Distributed").cert);
  StatusOr<std::vector<GeneratedFile>> r = generateCertificateSet(o, now_);
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("exists without"));
}

TEST_F(CertGeneratorTest, BadOptionsWriteNothing) {
  GenerateOptions o = options({"nope"});
  StatusOr<std::vector<GeneratedFile>> r = generateCertificateSet(o, now_);
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(o.out_dir));
}

}  // namespace
}  // namespace tars::tls
