#include "app/doctor/cert_inspect.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "doctor_test_util.h"

namespace tars::doctor {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

TEST(CertInspectTest, ReadsNotAfter) {
  TempDir dir;
  testing::writeSelfSigned(dir.sub("c.pem"), dir.sub("k.pem"), testing::daysFromNow(30));
  StatusOr<CertificateFacts> facts = inspectCertificate(dir.sub("c.pem"));
  ASSERT_TRUE(facts.isOk()) << facts.status().toString();
  EXPECT_EQ(facts->not_after, testing::daysFromNow(30));
}

TEST(CertInspectTest, UnreadableOrNotACertificate) {
  TempDir dir;
  EXPECT_THAT(inspectCertificate(dir.sub("missing.pem")).status().message(),
              HasSubstr("cannot read"));
  testing::writeFile(dir.sub("junk.pem"), "not a certificate");
  EXPECT_THAT(inspectCertificate(dir.sub("junk.pem")).status().message(),
              HasSubstr("holds no PEM certificate"));
}

TEST(CertInspectTest, KeyMustMatchTheCertificate) {
  TempDir dir;
  testing::writeSelfSigned(dir.sub("a.crt"), dir.sub("a.key"), testing::daysFromNow(30));
  testing::writeSelfSigned(dir.sub("b.crt"), dir.sub("b.key"), testing::daysFromNow(30));
  EXPECT_TRUE(checkKeyMatchesCertificate(dir.sub("a.crt"), dir.sub("a.key")).isOk());
  EXPECT_THAT(checkKeyMatchesCertificate(dir.sub("a.crt"), dir.sub("b.key")).message(),
              HasSubstr("does not belong to"));
  EXPECT_THAT(checkKeyMatchesCertificate(dir.sub("a.crt"), dir.sub("none.key")).message(),
              HasSubstr("cannot read"));
  testing::writeFile(dir.sub("junk.key"), "junk");
  EXPECT_THAT(checkKeyMatchesCertificate(dir.sub("a.crt"), dir.sub("junk.key")).message(),
              HasSubstr("holds no unencrypted PEM private key"));
}

}  // namespace
}  // namespace tars::doctor
