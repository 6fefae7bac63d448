#include "core/config/validate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace tars::config {
namespace {

using testing::errorOf;
using ::testing::HasSubstr;
using testing::loadEnv;
using testing::loadYaml;
using ::testing::StartsWith;

TEST(ValidateTest, WildcardOriginWithCredentialsIsRefusedInAnyMode) {
  EXPECT_THAT(errorOf(loadYaml("server:\n  cors:\n    allowed_origins: ['*']\n"
                               "    allow_credentials: true\n")),
              StartsWith("config: server.cors.allowed_origins: '*' together with "
                         "server.cors.allow_credentials: true is refused"));
  // Either half alone is fine in development.
  EXPECT_TRUE(loadYaml("server:\n  cors:\n    allowed_origins: ['*']\n").isOk());
  EXPECT_TRUE(loadYaml("server:\n  cors:\n    allowed_origins: [https://a.example]\n"
                       "    allow_credentials: true\n")
                  .isOk());
}

TEST(ValidateTest, RedisBackendNeedsRedisUrl) {
  EXPECT_EQ(errorOf(loadEnv({{"TARS_RATELIMIT_BACKEND", "redis"}})),
            "config: ratelimit.backend: redis needs redis.url; set redis.url (TARS_REDIS_URL) or "
            "use ratelimit.backend: memory (from TARS_RATELIMIT_BACKEND)");
  EXPECT_TRUE(loadEnv({{"TARS_RATELIMIT_BACKEND", "redis"}, {"TARS_REDIS_URL", "redis://c:6379/0"}})
                  .isOk());
}

TEST(ValidateTest, ProbePortMustDifferFromThePort) {
  EXPECT_THAT(errorOf(loadEnv({{"TARS_SERVER_PROBE_PORT", "8094"}})),
              StartsWith("config: server.probe_port: 8094 is the same as server.port"));
  EXPECT_TRUE(loadEnv({{"TARS_SERVER_PORT", "0"}, {"TARS_SERVER_PROBE_PORT", "0"}}).isOk());
}

TEST(ValidateTest, TlsRules) {
  EXPECT_THAT(errorOf(loadEnv({{"TARS_TLS_ENABLED", "true"}})),
              StartsWith("config: tls.server_cert: is required when tls.enabled is true"));
  EXPECT_THAT(errorOf(loadEnv({{"TARS_TLS_ENABLED", "true"}, {"TARS_TLS_SERVER_CERT", "/c.pem"}})),
              StartsWith("config: tls.server_key: is required when tls.enabled is true"));
  EXPECT_EQ(errorOf(loadEnv(
                {{"TARS_TLS_CIPHER_PROFILE", "modern"}, {"TARS_TLS_TLS_MIN_VERSION", "1.2"}})),
            "config: tls.tls_min_version: 1.2 is below 1.3, the minimum of cipher_profile modern "
            "(from TARS_TLS_TLS_MIN_VERSION)");
  EXPECT_THAT(errorOf(loadEnv({{"TARS_TLS_CLIENT_CERT_VALIDATION", "optional"}})),
              StartsWith("config: tls.client_ca_bundle: is required when client certificates "
                         "are verified (tls.client_cert_validation: optional)"));
  EXPECT_THAT(errorOf(loadEnv({{"TARS_TLS_REQUIRE_MTLS", "true"}})),
              HasSubstr("(tls.client_cert_validation: required) (from TARS_TLS_REQUIRE_MTLS)"));
  EXPECT_THAT(errorOf(loadEnv({{"TARS_TLS_VERIFY_CLIENT_SAN", "true"}})),
              StartsWith("config: tls.allowed_client_sans: is empty while "
                         "tls.verify_client_san is true"));
  EXPECT_THAT(errorOf(loadEnv({{"TARS_TLS_TLS_MIN_VERSION", "1.4"}})),
              StartsWith("config: tls.tls_min_version: '1.4' is not one of 1.0, 1.1, 1.2, 1.3"));
}

TEST(ValidateTest, OutboundClientCertificateNeedsItsKey) {
  EXPECT_EQ(errorOf(loadEnv({{"TARS_OUTBOUND_CLIENT_CERT", "/c.pem"}})),
            "config: outbound.client_key: is required when outbound.client_cert is set (from "
            "TARS_OUTBOUND_CLIENT_CERT)");
  EXPECT_TRUE(loadEnv({{"TARS_OUTBOUND_CLIENT_CERT", "/c.pem"},
                       {"TARS_OUTBOUND_CLIENT_KEY", "/k.pem"},
                       {"TARS_OUTBOUND_API_KEY", testing::kGoodApiKey}})
                  .isOk());
}

TEST(ValidateTest, JwksProvidersAreUniqueAndNotOurIssuer) {
  const std::string entry =
      "    - {name: %N, issuer: %I, audience: a, jwks_url: 'https://idp/jwks'}\n";
  auto provider = [&](const std::string& name, const std::string& issuer) {
    std::string e = entry;
    e.replace(e.find("%N"), 2, name);
    e.replace(e.find("%I"), 2, issuer);
    return e;
  };
  EXPECT_THAT(
      errorOf(loadYaml("auth:\n  jwks_providers:\n" + provider("a", "i1") + provider("a", "i2"))),
      StartsWith("config: auth.jwks_providers[1].name: 'a' is used twice"));
  EXPECT_THAT(
      errorOf(loadYaml("auth:\n  jwks_providers:\n" + provider("a", "i1") + provider("b", "i1"))),
      StartsWith("config: auth.jwks_providers[1].issuer: 'i1' is used twice"));
  EXPECT_THAT(errorOf(loadYaml("auth:\n  jwks_providers:\n" + provider("a", "tars-auth"))),
              StartsWith("config: auth.jwks_providers[0].issuer: 'tars-auth' is auth.jwt.issuer"));
}

TEST(ValidateTest, RefreshFamilyOutlivesItsTokens) {
  EXPECT_THAT(errorOf(loadYaml("auth:\n  jwt:\n    refresh_ttl_days: 10\n"
                               "    refresh_family_max_days: 5\n")),
              StartsWith("config: auth.jwt.refresh_family_max_days: 5 is shorter than "
                         "auth.jwt.refresh_ttl_days (10)"));
}

TEST(ValidateTest, TooManyDefaultScopes) {
  std::string scopes;
  for (int i = 0; i < 33; ++i)
    scopes += std::string(scopes.empty() ? "" : ",") + "tars:viewer";
  EXPECT_THAT(errorOf(loadEnv({{"TARS_AUTH_API_KEYS_DEFAULT_SCOPES", scopes}})),
              StartsWith("config: auth.api_keys.default_scopes: has 33 entries; at most 32"));
}

}  // namespace
}  // namespace tars::config
