#include "core/config/env_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace tars::config {
namespace {

using testing::errorOf;
using ::testing::HasSubstr;
using testing::loadEnv;
using ::testing::Not;

TEST(EnvSourceTest, UnknownTarsVariableIsAnErrorNamingIt) {
  EXPECT_EQ(errorOf(loadEnv({{"TARS_SERVER_PROT", "8080"}})),
            "config: unknown environment variable 'TARS_SERVER_PROT' (docs/CONFIG.md lists the "
            "TARS_* names)");
  // Even with an empty value: a typo is a typo.
  EXPECT_THAT(errorOf(loadEnv({{"TARS_LOG_LEVL", ""}})), HasSubstr("'TARS_LOG_LEVL'"));
  // Sections are not keys.
  EXPECT_THAT(errorOf(loadEnv({{"TARS_SERVER", "x"}})), HasSubstr("'TARS_SERVER'"));
  // Record lists have no environment form.
  EXPECT_THAT(errorOf(loadEnv({{"TARS_AUTH_JWKS_PROVIDERS", "x"}})),
              HasSubstr("'TARS_AUTH_JWKS_PROVIDERS'"));
}

TEST(EnvSourceTest, TarstestAndForeignVariablesAreIgnored) {
  auto config = loadEnv({{"TARSTEST_BINARY", "/bin/tars"},
                         {"TARSTEST_SOURCE_DIR", "/src"},
                         {"PATH", "/usr/bin"},
                         {"TARS", "x"},
                         {"HOME", "/root"}});
  ASSERT_TRUE(config.isOk()) << config.status().toString();
}

TEST(EnvSourceTest, EmptyValueCountsAsUnset) {
  auto config = loadEnv({{"TARS_SERVER_PORT", ""}, {"TARS_REDIS_URL", ""}});
  ASSERT_TRUE(config.isOk()) << config.status().toString();
  EXPECT_EQ((*config)->server.port, 8094);
  EXPECT_FALSE((*config)->redis.url.has_value());
}

struct ShortName {
  const char* variable;
  const char* value;
  std::function<bool(const Config&)> applied;
};

// Every short name of ARCHITECTURE.md "Config keys" reaches its key.
TEST(EnvSourceTest, EachShortNameSetsItsKey) {
  const std::vector<ShortName> cases = {
      {"TARS_ENV", "production", [](const Config& c) { return c.env == Environment::kProduction; }},
      {"TARS_SERVER_HOST", "0.0.0.0", [](const Config& c) { return c.server.host == "0.0.0.0"; }},
      {"TARS_SERVER_PORT", "9999", [](const Config& c) { return c.server.port == 9999; }},
      {"TARS_SERVER_THREADS", "7", [](const Config& c) { return c.server.threads == 7; }},
      {"TARS_BEHIND_TLS_PROXY", "yes", [](const Config& c) { return c.server.behind_tls_proxy; }},
      {"TARS_SERVER_PROBE_PORT", "8095",
       [](const Config& c) { return c.server.probe_port == 8095; }},
      {"TARS_SERVER_SHUTDOWN_GRACE_SECONDS", "40",
       [](const Config& c) { return c.server.shutdown_grace_seconds == 40; }},
      {"TARS_LOG_LEVEL", "warn", [](const Config& c) { return c.log.level == LogLevel::kWarn; }},
      {"TARS_LOG_FORMAT", "text", [](const Config& c) { return c.log.format == LogFormat::kText; }},
      {"TARS_SERVICES", "verifier",
       [](const Config& c) { return c.services == std::set<Service>{Service::kVerifier}; }},
      {"TARS_DATA_DIR", "/d", [](const Config& c) { return c.data_dir == "/d"; }},
      {"TARS_STORE_URL", "postgresql://db/t",
       [](const Config& c) { return c.store.url == "postgresql://db/t"; }},
      {"TARS_REDIS_URL", "redis://cache:6379/0",
       [](const Config& c) { return c.redis.url == "redis://cache:6379/0"; }},
      {"TARS_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.1",
       [](const Config& c) {
         return c.ratelimit.trusted_proxies ==
                std::vector<std::string>{"10.0.0.0/8", "192.168.1.1"};
       }},
      {"TARS_JWT_SECRET", "s3cret", [](const Config& c) { return c.auth.jwt.secret == "s3cret"; }},
      {"TARS_DEMO_USERS", "FALSE", [](const Config& c) { return !c.auth.demo_users; }},
      {"TARS_TLS_ENABLED", "1", [](const Config& c) { return c.tls.enabled; }},
      {"TARS_TLS_SERVER_CERT", "/c.pem",
       [](const Config& c) { return c.tls.server_cert == "/c.pem"; }},
      {"TARS_TLS_SERVER_KEY", "/k.pem",
       [](const Config& c) { return c.tls.server_key == "/k.pem"; }},
      {"TARS_TLS_TLS_MIN_VERSION", "1.3",
       [](const Config& c) { return c.tls.tls_min_version == TlsVersion::kTls13; }},
      {"TARS_TLS_CIPHER_PROFILE", "modern",
       [](const Config& c) { return c.tls.cipher_profile == CipherProfile::kModern; }},
      {"TARS_TLS_CLIENT_CA_BUNDLE", "/ca.pem",
       [](const Config& c) { return c.tls.client_ca_bundle == "/ca.pem"; }},
      {"TARS_TLS_CLIENT_CERT_VALIDATION", "optional",
       [](const Config& c) {
         return c.tls.client_cert_validation == ClientCertValidation::kOptional;
       }},
      {"TARS_TLS_REQUIRE_MTLS", "true", [](const Config& c) { return c.tls.require_mtls; }},
      {"TARS_TLS_VERIFY_CLIENT_SAN", "true",
       [](const Config& c) { return c.tls.verify_client_san; }},
      {"TARS_TLS_ALLOWED_CLIENT_SANS", "*.svc.local,a.b",
       [](const Config& c) {
         return c.tls.allowed_client_sans == std::vector<std::string>{"*.svc.local", "a.b"};
       }},
      {"TARS_OUTBOUND_API_KEY", testing::kGoodApiKey.c_str(),
       [](const Config& c) { return c.outbound.api_key == testing::kGoodApiKey; }},
  };
  for (const ShortName& test : cases) {
    // Fill in what each value needs so that only the variable under test matters.
    testing::Env env = {{test.variable, test.value}};
    std::string name = test.variable;
    if (name == "TARS_ENV")
      env = testing::productionEnv();
    if (name.rfind("TARS_TLS_", 0) == 0) {
      env.emplace("TARS_TLS_CLIENT_CA_BUNDLE", "/ca.pem");
      env.emplace("TARS_TLS_ALLOWED_CLIENT_SANS", "x.local");
      env.emplace("TARS_TLS_SERVER_CERT", "/c.pem");
      env.emplace("TARS_TLS_SERVER_KEY", "/k.pem");
    }
    auto config = loadEnv(env);
    ASSERT_TRUE(config.isOk()) << name << ": " << config.status().toString();
    EXPECT_TRUE(test.applied(**config)) << name;
  }
}

TEST(EnvSourceTest, ShortNameWinsOverTheDerivedName) {
  auto config = loadEnv({{"TARS_AUTH_JWT_SECRET", "derived"},
                         {"TARS_JWT_SECRET", "short"},
                         {"TARS_AUTH_DEMO_USERS", "true"},
                         {"TARS_DEMO_USERS", "false"},
                         {"TARS_SERVER_BEHIND_TLS_PROXY", "false"},
                         {"TARS_BEHIND_TLS_PROXY", "true"},
                         {"TARS_RATELIMIT_TRUSTED_PROXIES", "10.0.0.1"},
                         {"TARS_TRUSTED_PROXIES", "10.0.0.2"}});
  ASSERT_TRUE(config.isOk()) << config.status().toString();
  EXPECT_EQ((*config)->auth.jwt.secret, "short");
  EXPECT_FALSE((*config)->auth.demo_users);
  EXPECT_TRUE((*config)->server.behind_tls_proxy);
  EXPECT_EQ((*config)->ratelimit.trusted_proxies, std::vector<std::string>{"10.0.0.2"});
}

TEST(EnvSourceTest, DerivedNamesWorkForEveryKey) {
  auto config =
      loadEnv({{"TARS_AUTH_JWT_SECRET", "derived"},
               {"TARS_RATELIMIT_CLASSES_LOGIN_USER_LIMIT", "4"},
               {"TARS_RATELIMIT_CLASSES_PUBLIC_ALGORITHM", "gcra"},
               {"TARS_SERVER_CORS_ALLOWED_ORIGINS", "https://a.example,https://b.example"},
               {"TARS_VERIFIER_CACHE_SIZE", "0"},
               {"TARS_AUTH_API_KEYS_DEFAULT_SCOPES", "tars:developer,metrics:read"},
               {"TARS_METRICS_AUTH", "required"}});
  ASSERT_TRUE(config.isOk()) << config.status().toString();
  const Config& c = **config;
  EXPECT_EQ(c.auth.jwt.secret, "derived");
  EXPECT_EQ(c.ratelimit.classes.at("login_user").limit, 4);
  EXPECT_EQ(c.ratelimit.classes.at("public").algorithm, RateLimitAlgorithm::kGcra);
  EXPECT_EQ(c.server.cors.allowed_origins,
            (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_EQ(c.verifier.cache.size, 0);
  EXPECT_EQ(c.auth.api_keys.default_scopes,
            (std::vector<std::string>{"tars:developer", "metrics:read"}));
  EXPECT_EQ(c.metrics.auth, MetricsAuth::kRequired);
}

TEST(EnvSourceTest, BooleansAcceptTheSixSpellingsCaseInsensitively) {
  for (const char* yes : {"true", "TRUE", "1", "yes", "Yes"}) {
    auto config = loadEnv({{"TARS_BEHIND_TLS_PROXY", yes}});
    ASSERT_TRUE(config.isOk()) << yes;
    EXPECT_TRUE((*config)->server.behind_tls_proxy) << yes;
  }
  for (const char* no : {"false", "False", "0", "no", "NO"}) {
    auto config = loadEnv({{"TARS_BEHIND_TLS_PROXY", no}});
    ASSERT_TRUE(config.isOk()) << no;
    EXPECT_FALSE((*config)->server.behind_tls_proxy) << no;
  }
  EXPECT_EQ(errorOf(loadEnv({{"TARS_BEHIND_TLS_PROXY", "maybe"}})),
            "config: server.behind_tls_proxy: 'maybe' is not a boolean (use true, false, 1, 0, "
            "yes or no) (from TARS_BEHIND_TLS_PROXY)");
}

TEST(EnvSourceTest, TypeAndRangeErrorsNameKeyValueAndVariable) {
  EXPECT_EQ(errorOf(loadEnv({{"TARS_SERVER_PORT", "70000"}})),
            "config: server.port: 70000 is out of range 0..65535 (from TARS_SERVER_PORT)");
  EXPECT_EQ(errorOf(loadEnv({{"TARS_SERVER_PORT", "http"}})),
            "config: server.port: 'http' is not an integer (from TARS_SERVER_PORT)");
  EXPECT_EQ(errorOf(loadEnv({{"TARS_LOG_LEVEL", "loud"}})),
            "config: log.level: 'loud' is not one of trace, debug, info, warn, error (from "
            "TARS_LOG_LEVEL)");
  EXPECT_EQ(errorOf(loadEnv({{"TARS_TRUSTED_PROXIES", "10.0.0.0/8,10.1.2.300"}})),
            "config: ratelimit.trusted_proxies: '10.1.2.300' is not an IP address or CIDR (from "
            "TARS_TRUSTED_PROXIES)");
  EXPECT_THAT(errorOf(loadEnv({{"TARS_TRUSTED_PROXIES", "10.0.0.0/33"}})),
              HasSubstr("'10.0.0.0/33' has an invalid prefix length (0..32)"));
  auto v6 = loadEnv({{"TARS_TRUSTED_PROXIES", "fd00::/8,::1"}});
  EXPECT_TRUE(v6.isOk()) << v6.status().toString();
}

TEST(EnvSourceTest, SecretsAreNeverEchoed) {
  const std::string bad_key = "tars_NOTBASE32!!_hunter2hunter2hunter2hunter2hunter2hunter2hunt";
  std::string message = errorOf(loadEnv({{"TARS_OUTBOUND_API_KEY", bad_key}}));
  EXPECT_THAT(message, HasSubstr("config: outbound.api_key: is not a tars API key"));
  EXPECT_THAT(message, HasSubstr("(from TARS_OUTBOUND_API_KEY)"));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
  EXPECT_THAT(message, Not(HasSubstr("NOTBASE32")));
}

}  // namespace
}  // namespace tars::config
