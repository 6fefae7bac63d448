#include "tls/certificate_identity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include "tls_test_util.h"

namespace tars::tls {
namespace {

using ::testing::ElementsAre;
using ::testing::MatchesRegex;

std::unique_ptr<X509, decltype(&X509_free)> parse(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return {cert, X509_free};
}

TEST(CertificateIdentityTest, ReadsNamesSerialAndValidity) {
  test::Pem ca = test::makeCa("Identity CA");
  test::LeafOptions o;
  o.role = CertificateRole::kClient;
  o.cn = "tars-hypersync-client";
  o.dns = {"tars-hypersync.tars.svc.cluster.local", "Other.Example"};
  o.ip = {"127.0.0.1", "::1"};
  o.uri = {"spiffe://cluster.local/ns/tars/sa/tars-hypersync"};
  o.valid_until = std::chrono::hours(48);
  test::Pem leaf = test::makeLeaf(ca, o);
  auto cert = parse(leaf.cert);
  ASSERT_NE(cert, nullptr);

  StatusOr<CertificateIdentity> id = describeCertificate(cert.get());
  ASSERT_TRUE(id.isOk()) << id.status().toString();
  EXPECT_THAT(id->dns_sans, ElementsAre("tars-hypersync.tars.svc.cluster.local", "Other.Example"));
  EXPECT_THAT(id->ip_sans, ElementsAre("127.0.0.1", "::1"));
  EXPECT_THAT(id->uri_sans, ElementsAre("spiffe://cluster.local/ns/tars/sa/tars-hypersync"));
  EXPECT_EQ(id->subject_cn, "tars-hypersync-client");
  EXPECT_EQ(id->subject, "CN=tars-hypersync-client,O=T.A.R.S.");
  EXPECT_EQ(id->issuer, "CN=Identity CA,O=T.A.R.S.");
  EXPECT_THAT(id->serial_hex, MatchesRegex("[4-7][0-9A-F]{31}"));  // 16 bytes, positive
  auto remaining = id->not_after - std::chrono::system_clock::now();
  EXPECT_GT(remaining, std::chrono::hours(47));
  EXPECT_LE(remaining, std::chrono::hours(48));
  EXPECT_LT(id->not_before, std::chrono::system_clock::now());
}

TEST(CertificateIdentityTest, CertificateWithoutSansOrCn) {
  test::Pem ca = test::makeCa("Identity CA");
  auto cert = parse(ca.cert);
  StatusOr<CertificateIdentity> id = describeCertificate(cert.get());
  ASSERT_TRUE(id.isOk());
  EXPECT_TRUE(id->dns_sans.empty());
  EXPECT_TRUE(id->ip_sans.empty());
  EXPECT_EQ(id->subject, id->issuer);  // self-signed
}

}  // namespace
}  // namespace tars::tls
