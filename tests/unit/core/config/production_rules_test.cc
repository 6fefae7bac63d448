#include "core/config/production_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace tars::config {
namespace {

using testing::Env;
using testing::errorOf;
using ::testing::HasSubstr;
using testing::loadEnv;
using ::testing::Not;
using testing::productionEnv;
using ::testing::StartsWith;

Env with(Env env, const std::string& name, const std::string& value) {
  env[name] = value;
  return env;
}

Env without(Env env, const std::string& name) {
  env.erase(name);
  return env;
}

TEST(ProductionRulesTest, TheMinimalProductionConfigLoads) {
  auto config = loadEnv(productionEnv());
  ASSERT_TRUE(config.isOk()) << config.status().toString();
  EXPECT_EQ((*config)->env, Environment::kProduction);
  auto with_tls = loadEnv(
      with(with(with(without(productionEnv(), "TARS_BEHIND_TLS_PROXY"), "TARS_TLS_ENABLED", "true"),
                "TARS_TLS_SERVER_CERT", "/nonexistent/c.pem"),
           "TARS_TLS_SERVER_KEY", "/nonexistent/k.pem"));
  EXPECT_TRUE(with_tls.isOk()) << with_tls.status().toString();
}

TEST(ProductionRulesTest, MissingSecretIsRefused) {
  EXPECT_EQ(errorOf(loadEnv(without(productionEnv(), "TARS_JWT_SECRET"))),
            "config: auth.jwt.secret: is not set; production requires a secret of at least 32 "
            "bytes shared by every replica (set TARS_JWT_SECRET)");
}

TEST(ProductionRulesTest, ShortSecretIsRefusedWithoutEchoingIt) {
  const std::string secret = "hunter2hunter";  // 13 bytes
  std::string message = errorOf(loadEnv(with(productionEnv(), "TARS_JWT_SECRET", secret)));
  EXPECT_THAT(message,
              StartsWith("config: auth.jwt.secret: is 13 bytes; at least 32 are required in "
                         "production"));
  EXPECT_THAT(message, HasSubstr("(from TARS_JWT_SECRET)"));
  EXPECT_THAT(message, Not(HasSubstr(secret)));
  EXPECT_THAT(message, Not(HasSubstr("hunter")));
  // 31 bytes is one short.
  EXPECT_THAT(errorOf(loadEnv(with(productionEnv(), "TARS_JWT_SECRET", std::string(31, 'x')))),
              StartsWith("config: auth.jwt.secret: is 31 bytes"));
}

TEST(ProductionRulesTest, SecretFromTheFileIsNotEchoedEither) {
  const std::string secret = "shortfilesecret";
  std::string message = errorOf(testing::loadYaml("auth:\n  jwt:\n    secret: " + secret + "\n",
                                                  without(productionEnv(), "TARS_JWT_SECRET")));
  EXPECT_THAT(message, StartsWith("config: auth.jwt.secret: is 15 bytes"));
  EXPECT_THAT(message, Not(HasSubstr(secret)));
}

TEST(ProductionRulesTest, DemoUsersAreRefused) {
  EXPECT_THAT(errorOf(loadEnv(with(productionEnv(), "TARS_DEMO_USERS", "true"))),
              StartsWith("config: auth.demo_users: true is refused in production"));
  EXPECT_THAT(errorOf(loadEnv(with(productionEnv(), "TARS_DEMO_USERS", "true"))),
              HasSubstr("set TARS_DEMO_USERS=false"));
}

TEST(ProductionRulesTest, WildcardCorsOriginIsRefused) {
  EXPECT_EQ(errorOf(loadEnv(
                with(productionEnv(), "TARS_SERVER_CORS_ALLOWED_ORIGINS", "https://a.example,*"))),
            "config: server.cors.allowed_origins: '*' is refused in production; list the allowed "
            "origins explicitly (from TARS_SERVER_CORS_ALLOWED_ORIGINS)");
  EXPECT_TRUE(
      loadEnv(with(productionEnv(), "TARS_SERVER_CORS_ALLOWED_ORIGINS", "https://a.example"))
          .isOk());
}

TEST(ProductionRulesTest, TlsOffWithoutProxyIsRefused) {
  std::string message = errorOf(loadEnv(without(productionEnv(), "TARS_BEHIND_TLS_PROXY")));
  EXPECT_THAT(message, StartsWith("config: tls.enabled: TLS is off in production"));
  EXPECT_THAT(message, HasSubstr("server.behind_tls_proxy"));
  EXPECT_THAT(message, HasSubstr("tls.server_cert"));
}

TEST(ProductionRulesTest, TraceLoggingIsRefused) {
  EXPECT_EQ(errorOf(loadEnv(with(productionEnv(), "TARS_LOG_LEVEL", "trace"))),
            "config: log.level: trace is refused in production (trace logs request details); use "
            "debug or info (from TARS_LOG_LEVEL)");
  EXPECT_TRUE(loadEnv(with(productionEnv(), "TARS_LOG_LEVEL", "debug")).isOk());
}

TEST(ProductionRulesTest, PlainHttpJwksIsRefusedUnlessLoopback) {
  const std::string yaml =
      "auth:\n  jwks_providers:\n    - {name: a, issuer: i, audience: x, jwks_url: '%U'}\n";
  auto load = [&](const std::string& url) {
    std::string y = yaml;
    y.replace(y.find("%U"), 2, url);
    return testing::loadYaml(y, productionEnv());
  };
  EXPECT_THAT(errorOf(load("http://idp.example.com/jwks")),
              StartsWith("config: auth.jwks_providers[0].jwks_url: plain http is refused"));
  EXPECT_TRUE(load("https://idp.example.com/jwks").isOk());
  EXPECT_TRUE(load("http://127.0.0.1:8080/jwks").isOk());
}

TEST(ProductionRulesTest, DevelopmentAllowsWhatProductionRefuses) {
  auto config = loadEnv({{"TARS_LOG_LEVEL", "trace"},
                         {"TARS_JWT_SECRET", "short"},
                         {"TARS_DEMO_USERS", "true"},
                         {"TARS_SERVER_CORS_ALLOWED_ORIGINS", "*"}});
  EXPECT_TRUE(config.isOk()) << config.status().toString();
}

}  // namespace
}  // namespace tars::config
