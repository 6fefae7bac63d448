#include "core/config/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace tars::config {
namespace {

TEST(SchemaTest, EnvironmentNamesAreDerivedAndUnique) {
  std::set<std::string> names;
  for (const KeySpec& spec : configSchema().keys()) {
    if (spec.shape == Shape::kRecords) {
      EXPECT_TRUE(spec.env_names.empty()) << spec.path;
      continue;
    }
    ASSERT_FALSE(spec.env_names.empty()) << spec.path;
    EXPECT_EQ(spec.env_names.front(), deriveEnvName(spec.path));
    for (const std::string& name : spec.env_names)
      EXPECT_TRUE(names.insert(name).second) << "two keys share " << name;
  }
  EXPECT_EQ(deriveEnvName("ratelimit.classes.login_user.limit"),
            "TARS_RATELIMIT_CLASSES_LOGIN_USER_LIMIT");
}

TEST(SchemaTest, ShortNamesOfTheArchitectureTable) {
  const Schema& schema = configSchema();
  auto key_of = [&](const char* env) {
    const KeySpec* spec = schema.findByEnv(env);
    return spec ? spec->path : std::string("(none)");
  };
  EXPECT_EQ(key_of("TARS_BEHIND_TLS_PROXY"), "server.behind_tls_proxy");
  EXPECT_EQ(key_of("TARS_TRUSTED_PROXIES"), "ratelimit.trusted_proxies");
  EXPECT_EQ(key_of("TARS_JWT_SECRET"), "auth.jwt.secret");
  EXPECT_EQ(key_of("TARS_DEMO_USERS"), "auth.demo_users");
  EXPECT_EQ(key_of("TARS_OUTBOUND_API_KEY"), "outbound.api_key");
  EXPECT_EQ(key_of("TARS_ENV"), "env");
  EXPECT_EQ(key_of("TARS_TLS_REQUIRE_MTLS"), "tls.require_mtls");
}

TEST(SchemaTest, SecretsAreMarked) {
  const Schema& schema = configSchema();
  EXPECT_TRUE(schema.find("auth.jwt.secret")->secret);
  EXPECT_TRUE(schema.find("outbound.api_key")->secret);
  EXPECT_FALSE(schema.find("server.port")->secret);
}

TEST(SchemaTest, SectionsAreRecognised) {
  const Schema& schema = configSchema();
  EXPECT_TRUE(schema.isSection("server"));
  EXPECT_TRUE(schema.isSection("ratelimit.classes"));
  EXPECT_TRUE(schema.isSection("ratelimit.classes.auth"));
  EXPECT_FALSE(schema.isSection("server.port"));
  EXPECT_FALSE(schema.isSection("serv"));
}

// docs/CONFIG.md is the reference of every key: a key or env name missing there fails here.
TEST(SchemaTest, EveryKeyAndEnvironmentNameIsDocumented) {
  std::ifstream in(std::string(TARS_SOURCE_DIR) + "/docs/CONFIG.md");
  ASSERT_TRUE(in.good()) << "docs/CONFIG.md not found";
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  for (const KeySpec& spec : configSchema().keys()) {
    std::string path = spec.path;
    // Class keys are documented once as ratelimit.classes.<name>.* plus the class table.
    if (path.rfind("ratelimit.classes.", 0) == 0)
      continue;
    EXPECT_NE(doc.find("`" + path + "`"), std::string::npos) << path << " is not documented";
    for (const std::string& env : spec.env_names) {
      EXPECT_NE(doc.find("`" + env + "`"), std::string::npos) << env << " is not documented";
    }
  }
}

}  // namespace
}  // namespace tars::config
