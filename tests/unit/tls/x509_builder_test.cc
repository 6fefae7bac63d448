#include "tls/certgen/x509_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/obj_mac.h>
#include <openssl/x509v3.h>

#include "tls_test_util.h"

namespace tars::tls {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using Clock = std::chrono::system_clock;

CertificateSpec spec(CertificateRole role, std::string cn) {
  CertificateSpec s;
  s.role = role;
  s.common_name = std::move(cn);
  s.not_before = std::chrono::time_point_cast<std::chrono::seconds>(Clock::now());
  s.not_after = s.not_before + std::chrono::hours(24);
  return s;
}

struct Issued {
  std::string key;
  std::string cert;
};

Issued issue(const CertificateSpec& s, const SigningAuthority* issuer,
             KeyAlgorithm algorithm = KeyAlgorithm::kEcdsaP256) {
  Issued out;
  out.key = generatePrivateKeyPem(algorithm).value();
  StatusOr<std::string> cert = issueCertificatePem(s, out.key, issuer);
  EXPECT_TRUE(cert.isOk()) << cert.status().toString();
  out.cert = cert.isOk() ? *cert : "";
  return out;
}

TEST(X509BuilderTest, KeysArePkcs8P256OrRsa2048) {
  StatusOr<std::string> ec = generatePrivateKeyPem(KeyAlgorithm::kEcdsaP256);
  ASSERT_TRUE(ec.isOk());
  EXPECT_THAT(*ec, StartsWith("-----BEGIN PRIVATE KEY-----"));  // PKCS#8, unencrypted
  StatusOr<std::string> rsa = generatePrivateKeyPem(KeyAlgorithm::kRsa2048);
  ASSERT_TRUE(rsa.isOk());
  EXPECT_THAT(*rsa, StartsWith("-----BEGIN PRIVATE KEY-----"));
  EXPECT_NE(*ec, *generatePrivateKeyPem(KeyAlgorithm::kEcdsaP256));
}

TEST(X509BuilderTest, CaExtensions) {
  Issued ca = issue(spec(CertificateRole::kCa, "Root"), nullptr);
  test::CertFacts f = test::inspectCertificate(ca.cert);
  ASSERT_TRUE(f.parsed);
  EXPECT_EQ(f.version, 2);  // v3
  EXPECT_TRUE(f.is_ca);
  EXPECT_TRUE(f.basic_constraints_critical);
  EXPECT_EQ(f.path_length, 0);
  EXPECT_TRUE(f.key_usage_critical);
  EXPECT_EQ(f.key_usage, static_cast<std::uint32_t>(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  EXPECT_FALSE(f.has_extended_key_usage);
  EXPECT_FALSE(f.subject_key_id.empty());
  EXPECT_TRUE(f.authority_key_id.empty());  // self-signed root: SKI only (tars.md §5.2)
  EXPECT_EQ(f.signature_nid, NID_ecdsa_with_SHA256);
  EXPECT_EQ(f.curve, "prime256v1");
  EXPECT_EQ(f.identity.subject, "CN=Root,O=T.A.R.S.");
  EXPECT_EQ(f.identity.issuer, f.identity.subject);
}

TEST(X509BuilderTest, ServerLeafExtensions) {
  Issued ca = issue(spec(CertificateRole::kCa, "Root"), nullptr);
  SigningAuthority authority{ca.cert, ca.key};
  CertificateSpec s = spec(CertificateRole::kServer, "tars-auth");
  s.dns_sans = {"tars-auth", "localhost", "*.tars.local"};
  s.ip_sans = {"127.0.0.1", "::1"};
  Issued leaf = issue(s, &authority);
  test::CertFacts f = test::inspectCertificate(leaf.cert);
  EXPECT_FALSE(f.is_ca);
  EXPECT_TRUE(f.has_basic_constraints);
  EXPECT_TRUE(f.basic_constraints_critical);
  EXPECT_TRUE(f.key_usage_critical);
  EXPECT_EQ(f.key_usage, static_cast<std::uint32_t>(KU_DIGITAL_SIGNATURE));
  EXPECT_EQ(f.extended_key_usage, static_cast<std::uint32_t>(XKU_SSL_SERVER));
  EXPECT_THAT(f.identity.dns_sans, ElementsAre("tars-auth", "localhost", "*.tars.local"));
  EXPECT_THAT(f.identity.ip_sans, ElementsAre("127.0.0.1", "::1"));
  EXPECT_EQ(f.authority_key_id, test::inspectCertificate(ca.cert).subject_key_id);
  EXPECT_FALSE(f.subject_key_id.empty());
  EXPECT_EQ(f.identity.issuer, "CN=Root,O=T.A.R.S.");
  EXPECT_EQ(f.identity.not_before, s.not_before);
  EXPECT_EQ(f.identity.not_after, s.not_after);
}

TEST(X509BuilderTest, RsaLeafAddsKeyEnciphermentAndSignsWithRsaSha256) {
  Issued ca = issue(spec(CertificateRole::kCa, "Root"), nullptr, KeyAlgorithm::kRsa2048);
  SigningAuthority authority{ca.cert, ca.key};
  CertificateSpec s = spec(CertificateRole::kClient, "svc-client");
  s.uri_sans = {"spiffe://cluster.local/ns/tars/sa/tars-auth"};
  Issued leaf = issue(s, &authority, KeyAlgorithm::kRsa2048);
  test::CertFacts f = test::inspectCertificate(leaf.cert);
  EXPECT_EQ(f.key_type, "RSA");
  EXPECT_EQ(f.key_bits, 2048);
  EXPECT_EQ(f.signature_nid, NID_sha256WithRSAEncryption);
  EXPECT_EQ(f.key_usage, static_cast<std::uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
  EXPECT_EQ(f.extended_key_usage, static_cast<std::uint32_t>(XKU_SSL_CLIENT));
  EXPECT_THAT(f.identity.uri_sans, ElementsAre("spiffe://cluster.local/ns/tars/sa/tars-auth"));
}

TEST(X509BuilderTest, SerialIsSixteenPositiveRandomBytes) {
  Issued a = issue(spec(CertificateRole::kCa, "A"), nullptr);
  Issued b = issue(spec(CertificateRole::kCa, "A"), nullptr);
  test::CertFacts fa = test::inspectCertificate(a.cert), fb = test::inspectCertificate(b.cert);
  EXPECT_EQ(fa.serial_der_hex.size(), 32u);
  EXPECT_NE(fa.serial_der_hex, fb.serial_der_hex);
}

TEST(X509BuilderTest, UnlimitedPathLengthAndIntermediates) {
  CertificateSpec root_spec = spec(CertificateRole::kCa, "Root");
  root_spec.ca_path_length = std::nullopt;
  Issued root = issue(root_spec, nullptr);
  EXPECT_EQ(test::inspectCertificate(root.cert).path_length, -1);
  SigningAuthority authority{root.cert, root.key};
  Issued inter = issue(spec(CertificateRole::kCa, "Inter"), &authority);
  test::CertFacts f = test::inspectCertificate(inter.cert);
  EXPECT_TRUE(f.is_ca);
  EXPECT_EQ(f.authority_key_id, test::inspectCertificate(root.cert).subject_key_id);
}

TEST(X509BuilderTest, BadSpecsAreRefused) {
  std::string key = generatePrivateKeyPem(KeyAlgorithm::kEcdsaP256).value();
  CertificateSpec s = spec(CertificateRole::kServer, "");
  EXPECT_THAT(issueCertificatePem(s, key, nullptr).status().message(), HasSubstr("common name"));
  s = spec(CertificateRole::kServer, "x");
  s.not_after = s.not_before;
  EXPECT_THAT(issueCertificatePem(s, key, nullptr).status().message(), HasSubstr("not_after"));
  s = spec(CertificateRole::kServer, "x");
  s.ip_sans = {"not-an-ip"};
  EXPECT_THAT(issueCertificatePem(s, key, nullptr).status().message(),
              HasSubstr("not an IP address"));
  s = spec(CertificateRole::kServer, "x");
  s.dns_sans = {"a b"};
  EXPECT_THAT(issueCertificatePem(s, key, nullptr).status().message(), HasSubstr("DNS name"));
  s.dns_sans = {"a.*.b"};
  EXPECT_FALSE(issueCertificatePem(s, key, nullptr).isOk());

  Issued ca = issue(spec(CertificateRole::kCa, "Root"), nullptr);
  SigningAuthority wrong{ca.cert, key};
  EXPECT_THAT(
      issueCertificatePem(spec(CertificateRole::kServer, "x"), key, &wrong).status().message(),
      HasSubstr("issuer key does not match"));
}

}  // namespace
}  // namespace tars::tls
