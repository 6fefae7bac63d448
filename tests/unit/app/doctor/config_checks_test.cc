#include "app/doctor/config_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "doctor_test_util.h"

namespace tars::doctor {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Level = DoctorCheck::Level;
using config::Config;
using config::Service;

Config good() {
  return testing::goodConfig("/nonexistent/tars-data");
}

TEST(ConfigChecksTest, Check1Env) {
  Config c = good();
  EXPECT_EQ(checkEnv(c).finish().level, Level::kPass);
  EXPECT_EQ(checkEnv(c).finish().message, "env is production");
  c.env = config::Environment::kDevelopment;
  DoctorCheck check = checkEnv(c).finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_EQ(check.message, "env is development; set TARS_ENV=production");
}

TEST(ConfigChecksTest, Check2SecretPresenceAndLengthWithoutEchoingIt) {
  Config c = good();
  EXPECT_EQ(checkJwtSecret(c).finish().level, Level::kPass);
  c.auth.jwt.secret.reset();
  EXPECT_EQ(checkJwtSecret(c).finish().level, Level::kFail);
  EXPECT_THAT(checkJwtSecret(c).finish().message, HasSubstr("not set"));
  c.auth.jwt.secret = "hunter2-short";
  DoctorCheck check = checkJwtSecret(c).finish();
  EXPECT_EQ(check.level, Level::kFail);
  EXPECT_EQ(check.message, "auth.jwt.secret is 13 bytes; at least 32 are required");
  EXPECT_THAT(check.message, Not(HasSubstr("hunter2")));
}

TEST(ConfigChecksTest, Check3DemoUsers) {
  Config c = good();
  EXPECT_EQ(checkDemoUsers(c).finish().level, Level::kPass);
  c.auth.demo_users = true;
  EXPECT_EQ(checkDemoUsers(c).finish().level, Level::kFail);
  EXPECT_THAT(checkDemoUsers(c).finish().message, HasSubstr("TARS_DEMO_USERS=false"));
}

TEST(ConfigChecksTest, Check4ProxyPairOrTlsPaths) {
  Config c = good();
  EXPECT_EQ(checkTransport(c).finish().level, Level::kPass);
  c.ratelimit.trusted_proxies.clear();
  EXPECT_EQ(checkTransport(c).finish().level, Level::kFail);
  EXPECT_THAT(checkTransport(c).finish().message, HasSubstr("ratelimit.trusted_proxies is empty"));
  c.server.behind_tls_proxy = false;
  EXPECT_EQ(checkTransport(c).finish().level, Level::kFail);
  EXPECT_THAT(checkTransport(c).finish().message, HasSubstr("TLS is off"));
  c.tls.enabled = true;
  c.tls.server_cert = "/nonexistent/tls.crt";
  EXPECT_EQ(checkTransport(c).finish().level, Level::kFail);  // key path missing
  c.tls.server_key = "/nonexistent/tls.key";
  EXPECT_EQ(checkTransport(c).finish().level, Level::kPass);
}

TEST(ConfigChecksTest, Check5Cors) {
  Config c = good();
  c.server.cors.allowed_origins = {"https://app.example.com"};
  EXPECT_EQ(checkCors(c).finish().level, Level::kPass);
  c.server.cors.allowed_origins.push_back("*");
  EXPECT_EQ(checkCors(c).finish().level, Level::kFail);
}

TEST(ConfigChecksTest, Check6PostgresWhenServicesIsNotAll) {
  Config c = good();
  DoctorCheck pg = checkStoreRule(c).finish();
  EXPECT_EQ(pg.level, Level::kPass);
  EXPECT_THAT(pg.message, Not(HasSubstr(":pw@")));  // the URL is shown redacted
  c.store.url = "sqlite://./tars-data/tars.db";
  c.store.backend = config::StoreBackend::kSqlite;
  EXPECT_EQ(checkStoreRule(c).finish().level, Level::kPass);
  c.services = {Service::kAuth, Service::kVerifier};
  DoctorCheck split = checkStoreRule(c).finish();
  EXPECT_EQ(split.level, Level::kFail);
  EXPECT_THAT(split.message, HasSubstr("services is auth,verifier"));
}

TEST(ConfigChecksTest, Check7BackendAndPasswordRules) {
  Config c = good();
  EXPECT_EQ(checkRedisRules(c).finish().level, Level::kPass);
  c.redis.url = "redis://cache:6379/0";
  DoctorCheck no_password = checkRedisRules(c).finish();
  EXPECT_EQ(no_password.level, Level::kWarn);
  EXPECT_THAT(no_password.message, HasSubstr("redis.url has no password"));
  c.redis.url.reset();
  c.ratelimit.backend = config::RateLimitBackend::kMemory;
  DoctorCheck memory = checkRedisRules(c).finish();
  EXPECT_EQ(memory.level, Level::kWarn);
  EXPECT_THAT(memory.message, HasSubstr("ratelimit.backend is memory in production"));
  c.env = config::Environment::kDevelopment;
  EXPECT_EQ(checkRedisRules(c).finish().level, Level::kPass);
}

TEST(ConfigChecksTest, Check9OutboundWhenCallingPeers) {
  Config c = good();
  EXPECT_FALSE(callsPeers(c));
  EXPECT_EQ(checkOutbound(c).finish().level, Level::kPass);
  c.services = {Service::kHypersync};
  EXPECT_TRUE(callsPeers(c));
  DoctorCheck missing = checkOutbound(c).finish();
  EXPECT_EQ(missing.level, Level::kFail);
  EXPECT_THAT(missing.message, HasSubstr("outbound.ca_bundle, outbound.client_cert, "
                                         "outbound.client_key, outbound.api_key are not set"));
  c.outbound.ca_bundle = "/ca.pem";
  c.outbound.client_cert = "/c.pem";
  c.outbound.client_key = "/k.pem";
  c.outbound.api_key = "tars_abcdefgh2345_" + std::string(43, 'A');
  EXPECT_EQ(checkOutbound(c).finish().level, Level::kPass);
  EXPECT_THAT(checkOutbound(c).finish().message, Not(HasSubstr("AAAA")));

  c.services = {Service::kDashboard, Service::kOrchestration, Service::kAutoml};
  EXPECT_TRUE(callsPeers(c));  // the dashboard also reads hypersync
  c.services = {Service::kVerifier};
  EXPECT_FALSE(callsPeers(c));

  c.auth.jwks_providers.push_back(
      {"idp", "https://idp/", "aud", "http://idp.example/jwks", 600, std::nullopt});
  DoctorCheck http = checkOutbound(c).finish();
  EXPECT_EQ(http.level, Level::kFail);
  EXPECT_THAT(http.message, HasSubstr("does not use https"));
  c.auth.jwks_providers.back().jwks_url = "https://idp.example/jwks";
  EXPECT_EQ(checkOutbound(c).finish().level, Level::kPass);
}

TEST(ConfigChecksTest, Check10MetricsOpenOnlyOnLoopback) {
  Config c = good();
  c.metrics.auth = config::MetricsAuth::kOpen;
  EXPECT_EQ(checkMetricsAuth(c).finish().level, Level::kPass);  // 127.0.0.1
  c.server.host = "0.0.0.0";
  EXPECT_EQ(checkMetricsAuth(c).finish().level, Level::kWarn);
  c.metrics.auth = config::MetricsAuth::kAuto;
  EXPECT_EQ(checkMetricsAuth(c).finish().level, Level::kPass);
}

TEST(ConfigChecksTest, Check11HypersyncNotConfigured) {
  DoctorCheck check = checkHypersync(good()).finish();
  EXPECT_EQ(check.level, Level::kPass);
  EXPECT_EQ(check.message, "hypersync not configured");
}

TEST(ConfigChecksTest, Check12TokenLifetimes) {
  Config c = good();
  EXPECT_EQ(checkTokenLifetimes(c).finish().level, Level::kPass);
  c.auth.jwt.access_ttl_minutes = 120;
  EXPECT_EQ(checkTokenLifetimes(c).finish().level, Level::kWarn);
  c.auth.jwt.access_ttl_minutes = 60;
  c.auth.jwt.leeway_seconds = 61;
  EXPECT_EQ(checkTokenLifetimes(c).finish().level, Level::kWarn);
}

TEST(ConfigChecksTest, Check15OriginalVariables) {
  Config c = good();
  EXPECT_EQ(checkLegacyEnvironment(c, {{"PATH", "/bin"}}).finish().level, Level::kPass);
  DoctorCheck warn =
      checkLegacyEnvironment(c, {{"JWT_SECRET", "hunter2hunter2"}, {"REDIS_URL", "x"}}).finish();
  EXPECT_EQ(warn.level, Level::kWarn);
  EXPECT_THAT(warn.message, HasSubstr("JWT_SECRET, REDIS_URL"));
  EXPECT_THAT(warn.message, Not(HasSubstr("hunter2")));
  c.env = config::Environment::kDevelopment;
  DoctorCheck fail = checkLegacyEnvironment(c, {{"ENVIRONMENT", "production"}}).finish();
  EXPECT_EQ(fail.level, Level::kFail);
  EXPECT_THAT(fail.message, HasSubstr("set TARS_ENV=production"));
  c = good();
  c.auth.demo_users = true;
  EXPECT_EQ(checkLegacyEnvironment(c, {{"DEMO_USERS_ENABLED", "no"}}).finish().level, Level::kFail);
}

}  // namespace
}  // namespace tars::doctor
