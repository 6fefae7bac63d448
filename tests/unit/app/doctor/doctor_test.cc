#include "app/doctor/doctor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "doctor_test_util.h"

namespace tars::doctor {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Level = DoctorCheck::Level;
using testing::checkNumber;
using testing::hasCheck;
using testing::TempDir;

std::vector<int> numbers(const std::vector<DoctorCheck>& checks) {
  std::vector<int> out;
  for (const DoctorCheck& check : checks)
    out.push_back(check.number);
  return out;
}

class DoctorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = dir_.sub("data");
    std::filesystem::create_directories(data_dir_);
    chmod(data_dir_.c_str(), 0700);
    options_.clock = &clock_;
  }
  TempDir dir_;
  std::string data_dir_;
  test::FakeClock clock_;
  DoctorOptions options_;
};

TEST_F(DoctorTest, AGoodProductionConfigPassesEveryCheck) {
  std::vector<DoctorCheck> checks =
      runDoctor(testing::goodConfig(data_dir_), {{"PATH", "/bin"}}, options_);
  EXPECT_THAT(numbers(checks), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15));
  for (const DoctorCheck& check : checks)
    EXPECT_EQ(check.level, Level::kPass) << formatCheck(check);
  EXPECT_EQ(exitCode(checks), 0);
}

TEST_F(DoctorTest, DevelopmentDefaultsFail) {
  config::Config dev;
  dev.data_dir = data_dir_;
  std::vector<DoctorCheck> checks = runDoctor(dev, {}, /*offline=*/true);
  EXPECT_EQ(checkNumber(checks, 1).level, Level::kFail);
  EXPECT_EQ(checkNumber(checks, 2).level, Level::kFail);
  EXPECT_EQ(checkNumber(checks, 3).level, Level::kFail);
  EXPECT_EQ(checkNumber(checks, 4).level, Level::kFail);
  EXPECT_EQ(exitCode(checks), 1);
}

TEST_F(DoctorTest, FormatsOneLinePerCheck) {
  DoctorCheck pass{1, "env", Level::kPass, "env is production"};
  DoctorCheck warn{10, "metrics_auth", Level::kWarn, "metrics.auth is open"};
  DoctorCheck fail{2, "jwt_secret", Level::kFail, "line one\nline two"};
  EXPECT_EQ(formatCheck(pass), "PASS  1 env is production");
  EXPECT_EQ(formatCheck(warn), "WARN 10 metrics.auth is open");
  EXPECT_EQ(formatCheck(fail), "FAIL  2 line one line two");
  EXPECT_EQ(formatChecks({pass, warn}),
            "PASS  1 env is production\nWARN 10 metrics.auth is open\n");
}

TEST_F(DoctorTest, ExitCodeIsOneOnlyOnFail) {
  DoctorCheck pass{1, "env", Level::kPass, "ok"};
  DoctorCheck warn{7, "redis", Level::kWarn, "w"};
  DoctorCheck fail{3, "demo_users", Level::kFail, "f"};
  EXPECT_EQ(exitCode({pass, warn}), 0);
  EXPECT_EQ(exitCode({pass, warn, fail}), 1);
  EXPECT_EQ(exitCode({}), 0);
}

// Offline must open no file: every path points at something that does not exist or would
// fail if read, and the offline result must still pass.
TEST_F(DoctorTest, OfflineTouchesNoFiles) {
  config::Config c = testing::goodConfig(data_dir_);
  c.server.behind_tls_proxy = false;
  c.tls.enabled = true;
  c.tls.server_cert = "/nonexistent/tls.crt";
  c.tls.server_key = "/nonexistent/tls.key";
  // Would fail online: the development secret file holds the configured secret, and the data
  // dir and a key in it are world-readable.
  testing::writeFile(config::developmentSecretPath(c), *c.auth.jwt.secret, 0644);
  chmod(data_dir_.c_str(), 0777);

  options_.offline = true;
  std::vector<DoctorCheck> checks = runDoctor(c, {}, options_);
  EXPECT_THAT(numbers(checks), ElementsAre(1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 15));
  for (const DoctorCheck& check : checks)
    EXPECT_EQ(check.level, Level::kPass) << formatCheck(check);
  EXPECT_EQ(checkNumber(checks, 4).message, "TLS on with tls.server_cert and tls.server_key set");

  // The same config online reads the files and fails 2, 4 and 8.
  options_.offline = false;
  std::vector<DoctorCheck> online = runDoctor(c, {}, options_);
  EXPECT_EQ(checkNumber(online, 2).level, Level::kFail);
  EXPECT_EQ(checkNumber(online, 4).level, Level::kFail);
  EXPECT_EQ(checkNumber(online, 8).level, Level::kFail);
  chmod(data_dir_.c_str(), 0700);
}

TEST_F(DoctorTest, OnlineTlsCertificateIsRead) {
  config::Config c = testing::goodConfig(data_dir_);
  c.tls.enabled = true;
  c.tls.server_cert = dir_.sub("tls/tls.crt");
  c.tls.server_key = dir_.sub("tls/tls.key");
  testing::writeSelfSigned(*c.tls.server_cert, *c.tls.server_key, testing::daysFromNow(90));
  EXPECT_EQ(checkNumber(runDoctor(c, {}, options_), 4).level, Level::kPass);
  testing::writeSelfSigned(*c.tls.server_cert, *c.tls.server_key, testing::daysFromNow(5));
  EXPECT_EQ(checkNumber(runDoctor(c, {}, options_), 4).level, Level::kFail);
}

TEST_F(DoctorTest, ProbesRunOnlyOnlineAndReportFailures) {
  int store_calls = 0;
  int redis_calls = 0;
  options_.store_probe = [&] {
    ++store_calls;
    return unavailable("connection refused");
  };
  options_.redis_probe = [&] {
    ++redis_calls;
    return unavailable("timeout");
  };
  config::Config c = testing::goodConfig(data_dir_);

  options_.offline = true;
  std::vector<DoctorCheck> offline = runDoctor(c, {}, options_);
  EXPECT_EQ(store_calls, 0);
  EXPECT_EQ(redis_calls, 0);
  EXPECT_EQ(checkNumber(offline, 6).level, Level::kPass);
  EXPECT_EQ(checkNumber(offline, 7).level, Level::kPass);

  options_.offline = false;
  std::vector<DoctorCheck> online = runDoctor(c, {}, options_);
  EXPECT_EQ(store_calls, 1);
  EXPECT_EQ(redis_calls, 1);
  EXPECT_EQ(checkNumber(online, 6).level, Level::kFail);
  EXPECT_THAT(checkNumber(online, 6).message, HasSubstr("connection refused"));
  EXPECT_EQ(checkNumber(online, 7).level, Level::kFail);
  EXPECT_THAT(checkNumber(online, 7).message, HasSubstr("Redis unreachable: timeout"));

  options_.store_probe = [] { return Status::ok(); };
  options_.redis_probe = [] { return Status::ok(); };
  online = runDoctor(c, {}, options_);
  EXPECT_EQ(checkNumber(online, 6).level, Level::kPass);
  EXPECT_THAT(checkNumber(online, 6).message, HasSubstr("reachable"));
  EXPECT_EQ(checkNumber(online, 7).level, Level::kPass);

  // No redis.url: the Redis probe is not called.
  c.redis.url.reset();
  c.ratelimit.backend = config::RateLimitBackend::kMemory;
  redis_calls = 0;
  options_.redis_probe = [&] {
    ++redis_calls;
    return Status::ok();
  };
  runDoctor(c, {}, options_);
  EXPECT_EQ(redis_calls, 0);
}

TEST_F(DoctorTest, Check13KeyAges) {
  config::Config c = testing::goodConfig(data_dir_);
  EXPECT_FALSE(hasCheck(runDoctor(c, {}, options_), 13));

  KeyInventory inventory;
  inventory.signing_key_created_at = testing::daysFromNow(-30);
  inventory.api_keys_without_expiry = {{"abcdefgh2345", testing::daysFromNow(-100)}};
  options_.key_inventory = [&]() -> StatusOr<KeyInventory> { return inventory; };
  EXPECT_EQ(checkNumber(runDoctor(c, {}, options_), 13).level, Level::kPass);

  inventory.signing_key_created_at = testing::daysFromNow(-91);
  DoctorCheck old_signing = checkNumber(runDoctor(c, {}, options_), 13);
  EXPECT_EQ(old_signing.level, Level::kWarn);
  EXPECT_THAT(old_signing.message, HasSubstr("signing key is 91 days old"));

  inventory.signing_key_created_at = testing::daysFromNow(-1);
  inventory.api_keys_without_expiry = {{"abcdefgh2345", testing::daysFromNow(-366)},
                                       {"zzzzzzzz2222", testing::daysFromNow(-10)}};
  DoctorCheck old_key = checkNumber(runDoctor(c, {}, options_), 13);
  EXPECT_EQ(old_key.level, Level::kWarn);
  EXPECT_THAT(old_key.message, HasSubstr("older than 365 days: abcdefgh2345;"));

  options_.key_inventory = []() -> StatusOr<KeyInventory> { return unavailable("store down"); };
  EXPECT_EQ(checkNumber(runDoctor(c, {}, options_), 13).level, Level::kWarn);

  options_.offline = true;
  EXPECT_FALSE(hasCheck(runDoctor(c, {}, options_), 13));
}

TEST_F(DoctorTest, Check14AuditChain) {
  config::Config c = testing::goodConfig(data_dir_);
  EXPECT_FALSE(hasCheck(runDoctor(c, {}, options_), 14));
  options_.audit_verify = [] { return Status::ok(); };
  EXPECT_EQ(checkNumber(runDoctor(c, {}, options_), 14).level, Level::kPass);
  options_.audit_verify = [] { return internalError("first_invalid_seq 42"); };
  DoctorCheck broken = checkNumber(runDoctor(c, {}, options_), 14);
  EXPECT_EQ(broken.level, Level::kFail);
  EXPECT_THAT(broken.message, HasSubstr("first_invalid_seq 42"));
  options_.offline = true;
  EXPECT_FALSE(hasCheck(runDoctor(c, {}, options_), 14));
}

TEST_F(DoctorTest, Check15UsesTheGivenEnvironment) {
  config::Config c = testing::goodConfig(data_dir_);
  EXPECT_EQ(checkNumber(runDoctor(c, {{"AUTOML_API_KEY", "secret"}}, true), 15).level,
            Level::kWarn);
  EXPECT_EQ(checkNumber(runDoctor(c, {{"DEMO_USERS_ENABLED", "false"}}, true), 15).level,
            Level::kWarn);  // agrees with the config, but is still a variable of the original
}

}  // namespace
}  // namespace tars::doctor
