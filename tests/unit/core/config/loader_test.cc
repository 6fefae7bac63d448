#include "core/config/loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "config_test_util.h"

namespace tars::config {
namespace {

using testing::Env;
using testing::errorOf;
using ::testing::HasSubstr;
using testing::loadEnv;
using testing::loadYaml;
using testing::TempDir;

TEST(LoaderTest, DefaultsWithoutAnySource) {
  auto config = loadConfig(LoadOptions{});
  ASSERT_TRUE(config.isOk()) << config.status().toString();
  const Config& c = **config;
  EXPECT_EQ(c.env, Environment::kDevelopment);
  EXPECT_EQ(c.server.host, "127.0.0.1");
  EXPECT_EQ(c.server.port, 8094);
  EXPECT_FALSE(c.server.behind_tls_proxy);
  EXPECT_FALSE(c.server.probe_port.has_value());
  EXPECT_TRUE(c.server.cors.allowed_origins.empty());
  EXPECT_FALSE(c.server.cors.allow_credentials);
  EXPECT_EQ(c.server.max_connections, 10000);
  EXPECT_EQ(c.server.idle_timeout_seconds, 60);
  EXPECT_EQ(c.server.header_read_timeout_seconds, 10);
  EXPECT_EQ(c.server.max_header_bytes, 16384);
  EXPECT_EQ(c.server.shutdown_grace_seconds, 25);
  EXPECT_EQ(c.log.level, LogLevel::kInfo);
  EXPECT_EQ(c.log.format, LogFormat::kJson);
  EXPECT_EQ(c.services, allServices());
  EXPECT_TRUE(servesAllGroups(c));
  EXPECT_EQ(c.data_dir, "./tars-data");
  EXPECT_EQ(c.store.url, "sqlite://./tars-data/tars.db");
  EXPECT_EQ(c.store.backend, StoreBackend::kSqlite);
  EXPECT_FALSE(c.redis.url.has_value());
  EXPECT_EQ(c.redis.command_timeout_ms, 25);
  EXPECT_EQ(c.redis.connect_timeout_ms, 100);
  EXPECT_EQ(c.redis.pool_size, 8);
  EXPECT_EQ(c.ratelimit.backend, RateLimitBackend::kMemory);
  EXPECT_EQ(c.ratelimit.failure_mode, RateLimitFailureMode::kLocal);
  EXPECT_EQ(c.ratelimit.memory.max_keys, 100000);
  EXPECT_EQ(c.ratelimit.breaker.failure_threshold, 5);
  EXPECT_EQ(c.ratelimit.breaker.open_seconds, 5);
  EXPECT_TRUE(c.auth.demo_users);
  EXPECT_FALSE(c.auth.jwt.secret.has_value());
  EXPECT_EQ(c.auth.jwt.issuer, "tars-auth");
  EXPECT_EQ(c.auth.jwt.audience, "tars");
  EXPECT_EQ(c.auth.jwt.access_ttl_minutes, 60);
  EXPECT_EQ(c.auth.jwt.refresh_ttl_days, 7);
  EXPECT_EQ(c.auth.jwt.refresh_family_max_days, 30);
  EXPECT_EQ(c.auth.jwt.leeway_seconds, 30);
  EXPECT_EQ(c.auth.jwt.algorithm, JwtAlgorithm::kHs256);
  EXPECT_EQ(c.auth.jwt.keyring_refresh_seconds, 30);
  EXPECT_EQ(c.auth.password_hash_workers, 2);
  EXPECT_EQ(c.auth.revocation_poll_seconds, 5);
  EXPECT_EQ(c.auth.api_keys.default_scopes, std::vector<std::string>{"tars:viewer"});
  EXPECT_EQ(c.auth.api_keys.last_used_flush_seconds, 60);
  EXPECT_EQ(c.auth.api_keys.rotation_grace_seconds, 0);
  EXPECT_EQ(c.auth.oauth.audiences, std::vector<std::string>{"tars"});
  EXPECT_TRUE(c.auth.jwks_providers.empty());
  EXPECT_EQ(c.metrics.auth, MetricsAuth::kAuto);
  EXPECT_EQ(c.outbound.timeout_ms, 5000);
  EXPECT_FALSE(c.tls.enabled);
  EXPECT_EQ(c.tls.cipher_profile, CipherProfile::kIntermediate);
  EXPECT_EQ(c.tls.client_cert_validation, ClientCertValidation::kNone);
  EXPECT_FALSE(c.tls.tls_min_version.has_value());
  EXPECT_TRUE(c.verifier.allow_embedded_ir);
  EXPECT_EQ(c.verifier.cache.size, 1000);
  EXPECT_EQ(c.verifier.cache.ttl_seconds, 3600);
  EXPECT_EQ(c.verifier.signing_key_file, "./tars-data/cap/signing_key.pem");
  EXPECT_EQ(c.verifier.limits.max_rules, 1000);
  EXPECT_EQ(c.verifier.limits.max_array_elements, 50000);
  EXPECT_EQ(c.verifier.lists.max_rows, 100000);
  EXPECT_EQ(c.verifier.lists.max_bytes, 8388608);
}

TEST(LoaderTest, RateLimitClassDefaultsAreTheSpecTable) {
  auto config = loadConfig(LoadOptions{});
  ASSERT_TRUE(config.isOk());
  const auto& classes = (*config)->ratelimit.classes;
  struct Expected {
    const char* name;
    int limit;
    int window;
  };
  for (const Expected& e :
       {Expected{"auth", 10, 60}, Expected{"login_user", 10, 300}, Expected{"public", 30, 60},
        Expected{"default", 300, 60}, Expected{"internal", 1000, 60}, Expected{"sensitive", 10, 60},
        Expected{"static", 600, 60}}) {
    auto it = classes.find(e.name);
    ASSERT_NE(it, classes.end()) << e.name;
    EXPECT_EQ(it->second.limit, e.limit) << e.name;
    EXPECT_EQ(it->second.window_seconds, e.window) << e.name;
    EXPECT_EQ(it->second.algorithm, RateLimitAlgorithm::kSlidingWindow) << e.name;
  }
  EXPECT_EQ(classes.size(), 7u);
}

TEST(LoaderTest, EnvironmentWinsOverFileAndFlagWinsOverEnvironment) {
  TempDir dir;
  LoadOptions options;
  options.config_file = dir.write("tars.yaml",
                                  "server:\n  port: 9000\n  host: 0.0.0.0\n"
                                  "services: auth\ndata_dir: /from/file\nlog:\n  level: debug\n");
  options.environment = {
      {"TARS_SERVER_PORT", "9100"}, {"TARS_SERVICES", "verifier"}, {"TARS_DATA_DIR", "/from/env"}};
  // File only for host and log.level; env over file for the three flag keys.
  auto from_env = loadConfig(options);
  ASSERT_TRUE(from_env.isOk()) << from_env.status().toString();
  EXPECT_EQ((*from_env)->server.host, "0.0.0.0");
  EXPECT_EQ((*from_env)->log.level, LogLevel::kDebug);
  EXPECT_EQ((*from_env)->server.port, 9100);
  EXPECT_EQ((*from_env)->services, std::set<Service>{Service::kVerifier});
  EXPECT_EQ((*from_env)->data_dir, "/from/env");

  options.port = 9200;
  options.services = "automl,hypersync";
  options.data_dir = "/from/flag";
  auto from_flags = loadConfig(options);
  ASSERT_TRUE(from_flags.isOk()) << from_flags.status().toString();
  EXPECT_EQ((*from_flags)->server.port, 9200);
  EXPECT_EQ((*from_flags)->services, (std::set<Service>{Service::kAutoml, Service::kHypersync}));
  EXPECT_EQ((*from_flags)->data_dir, "/from/flag");
}

TEST(LoaderTest, FlagErrorsNameTheFlag) {
  LoadOptions options;
  options.port = 70000;
  EXPECT_EQ(errorOf(loadConfig(options)),
            "config: server.port: 70000 is out of range 0..65535 (from --port)");
  options.port.reset();
  options.services = "auth,autml";
  EXPECT_THAT(errorOf(loadConfig(options)),
              HasSubstr("config: services: 'autml' is not a service"));
  EXPECT_THAT(errorOf(loadConfig(options)), HasSubstr("(from --services)"));
  options.services.reset();
  options.data_dir = "";
  EXPECT_EQ(errorOf(loadConfig(options)), "config: data_dir: must not be empty (from --data-dir)");
}

TEST(LoaderTest, StoreUrlDefaultFollowsTheFinalDataDir) {
  auto from_yaml = loadYaml("data_dir: /var/lib/tars\n");
  ASSERT_TRUE(from_yaml.isOk());
  EXPECT_EQ((*from_yaml)->store.url, "sqlite:///var/lib/tars/tars.db");

  // The env data_dir wins over the file's, and the default store follows it.
  auto from_env = loadYaml("data_dir: /var/lib/tars\n", {{"TARS_DATA_DIR", "/srv/tars/"}});
  ASSERT_TRUE(from_env.isOk());
  EXPECT_EQ((*from_env)->store.url, "sqlite:///srv/tars/tars.db");
  EXPECT_EQ((*from_env)->verifier.signing_key_file, "/srv/tars/cap/signing_key.pem");

  LoadOptions options;
  options.environment = {{"TARS_DATA_DIR", "/srv/tars"}};
  options.data_dir = "/flag/dir";
  auto from_flag = loadConfig(options);
  ASSERT_TRUE(from_flag.isOk());
  EXPECT_EQ((*from_flag)->store.url, "sqlite:///flag/dir/tars.db");
}

TEST(LoaderTest, ExplicitStoreUrlIsKept) {
  auto config =
      loadEnv({{"TARS_STORE_URL", "postgresql://tars:pw@db:5432/tars"}, {"TARS_DATA_DIR", "/x"}});
  ASSERT_TRUE(config.isOk()) << config.status().toString();
  EXPECT_EQ((*config)->store.url, "postgresql://tars:pw@db:5432/tars");
  EXPECT_EQ((*config)->store.backend, StoreBackend::kPostgres);
  auto short_scheme = loadEnv({{"TARS_STORE_URL", "postgres://db/tars"}});
  ASSERT_TRUE(short_scheme.isOk());
  EXPECT_EQ((*short_scheme)->store.backend, StoreBackend::kPostgres);
  auto sqlite = loadEnv({{"TARS_STORE_URL", "sqlite:///tmp/other.db"}});
  ASSERT_TRUE(sqlite.isOk());
  EXPECT_EQ((*sqlite)->store.backend, StoreBackend::kSqlite);
}

TEST(LoaderTest, StoreUrlErrorsNeverShowThePassword) {
  std::string message = errorOf(loadEnv({{"TARS_STORE_URL", "mysql://root:hunter2@db/tars"}}));
  EXPECT_THAT(message, HasSubstr("config: store.url:"));
  EXPECT_THAT(message, HasSubstr("mysql://root:***@db/tars"));
  EXPECT_THAT(message, HasSubstr("(from TARS_STORE_URL)"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("hunter2")));
  std::string dsn = errorOf(loadEnv({{"TARS_STORE_URL", "host=db password=hunter2"}}));
  EXPECT_THAT(dsn, ::testing::Not(HasSubstr("hunter2")));
  std::string redis = errorOf(loadEnv({{"TARS_REDIS_URL", "http://:hunter2@cache:6379"}}));
  EXPECT_THAT(redis, HasSubstr("config: redis.url:"));
  EXPECT_THAT(redis, ::testing::Not(HasSubstr("hunter2")));
}

TEST(LoaderTest, ServicesParsing) {
  auto all = loadEnv({{"TARS_SERVICES", "all"}});
  ASSERT_TRUE(all.isOk());
  EXPECT_EQ((*all)->services, allServices());
  auto list = loadEnv({{"TARS_SERVICES", " auth , verifier "}});
  ASSERT_TRUE(list.isOk());
  EXPECT_EQ((*list)->services, (std::set<Service>{Service::kAuth, Service::kVerifier}));
  EXPECT_FALSE(servesAllGroups(**list));
  auto six = loadEnv({{"TARS_SERVICES", "auth,orchestration,automl,hypersync,dashboard,verifier"}});
  ASSERT_TRUE(six.isOk());
  EXPECT_TRUE(servesAllGroups(**six));
  auto yaml_list = loadYaml("services: [dashboard, automl]\n");
  ASSERT_TRUE(yaml_list.isOk());
  EXPECT_EQ((*yaml_list)->services, (std::set<Service>{Service::kDashboard, Service::kAutoml}));

  EXPECT_EQ(errorOf(loadEnv({{"TARS_SERVICES", "auth,billing"}})),
            "config: services: 'billing' is not a service; use all or a comma list of auth, "
            "orchestration, automl, hypersync, dashboard, verifier (from TARS_SERVICES)");
  EXPECT_THAT(errorOf(loadEnv({{"TARS_SERVICES", "all,auth"}})),
              HasSubstr("all cannot be combined"));
  EXPECT_THAT(errorOf(loadYaml("services: []\n")), HasSubstr("config: services: names no service"));
}

TEST(LoaderTest, ThreadsZeroResolvesToTheCoreCount) {
  auto config = loadEnv({{"TARS_SERVER_THREADS", "0"}});
  ASSERT_TRUE(config.isOk());
  unsigned cores = std::thread::hardware_concurrency();
  EXPECT_EQ((*config)->server.threads, static_cast<int>(cores == 0 ? 1 : cores));
  EXPECT_GE((*config)->server.threads, 1);
  auto defaulted = loadConfig(LoadOptions{});
  ASSERT_TRUE(defaulted.isOk());
  EXPECT_EQ((*defaulted)->server.threads, (*config)->server.threads);
  auto explicit_threads = loadEnv({{"TARS_SERVER_THREADS", "3"}});
  ASSERT_TRUE(explicit_threads.isOk());
  EXPECT_EQ((*explicit_threads)->server.threads, 3);
}

TEST(LoaderTest, DemoUsersFollowTheModeUnlessSet) {
  auto dev = loadEnv({});
  ASSERT_TRUE(dev.isOk());
  EXPECT_TRUE((*dev)->auth.demo_users);
  auto dev_off = loadEnv({{"TARS_DEMO_USERS", "no"}});
  ASSERT_TRUE(dev_off.isOk());
  EXPECT_FALSE((*dev_off)->auth.demo_users);
  auto prod = loadEnv(testing::productionEnv());
  ASSERT_TRUE(prod.isOk()) << prod.status().toString();
  EXPECT_FALSE((*prod)->auth.demo_users);
}

TEST(LoaderTest, OauthAudiencesDefaultToTheJwtAudience) {
  auto config = loadYaml("auth:\n  jwt:\n    audience: cap\n");
  ASSERT_TRUE(config.isOk());
  EXPECT_EQ((*config)->auth.oauth.audiences, std::vector<std::string>{"cap"});
  auto listed = loadYaml("auth:\n  oauth:\n    audiences: [tars, cap-verifier]\n");
  ASSERT_TRUE(listed.isOk());
  EXPECT_EQ((*listed)->auth.oauth.audiences, (std::vector<std::string>{"tars", "cap-verifier"}));
}

TEST(LoaderTest, RequireMtlsForcesRequiredValidation) {
  auto config = loadEnv({{"TARS_TLS_REQUIRE_MTLS", "true"},
                         {"TARS_TLS_CLIENT_CA_BUNDLE", "/ca.pem"},
                         {"TARS_TLS_CLIENT_CERT_VALIDATION", "optional"}});
  ASSERT_TRUE(config.isOk()) << config.status().toString();
  EXPECT_EQ((*config)->tls.client_cert_validation, ClientCertValidation::kRequired);
}

TEST(LoaderTest, MissingConfigFileIsAnError) {
  LoadOptions options;
  options.config_file = "/nonexistent/tars.yaml";
  EXPECT_THAT(errorOf(loadConfig(options)),
              HasSubstr("config: cannot read config file '/nonexistent/tars.yaml'"));
  TempDir dir;
  options.config_file = dir.path().string();
  EXPECT_THAT(errorOf(loadConfig(options)), HasSubstr("it is a directory"));
}

TEST(LoaderTest, EmptyConfigFileMeansDefaults) {
  auto config = loadYaml("");
  ASSERT_TRUE(config.isOk()) << config.status().toString();
  EXPECT_EQ((*config)->server.port, 8094);
  auto comments = loadYaml("# nothing here\n");
  ASSERT_TRUE(comments.isOk());
}

}  // namespace
}  // namespace tars::config
