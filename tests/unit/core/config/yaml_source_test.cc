#include "core/config/yaml_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace tars::config {
namespace {

using testing::errorOf;
using ::testing::HasSubstr;
using testing::loadYaml;
using ::testing::Not;
using ::testing::StartsWith;

// Applies `yaml` directly (no file), labelled "t.yaml".
Status apply(const std::string& yaml, Config& config) {
  Provenance provenance;
  return applyYamlText(configSchema(), yaml, "t.yaml", config, provenance);
}

TEST(YamlSourceTest, ReadsNestedKeysOfEverySection) {
  const std::string yaml = R"(
env: development
services: [auth, verifier]
data_dir: /srv/tars
server:
  host: 0.0.0.0
  port: 8443
  threads: 4
  behind_tls_proxy: true
  probe_port: 8095
  cors:
    allowed_origins: [https://app.example.com, "http://localhost:3000"]
    allow_credentials: true
  max_connections: 500
  idle_timeout_seconds: 30
  header_read_timeout_seconds: 5
  max_header_bytes: 8192
  shutdown_grace_seconds: 10
log: {level: warn, format: text}
store: {url: "postgresql://db/tars"}
redis: {url: "redis://:pw@cache:6379/0", command_timeout_ms: 50, connect_timeout_ms: 200, pool_size: 4}
ratelimit:
  backend: redis
  trusted_proxies: [10.0.0.0/8]
  failure_mode: closed
  memory: {max_keys: 1000}
  breaker: {failure_threshold: 3, open_seconds: 9}
  classes:
    auth: {limit: 5, window_seconds: 30, algorithm: gcra}
auth:
  demo_users: false
  jwt:
    secret: abc
    issuer: me
    audience: you
    access_ttl_minutes: 15
    refresh_ttl_days: 2
    refresh_family_max_days: 10
    leeway_seconds: 5
    algorithm: ES256
    keyring_refresh_seconds: 12
  password_hash_workers: 4
  revocation_poll_seconds: 2
  api_keys: {default_scopes: [verify:run], last_used_flush_seconds: 30, rotation_grace_seconds: 300}
  oauth: {audiences: [tars, cap]}
  jwks_providers:
    - name: idp-prod
      issuer: https://idp.example.com/
      audience: cap-verifier-prod
      jwks_url: https://idp.example.com/.well-known/jwks.json
      jwks_cache_ttl_sec: 120
    - name: idp2
      issuer: https://idp2.example.com/
      audience: a2
      jwks_url: https://idp2.example.com/jwks
metrics: {auth: open}
outbound: {ca_bundle: /ca.pem, client_cert: /c.pem, client_key: /k.pem, timeout_ms: 1000}
tls:
  enabled: true
  server_cert: /etc/tars/tls/tls.crt
  server_key: /etc/tars/tls/tls.key
  tls_min_version: "1.3"
  cipher_profile: modern
  client_cert_validation: optional
  client_ca_bundle: /etc/tars/tls-ca/ca.crt
  verify_client_san: true
  allowed_client_sans: ["*.cap-verifier.local"]
verifier:
  allow_embedded_ir: false
  cache: {size: 5000, ttl_seconds: 7200}
  signing_key_file: /keys/cap.pem
  limits: {max_rules: 10, max_array_elements: 20}
  lists: {max_rows: 30, max_bytes: 40}
)";
  auto loaded = loadYaml(yaml);
  ASSERT_TRUE(loaded.isOk()) << loaded.status().toString();
  const Config& c = **loaded;
  EXPECT_EQ(c.services, (std::set<Service>{Service::kAuth, Service::kVerifier}));
  EXPECT_EQ(c.server.host, "0.0.0.0");
  EXPECT_EQ(c.server.port, 8443);
  EXPECT_EQ(c.server.threads, 4);
  EXPECT_EQ(c.server.probe_port, 8095);
  EXPECT_EQ(c.server.cors.allowed_origins,
            (std::vector<std::string>{"https://app.example.com", "http://localhost:3000"}));
  EXPECT_TRUE(c.server.cors.allow_credentials);
  EXPECT_EQ(c.server.max_header_bytes, 8192);
  EXPECT_EQ(c.server.shutdown_grace_seconds, 10);
  EXPECT_EQ(c.log.level, LogLevel::kWarn);
  EXPECT_EQ(c.log.format, LogFormat::kText);
  EXPECT_EQ(c.store.backend, StoreBackend::kPostgres);
  EXPECT_EQ(c.redis.pool_size, 4);
  EXPECT_EQ(c.ratelimit.backend, RateLimitBackend::kRedis);
  EXPECT_EQ(c.ratelimit.failure_mode, RateLimitFailureMode::kClosed);
  EXPECT_EQ(c.ratelimit.breaker.open_seconds, 9);
  EXPECT_EQ(c.ratelimit.classes.at("auth").limit, 5);
  EXPECT_EQ(c.ratelimit.classes.at("auth").algorithm, RateLimitAlgorithm::kGcra);
  EXPECT_EQ(c.ratelimit.classes.at("default").limit, 300);  // untouched classes keep defaults
  EXPECT_FALSE(c.auth.demo_users);
  EXPECT_EQ(c.auth.jwt.algorithm, JwtAlgorithm::kEs256);
  EXPECT_EQ(c.auth.jwt.keyring_refresh_seconds, 12);
  EXPECT_EQ(c.auth.api_keys.rotation_grace_seconds, 300);
  EXPECT_EQ(c.auth.oauth.audiences, (std::vector<std::string>{"tars", "cap"}));
  ASSERT_EQ(c.auth.jwks_providers.size(), 2u);
  EXPECT_EQ(c.auth.jwks_providers[0].name, "idp-prod");
  EXPECT_EQ(c.auth.jwks_providers[0].jwks_cache_ttl_sec, 120);
  EXPECT_EQ(c.auth.jwks_providers[1].jwks_cache_ttl_sec, 600);
  EXPECT_EQ(c.metrics.auth, MetricsAuth::kOpen);
  EXPECT_EQ(c.outbound.timeout_ms, 1000);
  EXPECT_EQ(c.tls.tls_min_version, TlsVersion::kTls13);
  EXPECT_EQ(c.tls.allowed_client_sans, std::vector<std::string>{"*.cap-verifier.local"});
  EXPECT_FALSE(c.verifier.allow_embedded_ir);
  EXPECT_EQ(c.verifier.signing_key_file, "/keys/cap.pem");
  EXPECT_EQ(c.verifier.lists.max_bytes, 40);
}

TEST(YamlSourceTest, UnknownKeyNamesTheFullDottedPath) {
  EXPECT_THAT(errorOf(loadYaml("server:\n  prot: 8080\n")),
              StartsWith("config: unknown key 'server.prot' (in "));
  EXPECT_THAT(errorOf(loadYaml("server:\n  prot: 8080\n")), HasSubstr("line 2)"));
  EXPECT_THAT(errorOf(loadYaml("tls:\n  enable: true\n")), HasSubstr("unknown key 'tls.enable'"));
  EXPECT_THAT(errorOf(loadYaml("ratelimit:\n  classes:\n    publik: {limit: 3}\n")),
              HasSubstr("unknown key 'ratelimit.classes.publik'"));
  EXPECT_THAT(errorOf(loadYaml("ratelimit:\n  classes:\n    public: {limt: 3}\n")),
              HasSubstr("unknown key 'ratelimit.classes.public.limt'"));
  EXPECT_THAT(errorOf(loadYaml("orchestration:\n  x: 1\n")),
              HasSubstr("unknown key 'orchestration'"));
  EXPECT_THAT(errorOf(loadYaml("auth:\n  jwks_providers:\n    - {nam: x}\n")),
              HasSubstr("unknown key 'auth.jwks_providers[0].nam'"));
}

TEST(YamlSourceTest, TypeAndRangeErrorsNameKeyAndValue) {
  EXPECT_THAT(errorOf(loadYaml("server:\n  port: 70000\n")),
              StartsWith("config: server.port: 70000 is out of range 0..65535 (in "));
  EXPECT_THAT(errorOf(loadYaml("server:\n  port: [1, 2]\n")),
              StartsWith("config: server.port: expected a single value, got a list"));
  EXPECT_THAT(errorOf(loadYaml("server: 8080\n")),
              StartsWith("config: server: is a section and needs a map, got a value"));
  EXPECT_THAT(errorOf(loadYaml("server:\n  max_header_bytes: 12.5\n")),
              StartsWith("config: server.max_header_bytes: '12.5' is not an integer"));
  EXPECT_THAT(errorOf(loadYaml("tls:\n  cipher_profile: strong\n")),
              StartsWith("config: tls.cipher_profile: 'strong' is not one of modern, "
                         "intermediate, legacy"));
  EXPECT_THAT(errorOf(loadYaml("server:\n  cors:\n    allowed_origins: {a: b}\n")),
              StartsWith("config: server.cors.allowed_origins: expected a list, got a map"));
  EXPECT_THAT(errorOf(loadYaml("server:\n  cors:\n    allowed_origins: [https://a.com/path]\n")),
              StartsWith("config: server.cors.allowed_origins: 'https://a.com/path' is not an "
                         "origin"));
  EXPECT_THAT(errorOf(loadYaml("auth:\n  api_keys:\n    default_scopes: [tars:root]\n")),
              StartsWith("config: auth.api_keys.default_scopes: 'tars:root' is not a known scope"));
  EXPECT_THAT(errorOf(loadYaml("tls:\n  allowed_client_sans: ['a.*.local']\n")),
              StartsWith("config: tls.allowed_client_sans: 'a.*.local': '*' is allowed only as"));
  EXPECT_THAT(errorOf(loadYaml("ratelimit:\n  classes:\n    auth: {algorithm: token_bucket}\n")),
              StartsWith("config: ratelimit.classes.auth.algorithm: 'token_bucket' is not one of "
                         "sliding_window, gcra"));
}

TEST(YamlSourceTest, SecretTypeErrorsDoNotEchoTheValue) {
  std::string message = errorOf(loadYaml("auth:\n  jwt:\n    secret: [hunter2hunter2]\n"));
  EXPECT_THAT(message, StartsWith("config: auth.jwt.secret: expected a single value"));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
}

TEST(YamlSourceTest, NullLeavesTheDefaultAndListsAcceptCommaStrings) {
  Config config;
  ASSERT_TRUE(apply("server:\n  port:\n  host: ~\nredis:\n  url:\n", config).isOk());
  EXPECT_EQ(config.server.port, 8094);
  EXPECT_EQ(config.server.host, "127.0.0.1");
  ASSERT_TRUE(apply("ratelimit:\n  trusted_proxies: 10.0.0.1, 10.0.0.2\n", config).isOk());
  EXPECT_EQ(config.ratelimit.trusted_proxies, (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
  ASSERT_TRUE(apply("ratelimit:\n  trusted_proxies: []\n", config).isOk());
  EXPECT_TRUE(config.ratelimit.trusted_proxies.empty());
}

TEST(YamlSourceTest, DuplicateAndDottedKeysAreRefused) {
  Config config;
  EXPECT_THAT(apply("server:\n  port: 1\n  port: 2\n", config).message(),
              StartsWith("config: key 'server.port' is given twice"));
  EXPECT_THAT(apply("server.port: 1\n", config).message(),
              StartsWith("config: key 'server.port' contains a dot"));
}

TEST(YamlSourceTest, SyntaxErrorsAreStatusesNotExceptions) {
  Config config;
  Status status = apply("server:\n  port: [1, 2\n", config);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), StartsWith("config: t.yaml: YAML parse error at line"));
  Status top = apply("- a\n- b\n", config);
  EXPECT_EQ(top.message(), "config: t.yaml: the top level must be a map of keys");
}

TEST(YamlSourceTest, JwksProviderEntriesAreChecked) {
  EXPECT_THAT(errorOf(loadYaml("auth:\n  jwks_providers:\n    - name: a\n      issuer: i\n"
                               "      audience: x\n")),
              StartsWith("config: auth.jwks_providers[0].jwks_url: is required"));
  EXPECT_THAT(errorOf(loadYaml("auth:\n  jwks_providers:\n    - name: a\n      issuer: i\n"
                               "      audience: x\n      jwks_url: ftp://x/jwks\n")),
              StartsWith("config: auth.jwks_providers[0].jwks_url: 'ftp://x/jwks' is not an "
                         "http(s) URL"));
  EXPECT_THAT(errorOf(loadYaml("auth:\n  jwks_providers:\n    - name: a b\n")),
              StartsWith("config: auth.jwks_providers[0].name: 'a b' is not a name"));
  EXPECT_THAT(errorOf(loadYaml("auth:\n  jwks_providers: {name: a}\n")),
              StartsWith("config: auth.jwks_providers: expected a list, got a map"));
}

TEST(YamlSourceTest, ProvenanceRecordsTheFileLine) {
  Config config;
  Provenance provenance;
  ASSERT_TRUE(
      applyYamlText(configSchema(), "log:\n  level: debug\n", "f.yaml", config, provenance).isOk());
  EXPECT_TRUE(provenance.isSet("log.level"));
  EXPECT_FALSE(provenance.isSet("log.format"));
  EXPECT_EQ(provenance.suffix("log.level"), " (in f.yaml line 2)");
}

}  // namespace
}  // namespace tars::config
