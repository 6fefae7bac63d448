#include "tls/client_san_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tars::tls {
namespace {

using config::ClientCertValidation;
using ::testing::HasSubstr;

config::TlsConfig withSans(std::vector<std::string> sans, bool verify = true,
                           ClientCertValidation mode = ClientCertValidation::kRequired) {
  config::TlsConfig tls;
  tls.verify_client_san = verify;
  tls.allowed_client_sans = std::move(sans);
  tls.client_cert_validation = mode;
  return tls;
}

CertificateIdentity cert(std::vector<std::string> dns, std::string cn = "cn") {
  CertificateIdentity id;
  id.dns_sans = std::move(dns);
  id.subject_cn = std::move(cn);
  return id;
}

TEST(ClientSanPolicyTest, DecidesOnDnsSansOnly) {
  StatusOr<ClientSanPolicy> p = ClientSanPolicy::Create(withSans({"*.cap-verifier.local"}));
  ASSERT_TRUE(p.isOk()) << p.status().toString();
  EXPECT_TRUE(p->enabled());
  EXPECT_EQ(p->decide(cert({"client1.cap-verifier.local"})), SanDecision::kAllowed);
  EXPECT_EQ(p->decide(cert({"x.other", "client2.cap-verifier.local"})), SanDecision::kAllowed);
  EXPECT_EQ(p->decide(cert({"a.b.cap-verifier.local"})), SanDecision::kNotAllowed);
  // The CN is ignored, even when it would match.
  EXPECT_EQ(p->decide(cert({}, "client1.cap-verifier.local")), SanDecision::kNotAllowed);
}

TEST(ClientSanPolicyTest, OffChecksNothing) {
  StatusOr<ClientSanPolicy> p =
      ClientSanPolicy::Create(withSans({"a.local"}, false, ClientCertValidation::kNone));
  ASSERT_TRUE(p.isOk());
  EXPECT_FALSE(p->enabled());
  EXPECT_EQ(p->decide(cert({"zzz"})), SanDecision::kNotChecked);
  EXPECT_EQ(ClientSanPolicy::disabled().decide(cert({"zzz"})), SanDecision::kNotChecked);
}

TEST(ClientSanPolicyTest, StartUpRefusalsNameTheField) {
  StatusOr<ClientSanPolicy> empty = ClientSanPolicy::Create(withSans({}));
  ASSERT_FALSE(empty.isOk());
  EXPECT_THAT(empty.status().message(), HasSubstr("tls.allowed_client_sans: is empty"));

  StatusOr<ClientSanPolicy> star = ClientSanPolicy::Create(withSans({"client*.local"}));
  ASSERT_FALSE(star.isOk());
  EXPECT_THAT(star.status().message(), HasSubstr("tls.allowed_client_sans"));
  EXPECT_THAT(star.status().message(), HasSubstr("client*.local"));

  // A bad pattern is refused even while verification is off: it is still config.
  EXPECT_FALSE(
      ClientSanPolicy::Create(withSans({"a.*.local"}, false, ClientCertValidation::kNone)).isOk());

  StatusOr<ClientSanPolicy> no_certs =
      ClientSanPolicy::Create(withSans({"a.local"}, true, ClientCertValidation::kNone));
  ASSERT_FALSE(no_certs.isOk());
  EXPECT_THAT(no_certs.status().message(), HasSubstr("tls.verify_client_san"));

  config::TlsConfig forced = withSans({"a.local"}, true, ClientCertValidation::kNone);
  forced.require_mtls = true;
  EXPECT_TRUE(ClientSanPolicy::Create(forced).isOk());
  EXPECT_TRUE(
      ClientSanPolicy::Create(withSans({"a.local"}, true, ClientCertValidation::kOptional)).isOk());
}

}  // namespace
}  // namespace tars::tls
