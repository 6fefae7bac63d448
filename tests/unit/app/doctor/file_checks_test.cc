#include "app/doctor/file_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "doctor_test_util.h"

namespace tars::doctor {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Level = DoctorCheck::Level;
using testing::TempDir;

TEST(FileChecksTest, Check2DevelopmentSecretFile) {
  TempDir dir;
  config::Config c = testing::goodConfig(dir.path().string());
  const std::string secret = *c.auth.jwt.secret;
  CheckBuilder none(2, "jwt_secret");
  checkDevelopmentSecretFile(c, none);  // no file: nothing to compare
  EXPECT_EQ(none.finish().level, Level::kPass);

  testing::writeFile(config::developmentSecretPath(c), secret + "\n");
  CheckBuilder same(2, "jwt_secret");
  checkDevelopmentSecretFile(c, same);
  DoctorCheck check = same.finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_THAT(check.message, HasSubstr("equals the development secret"));
  EXPECT_THAT(check.message, Not(HasSubstr(secret)));

  testing::writeFile(config::developmentSecretPath(c), std::string(32, 'd'));
  CheckBuilder other(2, "jwt_secret");
  checkDevelopmentSecretFile(c, other);
  EXPECT_EQ(other.finish().level, Level::kPass);
}

class TlsFilesTest : public ::testing::Test {
 protected:
  config::Config withCert(int days_left) {
    config::Config c = testing::goodConfig(dir_.path().string());
    c.tls.enabled = true;
    c.tls.server_cert = dir_.sub("tls/tls.crt");
    c.tls.server_key = dir_.sub("tls/tls.key");
    testing::writeSelfSigned(*c.tls.server_cert, *c.tls.server_key,
                             testing::daysFromNow(days_left));
    return c;
  }
  TempDir dir_;
};

TEST_F(TlsFilesTest, ValidForAtLeastFourteenDaysPasses) {
  DoctorCheck check = checkTlsFiles(withCert(30), testing::fixedNow()).finish();
  EXPECT_EQ(check.level, Level::kPass) << check.message;
  EXPECT_EQ(check.message, "TLS on; certificate valid until 2023-12-14 (30 days)");
  EXPECT_EQ(checkTlsFiles(withCert(14), testing::fixedNow()).finish().level, Level::kPass);
}

TEST_F(TlsFilesTest, ExpiringSoonFails) {
  DoctorCheck check = checkTlsFiles(withCert(13), testing::fixedNow()).finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_THAT(check.message, HasSubstr("expires on 2023-11-27 (13 days)"));
}

TEST_F(TlsFilesTest, ExpiredFails) {
  DoctorCheck check = checkTlsFiles(withCert(-1), testing::fixedNow()).finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_THAT(check.message, HasSubstr("expired on 2023-11-13"));
}

TEST_F(TlsFilesTest, UnreadableOrMismatchedFilesFail) {
  config::Config c = withCert(30);
  c.tls.server_cert = dir_.sub("missing.crt");
  EXPECT_EQ(checkTlsFiles(c, testing::fixedNow()).finish().level, Level::kFail);
  c = withCert(30);
  testing::writeSelfSigned(dir_.sub("other.crt"), dir_.sub("other.key"), testing::daysFromNow(30));
  c.tls.server_key = dir_.sub("other.key");
  DoctorCheck check = checkTlsFiles(c, testing::fixedNow()).finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_THAT(check.message, HasSubstr("does not belong to"));
}

TEST_F(TlsFilesTest, ClientCaBundleMustBeReadableWhenVerifying) {
  config::Config c = withCert(30);
  c.tls.client_cert_validation = config::ClientCertValidation::kRequired;
  c.tls.client_ca_bundle = dir_.sub("missing-ca.crt");
  DoctorCheck check = checkTlsFiles(c, testing::fixedNow()).finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_THAT(check.message, HasSubstr("tls.client_ca_bundle"));
  c.tls.client_ca_bundle = *c.tls.server_cert;
  EXPECT_EQ(checkTlsFiles(c, testing::fixedNow()).finish().level, Level::kPass);
}

class PermissionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = dir_.sub("data");
    std::filesystem::create_directories(data_dir_);
    chmod(data_dir_.c_str(), 0700);
  }
  TempDir dir_;
  std::string data_dir_;
};

TEST_F(PermissionsTest, PrivateDirAndKeysPass) {
  testing::writeFile(data_dir_ + "/cap/signing_key.pem", "k", 0600);
  testing::writeFile(data_dir_ + "/jwt_secret", "s", 0400);
  chmod((data_dir_ + "/cap").c_str(), 0700);
  DoctorCheck check = checkPermissions(testing::goodConfig(data_dir_)).finish();
  EXPECT_EQ(check.level, Level::kPass) << check.message;
  EXPECT_THAT(check.message, HasSubstr("2 key files"));
}

TEST_F(PermissionsTest, OpenDataDirFails) {
  chmod(data_dir_.c_str(), 0755);
  DoctorCheck check = checkPermissions(testing::goodConfig(data_dir_)).finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_THAT(check.message, HasSubstr("has mode 0755; chmod 700"));
}

TEST_F(PermissionsTest, ReadableKeyFilesFail) {
  testing::writeFile(data_dir_ + "/certs/extra.key", "k", 0644);
  testing::writeFile(data_dir_ + "/jwt_secret", "s", 0640);
  testing::writeFile(data_dir_ + "/notes.txt", "not a key", 0644);
  DoctorCheck check = checkPermissions(testing::goodConfig(data_dir_)).finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_THAT(check.message, HasSubstr("extra.key (0644)"));
  EXPECT_THAT(check.message, HasSubstr("jwt_secret (0640)"));
  EXPECT_THAT(check.message, Not(HasSubstr("notes.txt")));
}

TEST_F(PermissionsTest, TlsKeyOutsideTheDataDirIsChecked) {
  config::Config c = testing::goodConfig(data_dir_);
  c.tls.server_key = dir_.sub("tls/tls.key");
  testing::writeFile(*c.tls.server_key, "k", 0644);
  DoctorCheck check = checkPermissions(c).finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_THAT(check.message, HasSubstr("tls.key (0644)"));
}

TEST_F(PermissionsTest, MissingDataDirWarns) {
  DoctorCheck check = checkPermissions(testing::goodConfig(dir_.sub("nope"))).finish();
  EXPECT_EQ(check.level, Level::kWarn);
  EXPECT_THAT(check.message, HasSubstr("does not exist yet"));
}

}  // namespace
}  // namespace tars::doctor
