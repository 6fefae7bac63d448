#include "core/config/legacy_env.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace tars::config {
namespace {

using ::testing::ElementsAre;
using testing::errorOf;
using ::testing::HasSubstr;
using testing::loadEnv;

TEST(LegacyEnvTest, EnvironmentProductionFailsClosedWhileNotProduction) {
  for (const char* value : {"production", "PRODUCTION", "Production"}) {
    std::string message = errorOf(loadEnv({{"ENVIRONMENT", value}}));
    EXPECT_THAT(message, HasSubstr("ENVIRONMENT="));
    EXPECT_THAT(message, HasSubstr("set TARS_ENV=production")) << value;
  }
  // Agreeing or harmless values load.
  auto both = loadEnv({{"ENVIRONMENT", "production"},
                       {"TARS_ENV", "production"},
                       {"TARS_JWT_SECRET", testing::kGoodSecret},
                       {"TARS_BEHIND_TLS_PROXY", "true"}});
  EXPECT_TRUE(both.isOk()) << both.status().toString();
  EXPECT_TRUE(loadEnv({{"ENVIRONMENT", "development"}}).isOk());
  EXPECT_TRUE(loadEnv({{"ENVIRONMENT", "staging"}}).isOk());
}

TEST(LegacyEnvTest, DemoUsersDisabledFailsClosedWhileDemoUsersAreOn) {
  for (const char* value : {"false", "FALSE", "0", "no", "No"}) {
    std::string message = errorOf(loadEnv({{"DEMO_USERS_ENABLED", value}}));
    EXPECT_THAT(message, HasSubstr("set TARS_DEMO_USERS=false")) << value;
  }
  EXPECT_TRUE(loadEnv({{"DEMO_USERS_ENABLED", "false"}, {"TARS_DEMO_USERS", "false"}}).isOk());
  EXPECT_TRUE(loadEnv({{"DEMO_USERS_ENABLED", "true"}}).isOk());
}

TEST(LegacyEnvTest, ContradictionCheckIsCallableOnItsOwn) {
  Config config;
  config.env = Environment::kProduction;
  config.auth.demo_users = false;
  EXPECT_TRUE(checkLegacyContradictions(
                  config, {{"ENVIRONMENT", "production"}, {"DEMO_USERS_ENABLED", "0"}})
                  .isOk());
  config.env = Environment::kDevelopment;
  EXPECT_FALSE(checkLegacyContradictions(config, {{"ENVIRONMENT", "production"}}).isOk());
}

TEST(LegacyEnvTest, ListsTheOriginalsVariablesByNameOnly) {
  std::map<std::string, std::string> env = {{"JWT_SECRET", "x"},        {"REDIS_PASSWORD", "pw"},
                                            {"DQN_LEARNING_RATE", "1"}, {"PATH", "/bin"},
                                            {"TARS_ENV", "production"}, {"RBAC_ENABLED", "1"},
                                            {"OPENAI_API_KEY", "k"}};
  EXPECT_THAT(legacyVariablesPresent(env),
              ElementsAre("DQN_LEARNING_RATE", "JWT_SECRET", "RBAC_ENABLED", "REDIS_PASSWORD"));
}

}  // namespace
}  // namespace tars::config
